"""`ocop-site import`: draft records from the department's list (.csv and .xlsx), old addresses mapped
to today's communes where certain, existing records never overwritten."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import edit

from ocop_site.content.records import CODE_PATTERN
from ocop_site.importer.addresses import place
from ocop_site.importer.columns import match_headers
from ocop_site.model.loader import load_catalog

FIXTURE = Path(__file__).parent / "fixtures" / "ocop-list.csv"
DRAFTS = ["toi-ly-son", "tinh-dau-que-tra-bong", "mach-nha-thi-pho", "duong-phoi-pho-phong"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_creates_draft_records_that_pass_validation(content, cli):
    before = _snapshot(content)
    code, out, err = cli("import", str(FIXTURE), "--content", "content")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:4] == [
        "row 4 'Tỏi Lý Sơn' → content/products/toi-ly-son.yaml: created as a draft",
        "  mapped: group: 'Thực phẩm' → food",
        "  mapped: producer.kind: 'HTX Nông nghiệp tổng hợp An Hải' → cooperative",
        "  mapped: locality.commune: 'thôn Đông, xã Bình Sơn, huyện Lý Sơn, tỉnh Quảng Ngãi' → 'Đặc khu Lý Sơn' "
        "(the whole former district became it)",
    ]
    assert "  mapped: locality.commune: 'Thôn 1, Xã Trà Bồng, tỉnh Quảng Ngãi' → 'Xã Trà Bồng' (already today's name)" \
        in lines
    assert "  needs a person: producer.kind: 'Cơ sở mạch nha Thi Phổ' does not say enterprise, cooperative, " \
        "cooperative group or household business" in lines
    assert "  needs a person: locality.commune: 'thôn Vĩnh An, xã Phổ Phong, thị xã Đức Phổ' names no commune, ward " \
        "or special zone of today: find the unit it belongs to since July 2025" in lines
    assert "  needs a person: group: 'Đặc sản' is not one of the six OCOP groups" in lines
    assert lines[-2:] == [
        "6 rows: 4 new drafts, 0 unchanged, 1 differing from their record, 1 skipped; 5 things need a person",
        "Next: 'ocop-site report' lists what each draft still lacks.",
    ]
    for slug in DRAFTS:
        assert (content / "products" / f"{slug}.yaml").is_file()
        assert (content / "stories" / f"{slug}.vi.md").read_text(encoding="utf-8").count("\n## ") == 4
        assert (content / "media" / slug).is_dir()
    record = yaml.safe_load((content / "products" / "toi-ly-son.yaml").read_text(encoding="utf-8"))
    assert record["draft"] is True
    assert re.match(CODE_PATTERN, record["code"]) and record["code"] == "TOI-LY-SON"
    assert record["name"] == {"vi": "Tỏi Lý Sơn", "en": ""}
    assert (record["group"], record["stars"]) == ("food", 5)
    assert record["certificate"] == {"decision": "123/QĐ-UBND", "recognized": dt.date(2024, 7, 14)}
    assert record["locality"] == {"commune": "Đặc khu Lý Sơn", "former_district": "Huyện Lý Sơn"}
    pending = yaml.safe_load((content / "products" / "mach-nha-thi-pho.yaml").read_text(encoding="utf-8"))
    assert pending["locality"] == {"commune": "", "former_district": "Huyện Mộ Đức"}
    assert "kind" not in pending["producer"]
    # the existing records are untouched, the drafts validate, and they are not published
    assert all((Path(path).read_bytes() == data) for path, data in before.items())
    assert cli("validate", "--content", "content") == (0, "2 products, no errors\n", "")
    catalog = load_catalog(content, today=dt.date(2026, 11, 22))
    assert sorted(catalog.products) == ["product-000", "product-001"]
    assert sorted(code for code, _ in catalog.codes.new_entries) == ["T-000", "T-001"]  # drafts get no QR code yet



def test_a_line_break_in_the_sheets_file_name_stays_in_its_comment(content, cli, tmp_path):
    """The file name goes into the draft's first comment: a line break in it (or a Unicode one, which PyYAML
    also takes for a new line) must not end the comment and turn the rest of the name into YAML."""
    sheet = tmp_path / "danh\nsách\u2028mới.csv"
    sheet.write_text("Tên sản phẩm,Chủ thể,Địa chỉ,Hạng sao,Số quyết định,Ngày quyết định\n"
                     "Mạch nha Thi Phổ,Cơ sở mạch nha Thi Phổ,Phường Cẩm Thành,4,456/QĐ-UBND,15/03/2025\n",
                     encoding="utf-8")
    code, _, err = cli("import", str(sheet), "--content", "content")
    assert code == 0, err
    draft = (content / "products" / "mach-nha-thi-pho.yaml").read_text(encoding="utf-8")
    assert draft.split("\n")[0] == "# Imported by 'ocop-site import' from danh sách mới.csv, row 2."
    assert yaml.safe_load(draft)["draft"] is True
    assert cli("validate", "--content", "content")[0] == 0


def test_a_file_named_xlsx_that_is_no_workbook_is_a_usage_error(content, cli, tmp_path):
    """Not a zip at all (a workbook is one): said as such, exit 2, not 'the generator failed' (exit 3)."""
    sheet = tmp_path / "danh-sách.xlsx"
    sheet.write_bytes("PK\x03\x04 hỏng".encode())
    assert cli("import", str(sheet), "--content", "content") == (
        2, "", f"ocop-site: {sheet} is not a readable .xlsx workbook (File is not a zip file)\n")
    assert cli("import", str(sheet), "--content", "content", "--lang", "vi") == (
        2, "", f"ocop-site: {sheet} không phải là bảng tính .xlsx đọc được (File is not a zip file)\n")

def test_reimport_changes_no_record_and_lists_differences(content, cli):
    assert cli("import", str(FIXTURE), "--content", "content")[0] == 0
    edit(content / "products" / "toi-ly-son.yaml", 'en: ""', "en: Lý Sơn garlic")  # an editor's work goes on
    before = _snapshot(content)
    code, out, err = cli("import", str(FIXTURE), "--content", "content")
    assert code == 0, err
    assert _snapshot(content) == before
    lines = out.splitlines()
    assert "row 4 'Tỏi Lý Sơn' → content/products/toi-ly-son.yaml: exists, same as the sheet: not changed" in lines
    index = lines.index("row 8 'Đường phổi Đức Phổ số 0' → content/products/product-000.yaml: exists, not changed; "
                        "the sheet differs:")
    assert lines[index + 1:index + 3] == ["  stars: the record has 3, the sheet has 4", "row 9 '': skipped"]
    assert lines[-1] == "6 rows: 0 new drafts, 4 unchanged, 1 differing from their record, 1 skipped; " \
        "1 thing needs a person"


def test_dry_run_writes_nothing(content, cli):
    before = _snapshot(content)
    code, out, err = cli("import", str(FIXTURE), "--content", "content", "--dry-run")
    assert code == 0, err
    assert out.splitlines()[0] == "row 4 'Tỏi Lý Sơn' → content/products/toi-ly-son.yaml: would be created as a draft"
    assert out.splitlines()[-1] == "Dry run: nothing was written."
    assert _snapshot(content) == before
    assert not (content / "media" / "toi-ly-son").exists()


def test_xlsx_with_english_headers_title_rows_and_date_cells(content, cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["OCOP products recognised in 2025 (illustrative test data)"])
    sheet.append(["No.", "PRODUCT NAME", "Producer", "Address", "Star rating", "Decision number", "Decision date",
                  "Category"])
    sheet.append([1, "Nước mắm Sa Huỳnh", "Hợp tác xã Dịch vụ tổng hợp Sa Huỳnh", "Phường Sa Huỳnh", 4,
                  "2001/QĐ-UBND", dt.datetime(2025, 9, 30), "Food"])
    sheet.append([2, "Sâm Ngọc Linh", "Công ty Cổ phần Sâm Ngọc Linh", "xã Trà Linh, huyện Nam Trà My, tỉnh Quảng Nam",
                  "5 sao", 2002, "1/10/2025", "herbal"])
    workbook.save(tmp_path / "list.xlsx")
    code, out, err = cli("import", str(tmp_path / "list.xlsx"), "--content", "content")
    assert code == 0, err
    assert "row 3 'Nước mắm Sa Huỳnh' → content/products/nuoc-mam-sa-huynh.yaml: created as a draft" in out
    record = yaml.safe_load((content / "products" / "nuoc-mam-sa-huynh.yaml").read_text(encoding="utf-8"))
    assert record["certificate"]["recognized"] == dt.date(2025, 9, 30)
    assert (record["group"], record["stars"], record["locality"]["commune"]) == ("food", 4, "Phường Sa Huỳnh")
    ginseng = yaml.safe_load((content / "products" / "sam-ngoc-linh.yaml").read_text(encoding="utf-8"))
    assert ginseng["certificate"] == {"decision": "2002", "recognized": dt.date(2025, 10, 1)}
    assert ginseng["producer"]["kind"] == "enterprise"
    assert cli("validate", "--content", "content")[0] == 0


def test_missing_required_column_is_a_usage_error(content, cli, tmp_path):
    sheet = tmp_path / "list.csv"
    sheet.write_text("STT;Tên sản phẩm;Chủ thể;Địa chỉ;Hạng sao;Số QĐ\n1;Tỏi Lý Sơn;HTX An Hải;huyện Lý Sơn;5;12\n",
                     encoding="utf-8")
    before = _snapshot(content)
    assert cli("import", str(sheet), "--content", "content") == (
        2, "", f"ocop-site: {sheet}: no header row with the required columns; missing 'Ngày quyết định' (or: "
               "'Ngày QĐ', 'Ngày công nhận', 'Ngày ký', 'Decision date', 'Date of decision', 'Recognized', 'Date'). "
               "Accepted names: docs/report-and-import.md\n")
    assert _snapshot(content) == before
    assert cli("import", str(tmp_path / "list.ods"), "--content", "content")[0] == 2


def test_headers_match_ignoring_case_diacritics_and_spacing():
    assert match_headers(["stt", "TÊN SẢN PHẨM", " ten  san pham ", "Chu the", "Địa-chỉ", "Hạng Sao", "số qđ",
                          "NGAY QUYET DINH", "Phân nhóm", None]) == {
        "number": 0, "name": 1, "producer": 3, "address": 4, "stars": 5, "decision": 6, "date": 7, "group": 8}


@pytest.mark.parametrize(("address", "commune", "former", "note"), [
    ("thôn Đông, xã Bình Sơn, huyện Lý Sơn", "Đặc khu Lý Sơn", "Huyện Lý Sơn", "(the whole former district became it)"),
    ("huyện Lý Sơn", "Đặc khu Lý Sơn", "Huyện Lý Sơn", "(the whole former district became it)"),
    ("Thôn An Hải, Đặc khu Lý Sơn", "Đặc khu Lý Sơn", None, "(already today's name)"),
    ("12 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi", "Phường Cẩm Thành", None, "(already today's name)"),
    ("thôn Mỹ Lai, xã Tịnh Khê, TP. Quảng Ngãi", None, "Thành phố Quảng Ngãi", "maybe 'Xã Tịnh Khê' (same name)"),
    ("tổ 5, thị trấn Ba Tơ, huyện Ba Tơ", None, "Huyện Ba Tơ", "maybe 'Xã Ba Tơ' (same name)"),  # not Xã Ba Tô
    ("TT Châu Ổ, H.Bình Sơn", None, "Huyện Bình Sơn", "names no commune, ward or special zone of today"),
])
def test_addresses_map_to_todays_commune_only_when_certain(address, commune, former, note):
    placement = place(address)
    assert (placement.commune, placement.former_district) == (commune, former)
    assert note in placement.note.said("en") and placement.note.key == "locality.commune"


def test_a_draft_is_still_checked_for_what_it_has(content, cli):
    assert cli("import", str(FIXTURE), "--content", "content")[0] == 0
    record = content / "products" / "toi-ly-son.yaml"
    edit(record, "stars: 5", "stars: 7")
    edit(record, 'commune: "Đặc khu Lý Sơn"', 'commune: "Huyện Lý Sơn"')
    code, _, err = cli("validate", "--content", "content")
    assert code == 1
    assert "content/products/toi-ly-son.yaml:10: 'stars' must be 3, 4 or 5, got 7\n" in err
    assert "content/products/toi-ly-son.yaml:22: 'Huyện Lý Sơn' is not a commune, ward or special zone of Quảng Ngãi " \
        "(did you mean 'Đặc khu Lý Sơn'?)" in err
    # once 'draft: true' goes, everything the sheet lacked is an error again
    edit(record, "draft: true\n", "")
    edit(record, "stars: 7", "stars: 5")
    edit(record, 'commune: "Huyện Lý Sơn"', 'commune: "Đặc khu Lý Sơn"')
    code, _, err = cli("validate", "--content", "content")
    assert code == 1
    assert "content/products/toi-ly-son.yaml:7: 'name.en' is empty" in err
    assert "content/stories/toi-ly-son.en.md:3: section '## Origin' is empty" in err


def test_every_accepted_column_name_is_documented():
    from ocop_site.importer.columns import COLUMNS

    repo = Path(__file__).resolve().parent.parent
    docs = (repo / "docs" / "report-and-import.md").read_text(encoding="utf-8")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert [name for column in COLUMNS for name in column.names if f"`{name}`" not in docs] == []
    assert "`ocop-site import FILE [--content DIR] [--dry-run]`" in readme
    assert "`ocop-site report [--content DIR] [--out DIR] [--min-words N]`" in readme
