"""The QR ledger is tamper-evident: every hand edit of an issued entry is a content error naming the
file, line and entry; the site publishes the chain, and the check in docs/qr-ledger.md verifies it."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, edit
from content_factory import write_product

from ocop_site.cli import main
from ocop_site.content.ledger import LedgerEntry, append_entries, entry_digest

LEDGER = Path("content/qr-ledger.yaml")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "qr-ledger.md"
RESTORE = ("  Fix: issued entries never change: restore the file from version control (git checkout -- "
           "content/qr-ledger.yaml; 'git log -p content/qr-ledger.yaml' shows what changed)")
LEGACY = """\
# Sổ mã QR của Quảng Ngãi: đừng sửa tay.
- n: 1
  code: T-000
  product: product-000
  issued: 2026-11-22
- n: 2
  code: T-001
  product: product-001
  issued: 2026-11-22
"""


@pytest.fixture
def ledgered(content):
    """Three products, all issued: the ledger as the build writes it (entries 1–3 on lines 6, 11, 16)."""
    write_product(content, "product-002", 2)
    issued = dt.date.fromisoformat(TODAY)
    append_entries(LEDGER, [("T-000", "product-000"), ("T-001", "product-001"), ("T-002", "product-002")], issued, 1)
    return content


def validate(cli) -> tuple[int, list[str]]:
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    return code, err.splitlines()


def entry_text(n: int) -> str:
    text = LEDGER.read_text(encoding="utf-8")
    start = text.index(f"- n: {n}\n")
    end = text.find("- n: ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def test_the_build_writes_a_chained_ledger_that_validates(ledgered, cli):
    entries = yaml.safe_load(LEDGER.read_text(encoding="utf-8"))
    previous = ""
    for entry in entries:
        previous = entry_digest(previous, entry["n"], entry["code"], entry["product"], entry["issued"])
        assert entry["digest"] == previous
    assert validate(cli) == (0, [])


@pytest.mark.parametrize(("old", "new", "what"), [
    ("code: T-001", "code: T-009", "code 'T-009', product 'product-001', issued 2026-11-22"),
    ("product: product-001", "product: san-pham-khac", "code 'T-001', product 'san-pham-khac', issued 2026-11-22"),
    ("issued: 2026-11-22", "issued: 2025-01-01", "code 'T-001', product 'product-001', issued 2025-01-01"),
])
def test_changing_an_issued_entry_is_an_error_naming_the_line_and_the_entry(ledgered, cli, old, new, what):
    text = LEDGER.read_text(encoding="utf-8")
    LEDGER.write_text(text.replace(entry_text(2), entry_text(2).replace(old, new)), encoding="utf-8")
    code, err = validate(cli)
    assert code == 1
    assert err[:2] == [f"content/qr-ledger.yaml:11: QR ledger entry 2 ({what}) does not match its digest: "
                       "an issued entry was changed", RESTORE]


def test_renumbering_an_issued_entry_is_an_error(ledgered, cli):
    text = LEDGER.read_text(encoding="utf-8")
    LEDGER.write_text(text.replace(entry_text(2), entry_text(2).replace("n: 2", "n: 7")), encoding="utf-8")
    assert validate(cli) == (1, [
        "content/qr-ledger.yaml:11: QR ledger entry 2 has been renumbered 7: the numbers of issued entries "
        "never change", RESTORE, "1 error"])


def test_reordering_issued_entries_is_an_error(ledgered, cli):
    text = LEDGER.read_text(encoding="utf-8")
    second, third = entry_text(2), entry_text(3)
    LEDGER.write_text(text.replace(second + third, third + second), encoding="utf-8")
    assert validate(cli) == (1, [
        "content/qr-ledger.yaml:11: QR ledger entry 3 stands where entry 2 belongs: issued entries were moved",
        RESTORE, "1 error"])


def test_deleting_an_issued_entry_is_an_error(ledgered, cli):
    LEDGER.write_text(LEDGER.read_text(encoding="utf-8").replace(entry_text(2), ""), encoding="utf-8")
    assert validate(cli) == (1, [
        "content/qr-ledger.yaml:11: ledger entry 2 is missing (numbers jump from 1 to 3)",
        "  Fix: ledger entries are never deleted: restore them from version control "
        "(git checkout -- content/qr-ledger.yaml)", "1 error"])


def test_an_entry_added_by_hand_without_a_digest_is_an_error(ledgered, cli):
    with LEDGER.open("a", encoding="utf-8") as ledger:
        ledger.write("- n: 4\n  code: T-004\n  product: product-002\n  issued: 2026-11-22\n")
    code, err = validate(cli)
    assert code == 1
    assert err[:2] == ["content/qr-ledger.yaml:21: QR ledger entry 4 has no digest: entries are written by the "
                       "build, never by hand", RESTORE]


NO_DIGESTS = [
    "content/qr-ledger.yaml:1: no entry of the QR ledger has a digest: the digests were removed, or the ledger was "
    "written before entries were chained",
    "  Fix: restore the file from version control (git checkout -- content/qr-ledger.yaml); only if this ledger "
    "really was written before digests existed, add them once with 'ocop-site build --chain-ledger', then commit "
    "the file"]


def build(cli, *options: str, out: str = "out") -> tuple[int, str, str]:
    return cli("build", "--content", "content", "--out", out, "--today", TODAY, *options)


def without_digests(text: str) -> str:
    stripped = re.sub(r"^ *digest: [0-9a-f]{64}\n", "", text, flags=re.M)
    assert "digest" not in stripped.replace("# Each 'digest' chains", "")
    return stripped


def test_a_ledger_without_digests_is_an_error_until_build_chain_ledger_adds_them_once(content, cli):
    LEDGER.write_text(LEGACY, encoding="utf-8")
    assert validate(cli) == (1, [*NO_DIGESTS, "1 error"])
    code, out, err = build(cli)
    assert (code, err.splitlines()) == (1, [*NO_DIGESTS, "1 error", "Nothing was written: out/site is unchanged."])
    assert LEDGER.read_text(encoding="utf-8") == LEGACY and not Path("out/site").exists()
    assert "digest" not in out
    code, out, err = build(cli, "--chain-ledger")
    assert code == 0, err
    assert "QR ledger: --chain-ledger added a digest to each of its 2 entries (content/qr-ledger.yaml); commit the " \
           "file now\n" in out
    assert "digest" not in err
    text = LEDGER.read_text(encoding="utf-8")
    assert text.startswith("# Sổ mã QR của Quảng Ngãi: đừng sửa tay.\n- n: 1\n  code: T-000\n")  # comments kept
    first = entry_digest("", 1, "T-000", "product-000", dt.date(2026, 11, 22))
    assert f"  issued: 2026-11-22\n  digest: {first}\n- n: 2\n" in text
    assert validate(cli) == (0, [])
    # given again, the option finds every digest there: it changes nothing and says just that
    code, out, err = build(cli, "--chain-ledger")
    assert code == 0, err
    assert "QR ledger: every entry has its digest already, so --chain-ledger changed nothing\n" in out
    assert "added a digest" not in out and LEDGER.read_text(encoding="utf-8") == text
    # stripping the digests again and changing an entry: refused, and with the option the published chain
    # catches it
    forged = LEGACY.replace("product: product-001", "product: san-pham-khac")
    LEDGER.write_text(forged, encoding="utf-8")
    code, _out, err = build(cli)
    assert (code, err.splitlines()[:2]) == (1, NO_DIGESTS)
    code, _out, err = build(cli, "--chain-ledger")
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/qr-ledger.yaml:6: QR ledger entry 2 differs from the one the last build published "
        "(out/site/qr/ledger.json): its product was 'product-001' and is now 'san-pham-khac'", RESTORE]
    assert LEDGER.read_text(encoding="utf-8") == forged


def test_a_ledger_without_digests_is_explained_in_vietnamese(content, cli):
    LEDGER.write_text(LEGACY, encoding="utf-8")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY, "--lang", "vi")
    assert (code, err.splitlines()) == (1, [
        "content/qr-ledger.yaml:1: không mục nào trong sổ mã QR có mã kiểm tra (digest): các mã kiểm tra đã bị xóa, "
        "hoặc sổ được ghi từ trước khi các mục được nối thành chuỗi",
        "  Cách sửa: khôi phục tệp từ hệ thống quản lý phiên bản (git checkout -- content/qr-ledger.yaml); chỉ khi "
        "sổ này thật sự được ghi từ trước khi có mã kiểm tra thì mới thêm mã kiểm tra, một lần, bằng lệnh "
        "'ocop-site build --chain-ledger', rồi lưu (commit) tệp",
        "1 lỗi"])


@pytest.mark.parametrize(("language", "text"), [
    ("en", "add the missing digests, once, to a QR ledger written before digests existed; then commit the file. "
           "Not for a ledger whose digests were removed: restore that one from version control"),
    ("vi", "thêm mã kiểm tra (digest), một lần, vào sổ mã QR được ghi từ trước khi có mã kiểm tra; sau đó lưu "
           "(commit) tệp. Không dùng cho sổ đã bị xóa mã kiểm tra: hãy khôi phục sổ đó từ hệ thống quản lý phiên bản"),
])
def test_the_option_says_what_it_is_for_in_both_languages(capsys, language, text):
    with pytest.raises(SystemExit):
        main(["build", "--help", "--lang", language])
    said = " ".join(capsys.readouterr().out.split())  # argparse wraps to the terminal's width
    assert f" --chain-ledger {text} --lang " in said


def test_stripping_every_digest_and_re_pointing_a_code_is_refused_also_into_a_fresh_out_folder(ledgered, cli):
    """The attack of the audit: with no published chain to compare with, only the file's own check stands."""
    # printed code T-000 (product-000's) is to lead to another product: its record takes the code, the real
    # product gets a new one, and the ledger's entry 1 is re-pointed, with every digest removed
    write_product(ledgered, "san-pham-gia", 3)
    edit(ledgered / "products" / "san-pham-gia.yaml", "code: T-003", "code: T-000")
    edit(ledgered / "products" / "product-000.yaml", "code: T-000", "code: T-010")
    chained = LEDGER.read_text(encoding="utf-8")
    LEDGER.write_text(without_digests(chained).replace("product: product-000", "product: san-pham-gia", 1),
                      encoding="utf-8")
    forged = LEDGER.read_text(encoding="utf-8")
    code, _out, err = build(cli, out="fresh")
    assert (code, err.splitlines()) == (1, [*NO_DIGESTS, "1 error", "Nothing was written: fresh/site is unchanged."])
    assert not Path("fresh/site").exists() and LEDGER.read_text(encoding="utf-8") == forged
    assert validate(cli) == (1, [*NO_DIGESTS, "1 error"])


