"""What the kiosk shows, per language: the six OCOP groups, their products, each product's story,
photos and QR code, and the featured products of the attract loop. Plain values for the template."""

from __future__ import annotations

from dataclasses import dataclass

from ocop_site.content.records import Shop
from ocop_site.model.catalog import Catalog, Product
from ocop_site.model.vocabulary import GROUPS
from ocop_site.targets.passages import KioskStory
from ocop_site.targets.site import urls
from ocop_site.targets.site.images import Picture
from ocop_site.targets.site.labels import place_gloss

KIOSK_WIDTH = 960  # the rendition shown (and precached) everywhere in the kiosk
FEATURED_LIMIT = 12


@dataclass(frozen=True)
class Photo:
    file: str  # site path of the rendition
    width: int
    height: int
    alt: str
    credit: str


@dataclass(frozen=True)
class ProductView:
    slug: str
    code: str
    name: str
    summary: str
    stars: int
    group: str
    group_name: str
    commune: str
    producer: str
    shops: list[str]  # each point of sale: name, address, hours
    season: str
    lead: str  # HTML
    sections: list[tuple[str, str]]  # (heading, HTML)
    photos: list[Photo]
    qr: str  # site path of the QR artwork


@dataclass(frozen=True)
class GroupView:
    key: str
    name: str
    products: list[ProductView]


def _shop_line(shop: Shop, language: str) -> str:
    """'Name · address · hours' (an online shop: its web address)."""
    parts = [getattr(shop.name, language), shop.address or (shop.url or "").removeprefix("https://").removeprefix(
        "http://").rstrip("/"), getattr(shop.hours, language) if shop.hours else ""]
    return " · ".join(part for part in parts if part)


def kiosk_picture(picture: Picture) -> tuple[str, int, int]:
    """The kiosk's rendition of a photo: the kiosk width, or the largest one below it."""
    fitting = [w for w in picture.widths if w <= KIOSK_WIDTH]
    width = max(fitting) if fitting else min(picture.widths)
    return (picture.file(width, "webp"), *picture.size_at(width))


def group_views(catalog: Catalog, language: str, pictures: dict[tuple[str, int], Picture],
                stories: dict[tuple[str, str], KioskStory]) -> list[GroupView]:
    """All six groups in the official order (an empty one too), products by name.

    Only products in force: a booth must not offer a withdrawn product, or one whose certificate has
    ended, as an OCOP product (and a kiosk page is not checked again once loaded)."""
    views = {product.slug: _product_view(product, language, pictures, stories[(product.slug, language)])
             for product in catalog.in_force}
    by_group: dict[str, list[ProductView]] = {key: [] for key in GROUPS}
    for product in catalog.sorted_by_name(language):
        if product.slug in views:
            by_group[product.record.group.value].append(views[product.slug])
    return [GroupView(key=key, name=GROUPS[key][language], products=products) for key, products in by_group.items()]


def featured_slugs(catalog: Catalog) -> list[str]:
    """The attract loop: the featured products in force (all in force when none of them is featured)."""
    chosen = [product.slug for product in catalog.in_force if product.record.featured]
    return (chosen or [product.slug for product in catalog.in_force])[:FEATURED_LIMIT]


def _product_view(product: Product, language: str, pictures: dict[tuple[str, int], Picture],
                  story: KioskStory) -> ProductView:
    record = product.record
    photos = []
    for index, image in enumerate(record.images):
        file, width, height = kiosk_picture(pictures[(product.slug, index)])
        photos.append(Photo(file=file, width=width, height=height, alt=getattr(image.alt, language),
                            credit=image.credit_in(language)))
    return ProductView(
        slug=product.slug, code=record.code, name=product.name(language), summary=getattr(record.summary, language),
        stars=record.stars, group=record.group.value, group_name=GROUPS[record.group.value][language],
        commune=place_gloss(record.locality.commune, language), producer=record.producer.name,
        shops=[_shop_line(shop, language) for shop in record.where_to_buy],
        season=getattr(record.season, language) if record.season else "",
        lead=story[0], sections=story[1],
        photos=photos, qr=urls.qr_artwork(record.code, "svg"),
    )
