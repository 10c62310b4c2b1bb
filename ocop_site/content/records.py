"""The product record schema: one definition drives validation, the JSON Schema shipped in
`schema/product.schema.json`, and the README's content reference.

Field descriptions are written for editors: they appear as hover help in editors that read the
JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ocop_site.content.localities import official_names

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{1,15}$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
YEARS = (2000, 2099)  # 9999-12-31 passed as a date, then 36 months after it overflowed in the build


def _plausible(day: dt.date) -> dt.date:
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise PydanticCustomError("date_range", "must be in the years {first}-{last}",
                                  {"first": YEARS[0], "last": YEARS[1]})
    return day


Day = Annotated[dt.date, AfterValidator(_plausible)]


class Group(StrEnum):
    food = "food"
    beverages = "beverages"
    herbal = "herbal"
    textiles = "textiles"
    souvenirs = "souvenirs"
    tourism = "tourism"


class ProducerKind(StrEnum):
    enterprise = "enterprise"
    cooperative = "cooperative"
    cooperative_group = "cooperative-group"
    household = "household"


class ShopKind(StrEnum):
    shop = "shop"
    showroom = "showroom"
    online = "online"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Text(_Strict):
    """The same text in both languages."""

    vi: NonEmpty = Field(description="Vietnamese text.")
    en: NonEmpty = Field(description="English text.")


# The longest text, in characters, of each field the flyer, brochure and catalogue page print whole (story
# excerpts are cut to fit instead). With every field at its bound and every trim of targets/printables/trims.py
# applied, each piece still fits (tests/test_print_maxima.py), so a record validate accepts always prints.
PRINTED = {
    "name": 80,
    "summary": 240,
    "producer.name": 100,
    "address": 150,  # the producer's, a shop's, a showroom's: a street, a ward or commune and the province
    "shop.name": 80,
    "shop.url": 120,
    "detail": 160,  # season, ingredients, shelf life
    "price.per": 40,
    "certificate.decision": 40,
    "image.alt": 200,
    "image.credit": 80,
    "video.title": 100,
    "phone": 40,  # the producer's: room for two numbers (a shop's has the phone pattern)
    "former_district": 60,
    "slug": 60,  # the file name: the product page's address, printed on every piece
}  # site_url: bounded by the QR payload check (model/qr_payload.py), to about 30 characters


MAX_PRICE = 10_000_000_000  # đồng: ten billion, a price printed whole


def _printed(field: str) -> type[str]:
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PRINTED[field])]


def _printed_text(name: str, field: str, description: str) -> type[Text]:
    """Text whose every language is at most PRINTED[field] characters; `name` is the module's name for it, so
    that records pickle (they travel to the build's worker processes)."""
    return create_model(name, __base__=Text, __doc__=description, __module__=__name__,
                        vi=(_printed(field), Field(description="Vietnamese text.")),
                        en=(_printed(field), Field(description="English text.")))


Name = _printed_text("Name", "name", "A product's name in both languages.")
Summary = _printed_text("Summary", "summary", "A product's summary in both languages.")
Detail = _printed_text("Detail", "detail", "A product detail in both languages.")
PricePer = _printed_text("PricePer", "price.per", "The unit a price is for, in both languages.")
ShopName = _printed_text("ShopName", "shop.name", "A point of sale's name in both languages.")
Alt = _printed_text("Alt", "image.alt", "What a photo shows, in both languages.")
Credit = _printed_text("Credit", "image.credit", "Who took a photo, in both languages.")
VideoTitle = _printed_text("VideoTitle", "video.title", "A video's title in both languages.")


class Certificate(_Strict):
    decision: _printed("certificate.decision") = Field(
        description='Number of the recognition decision, e.g. "1234/QĐ-UBND".')
    recognized: Day = Field(description="Date of recognition, YYYY-MM-DD.")
    expires: Day | None = Field(
        None, description="Expiry date, YYYY-MM-DD. Default: 36 months after 'recognized'."
    )
    illustrative: bool = Field(False, description="true when the number or dates are not the public ones.")


class Producer(_Strict):
    name: _printed("producer.name") = Field(
        description="The OCOP subject (chủ thể): enterprise, cooperative or household.")
    kind: ProducerKind = Field(description="enterprise | cooperative | cooperative-group | household.")
    phone: _printed("phone") | None = Field(None, description='Phone number as text, e.g. "0255 3800 000".')
    address: _printed("address") = Field(description="Postal address.")
    illustrative: bool = Field(False, description="true when the name, phone or address are not the real ones.")


class Locality(_Strict):
    commune: NonEmpty = Field(
        description="Commune, ward or special zone as officially named since July 2025, "
        "e.g. 'Xã Trà Bồng', 'Phường Sa Huỳnh', 'Đặc khu Lý Sơn'.",
        # the official list, so that editors get it as autocompletion (checked by the loader)
        json_schema_extra=lambda schema: schema.update(enum=sorted(official_names())),
    )
    former_district: _printed("former_district") | None = Field(
        None, description="The district before July 2025, as historical context, e.g. 'Huyện Mộ Đức'."
    )


class Coordinates(_Strict):
    lat: float = Field(description="Latitude in decimal degrees, e.g. 15.3806.")
    lon: float = Field(description="Longitude in decimal degrees, e.g. 109.1186.")


def _one_name_for_both(cls: type, value: object) -> object:
    """A credit written as one name (a person, a cooperative) serves both languages."""
    return {"vi": value, "en": value} if isinstance(value, str) else value


class Image(_Strict):
    file: NonEmpty = Field(description="File name under content/media/<slug>/, e.g. hero.jpg.")
    alt: Alt = Field(description="What the photo shows, for people who cannot see it, in both languages.")
    credit: Credit = Field(description="Photographer or source in both languages (each page shows its own), e.g. "
                         "vi: tranh minh họa của Sở Du lịch, en: illustration by the Department of Tourism; "
                         "a name alone (credit: Nguyễn Văn An) serves both.")

    _a_name_serves_both_languages = field_validator("credit", mode="before")(_one_name_for_both)

    def credit_in(self, language: str) -> str:
        return getattr(self.credit, language)


PHONE_PATTERN = r"^(\+84|0)[0-9 .-]{8,14}$"
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PHONE_PATTERN)]
SHOWROOM_ID_PATTERN = SLUG_PATTERN