def test_the_option_adds_no_digest_to_a_ledger_with_some_digests_or_none_to_add(ledgered, cli):
    # some entries have digests, one does not (deleted by hand): each such entry is an error, option or not
    chained = LEDGER.read_text(encoding="utf-8")
    LEDGER.write_text(chained.replace(entry_text(3), without_digests(entry_text(3))), encoding="utf-8")
    code, out, err = build(cli, "--chain-ledger")
    assert code == 1
    assert err.splitlines()[:2] == ["content/qr-ledger.yaml:16: QR ledger entry 3 has no digest: entries are "
                                    "written by the build, never by hand", RESTORE]
    assert "--chain-ledger" not in out
    # an empty ledger file: nothing to chain; the build appends the codes it publishes, chained
    LEDGER.write_text("", encoding="utf-8")
    assert validate(cli) == (0, [])
    code, out, err = build(cli, "--chain-ledger")
    assert code == 0, err
    assert "QR ledger: it has no entries yet, so --chain-ledger changed nothing\n" \
           "QR ledger: 3 new entries appended to content/qr-ledger.yaml\n" in out
    assert validate(cli) == (0, [])


def test_the_published_chain_catches_an_entry_changed_with_every_digest_after_it(built_content, cli):
    # two products built into out/ by `ocop-site build`: a copy of one build (tests/conftest.py)
    published = json.loads(Path("out/site/qr/ledger.json").read_text(encoding="utf-8"))
    assert [(e["n"], e["code"], e["product"]) for e in published["entries"]] == [
        (1, "T-000", "product-000"), (2, "T-001", "product-001")]
    assert published["head"] == published["entries"][-1]["digest"]
    # a forger re-chains the whole file after changing entry 1's date: the file checks out on its own …
    forged = [LedgerEntry(1, "T-000", "product-000", dt.date(2026, 1, 1), 0),
              LedgerEntry(2, "T-001", "product-001", dt.date(2026, 11, 22), 0)]
    LEDGER.unlink()
    append_entries(LEDGER, [(e.code, e.product) for e in forged[:1]], forged[0].issued, 1)
    append_entries(LEDGER, [(e.code, e.product) for e in forged[1:]], forged[1].issued, 2)
    assert validate(cli) == (0, [])
    # … but not against what the site already published
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/qr-ledger.yaml:6: QR ledger entry 1 differs from the one the last build published "
        "(out/site/qr/ledger.json): its issued was '2026-11-22' and is now '2026-01-01'", RESTORE]


