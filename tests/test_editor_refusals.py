"""One validation: for every kind of error `ocop-site validate` can report, the editor (a real `ocop-site edit`
process) refuses the save that would bring it, answers exactly the text `validate` prints for it, and writes
nothing: records, stories, trips, site.yaml (which the form edits too: its own errors and those it brings to the
products, such as a showroom they name removed, limits their videos now exceed, a site address too long for
their QR codes), uploaded photos and the form's new product.

The audit at the end checks that this is exhaustive: every error template of the modules `validate` runs
(tests/problem_templates.py reads them from the code, as the message catalogue's extraction does) is shown by
a refusal test here, or listed in NOT_BY_A_SAVE with why no save can bring it and what the editor does
instead (it never writes the QR ledger, deletes, renames or links nothing, writes UTF-8 regular files of at
most 1 MB).
"""

from __future__ import annotations

import base64
import functools
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from editor_process import EditorClient, running_editor, tree
from refusal_cases import (
    CASES,
    CODE_ISSUED,
    DUPLICATE,
    LINKED_FOLDER,
    MEDIA,
    NOT_A_PHOTO,
    RECORD,
    REFUSED_ELSEWHERE,
    SAMPLE,
    SLUG_TOO_LONG,
    STORY,
    STORY_MISSING,
    TRIP,
    UPLOADS,
    leaving_draft_without_stories,
    naming_upload,
    new_product_stories,
    new_product_whose_slug_is_taken,
    new_product_whose_slug_is_too_long,
    photo_in_a_linked_folder,
    photo_that_is_no_photo,
    printed_code_to_another_product,
    serve_sample,
    validate_errors,
)

from ocop_site.content.reader import MAX_FILE_BYTES
from ocop_site.editor.backend import MAX_TEXT


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content, with files no record names yet and a one-minute limit on videos (serve_sample)."""
    return serve_sample(tmp_path_factory.mktemp("served") / "content")



@pytest.fixture(scope="module")
def editor(served: Path) -> Iterator[EditorClient]:
    with running_editor(served) as client:
        yield client




def _refused(editor: EditorClient, served: Path, tmp_path: Path, path: str, raw: str,
             photos: dict[str, bytes] | None = None) -> list[str]:
    """Save `raw` as `path` through the editor, with `photos` uploaded (path → bytes); assert it is refused, that
    nothing changed, and that the answer is what validate prints for the same content. Returns the answer's
    lines."""
    before = tree(served)
    original = (served / path).read_bytes() if (served / path).exists() else None
    assets = [{"path": name, "content": base64.b64encode(data).decode("ascii"), "encoding": "base64"}
              for name, data in (photos or {}).items()]
    status, answer = editor.call("persistEntry", {"dataFiles": [{"path": path, "slug": "x", "raw": raw}],
                                                  "assets": assets})
    if status != 422:  # saved after all: put things back for the other cases
        if original is not None:
            (served / path).write_bytes(original)
        for name in photos or {}:
            (served / name).unlink(missing_ok=True)
    assert status == 422, answer
    assert tree(served) == before
    copy = tmp_path / "content"
    shutil.copytree(served, copy, symlinks=True)
    (copy / path).write_text(raw, encoding="utf-8")
    for name, data in (photos or {}).items():
        (copy / name).write_bytes(data)
    expected = validate_errors(copy)
    assert answer["error"].splitlines() == expected
    return expected


@pytest.mark.parametrize(("path", "change", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_editor_refuses_what_validate_rejects_with_its_words(editor: EditorClient, served: Path, tmp_path: Path,
                                                                 path: str, change, message: str):
    source = served / path if (served / path).exists() else served / (STORY if path.endswith(".md") else TRIP)
    lines = _refused(editor, served, tmp_path, path, change(source.read_text(encoding="utf-8")))
    assert any(line.startswith(message) for line in lines), "\n".join(lines)



@pytest.mark.parametrize(("name", "photo", "message"), [case[1:] for case in UPLOADS],
                         ids=[case[0] for case in UPLOADS])
def test_a_save_with_a_photo_validate_rejects_is_refused(editor: EditorClient, served: Path, tmp_path: Path, name: str,
                                                         photo: Callable[[], bytes], message: str):
    record = naming_upload((served / RECORD).read_text(encoding="utf-8"), name)
    lines = _refused(editor, served, tmp_path, RECORD, record, {MEDIA + name: photo()})
    assert message in lines, "\n".join(lines)


def test_a_record_leaving_draft_without_its_stories_is_refused(tmp_path: Path):
    """Stories are required once a record is no longer a draft: the save that removes 'draft: true'."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    path, record = leaving_draft_without_stories(content)
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, path, record)
    assert lines[:2] == [STORY_MISSING,
                         "  Fix: create it with the required sections, or run 'ocop-site new product toi-nhap' in an "
                         "empty folder to see a template"]


