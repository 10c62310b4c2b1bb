"""The A5 trip guide fits any trip `validate` accepts (issue 15): every text the guide prints whole has a
maximum length in the trip schema (content/trips.py), and a stop page too full for its roomiest layout is laid
out again without its photo, without the product's summary, then with the products presented there on the
page(s) after it, then with its notes there too (targets/trips/guide.py, LAYOUTS). A trip whose every bounded
field is at its maximum — in capitals, as editors write names on signs and certificates: wide Vietnamese with
diacritics and Đ, the widest English letters (W, M), many stops a day, a showroom presenting many products, the
product at a stop the maximal record in capitals too — is laid out for real with WeasyPrint in both languages
and fits; without the steps added for it, it does not. One character
over a maximum is refused by `ocop-site validate` with the field's path and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import TODAY
from content_factory import (
    PHOTOS,
    VALID_TRIP,
    at,
    maximal_record,
    write_content,
    write_photo,
    write_product,
    write_trip,
)
from content_factory import TRIP as SMALL_TRIP
from pdf_tools import overflowing_text
from pydantic import BaseModel

from ocop_site.content.trips import (
    ADDRESS_MOST,
    DAY_MINUTES,
    NAME_MOST,
    PASSAGE_MOST,
    PERSON_MOST,
    PHONE_MOST,
)
from ocop_site.model.loader import load_catalog
from ocop_site.targets.printables import press
from ocop_site.targets.printables.document import anchor_pages, overflowing
from ocop_site.targets.printables.fitting import DoesNotFit
from ocop_site.targets.trips import guide
from ocop_site.targets.trips.guide import LAYOUTS, guide_document

SLUG = "widest-famtrip"
PRODUCTS = 14  # product-000 … product-013
# wide, real-looking text in capitals: diacritics, Đ; English in W and M with Vietnamese place names
VI = "ĐƯỜNG NGUYỄN HUỆ QUẢNG NGÃI BÌNH SƠN "
EN = "WHARF MOW ROAD WWM ĐỨC PHỔ MEMORIAL "
PHONE = "0255 3800 000 / 0905 000 000 / "
# a word far wider than any column: a map link at the end of the notes, a place name percent-encoded
LINK = ("https://www.google.com/maps/place/%C4%90%C6%B0%E1%BB%9Dng%20Nguy%E1%BB%85n%20Hu%E1%BB%87%20Qu%E1%BA%A3ng"
        "%20Ng%C3%A3i")


def filled(pattern: str, most: int) -> str:
    """`pattern` repeated to exactly `most` characters, ending on a letter (YAML keeps it as written)."""
    text = (pattern * (most // len(pattern) + 1))[:most]
    return text[:-1] + "Đ" if text.endswith(" ") else text


def both(most: int) -> dict[str, str]:
    return {"vi": filled(VI, most), "en": filled(EN, most)}


def place(lat: float, lon: float) -> dict:
    return {"name": both(NAME_MOST), "address": filled(VI, ADDRESS_MOST), "coordinates": {"lat": lat, "lon": lon},
            "illustrative": True}


def stop(time: str, where: dict, last: bool = False) -> dict:
    entry = {"time": time, **where, "activity": both(PASSAGE_MOST),
             "contact": {"name": filled(VI, PERSON_MOST), "phone": filled(PHONE, PHONE_MOST), "illustrative": True},
             "notes": {language: f"{text[:PASSAGE_MOST - len(LINK) - 1].rstrip()} {LINK}".rjust(PASSAGE_MOST, "Đ")
                       for language, text in both(PASSAGE_MOST).items()}}
    return entry if last else {**entry, "travel_minutes": DAY_MINUTES}


def widest_trip() -> dict:
    """Every bounded field at its maximum; a day of eight stops of every kind, a showroom presenting ten
    products and a production site presenting four more, a second day of two stops."""
    presented = [f"product-{n:03d}" for n in range(4, PRODUCTS)]
    day_one = [
        stop("06:00", {"place": place(15.21, 108.93)}),
        stop("07:00", {"product": "product-000", "products": ["product-001", "product-002", "product-003",
                                                             "product-004"]}),
        stop("08:00", {"showroom": place(15.12, 108.8), "products": presented}),
        stop("09:00", {"product": "product-001"}),
        stop("10:00", {"place": place(14.67, 109.05)}),
        stop("11:00", {"product": "product-002"}),
        stop("12:00", {"showroom": place(15.0, 108.9), "products": ["product-003"]}),
        stop("13:00", {"product": "product-003"}, last=True),
    ]
    day_two = [stop("07:30", {"place": place(15.38, 109.12)}), stop("09:30", {"product": "product-004"}, last=True)]
    return {"name": both(NAME_MOST), "kind": "famtrip", "summary": both(PASSAGE_MOST),
            "days": [{"title": both(NAME_MOST), "stops": day_one}, {"title": both(NAME_MOST), "stops": day_two}]}


def capitals(record: dict) -> dict:
    """`record` with every text in both languages, and the producer's, shops' and certificate's texts, in
    capitals (the same lengths: Vietnamese letters have one-letter capitals)."""
    def upper(value):
        if isinstance(value, dict):
            if set(value) == {"vi", "en"}:
                return {language: text.upper() for language, text in value.items()}
            return {key: text.upper() if key in ("name", "address", "decision") and isinstance(text, str)
                    else upper(text) for key, text in value.items()}
        return [upper(item) for item in value] if isinstance(value, list) else value

    upper_record = upper(record)
    assert all(len(str(upper_record[key])) == len(str(record[key])) for key in record)
    return upper_record


def write_widest(content: Path) -> None:
    write_content(content, count=PRODUCTS)
    record = capitals(maximal_record())  # every text the guide prints from a product record at its bound
    write_product(content, "product-000", 0, record=record)
    for n in range(PHOTOS):
        write_photo(content / "media" / "product-000" / f"photo-{n}.jpg", (1600, 1000), seed=n)
    trip = content / "trips" / f"{SLUG}.yaml"
    trip.parent.mkdir(parents=True, exist_ok=True)
    trip.write_text(yaml.safe_dump(widest_trip(), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


@pytest.fixture(scope="module")
def widest(tmp_path_factory: pytest.TempPathFactory):
    """The folder holding the content of the widest trip, and its catalogue."""
    root = tmp_path_factory.mktemp("widest")
    write_widest(root / "content")
    return root, load_catalog(root / "content")


def bounded_texts(model: BaseModel, at: str = "") -> Iterator[tuple[str, str, int]]:
    """(path, text, maximum) of every text of a validated record that has a maximum length."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from bounded_texts(value, f"{at}{name}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from bounded_texts(item, f"{at}{name}[{i + 1}].")
        elif isinstance(value, str):
            most = [rule.max_length for rule in field.metadata if getattr(rule, "max_length", None)]
            if most:
                yield f"{at}{name}", value, most[0]