def test_the_check_shown_in_the_docs_verifies_the_published_ledger(built_content, cli, tmp_path):
    # two products built into out/ by `ocop-site build`: a copy of one build (tests/conftest.py)
    script = re.search(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S).group(1)
    (tmp_path / "check_ledger.py").write_text(script, encoding="utf-8")
    published = Path("out/site/qr/ledger.json")
    saved = tmp_path / "saved-ledger.json"
    saved.write_bytes(published.read_bytes())

    def check(*files: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-I", str(tmp_path / "check_ledger.py"), *map(str, files)],
                              capture_output=True, text=True)

    done = check(published)
    assert (done.returncode, done.stdout) == (0, "2 entries, chain intact; T-000 → product-000, "
                                                 "T-001 → product-001\n")
    done = check(published, saved)
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, "the earlier copy is the beginning of this one: "
                                                                 "no issued entry changed")
    # a re-pointed code: entry 2 now leads elsewhere, even with its digest recomputed
    data = json.loads(published.read_text(encoding="utf-8"))
    data["entries"][1]["product"] = "san-pham-gia"
    data["entries"][1]["digest"] = entry_digest(data["entries"][0]["digest"], 2, "T-001", "san-pham-gia",
                                                dt.date(2026, 11, 22))
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data), encoding="utf-8")
    done = check(forged, saved)
    assert (done.returncode, done.stdout.splitlines()[-1]) == (
        1, "entry 2 differs from the earlier copy: an issued entry was changed")
    data["entries"][1]["digest"] = "0" * 64
    forged.write_text(json.dumps(data), encoding="utf-8")
    done = check(forged)
    assert (done.returncode, done.stdout.splitlines()[-1]) == (1, "entry 2 does not match its digest")


def test_a_deleted_entry_is_caught_by_the_published_chain(built_content, cli):
    # two products built into out/ by `ocop-site build`: a copy of one build (tests/conftest.py)
    LEDGER.write_text(LEDGER.read_text(encoding="utf-8").replace(entry_text(2), ""), encoding="utf-8")
    edit(Path("content/products/product-001.yaml"), "code: T-001", "code: T-011")
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 1
    assert ("content/qr-ledger.yaml:1: QR ledger entry 2 (code 'T-001') was published by the last build "
            "(out/site/qr/ledger.json) but is missing\n" + RESTORE) in err
