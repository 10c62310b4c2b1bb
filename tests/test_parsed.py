"""What reading the content parsed, kept between processes (ocop_site/content/parsed.py): a second reading
of unchanged files parses none of them and gives the same catalogue and the same problems; a damaged kept
file, a changed text or a folder that cannot be written changes nothing but the time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import TODAY, edit

from ocop_site.content import parsed, product_files, reader
from ocop_site.model.loader import load_catalog

READING = dt.date.fromisoformat(TODAY)


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own: the folder of what was parsed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache" / "ocop-site" / "parsed"


class Parsers:
    """The real YAML and story parsers, counting the texts they are given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        for module, name in ((reader, "parse"), (product_files, "parse_story")):
            real = getattr(module, name)
            monkeypatch.setattr(module, name, self._counting(real))

    def _counting(self, real):
        def parse(text: str, *args, **kwargs):
            self.texts.append(text)
            return real(text, *args, **kwargs)
        return parse


def summary(content: Path) -> dict:
    """What a reading gave: each product's record and stories, and every problem, in order."""
    catalog = load_catalog(content, today=READING)
    return {
        "records": {slug: product.record.model_dump() for slug, product in catalog.products.items()},
        "stories": {(slug, language): (story.lead, story.sections, story.source, story.spans)
                    for slug, product in catalog.products.items() for language, story in product.stories.items()},
        "warnings": [problem.render() for problem in catalog.warnings],
    }


def kept_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.pickle"))


def test_a_second_reading_parses_nothing_and_gives_the_same_catalogue(content, kept, monkeypatch):
    first = summary(content)
    # site.yaml, two records, four stories (the ledger is not written before the first build)
    assert len(kept_files(kept)) == 7
    parsers = Parsers(monkeypatch)
    assert summary(content) == first
    assert parsers.texts == []
    edit(content / "stories" / "product-001.en.md", "Sugar making", "Sugar boiling")
    again = summary(content)
    assert [text.splitlines()[0] for text in parsers.texts] == ['Đức Phổ "lung sugar" is a homely gift from a '
                                                                "land of sun and wind."]
    assert again["stories"]["product-001", "en"][1]["community"].startswith("Sugar boiling gives work")
    assert len(kept_files(kept)) == 8


def test_a_story_s_problems_come_back_word_for_word_without_parsing_it(content, kept, cli, monkeypatch):
    edit(content / "stories" / "product-000.vi.md", "## Nguồn gốc", "# Đường phổi\n\n## Nguồn gốc")
    edit(content / "products" / "product-001.yaml", "stars:", "stars: [")
    first = cli("validate", "--content", str(content))
    assert first[0] == 1 and "content/stories/product-000.vi.md:3: a story has no '#' title" in first[2]
    assert "content/products/product-001.yaml" in first[2]
    parsers = Parsers(monkeypatch)
    assert cli("validate", "--content", str(content)) == first
    # the record whose YAML is refused is parsed again (a text that failed is never kept), nothing else
    assert [text for text in parsers.texts if "stars: [" not in text] == []


def _changed_letter(data: bytes) -> bytes:
    """A letter of the story changed: still a valid pickle, of another story."""
    return data.replace(b"Sugar", b"Sugor")