class Captions(_Strict):
    vi: NonEmpty = Field(description="Vietnamese captions: a WebVTT file under content/media/<slug>/, e.g. pan.vi.vtt.")
    en: NonEmpty = Field(description="English captions: a WebVTT file under content/media/<slug>/, e.g. pan.en.vtt.")


class Video(_Strict):
    """A video of the story: a file under content/media/<slug>/ or a YouTube/Facebook address (one of the two)."""

    file: NonEmpty | None = Field(None, description="Video file under content/media/<slug>/: MP4 (H.264) or WebM.")
    url: NonEmpty | None = Field(None, description="Address of the video on YouTube or Facebook, starting https://.")
    poster: NonEmpty | None = Field(None, description="Still image under content/media/<slug>/ shown before play. "
                                    "Required for a YouTube/Facebook video; made from a frame of a file when left out.")
    title: VideoTitle = Field(description="Title of the video in both languages.")
    credit: Text = Field(description="Who made the video, in both languages (each page shows its own), e.g. "
                         "vi: Sở Du lịch (dựng từ ảnh tư liệu), en: Department of Tourism (made from archive photos); "
                         "a name alone (credit: Hợp tác xã Đồng Tâm) serves both.")
    duration: Annotated[str, StringConstraints(pattern=r"^\d{1,3}:[0-5]\d$")] = Field(
        description='Length as minutes:seconds, e.g. "2:05".')
    captions: Captions = Field(description="Captions in both languages (WebVTT files).")
    uploaded: Day = Field(description="Date the video was first published (on this site or on YouTube/Facebook), "
                          "YYYY-MM-DD: search engines show it with the video.")
    terms: Text | None = Field(None, description="Terms of use for the press. Default: those of the photos.")
    illustrative: bool = Field(False, description="true when the video is a sample, not footage of the product.")

    _a_name_serves_both_languages = field_validator("credit", mode="before")(_one_name_for_both)

    def credit_in(self, language: str) -> str:
        return getattr(self.credit, language)


