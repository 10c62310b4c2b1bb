"""The official list of communes, read from the data file vietnam-provinces ships, is the list its own API gives."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from vietnam_provinces import ProvinceCode, Ward

from ocop_site.content.localities import PROVINCE, official_codes


def test_the_communes_are_the_packages_own_list_in_its_order() -> None:
    wards = list(Ward.iter_by_province(ProvinceCode(PROVINCE)))
    assert len(wards) == 96
    assert list(official_codes().items()) == [(unicodedata.normalize("NFC", w.name), int(w.code)) for w in wards]
    assert official_codes()["Xã Ba Tô"] == 21523 and official_codes()["Đặc khu Lý Sơn"] in official_codes().values()


def test_validating_does_not_load_the_packages_ward_enums() -> None:
    code = ("import sys; from ocop_site.content.localities import official_codes; official_codes();"
            "print(sorted(m for m in sys.modules if m.startswith('vietnam_provinces')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