def test_a_photo_that_is_no_photo_is_refused(tmp_path: Path):
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    path, record = photo_that_is_no_photo(content)
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, path, record)
    assert lines[0] == NOT_A_PHOTO


def test_a_photo_in_a_linked_folder_is_refused(tmp_path: Path):
    """A draft without photos whose photo folder is a link (made by hand: the editor makes no links) has no error
    until a save names a photo in it."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    path, record = photo_in_a_linked_folder(content)
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, path, record)
    assert lines[0] == LINKED_FOLDER


def test_a_printed_code_is_not_given_to_another_product(tmp_path: Path):
    """Once Lý Sơn garlic has a new code, its old one still leads to it: the shallot cannot take it."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    path, record = printed_code_to_another_product(content)
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, path, record)
    assert lines[0] == CODE_ISSUED


def _new_product_refused(tmp_path: Path, prepare: Callable[[Path], tuple[str, str]]) -> list[str]:
    """The form's 'New product' saving the record `prepare` returns: refused (422, nothing written) with the
    lines validate reports for the same content with the new product's stories; those lines."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    path, new = prepare(content)
    with running_editor(content) as editor:
        before = tree(content)
        status, answer = editor.call("persistEntry", {"dataFiles": [{"path": path, "raw": new}],
                                                      "options": {"newEntry": True}})
        assert (status, tree(content)) == (422, before), answer
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    (copy / path).write_text(new, encoding="utf-8")
    new_product_stories(copy, path)
    assert answer["error"].splitlines() == validate_errors(copy)
    return answer["error"].splitlines()


def test_a_new_product_whose_address_another_record_has_is_refused(tmp_path: Path):
    """The form's 'New product' writes products/<slug>.yaml: a draft record 'tra-que.yml' has that slug already."""
    assert _new_product_refused(tmp_path, new_product_whose_slug_is_taken)[0] == DUPLICATE


def test_a_new_product_whose_file_name_is_too_long_to_print_is_refused(tmp_path: Path):
    """The form makes the file name from the English name: one longer than the pieces print is refused."""
    assert _new_product_refused(tmp_path, lambda content: new_product_whose_slug_is_too_long())[0] == SLUG_TOO_LONG