class Shop(_Strict):
    """A point of sale: its own details, or `showroom:` naming an OCOP showroom of site.yaml."""

    kind: ShopKind = Field(description="shop | showroom | online.")
    showroom: Annotated[str, StringConstraints(pattern=SHOWROOM_ID_PATTERN)] | None = Field(
        None, description="The 'id' of an OCOP showroom in site.yaml: its names, address, hours, phone and "
        "position are taken from there (write no 'name' then).")
    name: ShopName | None = Field(None, description="Name of the shop or e-commerce site in both languages "
                              "(vi, en); required unless 'showroom' is given.")
    address: _printed("address") | None = Field(None, description="Postal address.")
    hours: Text | None = Field(None, description="Opening hours in both languages, e.g. vi: 7:00–17:00 hằng ngày, "
                               "en: daily 7am–5pm.")
    phone: Phone | None = Field(None, description='Phone number, e.g. "0255 3822 111" or "+84 255 3822 111": '
                                "shown in +84 form so that it dials from a foreign phone.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=PRINTED["shop.url"])] | None = Field(
        None, description="Web address starting with https:// (required for online shops)."
    )
    illustrative: bool = Field(False, description="true when the address, hours or phone are not the real ones.")
    _position: Coordinates | None = PrivateAttr(None)  # a showroom's, set when the reference is resolved

    @property
    def position(self) -> Coordinates | None:
        return self._position


class PriceRange(_Strict):
    min: int = Field(ge=0, le=MAX_PRICE, description="Lowest price in đồng (VND), a whole number.")
    max: int = Field(ge=0, le=MAX_PRICE, description="Highest price in đồng (VND), a whole number.")
    per: PricePer = Field(description="Unit the price is for, e.g. vi: hộp 500 g, en: 500 g box.")


class PressContact(_Strict):
    name: NonEmpty | None = Field(None, description="Person journalists may contact, e.g. the cooperative's director.")
    phone: NonEmpty | None = Field(None, description='Phone number for journalists, as text, e.g. "0905 000 000".')
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(
        None, description="E-mail address for journalists.")
    illustrative: bool = Field(False, description="true when the name, phone or e-mail are not the real ones.")


class Press(_Strict):
    short: Text | None = Field(None, description="Short description for the press kit, about 50 words. "
                               "Default: the start of the story.")
    long: Text | None = Field(None, description="Long description for the press kit, about 150 words. "
                              "Default: the start of the story.")
    contact: PressContact | None = Field(None, description="Press contact, shown besides the producer's address.")
    photo_terms: Text | None = Field(None, description="Terms of use of this product's photos. "
                                     "Default: 'press_photo_terms' of site.yaml, or free editorial use with credit.")


