"""The CLI speaks Vietnamese to a Vietnamese editor (issue 19): `LANG=vi_VN.UTF-8 ocop-site validate` on a
content folder with one error of each kind prints every message in Vietnamese with its Fix ("Cách sửa:");
`--lang` chooses; the English texts are asserted by test_validation.py and the other tests."""

from __future__ import annotations

import argparse
import base64
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, edit
from content_factory import product_record, write_content, write_photo, write_product, write_site

from ocop_site.cli import failure_message
from ocop_site.content.captions import CaptionError, parse_captions
from ocop_site.i18n import locale_language, t
from ocop_site.pipeline.workspace import BuildLocked
from ocop_site.problems import problem

ROOT = Path(__file__).resolve().parent.parent
WARNING = "cảnh báo: "

# product → (how its record or story is broken, the exact Vietnamese message and Fix that follow "path:line: ")
KINDS: dict[str, tuple[tuple[str, str, str], str]] = {
    "product-000": (("yaml", "group: food", "group: [food"),
                    "6: lỗi cú pháp YAML: danh sách trong ngoặc vuông chưa được đóng: cần ',' hoặc ']' nhưng lại "
                    "gặp dấu ':'\n"
                    "  Cách sửa: kiểm tra thụt lề và dấu nháy ở dòng này và dòng phía trên; nội dung có chứa ': ' "
                    "hoặc bắt đầu bằng một ký hiệu cần đặt trong dấu nháy"),
    "product-001": (("yaml", "stars: 4", "stras: 4"),
                    "6: khóa 'stras' không có trong mẫu (có phải là 'stars'?)\n"
                    "  Cách sửa: đổi tên khóa thành 'stars', hoặc xóa khóa này"),
    "product-002": (("yaml", "stars: 5", "stars: 6"),
                    "6: 'stars' phải là 3, 4 hoặc 5, nhưng đang ghi 6\n"
                    "  Cách sửa: sản phẩm OCOP được xếp hạng từ 3 đến 5 sao (5 sao là cấp quốc gia)"),
    "product-003": (("yaml", "stars: 3", "stars: ba"),
                    "6: 'stars' phải là số nguyên, nhưng đang ghi 'ba'\n  Cách sửa: chỉ ghi chữ số, ví dụ 4"),
    "product-004": (("yaml", "recognized: '2025-03-15'", "recognized: 2025-02-30"),
                    "13: 'certificate.recognized' không phải là ngày hợp lệ: tháng 2 năm 2025 chỉ có 28 ngày, "
                    "không có ngày 30\n"
                    "  Cách sửa: kiểm tra lại ngày và tháng: ngày tháng ghi theo thứ tự năm-tháng-ngày"),
    "product-005": (("yaml", "recognized: '2025-03-15'", "recognized: 15/03/2025"),
                    "13: 'certificate.recognized' không phải là ngày hợp lệ: '15/03/2025'\n"
                    "  Cách sửa: ghi ngày tháng theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2024-05-12"),
    "product-006": (("yaml", "group: food", "group: fod"),
                    "5: 'group' phải là một trong các giá trị food, beverages, herbal, textiles, souvenirs, tourism; "
                    "nhưng đang ghi 'fod' (có phải là 'food'?)\n  Cách sửa: ghi 'food'"),
    "product-007": (("yaml", "  address: Phường Cẩm Thành", "  address: Phường Cẩm Thành\n  showroom: cam-thanh"),
                    "34: nơi mua 1 có cả 'showroom' và 'name'\n"
                    "  Cách sửa: xóa 'name:': tên của điểm giới thiệu sản phẩm được lấy từ site.yaml"),
    "product-008": (("yaml", "  commune: Xã Mộ Đức", "  commune: Xã Mộ Duc"),
                    "22: 'Xã Mộ Duc' không phải là xã, phường hay đặc khu của tỉnh Quảng Ngãi (có phải là "
                    "'Xã Mộ Đức'?)\n"
                    "  Cách sửa: ghi 'Xã Mộ Đức'; ghi tên huyện cũ vào 'former_district'"),
    "product-009": (("yaml", "  lat: 14.9", "  lat: 1.5"),
                    "24: tọa độ 1.5, 107.97 nằm ngoài tỉnh Quảng Ngãi\n"
                    "  Cách sửa: kiểm tra xem 'lat' (khoảng 14-15.5) và 'lon' (khoảng 107.3-109.2) có bị ghi đảo "
                    "hoặc gõ nhầm không"),
    "product-010": (("yaml", "featured: false", "featured: false\nstars: 5"),
                    "8: khóa 'stars' được ghi hai lần (lần đầu ở dòng 6)\n  Cách sửa: giữ lại một trong hai dòng"),
    "product-011": (("yaml", "code: T-011\n", ""),
                    "1: thiếu trường bắt buộc 'code'\n"
                    "  Cách sửa: thêm 'code:' ở cấp ngoài cùng (xem README.md, mục 'Content reference')"),
    "product-012": (("yaml", "    en: Golden sugar cakes\n", ""),
                    "29: ảnh 1 chưa có lời mô tả bằng tiếng Anh\n"
                    "  Cách sửa: mô tả nội dung bức ảnh cho người không nhìn thấy được: thêm 'en:' dưới 'alt:'"),
    "product-013": (("yaml", "  recognized: '2025-03-15'", "  recognized: 2025-03-15\n  expires: 2024-01-01"),
                    "14: 'certificate.expires' (ngày hết hạn) không muộn hơn 'certificate.recognized' (ngày công "
                    "nhận)\n"
                    "  Cách sửa: kiểm tra lại hai ngày, hoặc xóa 'expires' để lấy thời hạn 36 tháng kể từ ngày "
                    "công nhận"),
    "product-014": (("yaml", "- kind: showroom", "- kind: online"),
                    "34: cửa hàng trực tuyến 'Điểm OCOP Quảng Ngãi' chưa có 'url'\n"
                    "  Cách sửa: thêm 'url:' với địa chỉ web của cửa hàng"),
    "product-015": (("en.md", "", ""),
                    "1: thiếu câu chuyện bằng tiếng Anh: cần có tệp content/stories/product-015.en.md\n"
                    "  Cách sửa: tạo tệp với các mục bắt buộc, hoặc chạy 'ocop-site new product product-015' trong "
                    "một thư mục trống để xem mẫu"),
    "product-016": (("vi.md", "trong làng.\n", "trong làng.\n\n## Cách thưởng thưc\n\nĂn kèm trà xanh.\n"),
                    "19: mục '## Cách thưởng thưc' không có trong mẫu\n"
                    "  Cách sửa: các đề mục là: '## Nguồn gốc', '## Quy trình sản xuất', '## Dấu ấn văn hóa', "
                    "'## Lợi ích cộng đồng'"),
    "product-017": (("vi.md", "## Dấu ấn văn hóa\n", ""),
                    "1: thiếu mục bắt buộc '## Dấu ấn văn hóa'\n"
                    "  Cách sửa: thêm đề mục và nội dung; các mục bắt buộc, theo thứ tự: '## Nguồn gốc', "
                    "'## Quy trình sản xuất', '## Dấu ấn văn hóa'"),
    "product-018": (("vi.md", "từ nước mía ép.", "từ nước mía ép, xem [đây](javascript:alert(1))."),
                    "5: không được dùng liên kết tới 'javascript:alert(1)' trong câu chuyện\n"
                    "  Cách sửa: liên kết phải bắt đầu bằng https://, http://, mailto: hoặc tel:"),
    "product-019": (("vi.md", "Đường phổi Đức Phổ là", "# Đường phổi\n\nĐường phổi Đức Phổ là"),
                    "1: câu chuyện không dùng tiêu đề '#': tiêu đề của trang là tên sản phẩm\n"
                    "  Cách sửa: xóa dòng này, hoặc đổi thành đề mục bằng '## '"),
}


