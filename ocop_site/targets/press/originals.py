"""Press-kit originals without where they were taken: a phone's photo carries the GPS position of the
producer's home or field in its EXIF data, and journalists get the file as it is.

Removed: the GPS block of the EXIF data, and XMP packets that mention GPS (XMP can repeat the
position), in JPEG and PNG. Kept: the pixels (never re-encoded), the colour profile and IPTC credits
byte for byte; the other EXIF fields (orientation, photographer, copyright, date, camera), which
Pillow writes back without the GPS block (it may leave out the EXIF preview thumbnail). A photo
without a GPS block or XMP position is published unchanged.
"""

from __future__ import annotations

import struct
import warnings
import zlib

from PIL import ExifTags, Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_EXIF = b"Exif\0\0"
_XMP = (b"http://ns.adobe.com/xap/1.0/\0", b"http://ns.adobe.com/xmp/extension/\0")
_GPS = ExifTags.IFD.GPSInfo


def without_location(data: bytes) -> bytes:
    """The photo's bytes with its location data removed (see the module's description)."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(PNG_SIGNATURE):
        return _png(data)
    return data


def _exif_without_gps(tiff: bytes) -> bytes | None:
    """EXIF data (with or without the 'Exif\\0\\0' header) without its GPS block; None if it has none;
    empty if it cannot be read (a damaged block is dropped whole rather than published as it is)."""
    exif = Image.Exif()
    try:
        with warnings.catch_warnings(record=True) as complaints:
            warnings.simplefilter("always")
            exif.load(tiff)
            exif.get_ifd(_GPS)  # read now, so that a damaged GPS block is noticed
        if complaints:  # Pillow read only part of it: a laxer reader might still find a position
            return b""
        if _GPS not in exif:
            return None
        del exif[_GPS]
        return exif.tobytes()  # with the 'Exif\0\0' header; Pillow writes the Exif sub-block back itself
    except Exception:  # whatever Pillow trips on in a damaged block
        return b""


def _jpeg(data: bytes) -> bytes:
    out, position = [data[:2]], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xFF:  # a fill byte before the marker
            out.append(b"\xff")
            position += 1
            continue
        if marker in (0xDA, 0xD9):  # start of scan (the rest is image data) or end of image
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out.append(data[position:position + 2])
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        segment, payload = data[position:position + 2 + length], data[position + 4:position + 2 + length]
        position += 2 + length
        if marker == 0xE1 and payload.startswith(_EXIF):
            cleaned = _exif_without_gps(payload)
            if cleaned is not None:  # (EXIF that is damaged or grew past a segment's 64 kB is dropped whole)
                segment = struct.pack(">BBH", 0xFF, 0xE1, len(cleaned) + 2) + cleaned if 0 < len(cleaned) < 0xFFF0 \
                    else b""
        elif marker == 0xE1 and payload.startswith(_XMP) and (b"GPS" in payload or payload.startswith(_XMP[1])):
            segment = b""  # an XMP packet that holds a position; extended XMP may continue one
        out.append(segment)
    out.append(data[position:])
    return b"".join(out)


def _png(data: bytes) -> bytes:
    out, position = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        chunk = data[position:position + 12 + length]
        position += 12 + length
        if kind == b"eXIf":
            cleaned = _exif_without_gps(body)
            if cleaned is not None:
                chunk = _png_chunk(kind, cleaned[len(_EXIF):]) if cleaned else b""
        elif kind in (b"iTXt", b"tEXt", b"zTXt") and _locates(kind, body):
            chunk = b""
        out.append(chunk)
        if kind == b"IEND":
            break
    return b"".join(out)


def _locates(kind: bytes, body: bytes) -> bool:
    """Whether a PNG text chunk may hold a position: XMP that mentions GPS, or ImageMagick's hex copy of
    EXIF or XMP ('Raw profile type exif'), whose GPS cannot be seen without decoding it."""
    keyword, _, rest = body.partition(b"\0")
    if keyword.startswith(b"Raw profile type"):
        return any(name in keyword.lower() for name in (b"exif", b"app1", b"xmp"))
    if keyword != b"XML:com.adobe.xmp":
        return False
    packed = kind == b"zTXt" or (kind == b"iTXt" and rest[:1] == b"\1")
    if kind == b"iTXt":  # flag, method, language\0, translated keyword\0, text
        rest = rest[2:].split(b"\0", 2)[-1]
    elif kind == b"zTXt":  # method, text
        rest = rest[1:]
    if not packed:
        return b"GPS" in rest
    try:
        return b"GPS" in zlib.decompressobj().decompress(rest, 8 << 20)
    except zlib.error:
        return True  # unreadable: drop it rather than guess


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", len(body), kind) + body + struct.pack(">I", zlib.crc32(kind + body))
