"""Writes small, valid content folders for tests: records, stories in both languages, photos.

Tests then break one thing at a time and check the exact message.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from ocop_site.content.records import MAX_PRICE, PRINTED

COMMUNES = [
    ("Đặc khu Lý Sơn", "Huyện Lý Sơn", 15.38, 109.12),
    ("Phường Sa Huỳnh", "Thị xã Đức Phổ", 14.66, 109.06),
    ("Xã Trà Bồng", "Huyện Trà Bồng", 15.25, 108.5),
    ("Xã Mộ Đức", "Huyện Mộ Đức", 14.95, 108.88),
    ("Xã Tu Mơ Rông", "Huyện Tu Mơ Rông", 14.9, 107.97),
]
GROUPS = ["food", "beverages", "herbal", "textiles", "souvenirs", "tourism"]

STORY = {
    "vi": """Đường phổi Đức Phổ là món quà quê của vùng đất nắng gió.

## Nguồn gốc

Mía được trồng trên đất bãi ven sông, đường được nấu từ nước mía ép.

## Quy trình sản xuất

Người thợ đun nước mía trong chảo gang, khuấy đều cho đến khi đường kết tinh.

## Dấu ấn văn hóa

Mỗi dịp Tết, đường phổi là món quà không thể thiếu của người Quảng Ngãi.

## Lợi ích cộng đồng

Nghề nấu đường đem lại việc làm cho nhiều gia đình trong làng.
""",
    "en": """Đức Phổ "lung sugar" is a homely gift from a land of sun and wind.

## Origin

Sugar cane grows on the river flats; the sugar is boiled from the pressed juice.

## Production process

The cook boils the cane juice in a cast-iron pan, stirring until the sugar crystallizes.

## Cultural imprint

At every Tết, lung sugar is a gift no Quảng Ngãi family goes without.

## Community benefit

