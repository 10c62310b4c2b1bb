"""Every problem template the package can report, read from its source with the AST: the literal message
and Fix given to `Problem(…)`, `problems.error(…)`, `problems.warn(…)`, `problem(…)` and the like, and
those an `explain…() -> Explained` function returns. Shared by the message catalogue's Babel extraction
(test_catalogue.py) and the editor's refusal audit (test_editor_refusals.py), which also needs to know
which call made a template and whether it is a message or a Fix.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ocop_site

PACKAGE = Path(ocop_site.__file__).parent
# where a problem's message and Fix are: positional arguments (from 0), or message=, fix=
PROBLEM_CALLS = {"Problem": (2, 3), "error": (2, 3), "warn": (2, 3), "problem": (2, 3), "SheetError": (0,),
                 "phrase": (0,), "PhotoError": (0, 1), "YamlLimitError": (1, 2), "CaptionError": (1, 2),
                 "ScaffoldError": (0,), "BackendError": (1,), "ProgressLine": (0,), "DamagedFile": (1,)}
# the report's findings: (kind, file, line, message, values) tuples
FINDINGS = ("report/collect.py", {"translation", "photos", "certificates", "short", "drafts"})
# files that pass on problems made elsewhere, rewritten: checked where those problems are made
PASS_THROUGH = {"editor/check.py"}  # takes the temporary folder's prefix off the paths of loaded problems


class NotLiteral(Exception):
    pass


@dataclass(frozen=True)
class Template:
    path: str  # as given to the extractor
    line: int
    call: str  # the function that takes it: "error", "warn", "PhotoError", "explain", "Term", "finding", …
    role: str  # "message", "fix" or "term"
    text: str


def literals(node: ast.expr) -> list[str]:
    """The keys a first argument can be: a literal, or either literal of `"a" if … else "b"`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return literals(node.body) + literals(node.orelse)
    return []


def problem_templates(source: str | bytes, path: str) -> Iterator[Template]:
    """Every literal message and Fix of a problem made in `source`."""
    tree = ast.parse(source)
    if any(path.endswith(passed) for passed in PASS_THROUGH):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and isinstance(node.returns, ast.Name) and node.returns.id == "Explained":
            for returned in ast.walk(node):
                if isinstance(returned, ast.Return) and isinstance(returned.value, ast.Tuple):
                    yield from _templates(path, returned.value.elts[:2], "explain", ("message", "fix"))
        if isinstance(node, ast.Tuple) and path.endswith(FINDINGS[0]) and len(node.elts) == 5 \
                and isinstance(node.elts[0], ast.Constant) and node.elts[0].value in FINDINGS[1]:
            yield from _templates(path, node.elts[3:4], "finding", ("message",))  # (kind, file, line, message, …)
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        positions = PROBLEM_CALLS.get(name, ())
        if positions and len(node.args) > positions[0]:
            texts = [node.args[i] for i in positions if i < len(node.args)]
            roles = ["message", "fix"][:len(texts)]
            keywords = [k for k in node.keywords if k.arg in ("message", "fix")]
            yield from _templates(path, texts + [k.value for k in keywords], name,
                                  (*roles, *(str(k.arg) for k in keywords)))
        if name == "Term" and node.args:
            yield from _templates(path, node.args[:1], name, ("term",))


def _templates(path: str, texts: list[ast.expr], call: str, roles: tuple[str, ...]) -> Iterator[Template]:
    for text, role in zip(texts, roles, strict=True):
        if isinstance(text, ast.Name | ast.Attribute | ast.Subscript | ast.Starred):
            continue  # made elsewhere: checked where it is made
        keys = literals(text)
        if not keys:
            raise NotLiteral(f"{path}:{text.lineno}: a problem's message and Fix must be literal templates with "
                             f"{{placeholders}}, not {ast.unparse(text)}")
        for key in keys:
            if key:
                yield Template(path, text.lineno, call, role, key)


def extract_problems(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for the problems: the literal message and Fix of every problem made, and
    those an `explain…() -> Explained` function returns."""
    for found in problem_templates(fileobj.read(), str(fileobj.name)):
        yield found.line, found.call, found.text, []


def package_templates(modules: set[str] | None = None) -> Iterator[Template]:
    """The templates of every module of the package (or of `modules`, paths relative to the package)."""
    for file in sorted(PACKAGE.rglob("*.py")):
        relative = file.relative_to(PACKAGE).as_posix()
        if modules is None or relative in modules:
            yield from problem_templates(file.read_bytes(), relative)
