"""The message catalogue (ocop_site/locale) and the code agree: every key or message the code and the
templates use is in both languages, every entry is used, both languages fill in the same placeholders,
and the committed .mo files are compiled from the .po files as they are now (issue 19).

What "used" means is decided by Babel's extraction (babel.messages.extract) over the package with three
methods: Babel's own Python extractor for `t("key", …)` and `N_("key")`, one for the templates
(`t("key")` and `labels.key`), and one for the problems (the literal message and Fix given to
`Problem(…)`, `problems.error(…)` and `problems.warn(…)`; anything but a literal is refused).
"""

from __future__ import annotations

import ast
import functools
import io
import re
import string
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import nodes

import ocop_site
from ocop_site.i18n import LANGUAGES, LOCALE_DIR, t

PACKAGE = Path(ocop_site.__file__).parent
# where a problem's message and Fix are: positional arguments (from 0), or message=, fix=
PROBLEM_CALLS = {"Problem": (2, 3), "error": (2, 3), "warn": (2, 3), "problem": (2, 3), "SheetError": (0,),
                 "phrase": (0,), "PhotoError": (0, 1), "YamlLimitError": (1, 2), "CaptionError": (1, 2),
                 "ScaffoldError": (0,)}


def _catalogue(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


def _literals(node: ast.expr) -> list[str]:
    """The keys a first argument can be: a literal, or either literal of `"a" if … else "b"`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def extract_labels(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for Python: t("key", …) and N_("key"), inside f-strings too."""
    for call in ast.walk(ast.parse(fileobj.read())):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("t", "N_") and call.args:
            for key in _literals(call.args[0]):
                yield call.lineno, call.func.id, key, []


def extract_templates(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for Jinja templates: t("key", …) and labels.key."""
    source = fileobj.read().decode("utf-8")
    tree = jinja2.Environment().parse(source)
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "t" and call.args:
            first = call.args[0]
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                yield call.lineno, "t", first.value, []
    for attribute in tree.find_all(nodes.Getattr):
        if isinstance(attribute.node, nodes.Name) and attribute.node.name == "labels":
            yield attribute.lineno, "labels", attribute.attr, []


class NotLiteral(Exception):
    pass


# the report's findings: (kind, file, line, message, values) tuples
FINDINGS = ("report/collect.py", {"translation", "photos", "certificates", "short", "drafts"})
# files that pass on problems made elsewhere, rewritten: checked where those problems are made
PASS_THROUGH = {"editor/check.py"}  # takes the temporary folder's prefix off the paths of loaded problems


def extract_problems(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for the problems: the literal message and Fix of every problem made, and
    those an `explain…() -> Explained` function returns."""
    tree = ast.parse(fileobj.read())
    if any(str(fileobj.name).endswith(path) for path in PASS_THROUGH):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and isinstance(node.returns, ast.Name) and node.returns.id == "Explained":
            for returned in ast.walk(node):
                if isinstance(returned, ast.Return) and isinstance(returned.value, ast.Tuple):
                    yield from _templates(fileobj.name, returned.value.elts[:2], "explain")
        if isinstance(node, ast.Tuple) and str(fileobj.name).endswith(FINDINGS[0]) and len(node.elts) == 5 \
                and isinstance(node.elts[0], ast.Constant) and node.elts[0].value in FINDINGS[1]:
            yield from _templates(fileobj.name, node.elts[3:4], "finding")  # (kind, file, line, message, values)
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        positions = PROBLEM_CALLS.get(name, ())
        if positions and len(node.args) > positions[0]:
            texts = [node.args[i] for i in positions if i < len(node.args)]
            texts += [k.value for k in node.keywords if k.arg in ("message", "fix")]
            yield from _templates(fileobj.name, texts, name)
        if name == "Term" and node.args:
            yield from _templates(fileobj.name, node.args[:1], name)


def _templates(path: str, texts: list[ast.expr], funcname: str) -> Iterator[tuple]:
    for text in texts:
        if isinstance(text, ast.Name | ast.Attribute | ast.Subscript | ast.Starred):
            continue  # made elsewhere: checked where it is made
        keys = _literals(text)
        if not keys:
            raise NotLiteral(f"{path}:{text.lineno}: a problem's message and Fix must be literal templates with "
                             f"{{placeholders}}, not {ast.unparse(text)}")
        for key in keys:
            if key:
                yield text.lineno, funcname, key, []


@functools.cache
def extracted() -> dict[str, list[str]]:
    """msgid → the places that use it."""
    method_map = [("**/templates/**.j2", extract_templates), ("**.py", extract_labels), ("**.py", extract_problems)]
    keywords = dict.fromkeys(("t", "N_", "labels", "explain", "Term", "finding", *PROBLEM_CALLS))
    found: dict[str, list[str]] = {}
    for method in method_map[1:]:
        for path, _lineno, message, _comments, _context in extract_from_dir(PACKAGE, [method_map[0], method],
                                                                             keywords=keywords):
            found.setdefault(message, []).append(path)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_the_code_uses_is_in_the_catalogue(language: str) -> None:
    entries = {message.id if isinstance(message.id, str) else message.id[0] for message in _catalogue(language)}
    missing = {key: places for key, places in extracted().items() if key not in entries}
    assert not missing, f"not in the {language} catalogue: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_used(language: str) -> None:
    entries = [message.id if isinstance(message.id, str) else message.id[0] for message in _catalogue(language)]
    unused = [key for key in entries if key and key not in extracted()]
    assert not unused, f"in the {language} catalogue but used nowhere: {unused}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_fill_in_the_same_placeholders_and_translate_everything() -> None:
    vi, en = _catalogue("vi"), _catalogue("en")
    assert [m.id for m in vi if m.id] == [m.id for m in en if m.id], "the two catalogues list different entries"
    for message in en:
        if not message.id:
            continue
        other = vi[message.id]
        forms = [*(message.string if message.pluralizable else [message.string]),
                 *(other.string if other.pluralizable else [other.string])]
        assert all(forms), f"{message.id!r} is untranslated in one language"
        expected = _fields(forms[-1])
        for form in forms:
            assert _fields(form) <= expected | {"n"}, f"{message.id!r}: {form!r} fills in other values"
        assert _fields(forms[-1]) == _fields(other.string[-1] if other.pluralizable else other.string), message.id
        assert not message.fuzzy and not other.fuzzy, f"{message.id!r} is marked fuzzy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(language))
    committed = (LOCALE_DIR / language / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert compiled.getvalue() == committed, "run: pybabel compile -d ocop_site/locale -D messages"


def test_plural_forms() -> None:
    assert [t("products_count", "en", n=n) for n in (1, 2)] == ["1 product", "2 products"]
    assert [t("products_count", "vi", n=n) for n in (1, 2)] == ["1 sản phẩm", "2 sản phẩm"]
    assert t("trip_days", "en", n=1) == "1 day" and t("trip_days", "vi", n=3) == "3 ngày"


def test_one_wording_of_the_stars_everywhere() -> None:
    """The tables used to disagree ("{n} sao OCOP" and "OCOP {n} sao"): one entry now, as the programme writes it."""
    assert t("stars", "vi", n=4) == "OCOP 4 sao" and t("stars", "en", n=4) == "4-star OCOP"
    sources = [path for path in PACKAGE.rglob("*") if path.suffix in (".py", ".j2") and path.is_file()]
    stray = [str(path) for path in sources if re.search(r"sao OCOP\b", path.read_text("utf-8"))
             and "Hạng sao OCOP" not in path.read_text("utf-8")]
    assert not stray


def test_a_missing_key_is_an_error_not_a_silent_fallback() -> None:
    with pytest.raises(KeyError):
        t("no_such_label", "vi")


def test_extraction_refuses_a_problem_message_built_at_run_time() -> None:
    source = io.BytesIO(b"problems.error(path, 1, f'{name} is wrong', 'fix it')\n")
    source.name = "example.py"
    with pytest.raises(NotLiteral, match=r"example.py:1: a problem's message and Fix must be literal"):
        list(extract_problems(source, None, [], {}))