def _break(content: Path, slug: str, how: tuple[str, str, str]) -> Path:
    """Apply one breakage; the file it names."""
    where, old, new = how
    if where == "yaml":
        path = content / "products" / f"{slug}.yaml"
    else:
        path = content / "stories" / f"{slug}.{where}"
        if not new and not old:
            path.unlink()
            return content / "products" / f"{slug}.yaml"
    edit(path, old, new)
    return path if where != "en.md" else content / "products" / f"{slug}.yaml"


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A content folder with one error of each kind; the exact block each error prints, by file."""
    content = write_content(tmp_path / "content", count=len(KINDS) + 1)  # the last product stays valid
    expected = {}
    for slug, (how, text) in KINDS.items():
        path = _break(content, slug, how)
        expected[path.relative_to(tmp_path).as_posix()] = text
    # a file name that is not a slug, and a story without a record
    shutil.copy(content / "products" / f"product-{len(KINDS):03d}.yaml", content / "products" / "Sản_phẩm.yaml")
    expected["content/products/Sản_phẩm.yaml"] = (
        "1: tên tệp 'Sản_phẩm' không phải là tên định danh (slug) hợp lệ\n"
        "  Cách sửa: đổi tên tệp, chỉ dùng chữ thường a-z, chữ số và '-', ví dụ ly-son-garlic.yaml")
    return tmp_path, expected


def _run(folder: Path, *args: str, lang_env: str = "vi_VN.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env |= {"LANG": lang_env, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}  # --help wraps at the terminal's width
    return subprocess.run([sys.executable, "-m", "ocop_site", *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=300)


def _blocks(output: str) -> dict[str, str]:
    """path → 'line: message\\n  Cách sửa: fix', from validate's output (the last line is the count)."""
    blocks: dict[str, str] = {}
    for block in output.replace("\n  ", "\x00  ").splitlines():
        if block.startswith(WARNING):
            continue
        path, _, rest = block.partition(":")
        if rest:
            assert path not in blocks, f"two errors in {path}: {blocks[path]!r} and {rest!r}"
            blocks[path] = rest.replace("\x00", "\n")
    return blocks


def test_validate_speaks_vietnamese_when_the_locale_is_vietnamese(broken) -> None:
    folder, expected = broken
    result = _run(folder, "validate", "--content", "content", "--today", TODAY)
    assert result.returncode == 1, result.stderr
    *lines, count = result.stderr.rstrip("\n").split("\n")
    assert "Fix:" not in result.stderr and "Traceback" not in result.stderr
    assert count == f"{len(expected)} lỗi"
    found = _blocks("\n".join(lines))
    for path, text in expected.items():
        assert found.get(path, "").lstrip() == text, path
    assert set(found) == set(expected)
    # the product whose certificate "expires" before it was recognized has also ended: a warning
    assert result.stderr.startswith(
        f"{WARNING}content/products/product-013.yaml:14: giấy chứng nhận OCOP 113/QĐ-UBND đã hết hạn ngày "
        "2024-01-01: ki-ốt và cuốn catalogue không còn giới thiệu sản phẩm, còn trang sản phẩm, tờ rơi và tập gấp "
        "ghi rõ giấy chứng nhận đã hết hạn\n"
        "  Cách sửa: nếu đã được công nhận lại, ghi 'decision', 'recognized' và 'expires' của quyết định mới; nếu "
        "sản phẩm đã ra khỏi Chương trình, thêm 'withdrawn: YYYY-MM-DD'\n")


def test_lang_chooses_over_the_locale(broken) -> None:
    folder, _ = broken
    english = _run(folder, "validate", "--content", "content", "--today", TODAY, "--lang", "en")
    assert "content/products/product-002.yaml:6: 'stars' must be 3, 4 or 5, got 6\n  Fix: OCOP ratings run" \
        in english.stderr
    assert english.stderr.endswith(f"{len(KINDS) + 1} errors\n")
    vietnamese = _run(folder, "validate", "--content", "content", "--today", TODAY, "--lang", "vi", lang_env="C.UTF-8")
    assert "'stars' phải là 3, 4 hoặc 5, nhưng đang ghi 6\n  Cách sửa:" in vietnamese.stderr


