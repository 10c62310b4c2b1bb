"""The QR ledger keeps every printed code working: renames, withdrawals, reuse and deletions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import TODAY, edit

from ocop_site.content.ledger import entry_digest

LEDGER = Path("content/qr-ledger.yaml")


def build(cli) -> tuple[int, str, str]:
    return cli("build", "--content", "content", "--out", "out", "--today", TODAY)


def page(path: str) -> BeautifulSoup:
    return BeautifulSoup(Path("out/site", path, "index.html").read_text(encoding="utf-8"), "html.parser")


def ledger() -> list[dict]:
    return yaml.safe_load(LEDGER.read_text(encoding="utf-8"))


def stub_targets(code: str) -> tuple[str, str]:
    links = page(f"P/{code}").select("a[hreflang]")
    return links[0]["href"], links[1]["href"]


@pytest.fixture
def built(built_content):
    """content/ with two products, built into out/: a copy of one build per test process (tests/conftest.py)."""
    return built_content


def test_first_build_appends_every_code_and_a_rebuild_appends_none(built, cli):
    assert [(e["n"], e["code"], e["product"], str(e["issued"])) for e in ledger()] == [
        (1, "T-000", "product-000", TODAY), (2, "T-001", "product-001", TODAY)]
    before = LEDGER.read_text(encoding="utf-8")
    code, out, _err = build(cli)
    assert code == 0 and "QR ledger" not in out
    assert LEDGER.read_text(encoding="utf-8") == before


def test_stub_sends_each_language_to_the_product_and_works_without_script(built):
    stub = page("P/T-000")
    assert stub.select_one('meta[name="robots"]')["content"] == "noindex"
    assert stub.select_one('link[rel="canonical"]')["href"] == "https://ocop.example.vn/products/product-000/"
    # without a script the page cannot tell the visitor's language: it offers both (issue 16)
    assert stub.select_one("noscript") is None and not stub.select('meta[http-equiv="refresh"]')
    assert stub_targets("T-000") == ("../../products/product-000/", "../../en/products/product-000/")
    assert Path("out/site/p/t-000/index.html").read_bytes() == Path("out/site/P/T-000/index.html").read_bytes()


def test_a_renamed_product_keeps_its_code_and_its_old_address(built, cli):
    for old, new in [("products/product-000.yaml", "products/dau-phong.yaml"),
                     ("stories/product-000.vi.md", "stories/dau-phong.vi.md"),
                     ("stories/product-000.en.md", "stories/dau-phong.en.md"),
                     ("media/product-000", "media/dau-phong")]:
        shutil.move(Path("content", old), Path("content", new))
    code, out, err = build(cli)
    assert code == 0, err
    assert "QR ledger: 1 new entry appended to content/qr-ledger.yaml" in out
    issued = ledger()[-1]["issued"]
    assert ledger()[-1] == {"n": 3, "code": "T-000", "product": "dau-phong", "issued": issued,
                            "digest": entry_digest(ledger()[-2]["digest"], 3, "T-000", "dau-phong", issued)}
    assert stub_targets("T-000") == ("../../products/dau-phong/", "../../en/products/dau-phong/")
    assert page("products/product-000").select_one('meta[http-equiv="refresh"]')["content"] == \
        "0; url=../../products/dau-phong/"
    assert page("en/products/product-000").select_one("a")["href"] == "../../products/dau-phong/"


def test_a_withdrawn_product_lands_on_a_page_that_says_so(built, cli):
    edit(Path("content/products/product-001.yaml"), "featured: true", "featured: true\nwithdrawn: 2026-10-01")
    code, _out, err = build(cli)
    assert code == 0, err
    assert stub_targets("T-001")[0] == "../../products/product-001/"
    notice = page("products/product-001").select(".ocop-withdrawn p")
    assert [p["lang"] for p in notice] == ["vi", "en"]
    assert notice[0].get_text().startswith("Sản phẩm này không còn trong Chương trình OCOP từ ngày 01/10/2026.")
    assert notice[1].get_text().startswith("This product left the OCOP programme on 01/10/2026.")
    assert [a["href"] for a in page("products/product-001").select("a.ocop-card")] == ["../../products/product-000/"]
    for listing in ("", "catalogue", "groups/beverages", "stars/4"):
        assert not Path("out/site", listing, "index.html").is_file() or \
            not page(listing).select('a[href*="product-001"]'), listing


def test_reusing_a_ledgered_code_for_another_product_is_an_error(built, cli):
    edit(Path("content/products/product-000.yaml"), "code: T-000", "code: T-100")
    edit(Path("content/products/product-001.yaml"), "code: T-001", "code: T-000")
    code, _out, err = build(cli)
    assert code == 1
    assert err.startswith(
        "content/products/product-001.yaml:1: QR code 'T-000' was issued to 'product-000' "
        "(content/qr-ledger.yaml:6); a printed code is never reused for another product\n"
        "  Fix: give this product a new code\n")


def test_deleting_a_ledgered_product_is_an_error(built, cli):
    Path("content/products/product-001.yaml").unlink()
    code, _out, err = cli("validate", "--content", "content")
    assert code == 1
    assert "content/qr-ledger.yaml:11: QR code 'T-001' leads to product 'product-001', which no longer exists: " \
        "printed codes would stop working\n  Fix: keep content/products/product-001.yaml (or rename it keeping " \
        "its code) and add 'withdrawn: YYYY-MM-DD' to withdraw it\n" in err


def test_deleting_a_ledger_entry_is_an_error_naming_the_line(built, cli):
    from content_factory import write_product

    write_product(built, "product-002", 2)
    assert build(cli)[0] == 0
    text = LEDGER.read_text(encoding="utf-8")
    entry = text[text.index("- n: 2\n"):text.index("- n: 3\n")]
    assert entry.startswith("- n: 2\n  code: T-001\n  product: product-001\n  issued: 2026-11-22\n  digest: ")
    LEDGER.write_text(text.replace(entry, ""), encoding="utf-8")
    code, _out, err = cli("validate", "--content", "content")
    assert (code, err.splitlines()[:2]) == (1, [
        "content/qr-ledger.yaml:11: ledger entry 2 is missing (numbers jump from 1 to 3)",
        "  Fix: ledger entries are never deleted: restore them from version control "
        "(git checkout -- content/qr-ledger.yaml)"])


def test_deleting_the_last_ledger_entry_is_caught_by_the_last_build(built, cli):
    text = LEDGER.read_text(encoding="utf-8")
    LEDGER.write_text(text[:text.index("- n: 2")], encoding="utf-8")
    code, _out, err = build(cli)
    assert code == 1
    assert err.startswith(
        "content/products/product-001.yaml:1: QR code 'T-001' is missing from content/qr-ledger.yaml, but the "
        "last build (out/site) answered it: its ledger entry was deleted\n")


def test_a_ledgered_record_with_its_own_error_is_not_also_called_gone(built, cli):
    edit(Path("content/products/product-000.yaml"), "stars: 3", "stars: 9")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert code == 1
    assert "qr-ledger.yaml" not in err
    assert err.splitlines()[-1] == "1 error"
    assert err.startswith("content/products/product-000.yaml:")
