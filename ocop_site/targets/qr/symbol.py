"""The QR symbol of a product code: its module matrix, the one source of every artwork. The payload
and its size limit are model rules (ocop_site/model/qr_payload.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_Q

from ocop_site.model.qr_payload import MAX_VERSION, PayloadTooLong


@dataclass(frozen=True)
class Symbol:
    """A QR symbol: `modules[row][column]` is True for a dark module; no quiet zone."""

    payload: str
    version: int
    modules: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        return len(self.modules)


@lru_cache(maxsize=1024)  # ~9 KB each; a guide lays out its stops' codes again for every variant it tries
def make_symbol(text: str) -> Symbol:
    """The smallest symbol at error correction Q; PayloadTooLong above MAX_VERSION.

    The library picks the mask by its penalty score, so the same payload always gives the same matrix
    (and a symbol made once per process serves every piece that prints it: scoring the eight masks is
    most of the cost).
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    if qr.version > MAX_VERSION:
        raise PayloadTooLong(text, qr.version)
    return Symbol(text, qr.version, tuple(tuple(bool(m) for m in row) for row in qr.modules))