def test_the_widest_trip_is_valid_with_every_bounded_text_at_its_maximum(widest, cli):
    root, catalog = widest
    code, _out, err = cli("validate", "--content", str(root / "content"), "--today", TODAY)
    assert (code, err) == (0, ""), err
    texts = list(bounded_texts(catalog.trips[SLUG].record))
    fields = {re.sub(r"\[\d+\]", "", path).removesuffix(".vi").removesuffix(".en") for path, _text, _most in texts}
    assert fields == {"name", "summary", "days.title", "days.stops.place.name", "days.stops.place.address",
                      "days.stops.showroom.name", "days.stops.showroom.address", "days.stops.activity",
                      "days.stops.notes", "days.stops.contact.name", "days.stops.contact.phone"}
    assert [(path, len(text)) for path, text, most in texts if len(text) != most] == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_widest_trip_fits_its_guide(widest, language):
    _root, catalog = widest
    trip = catalog.trips[SLUG]
    laid_out = guide_document(trip, language, catalog.site.site_url)
    assert overflowing(laid_out) == []
    assert overflowing_text(laid_out) == []  # nor out of its column or off the page: the map link is broken
    assert len(laid_out.pages) % 4 == 0
    pages = anchor_pages(laid_out)
    for day in trip.days:  # a page per stop, its block whole on it
        for stop_ in day.stops:
            name = f"stop-{day.number}-{stop_.number}"
            assert pages[f"fit-start-{name}"] == pages[f"fit-end-{name}"], name


def test_without_the_steps_that_drop_or_move_blocks_the_widest_trip_does_not_fit(widest):
    """The layouts the guide had before the maxima (story excerpts and note lines only) are not enough."""
    _root, catalog = widest
    with pytest.raises(DoesNotFit) as raised:
        guide._guide_document(catalog.trips[SLUG], "vi", catalog.site.site_url, False, press.SCREEN, LAYOUTS[:5])
    assert raised.value.blocks and all(block.startswith("stop-") for block in raised.value.blocks)


