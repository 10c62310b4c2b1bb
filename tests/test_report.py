"""`ocop-site report`: each kind of finding on fixture content, in the terminal and in the HTML page
written outside the public site; content with errors is still reported on."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, edit
from content_factory import product_record, write_product

from ocop_site.content.ledger import append_entries

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _section(out: str, title: str) -> list[str]:
    """The lines of one block of the terminal report, from its title line to the blank line after it."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def _findings(page: BeautifulSoup, kind: str) -> list[str]:
    return [" | ".join(td.get_text(" ", strip=True) for td in row.select("td"))
            for row in page.select(f"section#{kind} tbody tr")]


@pytest.fixture
def troubled(content: Path) -> Path:
    """Valid content with one problem of each kind the report lists."""
    stories = content / "stories"
    edit(stories / "product-000.en.md", "## Community benefit\n\nSugar making gives work to many families in the "
         "village.\n", "")  # optional, so still valid: a translation gap
    edit(content / "products" / "product-000.yaml", "recognized: '2025-03-15'", "recognized: '2023-12-10'")
    edit(content / "products" / "product-001.yaml", "recognized: '2025-03-15'", "recognized: '2023-01-02'")
    draft = product_record(2) | {"draft": True, "images": []}
    draft["name"] = {"vi": "Mạch nha Thi Phổ", "en": ""}
    write_product(content, "product-002", 2, record=draft)
    append_entries(content / "qr-ledger.yaml", [("T-000", "product-000")], dt.date(2026, 1, 5), start=1)
    return content


def test_report_lists_each_kind_of_finding(troubled, cli):
    assert cli("validate", "--content", "content")[0] == 0  # every finding here is on valid content
    code, out, err = cli("report", "--content", "content", "--out", "out", "--today", TODAY, "--min-words", "70")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Report on content for 2026-11-22: 2 products, 1 draft"
    assert _section(out, "Translation gaps") == [
        "Translation gaps / Thiếu bản dịch: 2",
        "  content/stories/product-000.en.md:1: section '## Community benefit' is missing or empty; the Vietnamese "
        "story has '## Lợi ích cộng đồng'",
        "  content/products/product-002.yaml:4: 'name' has Vietnamese but no English",
    ]
    assert _section(out, "Photos and alt text") == [
        "Photos and alt text / Ảnh và mô tả ảnh: 1", "  content/products/product-002.yaml:27: no photos"]
    assert _section(out, "Certificates") == [
        "Certificates expired or expiring within 30 days / Giấy chứng nhận hết hạn hoặc sắp hết hạn (30 ngày): 2",
        "  content/products/product-000.yaml:13: certificate 100/QĐ-UBND expires on 2026-12-10, in 18 days: tell the "
        "producer",
        "  content/products/product-001.yaml:13: certificate 101/QĐ-UBND expired on 2026-01-02 (324 days ago)",
    ]
    assert _section(out, "Stories under 70 words") == [
        "Stories under 70 words / Câu chuyện quá ngắn: 3",
        "  content/stories/product-000.en.md:1: the English story has 59 words (minimum 70)",
        "  content/stories/product-001.en.md:1: the English story has 69 words (minimum 70)",
        "  content/stories/product-002.en.md:1: the English story has 69 words (minimum 70)",
    ]
    assert _section(out, "Drafts") == [
        "Drafts (not published) / Bản nháp chưa xuất bản: 1",
        "  content/products/product-002.yaml:1: still lacks images, name.en",
    ]
    assert _section(out, "QR codes issued") == [
        "QR codes issued / Mã QR đã cấp: 1",
        "  T-000 → product-000 (issued 2026-01-05)",
        "  not issued yet, the next build issues: T-001 → product-001",  # the draft gets none
    ]
    assert _section(out, "Content errors") == ["Content errors / Lỗi nội dung: none"]
    assert out.splitlines()[-1] == "HTML report: out/report/index.html"

    page_file = Path("out/report/index.html")
    assert not Path("out/site").exists()  # never inside the public site
    page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "vi"
    # each finding in Vietnamese, then in English
    assert _findings(page, "photos") == ["product-002 | content/products/product-002.yaml:27 | chưa có ảnh / no photos"]
    assert _findings(page, "certificates")[1] == (
        "product-001 | content/products/product-001.yaml:13 | giấy chứng nhận 101/QĐ-UBND đã hết hạn ngày 2026-01-02 "
        "(324 ngày trước) / certificate 101/QĐ-UBND expired on 2026-01-02 (324 days ago)")
    assert [len(_findings(page, kind)) for kind in ("translation", "short", "drafts")] == [2, 3, 1]
    assert _findings(page, "qr") == ["1 | T-000 | product-000 | 2026-01-05"]
    assert "T-001" in page.select_one("section#qr p").get_text()
    assert page.select_one("section#errors .count").get_text() == "0"
    assert not page.select("script, link, img, [src]")  # self-contained: nothing is fetched
    first = page_file.read_bytes()
    cli("report", "--content", "content", "--out", "out", "--today", TODAY, "--min-words", "70")
    assert page_file.read_bytes() == first  # same input, same page