def test_a_warning_and_the_summary_in_vietnamese(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", count=1)
    (content / "stories" / "mo-coi.vi.md").write_text("Chuyện chưa có bản ghi.\n", encoding="utf-8")
    result = _run(tmp_path, "validate", "--content", "content", "--today", TODAY)
    assert (result.returncode, result.stdout) == (0, "1 sản phẩm, không có lỗi\n")
    assert result.stderr == ("cảnh báo: content/stories/mo-coi.vi.md:1: câu chuyện không có bản ghi sản phẩm "
                             "products/mo-coi.yaml\n  Cách sửa: đối chiếu tên tệp với tên định danh (slug) của "
                             "sản phẩm\n")


@pytest.mark.parametrize(("environ", "language"), [
    ({"LANG": "vi_VN.UTF-8"}, "vi"), ({"LANG": "vi"}, "vi"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"),
    ({"LANG": "vi_VN.UTF-8", "LC_ALL": "C"}, "en"), ({"LANG": "C", "LC_MESSAGES": "vi_VN"}, "vi"),
    ({"LC_ALL": "", "LANG": "vi_VN.UTF-8"}, "vi"),
])
def test_the_language_follows_the_locale_as_gettext_reads_it(environ: dict[str, str], language: str) -> None:
    assert locale_language(environ) == language


def test_a_csv_title_row_without_separators_says_so(tmp_path: Path) -> None:
    write_content(tmp_path / "content", count=1)
    (tmp_path / "danh-sach.csv").write_text(
        "Tên sản phẩm|Chủ thể|Địa chỉ|Hạng sao|Số quyết định|Ngày quyết định\n"
        "Tỏi Lý Sơn|HTX Đồng Hòa|Đặc khu Lý Sơn|4|12/QĐ-UBND|2024-01-02\n", encoding="utf-8")
    title = "Tên sản phẩm|Chủ thể|Địa chỉ|Hạng sao|Số quyết định|Ngày quyết định"
    vietnamese = _run(tmp_path, "import", "danh-sach.csv", "--content", "content", "--dry-run")
    assert (vietnamese.returncode, vietnamese.stderr) == (2, (
        f"ocop-site: danh-sach.csv: dòng tiêu đề không có dấu phân cách giữa các cột, nên cả dòng được đọc thành "
        f"một cột: '{title}'. Trong Excel, lưu danh sách ở dạng CSV UTF-8 để các cột được ngăn cách bằng dấu phẩy "
        f"hoặc dấu chấm phẩy\n"))
    english = _run(tmp_path, "import", "danh-sach.csv", "--content", "content", "--dry-run", "--lang", "en")
    assert english.stderr == (
        f"ocop-site: danh-sach.csv: the title row has no separators between its columns, so it reads as one column: "
        f"'{title}'. Save the list from Excel as CSV UTF-8, which puts a comma or a semicolon between columns\n")


# messages made as exception texts (YAML limits, caption mistakes, the QR payload) and the importer's notes
VIDEO = """videos:
- url: https://youtu.be/dQw4w9WgXcQ
  poster: hero.jpg
  title:
    vi: Đồng muối Sa Huỳnh
    en: The Sa Huỳnh salt field
  credit: Hợp tác xã Đồng Tâm
  duration: '0:04'
  uploaded: 2026-10-15
  captions:
    vi: muoi.vi.vtt
    en: muoi.en.vtt
"""
CAPTIONS_EN = "WEBVTT\n\n00:00.000 --> 00:04.000\nSalt workers rake the salt into heaps.\n"


YAML_FIX = ("  Cách sửa: kiểm tra thụt lề và dấu nháy ở dòng này và dòng phía trên; nội dung có chứa ': ' hoặc bắt đầu "
            "bằng một ký hiệu cần đặt trong dấu nháy")
# a record's text as an editor mistypes it → the line and the Vietnamese of PyYAML's problem (its English: the same
# words PyYAML writes, asserted by test_validation.py and here)
YAML_MISTAKES = [
    ("name:\n  vi: Tỏi Lý Sơn: ngon\n", 2, "không được có dấu ':' ở chỗ này",
     "mapping values are not allowed here"),
    ("stars: 4\nname\n  vi: Tỏi\n", 3, "thiếu dấu ':' sau tên khóa", "could not find expected ':'"),
    ("name: {vi: Tỏi\nstars: 4\n", 2, "nhóm trong ngoặc nhọn chưa được đóng: cần ',' hoặc '}' nhưng lại gặp dấu ':'",
     "expected ',' or '}', but got ':'"),
    ("name:\n  vi: Tỏi\n en: Garlic\n", 3, "gặp một khóa mới ở chỗ không thể có (thụt lề không khớp với các dòng "
     "phía trên, hoặc còn chữ sau dấu nháy đóng)", "expected <block end>, but found '<block mapping start>'"),
    ("name: 'Tỏi' Lý Sơn\n", 1, "gặp một đoạn chữ ở chỗ không thể có (thụt lề không khớp với các dòng phía trên, "
     "hoặc còn chữ sau dấu nháy đóng)", "expected <block end>, but found '<scalar>'"),
    ("stars: 4\n- Đà Nẵng\n", 2, "gặp một mục danh sách ('-') ở chỗ không thể có (thụt lề không khớp với các dòng "
     "phía trên, hoặc còn chữ sau dấu nháy đóng)", "expected <block end>, but found '-'"),
    ("name:\n\tvi: Tỏi\n", 2, "có ký tự Tab: chỉ được thụt lề bằng dấu cách",
     "found character '\\t' that cannot start any token"),
    ("name: @đặc_sản\n", 1, "một giá trị không được bắt đầu bằng ký tự '@': hãy đặt cả giá trị trong dấu nháy",
     "found character '@' that cannot start any token"),
    ('name: "Tỏi\nstars: 4\n', 3, "tệp đã hết mà dấu nháy vẫn chưa được đóng", "found unexpected end of stream"),
    ('name: "Đ\\q"\n', 1, "trong dấu nháy kép, dấu '\\' trước 'q' không hợp lệ: hãy dùng dấu nháy đơn",
     "found unknown escape character 'q'"),
    ("stars: 4\n---\nstars: 5\n", 2, "tệp có dòng '---' chia thành hai phần: mỗi tệp chỉ chứa một bản ghi",
     "but found another document"),
    ("summary: |đặc sản\n", 1, "sau '|' hoặc '>' phải xuống dòng ngay, nhưng lại gặp 'đ'",
     "expected chomping or indentation indicators, but found 'đ'"),
    # a text PyYAML writes that the catalogue does not list: a Vietnamese phrase, PyYAML's words in parentheses
    ("name: *đặc_sản\n", 1, "YAML không đọc được đoạn này (expected alphabetic or numeric character, but found 'đ')",
     "expected alphabetic or numeric character, but found 'đ'"),
]


@pytest.mark.parametrize(("text", "line", "vietnamese", "english"), YAML_MISTAKES,
                         ids=[case[3][:40] for case in YAML_MISTAKES])
def test_yaml_syntax_errors_in_vietnamese(tmp_path: Path, text: str, line: int, vietnamese: str, english: str) -> None:
    from ocop_site.content.reader import ContentReader
    from ocop_site.problems import Problems

    record = tmp_path / "sản-phẩm.yaml"
    record.write_text(text, encoding="utf-8")
    problems = Problems()
    assert ContentReader(tmp_path, problems).read_yaml(record) is None
    [found] = problems.errors
    assert found.line == line
    assert found.render("vi").split(": ", 1)[1] == f"lỗi cú pháp YAML: {vietnamese}\n{YAML_FIX}"
    assert found.message == f"YAML syntax error: {english}"


def test_a_control_character_yaml_refuses_is_named_on_its_line(tmp_path: Path) -> None:
    """PyYAML refuses control characters before anything else, on "line 1", in its own words: named here."""
    content = write_content(tmp_path / "content", count=1)
    edit(content / "products" / "product-000.yaml", "stars: 3", "stars: 3\nfeatured: Đ\x07úng")
    result = _run(tmp_path, "validate", "--content", "content", "--today", TODAY)
    assert (result.returncode, result.stderr) == (1, (
        "content/products/product-000.yaml:7: văn bản chứa ký tự ẩn U+0007 (BELL)\n"
        "  Cách sửa: xóa ký tự này: gõ lại đoạn chữ xung quanh, hoặc dán văn bản ở dạng chữ thuần (plain text)\n"
        "1 lỗi\n"))


def test_a_file_that_cannot_be_read_in_vietnamese(tmp_path: Path) -> None:
    """The system's reason (strerror) in the editor's language; English keeps the system's words."""
    content = write_content(tmp_path / "content", count=1)
    story = content / "stories" / "product-000.vi.md"
    story.unlink()
    story.symlink_to("../products/product-000.yaml/không-có")  # a path through a file: ENOTDIR, even for root
    said = _run(tmp_path, "validate", "--content", "content", "--today", TODAY)
    assert (said.returncode, said.stderr) == (1, (
        "content/stories/product-000.vi.md:1: không đọc được tệp (một phần của đường dẫn không phải là thư mục)\n"
        "  Cách sửa: kiểm tra xem tệp có tồn tại không và bạn có quyền đọc tệp không\n1 lỗi\n"))
    said = _run(tmp_path, "validate", "--content", "content", "--today", TODAY, lang_env="C.UTF-8")
    assert said.stderr.splitlines()[0] == \
        "content/stories/product-000.vi.md:1: the file cannot be read (Not a directory)"


def test_a_port_in_use_in_vietnamese(tmp_path: Path) -> None:
    import socket

    write_content(tmp_path / "content", count=1)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        said = _run(tmp_path, "edit", "--port", str(port))
        english = _run(tmp_path, "edit", "--port", str(port), lang_env="C.UTF-8")
    assert (said.returncode, said.stderr) == (2, (
        f"ocop-site: không mở được cổng 127.0.0.1:{port} (cổng này đang được một chương trình khác sử dụng); hãy "
        "thử một cổng khác với --port N\n"))
    assert "(Address already in use)" in english.stderr


def test_a_reason_of_the_system_the_catalogue_does_not_list(tmp_path: Path) -> None:
    """A reason not listed: a Vietnamese phrase, the system's own words in parentheses for a technician."""
    (tmp_path / "Đà Nẵng" / "ảnh").mkdir(parents=True)
    with pytest.raises(OSError) as refused:
        (tmp_path / "Đà Nẵng").rmdir()  # a real refusal: the folder is not empty
    args = argparse.Namespace(lang="vi", out=Path("out"), command="build", debug=False)
    said = failure_message(refused.value, args)
    assert said.startswith(f"ocop-site: máy từ chối một thao tác ({tmp_path / 'Đà Nẵng'}): hệ thống báo lỗi "
                           "(Directory not empty). "), said
    args.lang = "en"
    assert failure_message(refused.value, args).startswith(
        f"ocop-site: the machine refused an operation ({tmp_path / 'Đà Nẵng'}): Directory not empty. "), said


def test_a_rarer_schema_error_in_vietnamese(tmp_path: Path) -> None:
    """A bound the schema sets (gt=0) in the catalogue's words; a pattern it checks, in a Vietnamese phrase with
    the pattern in parentheses (English: pydantic's words, as before)."""
    content = write_content(tmp_path / "content", count=1)
    (content / "site.yaml").write_text("site_url: ftp://ocop.example.vn/\ntitle:\n  vi: Câu chuyện OCOP Quảng Ngãi\n"
                                       "  en: OCOP Stories\nvideo:\n  max_megabytes: 0\n", encoding="utf-8")
    said = _run(tmp_path, "validate", "--content", "content", "--today", TODAY)
    assert (said.returncode, said.stderr) == (1, (
        "content/site.yaml:1: 'site_url' có giá trị không hợp lệ (không đúng dạng quy định, mẫu "
        "'^https?://[^/\\s]+(/\\S*)?$')\n"
        "  Cách sửa: xem README.md, mục 'Content reference'\n"
        "content/site.yaml:6: 'video.max_megabytes' phải lớn hơn 0, nhưng đang ghi 0\n"
        "  Cách sửa: ghi một số lớn hơn 0\n"
        "2 lỗi\n"))
    said = _run(tmp_path, "validate", "--content", "content", "--today", TODAY, lang_env="C.UTF-8")
    assert said.stderr.splitlines()[0] == \
        "content/site.yaml:1: 'site_url': String should match pattern '^https?://[^/\\s]+(/\\S*)?$'"
    assert said.stderr.splitlines()[2:4] == ["content/site.yaml:6: 'video.max_megabytes' must be more than 0, got 0",
                                             "  Fix: write a number above 0"]


def test_the_systems_reasons_are_its_own_words_in_english() -> None:
    from ocop_site.problems import _SYSTEM_REASONS

    for number, key in _SYSTEM_REASONS.items():
        assert t(key, "en") == os.strerror(number), key
        assert t(key, "vi") != t(key, "en"), key


def test_yaml_limits_and_caption_mistakes_in_vietnamese(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", count=5)
    edit(content / "products" / "product-000.yaml", "group: food", "group: &nhom food")
    edit(content / "products" / "product-001.yaml", "stars: 4", "stars: 4\nđộ_sâu: " + "[" * 21 + "]" * 21)
    edit(content / "products" / "product-002.yaml", "featured: true", "featured: true\n? [Đà, Đông]\n: c")
    for slug, captions in (("product-003", "1\n00:00:01,000 --> 00:00:04,000\nDiêm dân cào muối.\n"),
                           ("product-004", "WEBVTT\n\n00:01.000 --> 00:04,000\nDiêm dân cào muối.\n")):
        with (content / "products" / f"{slug}.yaml").open("a", encoding="utf-8") as record:
            record.write(VIDEO)
        (content / "media" / slug / "muoi.vi.vtt").write_text(captions, encoding="utf-8")
        (content / "media" / slug / "muoi.en.vtt").write_text(CAPTIONS_EN, encoding="utf-8")
    result = _run(tmp_path, "validate", "--content", "content", "--today", TODAY)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "content/media/product-003/muoi.vi.vtt:1: tệp không bắt đầu bằng 'WEBVTT'\n"
        "  Cách sửa: dòng đầu tiên phải là 'WEBVTT': lưu phụ đề ở dạng WebVTT (.vtt), không phải SubRip (.srt)\n"
        "content/media/product-004/muoi.vi.vtt:3: '00:01.000 --> 00:04,000' không phải là dòng thời gian của một "
        "câu phụ đề\n"
        "  Cách sửa: ghi thời gian theo dạng 00:01.500 --> 00:04.000 (phút:giây.phần nghìn giây, có dấu chấm trước "
        "phần nghìn giây)\n"
        "content/products/product-000.yaml:5: không được dùng neo và tham chiếu YAML ('&name', '*name') trong tệp "
        "nội dung\n"
        "  Cách sửa: ghi đầy đủ giá trị ở mọi chỗ cần dùng đến nó\n"
        "content/products/product-001.yaml:7: các khóa và danh sách lồng vào nhau quá 20 cấp\n"
        "  Cách sửa: kiểm tra thụt lề và các dấu ngoặc: một bản ghi chỉ cần vài cấp\n"
        "content/products/product-002.yaml:8: khóa phải là một từ, không được là một danh sách hay một nhóm khóa "
        "('? [a, b]')\n"
        "  Cách sửa: ghi khóa là một từ, tiếp theo là dấu ':', ví dụ 'name:'\n"
        "5 lỗi\n")


@pytest.mark.parametrize(("captions", "line", "text"), [
    ("WEBVTT\n\nNOTE chỉ có ghi chú của Đội\n", 1,
     "tệp không có câu phụ đề nào\n  Cách sửa: thêm các câu phụ đề: mỗi câu là một dòng thời gian như "
     "'00:00.000 --> 00:04.000', bên dưới là lời nói trong khoảng thời gian đó"),
    ("WEBVTT\n\n00:03.000 --> 00:01.000\nĐồng muối.\n", 3,
     "câu phụ đề kết thúc lúc 00:01.000, không muộn hơn lúc bắt đầu\n"
     "  Cách sửa: kiểm tra lại hai mốc thời gian trên dòng này"),
    ("WEBVTT\n\n00:02.000 --> 00:04.000\nĐồng muối.\n\n00:01.000 --> 00:02.000\nĐêm.\n", 6,
     "câu phụ đề bắt đầu sớm hơn câu ở phía trên\n  Cách sửa: sắp xếp các câu phụ đề theo thời điểm bắt đầu"),
    ("WEBVTT\n\nđoạn-1\n00:00.000 --> 00:04.000\n", 4,
     "câu phụ đề không có lời\n"
     "  Cách sửa: ghi lời nói (hoặc [nhạc]) dưới dòng thời gian, hoặc xóa dòng thời gian đó"),
    ("WEBVTT\n\n00:00.000 --> 00:02.000\nĐồng muối.\n00:02.000 --> 00:04.000\nĐêm.\n", 5,
     "lời phụ đề có chứa '-->'\n  Cách sửa: để một dòng trống giữa hai câu phụ đề"),
])
def test_every_caption_mistake_in_vietnamese(captions: str, line: int, text: str) -> None:
    with pytest.raises(CaptionError) as raised:
        parse_captions(captions)
    error = raised.value
    shown = problem("content/media/x/muoi.vi.vtt", error.line, error.template, error.fix, **error.values)
    assert shown.render("vi") == f"content/media/x/muoi.vi.vtt:{line}: {text}"


def test_a_qr_payload_too_long_in_vietnamese(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", count=1)
    edit(content / "site.yaml", "https://ocop.example.vn/", "https://ocop.example.vn/cau-chuyen-san-pham-dac-san/")
    result = _run(tmp_path, "validate", "--content", "content", "--today", TODAY)
    payload = "'HTTPS://OCOP.EXAMPLE.VN/cau-chuyen-san-pham-dac-san/P/T-000'"
    assert result.stderr == (
        f"content/products/product-000.yaml:1: nội dung mã QR {payload} (59 ký tự) cần mã QR phiên bản 5 ở mức sửa "
        "lỗi Q; mã QR chỉ được dùng tới phiên bản 3 (29×29 ô) để vẫn quét được khi in cỡ khoảng 19 mm trên bao bì "
        "(chữ thường trong đường dẫn của trang web được mã hóa ở chế độ byte, chiếm nhiều chỗ hơn)\n"
        "  Cách sửa: rút ngắn mã sản phẩm, hoặc đặt trang web ở một tên miền ngắn hơn\n"
        "1 lỗi\n")


def test_the_importers_notes_in_vietnamese(tmp_path: Path) -> None:
    write_content(tmp_path / "content", count=1)
    (tmp_path / "danh-sach.csv").write_text(
        "Tên sản phẩm,Chủ thể,Địa chỉ,Hạng sao,Số quyết định,Ngày quyết định\n"
        "Mạch nha Thi Phổ,Cơ sở mạch nha Thi Phổ,\"thôn Thi Phổ, xã Đức Nhuận, huyện Mộ Đức\",sáu sao,456/QĐ-UBND,"
        "31/02/2023\n"
        "Đường phổi Đức Phổ số 0,Hợp tác xã Đồng Tâm,\"Thôn Đông, Đặc khu Lý Sơn\",4 sao,100/QĐ-UBND,15/03/2025\n"
        ",Hộ kinh doanh Đào,,,,\n"
        "Tỏi Lý Sơn,,\"huyện Lý Sơn\",5,,2024-07-14\n", encoding="utf-8")
    result = _run(tmp_path, "import", "danh-sach.csv", "--content", "content", "--dry-run")
    assert (result.returncode, result.stderr) == (0, "")
    person = "  cần người kiểm tra: "
    assert result.stdout.splitlines()[:-2] == [
        "dòng 2 'Mạch nha Thi Phổ' → content/products/mach-nha-thi-pho.yaml: sẽ được tạo thành bản nháp",
        f"{person}stars: 'sáu sao' không phải là 3, 4 hay 5 sao",
        f"{person}certificate.recognized: '31/02/2023' không phải là ngày tháng theo dạng 14/07/2024",
        f"{person}group: bảng tính không có cột 'Nhóm'",
        f"{person}producer.kind: 'Cơ sở mạch nha Thi Phổ' không cho biết là doanh nghiệp, hợp tác xã, tổ hợp tác hay "
        "hộ kinh doanh",
        f"{person}locality.commune: 'thôn Thi Phổ, xã Đức Nhuận, huyện Mộ Đức' không ghi xã, phường hay đặc khu nào "
        "hiện nay: cần tìm đơn vị mà địa chỉ này thuộc về từ tháng 7/2025",
        "dòng 3 'Đường phổi Đức Phổ số 0' → content/products/product-000.yaml: đã có, không thay đổi; "
        "bảng tính khác ở:",
        "  stars: trong bản ghi là 3, trong bảng tính là 4",
        "dòng 4 '': bỏ qua",
        f"{person}ô 'Tên sản phẩm' để trống: bỏ qua dòng này",
        "dòng 5 'Tỏi Lý Sơn' → content/products/toi-ly-son.yaml: sẽ được tạo thành bản nháp",
        "  đã chuyển: locality.commune: 'huyện Lý Sơn' → 'Đặc khu Lý Sơn' (toàn bộ huyện cũ đã trở thành đơn vị này)",
        f"{person}group: bảng tính không có cột 'Nhóm'",
        f"{person}producer.kind: '' không cho biết là doanh nghiệp, hợp tác xã, tổ hợp tác hay hộ kinh doanh",
        f"{person}producer.name: ô 'Chủ thể' để trống",
        f"{person}certificate.decision: ô 'Số quyết định' để trống",
    ]



def test_the_import_drafts_comments_in_vietnamese(tmp_path: Path) -> None:
    """The comments `ocop-site import` writes into a draft are for the editor who fills it in: in the language
    of the import run (English ones are asserted by test_import.py)."""
    write_content(tmp_path / "content", count=1)
    (tmp_path / "danh-sach.csv").write_text(
        "Tên sản phẩm,Chủ thể,Địa chỉ,Hạng sao,Số quyết định,Ngày quyết định\n"
        "Mạch nha Thi Phổ,Cơ sở mạch nha Thi Phổ,\"thôn Thi Phổ, xã Đức Nhuận, huyện Mộ Đức\",sáu sao,456/QĐ-UBND,"
        "31/02/2023\n", encoding="utf-8")
    result = _run(tmp_path, "import", "danh-sach.csv", "--content", "content")
    assert (result.returncode, result.stderr) == (0, "")
    person = "# cần người kiểm tra: "
    assert (tmp_path / "content" / "products" / "mach-nha-thi-pho.yaml").read_text(encoding="utf-8") == f"""\
# Nhập bằng lệnh 'ocop-site import' từ danh-sach.csv, dòng 2.
# Đây là bản nháp: được kiểm tra nhưng chưa xuất bản. Hãy điền vào những chỗ còn trống (lệnh 'ocop-site report' \
liệt kê chúng),
# rồi xóa dòng 'draft: true' để xuất bản.
draft: true
code: MACH-NHA-THI  # mã đề xuất: sẽ được in trên bao bì khi xuất bản, nên hãy kiểm tra ngay bây giờ
name:
  vi: "Mạch nha Thi Phổ"
  en: ""
# group:  {person}bảng tính không có cột 'Nhóm'
# stars:  {person}'sáu sao' không phải là 3, 4 hay 5 sao
summary:
  vi: ""
  en: ""
certificate:
  decision: "456/QĐ-UBND"
  # recognized:  {person}'31/02/2023' không phải là ngày tháng theo dạng 14/07/2024
producer:
  name: "Cơ sở mạch nha Thi Phổ"
  # kind:  {person}'Cơ sở mạch nha Thi Phổ' không cho biết là doanh nghiệp, hợp tác xã, tổ hợp tác hay hộ kinh doanh
  address: "thôn Thi Phổ, xã Đức Nhuận, huyện Mộ Đức"
locality:
  commune: ""  {person}'thôn Thi Phổ, xã Đức Nhuận, huyện Mộ Đức' không ghi xã, phường hay đặc khu nào hiện nay: \
cần tìm đơn vị mà địa chỉ này thuộc về từ tháng 7/2025
  former_district: "Huyện Mộ Đức"
# coordinates:  {person}nơi làm ra sản phẩm
#   lat:
#   lon:
images: []  {person}đặt ảnh vào thư mục media và liệt kê chúng ở đây
where_to_buy: []
"""
    assert _run(tmp_path, "validate", "--content", "content", "--today", TODAY).returncode == 0  # a draft: checked

def test_new_product_and_the_clis_own_lines_in_vietnamese(tmp_path: Path) -> None:
    write_content(tmp_path / "content", count=1)
    assert _run(tmp_path, "new", "product", "Tỏi_Lý_Sơn").stderr == (
        "ocop-site: 'Tỏi_Lý_Sơn' không phải là tên định danh (slug) hợp lệ: chỉ dùng chữ thường a-z, chữ số và '-', "
        "ví dụ ly-son-garlic\n")
    assert _run(tmp_path, "new", "product", "product-000").stderr == (
        "ocop-site: content/products/product-000.yaml đã có; chưa ghi gì\n")
    made = _run(tmp_path, "new", "product", "toi-ly-son")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == "đã tạo content/products/toi-ly-son.yaml"
    assert made.stdout.splitlines()[-1] == ("Tiếp theo: đặt ảnh vào content/media/toi-ly-son/, điền vào các chỗ còn "
                                            "trống, rồi chạy 'ocop-site validate'.")
    missing = _run(tmp_path, "validate", "--content", "thư-mục-khác")
    assert (missing.returncode, missing.stderr) == (2, (
        "ocop-site: không có thư mục nội dung 'thư-mục-khác' (hãy chạy lệnh từ thư mục dự án, hoặc chỉ ra thư mục "
        "bằng --content DIR)\n"))
    assert _run(tmp_path, "report", "--min-words", "0").stderr == "ocop-site: --min-words phải từ 1 trở lên\n"


def test_a_failure_of_the_machine_in_vietnamese() -> None:
    args = argparse.Namespace(lang="vi", out=Path("out"), command="build", debug=False)
    full = OSError(errno.ENOSPC, "No space left on device", "out/.work/Đà Nẵng.pdf")
    assert failure_message(full, args) == (
        "ocop-site: ổ đĩa đã đầy: hết chỗ trống khi đang ghi (out/.work/Đà Nẵng.pdf). Hãy giải phóng bớt dung lượng "
        "trên ổ đĩa đó (hoặc dựng vào một thư mục trên ổ đĩa khác bằng --out DIR) rồi chạy lại đúng lệnh này. "
        "out/site vẫn giữ lần dựng hoàn chỉnh gần nhất. Thêm --debug để xem chi tiết.")
    assert BuildLocked(Path("out")).text("vi") == "một lần dựng khác đang ghi vào out; hãy chờ lần đó xong"
    assert str(BuildLocked(Path("out"))) == "another build is writing to out; wait for it to finish"


def test_kiosk_timings_out_of_range_in_vietnamese(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", count=1)
    with (content / "site.yaml").open("a", encoding="utf-8") as site:
        site.write("kiosk:\n  attract_after_seconds: 5\n")
    assert _run(tmp_path, "validate", "--content", "content", "--today", TODAY).stderr == (
        "content/site.yaml:6: 'kiosk.attract_after_seconds' phải từ 10 đến 3600 giây, nhưng đang ghi 5\n"
        "  Cách sửa: xem README.md, mục 'Content reference'\n"
        "1 lỗi\n")


def test_a_text_too_long_for_its_printed_piece_in_vietnamese(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_site(content)
    record = product_record(0)
    record["summary"] = {"vi": "Đường phổi ngọt thanh. " * 12, "en": "A sweet, light cane sugar."}
    write_product(content, "dai-qua", 0, record=record)
    assert _run(tmp_path, "validate", "--content", "content", "--today", TODAY).stderr == (
        "content/products/dai-qua.yaml:9: 'summary.vi' dài 275 ký tự; ấn phẩm in chỉ có chỗ cho tối đa 240 ký tự\n"
        "  Cách sửa: rút gọn còn 240 ký tự trở xuống\n"
        "1 lỗi\n")


def test_a_photo_too_small_for_print_in_vietnamese(content, cli) -> None:
    write_photo(content / "media" / "product-000" / "hero.jpg", (600, 400))
    code, _out, err = cli("validate", "--lang", "vi", "--content", "content", "--today", TODAY)
    assert code == 0
    assert err.splitlines()[4:] == [
        "cảnh báo: content/products/product-000.yaml:28: ảnh content/media/product-000/hero.jpg rộng 600 px; tờ rơi "
        "A5 in ảnh này rộng 154 mm, cần 1516 px để đạt 250 ppi",
        "  Cách sửa: dùng bản rộng ít nhất 1516 px: ảnh gốc từ máy ảnh, không phải bản đã thu nhỏ để đăng web hay "
        "gửi qua ứng dụng nhắn tin"]


def test_the_form_editors_refusals_in_vietnamese(tmp_path: Path) -> None:
    """The form's page asks with Accept-Language: vi (form.js) and shows the refusal as the API words it;
    any other client gets the English."""
    from editor_process import running_editor

    content = write_content(tmp_path / "content", count=1)
    record = (content / "products" / "product-000.yaml").read_text(encoding="utf-8")
    not_a_photo = {"asset": {"path": "media/product-000/Đèn lồng.jpg", "encoding": "base64",
                             "content": base64.b64encode(b"\xff\xd8" + "Hội An".encode()).decode()}}
    broken = {"dataFiles": [{"path": "products/product-000.yaml", "raw": record.replace("stars: 3", "stars: 6")}]}
    vi = {"headers": {"Accept-Language": "vi"}}
    with running_editor(content) as editor:
        assert editor.call("deleteFile", {"path": "products/product-000.yaml"}, **vi) == (403, {"error": (
            "trình soạn thảo không xóa tệp nào: muốn đưa một sản phẩm ra khỏi trang, hãy thêm 'withdrawn: "
            "YYYY-MM-DD' vào hồ sơ của sản phẩm (trang và mã QR của sản phẩm vẫn hoạt động và ghi rõ điều đó); các "
            "tệp khác hãy xóa bằng tay")})
        assert editor.call("persistMedia", not_a_photo, **vi) == (422, {"error": (
            "'media/product-000/Đèn lồng.jpg' không phải là ảnh đọc được: hãy lưu lại ảnh ở dạng JPEG hoặc PNG")})
        assert editor.call("persistMedia", not_a_photo) == (422, {"error": (
            "'media/product-000/Đèn lồng.jpg' is not a readable photo: save it again as JPEG or PNG")})
        assert editor.call("getEntry", {"path": "qr-ledger.yaml"}, **vi) == (403, {"error": (
            "trình soạn thảo không đọc hay ghi 'qr-ledger.yaml': chỉ 'ocop-site build' mới ghi sổ mã QR: các mã đã "
            "in phụ thuộc vào sổ này")})
        status, answer = editor.call("persistEntry", broken, **vi)
        assert (status, answer["error"]) == (422, (
            "content/products/product-000.yaml:7: 'stars' phải là 3, 4 hoặc 5, nhưng đang ghi 6\n"
            "  Cách sửa: sản phẩm OCOP được xếp hạng từ 3 đến 5 sao (5 sao là cấp quốc gia)"))
        status, answer = editor.call("persistEntry", broken)
        assert (status, answer["error"]) == (422, (
            "content/products/product-000.yaml:7: 'stars' must be 3, 4 or 5, got 6\n"
            "  Fix: OCOP ratings run from 3 to 5 stars (5 stars is the national level)"))
        assert editor.call("info", origin="http://example.com", **vi) == (403, {
            "error": "yêu cầu từ các trang web khác bị từ chối"})
        editor.token = "khong-phai-ma-cua-trang"
        assert editor.call("info", **vi) == (403, {"error": (
            "yêu cầu này không đến từ trang của trình soạn thảo: hãy mở địa chỉ mà lệnh 'ocop-site edit' đã in ra, "
            "hoặc tải lại trang nếu trình soạn thảo vừa được khởi động lại")})


def test_help_in_vietnamese(tmp_path: Path) -> None:
    assert _run(tmp_path, "--help").stdout == """\
cách dùng: ocop-site [-h] [--version] COMMAND ...

Dựng trang giới thiệu Câu chuyện sản phẩm OCOP từ hồ sơ sản phẩm và các câu chuyện.

tham số:
  COMMAND
    validate  Kiểm tra mọi hồ sơ và câu chuyện; liệt kê mọi lỗi kèm tệp và dòng.
    build     Dựng trang web vào OUT/site; nếu có gì không thành công, trang trước đó được giữ
              nguyên.
    serve     Xem trước tại http://127.0.0.1:8000, tự dựng lại khi nội dung thay đổi.
    edit      Sửa sản phẩm, câu chuyện và hành trình bằng biểu mẫu trong trình duyệt, tại
              http://127.0.0.1:8080/admin/.
    report    Liệt kê những việc cần xem lại (bản dịch còn thiếu, ảnh, giấy chứng nhận, mã QR, câu
              chuyện ngắn, bản nháp) và ghi thành OUT/report/index.html, bên ngoài trang công
              khai.
    import    Tạo hồ sơ sản phẩm nháp từ danh sách sản phẩm OCOP (.xlsx hoặc .csv).
    new       Bắt đầu một sản phẩm mới: một hồ sơ và hai tệp câu chuyện.

tùy chọn:
  -h, --help  hiện phần trợ giúp này rồi thoát
  --version   hiện số phiên bản của chương trình rồi thoát
"""
    assert _run(tmp_path, "serve", "--help").stdout == """\
cách dùng: ocop-site serve [-h] [--content DIR] [--out DIR] [--today YYYY-MM-DD] [--port PORT]
                           [--lang {vi,en}] [--debug]

Xem trước tại http://127.0.0.1:8000, tự dựng lại khi nội dung thay đổi.

tùy chọn:
  -h, --help          hiện phần trợ giúp này rồi thoát
  --content DIR       thư mục nội dung (mặc định: content/)
  --out DIR           thư mục đầu ra; trang web được ghi vào DIR/site (mặc định: build/)
  --today YYYY-MM-DD  ngày dùng để xét hiệu lực giấy chứng nhận (mặc định: hôm nay)
  --port PORT         cổng (mặc định: 8000)
  --lang {vi,en}      ngôn ngữ của các thông báo (mặc định: tiếng Việt khi locale — LC_ALL,
                      LC_MESSAGES hoặc LANG — là tiếng Việt, nếu không thì tiếng Anh)
  --debug             khi trình tạo trang hoặc máy gặp sự cố, hiện thêm traceback của Python
"""
    # --lang chooses the help's language too, over the locale, wherever it is on the line
    english = _run(tmp_path, "import", "--help", "--lang", "en").stdout
    assert english.startswith(
        "usage: ocop-site import [-h] [--content DIR] [--dry-run] [--lang {vi,en}] [--debug] FILE\n")
    assert "  --dry-run       show what would happen; write nothing\n" in english
    assert "  --dry-run       cho xem những gì sẽ xảy ra; không ghi gì\n" in _run(
        tmp_path, "import", "--lang=vi", "--help", lang_env="C.UTF-8").stdout
    refused = _run(tmp_path, "validate", "--today", "30/02/2026")
    assert (refused.returncode, refused.stderr.splitlines()[-1]) == (
        2, "ocop-site validate: lỗi: tham số --today: '30/02/2026' không phải là ngày theo dạng 2026-11-22")


BUILD_USAGE = ("ocop-site build [-h] [--content DIR] [--out DIR] [--today YYYY-MM-DD] [--clean]\n"
               "{indent}[--crop-marks] [--print-profile] [--chain-ledger] [--lang {vi,en}]\n"
               "{indent}[--debug]\n")
# the command line → the usage line and the error argparse prints, in Vietnamese then in English (exit 2)
USAGE_ERRORS = [
    (("build", "--nope"), "ocop-site [-h] [--version] COMMAND ...\n",
     "ocop-site: lỗi: không hiểu các tham số: --nope",
     "ocop-site: error: unrecognized arguments: --nope"),
    (("biuld",), "ocop-site [-h] [--version] COMMAND ...\n",
     "ocop-site: lỗi: tham số COMMAND: không có lựa chọn 'biuld' (hãy chọn một trong: 'validate', 'build', 'serve', "
     "'edit', 'report', 'import', 'new')",
     "ocop-site: error: argument COMMAND: invalid choice: 'biuld' (choose from 'validate', 'build', 'serve', 'edit', "
     "'report', 'import', 'new')"),
    ((), "ocop-site [-h] [--version] COMMAND ...\n",
     "ocop-site: lỗi: còn thiếu tham số bắt buộc: COMMAND",
     "ocop-site: error: the following arguments are required: COMMAND"),
    (("new", "product"), "ocop-site new [-h] [--content DIR] [--lang {vi,en}] [--debug] {product} slug\n",
     "ocop-site new: lỗi: còn thiếu tham số bắt buộc: slug",
     "ocop-site new: error: the following arguments are required: slug"),
    (("build", "--content"), BUILD_USAGE,
     "ocop-site build: lỗi: tham số --content: cần ghi một giá trị ngay sau tùy chọn này",
     "ocop-site build: error: argument --content: expected one argument"),
    (("build", "--c", "nội-dung"), BUILD_USAGE,
     "ocop-site build: lỗi: tùy chọn --c chưa rõ: có thể là --content, --clean, --crop-marks, --chain-ledger",
     "ocop-site build: error: ambiguous option: --c could match --content, --clean, --crop-marks, --chain-ledger"),
    (("build", "--clean=có"), BUILD_USAGE,
     "ocop-site build: lỗi: tham số --clean: tùy chọn này không đi kèm giá trị, nhưng đang được ghi 'có'",
     "ocop-site build: error: argument --clean: ignored explicit argument 'có'"),
    (("build", "--lang", "fr"), BUILD_USAGE,
     "ocop-site build: lỗi: tham số --lang: không có lựa chọn 'fr' (hãy chọn một trong: 'vi', 'en')",
     "ocop-site build: error: argument --lang: invalid choice: 'fr' (choose from 'vi', 'en')"),
    (("edit", "--port", "tám"), "ocop-site edit [-h] [--content DIR] [--port PORT] [--lang {vi,en}] [--debug]\n",
     "ocop-site edit: lỗi: tham số --port: 'tám' không phải là số nguyên",
     "ocop-site edit: error: argument --port: 'tám' is not a whole number"),
]


@pytest.mark.parametrize(("args", "usage", "vietnamese", "english"), USAGE_ERRORS,
                         ids=[" ".join(case[0]) or "nothing" for case in USAGE_ERRORS])
def test_usage_errors_in_vietnamese(tmp_path: Path, args: tuple[str, ...], usage: str, vietnamese: str,
                                    english: str) -> None:
    """argparse's own words (usage, invalid choice, missing argument…) come from the catalogue too."""
    said = _run(tmp_path, *args)
    assert (said.returncode, said.stdout) == (2, "")
    assert said.stderr == "cách dùng: " + usage.replace("{indent}", " " * 27) + vietnamese + "\n"
    said = _run(tmp_path, *args, lang_env="C.UTF-8")  # not Vietnamese: argparse's English, as it writes it
    assert (said.returncode, said.stdout) == (2, "")
    assert said.stderr == "usage: " + usage.replace("{indent}", " " * 23) + english + "\n"


def test_argparse_is_itself_again_after_the_command_line_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    """The catalogue stands in for argparse's own lookup only while ocop-site reads its command line."""
    import gettext

    from ocop_site.cli import main

    with pytest.raises(SystemExit) as refused:
        main(["validate", "--lang", "vi", "--nope"])
    assert refused.value.code == 2
    assert capsys.readouterr().err.endswith("ocop-site: lỗi: không hiểu các tham số: --nope\n")
    assert argparse._ is gettext.gettext
    with pytest.raises(SystemExit):
        argparse.ArgumentParser(prog="khác").parse_args(["--nope"])
    assert capsys.readouterr().err.endswith("khác: error: unrecognized arguments: --nope\n")


def test_every_argparse_text_given_a_translation_is_one_argparse_uses() -> None:
    """A Python whose argparse words it differently would show its English again: this says which text."""
    import inspect

    from ocop_site.cli import _ARGPARSE_WORDS

    source = inspect.getsource(argparse)
    for text, key in _ARGPARSE_WORDS.items():
        assert f"_({text!r})" in source, text
        assert t(key, "en") == text  # English: argparse's own words
        placeholders = re.compile(r"%(?:\([a-z_]+\))?[rs]")
        assert sorted(placeholders.findall(t(key, "vi"))) == sorted(placeholders.findall(text)), key


def test_the_preview_servers_progress_in_vietnamese(tmp_path: Path) -> None:
    """`LANG=vi_VN.UTF-8 ocop-site serve`: the build's progress lines and the server's own, in Vietnamese
    (the preview build skips the printables; their lines are the same kind of template)."""
    from editor_process import free_port

    content = write_content(tmp_path / "content", count=1)
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    server = subprocess.Popen([sys.executable, "-m", "ocop_site", "serve", "--content", "content", "--out", "out",
                               "--port", str(port), "--today", TODAY], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=env | {"LANG": "vi_VN.UTF-8",
                                                                               "PYTHONPATH": str(ROOT)})
    seen: list[str] = []

    def read_until(text: str) -> None:
        while text not in (seen[-1] if seen else ""):
            line = server.stdout.readline()
            assert line, "".join(seen)
            seen.append(line)

    try:
        read_until("Đang phục vụ tại")
        read_until("Bản xem trước bỏ qua")
        edit(content / "stories" / "product-000.vi.md", "Mía được trồng", "Mía ngọt được trồng")
        read_until("Bản xem trước 1 sẵn sàng")
    finally:
        server.terminate()
        server.wait(timeout=30)
    # counts and seconds vary with the machine and the targets: each number is N
    lines = [re.sub(r"\d+(\.\d)?", "N", line.rstrip("\n").replace(f"127.0.0.1:{port}", "ADDRESS")) for line in seen]
    build = [
        "Đang đọc content …",
        "Nội dung: N sản phẩm, hợp lệ",
        "Đã tạo trang: N trang mỗi ngôn ngữ, N trang trong số đó không đổi (N giây)",
        "Số trang thay đổi: N",
        "Ảnh: N (N ảnh được đổi cỡ, N ảnh lấy từ bộ nhớ đệm) (N giây)",
        "Trang đích của mã QR: N mã (/P/<CODE>/ và /p/<code>/) (N giây)",
        "Kiosk: /kiosk/ và /en/kiosk/, N tệp được lưu sẵn để dùng khi không có mạng (N giây)",
        "Bộ tài liệu báo chí: N tệp zip (N tệp được làm) (N giây)",
        "Đã ghi trang web vào out/site (N tệp, N tệp thay đổi) sau N giây",
    ]
    assert set(build) <= set(lines[:lines.index(build[-1]) + 1])
    assert "Sổ mã QR: đã thêm N mục mới vào content/qr-ledger.yaml" in lines
    # the parts of the site are named in words, not by the targets' names ("stubs", "qr-artwork")
    published = ("Đã xuất bản phần web", "Đã xuất bản thêm", "Giữ lại từ")
    assert set(line for line in lines if line.startswith(published)) == {
        "Đã xuất bản phần web: out/site hiển thị các trang, ảnh, video, trang đích của mã QR, sơ đồ trang, sổ mã QR "
        "công khai của lần dựng này (N tệp, N tệp thay đổi) sau N giây; tiếp theo là kiosk, bộ tài liệu báo chí",
        "Đã xuất bản thêm: out/site hiển thị cả kiosk của lần dựng này (N tệp, N tệp thay đổi) sau N giây; tiếp theo "
        "là bộ tài liệu báo chí",
        "Giữ lại từ lần dựng trước: tìm kiếm, hình mã QR, thẻ chia sẻ, ấn phẩm in, cẩm nang hành trình (lệnh "
        "'ocop-site build' sẽ làm các phần này)"}
    assert lines[lines.index(build[-1]) + 1:lines.index(build[-1]) + 4] == [
        "Đang phục vụ tại http://ADDRESS/ (tiếng Anh: /en/) — đang theo dõi content; nhấn Ctrl+C để dừng",
        "Bản xem trước bỏ qua ấn phẩm in, hình mã QR và thẻ chia sẻ: lệnh 'ocop-site build' sẽ dựng lại các phần này.",
        "Đã thay đổi: stories/product-N.vi.md — đang dựng lại …"]
    assert lines[-1] == "Bản xem trước N sẵn sàng N giây sau khi lưu; các trang đang mở sẽ tự tải lại."
    assert lines.count("Đang đọc content …") == 2


def test_the_form_page_asks_for_its_refusals_in_vietnamese(tmp_path: Path) -> None:
    """The form's own script (form.js) sends its API calls with Accept-Language: vi, so what the page shows
    of a refusal is Vietnamese, whatever the browser's language."""
    from editor_process import running_editor
    from external_tools import launch_chromium, need_chromium
    from playwright.sync_api import sync_playwright

    need_chromium()
    content = write_content(tmp_path / "content", count=1)
    with running_editor(content) as editor, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(locale="en-US")
            page.goto(f"http://127.0.0.1:{editor.port}/admin/")
            answer = page.evaluate("""async () => {
                const response = await fetch("/api/v1", {method: "POST", headers: {"Content-Type": "application/json"},
                    body: JSON.stringify({action: "getEntry", params: {path: "qr-ledger.yaml"}})});
                return [response.status, await response.json()];
            }""")
        finally:
            browser.close()
    assert answer == [403, {"error": "trình soạn thảo không đọc hay ghi 'qr-ledger.yaml': chỉ 'ocop-site build' mới "
                                     "ghi sổ mã QR: các mã đã in phụ thuộc vào sổ này"}]


def test_a_builds_progress_in_vietnamese(tmp_path: Path) -> None:
    """`LANG=vi_VN.UTF-8 ocop-site build` on one product (a few seconds): every progress line in Vietnamese,
    the printables' too; then the same build again has nothing to do."""
    write_content(tmp_path / "content", count=1)
    first = _run(tmp_path, "build", "--today", TODAY)
    assert first.returncode == 0, first.stderr
    lines = [re.sub(r"\d+(\.\d)?", "N", line) for line in first.stdout.splitlines()]
    for line in [
        "Đang đọc content …",
        "Nội dung: N sản phẩm, hợp lệ",
        "Sổ mã QR: đã thêm N mục mới vào content/qr-ledger.yaml",
        "Đã tạo trang: N trang mỗi ngôn ngữ, N trang trong số đó không đổi (N giây)",
        "  MkDocs vi (tất cả các trang): N giây",
        "  MkDocs en (tất cả các trang): N giây",
        "  Chỉ mục tìm kiếm (vi, en): N giây",
        "Ảnh: N (N ảnh được đổi cỡ, N ảnh lấy từ bộ nhớ đệm) (N giây)",
        "Hình mã QR: N mã, N tờ nhãn (N trên N được dựng) (N giây)",
        "Thẻ chia sẻ: N (N thẻ được vẽ) (N giây)",
        "Bộ tài liệu báo chí: N tệp zip (N tệp được làm) (N giây)",
        "Ấn phẩm in: N tệp PDF (N tệp được dựng; phần của cuốn catalogue đã dàn trang: N trên N) (N giây)",
        "Đã xuất bản phần web: build/site hiển thị các trang, ảnh, video, trang đích của mã QR, sơ đồ trang, sổ mã "
        "QR công khai của lần dựng này (N tệp, N tệp thay đổi) sau N giây; tiếp theo là tìm kiếm, kiosk, hình mã QR, "
        "thẻ chia sẻ, bộ tài liệu báo chí, ấn phẩm in, cẩm nang hành trình",
        "Đã xuất bản thêm: build/site hiển thị cả tìm kiếm, kiosk của lần dựng này (N tệp, N tệp thay đổi) sau N "
        "giây; tiếp theo là hình mã QR, thẻ chia sẻ, bộ tài liệu báo chí, ấn phẩm in, cẩm nang hành trình",
    ]:
        assert line in lines, (line, lines)
    assert lines[-1] == "Đã ghi trang web vào build/site (N tệp, N tệp thay đổi) sau N giây"
    again = _run(tmp_path, "build", "--today", TODAY)
    assert [re.sub(r"\d+(\.\d)?", "N", line) for line in again.stdout.splitlines()] == [
        "Đang đọc content …", "Nội dung: N sản phẩm, hợp lệ",
        "Không có gì thay đổi từ lần dựng trước: build/site đã cập nhật (N giây)"]
    english = _run(tmp_path, "build", "--today", TODAY, lang_env="C.UTF-8")
    assert english.stdout.splitlines()[0] == "Reading content …"
    assert english.stdout.splitlines()[-1].startswith(
        "Nothing changed since the last build: build/site is up to date (")
