"""Reading content files safely: size, type, links, UTF-8, YAML and the schema, each failure a problem."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ocop_site.content.messages import Explained, dotted, explain, suggest_key
from ocop_site.content.parsed import remembered
from ocop_site.content.yaml_problems import yaml_problem
from ocop_site.content.yaml_source import Document, YamlLimitError, YamlSyntaxError, describe, nfc, parse
from ocop_site.problems import Problems, system_reason

DRAFT_MAY_LACK = {"missing", "string_too_short", "too_short"}  # pydantic error types a draft record may have
MAX_FILE_BYTES = 1 << 20  # a record or story is a few kilobytes; 1 MB is a wrong file, not a long story


class ContentReader:
    """Reads files below `content_dir`, naming them in problems as the user wrote the folder."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.root = content_dir
        self.problems = problems

    def shown(self, path: Path) -> str:
        return str(path).replace("\\", "/")

    def read_bytes(self, path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
        """The bytes of a regular file of at most `limit` bytes; anything else is a content error."""
        shown = self.shown(path)
        try:
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(self.root)):
                self.problems.error(shown, 1, "this is a symbolic link to a file outside the content folder",
                                    "put the file itself here, in the content folder")
                return None
            info = path.stat()
            if stat.S_ISREG(info.st_mode) and info.st_size <= limit:
                with path.open("rb") as file:
                    data = file.read(limit + 1)  # the file may have grown since stat()
                if len(data) <= limit:
                    return data
                info = path.stat()
        except OSError as exc:
            message, fix, values = _unreadable(path, exc)
            self.problems.error(shown, 1, message, fix, **values)
            return None
        if stat.S_ISDIR(info.st_mode):
            self.problems.error(shown, 1, "this is a folder, not a file",
                                "move what it holds elsewhere and remove the folder, or rename it without "
                                "'{suffix}'", suffix=path.suffix)
        elif not stat.S_ISREG(info.st_mode):
            self.problems.error(shown, 1, "this is not a regular file (a device, pipe or socket)",
                                "replace it with a plain text file")
        else:
            self.problems.error(shown, 1, "the file is {size}; a file of this kind may be at most {limit}",
                                "check that this is the right file: a record or a "
                                "story is a few kilobytes", size=_megabytes(info.st_size), limit=_megabytes(limit))
        return None

    def read_text(self, path: Path, limit: int = MAX_FILE_BYTES) -> str | None:
        data = self.read_bytes(path, limit)
        if data is None:
            return None
        try:
            return nfc(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.problems.error(self.shown(path), line, "the file is not UTF-8 text",
                                "save it again as UTF-8 (in Word: Save As → Plain Text → Unicode UTF-8)")
            return None

    def read_yaml(self, path: Path, kind: type = dict, limit: int = MAX_FILE_BYTES) -> Document | None:
        text = self.read_text(path, limit)
        if text is None:
            return None
        try:
            doc = remembered("yaml", text, lambda: parse(text))
        except YamlLimitError as exc:
            self.problems.error(self.shown(path), exc.line, exc.template, exc.fix, **exc.values)
            return None
        except YamlSyntaxError as exc:
            self.problems.error(self.shown(path), exc.line, "YAML syntax error: {detail}",
                                "check the indentation and the quotes on this line and the one above; "
                                "text containing ': ' or starting with a symbol needs quotes",
                                detail=yaml_problem(exc.problem))
            return None
        for key_path, line, first in doc.duplicates:
            self.problems.error(self.shown(path), line, "key '{key}' is given twice (first on line {first})",
                                "keep one of the two lines", key=key_path[-1], first=first)
        for key_path, line, char, in_key in doc.hidden:
            self.problems.error(self.shown(path), line,
                                ("a key under '{name}' contains the invisible character {char}" if key_path
                                 else "a key contains the invisible character {char}") if in_key
                                else ("'{name}' contains the invisible character {char}" if key_path
                                      else "the text contains the invisible character {char}"),
                                "delete it: retype the text around it, or paste the text as plain text",
                                name=dotted(key_path), char=describe(char))
        if doc.hidden:
            return None  # such text must never reach a page
        if kind is list:
            return doc
        if not isinstance(doc.data, dict):
            self.problems.error(self.shown(path), 1, "the file must contain keys such as 'code:' and 'name:'",
                                "start from a record made by 'ocop-site new product SLUG'")
            return None
        return doc

    def validate(self, path: Path, doc: Document, model: type[BaseModel], draft: bool = False,
                 marked: list[tuple] | None = None) -> BaseModel | None:
        """`marked`: keys already reported as the template's placeholders; their schema errors are left out."""
        try:
            return model.model_validate(doc.data)
        except ValidationError as exc:
            errors = exc.errors()
            misspelt = {loc for loc in (_misspelling(e, model) for e in errors) if loc}
            for error in errors:
                if error["type"] == "missing" and tuple(error["loc"]) in misspelt:
                    continue  # the unknown-key error already says "did you mean"
                if draft and error["type"] in DRAFT_MAY_LACK:
                    continue  # what a draft lacks is listed by 'ocop-site report'
                if any(tuple(error["loc"][:len(key)]) == key for key in marked or ()):
                    continue  # "still the template's placeholder" says it better
                message, fix, values = explain(error, model)
                self.problems.error(self.shown(path), doc.line_of(tuple(error["loc"])), message, fix, **values)
            return None


def _unreadable(path: Path, exc: OSError) -> Explained:
    """(message, fix, values) for a content file that cannot be opened."""
    if exc.errno == errno.ELOOP:
        return ("this is a symbolic link that leads back to itself (a loop)",
                "replace the link with the file it should point to", {})
    if exc.errno == errno.ENOENT and path.is_symlink():
        return ("this is a symbolic link to a file that does not exist",
                "replace the link with the file, or delete it", {})
    return ("the file cannot be read ({reason})", "check that the file exists and that you may read it",
            {"reason": system_reason(exc)})


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size / 1024:.0f} kB"


def _misspelling(error: dict, model: type[BaseModel]) -> tuple | None:
    """For an unknown key that looks like a misspelt field, the location of that field."""
    if error["type"] != "extra_forbidden":
        return None
    suggestion = suggest_key(tuple(error["loc"]), model)
    return (*tuple(error["loc"][:-1]), suggestion) if suggestion else None


def lookup(data: object, *keys: str | int) -> object:
    """data[k1][k2]… or None when any step is missing or of the wrong kind."""
    for key in keys:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data