def test_report_still_reports_on_content_with_errors(content, cli):
    edit(content / "stories" / "product-000.en.md", "## Origin\n\nSugar cane grows on the river flats; the sugar is "
         "boiled from the pressed juice.\n", "")  # a required section: validation fails
    edit(content / "products" / "product-001.yaml", "en: Golden sugar cakes", "en: ''")
    code, out, err = cli("report", "--content", "content", "--out", "out", "--today", TODAY)
    assert (code, err) == (0, "")
    assert "  content/stories/product-000.en.md:1: section '## Origin' is missing or empty; the Vietnamese story has " \
        "'## Nguồn gốc'" in _section(out, "Translation gaps")
    assert _section(out, "Photos and alt text") == [
        "Photos and alt text / Ảnh và mô tả ảnh: 1",
        "  content/products/product-001.yaml:31: photo 1 (hero.jpg) has no alt text in English"]
    assert _section(out, "Content errors") == [
        "Content errors / Lỗi nội dung: 2",
        "  content/products/product-001.yaml:31: image 1 has no alt text in English",
        "    Fix: describe what the photo shows for people who cannot see it: add 'en:' under 'alt:'",
        "  content/stories/product-000.en.md:1: missing required section '## Origin'",
        "    Fix: add the heading and its text; required sections, in order: '## Origin', '## Production process', "
        "'## Cultural imprint'",
        "  The site cannot be built until these are fixed ('ocop-site validate' lists them too).",
    ]
    page = BeautifulSoup(Path("out/report/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [row.select("td")[1].get_text() for row in page.select("section#errors tbody tr")] == [
        "ảnh 1 chưa có lời mô tả bằng tiếng Anh / image 1 has no alt text in English",
        "thiếu mục bắt buộc '## Origin' / missing required section '## Origin'"]


def test_report_on_imported_drafts_lists_what_they_lack(content, cli):
    fixture = Path(__file__).parent / "fixtures" / "ocop-list.csv"
    assert cli("import", str(fixture), "--content", "content")[0] == 0
    code, out, _ = cli("report", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 0
    drafts = _section(out, "Drafts")
    assert drafts[0] == "Drafts (not published) / Bản nháp chưa xuất bản: 4"
    assert "  content/products/mach-nha-thi-pho.yaml:1: still lacks coordinates, images, locality.commune, name.en, " \
        "producer.kind, summary.en, summary.vi, '## Nguồn gốc' (Vietnamese), '## Quy trình sản xuất' (Vietnamese), " \
        "'## Dấu ấn văn hóa' (Vietnamese), '## Origin' (English), '## Production process' (English), " \
        "'## Cultural imprint' (English)" in drafts
    assert "  content/products/mach-nha-thi-pho.yaml:16: certificate 456/QĐ-UBND expires on 2026-12-02, in 10 days: " \
        "tell the producer" in _section(out, "Certificates")


def test_report_needs_a_products_folder(content, cli):
    shutil.rmtree(content / "products")
    assert cli("report", "--content", "content", "--out", "out") == (
        1, "", "content/products:1: the products folder is missing\n  Fix: create it and add a record with "
               "'ocop-site new product SLUG'\n1 error\n")
    assert cli("report", "--content", "content", "--min-words", "0")[0] == 2


def test_report_page_is_valid_html(troubled, cli):
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu HTML checker needs java and node_modules/vnu-jar (scripts/test.sh installs both)")
    assert cli("report", "--content", "content", "--out", "out", "--today", TODAY)[0] == 0
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "out/report/index.html"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert json.loads(result.stderr or '{"messages": []}')["messages"] == []
