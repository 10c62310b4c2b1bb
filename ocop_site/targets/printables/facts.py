"""What the printables say about a product, in one language: the template context built from the model.

Text goes in as the model has it; document.render normalizes the whole page to NFC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from ocop_site.content.stories import LEAD
from ocop_site.i18n import N_, t, written_date
from ocop_site.model.catalog import Product
from ocop_site.model.qr_payload import payload
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS, SHOP_KINDS
from ocop_site.targets.printables.text import excerpt, sentences
from ocop_site.targets.printmaps import Marker, map_svg
from ocop_site.targets.qr.artwork import to_svg, width_modules
from ocop_site.targets.qr.symbol import make_symbol
from ocop_site.targets.site import urls

SHORT_SECTIONS = ("origin", "process", "culture")  # what a flyer or a catalogue page tells


@dataclass(frozen=True)
class Section:
    heading: str
    html: Markup  # the full section, or its excerpt as escaped text
    key: str = ""  # origin, process, culture or community


def product_facts(product: Product, language: str, site_url: str, expired: dt.date | None = None) -> dict[str, object]:
    """Everything but the story and the QR code, which each piece sizes for itself.

    `expired`: the day the certificate ended, if it has: the stars and "n-star OCOP" give way to
    "OCOP certificate expired on …" (a piece printed now must not offer the product as certified)."""
    record = product.record
    other = "en" if language == "vi" else "vi"
    locality = record.locality
    formerly = t("formerly", language, name=locality.former_district) if locality.former_district else ""
    return {
        "language": language,
        "other_language": other,
        "slug": product.slug,
        "name": product.name(language),
        "other_name": product.name(other),
        "stars": 0 if expired else record.stars,
        "stars_label": t("expired", language, date=written_date(expired, language)) if expired
        else t("stars", language, n=record.stars),
        "expired": bool(expired),
        "group": GROUPS[record.group.value][language],
        "commune": locality.commune,
        "formerly": formerly,
        "province": t("province", language),
        "summary": getattr(record.summary, language),
        "producer": {
            "name": record.producer.name,
            "kind": PRODUCER_KINDS[record.producer.kind.value][language],
            "address": record.producer.address,
            "phone": record.producer.phone,
            "illustrative": record.producer.illustrative,
        },
        "shops": [{"kind": SHOP_KINDS[shop.kind.value][language], "name": getattr(shop.name, language),
                   "address": shop.address, "url": shop.url} for shop in record.where_to_buy],
        "details": _details(product, language),
        "certificate": t("certificate_decision", language, number=record.certificate.decision),
        "certificate_illustrative": record.certificate.illustrative,
        "photos": [{"uri": product.image_path(i).resolve().as_uri(), "alt": getattr(image.alt, language)}
                   for i, image in enumerate(record.images)],
        "credits": list(dict.fromkeys(image.credit_in(language) for image in record.images)),
        "url": display_url(site_url, language, product.slug),
    }


def qr_svg(product: Product, site_url: str, width_mm: float) -> Markup:
    """The packaging code's symbol (same payload), drawn `width_mm` wide including its quiet zone."""
    symbol = make_symbol(payload(site_url, product.record.code))
    return Markup(to_svg(symbol, module_mm=width_mm / width_modules(symbol)))


def short_story(product: Product, language: str, limit: int) -> list[Section]:
    """Origin, production process and cultural imprint, each cut to `limit` characters (see text.py); a
    section with nothing to excerpt (a table or code only) is left out."""
    story = product.stories[language]
    texts = {key: excerpt(story.passages[key], limit) for key in SHORT_SECTIONS if key in story.passages}
    return [Section(story.heading(key), Markup.escape(text), key) for key, text in texts.items() if text]


def opening(product: Product, language: str, limit: int) -> Markup:
    """The story's lead (its opening), cut to `limit` characters at a sentence end; empty without one."""
    lead = product.stories[language].passages.get(LEAD)
    return Markup.escape(excerpt(lead, limit)) if lead else Markup("")


QUOTE_CHARS = (50, 170)  # a pull quote is one whole sentence of this many characters


def pull_quote(product: Product, language: str) -> str:
    """One sentence to set large: from the community section, else from a later paragraph of another
    section (the first paragraphs are the excerpts printed beside it), else the record's summary. Only
    paragraphs of running text, split at real sentence ends (text.py), so a quote is a whole sentence:
    never the tail after "TP." or "Mrs.", nor a list, a table or code."""
    passages = product.stories[language].passages

    def blocks(key: str) -> list[str]:
        return passages[key].print_paragraphs if key in passages else []

    candidates = blocks("community")
    for key in ("culture", "origin", "process"):
        candidates += blocks(key)[1:]
    shortest, longest = QUOTE_CHARS
    for text in candidates:
        for sentence in sentences(text):
            if shortest <= len(sentence) <= longest:
                return sentence
    return getattr(product.record.summary, language)


def locator_map(product: Product, language: str, size_mm: tuple[float, float]) -> Markup:
    """The province with the point where the product is made."""
    coordinates = product.record.coordinates
    return map_svg(*size_mm, [Marker(coordinates.lat, coordinates.lon, "")], language, marker_mm=2.6)


def display_url(site_url: str, language: str, slug: str) -> str:
    """The product page's address as printed: no scheme, e.g. ocop.example.vn/en/products/ly-son-garlic/."""
    parts = urlsplit(site_url)
    base = parts.netloc + parts.path.rstrip("/") + "/"
    return base + urls.LANGUAGE_PREFIX[language] + urls.product_page(slug)


def _details(product: Product, language: str) -> list[tuple[str, str]]:
    record = product.record
    details = [(t(key, language), getattr(getattr(record, key), language))
               for key in (N_("season"), N_("ingredients"), N_("shelf_life")) if getattr(record, key)]
    if record.price_range:
        price = record.price_range
        details.append((t("price_range", language), t(
            "price", language, min=_amount(price.min, language), max=_amount(price.max, language),
            per=getattr(price.per, language))))
    return details


def _amount(value: int, language: str) -> str:
    """Thousands grouped the way each language writes them: 120.000 đ, 120,000 VND."""
    return f"{value:,}".replace(",", "." if language == "vi" else ",")