@pytest.mark.parametrize("damage", ["cut off", "a letter changed", "empty"])
def test_a_damaged_kept_file_is_parsed_again_and_written_whole(content, kept, monkeypatch, damage):
    first = summary(content)
    damaged = 0
    for path in kept_files(kept):
        data = path.read_bytes()
        path.write_bytes({"cut off": data[: len(data) // 2], "empty": b"",
                          "a letter changed": _changed_letter(data)}[damage])
        damaged += path.read_bytes() != data
    assert damaged == (2 if damage == "a letter changed" else 7)  # the English stories say "Sugar"
    parsers = Parsers(monkeypatch)
    assert summary(content) == first
    assert len(parsers.texts) == damaged
    for path in kept_files(kept):
        data = path.read_bytes()
        assert parsed._seal(path.stem, data[parsed.DIGEST:]) == data[: parsed.DIGEST]


def test_a_whole_kept_file_under_another_name_is_not_taken_for_that_name_s_result(content, kept, monkeypatch):
    first = summary(content)
    files = kept_files(kept)
    foreign = files[0].read_bytes()  # whole, and sealed: but for its own name
    for path in files[1:]:
        path.write_bytes(foreign)
    parsers = Parsers(monkeypatch)
    assert summary(content) == first
    assert len(parsers.texts) == len(files) - 1


@pytest.mark.parametrize("kind", ["a pipe", "a folder"])
def test_a_kept_file_that_is_not_a_regular_file_is_not_waited_on(content, kept, monkeypatch, kind):
    first = summary(content)
    files = kept_files(kept)
    for path in files:
        path.unlink()
        os.mkfifo(path) if kind == "a pipe" else path.mkdir()
    got: list[dict] = []
    reading = threading.Thread(target=lambda: got.append(summary(content)), daemon=True)
    reading.start()
    reading.join(timeout=30)
    assert got == [first], f"the reading did not finish with {kind} in place of each kept file"


def test_a_cache_folder_that_cannot_be_written_costs_only_the_time(content, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    first = summary(content)
    parsers = Parsers(monkeypatch)
    assert summary(content) == first
    assert len(parsers.texts) == 7


def test_results_of_other_reading_code_are_not_used(content, kept, monkeypatch):
    first = summary(content)
    monkeypatch.setattr(parsed, "code", lambda: "the digest of other reading code")
    parsers = Parsers(monkeypatch)
    assert summary(content) == first
    assert len(parsers.texts) == 7


@pytest.mark.parametrize("changed", ["content/stories.py", "content/story_markup.py", "content/yaml_source.py",
                                     "content/placeholders.py", "problems.py", "i18n.py"])
def test_a_change_to_the_reading_code_changes_the_code_digest(tmp_path, monkeypatch, changed):
    package = tmp_path / "ocop_site"
    for name in parsed.SOURCES:
        source = parsed.PACKAGE / name
        if source.is_dir():
            shutil.copytree(source, package / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, package / name)
    monkeypatch.setattr(parsed, "PACKAGE", package)
    parsed.code.cache_clear()
    before = parsed.code()
    with (package / changed).open("a", encoding="utf-8") as file:
        file.write("\n# một dòng chú thích\n")
    parsed.code.cache_clear()
    try:
        assert parsed.code() != before
    finally:
        monkeypatch.undo()
        parsed.code.cache_clear()


def test_a_result_that_cannot_be_kept_is_still_returned(kept):
    lock = threading.Lock()  # pickle refuses it (TypeError)
    assert parsed.remembered("test", "Đường phổi", lambda: lock) is lock
    assert kept_files(kept) == []
    assert parsed.remembered("test", "Đường phổi", lambda: {"đ": 1}) == {"đ": 1}
    assert parsed.remembered("test", "Đường phổi", lambda: {"đ": 2}) == {"đ": 1}  # kept: not made again


def _age(path: Path, days: float) -> None:
    then = time.time() - days * parsed.DAY
    os.utime(path, (then, then))


@pytest.fixture
def new_process():
    """The folder is looked through once a process: `new_process()` makes the next reading do it again, as
    the next process would."""
    parsed._prune_once.cache_clear()
    yield parsed._prune_once.cache_clear
    parsed._prune_once.cache_clear()


def _unused_since(kept: Path, days: float, pruned_days_ago: float) -> Path:
    """A kept file no reading has used for `days` (an edited story's older text, say), in a folder last
    looked through `pruned_days_ago`."""
    unused = kept / "00" / f"{'0' * 64}.pickle"
    unused.parent.mkdir(exist_ok=True)
    unused.write_bytes(b"an old result")
    _age(unused, days)
    (kept / parsed.PRUNED).touch()
    _age(kept / parsed.PRUNED, pruned_days_ago)
    return unused


def test_kept_files_unused_for_thirty_days_are_removed_and_used_ones_renewed(content, kept, new_process):
    summary(content)
    used = kept_files(kept)
    for path in used:
        _age(path, 10)  # read ten days ago
    unused = _unused_since(kept, 31, pruned_days_ago=2)
    dead = kept / "00" / f".{'0' * 64}.pickle.999999999.tmp"  # left by a writer that was killed
    dead.write_bytes(b"half")
    new_process()
    summary(content)
    assert kept_files(kept) == used and not unused.exists() and not dead.exists()
    assert all(time.time() - path.stat().st_mtime < 60 for path in used)  # renewed by their use
    assert time.time() - (kept / parsed.PRUNED).stat().st_mtime < 60


def test_a_marker_dated_in_the_future_does_not_stop_the_pruning(content, kept, new_process):
    summary(content)
    unused = _unused_since(kept, 31, pruned_days_ago=-3650)  # the clock was ten years ahead, then
    new_process()
    summary(content)
    assert not unused.exists()


def test_the_folder_is_looked_through_at_most_once_a_day(content, kept, new_process):
    summary(content)
    unused = _unused_since(kept, 31, pruned_days_ago=0.5)  # this morning
    new_process()
    summary(content)
    assert unused.exists()
