"""One row of the list → the facts of a draft record, with what was mapped and what needs a person."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ocop_site.content.localities import fold
from ocop_site.importer.addresses import place
from ocop_site.importer.notes import Note
from ocop_site.importer.sheet import SheetRow
from ocop_site.model.vocabulary import GROUPS
from ocop_site.problems import phrase

# producer name starts with … → producer.kind (the legal form is part of the registered name)
PRODUCER_KINDS = (
    (("cong ty", "doanh nghiep", "dntn"), "enterprise"),
    (("hop tac xa", "htx"), "cooperative"),
    (("to hop tac", "tht"), "cooperative-group"),
    (("ho kinh doanh", "hkd"), "household"),
)
_GROUP_STEMS = {"thuc pham": "food", "do uong": "beverages", "thao duoc": "herbal", "vai": "textiles",
                "may mac": "textiles", "luu niem": "souvenirs", "dich vu du lich": "tourism", "du lich": "tourism"}


@dataclass
class RowFacts:
    row: int
    values: dict[str, object] = field(default_factory=dict)  # dotted record path → value, e.g. "name.vi"
    mapped: list[Note] = field(default_factory=list)
    needs_person: list[Note] = field(default_factory=list)

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


def read_row(row: SheetRow) -> RowFacts:
    cells = {key: "" if value is None else value for key, value in row.cells.items()}
    facts = RowFacts(row=row.number)
    text = {key: str(value).strip() for key, value in cells.items() if not isinstance(value, dt.date)}
    facts.values["name.vi"] = text.get("name", "")
    if text.get("name_en"):
        facts.values["name.en"] = text["name_en"]
    facts.values["producer.name"] = text.get("producer", "")
    facts.values["producer.address"] = text.get("address", "")
    if text.get("phone"):
        facts.values["producer.phone"] = text["phone"]
    facts.values["certificate.decision"] = text.get("decision", "")
    _stars(facts, cells.get("stars"))
    _date(facts, cells.get("date"))
    _group(facts, text.get("group", ""), "group" in row.cells)
    _producer_kind(facts, text.get("producer", ""))
    _locality(facts, text.get("address", ""), text.get("district", ""), text.get("commune", ""))
    for key, label in (("name.vi", "Tên sản phẩm"), ("producer.name", "Chủ thể"),
                       ("certificate.decision", "Số quyết định")):
        if not facts.values[key]:
            facts.needs_person.append(Note(key, phrase("the '{label}' cell is empty", label=label)))
    return facts


def _stars(facts: RowFacts, value: object) -> None:
    match = re.fullmatch(r"\s*([345])(?![\d.,]\d*[1-9])(?:[.,]0)?(?!\d).*", str(value))  # "4", "4 sao", "4.0"
    if isinstance(value, int | float) and value in (3, 4, 5):
        facts.values["stars"] = int(value)
    elif match:
        facts.values["stars"] = int(match.group(1))
    else:
        facts.needs_person.append(Note("stars", phrase("'{value}' is not 3, 4 or 5 stars", value=value)))


def _date(facts: RowFacts, value: object) -> None:
    if isinstance(value, dt.date):
        facts.values["certificate.recognized"] = value
        return
    text = str(value).strip()
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            facts.values["certificate.recognized"] = dt.date(year, month, day)
        else:
            facts.values["certificate.recognized"] = dt.date.fromisoformat(text)
    except ValueError:
        facts.needs_person.append(Note("certificate.recognized",
                                       phrase("'{value}' is not a date like 14/07/2024", value=text)))


def _group(facts: RowFacts, value: str, has_column: bool) -> None:
    if not has_column:
        facts.needs_person.append(Note("group", phrase("the sheet has no 'Nhóm' column")))
        return
    folded = fold(value)
    names = {fold(name): key for key, names in GROUPS.items() for name in names.values()}
    key = names.get(folded) or (folded if folded in GROUPS else None)
    key = key or next((group for stem, group in _GROUP_STEMS.items() if folded.startswith(stem)), None)
    if key:
        facts.values["group"] = key
        facts.mapped.append(Note("group", phrase("'{value}' → {key}", value=value, key=key)))
    else:
        facts.needs_person.append(Note("group", phrase("'{value}' is not one of the six OCOP groups", value=value)))


def _producer_kind(facts: RowFacts, producer: str) -> None:
    folded = fold(producer)
    for prefixes, kind in PRODUCER_KINDS:
        if any(folded == prefix or folded.startswith(prefix + " ") or folded.startswith(prefix + ".")
               for prefix in prefixes):
            facts.values["producer.kind"] = kind
            facts.mapped.append(Note("producer.kind", phrase("'{value}' → {key}", value=producer, key=kind)))
            return
    facts.needs_person.append(Note("producer.kind", phrase("'{producer}' does not say enterprise, cooperative, "
                                                           "cooperative group or household business",
                                                           producer=producer)))


def _locality(facts: RowFacts, address: str, district: str, commune: str) -> None:
    placement = place(address, district, commune)
    if placement.former_district:
        facts.values["locality.former_district"] = placement.former_district
    if placement.commune:
        facts.values["locality.commune"] = placement.commune
        facts.mapped.append(placement.note)
    else:
        facts.needs_person.append(placement.note)
