"""Files of the last build that the next build reads: a damaged one is told from a missing one.

qr/codes.json and qr/ledger.json let a build notice a deleted or changed QR ledger entry; if either
is damaged the build stops and says so, rather than skipping the check. The work folder's state
file is a cache: a damaged one only means everything is rendered again."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY

import ocop_site
from ocop_site.pipeline.builder import build
from ocop_site.pipeline.workspace import State
from ocop_site.problems import ContentErrors

DAY = dt.date.fromisoformat(TODAY)
LEDGER = Path("content/qr-ledger.yaml")


@pytest.fixture
def content(built_content: Path) -> Path:
    """The two-product content, already built into out/: a copy of one build per test process (tests/conftest.py),
    not a build of each test's own. (The checks run before any rendering: a full build's files or a preview's.)"""
    return built_content


@pytest.fixture
def built(content: Path) -> Path:
    """out/site, the last build of the two-product content."""
    return Path("out/site")


def failure(content: Path) -> str:
    with pytest.raises(ContentErrors) as raised:
        build(content, Path("out"), today=DAY, preview=True)
    return raised.value.render()


def test_a_damaged_codes_file_stops_the_build_instead_of_switching_the_check_off(built, content):
    (built / "qr" / "codes.json").write_text('{"T-000": "product-0', encoding="utf-8")  # cut short
    assert failure(content).splitlines() == [
        "out/site/qr/codes.json:1: this file of the last build is damaged (not valid JSON at line 1, column 11), "
        "so the build cannot check that no entry of content/qr-ledger.yaml was deleted or changed",
        "  Fix: restore out/site from a backup; or, if you are sure content/qr-ledger.yaml is complete (compare "
        "it with version control), delete out/site/qr/codes.json and build again",
        "1 error",
    ]


def test_why_a_file_of_the_last_build_is_damaged_in_vietnamese(built, content):
    (built / "qr" / "codes.json").write_text('{"T-000": "Đặc khu Lý Sơn', encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(content, Path("out"), today=DAY, preview=True)
    assert raised.value.render("vi").splitlines()[0] == (
        "out/site/qr/codes.json:1: tệp này của lần dựng trước bị hỏng (không phải JSON hợp lệ ở dòng 1, cột 11), nên "
        "lần dựng này không thể kiểm tra rằng không mục nào của content/qr-ledger.yaml bị xóa hay sửa")


def test_a_file_of_the_last_build_the_system_cannot_read_says_why_in_the_readers_language(built, content):
    import shutil

    shutil.rmtree(built / "qr")
    (built / "qr").write_text("không phải thư mục", encoding="utf-8")  # qr/codes.json: ENOTDIR, even for root
    with pytest.raises(ContentErrors) as raised:
        build(content, Path("out"), today=DAY, preview=True)
    assert raised.value.render("vi").splitlines()[0].startswith(
        "out/site/qr/codes.json:1: tệp này của lần dựng trước bị hỏng (không đọc được: một phần của đường dẫn không "
        "phải là thư mục), nên")
    assert raised.value.render("en").splitlines()[0].startswith(
        "out/site/qr/codes.json:1: this file of the last build is damaged (unreadable: Not a directory), so")


def test_a_deleted_entry_is_not_missed_when_both_files_of_the_last_build_are_damaged(built, content):
    (built / "qr" / "codes.json").write_text("[]", encoding="utf-8")  # valid JSON, but not the codes
    (built / "qr" / "ledger.json").write_bytes(b"\xff\xfe")  # not UTF-8
    text = LEDGER.read_text(encoding="utf-8")
    LEDGER.write_text(text[:text.index("- n: 2")], encoding="utf-8")
    lines = failure(content).splitlines()
    assert lines[0] == ("out/site/qr/codes.json:1: this file of the last build is damaged (not a table of codes "
                        "and products), so the build cannot check that no entry of content/qr-ledger.yaml was "
                        "deleted or changed")
    assert lines[2] == ("out/site/qr/ledger.json:1: this file of the last build is damaged (not UTF-8 text), so the "
                        "build cannot check that no entry of content/qr-ledger.yaml was deleted or changed")
    assert lines[-1] == "2 errors"


@pytest.mark.parametrize(("published", "reason"), [
    ('{"entries": [{"n": [1], "code": "DP-01"}]}', "its entry 1 has no number 'n'"),
    ('{"entries": ["DP-01"]}', "its entry 1 has no number 'n'"),
    ('{"entries": {"1": "DP-01"}}', "no list of 'entries'"),
])
def test_a_published_ledger_that_is_not_one_is_damaged(built, content, published, reason):
    (built / "qr" / "ledger.json").write_text(published, encoding="utf-8")
    assert failure(content).splitlines()[0] == (
        f"out/site/qr/ledger.json:1: this file of the last build is damaged ({reason}), so the build cannot check "
        "that no entry of content/qr-ledger.yaml was deleted or changed")


def test_deleting_the_codes_file_is_a_choice_the_build_accepts(built, content):
    """What the Fix line offers: without the file there is nothing to compare with (as before a first build)."""
    (built / "qr" / "codes.json").unlink()
    build(content, Path("out"), today=DAY, preview=True)
    assert (built / "qr" / "codes.json").is_file()


def test_a_damaged_state_file_means_nothing_is_known(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"built": "abc', encoding="utf-8")
    assert State(path).data == {}
    State(path).set("built", "abc")
    assert State(path).get("built") == "abc"


def test_a_build_reads_its_state_file_once_and_passes_the_one_object_to_the_targets():
    """Only the builder makes a State: the targets get it as RenderContext.state (no second reader of
    the file whose facts the builder then overwrites)."""
    package = Path(ocop_site.__file__).parent
    makers = sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py")
                    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "State")
    assert makers == ["pipeline/builder.py"]
    builder = (package / "pipeline" / "builder.py").read_text(encoding="utf-8")
    assert "RenderContext(catalog, work, cache, progress, state," in builder
