"""Product photos: regular files inside content/media/<slug>/, named for the web, bounded in size.

`validate` reads each photo's structure, not its pixels: the JPEG segments up to the frame header,
every PNG chunk (its length, and how far a compressed profile or text unpacks, with a bound). So a
30000 × 30000 image, a long thin strip or a PNG whose metadata unpacks to gigabytes is reported
before any decoder allocates memory for it. A cut-off JPEG is found by decoding it at 1/8 scale (the
decoder still reads every byte of the scan, at a fraction of the cost); a PNG's chunk checksums are
checked by Pillow's `verify`.

That decoding is most of what reading a large catalogue costs (1,238 photos at 619 products), so a
photo's bytes that passed once are remembered: an empty file named by their SHA-256 (and the
check's and Pillow's versions) in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then
ocop-site/photos-read/). The next `validate`, build or editor save reads and hashes the file
instead of decoding it. Only a pass is remembered; deleting the folder costs one slower check.

The same walk gives the photo's size as it is shown (width and height swapped when its EXIF orientation
turns it a quarter, as browsers and WeasyPrint show it), which the loader's print-resolution rule needs
(model/print_photos.py): the EXIF block is taken from the first APP1 segment or the eXIf chunk and read
by Pillow.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

import PIL
from PIL import Image, ImageFile

from ocop_site.disk import file_stamp, settled, user_cache_folder
from ocop_site.problems import Term, system_reason

MAX_PIXELS = 50_000_000
MAX_ASPECT = 10  # one side at most 10 times the other: a 1 × 20000 strip broke the web sizes
MAX_CHUNK = 1 << 20  # one PNG metadata chunk, unpacked: Pillow's own limit (ImageFile.SAFEBLOCK)
MAX_METADATA = 8 << 20  # all PNG metadata chunks together, unpacked
MAX_CHUNKS = 256  # PNG chunks other than image data
MAX_DATA_CHUNKS = 200_000  # PNG image data chunks: 1.6 GB in the usual 8 kB chunks; bounds the walk's time
MAX_SEGMENTS = 2_000  # JPEG segments before the frame header (a camera writes a few dozen)
SUFFIXES = (".jpg", ".jpeg", ".png")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PACKED = {b"iCCP", b"zTXt", b"iTXt"}  # chunks whose content is zlib-compressed
_DATA = {b"IDAT", b"fdAT", b"IEND"}  # image data (fdAT: the frames of an animated PNG) and the end
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_URL_SAFE = re.compile(r"[\w.-]+")  # letters and digits of any script, '_', '.', '-'
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that turn the photo a quarter: width and height swap
_ORIENTATION = 0x0112
_CHECK_VERSION = "2"  # raised when the check changes: earlier passes no longer count (2: LOAD_TRUNCATED_IMAGES off)


@dataclass
class PhotoError(Exception):
    message: str  # English templates of the message catalogue, filled in from `values`
    fix: str
    values: dict[str, object] = field(default_factory=dict)


class PhotoSize(NamedTuple):
    """A photo's size in pixels as it is shown (EXIF orientation applied)."""

    width: int
    height: int


def check_name(name: str, media: str) -> PhotoError | None:
    """A problem with the file name as written in the record (`media`: the folder as shown)."""
    parts = name.split("/")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return PhotoError("photo '{name}' is an absolute path: photos must be inside {media}/",
                          "copy the photo into {media}/ and write just its name, e.g. '{tail}'",
                          {"name": name, "media": media, "tail": _tail(name)})
    if any(part in ("", ".", "..") for part in parts):
        return PhotoError("photo '{name}' leads out of {media}/" if ".." in parts
                          else "photo '{name}' has an empty or '.' folder name in {media}/",
                          "copy the photo into {media}/ and write just its name, e.g. '{tail}'",
                          {"name": name, "media": media, "tail": _tail(name)})
    bad = sorted({char for part in parts for char in part if not _URL_SAFE.fullmatch(char)})
    if bad or any(part.startswith(".") for part in parts):
        fixed = "/".join(_web_name(part) for part in parts)
        listed = ", ".join(f"'{char}'" for char in bad) if bad else Term("a leading '.'")
        return PhotoError("photo name '{name}' has characters that break web addresses ({listed})",
                          "rename the file to '{fixed}' and write that name here",
                          {"name": name, "listed": listed, "fixed": fixed})
    if not name.lower().endswith(SUFFIXES):
        return PhotoError("photo '{name}' is not a .jpg, .jpeg or .png file", "save the photo as JPEG or PNG",
                          {"name": name})
    return None


