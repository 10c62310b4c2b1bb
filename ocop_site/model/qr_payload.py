"""The QR payload of a product code and the size rule it must meet: model rules, which the loader
checks on every record and the targets (artwork, printables, kiosk) print.

The payload is `HTTPS://<HOST>/P/<CODE>` with scheme and host in upper case, so QR alphanumeric mode
keeps the symbol small. A site under a sub-path keeps that path as configured (paths are
case-sensitive on servers); the qrcode library's segmentation then mixes modes as needed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ocop_site.content.messages import Explained
from ocop_site.content.records import CODE_PATTERN  # the one rule for codes

MAX_VERSION = 3  # 29×29 modules: about 19 mm wide with its quiet zone at 0.5 mm per module
ALPHANUMERIC_CAPACITY = 47  # characters at version 3, level Q (ISO/IEC 18004, table 7)
ALPHANUMERIC = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")  # the alphanumeric mode's set (table 5)


class PayloadTooLong(Exception):
    """A payload that needs a QR version above MAX_VERSION at error correction Q."""

    def __init__(self, payload: str, version: int) -> None:
        self.payload = payload
        self.version = version
        self.template, self.fix, self.values = explain_too_long(payload, version)
        super().__init__(f"{self.template.format(**self.values)}. Fix: {self.fix}")

    def __reduce__(self) -> tuple[type[PayloadTooLong], tuple[str, int]]:
        return PayloadTooLong, (self.payload, self.version)  # survives the trip back from a worker process


def explain_too_long(payload: str, version: int) -> Explained:
    """The message and Fix templates of a payload too long for MAX_VERSION, and their values."""
    side = 17 + 4 * MAX_VERSION
    values = {"payload": repr(payload), "length": len(payload), "version": version, "limit": MAX_VERSION,
              "side": side}
    return ("the QR payload {payload} ({length} characters) needs QR version {version} at error correction Q; "
            "codes are limited to version {limit} ({side}×{side} modules) so they stay readable at about 19 mm "
            "on packaging" if _alphanumeric(payload) else
            "the QR payload {payload} ({length} characters) needs QR version {version} at error correction Q; "
            "codes are limited to version {limit} ({side}×{side} modules) so they stay readable at about 19 mm "
            "on packaging (lower-case letters in the site path are stored in byte mode, which takes more room)",
            "shorten the code, or serve the site from a shorter host name", values)


def payload(site_url: str, code: str) -> str:
    """`HTTPS://<HOST>[/<path>]/P/<CODE>` from the configured site URL (its path kept as written)."""
    if not re.fullmatch(CODE_PATTERN, code):
        raise ValueError(f"product code {code!r} must be 2-16 characters A-Z, 0-9 or '-'")
    parts = urlsplit(site_url)
    host = parts.netloc.encode("idna").decode("ascii").upper()
    path = parts.path.rstrip("/")
    return f"{parts.scheme.upper()}://{host}{path}/P/{code}"


def check_fits(text: str) -> None:
    """Raise PayloadTooLong if `text` needs more than MAX_VERSION; cheap: no mask is scored, and the
    usual payload (all alphanumeric, within the capacity table) is not even encoded."""
    if _alphanumeric(text) and len(text) <= ALPHANUMERIC_CAPACITY:
        return
    import qrcode  # here: loading it is a tenth of `ocop-site validate`'s start, and the usual payload needs none
    from qrcode.constants import ERROR_CORRECT_Q

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_Q)
    qr.add_data(text)
    version = qr.best_fit()
    if version > MAX_VERSION:
        raise PayloadTooLong(text, version)


def _alphanumeric(text: str) -> bool:
    return set(text.encode()) <= ALPHANUMERIC
