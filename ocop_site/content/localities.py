"""The official list of Quảng Ngãi's communes, wards and special zone (two-level administration
since July 2025), from the vietnam-provinces package."""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from ocop_site.content.messages import did_you_mean

PROVINCE = 51  # Quảng Ngãi's code in the national list (including the former Kon Tum province since 2025)

# Bounding box of the province (including Lý Sơn and the former Kon Tum), in degrees.
# A coarse check that catches swapped or mistyped coordinates, not a border test.
LAT_RANGE = (13.8, 15.55)
LON_RANGE = (107.3, 109.2)


def fold(text: str) -> str:
    """Lower-case ASCII form for matching what people type: 'Đặc khu Lý Sơn' → 'dac khu ly son'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


@lru_cache(maxsize=1)
def official_codes() -> dict[str, int]:
    """Official name → the ward's code in the national list (e.g. 'Xã Ba Tô' → 21523), in the list's order.

    Read from the data file the package ships (its NESTED_DIVISIONS_JSON_PATH), found without running the
    package: importing it builds enums of all 3,321 wards, ~0.1 CPU-s that every `ocop-site` command paid
    for a list read in 5 ms. tests/test_localities.py checks the two give the same list."""
    package = importlib.util.find_spec("vietnam_provinces")
    if package is None or not package.submodule_search_locations:
        raise ModuleNotFoundError("vietnam_provinces")
    divisions = Path(package.submodule_search_locations[0]) / "data" / "nested-divisions.json"
    province = next((p for p in json.loads(divisions.read_text(encoding="utf-8")) if p["code"] == PROVINCE), None)
    if province is None:
        raise LookupError(f"{divisions} lists no province {PROVINCE} (Quảng Ngãi): reinstall vietnam-provinces")
    return {unicodedata.normalize("NFC", ward["name"]): int(ward["code"]) for ward in province["wards"]}


def official_names() -> tuple[str, ...]:
    return tuple(official_codes())


def suggest(name: str) -> str | None:
    """The official name closest to `name` (ignoring case, diacritics and the Xã/Phường prefix)."""
    names = official_names()
    by_fold = {fold(n): n for n in names}
    target = fold(name)
    if target in by_fold:
        return by_fold[target]
    stems = {fold(n).split(" ", 1)[1] if not n.startswith("Đặc khu") else fold(n)[8:]: n for n in names}
    if target in stems:
        return stems[target]
    match = did_you_mean(target, list(by_fold) + list(stems))
    if match:
        return by_fold.get(match) or stems[match]
    return None


def is_official(name: str) -> bool:
    return name in official_codes()


def inside_province(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