Sugar making gives work to many families in the village.
""",
}


def product_record(index: int) -> dict:
    commune, district, lat, lon = COMMUNES[index % len(COMMUNES)]
    return {
        "code": f"T-{index:03d}",
        "name": {"vi": f"Đường phổi Đức Phổ số {index}", "en": f"Đức Phổ lung sugar no. {index}"},
        "group": GROUPS[index % len(GROUPS)],
        "stars": 3 + index % 3,
        "featured": index < 6,
        "summary": {"vi": "Đường mía nấu thủ công.", "en": "Hand-boiled cane sugar."},
        "certificate": {"decision": f"{100 + index}/QĐ-UBND", "recognized": "2025-03-15", "illustrative": True},
        "producer": {"name": "Hợp tác xã Đồng Tâm", "kind": "cooperative", "phone": "0255 3800 000",
                     "address": f"Thôn Đông, {commune}", "illustrative": True},
        "locality": {"commune": commune, "former_district": district},
        "coordinates": {"lat": lat, "lon": lon},
        "images": [{"file": "hero.jpg", "alt": {"vi": "Bánh đường vàng óng", "en": "Golden sugar cakes"},
                    "credit": "Ảnh thử nghiệm"}],
        "where_to_buy": [{"kind": "showroom", "name": {"vi": "Điểm OCOP Quảng Ngãi", "en": "Quảng Ngãi OCOP showroom"},
                          "address": "Phường Cẩm Thành"}],
    }


def write_site(content: Path) -> None:
    content.mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(
        "site_url: https://ocop.example.vn/\ntitle:\n  vi: Câu chuyện OCOP\n  en: OCOP Stories\n", encoding="utf-8")


def write_photo(path: Path, size: tuple[int, int] = (1600, 1000), seed: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (200 - seed % 50, 150, 80 + seed % 100))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(240, 220, 160))
    image.save(path, "JPEG", quality=80)


def write_product(content: Path, slug: str, index: int = 0, record: dict | None = None,
                  stories: dict[str, str] | None = None) -> Path:
    record = record if record is not None else product_record(index)
    path = content / "products" / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for language, text in (stories or STORY).items():
        story = content / "stories" / f"{slug}.{language}.md"
        story.parent.mkdir(parents=True, exist_ok=True)
        story.write_text(text, encoding="utf-8")
    write_photo(content / "media" / slug / "hero.jpg", seed=index)
    return path


def write_content(content: Path, count: int = 2) -> Path:
    write_site(content)
    for index in range(count):
        write_product(content, f"product-{index:03d}", index)
    return content


# A record with every text the printed pieces print whole at its bound (records.PRINTED): wide Vietnamese and
# English capitals with diacritics, more points of sale and photos than any piece has room for. Its photos are
# photo-0.jpg … photo-3.jpg (write them with write_photo).
WIDE = {"vi": "ĐƯỜNG MƯỜNG WÂM, PHƯỜNG CẨM THÀNH, QUẢNG NGÃI; HỢP TÁC XÃ ĐỒNG TÂM MỘ ĐỨC ",
        "en": "WHARF MOW ROAD WWM, MEMORIAL WARD, QUANG NGAI; DONG TAM MOWING COOPERATIVE "}  # the font's widest
SHOPS = 8
PHOTOS = 4


def bounded(field: str, language: str = "vi", tag: str = "") -> str:
    """A text of exactly PRINTED[field] characters of wide letters, words and diacritics, ending with a
    full stop; `tag` first, so that different items read differently."""
    most = PRINTED[field]
    text = (tag + WIDE[language] * (most // len(WIDE[language]) + 2))[:most - 1].rstrip() + "."
    return text + "Đ" * (most - len(text))  # rstrip may have taken a space: pad back to the bound


def both(field: str, tag: str = "") -> dict[str, str]:
    return {language: bounded(field, language, tag) for language in ("vi", "en")}


def maximal_record() -> dict:
    record = product_record(0)
    record.update({
        "name": both("name"), "summary": both("summary"), "stars": 5,
        "season": both("detail"), "ingredients": both("detail"), "shelf_life": both("detail"),
        "price_range": {"min": 1_250_000, "max": 99_990_000, "per": both("price.per")},
        "where_to_buy": [{"kind": "shop", "name": both("shop.name", f"{n}. "),
                          "address": bounded("address", tag=f"{n}. "), "phone": "+84 255 3800 000",
                          "url": "https://" + "w" * (PRINTED["shop.url"] - 12) + ".vn/"}
                         for n in range(1, SHOPS + 1)],
        "images": [{"file": f"photo-{n}.jpg", "alt": both("image.alt", f"{n}. "),
                    "credit": both("image.credit", f"{n}. ")} for n in range(PHOTOS)],
    })
    record["certificate"]["decision"] = bounded("certificate.decision")
    record["producer"].update(name=bounded("producer.name"), address=bounded("address"),
                              phone=("0255 3800 000 · 0905 111 222 · " * 3)[:PRINTED["phone"]])
    record["locality"]["former_district"] = bounded("former_district")
    record["price_range"].update(min=MAX_PRICE - 1, max=MAX_PRICE)
    return record


def one_word(field: str, language: str = "vi") -> str:
    """A text of exactly PRINTED[field] characters with no space: an address or name typed without spaces."""
    most = PRINTED[field]
    return (WIDE[language].replace(" ", "") * (most // 10 + 2))[:most]


def maximal_words_record() -> dict:
    """maximal_record with every bounded text one word: nothing to break it at but the letters."""
    record = maximal_record()
    for key in ("name", "summary", "season", "ingredients", "shelf_life"):
        record[key] = {language: one_word(key if key in PRINTED else "detail", language) for language in ("vi", "en")}
    record["producer"].update(name=one_word("producer.name"), address=one_word("address"), phone="0" * PRINTED["phone"])
    record["certificate"]["decision"] = one_word("certificate.decision")
    record["locality"]["former_district"] = one_word("former_district")
    for shop in record["where_to_buy"]:
        shop.update(name={language: one_word("shop.name", language) for language in ("vi", "en")},
                    address=one_word("address"))
    for image in record["images"]:
        image.update(alt={language: one_word("image.alt", language) for language in ("vi", "en")},
                     credit={language: one_word("image.credit", language) for language in ("vi", "en")})
    return record


def long_story(words_per_section: int) -> dict[str, str]:
    """The factory's stories with each section's text (not the opening paragraph) replaced by one
    sentence repeated to about `words_per_section` words."""
    sentence = {"vi": "Người thợ đun nước mía trong chảo gang và khuấy đều tay.",
                "en": "The cook boils the cane juice in a cast-iron pan and stirs it."}
    stories = {}
    for language, text in STORY.items():
        per = len(sentence[language].split())
        body = " ".join([sentence[language]] * (words_per_section // per))
        stories[language] = "\n\n".join(block if block.startswith("#") or block == text.split("\n\n")[0] else body
                                        for block in text.strip().split("\n\n")) + "\n"
    return stories


# -- trips: a trip file of the content fixture's products, and where a line of it is

TRIP = Path("content/trips/coast-famtrip.yaml")

# Two products from the content fixture (product-000 and product-001), a place stop between them.
VALID_TRIP = """\
name:
  vi: Về miền biển Đức Phổ
  en: To the Đức Phổ coast
kind: famtrip
summary:
  vi: Một ngày thăm lò đường và đồng muối.
  en: A day at the sugar kitchen and the salt fields.
days:
  - title:
      vi: Đảo và bờ biển
      en: Island and coast
    stops:
      - time: "07:30"
        product: product-000
        activity:
          vi: Xem nấu đường trong chảo gang.
          en: Watch sugar boiled in a cast-iron pan.
        contact:
          name: Đỗ Thị Hạnh
          phone: "0905 000 001"
          illustrative: true
        travel_minutes: 45
      - time: 10:30
        place:
          name:
            vi: Bến đò Đức Phổ
            en: Đức Phổ ferry landing
          address: Phường Sa Huỳnh, tỉnh Quảng Ngãi
          coordinates:
            lat: 14.67
            lon: 109.05
        activity:
          vi: Nghỉ chân bên bến đò.
          en: A break at the ferry landing.
        travel_minutes: 20
      - time: "13:00"
        product: product-001
        products:
          - product-000
        activity:
          vi: Nếm đường và nghe chuyện làng.
          en: Taste sugar and hear the village's story.
"""


def write_trip(text: str = VALID_TRIP, path: Path = TRIP) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def at(needle: str, path: Path = TRIP) -> str:
    """'path:line' of the first line containing `needle`, as messages name it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return f"{path.as_posix()}:{next(n for n, line in enumerate(lines, start=1) if needle in line)}"
