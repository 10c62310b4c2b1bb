"""Which files the form editor serves: the collections of its configuration, nothing else.

Every path a request names is relative to the content folder and is checked here before anything
is read or written: no `..`, no hidden names, no links, and only these shapes —
`products/<slug>.yaml`, `stories/<name>.md`, `trips/<name>.yaml` and photos `media/<slug>/<file>`.
The QR ledger and `site.yaml` are never written through the editor, nothing is deleted or moved.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ocop_site.content.ledger import LEDGER_FILE
from ocop_site.content.stories import LANGUAGES
from ocop_site.content.trips import TRIPS_FOLDER
from ocop_site.editor.errors import BackendError

PRODUCTS, STORIES, MEDIA = "products", "stories", "media"
FOLDERS = (PRODUCTS, STORIES, TRIPS_FOLDER)  # the folder collections, as config.py names them
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
SETTINGS = "site.yaml"


def relative(value: object) -> PurePosixPath:
    """`value` as a path inside the content folder, or BackendError(400)."""
    if not isinstance(value, str) or not value:
        raise BackendError(400, "a path must be text, got {value}", value=repr(value))
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value or "\x00" in value or any(p in ("..", ".") for p in path.parts) \
            or value.endswith("/"):
        raise BackendError(400, "'{path}' is outside the content folder", path=value)
    return path


def kind(path: PurePosixPath) -> str:
    """'record', 'story', 'trip', 'settings' or 'photo'; BackendError(403) for every other path."""
    parts = path.parts
    if path.as_posix() == SETTINGS:
        return "settings"
    if any(part.startswith(".") for part in parts):
        raise BackendError(403, "the editor does not read or write '{path}': hidden files are not content", path=path)
    if len(parts) == 2 and parts[0] == PRODUCTS and path.suffix == ".yaml":
        return "record"
    if len(parts) == 2 and parts[0] == TRIPS_FOLDER and path.suffix == ".yaml":
        return "trip"
    if len(parts) == 2 and parts[0] == STORIES and path.suffix == ".md":
        return "story"
    if len(parts) == 3 and parts[0] == MEDIA and path.suffix.lower() in PHOTO_SUFFIXES:
        return "photo"
    if path.as_posix() == LEDGER_FILE:
        raise BackendError(403, "the editor does not read or write '{path}': 'ocop-site build' alone writes the QR "
                           "ledger: printed codes depend on it", path=path)
    raise BackendError(403, "the editor does not read or write '{path}'; it serves products/<slug>.yaml, "
                       "stories/<slug>.vi.md and .en.md, trips/<slug>.yaml, site.yaml and photos in media/<slug>/",
                       path=path)


def story_product(path: PurePosixPath) -> str | None:
    """The product slug of `stories/<slug>.<language>.md`, or None when the name has another shape."""
    parts = path.name.split(".")
    return parts[0] if len(parts) == 3 and parts[1] in LANGUAGES else None


def located(root: Path, path: PurePosixPath) -> Path:
    """The file on disk, refusing a path that goes through a link (a folder linked out of `content/`)."""
    target = root / path
    if target.parent.resolve() != root / path.parent or target.is_symlink():
        raise BackendError(403, "'{path}' goes through a link; the editor writes only real files inside "
                           "the content folder", path=path)
    return target


def writable(root: Path, path: PurePosixPath, creating: bool = False) -> Path:
    """The file a save may write: inside a collection, and for a record, story or photo, of a product
    that exists, or that this save creates (`creating`: the form's new product, record and stories)."""
    what = kind(path)
    target = located(root, path)
    slug = path.stem if what == "record" else story_product(path) if what == "story" else \
        path.parts[1] if what == "photo" else None
    if what == "settings" and not target.is_file():
        raise BackendError(403, "'{path}' does not exist: the site settings are made with the project", path=path)
    if creating and what in ("record", "story"):
        return target
    if what == "record" and not target.is_file():
        raise BackendError(403, "'{path}' does not exist: a new product is made with the form's 'New product' "
                           "button or with 'ocop-site new product {slug}'", path=path, slug=path.stem)
    if slug is not None and what != "record" and not (root / PRODUCTS / f"{slug}.yaml").is_file():
        raise BackendError(403, "'{path}' belongs to no product: there is no products/{slug}.yaml", path=path,
                           slug=slug)
    return target