class ProductRecord(_Strict):
    """One OCOP product: content/products/<slug>.yaml (the slug is the file name)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        title="OCOP product record",
        json_schema_extra={"$id": "https://ocop-stories/schema/product.schema.json"},
    )

    code: Annotated[str, StringConstraints(pattern=CODE_PATTERN)] = Field(
        description="Permanent QR code: 2-16 characters, upper-case letters, digits and '-'. Never change it."
    )
    name: Name = Field(description="Product name.")
    group: Group = Field(description="OCOP product group: food | beverages | herbal | textiles | souvenirs | tourism.")
    stars: int = Field(ge=3, le=5, description="OCOP star rating: 3, 4 or 5 (5 is national).")
    featured: bool = Field(False, description="true to show the product on the home page.")
    draft: bool = Field(False, description="true while the record is incomplete (e.g. made by 'ocop-site import'): "
                        "what it has is checked, what it lacks is listed by 'ocop-site report'; it is not published "
                        "and gets no QR code until this line is removed.")
    withdrawn: Day | None = Field(
        None, description="Date the product left the OCOP programme, YYYY-MM-DD. Its page and QR code keep "
        "working and say so; it is no longer listed."
    )
    summary: Summary = Field(description="One or two sentences for cards and page descriptions.")
    certificate: Certificate = Field(description="The OCOP recognition decision.")
    producer: Producer = Field(description="Who makes the product.")
    locality: Locality = Field(description="Where the product comes from.")
    coordinates: Coordinates = Field(description="Where the product is made.")
    images: list[Image] = Field(min_length=1, description="Photos; the first one is the hero photo.")
    where_to_buy: list[Shop] = Field(default_factory=list, description="Shops, OCOP showrooms, e-commerce links.")
    season: Detail | None = Field(None, description="When the product is harvested or best bought.")
    ingredients: Detail | None = Field(None, description="Main ingredients.")
    shelf_life: Detail | None = Field(None, description="How long the product keeps.")
    price_range: PriceRange | None = Field(None, description="Usual retail price.")
    press: Press | None = Field(None, description="Press kit texts and contact (all optional).")
    videos: list[Video] = Field(default_factory=list, description="Videos of the story (see README, 'Videos').")


class Showroom(_Strict):
    """An OCOP showroom (điểm giới thiệu và bán sản phẩm OCOP), shown on the map; products name it
    by its id under where_to_buy."""

    id: Annotated[str, StringConstraints(pattern=SHOWROOM_ID_PATTERN)] | None = Field(
        None, description="Short name products use to refer to it (lower-case ASCII, digits and '-'), "
        "e.g. tinh-quang-ngai.")
    name: ShopName = Field(description="Name of the showroom in both languages.")
    address: _printed("address") = Field(description="Postal address.")
    hours: Text | None = Field(None, description="Opening hours in both languages.")
    phone: Phone | None = Field(None, description='Phone number, e.g. "0255 3822 111".')
    locality: Locality = Field(description="Where the showroom is.")
    coordinates: Coordinates = Field(description="Where the showroom is, for the map.")
    illustrative: bool = Field(False, description="true when the address or position is approximate.")


class MapTiles(_Strict):
    """The background of the interactive maps, fetched from this server only when a visitor opens a map."""

    url: Annotated[str, StringConstraints(pattern=r"^https://\S+\{z\}\S*\{x\}\S*\{y\}\S*$")] = Field(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        description="Tile URL template with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png.",
    )
    attribution: NonEmpty = Field(
        "© OpenStreetMap contributors", description="Credit the tile server requires, shown on the map."
    )
    attribution_url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] = Field(
        "https://www.openstreetmap.org/copyright", description="Where the credit links to."
    )


class KioskSettings(_Strict):
    """The fair-booth kiosk (/kiosk/): when it starts its attract loop and when it resets itself."""

    attract_after_seconds: int = Field(
        60, description="Seconds without a touch before the slideshow of featured products starts (10-3600).")
    reset_after_seconds: int = Field(
        120, description="Seconds without a touch before the kiosk returns to its start screen "
        "in Vietnamese, closing whatever was open (10-3600).")

    @field_validator("attract_after_seconds", "reset_after_seconds")
    @classmethod
    def _reasonable(cls, seconds: int) -> int:
        if not 10 <= seconds <= 3600:
            raise PydanticCustomError("kiosk_seconds", "must be 10 to 3600 seconds, got {seconds}",
                                      {"seconds": seconds})
        return seconds


class VideoSettings(_Strict):
    """Limits on the story videos, chosen for phones on 3G/4G and for the kiosk's offline cache."""

    max_height: int = Field(1080, ge=144, description="Tallest video frame in pixels (1080 = Full HD).")
    max_megabytes: float = Field(50, gt=0, description="Largest video file in megabytes.")
    max_minutes: int = Field(10, ge=1, description="Longest video in minutes.")
    kiosk_budget_megabytes: float = Field(
        300, ge=0, description="Room for videos in the kiosk's offline cache, in megabytes. When the videos of "
        "the listed products need more, validate and build warn and the kiosk leaves out those that do not fit.")
    press_zip_megabytes: int = Field(
        20, ge=0, description="Largest video file put into a press kit's zip; larger ones are linked instead.")


class SiteRecord(_Strict):
    """Site settings: content/site.yaml."""

    site_url: Annotated[str, StringConstraints(pattern=r"^https?://[^/\s]+(/\S*)?$")] = Field(
        description="Public address of the site, e.g. https://ocop.quangngai.gov.vn/ (may include a sub-path)."
    )
    title: Text = Field(description="Site title.")
    press_photo_terms: Text | None = Field(
        None, description="Terms of use of the press-kit photos. Default: free editorial use with credit.")
    showrooms: list[Showroom] = Field(default_factory=list, description="OCOP showrooms, shown on the map page.")
    map_tiles: MapTiles = Field(default_factory=MapTiles, description="Background of the interactive maps.")
    kiosk: KioskSettings = Field(default_factory=KioskSettings, description="Timings of the fair-booth kiosk.")
    video: VideoSettings = Field(default_factory=VideoSettings, description="Limits on story videos.")


def product_json_schema() -> str:
    """The JSON Schema text shipped as schema/product.schema.json (stable key order)."""
    schema = ProductRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