def locate(media_dir: Path, name: str, shown: Callable[[Path], str]) -> Path | PhotoError:
    """The file `name` names under `media_dir`, matched after NFC normalization (a name copied from
    macOS is stored decomposed); neither the folders nor the file may be symbolic links."""
    for folder in (media_dir.parent, media_dir):
        if folder.is_symlink():
            return PhotoError("photo folder {folder} is a symbolic link: photos must be files inside the "
                              "content folder", "replace the link with a folder holding copies of the photos",
                              {"folder": shown(folder)})
    current = media_dir
    for part in name.split("/"):
        found = _entry(current, part)
        if found is None:
            return PhotoError("image file {file} does not exist", "put the photo in {media}/ or correct the file name",
                              {"file": shown(media_dir / name), "media": shown(media_dir)})
        if found.is_symlink():
            return PhotoError("image file {file} is a symbolic link: photos must be files inside {media}/",
                              "replace the link with a copy of the photo",
                              {"file": shown(found), "media": shown(media_dir)})
        current = found
    if not current.is_file():
        return PhotoError("image file {file} is not a regular file", "put the photo itself in {media}/",
                          {"file": shown(current), "media": shown(media_dir)})
    return current


def inspect(path: Path, shown: str) -> PhotoError | PhotoSize:
    """A problem with the photo's content (format, size, metadata, a cut-off or damaged file), else its size
    as shown."""
    try:
        with path.open("rb") as file:
            start = file.read(8)
            file.seek(0)
            if start.startswith(_PNG_SIGNATURE):
                width, height, exif = _png_size(file, shown)
            elif start.startswith(b"\xff\xd8\xff"):
                width, height, exif = _jpeg_size(file, shown)
            else:
                return PhotoError("image file {file} is not a readable photo", "save it again as JPEG or PNG",
                                  {"file": shown})
    except PhotoError as problem:
        return problem
    except OSError as exc:
        return PhotoError("image file {file} cannot be read ({reason})",
                          "check that the file exists and that you may read it",
                          {"file": shown, "reason": system_reason(exc)})
    problem = _check_size(width, height, shown) or _check_decodes(path, width, height, shown)
    if problem is not None:
        return problem
    return PhotoSize(height, width) if _orientation(exif) in _ROTATED else PhotoSize(width, height)


def _orientation(exif: bytes | None) -> int:
    """The EXIF orientation (1: as stored); an EXIF block Pillow cannot read counts as none, as it does."""
    if not exif:
        return 1
    read = Image.Exif()
    try:
        read.load(exif)
        orientation = read.get(_ORIENTATION, 1)
    except Exception:  # whatever a damaged block trips on in Pillow's TIFF reader
        return 1
    return orientation if isinstance(orientation, int) else 1


def stem_clashes(names: list[tuple[str, int]]) -> list[tuple[int, PhotoError]]:
    """(line, problem) for each photo whose name without extension repeats another's: their web sizes
    (media/<slug>/<stem>-960.webp) would overwrite each other. Case is ignored, as some disks do."""
    first: dict[str, tuple[str, int]] = {}
    clashes = []
    for name, line in names:
        stem = Path(name).stem
        earlier = first.setdefault(stem.casefold(), (name, line))
        if earlier[0] != name:
            suffix = Path(name).suffix
            clashes.append((line, PhotoError(
                "photos '{earlier}' (line {line}) and '{name}' have the same name without their "
                "extension: their web sizes would overwrite each other", "rename one of the files, e.g. to '{other}'",
                {"earlier": earlier[0], "line": earlier[1], "name": name,
                 "other": Path(name).with_name(f"{stem}-2{suffix}").as_posix()})))
    return clashes


def _tail(name: str) -> str:
    return _web_name(re.split(r"[/\\]", name)[-1] or "hero.jpg")


def _web_name(part: str) -> str:
    """'ảnh #1 (bìa).jpg' → 'ảnh-1-bìa.jpg'."""
    stem, suffix = os.path.splitext(part)
    suffix = _clean(suffix)
    return (_clean(stem) or "photo") + (f".{suffix}" if suffix else "")


def _clean(text: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^\w.-]+", "-", text)).strip("-.")