def test_without_the_notes_on_the_next_page_the_stop_of_the_maximal_product_does_not_fit(widest):
    """The last step (LAYOUTS[-1]): the stop of the maximal product, every text in capitals, holds its page
    only with its notes moved to the page after it, where "Lưu ý: Ở trang sau." sends the reader."""
    _root, catalog = widest
    trip = catalog.trips[SLUG]
    with pytest.raises(DoesNotFit) as raised:
        guide._guide_document(trip, "vi", catalog.site.site_url, False, press.SCREEN, LAYOUTS[:-1])
    assert raised.value.blocks == ["stop-1-2"]
    facts = guide._stop_facts(trip.days[0].stops[1], 1, "vi", catalog.site.site_url, LAYOUTS[-1], qr=False)
    assert (facts["notes"], facts["notes_after"]) == ("", trip.days[0].stops[1].record.notes.vi)


def test_the_tight_cover_sets_the_widest_name_higher_and_smaller(widest):
    """The cover's second type (guide.py, COVER), for a name and summary the first cannot hold: the widest
    trip's fit the first; the second fits them too, with more room below."""
    _root, catalog = widest
    trip = catalog.trips[SLUG]
    routes = {day.number: "" for day in trip.days}
    layouts = {f"stop-{day.number}-{stop_.number}": LAYOUTS[-1] for day in trip.days for stop_ in day.stops}

    def room(tight: bool) -> float:
        laid_out = guide._render(trip, "en", catalog.site.site_url, False, layouts, routes, tight_cover=tight)
        assert overflowing(laid_out) == []
        anchors = laid_out.pages[0].anchors
        return anchors["fit-limit-cover"][1] - anchors["fit-end-cover"][3]

    assert room(tight=True) > room(tight=False) > 0


# -- one character over: refused by validate, with the field's path and line ------------------------------

OVER = [  # (the line of the small trip changed, what it becomes, its path, the maximum)
    ("  en: To the Đức Phổ coast", "  en: " + filled(EN, NAME_MOST + 1), "name.en", NAME_MOST),
    ("  vi: Một ngày thăm lò đường và đồng muối.", "  vi: " + filled(VI, PASSAGE_MOST + 1), "summary.vi",
     PASSAGE_MOST),
    ("      vi: Đảo và bờ biển", "      vi: " + filled(VI, NAME_MOST + 1), "days[1].title.vi", NAME_MOST),
    ("            en: Đức Phổ ferry landing", "            en: " + filled(EN, NAME_MOST + 1),
     "days[1].stops[2].place.name.en", NAME_MOST),
    ("address: Phường Sa Huỳnh, tỉnh Quảng Ngãi", "address: " + filled(VI, ADDRESS_MOST + 1),
     "days[1].stops[2].place.address", ADDRESS_MOST),
    ("          vi: Xem nấu đường trong chảo gang.", "          vi: " + filled(VI, PASSAGE_MOST + 1),
     "days[1].stops[1].activity.vi", PASSAGE_MOST),
    ("name: Đỗ Thị Hạnh", "name: " + filled(VI, PERSON_MOST + 1), "days[1].stops[1].contact.name", PERSON_MOST),
    ('phone: "0905 000 001"', f'phone: "{filled(PHONE, PHONE_MOST + 1)}"', "days[1].stops[1].contact.phone",
     PHONE_MOST),
]


@pytest.mark.parametrize(("old", "new", "name", "most"), OVER, ids=[case[2] for case in OVER])
def test_one_character_over_a_maximum_is_refused_with_its_path_and_line(content, cli, old, new, name, most):
    write_trip(VALID_TRIP.replace(old, new, 1) if old in VALID_TRIP else pytest.fail(old))
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert code == 1
    assert err.splitlines() == [
        f"{at(new.strip()[:30], SMALL_TRIP)}: '{name}' is {most + 1} characters long; the printed pieces have room "
        f"for {most}",
        f"  Fix: shorten it to {most} characters or fewer",
        "1 error",
    ]


def test_notes_one_character_over_and_travel_over_a_day_in_vietnamese(content, cli):
    write_trip(VALID_TRIP.replace("        travel_minutes: 45\n", "        travel_minutes: 1441\n        notes:\n"
                                  f"          vi: {filled(VI, PASSAGE_MOST + 1)}\n          en: Bring a hat.\n"))
    code, _out, err = cli("validate", "--lang", "vi", "--content", "content", "--today", TODAY)
    assert code == 1
    assert err.splitlines() == [
        f"{at('travel_minutes: 1441', SMALL_TRIP)}: 'days[1].stops[1].travel_minutes' phải từ 1440 trở xuống, "
        "nhưng đang ghi 1441",
        "  Cách sửa: ghi 1440 hoặc nhỏ hơn",
        f"{at('vi: ' + VI[:16], SMALL_TRIP)}: 'days[1].stops[1].notes.vi' dài 401 ký tự; ấn phẩm in chỉ có chỗ "
        "cho tối đa 400 ký tự",
        "  Cách sửa: rút gọn còn 400 ký tự trở xuống",
        "2 lỗi",
    ]
