"""Decap CMS's local backend, in Python: the JSON API that `decap-server` offers in `MODE=fs`
(POST /api/v1 with `{"action": ..., "params": ...}`), reading and writing the content folder.

Unlike `decap-server`, a record is checked against the schema before it is written: a save with
errors is refused with the same `path:line: message` + `Fix:` text that `ocop-site validate` prints,
and the form keeps the editor's changes. Saved text is NFC-normalized, empty optional values the
form leaves behind (`phone: ''`) are dropped, and the comment lines at the top of a record (the
`# yaml-language-server: $schema=…` line and any note) are kept.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ocop_site.content.loader import ContentReader, check_place
from ocop_site.content.records import ProductRecord
from ocop_site.content.trips import TRIPS_FOLDER, TripRecord
from ocop_site.content.yaml_source import YamlSyntaxError, nfc, parse
from ocop_site.problems import Problems

RECORD_MODELS: dict[str, type[BaseModel]] = {"products": ProductRecord, TRIPS_FOLDER: TripRecord}
_VALUE_LINE = re.compile(r"^( *(?:- )?)(?:([A-Za-z_][A-Za-z0-9_]*):[ ]+)?([^|>\s].*)$")  # [- ][key: ]value
_KEY_START = re.compile(r"^ *(?:- )?[A-Za-z_][A-Za-z0-9_]*:(?: |$)")
_KEY_LINE = re.compile(r"^( *)[A-Za-z_][A-Za-z0-9_]*:[ \t]*(''|\"\"|null|~|\{\}|\[\])?[ \t]*$")


class BackendError(Exception):
    """A request the backend refuses; `status` is the HTTP status, the message is shown in the form."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class LocalBackend:
    """The API over one content folder; every path is relative to it and must stay inside it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def handle(self, request: dict[str, Any]) -> Any:
        action, params = request.get("action"), request.get("params") or {}
        handlers = {
            "info": self._info, "entriesByFolder": self._entries_by_folder, "entriesByFiles": self._entries_by_files,
            "getEntry": self._get_entry, "getMedia": self._get_media, "getMediaFile": self._get_media_file,
            "getDeployPreview": self._get_deploy_preview, "persistEntry": self._persist_entry,
            "persistMedia": self._persist_media, "deleteFile": self._delete_file, "deleteFiles": self._delete_files,
        }
        if action not in handlers:
            raise BackendError(422, f"Unknown action {action}")
        return handlers[action](params)

    # reading

    def _info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entries_by_folder(self, params: dict[str, Any]) -> Any:
        folder = self._inside(params["folder"])
        extension, depth = params.get("extension", ""), int(params.get("depth", 1))
        files = [path for path in _files(folder, depth) if path.name.endswith(extension)]
        return [self._entry(self._relative(path)) for path in files]

    def _entries_by_files(self, params: dict[str, Any]) -> Any:
        return [self._entry(file["path"], file.get("label")) for file in params["files"]]

    def _get_entry(self, params: dict[str, Any]) -> Any:
        return self._entry(params["path"])

    def _get_media(self, params: dict[str, Any]) -> Any:
        folder = self._inside(params["mediaFolder"])
        return [self._media(self._relative(path)) for path in _files(folder, 1)]

    def _get_media_file(self, params: dict[str, Any]) -> Any:
        return self._media(params["path"])

    def _get_deploy_preview(self, params: dict[str, Any]) -> Any:
        return None

    # writing

    def _persist_entry(self, params: dict[str, Any]) -> Any:
        files = params.get("dataFiles") or [params["entry"]]
        prepared = [(file, self._prepare(file["path"], file["raw"])) for file in files]
        problems = Problems()
        for file, text in prepared:
            self._check(file["path"], text, problems)
        if problems.errors:
            raise BackendError(422, "\n".join(problem.render() for problem in sorted(set(problems.errors))))
        for file, text in prepared:
            _write(self._inside(file["path"], new=True), text.encode("utf-8"))
        for asset in params.get("assets") or []:
            _write(self._inside(asset["path"], new=True), _decode(asset))
        for file in files:
            if file.get("newPath") and file["newPath"] != file["path"]:
                target = self._inside(file["newPath"], new=True)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self._inside(file["path"]), target)
        return {"message": "entry persisted"}

    def _persist_media(self, params: dict[str, Any]) -> Any:
        asset = params["asset"]
        _write(self._inside(asset["path"], new=True), _decode(asset))
        return self._media(asset["path"])

    def _delete_file(self, params: dict[str, Any]) -> Any:
        self._inside(params["path"], new=True).unlink(missing_ok=True)
        return {"message": f"deleted file {params['path']}"}

    def _delete_files(self, params: dict[str, Any]) -> Any:
        for path in params["paths"]:
            self._inside(path, new=True).unlink(missing_ok=True)
        return {"message": f"deleted files {', '.join(params['paths'])}"}

    # helpers

    def _inside(self, relative: str, new: bool = False) -> Path:
        """`relative` resolved inside the content folder (a new file's folder must be inside it)."""
        path = (self.root / relative).resolve() if not new else (self.root / relative).parent.resolve() / \
            Path(relative).name
        if not path.is_relative_to(self.root) or Path(relative).name in ("", "..", "."):
            raise BackendError(400, f"'{relative}' is outside the content folder")
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _entry(self, relative: str, label: str | None = None) -> dict[str, Any]:
        try:
            content = self._inside(relative).read_bytes()
        except (OSError, BackendError):
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        return {"data": content.decode("utf-8"), "file": {"path": relative, "label": label, "id": _sha(content)}}

    def _media(self, relative: str) -> dict[str, Any]:
        content = self._inside(relative).read_bytes()
        return {"id": _sha(content), "content": base64.b64encode(content).decode("ascii"), "encoding": "base64",
                "path": relative, "name": Path(relative).name}

    def _prepare(self, relative: str, raw: str) -> str:
        text = nfc(raw)
        if not relative.endswith((".yaml", ".yml")):
            return text
        text = _without_empty_values(_unfolded(text))
        return text if text.startswith("#") else _leading_comments(self._inside(relative, new=True)) + text

    def _check(self, relative: str, text: str, problems: Problems) -> None:
        """The schema check of `ocop-site validate`, for the record about to be written."""
        model = RECORD_MODELS.get(relative.split("/", 1)[0])
        if model is None or not relative.endswith((".yaml", ".yml")):
            return
        shown = f"{self.root.name}/{relative}"
        try:
            doc = parse(text)
        except YamlSyntaxError as error:
            problems.error(shown, error.line, f"YAML syntax error: {error.problem}")
            return
        if not isinstance(doc.data, dict):
            problems.error(shown, 1, "the record is empty", "fill in the form")
            return
        reader = _NamedReader(self.root, problems, shown)
        reader.validate(Path(shown), doc, model, draft=doc.data.get("draft") is True)
        if model is ProductRecord:
            check_place(problems, shown, doc)


class _NamedReader(ContentReader):
    """Names the checked file as the editor knows it, not the temporary text it came from."""

    def __init__(self, root: Path, problems: Problems, shown: str) -> None:
        super().__init__(root, problems)
        self._name = shown

    def shown(self, path: Path) -> str:
        return self._name


def _unfolded(text: str) -> str:
    """The form's YAML writer folds long texts at 80 columns; put each value back on one line, as
    people write records. Kept only if it reads back as the very same data."""
    lines: list[str] = []
    open_quote = ""  # the quote of a quoted value not closed yet on lines[-1]
    for line in text.splitlines():
        match = _VALUE_LINE.match(lines[-1]) if lines else None
        indent = len(line) - len(line.lstrip(" "))
        continues = bool(line.strip()) and match is not None and indent > len(match.group(1)) and (
            open_quote or not (_KEY_START.match(line) or line.lstrip(" ").startswith(("- ", "#"))))
        if continues:
            lines[-1] = lines[-1].rstrip() + " " + line.strip()
        else:
            lines.append(line)
        value = _VALUE_LINE.match(lines[-1])
        open_quote = _unclosed_quote(value.group(3)) if value else ""
    joined = "\n".join(lines) + "\n"
    try:
        same = yaml.safe_load(joined) == yaml.safe_load(text)
    except yaml.YAMLError:
        same = False
    return joined if same else text


def _unclosed_quote(value: str) -> str:
    if value[:1] == '"':
        closed = len(value) > 1 and value.endswith('"') and not value.endswith('\\"')
        return "" if closed else '"'
    if value[:1] == "'":
        return "" if len(value) > 1 and value.count("'") % 2 == 0 else "'"
    return ""


def _without_empty_values(text: str) -> str:
    """Drop `key: ''`, `key: null`, `key: {}` and a `key:` with nothing under it: an optional value
    left empty in the form means "not given", which the schema says by leaving the key out.
    (The first key of a list item, `- key: ''`, stays: the item would lose its dash.)"""
    lines = text.splitlines(keepends=True)
    while True:
        kept: list[str] = []
        for number, line in enumerate(lines):
            match = _KEY_LINE.match(line.rstrip("\n"))
            if match and match.group(2) is None:
                following = next((later for later in lines[number + 1:] if later.strip()), "")
                indent = len(following) - len(following.lstrip(" "))
                nested = indent > len(match.group(1)) or (
                    indent == len(match.group(1)) and following.lstrip(" ").startswith("- "))
                if nested:
                    match = None  # the key has a mapping or a list under it
            if not match:
                kept.append(line)
        if kept == lines:
            return "".join(kept)
        lines = kept


def _leading_comments(path: Path) -> str:
    """The comment lines at the top of the file as it is now (the form does not keep comments)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError:
        return ""
    comments = []
    for line in lines:
        if not line.startswith("#"):
            break
        comments.append(line)
    return "".join(comments)


def _files(folder: Path, depth: int) -> list[Path]:
    if depth <= 0 or not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            found += _files(path, depth - 1)
        elif path.is_file() and not path.name.startswith("."):
            found.append(path)
    return found


def _write(path: Path, content: bytes) -> None:
    """Write by renaming a finished temporary file: a preview build never reads half a record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def _decode(asset: dict[str, Any]) -> bytes:
    content = asset["content"]
    return base64.b64decode(content) if asset.get("encoding") == "base64" else content.encode("utf-8")


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