def _entry(folder: Path, part: str) -> Path | None:
    exact = folder / part
    if os.path.lexists(exact):
        return exact
    try:
        with os.scandir(folder) as entries:
            return next((Path(e.path) for e in entries if unicodedata.normalize("NFC", e.name) == part), None)
    except OSError:  # the folder is missing or is no folder
        return None


def _check_size(width: int, height: int, shown: str) -> PhotoError | None:
    if width < 1 or height < 1:
        return PhotoError("image file {file} has no pixels ({width} × {height})", "save it again as JPEG or PNG",
                          {"file": shown, "width": width, "height": height})
    if width * height > MAX_PIXELS:
        return PhotoError("image file {file} is {width} × {height} pixels ({megapixels} megapixels); "
                          "photos may have at most {limit} megapixels",
                          "save a smaller copy, e.g. 6000 pixels on the long side: that is more than the web "
                          "and print sizes need", {"file": shown, "width": width, "height": height,
                                                   "megapixels": f"{width * height / 1e6:.0f}",
                                                   "limit": MAX_PIXELS // 1_000_000})
    if max(width, height) > MAX_ASPECT * min(width, height):
        return PhotoError("image file {file} is {width} × {height} pixels: one side is more than {limit} "
                          "times the other", "crop it to a usual photo shape (3:2, 4:3, 16:9 or square)",
                          {"file": shown, "width": width, "height": height, "limit": MAX_ASPECT})
    return None


def _check_decodes(path: Path, width: int, height: int, shown: str) -> PhotoError | None:
    try:
        seen = _seen_marker(path, os.stat(path))
        if seen is not None and seen.exists():  # this very file, unchanged since it passed: not even read
            return None
        data = path.read_bytes()
    except OSError as exc:
        return PhotoError("image file {file} cannot be read ({reason})",
                          "check that the file exists and that you may read it",
                          {"file": shown, "reason": system_reason(exc)})
    passed = _passed_marker(hashlib.sha256(data).hexdigest())
    if passed is not None and passed.exists():
        _remember(seen)
        return None
    # Importing WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, after which a cut-off JPEG
    # loads without a word: in a process that has made a PDF (serve, a test run) the check would pass
    # (and remember) what `ocop-site validate` refuses. The check sets it off for its own load.
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format in ("JPEG", "MPO"):  # MPO: a camera's JPEG with a second frame
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
            else:
                image.verify()  # PNG: every chunk's checksum, without decoding
    except Exception:  # whatever the decoder trips on, the file is damaged
        return _damaged(shown)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    _remember(passed)
    _remember(seen)
    return None


def _remember(marker: Path | None) -> None:
    if marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:  # a read-only or full home folder: the check is only slower next time
            pass


def _passed_marker(digest: str) -> Path | None:
    """Where a pass of the photo with this digest is remembered (None: no cache folder is known)."""
    folder = user_cache_folder("photos-read")
    return folder / f"{digest}-{_CHECK_VERSION}-{PIL.__version__}" if folder else None


def _seen_marker(path: Path, info: os.stat_result) -> Path | None:
    """Where a pass of this very file is remembered by its place and stamp (disk.file_stamp), so that an unchanged
    photo is not read at all: reading and hashing 1,238 photos costs 0.3 s of each build at 619 products. A photo
    changed within the last few seconds is never remembered this way (disk.settled). None: not remembered."""
    folder = user_cache_folder("photos-seen")
    if folder is None or not settled(info):
        return None
    stamp = "\0".join(map(str, (os.path.abspath(path), *file_stamp(info))))
    return folder / f"{hashlib.sha256(stamp.encode()).hexdigest()}-{_CHECK_VERSION}-{PIL.__version__}"


def _damaged(shown: str) -> PhotoError:
    return PhotoError("image file {file} is cut off or damaged: it cannot be read to the end",
                      "copy the photo again from the camera or the original file; save it again as JPEG or PNG",
                      {"file": shown})


def _read(file: BinaryIO, size: int, shown: str) -> bytes:
    data = file.read(size)
    if len(data) < size:
        raise _damaged(shown)
    return data


def _png_size(file: BinaryIO, shown: str) -> tuple[int, int, bytes | None]:
    """Walk every chunk to IEND: the size from IHDR and the EXIF block (the last eXIf chunk, as Pillow
    takes it), metadata bounded, structure whole."""
    file.seek(8)
    size: tuple[int, int] | None = None
    exif: bytes | None = None
    others = data_chunks = unpacked_total = 0
    while True:
        length, kind = struct.unpack(">I4s", _read(file, 8, shown))
        data_chunks += kind in _DATA
        if data_chunks > MAX_DATA_CHUNKS:
            raise PhotoError("image file {file} is cut into more than {limit} pieces",
                             "save it again as JPEG or PNG with an image editor",
                             {"file": shown, "limit": MAX_DATA_CHUNKS})
        if kind == b"IHDR":
            if length != 13:
                raise _damaged(shown)
            size = struct.unpack(">II", _read(file, 8, shown))
            file.seek(length - 8 + 4, os.SEEK_CUR)
        elif kind in _DATA:
            file.seek(length + 4, os.SEEK_CUR)
        else:
            others += 1
            if others > MAX_CHUNKS:
                raise PhotoError("image file {file} has more than {limit} metadata chunks",
                                 "save it again as JPEG, or as PNG without metadata",
                                 {"file": shown, "limit": MAX_CHUNKS})
            if kind == b"eXIf" and length <= MAX_CHUNK:
                exif = file.read(length)
                file.seek(-len(exif), os.SEEK_CUR)
            unpacked = _chunk_size(file, kind, length)
            unpacked_total += unpacked
            if unpacked > MAX_CHUNK or unpacked_total > MAX_METADATA:
                raise PhotoError("image file {file} has a metadata chunk ({kind}) of more than 1 MB"
                                 if unpacked > MAX_CHUNK else
                                 "image file {file} has a metadata chunk ({kind}) of more than {limit} MB in all",
                                 "save it again as JPEG, or as PNG without a colour profile, comments or other "
                                 "metadata",
                                 {"file": shown, "kind": kind.decode("latin-1"), "limit": MAX_METADATA >> 20})
        if kind == b"IEND":
            break
    if size is None or file.tell() > os.fstat(file.fileno()).st_size:
        raise _damaged(shown)
    return size[0], size[1], exif


def _chunk_size(file: BinaryIO, kind: bytes, length: int) -> int:
    """A metadata chunk's size as Pillow would hold it: unpacked for compressed profiles and text
    (inflated with a bound, so a 200 MB zTXt costs 1 MB); the file is left after its checksum."""
    if length > MAX_CHUNK or kind not in _PACKED:
        file.seek(length + 4, os.SEEK_CUR)
        return length
    data = file.read(length)
    file.seek(4, os.SEEK_CUR)
    name_end = data.find(b"\0")
    if kind == b"iTXt":  # keyword\0 flag method language\0 translated\0 text
        if name_end < 0 or data[name_end + 1: name_end + 2] != b"\1":
            return length
        start = data.find(b"\0", data.find(b"\0", name_end + 3) + 1) + 1
    else:  # keyword\0 method data
        start = name_end + 2
    if name_end < 0 or start <= 0:
        return length
    inflater = zlib.decompressobj()
    try:
        return len(inflater.decompress(data[start:], MAX_CHUNK + 1))
    except zlib.error:
        return length  # Pillow reads it as damaged text and drops it


def _jpeg_size(file: BinaryIO, shown: str) -> tuple[int, int, bytes | None]:
    """Walk the segments from the start of the file to the frame header (SOFn) for the size, and the
    EXIF block of the first APP1 segment that has one (where the orientation is)."""
    file.seek(2)
    exif: bytes | None = None
    for _segment in range(MAX_SEGMENTS):
        marker = _read(file, 2, shown)
        for _fill in range(64):  # fill bytes before a marker
            if marker[1] != 0xFF:
                break
            marker = marker[1:] + _read(file, 1, shown)
        if marker[0] != 0xFF:
            raise _damaged(shown)
        if 0xD0 <= marker[1] <= 0xD7 or marker[1] == 0x01:
            continue  # markers without a length
        if marker[1] in (0xD9, 0xDA):  # end of image or start of scan before any frame header
            raise _damaged(shown)
        (length,) = struct.unpack(">H", _read(file, 2, shown))
        if length < 2:
            raise _damaged(shown)
        if marker[1] in _JPEG_FRAMES:
            height, width = struct.unpack(">xHH", _read(file, 5, shown))
            return width, height, exif
        if marker[1] == 0xE1 and exif is None:
            segment = _read(file, length - 2, shown)
            exif = segment if segment.startswith(b"Exif\0\0") else None
            continue
        file.seek(length - 2, os.SEEK_CUR)
    raise PhotoError("image file {file} has more than {limit} metadata segments",
                     "save it again as JPEG or PNG with an image editor", {"file": shown, "limit": MAX_SEGMENTS})
