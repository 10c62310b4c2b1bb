"""An expired certificate is never printed, shown at the kiosk or listed in the catalogue booklet as a
valid OCOP product (issue 15, part 6): flyers, brochures and its packaging label say it expired instead
of its stars (its press kit next to them), and so does its share card; the kiosk, the booklet and the
label sheets leave it out; validate, build (also when nothing changed) and report warn."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import TODAY, edit
from pdf_tools import pdf_text

from ocop_site.model.loader import load_catalog
from ocop_site.model.vocabulary import GROUPS
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.share.cards import share_card
from ocop_site.targets.share.files import render_share_cards

EXPIRED_LINE = 14  # 'expires:' in product-001's record once written below
WARNING = (
    "warning: content/products/product-001.yaml:{line}: the OCOP certificate 101/QĐ-UBND expired on {date}: the "
    "kiosk and the catalogue booklet leave the product out, and its page, flyer and brochure say the certificate "
    "has expired\n"
    "  Fix: if it was renewed, write the new decision's 'decision', 'recognized' and 'expires'; if the product "
    "left the programme, add 'withdrawn: YYYY-MM-DD'\n")


def expire(record: Path, day: str) -> int:
    """Give the record an explicit 'expires' date; return its line."""
    edit(record, "  recognized: '2025-03-15'\n", f"  recognized: '2025-03-15'\n  expires: {day}\n")
    return record.read_text(encoding="utf-8").splitlines().index(f"  expires: {day}") + 1


def test_validate_warns_at_expires_or_else_at_recognized(content, cli):
    record = Path("content/products/product-001.yaml")
    code, out, err = cli("validate", "--content", "content", "--today", "2028-03-16")  # 36 months after recognition
    assert (code, out) == (0, "2 products, no errors\n")
    recognized = record.read_text(encoding="utf-8").splitlines().index("  recognized: '2025-03-15'") + 1
    assert err == (WARNING.format(line=recognized, date="2028-03-15").replace("product-001", "product-000")
                   .replace("101/QĐ-UBND", "100/QĐ-UBND") + WARNING.format(line=recognized, date="2028-03-15"))
    line = expire(record, "2026-06-30")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (0, WARNING.format(line=line, date="2026-06-30"))
    assert cli("validate", "--content", "content", "--today", "2026-06-30")[2] == ""  # its last valid day
    edit(Path("content/products/product-001.yaml"), "code: T-001", "code: T-001\nwithdrawn: 2026-07-01")
    assert cli("validate", "--content", "content", "--today", TODAY)[2] == ""  # withdrawn: not listed anywhere


def test_an_expired_product_is_not_offered_as_certified_in_print_or_at_the_kiosk(content, cli):
    line = expire(Path("content/products/product-001.yaml"), "2026-06-30")
    assert line == EXPIRED_LINE
    code, out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 0, err
    assert err == WARNING.format(line=line, date="2026-06-30")
    site = Path("out/site")

    # flyers and brochures: still made (the product page links them) but say the certificate expired
    for kind in ("flyer-a5", "brochure-a4"):
        vi = pdf_text(site / f"print/product-001/product-001-{kind}-vi.pdf")
        en = pdf_text(site / f"print/product-001/product-001-{kind}-en.pdf")
        assert "Giấy chứng nhận OCOP hết hạn ngày 30/06/2026" in vi, kind
        assert "OCOP certificate expired on 30 June 2026" in en, kind
        assert not re.search(r"OCOP \d sao", vi) and "star OCOP" not in en, kind
        # the valid product next to it keeps its stars
        assert "OCOP 3 sao" in pdf_text(site / f"print/product-000/product-000-{kind}-vi.pdf"), kind
        assert "3-star OCOP" in pdf_text(site / f"print/product-000/product-000-{kind}-en.pdf"), kind

    # the catalogue booklets list the valid product only
    vi, en = pdf_text(site / "print/catalogue-vi.pdf"), pdf_text(site / "print/catalogue-en.pdf")
    assert "Đường phổi Đức Phổ số 0" in vi and "Đức Phổ lung sugar no. 0" in en
    # (the name, not "số 1": the booklet's page on reading a label shows "Quyết định số 100/QĐ-UBND")
    assert "Đức Phổ số 1" not in vi and "lung sugar no. 1" not in en
    assert "1 sản phẩm" in vi and "2 sản phẩm" not in vi

    # its packaging label says so instead of the stars, and the label sheets for print shops leave it out
    label = pdf_text(site / "qr/T-001.pdf")
    assert "GCN OCOP hết hạn 30/06/2026 / OCOP certificate expired" in label and not re.search(r"OCOP \d sao", label)
    for sheet in ("all", "food", "beverages"):
        text = pdf_text(site / f"qr/sheets/{sheet}.pdf")
        assert "T-001" not in text and "no. 1" not in text, sheet
    assert "T-000" in pdf_text(site / "qr/sheets/all.pdf")

    # its press kit and press page say the certificate expired next to the rating
    with zipfile.ZipFile(site / "press/product-001/product-001-press-kit.zip") as archive:
        kit = archive.read("product-001-press-kit/press-kit.vi.txt").decode("utf-8")
    assert "- Hạng OCOP: 4 sao, nhưng giấy chứng nhận đã hết hạn ngày 30/06/2026\n" in kit
    press = BeautifulSoup((site / "en/press/product-001/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "4 stars, but the certificate expired on 30/06/2026" in press.get_text()

    # the kiosk: neither language shows or precaches it
    for folder in ("kiosk", "en/kiosk"):
        kiosk = BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        views = {view["data-view"] for view in kiosk.select(".kiosk-view[data-view^='products/']")}
        assert "products/product-000" in views
        assert not {view for view in views if view.startswith("products/product-001")}, folder
        assert not kiosk.select("[href*='product-001']"), folder
        assert "T-001" not in (site / folder / "sw.js").read_text(encoding="utf-8")
        assert "Đường phổi Đức Phổ số 1" not in kiosk.get_text() and "lung sugar no. 1" not in kiosk.get_text()

    # a rebuild with nothing changed still says so
    code, out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert "Nothing changed since the last build" in out
    assert (code, err) == (0, WARNING.format(line=line, date="2026-06-30"))

    # and the report lists it with the same line
    code, out, err = cli("report", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 0, err
    assert f"  content/products/product-001.yaml:{line}: certificate 101/QĐ-UBND expired on 2026-06-30 " \
           "(145 days ago)\n" in out


def test_the_share_card_is_drawn_again_the_day_after_the_certificate_ends(content, tmp_path):
    """The card job's key holds the expiry: a card drawn with stars on the certificate's last day is not
    taken from the render cache the day after, and what is drawn then is what a fresh cache draws."""
    expire(Path("content/products/product-001.yaml"), "2026-06-30")
    last_day = load_catalog(content, today=dt.date(2026, 6, 30))
    day_after = load_catalog(content, today=dt.date(2026, 7, 1))
    cache, said = OutputCache(tmp_path / "cache"), []

    def cards(catalog, cache: OutputCache) -> dict[str, bytes]:
        return {url: path.read_bytes() for url, path in render_share_cards(catalog, cache, said.append).items()}

    before, after = cards(last_day, cache), cards(day_after, cache)
    assert [re.sub(r" \(\d+\.\d s\)$", "", line) for line in said] == [
        "Share cards: 4 (4 drawn)", "Share cards: 4 (2 drawn)"]
    for language in ("vi", "en"):
        assert after[f"share/product-000.{language}.jpg"] == before[f"share/product-000.{language}.jpg"]
        assert after[f"share/product-001.{language}.jpg"] != before[f"share/product-001.{language}.jpg"], language
    assert cards(day_after, OutputCache(tmp_path / "fresh")) == after  # a separate cache draws the same
    product = day_after.products["product-001"]
    assert after["share/product-001.vi.jpg"] == share_card(
        product.name("vi"), product.name("en"), 4, product.record.locality.commune,
        GROUPS[product.record.group.value]["vi"], day_after.site.title.vi, product.image_path(0), "vi",
        expired=dt.date(2026, 6, 30))
    cards(day_after, cache)
    assert said[-1].startswith("Share cards: 4 (0 drawn) (")  # and from then on it is taken from the cache


def test_a_rebuild_on_a_later_date_publishes_the_share_card_with_the_expiry(content, cli, tmp_path, monkeypatch):
    """The whole build, twice on the same content and output folder, the second the day after the last
    valid day: the published card of the expired product changes, the valid product's does not."""
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "cache"))  # its own, so the first build draws every card
    expire(Path("content/products/product-001.yaml"), "2026-06-30")
    published, drawn = {}, []
    for today in ("2026-06-30", "2026-07-01"):
        code, out, err = cli("build", "--content", "content", "--out", "out", "--today", today)
        assert code == 0, err
        published[today] = {path.name: path.read_bytes() for path in Path("out/site/share").iterdir()}
        drawn += re.findall(r"Share cards: 4 \((\d) drawn\)", out)
    assert drawn == ["4", "2"]
    before, after = published["2026-06-30"], published["2026-07-01"]
    assert sorted(after) == ["product-000.en.jpg", "product-000.vi.jpg", "product-001.en.jpg", "product-001.vi.jpg"]
    assert [name for name in after if after[name] != before[name]] == ["product-001.en.jpg", "product-001.vi.jpg"]
