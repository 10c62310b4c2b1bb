"""Hostile and unlucky input (issue 14): every file that used to end in a traceback is a content error
naming path:line with a Fix, found by `validate` (the real command, in its own process) and by `build`
before anything is rendered. Hostile files are made here, in the test's folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
import struct
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import TODAY, edit
from content_factory import write_photo
from PIL import ExifTags, Image

from ocop_site import disk
from ocop_site.content import photos
from ocop_site.model.loader import load_catalog
from ocop_site.problems import ContentErrors
from ocop_site.targets.press.files import _kit, _original
from ocop_site.targets.press.kit import photo_terms
from ocop_site.targets.site.images import plan_picture

ROOT = Path(__file__).resolve().parent.parent
RECORD = Path("content/products/product-000.yaml")
MEDIA = Path("content/media/product-000")
SHOWN = "content/products/product-000.yaml"


def run_cli(*args: str) -> tuple[int, str]:
    """`python -m ocop_site ARGS…` in its own process, from the current folder: (exit code, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "ocop_site", *args], capture_output=True, text=True, env=env,
                          timeout=120)  # an alias bomb that got through would take minutes
    return done.returncode, done.stderr


def validate() -> tuple[int, str]:
    return run_cli("validate", "--content", "content", "--today", TODAY)


def assert_refused(expected: str) -> None:
    code, err = validate()
    assert (code, err) == (1, expected + "1 error\n")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *extra: bytes, bits: int = 8, colour: int = 2) -> bytes:
    """A real, complete PNG of black pixels (1-bit grey keeps a 30000 × 30000 one at 110 kB)."""
    row = b"\0" * (1 + (width * bits * (3 if colour == 2 else 1) + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, colour, 0, 0, 0))
            + b"".join(extra) + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b""))


def use_photo(name: str, data: bytes) -> None:
    (MEDIA / name).write_bytes(data)
    edit(RECORD, "file: hero.jpg", f"file: {name}")


# -- the list of tracebacks --------------------------------------------------------------------


def test_a_complex_key(content):
    edit(RECORD, "stars: 3\n", "stars: 3\n? [a, b]\n: đường\n")
    assert_refused(f"{SHOWN}:7: a key must be a plain word, not a list or a group of keys ('? [a, b]')\n"
                   "  Fix: write the key as a word followed by ':', e.g. 'name:'\n")


def test_nesting_5000_deep(content):
    edit(RECORD, "featured: true\n", "featured: " + "[" * 5000 + "]" * 5000 + "\n")
    assert_refused(f"{SHOWN}:7: the keys and lists are nested more than 20 levels deep\n"
                   "  Fix: check the indentation and the brackets: records need only a few levels\n")


def test_a_record_that_is_a_folder(content):
    RECORD.unlink()
    (RECORD / "Đặc sản").mkdir(parents=True)
    assert_refused(f"{SHOWN}:1: this is a folder, not a file\n"
                   "  Fix: move what it holds elsewhere and remove the folder, or rename it without '.yaml'\n")


def test_a_record_that_is_a_symlink_loop(content):
    RECORD.unlink()
    RECORD.symlink_to(RECORD.name)
    assert_refused(f"{SHOWN}:1: this is a symbolic link that leads back to itself (a loop)\n"
                   "  Fix: replace the link with the file it should point to\n")


def test_a_30000_by_30000_png(content):
    use_photo("bìa.png", png(30000, 30000, bits=1, colour=0))
    assert_refused(f"{SHOWN}:28: image file content/media/product-000/bìa.png is 30000 × 30000 pixels "
                   "(900 megapixels); photos may have at most 50 megapixels\n"
                   "  Fix: save a smaller copy, e.g. 6000 pixels on the long side: that is more than the web and "
                   "print sizes need\n")


