"""Decap CMS's local backend, in Python: the JSON API that `decap-server` offers in `MODE=fs`
(POST /api/v1 with `{"action": ..., "params": ...}`), reading and writing the content folder.

Unlike `decap-server`:
- only the collections' files are read or written (see paths.py): never the QR ledger; nothing is
  deleted, moved or renamed (a product is withdrawn, with its `withdrawn` date); a new product (the
  form's `newEntry`) gets its record and both stories, as `ocop-site new product` writes them; photos
  go only into `media/<slug>/` of an existing product;
- every parameter is checked (type, size: a record or story at most 1 MB, a photo at most 20 MB and a
  readable JPEG, PNG or WebP) and a bad one is refused with a 4xx answer;
- a save is checked by `ocop-site validate`'s own loader on the content as it would be after the save
  (see check.py) and refused, with the very text `validate` prints, when it would add an error; the
  answer also carries each problem for the form (field_messages.py), and a save that is taken answers
  the warnings `validate` reports about its files. Nothing is written when a save is refused;
- numbers written without quotes in text fields (`phone: 0905123456`) are quoted before the form
  reads them (text_fields.py), so the form keeps their leading zeros.
Saved text is NFC-normalized, empty optional values the form leaves behind (`phone: ''`) are dropped,
and the comment lines at the top of a record (the `# yaml-language-server: $schema=…` line and any
note) are kept.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
import re
import threading
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from PIL import Image
from pydantic import BaseModel

from ocop_site.content.records import SLUG_PATTERN, ProductRecord, SiteRecord
from ocop_site.content.stories import LANGUAGES
from ocop_site.content.trips import TripRecord
from ocop_site.content.yaml_source import nfc
from ocop_site.editor import paths
from ocop_site.editor.check import CheckFailed, ContentCheck
from ocop_site.editor.errors import BackendError
from ocop_site.editor.field_messages import field_problems, label_of
from ocop_site.editor.field_paths import composed
from ocop_site.editor.text_fields import quoted_text_values
from ocop_site.i18n import N_
from ocop_site.problems import Problem, problem, system_reason
from ocop_site.scaffold import schema_reference, story_template

__all__ = ["MAX_PHOTO", "MAX_TEXT", "BackendError", "LocalBackend"]

MAX_TEXT = 1024 * 1024  # bytes of one record or story: a long story is 30 kB
MAX_PHOTO = 20 * 1024 * 1024  # bytes of one photo
MAX_VALUES = 50_000  # values of one record with its aliases expanded: a record has about 100
MAX_FILES = 8  # files in one save: a story is two, one per language
_VALUE_LINE = re.compile(r"^( *(?:- )?)(?:([A-Za-z_][A-Za-z0-9_]*):[ ]+)?([^|>\s].*)$")  # [- ][key: ]value
_KEY_START = re.compile(r"^ *(?:- )?[A-Za-z_][A-Za-z0-9_]*:(?: |$)")
_KEY_LINE = re.compile(r"^( *)[A-Za-z_][A-Za-z0-9_]*:[ \t]*(''|\"\"|null|~|\{\}|\[\])?[ \t]*$")
_MODELS: dict[str, type[BaseModel]] = {"record": ProductRecord, "trip": TripRecord, "settings": SiteRecord}
_NO_DELETE = N_("the editor deletes no files: to take a product off the site, add 'withdrawn: YYYY-MM-DD' to its "
              "record (its page and QR code keep working and say so); remove other files by hand")


class LocalBackend:
    """The API over one content folder; every path is relative to it and must stay inside it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.check = ContentCheck(self.root)
        self.lock = threading.Lock()  # one check-and-write at a time; reading and decoding run outside it

    def handle(self, request: object) -> Any:
        if not isinstance(request, dict):
            raise BackendError(400, "the request must be a JSON object with 'action' and 'params'")
        action, params = request.get("action"), request.get("params")
        params = {} if params is None else params
        if not isinstance(params, dict):
            raise BackendError(400, "'params' must be a JSON object")
        handlers = {
            "info": self._info, "entriesByFolder": self._entries_by_folder, "entriesByFiles": self._entries_by_files,
            "getEntry": self._get_entry, "getMedia": self._get_media, "getMediaFile": self._get_media_file,
            "getDeployPreview": self._get_deploy_preview, "persistEntry": self._persist_entry,
            "persistMedia": self._persist_media, "deleteFile": self._delete, "deleteFiles": self._delete,
        }
        if not isinstance(action, str) or action not in handlers:
            raise BackendError(422, "Unknown action {action}", action=action)
        return handlers[action](params)

    # reading

    def _info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entries_by_folder(self, params: dict[str, Any]) -> Any:
        folder = _text(params, "folder")
        if folder not in paths.FOLDERS:
            raise BackendError(403, "the editor does not list '{folder}'; it lists {folders}", folder=folder,
                               folders=", ".join(paths.FOLDERS))
        extension = _text(params, "extension", "")
        depth = _number(params, "depth", 1, 1, 3)
        files = [path for path in _files(self.root / folder, depth) if path.name.endswith(extension)]
        return [self._entry(self._relative(path)) for path in files if _served(self._relative(path))]

    def _entries_by_files(self, params: dict[str, Any]) -> Any:
        files = _list(params, "files", limit=1000)
        if not all(isinstance(file, dict) for file in files):
            raise BackendError(400, "'files' must be a list of objects with 'path'")
        return [self._entry(_text(file, "path"), _label(file)) for file in files]

    def _get_entry(self, params: dict[str, Any]) -> Any:
        return self._entry(_text(params, "path"))

    def _get_media(self, params: dict[str, Any]) -> Any:
        folder = paths.relative(_text(params, "mediaFolder"))
        if folder.parts[0] != paths.MEDIA or len(folder.parts) > 2:
            raise BackendError(403, "the editor does not list '{folder}'; photos are in media/<slug>/", folder=folder)
        found = _files(paths.located(self.root, folder / "x"), 1) if len(folder.parts) == 2 else []
        return [self._media(self._relative(path)) for path in found if path.suffix.lower() in paths.PHOTO_SUFFIXES]

    def _get_media_file(self, params: dict[str, Any]) -> Any:
        return self._media(_text(params, "path"))

    def _get_deploy_preview(self, params: dict[str, Any]) -> Any:
        return None

    # writing

    def _persist_entry(self, params: dict[str, Any]) -> Any:
        files = params.get("dataFiles") or [params.get("entry")]
        if not isinstance(files, list) or not 0 < len(files) <= MAX_FILES or \
                not all(isinstance(file, dict) for file in files):
            raise BackendError(400, "'dataFiles' must be a list of 1 to {n} objects with 'path' and 'raw'", n=MAX_FILES)
        options = params.get("options")
        new_entry = isinstance(options, dict) and options.get("newEntry") is True
        changes: dict[str, bytes] = {}
        created: list[str] = []
        for file in files:
            path = paths.relative(_text(file, "path"))
            if file.get("newPath") not in (None, "", file["path"]):
                raise BackendError(403, "the editor does not move or rename files ('{path}' to '{new}'): a product's "
                                   "slug is printed in its address and QR code", path=path, new=file["newPath"])
            if paths.kind(path) == "photo":
                raise BackendError(403, "'{path}' is a photo, not a record or a story", path=path)
            if new_entry and paths.kind(path) == "record":
                changes.update(self._new_product(path))
                created.append(path.stem)
            changes[path.as_posix()] = self._prepare(path, _text(file, "raw"))
        for asset in _list(params, "assets", default=[], limit=MAX_FILES):
            path, content = self._photo(asset)
            changes[path] = content
        warnings = self._save(changes, creating=bool(created))
        for slug in created:
            (self.root / paths.MEDIA / slug).mkdir(parents=True, exist_ok=True)
        return {"message": "entry persisted", **({"warnings": warnings} if warnings else {})}

    def _new_product(self, record: PurePosixPath) -> dict[str, bytes]:
        """The two stories of a product the form creates, as 'ocop-site new product' writes them: every
        part the template's placeholder, which `validate` refuses once the record is no longer a draft."""
        slug = record.stem
        if not re.match(SLUG_PATTERN, slug):
            raise BackendError(422, "'{slug}' cannot be a product's address: it must be lower-case letters a-z, "
                               "digits and '-'", _form_problem(record, ["name", "en"], "error", problem(
                                   "", 1, "the address of the product would be '/products/{slug}/', which is not "
                                   "lower-case letters a-z, digits and '-'", "write the English name in plain "
                                   "letters: the address is made from it and never changes", slug=slug)), slug=slug)
        stories = {f"{paths.STORIES}/{slug}.{language}.md": story_template(language) for language in LANGUAGES}
        for relative in (record.as_posix(), *stories):
            if (self.root / relative).exists():
                raise BackendError(409, "'{path}' exists already: a product with the address '{slug}' is "
                                   "there, open it instead", _form_problem(record, ["name", "en"], "error", problem(
                                       "", 1, "a product with the address '/products/{slug}/' exists already",
                                       "open that product in the list, or give this one another English name",
                                       slug=slug)), path=relative, slug=slug)
        return {relative: text.encode("utf-8") for relative, text in stories.items()}

    def _persist_media(self, params: dict[str, Any]) -> Any:
        asset = params.get("asset")
        path, content = self._photo(asset)
        self._save({path: content})
        return self._media(path)

    def _delete(self, params: dict[str, Any]) -> Any:
        raise BackendError(403, _NO_DELETE)

    def _save(self, changes: dict[str, bytes], creating: bool = False) -> list[dict[str, Any]]:
        """Write `changes` if `validate` would report no error the content does not have now; the
        warnings `validate` would report about the saved files, as the form shows them."""
        targets = {relative: paths.writable(self.root, PurePosixPath(relative), creating)
                   for relative in changes}
        prefix = f"{self.root.name}/"
        try:
            with self.lock:
                if creating and any(targets[relative].exists() for relative in changes
                                    if paths.kind(PurePosixPath(relative)) in ("record", "story")):
                    raise BackendError(409, "another save has just created this product; open it from the list")
                if all(_same(targets[relative], content) for relative, content in changes.items()):
                    return []  # saved as it is: nothing to check or write
                try:
                    problems = self.check.new_errors(changes)
                except CheckFailed as failure:
                    raise BackendError(422, "'ocop-site validate' fails on the content as it would be after "
                                       "this save ({failure}); nothing was written. Run 'ocop-site validate' to "
                                       "see where, and tell the site's maintainers", failure=failure) from None
                warnings = [warning for warning in self.check.warnings if warning.path[len(prefix):] in changes]
                if problems:
                    shown = field_problems(sorted(problems), "error", changes, prefix) + \
                        field_problems(warnings, "warning", changes, prefix)
                    raise BackendError.refused_save(sorted(problems), {"problems": shown})
                for relative, content in changes.items():
                    _write(targets[relative], content)
                self.check.saved()
                return field_problems(warnings, "warning", changes, prefix)
        except OSError as failure:  # the machine, not the content: a full disk, a folder made read-only
            raise BackendError(500, "the save could not be completed: {reason} ({file}); check the free disk space "
                               "and that the content folder may be written, then save again",
                               reason=system_reason(failure), file=failure.filename) from None
        finally:
            self.check.tidy()

    # helpers

    def _photo(self, asset: object) -> tuple[str, bytes]:
        """(path, bytes) of an uploaded photo, refusing anything but a readable JPEG, PNG or WebP."""
        if not isinstance(asset, dict):
            raise BackendError(400, "an asset must be an object with 'path', 'content' and 'encoding'")
        path = paths.relative(_text(asset, "path"))
        if paths.kind(path) != "photo":
            raise BackendError(403, "'{path}' is not a photo in media/<slug>/: photos are .jpg, .jpeg, .png or "
                               ".webp files in the folder of their product", path=path)
        content = _text(asset, "content")
        if asset.get("encoding") != "base64":
            raise BackendError(400, "the photo '{path}' must be sent base64-encoded", path=path)
        if len(content) > (MAX_PHOTO + 2) // 3 * 4:
            raise BackendError(413, "the photo '{path}' is larger than {mb} MB", path=path, mb=MAX_PHOTO // 2**20)
        try:
            data = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            raise BackendError(400, "the photo '{path}' is not valid base64", path=path) from None
        try:
            with Image.open(io.BytesIO(data)) as picture:
                picture.verify()
                if picture.format not in ("JPEG", "PNG", "WEBP"):
                    raise ValueError(picture.format)
        except Exception:  # Pillow raises many kinds on hostile bytes: all mean "not a photo"
            raise BackendError(422, "'{path}' is not a readable photo: save it again as JPEG or PNG",
                               path=path) from None
        return path.as_posix(), data

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _entry(self, relative: str, label: str | None = None) -> dict[str, Any]:
        path = paths.relative(relative)
        paths.kind(path)
        try:
            content = paths.located(self.root, path).read_bytes()
        except (OSError, BackendError):
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        text = content.decode("utf-8", "replace")
        model = _MODELS.get(paths.kind(path))
        if model is not None:
            text = quoted_text_values(text, model)
        return {"data": text, "file": {"path": relative, "label": label, "id": _sha(content)}}

    def _media(self, relative: str) -> dict[str, Any]:
        path = paths.relative(relative)
        if paths.kind(path) != "photo":
            raise BackendError(403, "'{path}' is not a photo in media/<slug>/", path=path)
        try:
            content = paths.located(self.root, path).read_bytes()
        except OSError:
            raise BackendError(404, "'{path}' does not exist", path=path) from None
        return {"id": _sha(content), "content": base64.b64encode(content).decode("ascii"), "encoding": "base64",
                "path": relative, "name": path.name}

    def _prepare(self, path: PurePosixPath, raw: str) -> bytes:
        text = nfc(raw)
        if path.suffix == ".yaml":
            _refuse_alias_bomb(f"{self.root.name}/{path}", text)
            text = _without_empty_values(_unfolded(text))
            if not text.startswith("#"):
                text = (_leading_comments(self.root / path) or self._schema_line(path)) + text
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            raise BackendError(400, "the text of '{path}' is not valid Unicode", path=path) from None
        if len(data) > MAX_TEXT:
            raise BackendError(413, "'{path}' is larger than {mb} MB", path=path, mb=MAX_TEXT // 2**20)
        return data

    def _schema_line(self, path: PurePosixPath) -> str:
        """The `$schema` line of a new record or trip (the editor's own YAML support reads it)."""
        what = paths.kind(path)
        if what == "record":
            return f"# yaml-language-server: $schema={schema_reference(self.root)}\n"
        if what == "trip":
            schema = next((folder / "schema" / "trip.schema.json" for folder in self.root.parents
                           if (folder / "schema" / "trip.schema.json").is_file()), None)
            if schema is not None:
                return f"# yaml-language-server: $schema={os.path.relpath(schema, self.root / path.parent)}\n"
        return ""


def _form_problem(path: PurePosixPath, field: list[str | int], severity: str, problem: Problem) -> dict[str, Any]:
    """The details of a refusal the backend decides itself, shaped as the check's problems."""
    shown = field_problems([problem], severity, {}, "")[0]
    return {"problems": [{**shown, "file": path.as_posix(), "field": field, "label": label_of(field)}]}


def _refuse_alias_bomb(shown: str, text: str) -> None:
    """Refuse YAML whose aliases expand it beyond any record's size before anything reads it as data:
    expanding it would hold the save for minutes. Counted on the composed node graph, in linear time."""
    root = composed(text)  # None for a syntax error or deep nesting: the loader reports them with their line
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            children = node.value if isinstance(node, yaml.SequenceNode) else \
                [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else []
            sizes[id(node)] = min(MAX_VALUES + 1, 1 + sum(size(child) for child in children))
        return sizes[id(node)]

    try:
        too_big = root is not None and size(root) > MAX_VALUES
    except RecursionError:  # nested deeper than any record: the loader reports it
        return
    if too_big:
        raise BackendError.refused_save([problem(
            shown, 1, "the record holds more than {n} values once its YAML aliases are expanded",
            "write each value out in full: records need no '&' anchors or '*' aliases", n=MAX_VALUES)], {})


def _text(params: dict[str, Any], key: str, default: str | None = None) -> str:
    value = params.get(key, default)
    if not isinstance(value, str):
        raise BackendError(400, "'{key}' must be text, got {kind}", key=key, kind=_kind(value))
    return value


def _number(params: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = params.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BackendError(400, "'{key}' must be a whole number from {low} to {high}, got {value}", key=key, low=low,
                           high=high, value=f"{value!r:.40}")
    return value


def _list(params: dict[str, Any], key: str, default: list | None = None, limit: int = 100) -> list:
    value = params.get(key, default)
    if not isinstance(value, list) or len(value) > limit:
        raise BackendError(400, "'{key}' must be a list of at most {limit} items, got {kind}", key=key, limit=limit,
                           kind=_kind(value))
    return value


def _label(file: dict[str, Any]) -> str | None:
    label = file.get("label")
    return label if isinstance(label, str) else None


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__ if not isinstance(value, list) else \
        f"a list of {len(value)}"


def _served(relative: str) -> bool:
    try:
        paths.kind(paths.relative(relative))
    except BackendError:
        return False
    return True


def _same(path: Path, content: bytes) -> bool:
    try:
        return path.read_bytes() == content
    except OSError:
        return False


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
    except Exception:  # not YAML, or a value PyYAML cannot build (2025-02-31): the loader will say what
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
    """The real files below `folder`, `depth` levels deep; hidden names and links are skipped."""
    if depth <= 0 or folder.is_symlink() or not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_symlink():
            continue
        if path.is_dir():
            found += _files(path, depth - 1)
        elif path.is_file():
            found.append(path)
    return found


def _write(path: Path, content: bytes) -> None:
    """Write by renaming a finished temporary file: a preview build never reads half a record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
