"""The Markdown docs tree of one language: every page as (docs path, text).

Pages are plain Markdown with HTML blocks for cards and facts. Record text is escaped for both
HTML and Markdown; story text arrives as sanitised HTML from the story reader and is embedded as raw
HTML blocks MkDocs cannot read as Markdown (raw_block).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ocop_site.content.records import Coordinates, Showroom
from ocop_site.content.stories import SECTIONS
from ocop_site.i18n import N_, t, translator
from ocop_site.model.catalog import Catalog, Product, collation_key
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS, SHOP_KINDS
from ocop_site.targets.site import urls
from ocop_site.targets.site.images import Picture
from ocop_site.targets.site.labels import intl_phone, place_gloss, place_in_english, tel_href, vn_date, vn_money
from ocop_site.targets.site.maps import MapPoint, map_canvas, map_figure, place_item
from ocop_site.targets.site.press_pages import press_pages
from ocop_site.targets.site.share_links import facebook_link, zalo_link
from ocop_site.targets.site.structured_data import product_jsonld
from ocop_site.targets.site.trip_pages import trip_pages
from ocop_site.targets.site.video import render_videos, video_objects

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|])")


def raw_block(html: str) -> Markup:
    """Sanitised story HTML as one line of a raw HTML block, which Python-Markdown stores and puts back
    untouched: with no line of its own, no fence (MkDocs always enables fenced_code, whose preprocessor
    runs before raw HTML is recognised) or other block syntax can start inside it. A newline, a backtick
    and a tilde become character references, which mean the same in HTML text and attribute values."""
    return Markup(str(html).replace("\n", "&#10;").replace("`", "&#96;").replace("~", "&#126;"))


def mdtext(value: object) -> Markup:
    """Escape text for a Markdown context: HTML first, then Markdown punctuation."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(value))))


@functools.cache  # compiled templates are kept: a preview server rebuilds without compiling them again
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ocop_site.targets.site", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["mdtext"] = mdtext
    env.filters["raw_block"] = raw_block
    return env


CERTIFICATE_STATUS = {"valid": N_("cert_valid"), "expiring": N_("cert_expiring"), "expired": N_("cert_expired")}
# keys the templates compose ("rating_" ~ stars, "qr_file_" ~ format…), named here so that they are extracted
TEMPLATE_KEYS = (N_("rating_3"), N_("rating_4"), N_("rating_5"), N_("language_name_vi"), N_("language_name_en"),
                 N_("qr_file_svg"), N_("qr_file_png"), N_("qr_file_pdf"), N_("stop_kind_showroom"),
                 N_("stop_kind_place"),
                 N_("printable_flyer-a5"), N_("printable_brochure-a4"), N_("printable_short_flyer-a5"),
                 N_("printable_short_brochure-a4"), N_("language_vi"), N_("language_en"), N_("producer_tourism"),
                 N_("where_to_buy_tourism"), N_("origin"), N_("origin_tourism"), N_("origin_text"),
                 N_("origin_text_tourism"), N_("for_producers_intro"), N_("for_producers_intro_tourism"))


