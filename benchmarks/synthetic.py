"""Synthetic content for benchmarks: N valid products, deterministic for a seed.

Each product gets a record, a story in both languages with every section (80–150 words each, varied
Vietnamese with diacritics and đ/Đ), and two photos drawn with Pillow (a 1600×1067 hero and a
detail), different per product and textured so that they compress like photographs. Products are
spread over the six OCOP groups and the province's official communes, with the star mix of
Quảng Ngãi at the end of 2025 (about 90 % three-star, 9 % four-star, a few five-star).

    python benchmarks/synthetic.py --count 619 --seed 1 --out /tmp/bench/content

The content folder gets no qr-ledger.yaml: the first build writes it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from ocop_site.content.localities import LAT_RANGE, LON_RANGE, fold, official_names

SITE_YAML = ('site_url: https://ocop.quangngai.example/\n'
             'title: {vi: "Câu chuyện sản phẩm OCOP Quảng Ngãi", en: "Quảng Ngãi OCOP Stories"}\n')
PHOTO_SIZE = (1600, 1067)
STAR_WEIGHTS = {3: 560, 4: 57, 5: 2}  # Quảng Ngãi, end of 2025
FEATURED = 8

# group → (slug word, Vietnamese name, English name, ingredient vi, ingredient en)
KINDS: dict[str, list[tuple[str, str, str, str, str]]] = {
    "food": [
        ("garlic", "Tỏi", "garlic", "tỏi trồng trên đất cát", "garlic grown in sandy soil"),
        ("shallot", "Hành tím", "shallots", "hành tím", "shallots"),
        ("fish-sauce", "Nước mắm", "fish sauce", "cá cơm và muối biển", "anchovies and sea salt"),
        ("lung-sugar", "Đường phổi", "lung sugar", "nước mía", "sugar-cane juice"),
        ("malt-syrup", "Mạch nha", "malt syrup", "gạo nếp và mầm lúa", "glutinous rice and sprouted rice"),
        ("rice-paper", "Bánh tráng", "rice paper", "gạo tẻ", "rice"),
        ("goby", "Cá bống sông Trà", "Trà river goby", "cá bống sông", "river goby"),
        ("mirror-candy", "Kẹo gương", "mirror candy", "đậu phộng và mạch nha", "peanuts and malt"),
        ("dried-beef", "Bò một nắng", "sun-dried beef", "thịt bò", "beef"),
        ("honey", "Mật ong rừng", "forest honey", "mật hoa rừng", "wild blossom nectar"),
        ("mushroom", "Nấm bào ngư", "oyster mushrooms", "mùn cưa và rơm", "sawdust and straw"),
        ("chili-salt", "Muối ớt", "chili salt", "muối biển và ớt", "sea salt and chili"),
    ],
    "beverages": [
        ("lotus-tea", "Trà sen", "lotus tea", "trà xanh và hoa sen", "green tea and lotus flowers"),
        ("corn-wine", "Rượu ngô", "corn wine", "ngô và men lá", "corn and leaf yeast"),
        ("sim-juice", "Nước ép sim", "rose-myrtle juice", "quả sim chín", "ripe rose-myrtle berries"),
        ("coffee", "Cà phê rang xay", "ground coffee", "hạt cà phê vối", "robusta beans"),
        ("ginger-tea", "Trà gừng", "ginger tea", "gừng núi", "mountain ginger"),
        ("jar-wine", "Rượu cần", "jar wine", "gạo nếp và men lá", "glutinous rice and leaf yeast"),
    ],
    "herbal": [
        ("ginseng", "Sâm dây", "codonopsis root", "rễ sâm dây", "codonopsis root"),
        ("cinnamon-oil", "Tinh dầu quế", "cinnamon oil", "vỏ và lá quế", "cinnamon bark and leaves"),
        ("turmeric", "Tinh bột nghệ", "turmeric powder", "củ nghệ vàng", "yellow turmeric"),
        ("lemongrass-oil", "Tinh dầu sả", "lemongrass oil", "lá sả", "lemongrass leaves"),
        ("herbal-tea", "Trà dược liệu", "herbal tea", "lá và rễ dược liệu", "medicinal leaves and roots"),
    ],
    "textiles": [
        ("brocade-bag", "Túi thổ cẩm", "brocade bag", "sợi bông nhuộm màu tự nhiên", "naturally dyed cotton"),
        ("woven-scarf", "Khăn dệt", "woven scarf", "sợi bông", "cotton yarn"),
        ("brocade-shirt", "Áo thổ cẩm", "brocade shirt", "vải dệt tay", "hand-woven cloth"),
    ],
    "souvenirs": [
        ("pottery", "Gốm", "pottery", "đất sét", "clay"),
        ("conical-hat", "Nón lá", "conical hat", "lá buông và tre", "palm leaves and bamboo"),
        ("rattan-basket", "Giỏ mây tre", "rattan basket", "mây và tre", "rattan and bamboo"),
        ("sedge-mat", "Chiếu cói", "sedge mat", "cói", "sedge"),
        ("wood-carving", "Tượng gỗ", "wood carving", "gỗ vườn", "garden timber"),
    ],
    "tourism": [
        ("community-village", "Làng du lịch cộng đồng", "community tourism village", "", ""),
        ("homestay", "Nhà lưu trú", "homestay", "", ""),
        ("eco-site", "Điểm du lịch sinh thái", "ecotourism site", "", ""),
        ("craft-village", "Làng nghề trải nghiệm", "craft-village experience", "", ""),
    ],
}
GROUP_WEIGHTS = {"food": 45, "beverages": 12, "herbal": 15, "textiles": 5, "souvenirs": 13, "tourism": 10}

BRANDS = ["Đồng Tâm", "Phú Sinh", "Hồng Đức", "An Phước", "Đại Lộc", "Thành Đạt", "Minh Phát", "Hưng Thịnh",
          "Sơn Trà", "Đức Phú", "Bình An", "Tân Định", "Thuận Đức", "Ngọc Linh", "Hoàng Long", "Đông Hải"]
PEOPLE = ["Nguyễn Văn Đức", "Trần Thị Đào", "Lê Văn Định", "Phạm Thị Hoa", "Huỳnh Văn Đông", "Võ Thị Diệu",
          "Đặng Văn Thanh", "Bùi Thị Lan", "Đinh Văn Tâm", "Hồ Thị Đoan", "Y Blong", "A Đương"]
ALT_VI = ["Minh họa {name} bày trên nia tre", "Minh họa vùng nguyên liệu của {name} ở {place}",
          "Minh họa người thợ đang làm {name}", "Minh họa {name} đóng gói để làm quà"]
ALT_EN = ["Illustration of {name} laid on a bamboo tray", "Illustration of where the {name} comes from, {place}",
          "Illustration of a maker at work on {name}", "Illustration of {name} packed as a gift"]

# Sentence banks per section; slots: {name} product, {place} commune stem, {raw} raw material,
# {brand} producer brand, {person} a maker.
VI: dict[str, list[str]] = {
    "lead": [
        "{name} của {brand} là niềm tự hào của người dân {place}.",
        "Ở {place}, {name} đã trở thành món quà quê được du khách tìm mua mỗi khi ghé thăm.",
        "Mỗi sản phẩm {name} mang theo nắng gió và đất đai của vùng {place}.",
    ],
    "origin": [
        "Từ nhiều đời nay, người dân {place} đã biết dùng {raw} để làm nên những sản phẩm đặc trưng.",
        "Vùng đất {place} nằm giữa núi và biển, đất đai màu mỡ, khí hậu nắng nhiều, rất hợp cho nguồn nguyên liệu.",
        "Các cụ cao niên kể rằng nghề này có từ thời người Việt đến khai khẩn vùng đất mới.",
        "Nguồn {raw} được chọn lọc kỹ, chủ yếu do chính các hộ trong thôn trồng và thu hái.",
        "Đến nay, {brand} liên kết với hàng chục gia đình để giữ vùng nguyên liệu ổn định quanh năm.",
        "Mùa nắng, cả thôn rộn ràng vào vụ; mùa mưa, người ta lo chăm sóc và gìn giữ giống.",
        "Đặc điểm thổ nhưỡng của {place} đã tạo nên hương vị riêng mà nơi khác khó có được.",
        "Người {place} vẫn giữ thói quen nhìn trời, nhìn đất rồi mới quyết định ngày thu hoạch.",
        "Con đường đất đỏ dẫn vào vùng nguyên liệu nay đã được đổ bê tông, thuận tiện cho việc vận chuyển.",
        "Sau năm 2025, khi chính quyền địa phương còn hai cấp, {place} trở thành một xã lớn với nhiều làng nghề.",
    ],
    "process": [
        "Quy trình bắt đầu từ khâu chọn {raw}, loại bỏ những phần không đạt chất lượng.",
        "Người thợ làm việc tỉ mỉ, từng công đoạn đều theo đúng kinh nghiệm được truyền lại.",
        "{person} cho biết mỗi mẻ hàng mất từ ba đến năm ngày mới hoàn thành.",
        "Sản phẩm được phơi dưới nắng tự nhiên, đảo đều tay để khô đồng đều.",
        "Xưởng của {brand} đã đầu tư thêm máy móc, nhưng những khâu quan trọng nhất vẫn làm thủ công.",
        "Mỗi lô hàng đều được ghi rõ ngày sản xuất và nguồn gốc để người mua dễ dàng truy xuất.",
        "Khâu đóng gói được làm trong phòng sạch, bao bì in mã QR dẫn đến câu chuyện sản phẩm.",
        "Đội ngũ kiểm tra chất lượng lấy mẫu từng đợt, đánh giá màu sắc, độ ẩm và mùi vị.",
        "Những ngày cao điểm trước Tết, xưởng làm việc đến tận khuya để kịp đơn hàng.",
        "Nước dùng trong sản xuất được lấy từ giếng khơi, lọc kỹ trước khi đưa vào sử dụng.",
    ],
    "culture": [
        "Trong đời sống của người {place}, {name} gắn với những dịp lễ Tết và giỗ chạp.",
        "Những câu hò, điệu lý xứ Quảng vẫn vang lên trong lúc người thợ làm việc.",
        "Món quà quê này thường được gửi cho con cháu đi làm ăn xa như một lời nhắc về quê hương.",
        "Đình làng {place} mỗi năm vẫn tổ chức lễ cúng tiền hiền, tưởng nhớ những người mở đất.",
        "Người đồng bào Cor, Hrê và Ca Dong ở miền núi cũng có những nghề truyền thống độc đáo.",
        "Du khách đến {place} thường được mời thử tay nghề, tự làm một sản phẩm nhỏ mang về.",
        "Hình ảnh sản phẩm đã đi vào thơ ca, tranh vẽ và những câu chuyện kể bên bếp lửa.",
        "Đối với nhiều gia đình, giữ nghề cũng là giữ nếp nhà và đạo lý uống nước nhớ nguồn.",
        "Lễ Khao lề thế lính Hoàng Sa hay lễ hội đua thuyền đều có bóng dáng đặc sản địa phương.",
    ],
    "community": [
        "Nghề này đem lại việc làm ổn định cho nhiều lao động nữ và người lớn tuổi trong thôn.",
        "Nhờ liên kết với {brand}, thu nhập của các hộ trồng nguyên liệu tăng lên rõ rệt.",
        "Sản phẩm đạt chuẩn OCOP giúp mở rộng thị trường đến các siêu thị và sàn thương mại điện tử.",
        "Một phần lợi nhuận được dành để hỗ trợ học sinh nghèo và sửa đường giao thông nông thôn.",
        "Thanh niên trong xã đã quay về quê lập nghiệp thay vì đi làm xa.",
        "Hợp tác xã tổ chức tập huấn kỹ thuật, giúp bà con canh tác an toàn và bền vững hơn.",
        "Du lịch trải nghiệm gắn với làng nghề đem thêm nguồn thu cho các hộ làm dịch vụ ăn uống, lưu trú.",
        "Câu chuyện sản phẩm góp phần quảng bá tên tuổi {place} với du khách gần xa.",
    ],
}
EN: dict[str, list[str]] = {
    "lead": [
        "{name} from {brand} is the pride of the people of {place}.",
        "In {place}, {name} has become the homely gift that visitors look for on every trip.",
        "Every pack of {name} carries the sun, the wind and the soil of {place}.",
    ],
    "origin": [
        "For generations, the people of {place} have turned {raw} into products of their own.",
        "{place} lies between the mountains and the sea, with fertile soil and long sunny seasons.",
        "The elders say the craft dates back to the first settlers who cleared this land.",
        "The {raw} is chosen with care and mostly grown and gathered by families in the village.",
        "Today {brand} works with dozens of households to keep a steady supply all year round.",
        "In the dry season the whole village is busy with the harvest; in the rains, people tend the seed stock.",
        "The soil of {place} gives a flavour that is hard to find anywhere else.",
        "People here still judge by experience, reading the sky and the soil before choosing the harvest day.",
        "The red-dirt road into the growing area is now paved, which makes transport much easier.",
        "Since local government was reduced to two levels in 2025, {place} has been a large commune.",
    ],
    "process": [
        "The work begins with sorting the {raw} and setting aside anything below standard.",
        "The makers work patiently, each step following experience handed down the generations.",
        "{person} says each batch takes three to five days from start to finish.",
        "The product dries in natural sunlight and is turned by hand so that it dries evenly.",
        "The {brand} workshop has invested in machines, but the most delicate steps are still done by hand.",
        "Every batch is labelled with its date and origin so that buyers can trace it.",
        "Packing takes place in a clean room, and each package carries a QR code that leads to this story.",
        "Quality checkers sample every batch for colour, moisture and taste.",
        "In the busy weeks before Tết, the workshop runs late into the night to fill its orders.",
        "The water used in production comes from a deep well and is filtered before use.",
    ],
    "culture": [
        "For the people of {place}, {name} belongs to Tết and to family anniversaries.",
        "The folk songs of Quảng still rise while the makers are at work.",
        "This gift from home is often sent to children working far away, as a reminder of where they come from.",
        "Every year the village hall of {place} honours the founders who first opened the land.",
        "The Cor, Hrê and Ca Dong peoples of the uplands keep remarkable crafts of their own.",
        "Visitors to {place} are often invited to try the craft and take home something they made.",
        "The product appears in poems, paintings and stories told around the kitchen fire.",
        "For many families, keeping the craft means keeping the family's ways and remembering its roots.",
        "Festivals such as the Hoàng Sa soldiers' commemoration and the boat races feature local specialities.",
    ],
    "community": [
        "The craft gives steady work to many women and older people in the village.",
        "Working with {brand} has clearly raised the incomes of the households that grow the raw material.",
        "OCOP certification has opened supermarkets and online marketplaces to the product.",
        "Part of the profit goes to helping poor pupils and repairing rural roads.",
        "Young people of the commune have come home to build a living instead of leaving for the cities.",
        "The cooperative runs training so that farmers can work more safely and sustainably.",
        "Craft-village tourism brings extra income to the families who offer meals and lodging.",
        "The product's story helps make the name of {place} known to visitors near and far.",
    ],
}
HEADINGS = {
    "vi": {"origin": "Nguồn gốc", "process": "Quy trình sản xuất", "culture": "Dấu ấn văn hóa",
           "community": "Lợi ích cộng đồng"},
    "en": {"origin": "Origin", "process": "Production process", "culture": "Cultural imprint",
           "community": "Community benefit"},
}
PALETTES = {
    "food": [(214, 170, 92), (120, 150, 70), (236, 222, 190)],
    "beverages": [(110, 140, 80), (200, 120, 140), (60, 90, 60)],
    "herbal": [(80, 120, 60), (170, 110, 60), (210, 190, 120)],
    "textiles": [(170, 40, 50), (30, 40, 70), (220, 180, 60)],
    "souvenirs": [(170, 100, 60), (200, 180, 140), (90, 70, 50)],
    "tourism": [(90, 150, 200), (70, 130, 70), (220, 210, 170)],
}


@dataclass(frozen=True)
class PhotoJob:
    path: Path
    seed: int
    group: str
    size: tuple[int, int] = PHOTO_SIZE


def write_synthetic(out: Path, count: int, seed: int = 1, workers: int = 2) -> list[str]:
    """Write `count` products into the content folder `out`; returns their slugs."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    rng = random.Random(seed)
    communes = list(official_names())
    groups = _weighted_sequence(rng, GROUP_WEIGHTS, count)
    stars = _weighted_sequence(rng, STAR_WEIGHTS, count)
    featured = set(rng.sample(range(count), min(FEATURED, count)))
    slugs: list[str] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:  # photos are drawn while records are written
        drawn = []
        for index in range(count):
            product_rng = random.Random(f"{seed}:{index}")
            commune = communes[(index * 37 + seed) % len(communes)]
            slug, record, stories = _product(product_rng, index, groups[index], stars[index], commune,
                                             index in featured)
            (out / "products").mkdir(exist_ok=True)
            (out / "products" / f"{slug}.yaml").write_text(
                yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
            (out / "stories").mkdir(exist_ok=True)
            for language, text in stories.items():
                (out / "stories" / f"{slug}.{language}.md").write_text(text, encoding="utf-8")
            for image_index, image in enumerate(record["images"]):
                job = PhotoJob(out / "media" / slug / image["file"], seed=seed * 1_000_003 + index * 7 + image_index,
                               group=groups[index])
                drawn.append(pool.submit(write_photo, job))
            slugs.append(slug)
        for future in drawn:
            future.result()
    return slugs


def _weighted_sequence(rng: random.Random, weights: dict, count: int) -> list:
    """`count` values in the proportions of `weights` (rounded, every value at least once), shuffled."""
    total = sum(weights.values())
    values = [key for key, weight in weights.items() for _ in range(max(1, round(count * weight / total)))]
    while len(values) < count:
        values.append(next(iter(weights)))
    rng.shuffle(values)
    return values[:count]


def _stem(commune: str) -> str:
    for prefix in ("Đặc khu ", "Phường ", "Xã "):
        if commune.startswith(prefix):
            return commune[len(prefix):]
    return commune


def _product(rng: random.Random, index: int, group: str, stars: int, commune: str,
             featured: bool) -> tuple[str, dict, dict[str, str]]:
    kind_slug, kind_vi, kind_en, raw_vi, raw_en = rng.choice(KINDS[group])
    place = _stem(commune)
    brand = rng.choice(BRANDS)
    person = rng.choice(PEOPLE)
    slug = f"{kind_slug}-{fold(place).replace(' ', '-')}-{index + 1}"
    name = {"vi": f"{kind_vi} {brand} {place}", "en": f"{place} {kind_en} ({brand})"}
    raw = {"vi": raw_vi or "cảnh quan và nếp sống làng quê", "en": raw_en or "the landscape and village life"}
    recognized = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
    producer_kind = rng.choice(["cooperative", "cooperative", "household", "enterprise", "cooperative-group"])
    producer_name = {
        "cooperative": f"Hợp tác xã nông nghiệp {place}",
        "household": f"Hộ kinh doanh {person}",
        "enterprise": f"Công ty TNHH {brand}",
        "cooperative-group": f"Tổ hợp tác {kind_vi.lower()} {place}",
    }[producer_kind]
    lat = round(rng.uniform(LAT_RANGE[0] + 0.1, LAT_RANGE[1] - 0.1), 4)
    lon = round(rng.uniform(LON_RANGE[0] + 0.1, LON_RANGE[1] - 0.1), 4)
    alt = rng.sample(range(len(ALT_VI)), 2)
    images = [
        {"file": file, "alt": {"vi": ALT_VI[a].format(name=name["vi"], place=place),
                               "en": ALT_EN[a].format(name=name["en"], place=place)},
         "credit": "Minh họa tổng hợp / Synthetic illustration"}
        for file, a in zip(("hero.jpg", "detail.jpg"), alt, strict=True)
    ]
    record: dict = {
        "code": f"S{index + 1}",
        "name": name,
        "group": group,
        "stars": stars,
        "featured": featured,
        "summary": {"vi": f"{kind_vi} làm từ {raw['vi']} của {place}, do {producer_name} sản xuất.",
                    "en": f"{kind_en.capitalize()} made from {raw['en']} of {place}, by {brand}."},
        "certificate": {"decision": f"{1000 + index}/QĐ-UBND", "recognized": recognized, "illustrative": True},
        "producer": {"name": producer_name, "kind": producer_kind,
                     "phone": f"0255 3{rng.randrange(100, 999)} {rng.randrange(100, 999)}",
                     "address": f"Thôn {rng.choice(['Đông', 'Tây', 'Nam', 'Bắc', 'Trung'])}, {commune}, "
                                "tỉnh Quảng Ngãi",
                     "illustrative": True},
        "locality": {"commune": commune},
        "coordinates": {"lat": lat, "lon": lon},
        "images": images,
        "where_to_buy": [{"kind": "showroom", "name": {"vi": "Điểm giới thiệu và bán sản phẩm OCOP tỉnh Quảng Ngãi",
                                                         "en": "Quảng Ngãi provincial OCOP showroom"}}],
    }
    if rng.random() < 0.5:
        record["where_to_buy"].append({"kind": "online",
                                       "name": {"vi": "Sàn thương mại điện tử", "en": "Online marketplace"},
                                       "url": f"https://shop.example.vn/{slug}"})
    if group != "tourism":
        record["ingredients"] = {"vi": raw["vi"].capitalize() + ".", "en": raw["en"].capitalize() + "."}
        low = rng.randrange(5, 40) * 10_000
        record["price_range"] = {"min": low, "max": low + rng.randrange(1, 20) * 10_000,
                                 "per": {"vi": "hộp 500 g", "en": "500 g box"}}
    slots = {"vi": {"name": name["vi"], "place": place, "raw": raw["vi"], "brand": brand, "person": person},
             "en": {"name": name["en"], "place": place, "raw": raw["en"], "brand": brand, "person": person}}
    stories = {language: _story(rng, bank, HEADINGS[language], slots[language])
               for language, bank in (("vi", VI), ("en", EN))}
    return slug, record, stories


def _story(rng: random.Random, bank: dict[str, list[str]], headings: dict[str, str], slots: dict[str, str]) -> str:
    parts = [rng.choice(bank["lead"]).format(**slots), ""]
    for key, heading in headings.items():
        parts += [f"## {heading}", "", _paragraphs(rng, bank[key], slots, rng.randrange(80, 151)), ""]
    return "\n".join(parts)


def _paragraphs(rng: random.Random, sentences: list[str], slots: dict[str, str], words: int) -> str:
    """Sentences from the bank (reshuffled, reused when needed) until about `words` words, never
    fewer than 80 nor more than 150."""
    out: list[str] = []
    pool: list[str] = []
    total = 0
    while total < words:
        if not pool:
            pool = rng.sample(sentences, len(sentences))
        sentence = pool.pop().format(**slots)
        sentence = sentence[0].upper() + sentence[1:]
        if total >= 80 and total + len(sentence.split()) > 150:
            break
        out.append(sentence)
        total += len(sentence.split())
    middle = len(out) // 2
    return " ".join(out[:middle]) + "\n\n" + " ".join(out[middle:])


def write_photo(job: PhotoJob) -> None:
    """A textured illustration: sky and ground, a few shapes in the group's colours, photographic grain.

    Drawn at half size and scaled up (fast), with seeded noise so that it compresses like a photo.
    """
    rng = random.Random(job.seed)
    width, height = job.size[0] // 2, job.size[1] // 2
    palette = PALETTES[job.group]
    sky = tuple(min(255, c + rng.randrange(40, 90)) for c in palette[rng.randrange(3)])
    ground = palette[rng.randrange(3)]
    horizon = rng.randrange(height // 3, 2 * height // 3)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, horizon, width, height), fill=ground)
    for _ in range(rng.randrange(4, 9)):
        x, y = rng.randrange(width), rng.randrange(height // 4, height)
        r = rng.randrange(height // 12, height // 4)
        colour = tuple(max(0, min(255, c + rng.randrange(-50, 50))) for c in palette[rng.randrange(3)])
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
        else:
            draw.polygon([(x, y - r), (x + r, y + r // 2), (x - r, y + r // 2)], fill=colour)
    coarse = Image.frombytes("L", (width // 8, height // 8), rng.randbytes((width // 8) * (height // 8)))
    fine = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    texture = Image.blend(coarse.resize((width, height), Image.Resampling.BILINEAR), fine, 0.3)
    image = Image.blend(image, texture.convert("RGB"), 0.2).resize(job.size, Image.Resampling.BILINEAR)
    job.path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    job.path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of products")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write (created)")
    parser.add_argument("--workers", type=int, default=2, help="processes drawing photos")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    slugs = write_synthetic(args.out, args.count, args.seed, args.workers)
    print(f"{len(slugs)} products written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
