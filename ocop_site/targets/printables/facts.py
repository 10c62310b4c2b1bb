"""What the printables say about a product, in one language: the template context built from the model.

Text goes in as the model has it; document.render normalizes the whole page to NFC.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from ocop_site.model.catalog import Product
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS, SHOP_KINDS
from ocop_site.targets.printables.labels import label
from ocop_site.targets.printables.text import excerpt, to_html
from ocop_site.targets.qr.artwork import to_svg, width_modules
from ocop_site.targets.qr.symbol import make_symbol, payload
from ocop_site.targets.site import urls

SHORT_SECTIONS = ("origin", "process", "culture")  # what a flyer or a catalogue page tells


@dataclass(frozen=True)
class Section:
    heading: str
    html: Markup  # the full section, or its excerpt as escaped text


def product_facts(product: Product, language: str, site_url: str) -> dict[str, object]:
    """Everything but the story and the QR code, which each piece sizes for itself."""
    record = product.record
    other = "en" if language == "vi" else "vi"
    locality = record.locality
    formerly = label("formerly", language, name=locality.former_district) if locality.former_district else ""
    return {
        "language": language,
        "other_language": other,
        "slug": product.slug,
        "name": product.name(language),
        "other_name": product.name(other),
        "stars": record.stars,
        "stars_label": label("stars", language, n=record.stars),
        "group": GROUPS[record.group.value][language],
        "commune": locality.commune,
        "formerly": formerly,
        "province": label("province", language),
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
        "certificate": label("certificate", language, number=record.certificate.decision),
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


def full_story(product: Product, language: str) -> tuple[Markup, list[Section]]:
    """The lead and every section, as HTML."""
    story = product.stories[language]
    sections = [Section(story.heading(key), to_html(body)) for key, body in story.sections.items()]
    return to_html(story.lead), sections


def short_story(product: Product, language: str, limit: int) -> list[Section]:
    """Origin, production process and cultural imprint, each cut to `limit` characters (see text.py)."""
    story = product.stories[language]
    return [Section(story.heading(key), Markup.escape(excerpt(story.sections[key], limit)))
            for key in SHORT_SECTIONS if key in story.sections]


def display_url(site_url: str, language: str, slug: str) -> str:
    """The product page's address as printed: no scheme, e.g. ocop.example.vn/en/products/ly-son-garlic/."""
    parts = urlsplit(site_url)
    base = parts.netloc + parts.path.rstrip("/") + "/"
    return base + urls.LANGUAGE_PREFIX[language] + urls.product_page(slug)


def _details(product: Product, language: str) -> list[tuple[str, str]]:
    record = product.record
    details = [(label(key, language), getattr(getattr(record, key), language))
               for key in ("season", "ingredients", "shelf_life") if getattr(record, key)]
    if record.price_range:
        price = record.price_range
        details.append((label("price_range", language), label(
            "price", language, min=_amount(price.min, language), max=_amount(price.max, language),
            per=getattr(price.per, language))))
    return details


def _amount(value: int, language: str) -> str:
    """Thousands grouped the way each language writes them: 120.000 đ, 120,000 VND."""
    return f"{value:,}".replace(",", "." if language == "vi" else ",")