class DocsTree:
    """Renders the pages of one language from the catalogue."""

    def __init__(self, catalog: Catalog, language: str, pictures: dict[tuple[str, int], Picture]) -> None:
        self.catalog = catalog
        self.language = language
        self.pictures = pictures
        self.env = environment()
        self.picture_template = self.env.get_template("picture.html.j2")
        self.picture_markup: dict[tuple, Markup] = {}

    def pages(self) -> Iterator[tuple[str, str]]:
        yield from self._generate_home()
        yield from self._generate_about()
        yield from self._generate_listings()
        yield from self._generate_map()
        yield from self._generate_downloads()
        yield "search.md", self._render("search.md.j2", "search/")
        yield from press_pages(self)
        yield from trip_pages(self)
        for product in self.catalog.products.values():
            yield urls.docs_file(urls.product_page(product.slug)), self._render_product(product)

    # -- page generators -------------------------------------------------------------------

    def _generate_home(self) -> Iterator[tuple[str, str]]:
        yield "index.md", self._render("home.md.j2", "", featured=self.catalog.featured(),
                                       groups=self._group_counts(), stars=self._star_counts(),
                                       total=len(self.catalog.products))

    def _generate_about(self) -> Iterator[tuple[str, str]]:
        yield "about.md", self._render(f"about.{self.language}.md.j2", "about/")

    def _generate_downloads(self) -> Iterator[tuple[str, str]]:
        yield "downloads.md", self._render("downloads.md.j2", "downloads/", sheets=self._group_counts(keys=True),
                                           products=self.catalog.sorted_by_name(self.language))

    def _generate_listings(self) -> Iterator[tuple[str, str]]:
        localities = sorted(self.catalog.by_locality().items(), key=lambda item: collation_key(item[0]))
        yield "catalogue.md", self._render(
            "catalogue.md.j2", "catalogue/", groups=self._group_counts(), stars=self._star_counts(),
            localities=[(place_gloss(name, self.language), urls.locality_page(name), len(items))
                        for name, items in localities])
        for group, products in self.catalog.by_group().items():
            page = urls.group_page(group)
            yield urls.docs_file(page), self._render_listing(page, GROUPS[group][self.language], products)
        for commune, products in localities:
            page = urls.locality_page(commune)
            yield urls.docs_file(page), self._render_listing(page, place_gloss(commune, self.language), products)
        for stars, products in self.catalog.by_stars().items():
            page = urls.stars_page(stars)
            yield urls.docs_file(page), self._render_listing(page, t("stars", self.language, n=stars), products)

    def _generate_map(self) -> Iterator[tuple[str, str]]:
        page, language = "map/", self.language
        by_locality = sorted(self.catalog.by_locality().items(), key=lambda item: collation_key(item[0]))
        localities = [
            (commune, urls.locality_page(commune),
             [MapPoint(p.record.coordinates.lat, p.record.coordinates.lon, p.name(language),
                       urls.relative(page, urls.product_page(p.slug)), p.record.producer.name)
              for p in sorted(products, key=lambda p: (collation_key(p.name(language)), p.slug))])
            for commune, products in by_locality
        ]
        showrooms = [self._showroom_point(showroom) for showroom in self.catalog.site.showrooms]
        yield "map.md", self._render("map.md.j2", page, localities=localities, showrooms=showrooms,
                                     products=len(self.catalog.listed), place_item=place_item,
                                     canvas=map_canvas(self.catalog.site.map_tiles, language, "ocop-map-places"))

    def _showroom_point(self, showroom: Showroom) -> MapPoint:
        note = showroom.address + (f" ({t('approximate', self.language)})" if showroom.illustrative else "")
        return MapPoint(showroom.coordinates.lat, showroom.coordinates.lon, getattr(showroom.name, self.language),
                        note=note, kind="showroom")

    # -- renderers -------------------------------------------------------------------------

    def _render_listing(self, page: str, title: str, products: list[Product]) -> str:
        ordered = sorted(products, key=lambda p: (collation_key(p.name(self.language)), p.slug))
        return self._render("listing.md.j2", page, title=title, products=ordered)

    def _render_product(self, product: Product) -> str:
        page = urls.product_page(product.slug)
        record = product.record
        if record.withdrawn:
            same_group = [p for p in self.catalog.listed if p.record.group == record.group]
            return self._render("withdrawn.md.j2", page, record=record,
                                related=(same_group or self.catalog.listed)[:4])
        status = product.certificate_status(self.catalog.today)
        expires = vn_date(product.expires, self.language)
        base = self.catalog.site.site_url.rstrip("/") + "/"
        page_url = base + urls.LANGUAGE_PREFIX[self.language] + page
        photos = [self.pictures[(product.slug, i)] for i in range(len(record.images))]
        jsonld = product_jsonld(product, self.language, page_url,
                                [base + p.file(p.widths[-1], "jpg") for p in photos],
                                videos=video_objects(product, self.language, base))
        return self._render(
            "product.md.j2", page, product=product, record=record, story=product.stories[self.language],
            og_image=base + urls.share_card(product.slug, self.language), jsonld=jsonld,
            sections=[key for key in SECTIONS if key in product.stories[self.language].sections],
            other_language="en" if self.language == "vi" else "vi",
            cert_status=status, cert_text=t(CERTIFICATE_STATUS[status], self.language, date=expires),
            cert_expired_text=t("cert_expired", self.language, date=expires),
            related=self.catalog.related(product),
            share_url=page_url, facebook=facebook_link(page_url), zalo=zalo_link(page_url),
            origin=self._origin_map(product, page), videos=render_videos(product, self.language, page),
        )

    def _origin_map(self, product: Product, page: str) -> Markup:
        """Where the product is made, and the OCOP showrooms of the same commune."""
        record = product.record
        here = MapPoint(record.coordinates.lat, record.coordinates.lon, record.producer.name,
                        note=record.producer.address)
        nearby = [self._showroom_point(s) for s in self.catalog.site.showrooms
                  if s.locality.commune == record.locality.commune]
        return map_figure([here, *nearby], self.language, tiles=self.catalog.site.map_tiles)

    def _render(self, template: str, page: str, **context: object) -> str:
        language = self.language
        root = urls.to_site_root(page, language)

        def link(target: str) -> str:
            return urls.relative(page, target)

        def picture(slug: str, index: int, sizes: str, eager: bool = False, decorative: bool = False,
                    phone: bool = False) -> Markup:
            key = (slug, index, sizes, eager, decorative, root, phone)
            if key not in self.picture_markup:  # a product's card stands on many listing pages
                self.picture_markup[key] = Markup(self.picture_template.render(
                    pic=self.pictures[(slug, index)], root=root, sizes=sizes, eager=eager, phone=phone,
                    alt="" if decorative else getattr(self.catalog.products[slug].record.images[index].alt, language),
                ).strip())
            return self.picture_markup[key]

        return self.env.get_template(template).render(
            lang=language, t=translator(language), link=link, urls=urls,
            picture=picture,
            groups_names=GROUPS, producer_kinds=PRODUCER_KINDS, shop_kinds=SHOP_KINDS,
            vn_date=lambda day: vn_date(day, language), money=lambda n: vn_money(n, language),
            site=self.catalog.site, root=root, gloss=lambda name: place_gloss(name, language),
            former=lambda name: (place_in_english(name) or name) if language == "en" else name,
            phone=intl_phone, tel=tel_href, osm=_osm_link, **context,
        )

    def _group_counts(self, keys: bool = False) -> list[tuple[str, str, int]]:
        """(name, page or group key, count) for each group that has products."""
        by_group = self.catalog.by_group()
        return [(GROUPS[g][self.language], g if keys else urls.group_page(g), len(by_group[g]))
                for g in GROUPS if g in by_group]

    def _star_counts(self) -> list[tuple[int, str, int]]:
        by_stars = self.catalog.by_stars()
        return [(s, urls.stars_page(s), len(by_stars[s])) for s in (5, 4, 3) if s in by_stars]


def _osm_link(coordinates: Coordinates | None, address: str | None) -> str:
    """A map link for a point of sale: its position when known, else a search for its address."""
    if coordinates is not None:
        lat, lon = f"{coordinates.lat:.5f}", f"{coordinates.lon:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return "https://www.openstreetmap.org/search?query=" + quote(address or "")
