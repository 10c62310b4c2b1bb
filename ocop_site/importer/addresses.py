"""From an address on the department's list to today's commune, ward or special zone.

Since July 2025 the province has two levels (province → commune, ward or special zone). Lists made
before then give "thôn …, xã …, huyện …". vietnam-provinces knows today's 96 units of province 51
but not which old commune went into which new one, so only certain cases are mapped:

- the address already names a unit by today's official name, with its prefix, and no old district;
- the whole former district became one unit: "huyện Lý Sơn" → "Đặc khu Lý Sơn".

Everything else is left for a person, with a hint when an old commune shares a name with a new one
(a shared name is not proof: merged communes were often renamed after a neighbour).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocop_site.content.localities import fold, official_names
from ocop_site.importer.notes import Note
from ocop_site.problems import phrase

NOTE_KEY = "locality.commune"  # the key of the record the notes are about
# former district (folded name) → the one unit that replaced all of it
WHOLE_DISTRICTS = {"ly son": "Đặc khu Lý Sơn"}

_DISTRICT = re.compile(r"^(huyen|thi xa|thanh pho|tp|tx|h)(?:\.\s*|\s+)(.+)$")
_COMMUNE = re.compile(r"^(xa|phuong|thi tran|dac khu|tt|p)(?:\.\s*|\s+)(.+)$")
_DISTRICT_PREFIX = {"huyen": "Huyện", "h": "Huyện", "thi xa": "Thị xã", "tx": "Thị xã", "thanh pho": "Thành phố",
                    "tp": "Thành phố"}
_TODAY_PREFIX = {"xa": "Xã", "phuong": "Phường", "p": "Phường", "dac khu": "Đặc khu"}


@dataclass(frozen=True)
class Placement:
    commune: str | None  # today's official name, when certain
    former_district: str | None  # "Huyện Mộ Đức", when the address names one
    note: Note  # on locality.commune: what was done (mapped), or what a person must do (commune is None)


def place(address: str, district: str = "", commune: str = "") -> Placement:
    """Today's unit for an address; `district` and `commune` are the sheet's own columns, if any."""
    old_district = old_commune = None
    for part in [p.strip() for p in re.split(r"[,;]", address) if p.strip()]:
        folded = fold(part)
        if (match := _DISTRICT.match(folded)) and old_district is None:
            old_district = (_DISTRICT_PREFIX[match.group(1)], part[match.start(2):].strip())
        elif (match := _COMMUNE.match(folded)) and old_commune is None:
            old_commune = (match.group(1), part[match.start(2):].strip())
    if district and (match := _DISTRICT.match(fold(district))):  # the sheet's own column wins
        old_district = (_DISTRICT_PREFIX[match.group(1)], district[match.start(2):].strip())
    elif district:
        old_district = ("", district)  # a bare name: no prefix to guess
    if commune:
        match = _COMMUNE.match(fold(commune))
        old_commune = (match.group(1), commune[match.start(2):].strip()) if match else ("", commune)
    where = ", ".join(text for text in (address, commune, district) if text)
    former = " ".join(filter(None, old_district)) if old_district else None
    if old_district and fold(old_district[1]) in WHOLE_DISTRICTS:
        today = WHOLE_DISTRICTS[fold(old_district[1])]
        return Placement(today, former, Note(NOTE_KEY, phrase(
            "'{where}' → '{today}' (the whole former district became it)", where=where, today=today)))
    candidate = _today_name(*old_commune) if old_commune else None
    if candidate and not old_district:
        return Placement(candidate, None, Note(NOTE_KEY, phrase(
            "'{where}' → '{today}' (already today's name)", where=where, today=candidate)))
    if candidate:
        return Placement(None, former, Note(NOTE_KEY, phrase(
            "'{where}' is a pre-2025 address; maybe '{today}' (same name), but check which unit the old commune "
            "joined in July 2025", where=where, today=candidate)))
    return Placement(None, former, Note(NOTE_KEY, phrase(
        "'{where}' names no commune, ward or special zone of today: find the unit it belongs to since July 2025",
        where=where)))


def _today_name(prefix: str, name: str) -> str | None:
    """The official unit called `name` (of the same kind when the prefix says: xã, phường, đặc khu).

    Diacritics decide when they can ("Ba Tơ" is not "Ba Tô"); without them a folded match must be unique."""
    units = []
    for official in official_names():
        kind = "Đặc khu" if official.startswith("Đặc khu ") else official.split(" ", 1)[0]
        if _TODAY_PREFIX.get(prefix, kind) == kind:
            units.append((official[len(kind) + 1:], official))
    exact = [official for unit, official in units if unit.casefold() == name.casefold()]
    folded = [official for unit, official in units if fold(unit) == fold(name)]
    return exact[0] if exact else (folded[0] if len(folded) == 1 else None)