def test_errors_already_in_the_content_do_not_block_other_saves(tmp_path: Path):
    """The rule: refused are the errors the save would add; one already there (another product's) is left to
    'ocop-site validate', and the save that fixes it is taken."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    shallot = content / "products" / "ly-son-shallot.yaml"
    good = shallot.read_text(encoding="utf-8")
    shallot.write_text(good.replace("stars: 4", "stars: 9"), encoding="utf-8")
    story = (SAMPLE / STORY).read_text(encoding="utf-8").replace("On a small island", "On a tiny island")
    with running_editor(content) as editor:
        saved = editor.call("persistEntry", {"dataFiles": [{"path": STORY, "raw": story}]})
        fixed = editor.call("persistEntry", {"dataFiles": [{"path": "products/ly-son-shallot.yaml", "raw": good}]})
    assert saved == fixed == (200, {"message": "entry persisted"})
    assert (content / STORY).read_text(encoding="utf-8") == story
    assert shallot.read_text(encoding="utf-8") == good


# --- the audit: every error template validate can report is refused above, or listed here with why not ---

NOT_BY_A_SAVE: dict[str, str] = {
    # the QR ledger: paths.kind refuses qr-ledger.yaml with 403, and no other file changes what these check
    **dict.fromkeys([
        "the QR ledger must be a list of entries starting with '- n:'",
        "malformed ledger entry: expected n, code, product, issued and digest",
        "QR ledger entry number {n} is given twice (first on line {first})",
        "QR ledger entry {n} stands where entry {position} belongs: issued entries were moved",
        "QR ledger entry {position} has been renumbered {n}: the numbers of issued entries never change",
        "ledger entry {first} is missing (numbers jump from {after} to {n})",
        "ledger entries {first}–{last} are missing (numbers jump from {after} to {n})",
        "QR ledger entry {n} comes after entry {after}: issued entries were moved or renumbered",
        "QR ledger entry {n} has no digest: entries are written by the build, never by hand",
        "no entry of the QR ledger has a digest: the digests were removed, or the ledger was written before entries "
        "were chained",
        "QR ledger entry {n} (code '{code}', product '{product}', issued {issued}) does not match its digest: an "
        "issued entry was changed",
    ], "the editor neither reads nor writes qr-ledger.yaml (403: 'ocop-site build' alone appends to it), and these "
       "check the ledger's own entries"),
    "QR code '{code}' leads to product '{product}', which no longer exists: printed codes would stop working":
        "the editor deletes and renames no record (403), and a record a save breaks has errors of its own, which "
        "are refused instead (the loader does not report its code as gone)",
    "the products folder is missing": "the editor deletes nothing (403)",
    "the site settings file is missing": "the editor deletes nothing (403) and writes site.yaml only where it exists",
    # what kind of file is there: the editor writes regular files only, never through a link (paths.located: 403)
    **dict.fromkeys([
        "this is a symbolic link to a file outside the content folder",
        "this is a symbolic link that leads back to itself (a loop)",
        "this is a symbolic link to a file that does not exist",
        "this is a folder, not a file",
        "this is not a regular file (a device, pipe or socket)",
    ], "the editor writes regular files only and refuses a path that is a link or goes through one (403); a "
       "record or site.yaml that is not a regular file 'does not exist' for it (403), a new product's story that "
       "is there already gets 409. Records, stories, trips and site.yaml are read whether or not a save names "
       "them, so such a file has its error before any save (captions, posters and videos are checked as "
       "'not a regular file' first: shown above)"),
    # bounds the schema may set (messages.py): no field has one of these today (stars has its own message; a text's
    # maximum length and a trip's travel minutes are refused above)
    **dict.fromkeys([
        "'{name}' must be less than {most}, got {value}",
        "'{name}' is too long: at most {most}",
    ], "no field of the schema has such a bound today; the message is ready for one that will (a save that broke "
       "it would be refused like 'must be more than' above)"),
    "'{name}' has too few items: at least {least}": "a trip's 'days' or 'stops' left empty ('days: []'): the editor "
        "answers such a save with 'missing required field' (seen when this case was tried: it differs from validate, "
        "which reports this message for the same file edited by hand)",
    "the file cannot be read ({reason})": "the editor reads and writes files it may open; a file it cannot open "
        "(permissions) is not brought by a save, and these tests run as root, which reads every file",
    "the file is {size}; a file of this kind may be at most {limit}": "the editor refuses a text over 1 MB with 413 "
        "before the check (backend.MAX_TEXT is reader.MAX_FILE_BYTES, asserted below)",
    "the file is not UTF-8 text": "the editor writes UTF-8; a text that is not valid Unicode is refused with 400",
    "image file {file} cannot be read ({reason})": "only a photo that cannot be opened (permissions): the upload "
        "writes readable files, and these tests run as root, which reads every file; a record naming such a photo "
        "goes through the same check as any other",
}

# content errors only `ocop-site build` reports (its modules that validate does not run), so the editor's check
# does not either: why validate does not, and what that means for a save. Listed so that a new one is a decision.
LEDGER_VS_SITE = "compares the ledger with the last published site, which validate does not read; the editor " \
    "never writes the ledger"
BUILD_ONLY = {
    "photo '{name}' is not a file inside {media}/, so it is not printed":
        "the printables' last line of defence: validate refuses such a photo first (a link, shown above)",
    "the PDF would read '{url}', outside the content and package folders":
        "the printables' last line of defence: stories are sanitised and photos checked by validate first",
    "QR ledger entry {n} (code '{code}') was published by the last build ({site}) but is missing": LEDGER_VS_SITE,
    "QR ledger entry {n} differs from the one the last build published ({site}): its {key} was '{old}' and is now "
    "'{new}'": LEDGER_VS_SITE,
    "this file of the last build is damaged ({reason}), so the build cannot check that no entry of {ledger} was "
    "deleted or changed": LEDGER_VS_SITE,
    "QR code '{code}' is missing from {ledger}, but the last build ({site}) answered it: its ledger entry was "
    "deleted": LEDGER_VS_SITE,
}
BUILD_MODULES = ("pipeline/", "targets/")

# the calls whose message is an error; a `Problem(…)` made in these modules is a warning instead
ERROR_CALLS = {"error", "PhotoError", "explain", "Problem", "problem"}
WARNING_MAKERS = {"model/press.py": "press-kit lengths", "model/product.py": "an expired certificate",
                  "model/print_photos.py": "a photo too small to print"}
# errors raised as exceptions and turned into problems (catalogue templates with values): the call, and the
# positions of its message and Fix
RAISED = {"CaptionError": (1, 2), "YamlLimitError": (1, 2)}
# errors whose message is passed on from elsewhere (not a literal where the error is made): where each comes from,
# so that the audit reads it there; a new one fails the audit until it is added here and read
PASSED_ON = {
    ("content/product_files.py", "clash.message"): "PhotoError (photos.py)",
    ("content/product_files.py", "found.message"): "PhotoError (photos.py)",
    ("content/reader.py", "message"): "explain() and _unreadable() -> Explained",
    ("content/reader.py", "exc.template"): "YamlLimitError (RAISED)",
    ("content/trips.py", "message"): "_explain() -> Explained",
    ("content/videos.py", "error.template"): "CaptionError (RAISED)",
    ("model/loader.py", "too_long.template"): "PayloadTooLong: explain_too_long() -> Explained (qr_payload.py)",
    ("problems.py", "message"): "the Problems collector itself",
}


@functools.cache
def _validate_modules() -> frozenset[str]:
    """The package's modules `ocop-site validate` runs (imported by a fresh process), relative to the package.
    Asked once per test run: a fresh Python process each time cost a second per template that asked."""
    import subprocess
    import sys

    from problem_templates import PACKAGE

    files = subprocess.run([sys.executable, "-c", "import sys; import ocop_site.cli, ocop_site.model.loader; print("
                            "'\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('ocop_site.')))"],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    return frozenset(Path(file).relative_to(PACKAGE).as_posix() for file in files)


def validate_error_templates() -> dict[str, list[str]]:
    """template → where it is made, for every error (not warning, not Fix) of a module validate runs."""
    from problem_templates import package_templates

    modules = _validate_modules()
    found: dict[str, list[str]] = {}
    for template in package_templates(modules):
        if template.role == "message" and template.call in ERROR_CALLS and \
                not (template.call in ("Problem", "problem") and template.path in WARNING_MAKERS):
            found.setdefault(template.text, []).append(f"{template.path}:{template.line}")
    for path, line, text in _raised_templates(modules):
        found.setdefault(text, []).append(f"{path}:{line}")
    return found


def _raised_templates(modules: frozenset[str]) -> Iterator[tuple[str, int, str]]:
    """The messages of RAISED exceptions, as templates."""
    import ast

    from problem_templates import PACKAGE

    for module in sorted(modules):
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in RAISED and node.args:
                message = node.args[RAISED[node.func.id][0]]
                yield module, node.lineno, _as_template(message)


def _passed_on(modules: frozenset[str]) -> set[tuple[str, str]]:
    """(module, expression) of every error call whose message is not a literal."""
    import ast

    from problem_templates import PACKAGE, PROBLEM_CALLS

    found = set()
    for module in modules:
        for node in ast.walk(ast.parse((PACKAGE / module).read_text(encoding="utf-8"))):
            name = node.func.attr if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else \
                getattr(getattr(node, "func", None), "id", None)
            at = PROBLEM_CALLS.get(name, (None,))[0]
            if name in ERROR_CALLS and at is not None and len(node.args) > at and \
                    not isinstance(node.args[at], ast.Constant | ast.IfExp | ast.JoinedStr):
                found.add((module, ast.unparse(node.args[at])))
    return found


def _as_template(node) -> str:
    """A literal or an f-string as a template: each value put in becomes a {placeholder}."""
    import ast

    if isinstance(node, ast.Constant):
        return node.value
    assert isinstance(node, ast.JoinedStr), ast.unparse(node)
    return "".join(part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                   for part in node.values)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WHERE = re.compile(r"^\S+?:\d+: ")


def _pattern(template: str) -> re.Pattern[str]:
    """The messages `template` gives: each {placeholder} stands for any text."""
    parts = _PLACEHOLDER.split(template)
    return re.compile(".*?".join(re.escape(part) for part in parts), re.S)


def _refused_templates(templates: list[str]) -> dict[str, str]:
    """template → the expected line of a refusal test that shows it. A line is counted for the template that
    matches it with the most literal text (so "unknown key '{name}'" is not counted for a "did you mean")."""
    patterns = {template: _pattern(template) for template in templates}
    literal = {template: len(_PLACEHOLDER.sub("", template)) for template in templates}
    shown: dict[str, str] = {}
    for line in [case[3] for case in CASES] + [case[3] for case in UPLOADS] + REFUSED_ELSEWHERE:
        message = _WHERE.sub("", line, count=1)
        matching = [template for template, pattern in patterns.items() if pattern.fullmatch(message)]
        if matching:
            shown.setdefault(max(matching, key=literal.__getitem__), line)
    return shown


def test_every_error_validate_can_report_is_refused_by_a_test_or_told_why_a_save_cannot_bring_it():
    templates = validate_error_templates()
    assert len(templates) > 100, "the extraction found too little: " + ", ".join(templates)
    refused = _refused_templates(list(templates))
    neither = {template: places for template, places in templates.items()
               if template not in refused and template not in NOT_BY_A_SAVE}
    assert not neither, "errors validate can report that no refusal test shows and NOT_BY_A_SAVE does not " \
        "explain:\n" + "\n".join(f"  {template!r} ({', '.join(places)})" for template, places in neither.items())
    stale = [template for template in NOT_BY_A_SAVE if template not in templates]
    assert not stale, f"NOT_BY_A_SAVE names errors the code no longer reports: {stale}"
    both = [template for template in NOT_BY_A_SAVE if template in refused]
    assert not both, f"NOT_BY_A_SAVE names errors a refusal test shows after all: {both}"
    assert set(WARNING_MAKERS) <= _validate_modules()
    assert _passed_on(_validate_modules()) == set(PASSED_ON), "an error passes on a message made elsewhere: " \
        "add where it is made to PASSED_ON and read its templates there"
    assert MAX_TEXT == MAX_FILE_BYTES  # what NOT_BY_A_SAVE says of "the file is {size}"


def test_content_errors_only_build_reports_are_listed_with_why():
    from problem_templates import package_templates

    found = {template.text for template in package_templates() if template.path.startswith(BUILD_MODULES)
             and template.path not in _validate_modules() and template.role == "message"
             and template.call in ERROR_CALLS}
    assert found == set(BUILD_ONLY), "content errors only 'ocop-site build' reports, not in BUILD_ONLY: " \
        f"{sorted(found - set(BUILD_ONLY))}; in BUILD_ONLY but not in the code: {sorted(set(BUILD_ONLY) - found)}"
