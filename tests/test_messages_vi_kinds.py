"""Every kind of error `ocop-site validate` can report, said in Vietnamese (issue 19): for each case of
tests/refusal_cases.py (one change to the sample content per error kind: the cases the editor's refusal audit
proves exhaustive, and NOT_SAVED, the kinds no save brings), the real CLI run with `--lang vi` prints the exact
message line and "  Cách sửa: …" line kept in tests/fixtures/messages_vi.yaml.

A case with no entry there fails and prints what validate said at the case's place, ready to paste into the table
after reading it. `OCOP_REFRESH_MESSAGES_VI=1 python -m pytest tests/test_messages_vi_kinds.py` writes the table
again from the current output (after a change to the Vietnamese catalogue; then read the diff before committing).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from refusal_cases import (
    CASES,
    ELSEWHERE,
    FIX,
    MEDIA,
    NOT_SAVED,
    RECORD,
    SAMPLE,
    STORY,
    TRIP,
    UPLOADS,
    naming_upload,
    new_product_stories,
    serve_sample,
    validate_errors,
)

TABLE = Path(__file__).resolve().parent / "fixtures" / "messages_vi.yaml"
REFRESH = os.environ.get("OCOP_REFRESH_MESSAGES_VI") == "1"
WHERE = re.compile(r"^\S+?:\d+: ")
IDS = [case[0] for cases in (CASES, UPLOADS, ELSEWHERE, NOT_SAVED) for case in cases]


def test_the_case_ids_are_unique():
    assert len(IDS) == len(set(IDS)), sorted(case for case in IDS if IDS.count(case) > 1)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The content the cases change (serve_sample); at the end, it and the sample are as they were: the cases'
    copies share their files (hard links), so a change written into a file rather than in place of it would
    change them too."""
    content = serve_sample(tmp_path_factory.mktemp("served") / "content")
    before = _files(content), _files(SAMPLE)
    yield content
    assert (_files(content), _files(SAMPLE)) == before, "a case wrote into a file its copy shares"


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {file.relative_to(folder).as_posix(): (file.lstat().st_size, file.lstat().st_mtime_ns)
            for file in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def table() -> Iterator[dict[str, list[str]]]:
    """The expected lines, case id → [message line, Fix line]; rewritten at the end when refreshing."""
    kept = yaml.safe_load(TABLE.read_text(encoding="utf-8")) if TABLE.exists() else {}
    found: dict[str, list[str]] = {}
    yield found if REFRESH else kept
    if REFRESH and found:
        merged = {case: found.get(case, kept.get(case)) for case in IDS if case in found or case in kept}
        TABLE.write_text("# case id (tests/refusal_cases.py) → the Vietnamese message line validate prints and its "
                         "Fix line\n# written by OCOP_REFRESH_MESSAGES_VI=1 (tests/test_messages_vi_kinds.py); read "
                         "every entry\n" + yaml.safe_dump(merged, allow_unicode=True, sort_keys=False, width=1000),
                         encoding="utf-8")


def _linked_copy(source: Path, root: Path) -> Path:
    """A copy of the content folder `source` whose files are hard links (cheap): a change writes a new file in
    place of a link (_save), never into it."""
    content = root / "content"
    shutil.copytree(source, content, symlinks=True, copy_function=os.link)
    return content


def _save(content: Path, path: str, raw: str | bytes) -> None:
    file = content / path
    file.unlink(missing_ok=True)
    if isinstance(raw, bytes):
        file.write_bytes(raw)
    else:
        file.write_text(raw, encoding="utf-8")


def _check(content: Path, case: str, english: str, table: dict[str, list[str]],
           matches: Callable[[str, str], bool]) -> None:
    """validate's Vietnamese for `case` is the table's; `english` is the line the refusal test expects, and
    `matches(line, english)` tells which English line it is (used when refreshing the table)."""
    said = validate_errors(content, language="vi")
    pairs = list(zip(said, [*said[1:], ""], strict=True))
    if REFRESH:
        lines = validate_errors(content)
        assert len(lines) == len(said), (lines, said)
        at = next(number for number, line in enumerate(lines) if matches(line, english))
        table[case] = list(pairs[at])
        return
    where = WHERE.match(english).group()
    if case not in table:
        here = [yaml.safe_dump({case: list(pair)}, allow_unicode=True, sort_keys=False, width=1000)
                for pair in pairs if pair[0].startswith(where)]
        pytest.fail(f"no Vietnamese lines for {case!r} in {TABLE.name}; validate said at {where}\n"
                    + "or:\n".join(here) + "(read them as an editor would; paste the case's message line and its "
                    "Fix line into the table)")
    message, fix = table[case]
    assert message.startswith(where), f"the table's line for {case!r} is not at {where}: {message}"
    assert fix.startswith(FIX["vi"]), f"the table's Fix line for {case!r} is not a Fix: {fix}"
    assert (message, fix) in pairs, "validate said instead:\n" + "\n".join(said)


@pytest.mark.parametrize(("case", "path", "change", "english"), CASES, ids=[case[0] for case in CASES])
def test_a_change_brings_its_error_in_vietnamese(served: Path, tmp_path: Path, table: dict[str, list[str]], case: str,
                                                 path: str, change, english: str):
    content = _linked_copy(served, tmp_path)
    source = served / path if (served / path).exists() else served / (STORY if path.endswith(".md") else TRIP)
    _save(content, path, change(source.read_text(encoding="utf-8")))
    _check(content, case, english, table, str.startswith)


@pytest.mark.parametrize(("case", "name", "photo", "english"), UPLOADS, ids=[case[0] for case in UPLOADS])
def test_a_photo_brings_its_error_in_vietnamese(served: Path, tmp_path: Path, table: dict[str, list[str]], case: str,
                                                name: str, photo: Callable[[], bytes], english: str):
    content = _linked_copy(served, tmp_path)
    _save(content, MEDIA + name, photo())
    _save(content, RECORD, naming_upload((served / RECORD).read_text(encoding="utf-8"), name))
    _check(content, case, english, table, str.__eq__)


@pytest.mark.parametrize(("case", "prepare", "english"), ELSEWHERE, ids=[case[0] for case in ELSEWHERE])
def test_a_save_in_content_of_its_own_brings_its_error_in_vietnamese(tmp_path: Path, table: dict[str, list[str]],
                                                                     case: str,
                                                                     prepare: Callable[[Path], tuple[str, str]],
                                                                     english: str):
    content = _linked_copy(SAMPLE, tmp_path)
    path, raw = prepare(content)
    if not (content / path).exists():  # the form's new product writes its stories with it
        new_product_stories(content, path)
    _save(content, path, raw)
    _check(content, case, english, table, str.__eq__)


@pytest.mark.parametrize(("case", "change", "english"), NOT_SAVED, ids=[case[0] for case in NOT_SAVED])
def test_a_change_no_save_makes_brings_its_error_in_vietnamese(served: Path, tmp_path: Path,
                                                              table: dict[str, list[str]], case: str,
                                                              change: Callable[[Path], None], english: str):
    content = _linked_copy(SAMPLE, tmp_path)
    change(content)
    _check(content, case, english, table, str.__eq__)
