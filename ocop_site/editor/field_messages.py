"""What the form shows of a problem `validate` reports: plain words beside the field it concerns.

Every problem text the form shows goes through `form_text`: the message in Vietnamese from the message
catalogue (one a library wrote stays in English), without its `path:line`, without line numbers or file paths inside it,
with field keys written as the form's labels, and without advice about YAML syntax the form writes
itself. `field_problems` adds where the problem is: the file, and the field as a path of keys
(`["producer", "phone"]`, `["days", 0, "stops", 1, "time"]`), found by field_paths.py from the keys the
message names and the line it points at.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from ocop_site.content.stories import LANGUAGES
from ocop_site.editor.config import LABELS
from ocop_site.editor.field_paths import Key, field_of, key_path
from ocop_site.i18n import N_, t
from ocop_site.problems import Problem, fill, render_problem

_QUOTED_KEY = re.compile(r"'([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*)'")
_FILE_AT = re.compile(r"(?:[\w.-]+/)*(products|stories|trips)/([\w.-]+?)(?:\.(?:vi|en))?\.(?:yaml|md)(?::\d+)?")
_LEDGER_AT = re.compile(r"(?:[\w.-]+/)*qr-ledger\.yaml(?::\d+)?")
_LINE_WORDS = re.compile(r"\s*\((?:first )?on line \d+\)|\s+on line \d+|\s*\((?:lần đầu )?ở dòng \d+\)|\s+ở dòng \d+")
# advice about how to write YAML by hand: the form writes the YAML, so it means nothing there
_YAML_ADVICE = re.compile(r"quote it|indented|after the colon|the lines below|YAML|anchors|aliases|remove the key"
                          r"|the key|keys such as", re.IGNORECASE)
_KEY_COLON = re.compile(r"'([a-z_]+):(?: [^']*)?'")  # 'withdrawn: YYYY-MM-DD', 'title:'
_TOP_LEVEL = re.compile(r" at the top level| ở cấp ngoài cùng")
_UNREADABLE = N_("this entry could not be read back as it was saved")
_LEDGER = N_("the QR ledger")
_FILE_KEYS = {"products": N_("form_product"), "stories": N_("form_story"), "trips": N_("form_trip")}


def form_text(problem: Problem) -> dict[str, str]:
    """The problem as the form shows it: {"message": …, "fix": …} in plain Vietnamese words (fix may be '')."""
    if problem.template.startswith("YAML syntax error"):  # the form wrote the YAML: nothing for the editor to fix
        return {"message": fill(_UNREADABLE, (), "vi"), "fix": ""}
    message, fix = render_problem(problem, "vi")
    fix = "" if _YAML_ADVICE.search(problem.fix) else _plain(fix)  # decided on the English advice
    return {"message": _plain(message), "fix": fix}


def field_problems(problems: list[Problem], severity: str, saved: dict[str, bytes],
                   prefix: str) -> list[dict[str, Any]]:
    """The form's view of `problems`: each with its file (relative to the content folder), the field it
    concerns (a list of keys; [] for the whole entry), its label and text. `prefix` is what the problems'
    paths have before the content folder's own paths (`content/`)."""
    shown = []
    for problem in problems:
        relative = problem.path[len(prefix):] if problem.path.startswith(prefix) else problem.path
        text = saved.get(relative)
        field = ["body"] if relative.startswith("stories/") else \
            field_of(problem, text.decode("utf-8", "replace") if text is not None else None)
        label = label_of(field) if relative in saved else _where(relative)  # another file: name it
        shown.append({"file": relative, "field": field, "label": label, "severity": severity,
                      "language": _language(relative), **form_text(problem)})
    return shown


def label_of(field: Key) -> str:
    """The field's label path as the form shows it: 'Chủ thể › Điện thoại', 'Các ngày 1 › Giờ đến'."""
    parts: list[str] = []
    for key in field:
        if isinstance(key, int):
            if parts:
                parts[-1] += f" {key + 1}"
            continue
        parts.append(_label(key))
    return " › ".join(parts)


def _label(key: str) -> str:
    return LABELS.get(key, key).split(" / ")[0]


def _plain(text: str) -> str:
    text = _LINE_WORDS.sub("", _TOP_LEVEL.sub("", text))
    text = _KEY_COLON.sub(lambda match: f"'{match.group(1)}'" if match.group(1) in LABELS else match.group(0), text)
    text = _LEDGER_AT.sub(fill(_LEDGER, (), "vi"), text)
    text = _FILE_AT.sub(_file_words, text)
    return _QUOTED_KEY.sub(_key_words, text)


def _key_words(match: re.Match[str]) -> str:
    """A quoted field key as its label; any other quoted word (a value, a choice) as it is."""
    keys = key_path(match.group(1))
    known = all(isinstance(key, int) or key in LABELS for key in keys)
    return f"«{label_of(keys)}»" if known else match.group(0)


def _where(relative: str) -> str:
    """Another file than the one saved, as the form names it."""
    parts = PurePosixPath(relative).parts
    folder = parts[0] if len(parts) > 1 else ""
    return _file_name(folder, PurePosixPath(relative).name.split(".")[0]) if folder in _FILE_KEYS else relative


def _file_words(match: re.Match[str]) -> str:
    return _file_name(match.group(1), match.group(2))


def _file_name(folder: str, slug: str) -> str:
    """A product's, story's or trip's file as the form names it: "sản phẩm 'ly-son-garlic'"."""
    return t(_FILE_KEYS[folder], "vi", slug=slug)


def _language(relative: str) -> str:
    parts = PurePosixPath(relative).name.split(".")
    return parts[-2] if len(parts) == 3 and parts[-2] in LANGUAGES else ""
