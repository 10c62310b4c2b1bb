"""Locality pages: one address per official commune, even for names that differ only in diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_site.content.localities import official_names
from ocop_site.files import write_tree
from ocop_site.targets.site.urls import locality_page


def test_every_official_commune_has_its_own_address() -> None:
    pages = [locality_page(name) for name in official_names()]
    assert len(set(pages)) == len(pages) == len(official_names())


@pytest.mark.parametrize(("commune", "page"), [
    ("Đặc khu Lý Sơn", "localities/dac-khu-ly-son/"),
    ("Phường Sa Huỳnh", "localities/phuong-sa-huynh/"),
    ("Xã Ba Tô", "localities/xa-ba-to-21523/"),
    ("Xã Ba Tơ", "localities/xa-ba-to-21484/"),
    ("Xã Sơn Hà", "localities/xa-son-ha-21289/"),
    ("Xã Sơn Hạ", "localities/xa-son-ha-21292/"),
])
def test_names_alike_without_diacritics_add_their_ward_code(commune: str, page: str) -> None:
    assert locality_page(commune) == page


def test_a_page_generated_twice_is_an_error(tmp_path: Path) -> None:
    pages = iter([("localities/xa-ba-to.md", "Ba Tô"), ("localities/xa-ba-to.md", "Ba Tơ")])
    with pytest.raises(ValueError) as error:
        write_tree(tmp_path, pages)
    assert str(error.value) == f"{tmp_path}/localities/xa-ba-to.md was generated twice"
