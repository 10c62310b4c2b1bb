"""The two colour profiles of the printables: RGB for the screen, PDF/X-4 in CMYK for an offset press.

- SCREEN: what WeasyPrint writes by default — sRGB colours and photos. These are the PDFs the site offers
  for download and that an office printer prints well.
- PRESS: PDF/X-4 with a CMYK output intent, FOGRA39 (coated offset paper, ISO 12647-2), the ICC profile in
  colour/ (LICENSE.md there says where it comes from). Every colour of the templates is written as a
  DeviceCMYK build chosen for the press (SWATCHES): text, rules and greys in black only (K), so that small
  type is printed by one plate and stays sharp instead of blurring from four plates slightly out of
  register; photos are converted from sRGB (or their own embedded profile) to the FOGRA39 profile,
  relative colorimetric with black-point compensation. No DeviceRGB is left in the file, and transparency
  groups blend in DeviceCMYK.

The conversion works on the text of the style sheets and of the laid-out HTML (colour values in style
sheets, `style`, `fill` and `stroke` attributes), so the templates keep one set of colours for both.
Story text cannot contain such an attribute: it reaches the HTML escaped.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

SCREEN, PRESS = "screen", "press"
PROFILES = (SCREEN, PRESS)
ICC = Path(__file__).parent / "colour" / "FOGRA39L-coated.icc"
OUTPUT_INTENT = "--fogra39"  # the CSS name of the profile; WeasyPrint writes it as the PDF's output intent
PDF_VARIANT = "pdf/x-4"
# PDF/X requires a creation and a modification date; a fixed one keeps the same input giving the same bytes.
FIXED_DATE = "2025-07-01T00:00:00+00:00"  # the day the two-level administration began

# CMYK (0-1) for each colour the templates use. Greys and black are K only; the brand colours are the
# builds a print shop would mix for them on coated paper.
SWATCHES: dict[str, tuple[float, float, float, float]] = {
    "#000000": (0, 0, 0, 1),
    "#1f1f1f": (0, 0, 0, 1),  # body text: pure black
    "#ffffff": (0, 0, 0, 0),
    "#2f6b3a": (0.78, 0.22, 0.92, 0.32),  # green
    "#244f2c": (0.82, 0.3, 0.92, 0.55),  # dark green
    "#b7791f": (0.12, 0.52, 1, 0.18),  # gold (stars)
    "#a4262c": (0.12, 0.95, 0.85, 0.22),  # red
    "#f4efe4": (0, 0.03, 0.09, 0.04),  # paper tint
    "#dfe9e0": (0.12, 0, 0.12, 0.04),
    "#f3d9a4": (0, 0.15, 0.4, 0.02),
    "#d8cfbd": (0, 0.04, 0.14, 0.16),
    "#cfe3ee": (0.2, 0.03, 0, 0.02),  # sea
    "#7fb2cf": (0.5, 0.15, 0, 0.05),  # rivers, coast
    "#e8efe2": (0.08, 0, 0.1, 0.02),  # land outside the province
    "#1f5f8b": (0.88, 0.45, 0.08, 0.2),  # places on the trip maps
}
PHOTO_FOLDER = Path(tempfile.gettempdir()) / "ocop-press-photos"  # the CMYK copies; the PDF fetcher reads them
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
_ATTRIBUTE = re.compile(r'\b(style|fill|stroke|stop-color|color)="([^"]*)"')
_FILE_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")(file://[^"]+)(")')


def cmyk(value: str) -> tuple[float, float, float, float]:
    """The CMYK build of a #rgb or #rrggbb colour: its swatch, else K only for a grey, else a plain separation."""
    hex_value = _long(value)
    if hex_value in SWATCHES:
        return SWATCHES[hex_value]
    r, g, b = (int(hex_value[i:i + 2], 16) / 255 for i in (1, 3, 5))
    if r == g == b:
        return 0, 0, 0, round(1 - r, 3)
    k = 1 - max(r, g, b)
    c, m, y = (round((1 - channel - k) / (1 - k), 3) for channel in (r, g, b))
    return c, m, y, round(k, 3)


def _long(value: str) -> str:
    """#abc → #aabbcc, lower case."""
    value = value.lower()
    return "#" + "".join(ch * 2 for ch in value[1:]) if len(value) == 4 else value


def device_cmyk(value: str) -> str:
    return "device-cmyk({:g} {:g} {:g} {:g})".format(*cmyk(value))


def css(text: str) -> str:
    """A style sheet with every hex colour written as its CMYK build."""
    return _HEX.sub(lambda match: device_cmyk(match.group()), text)


def html(text: str, serves: Callable[[str], Path | None]) -> str:
    """Laid-out HTML with the colours of its style blocks and colour attributes in CMYK, and its photos
    converted to CMYK files. `serves` is the PDF's url_fetcher check (pdf_fetcher.py): a photo it would
    refuse is neither read nor converted but left as it is, for the fetcher to refuse and report."""

    def photo(match: re.Match) -> str:
        source = serves(match.group(2))
        return match.group(1) + (cmyk_photo(source.as_uri()) if source else match.group(2)) + match.group(3)

    text = _STYLE_BLOCK.sub(lambda m: m.group(1) + css(m.group(2)) + m.group(3), text)
    text = _ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{css(m.group(2))}"', text)
    return _FILE_IMAGE.sub(photo, text)


def profile_css() -> str:
    return (f"@color-profile {OUTPUT_INTENT} {{ src: url({ICC.as_uri()}); "
            "components: cyan, magenta, yellow, black }")


def cmyk_photo(uri: str) -> str:
    """A CMYK JPEG of the photo at `uri` (file://), made once per photo and kept in the temporary folder."""
    source = Path(unquote(urlsplit(uri).path))
    data = source.read_bytes()
    digest = hashlib.sha256(data + ICC.read_bytes()[:4096]).hexdigest()[:32]
    folder = PHOTO_FOLDER
    target = folder / f"{digest}.jpg"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{digest}.{os.getpid()}.tmp"
        _convert(source, partial)
        partial.replace(target)  # atomic: worker processes may convert the same photo at once
    return target.as_uri()


def _convert(source: Path, target: Path) -> None:
    import io

    from PIL import Image, ImageCms, ImageOps

    with Image.open(source) as image:
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image).convert("RGB")
    source_profile = ImageCms.createProfile("sRGB")
    if icc:  # a photo's own RGB profile (Adobe RGB, Display P3…); a CMYK or grey one does not describe RGB pixels
        embedded = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if embedded.profile.xcolor_space.strip() == "RGB":
            source_profile = embedded
    transform = ImageCms.buildTransform(source_profile, str(ICC), "RGB", "CMYK",
                                        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    ImageCms.applyTransform(upright, transform).save(target, "JPEG", quality=95, subsampling=0)


def finish(document, pdf) -> None:
    """WeasyPrint's finisher for PRESS: transparency groups blend in DeviceCMYK, and the XMP document ID is
    derived from the title instead of drawn at random (same input, same bytes)."""
    import uuid

    title = str(document.metadata.title or "")
    stable = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, 'ocop-stories:' + title)}".encode()
    for item in pdf.objects:
        extra = getattr(item, "extra", None)  # a pydyf.Stream's dictionary
        if not isinstance(extra, dict):
            continue
        group = extra.get("Group")
        if isinstance(group, dict) and group.get("S") == "/Transparency":
            group["CS"] = "/DeviceCMYK"
        if extra.get("Subtype") == "/XML":
            data = b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in item.stream)
            item.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", stable, data)]