def packed(text: bytes, size: int) -> bytes:
    """`size` bytes of `text` repeated, zlib-compressed a megabyte at a time (never held unpacked)."""
    packer, block = zlib.compressobj(9), text * ((1 << 20) // len(text))
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


@pytest.mark.parametrize(("kind", "header", "text", "size"), [
    (b"iCCP", b"sRGB\0\0", b"\0", 50_000_000),
    (b"zTXt", b"Comment\0\0", "Đường phổi ".encode(), 200_000_000),
    (b"iTXt", "Description\0\1\0vi\0Mô tả\0".encode(), "đ".encode(), 20_000_000),
], ids=["iCCP 50 MB", "zTXt 200 MB", "iTXt 20 MB"])
def test_a_png_with_a_metadata_chunk_that_unpacks_to_megabytes(content, kind, header, text, size):
    use_photo("hero.png", png(1600, 1000, png_chunk(kind, header + packed(text, size))))
    assert_refused(f"{SHOWN}:28: image file content/media/product-000/hero.png has a metadata chunk "
                   f"({kind.decode()}) of more than 1 MB\n"
                   "  Fix: save it again as JPEG, or as PNG without a colour profile, comments or other metadata\n")


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_truncated_jpeg(content, command):
    hero = MEDIA / "hero.jpg"
    hero.write_bytes(hero.read_bytes()[: hero.stat().st_size // 2])
    code, err = run_cli(command, "--content", "content", "--out", "out", "--today", TODAY) if command == "build" \
        else validate()
    assert code == 1
    assert f"{SHOWN}:28: image file content/media/product-000/hero.jpg is cut off or damaged: it cannot be read to " \
           "the end\n  Fix: copy the photo again from the camera or the original file; save it again as JPEG or " \
           "PNG\n1 error\n" in err
    assert "Traceback" not in err


def test_a_truncated_jpeg_in_a_process_that_has_made_a_pdf(content, cli, monkeypatch):
    """WeasyPrint, once imported, tells Pillow to load cut-off images anyway (a process-wide setting): the
    photo check of a long-lived process (serve, the editor beside a build) must refuse them all the same."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what `import weasyprint` does
    hero = MEDIA / "hero.jpg"
    hero.write_bytes(hero.read_bytes()[: hero.stat().st_size // 2])
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)  # in this process
    assert (code, err.splitlines()[:1]) == (
        1, [f"{SHOWN}:28: image file content/media/product-000/hero.jpg is cut off or damaged: it cannot be read to "
            "the end"])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as the process had it


def test_a_truncated_png(content):
    use_photo("hero.png", png(1600, 1000)[:-30])
    code, err = validate()
    assert (code, err.splitlines()[0]) == (
        1, f"{SHOWN}:28: image file content/media/product-000/hero.png is cut off or damaged: it cannot be read to "
        "the end")


def test_a_photo_that_passed_is_remembered_by_its_bytes(content, tmp_path, monkeypatch):
    """Decoding every photo is most of what validate costs at 619 products: a pass is remembered by the
    photo's SHA-256 in the user's cache folder, and changed bytes are checked again."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert validate() == (0, "")
    passed = cache / "ocop-site" / "photos-read"
    photos = sorted(Path("content/media").rglob("*.jpg"))
    assert sorted(name.name.split("-")[0] for name in passed.iterdir()) == \
        sorted({hashlib.sha256(photo.read_bytes()).hexdigest() for photo in photos})
    hero = MEDIA / "hero.jpg"
    hero.write_bytes(hero.read_bytes()[: hero.stat().st_size // 2])
    code, err = validate()
    assert (code, err.splitlines()[0]) == (
        1, f"{SHOWN}:28: image file content/media/product-000/hero.jpg is cut off or damaged: it cannot be read to "
        "the end")
    cut = hashlib.sha256(hero.read_bytes()).hexdigest()
    assert not [name for name in passed.iterdir() if name.name.startswith(cut)]
    # what the remembered pass skips is the decoding, by the bytes: a pass recorded for these very bytes
    # (as if they had decoded) lets them through, which shows the record is what is consulted
    versions = next(passed.iterdir()).name.split("-", 1)[1]  # the check's and Pillow's
    (passed / f"{cut}-{versions}").touch()
    assert validate() == (0, "")


def test_an_unchanged_photo_that_passed_is_not_even_read_again(content, tmp_path, monkeypatch):
    """Reading and hashing every photo is most of what reading the catalogue costs at 619 products once their passes
    are remembered: a pass is also remembered by the file's inode, size and times, so an unchanged photo is not read;
    a write changes its ctime, so a changed photo is read and checked again. A photo changed a moment ago is not
    remembered this way (a change within one tick of a coarse clock could keep the same times)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seen = tmp_path / "cache" / "ocop-site" / "photos-seen"
    today = dt.date.fromisoformat(TODAY)
    load_catalog(Path("content"), today=today)
    assert not seen.exists()  # the photos were written a moment ago
    monkeypatch.setattr(disk, "SETTLING_NS", 0)
    load_catalog(Path("content"), today=today)
    assert len(list(seen.iterdir())) == len(list(Path("content/media").rglob("*.jpg")))
    hashed: list[str] = []
    remembered = photos._passed_marker
    monkeypatch.setattr(photos, "_passed_marker", lambda digest: hashed.append(digest) or remembered(digest))
    load_catalog(Path("content"), today=today)
    assert hashed == []  # no photo was read
    hero = MEDIA / "hero.jpg"
    hero.write_bytes(hero.read_bytes()[: hero.stat().st_size // 2])
    with pytest.raises(ContentErrors) as refused:
        load_catalog(Path("content"), today=today)
    assert "content/media/product-000/hero.jpg is cut off or damaged" in refused.value.render("en")
    assert hashed == [hashlib.sha256(hero.read_bytes()).hexdigest()]


def test_a_cache_folder_that_cannot_be_written_only_makes_validate_slower(content, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "ocop-site").write_text("a file where the folder would go\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert validate() == (0, "")
    hero = MEDIA / "hero.jpg"
    hero.write_bytes(hero.read_bytes()[:-2000])
    code, err = validate()
    assert (code, "cut off or damaged" in err, "Traceback" in err) == (1, True, False)


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_1_by_20000_png(content, command):
    image = io.BytesIO()
    Image.new("RGB", (1, 20000), (120, 80, 40)).save(image, "PNG")
    use_photo("dải.png", image.getvalue())
    code, err = run_cli(command, "--content", "content", "--out", "out", "--today", TODAY) if command == "build" \
        else validate()
    assert code == 1
    assert f"{SHOWN}:28: image file content/media/product-000/dải.png is 1 × 20000 pixels: one side is more than " \
           "10 times the other\n  Fix: crop it to a usual photo shape (3:2, 4:3, 16:9 or square)\n1 error\n" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["validate", "build"])
def test_recognized_9999_12_31(content, command):
    edit(RECORD, "recognized: '2025-03-15'", "recognized: 9999-12-31")
    code, err = run_cli(command, "--content", "content", "--out", "out", "--today", TODAY) if command == "build" \
        else validate()
    assert code == 1
    assert f"{SHOWN}:13: 'certificate.recognized' is 9999-12-31, outside the years 2000-2099\n" \
           "  Fix: check the year; write dates as YYYY-MM-DD, e.g. 2024-05-12\n1 error\n" in err
    assert "Traceback" not in err


ALIAS_BOMB = "".join(
    [f"a: &a [{', '.join(['đường'] * 9)}]\n"]
    + [f"{name}: &{name} [{', '.join(['*' + before] * 9)}]\n" for before, name in itertools.pairwise("abcdefghi")])


def test_an_alias_bomb_is_refused_before_it_expands(content):
    assert len(ALIAS_BOMB.encode()) < 500  # expands to 9**9 = 387 million strings
    RECORD.write_text(ALIAS_BOMB, encoding="utf-8")
    assert_refused(f"{SHOWN}:1: anchors and aliases ('&name', '*name') are not allowed in content files\n"
                   "  Fix: write the value out in full wherever it is needed\n")


@pytest.mark.parametrize(("where", "expected"), [
    ("content/site.yaml", "content/site.yaml:1"),
    ("content/qr-ledger.yaml", "content/qr-ledger.yaml:1"),
    ("content/trips/chuyen-di.yaml", "content/trips/chuyen-di.yaml:1"),
])
def test_aliases_are_refused_in_every_kind_of_content_file(content, cli, where, expected):
    Path(where).parent.mkdir(exist_ok=True)
    Path(where).write_text(ALIAS_BOMB, encoding="utf-8")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert code == 1
    assert f"{expected}: anchors and aliases ('&name', '*name') are not allowed in content files\n" in err


@pytest.mark.parametrize(("text", "line", "shown"), [
    ('"Đường\\0 phổi"', 3, "U+0000 (NULL)"),
    ('"Đường \\e[31mphổi"', 3, "U+001B (ESCAPE)"),
    ('"Đường phổi\\a"', 3, "U+0007 (BELL)"),
    ("Đường \u202ephổi", 3, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
])
def test_control_and_bidi_override_characters_in_a_name(content, text, line, shown):
    edit(RECORD, "vi: Đường phổi Đức Phổ số 0", f"vi: {text}")
    assert_refused(f"{SHOWN}:{line}: 'name.vi' contains the invisible character {shown}\n"
                   "  Fix: delete it: retype the text around it, or paste the text as plain text\n")


def test_a_control_character_in_a_key_is_not_printed(content):
    edit(RECORD, "stars: 3\n", 'stars: 3\n"x\\e]0;pwned\\a": 1\n')
    code, err = validate()
    assert (code, err) == (1, f"{SHOWN}:7: a key contains the invisible character U+001B (ESCAPE)\n"
                              "  Fix: delete it: retype the text around it, or paste the text as plain text\n"
                              "1 error\n")


def test_a_record_over_a_megabyte(content):
    edit(RECORD, "featured: true\n", "featured: true\n" + "# Đường phổi\n" * 90_000)
    assert_refused(f"{SHOWN}:1: the file is 1.6 MB; a file of this kind may be at most 1.0 MB\n"
                   "  Fix: check that this is the right file: a record or a story is a few kilobytes\n")


# -- photo paths and names -----------------------------------------------------------------------------


def test_an_absolute_photo_path_is_refused(content, cli, tmp_path):
    outside = tmp_path / "ngoài" / "riêng.jpg"
    write_photo(outside)
    edit(RECORD, "file: hero.jpg", f"file: {outside}")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:28: photo '{outside}' is an absolute path: photos must be inside "
                              "content/media/product-000/\n"
                              "  Fix: copy the photo into content/media/product-000/ and write just its name, e.g. "
                              "'riêng.jpg'\n1 error\n")


def test_a_photo_path_leading_out_of_the_media_folder_is_refused(content, cli):
    edit(RECORD, "file: hero.jpg", "file: ../product-001/hero.jpg")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:28: photo '../product-001/hero.jpg' leads out of content/media/product-000/\n"
                              "  Fix: copy the photo into content/media/product-000/ and write just its name, e.g. "
                              "'hero.jpg'\n1 error\n")


def test_a_symlinked_photo_is_refused(content, cli, tmp_path):
    write_photo(tmp_path / "ngoài.jpg")
    (MEDIA / "hero.jpg").unlink()
    (MEDIA / "hero.jpg").symlink_to(tmp_path / "ngoài.jpg")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:28: image file content/media/product-000/hero.jpg is a symbolic link: "
                              "photos must be files inside content/media/product-000/\n"
                              "  Fix: replace the link with a copy of the photo\n1 error\n")


def test_a_symlinked_media_folder_is_refused(content, cli, tmp_path):
    outside = tmp_path / "album"
    write_photo(outside / "hero.jpg")
    for file in MEDIA.iterdir():
        file.unlink()
    MEDIA.rmdir()
    MEDIA.symlink_to(outside)
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:28: photo folder content/media/product-000 is a symbolic link: photos must "
                              "be files inside the content folder\n"
                              "  Fix: replace the link with a folder holding copies of the photos\n1 error\n")


@pytest.mark.parametrize(("name", "characters", "fixed"), [
    ("ảnh bìa.jpg", "' '", "ảnh-bìa.jpg"),
    ("đường#1.jpg", "'#'", "đường-1.jpg"),
    ("hero?v=2.jpg", "'=', '?'", "hero-v-2.jpg"),
    ("lò đường (mới) #2?.jpg", "' ', '#', '(', ')', '?'", "lò-đường-mới-2.jpg"),
])
def test_photo_names_that_break_web_addresses_get_a_suggested_name(content, cli, name, characters, fixed):
    (MEDIA / "hero.jpg").rename(MEDIA / name)
    edit(RECORD, "file: hero.jpg", f"file: '{name}'")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:28: photo name '{name}' has characters that break web addresses "
                              f"({characters})\n  Fix: rename the file to '{fixed}' and write that name here\n"
                              "1 error\n")


def test_two_photos_with_the_same_stem_are_an_error(content, cli):
    image = io.BytesIO()
    Image.new("RGB", (1200, 800), (90, 140, 60)).save(image, "PNG")
    (MEDIA / "hero.png").write_bytes(image.getvalue())
    edit(RECORD, "  credit: Ảnh thử nghiệm\n", "  credit: Ảnh thử nghiệm\n- file: hero.png\n  alt:\n"
         "    vi: Lò nấu đường\n    en: The sugar kiln\n  credit: Ảnh thử nghiệm\n")
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:33: photos 'hero.jpg' (line 28) and 'hero.png' have the same name without "
                              "their extension: their web sizes would overwrite each other\n"
                              "  Fix: rename one of the files, e.g. to 'hero-2.png'\n1 error\n")


def test_a_photo_stored_with_a_decomposed_name_is_found_and_published_under_the_record_name(content, cli):
    name = "ảnh-đường-phổi.jpg"
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name
    (MEDIA / "hero.jpg").rename(MEDIA / decomposed)  # as a copy from macOS stores it
    edit(RECORD, "file: hero.jpg", f"file: {name}")
    assert cli("validate", "--content", "content", "--today", TODAY)[0] == 0
    product = load_catalog(Path("content")).products["product-000"]
    assert product.image_path(0).name == decomposed and product.image_path(0).is_file()
    assert plan_picture(product.image_path(0), "product-000").stem == "media/product-000/ảnh-đường-phổi"


# -- press-kit originals lose their GPS position ---------------------------------------------------------


def photo_with_position() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = "Nguyen Thi Dao"
    exif[ExifTags.Base.Copyright] = "HTX Dong Tam"
    exif[ExifTags.IFD.Exif] = {ExifTags.Base.DateTimeOriginal: "2025:03:15 08:30:00"}
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (15.0, 22.0, 50.0),
                                  ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (109.0, 7.0, 12.0)}
    xmp = (b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description "
           b"exif:GPSLatitude='15,22.8N' exif:GPSLongitude='109,7.2E'/></rdf:RDF></x:xmpmeta>")
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 150, 80)).save(buffer, "JPEG", quality=85, exif=exif)
    data = buffer.getvalue()
    return data[:2] + struct.pack(">BBH", 0xFF, 0xE1, len(xmp) + 2) + xmp + data[2:]


def assert_no_position(data: bytes, original: bytes) -> None:
    with Image.open(io.BytesIO(data)) as photo, Image.open(io.BytesIO(original)) as source:
        exif = photo.getexif()
        assert ExifTags.IFD.GPSInfo not in exif and exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo) != {}  # the test photo had one
        assert "xmp" not in photo.info and b"GPS" not in data
        kept = {tag: exif.get(tag) for tag in (ExifTags.Base.Orientation, ExifTags.Base.Artist,
                                               ExifTags.Base.Copyright)}
        assert kept == {ExifTags.Base.Orientation: 6, ExifTags.Base.Artist: "Nguyen Thi Dao",
                        ExifTags.Base.Copyright: "HTX Dong Tam"}
        assert exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] == "2025:03:15 08:30:00"
        assert photo.tobytes() == source.tobytes()  # the same pixels: not re-encoded


def test_press_kit_photos_lose_their_gps_position_and_keep_orientation_and_credit(content, cli):
    original = photo_with_position()
    (MEDIA / "hero.jpg").write_bytes(original)
    assert cli("validate", "--content", "content", "--today", TODAY)[0] == 0
    catalog = load_catalog(Path("content"))
    product = catalog.products["product-000"]
    kit = _kit(product, catalog.site.site_url, photo_terms(product, catalog.site))["zip"]
    with zipfile.ZipFile(io.BytesIO(kit)) as archive:
        inside = archive.read("product-000-press-kit/photos/product-000-hero.jpg")
    assert_no_position(inside, original)
    published = _original(str(product.image_path(0)))["photo"]  # /press/<slug>/<slug>-hero.jpg
    assert published == inside
    # a photo with nothing to remove is published byte for byte
    plain = (Path("content/media/product-001/hero.jpg")).read_bytes()
    assert _original("content/media/product-001/hero.jpg")["photo"] == plain


def test_a_build_publishes_a_decomposed_name_under_the_record_name_and_no_photo_with_its_position(content, cli):
    name = "ảnh-đường-phổi.jpg"
    original = photo_with_position()
    (MEDIA / "hero.jpg").unlink()
    (MEDIA / unicodedata.normalize("NFD", name)).write_bytes(original)
    edit(RECORD, "file: hero.jpg", f"file: {name}")
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 0, err
    site = Path("out/site")
    published = {path.relative_to(site).as_posix() for path in site.rglob("*") if "ảnh" in path.name}
    assert all(unicodedata.is_normalized("NFC", path) for path in published)
    assert {"media/product-000/ảnh-đường-phổi-960.webp", "press/product-000/product-000-ảnh-đường-phổi.jpg"} \
        <= published
    assert_no_position((site / "press/product-000/product-000-ảnh-đường-phổi.jpg").read_bytes(), original)
    with zipfile.ZipFile(site / "press/product-000/product-000-press-kit.zip") as archive:
        assert_no_position(archive.read("product-000-press-kit/photos/product-000-ảnh-đường-phổi.jpg"), original)
    for pdf in (site / "print").rglob("*.pdf"):
        assert b"GPS" not in pdf.read_bytes(), pdf


def test_report_lists_a_folder_record_instead_of_crashing(content, cli):
    RECORD.unlink()
    RECORD.mkdir()
    code, out, err = cli("report", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 0 and "Traceback" not in err
    assert f"{SHOWN}:1: this is a folder, not a file\n" in out + err


def test_a_file_name_with_an_escape_sequence_is_printed_harmless(content):
    Path("content/products/\x1b]0;Đã xong\x07.yaml").write_text("code: X\n", encoding="utf-8")
    code, err = validate()
    assert code == 1
    assert "content/products/<U+001B>]0;Đã xong<U+0007>.yaml:1: file name '<U+001B>]0;Đã xong<U+0007>' is not a " \
           "valid slug\n" in err
    assert "\x1b" not in err and "\x07" not in err


def test_a_record_linked_from_outside_the_content_folder_is_refused(content, cli, tmp_path):
    outside = tmp_path / "ngoài.yaml"
    outside.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    RECORD.unlink()
    RECORD.symlink_to(outside)
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, err) == (1, f"{SHOWN}:1: this is a symbolic link to a file outside the content folder\n"
                              "  Fix: put the file itself here, in the content folder\n1 error\n")


def test_a_damaged_exif_block_is_dropped_whole_from_the_press_original(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 150, 80)).save(buffer, "JPEG", quality=85)
    plain = buffer.getvalue()
    damaged = b"Exif\0\0MM\0*\0\0\0\x08\x00\x01\x88\x25\x00\x04\0\0\0\x01\x7f\xff\xff\xff GPS 15.38N 109.12E"
    photo = tmp_path / "hỏng.jpg"
    photo.write_bytes(plain[:2] + struct.pack(">BBH", 0xFF, 0xE1, len(damaged) + 2) + damaged + plain[2:])
    published = _original(str(photo))["photo"]
    assert published == plain  # the block went, nothing else changed
