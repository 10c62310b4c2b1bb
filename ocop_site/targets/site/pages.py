"""The catalogue's pages of one language, as Markdown for MkDocs (home, listings, map, products)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from markupsafe import Markup

from ocop_site.content.records import Showroom
from ocop_site.content.stories import SECTIONS
from ocop_site.i18n import N_, t
from ocop_site.model.catalog import Product, collation_key
from ocop_site.model.vocabulary import GROUPS
from ocop_site.targets.site import urls
from ocop_site.targets.site.labels import place_gloss, vn_date
from ocop_site.targets.site.maps import MapPoint, map_canvas, map_figure, place_item
from ocop_site.targets.site.renderer import PageRenderer
from ocop_site.targets.site.share_links import facebook_link, zalo_link
from ocop_site.targets.site.structured_data import product_jsonld
from ocop_site.targets.site.video import render_videos, share_video, video_objects

CERTIFICATE_STATUS = {"valid": N_("cert_valid"), "expiring": N_("cert_expiring"), "expired": N_("cert_expired")}
# keys the templates compose ("rating_" ~ stars, "qr_file_" ~ format…), named here so that they are extracted
TEMPLATE_KEYS = (N_("rating_3"), N_("rating_4"), N_("rating_5"), N_("language_name_vi"), N_("language_name_en"),
                 N_("qr_file_svg"), N_("qr_file_png"), N_("qr_file_pdf"), N_("stop_kind_showroom"),
                 N_("stop_kind_place"),
                 N_("printable_flyer-a5"), N_("printable_brochure-a4"), N_("printable_short_flyer-a5"),
                 N_("printable_short_brochure-a4"), N_("language_vi"), N_("language_en"), N_("producer_tourism"),
                 N_("where_to_buy_tourism"), N_("origin"), N_("origin_tourism"), N_("origin_text"),
                 N_("origin_text_tourism"), N_("for_producers_intro"), N_("for_producers_intro_tourism"))


class CataloguePages(PageRenderer):
    """The catalogue's own pages of one language: home, listings, map, downloads, search, products.
    The whole docs tree, with the press-kit and trip pages, is targets/docs_tree.py."""

    def pages(self) -> Iterator[tuple[str, str]]:
        yield from self._generate_pages()
        yield from self._generate_products()

    def _generate_pages(self) -> Iterator[tuple[str, str]]:
        """Every page but the products'."""
        yield from self._generate_home()
        yield from self._generate_about()
        yield from self._generate_listings()
        yield from self._generate_map()
        yield from self._generate_downloads()
        yield "search.md", self.render("search.md.j2", "search/")

    def _generate_products(self) -> Iterator[tuple[str, str]]:
        for product in self.catalog.products.values():
            path = urls.docs_file(urls.product_page(product.slug))
            shown = [] if product.record.withdrawn else self.catalog.related(product)  # a withdrawn page: always
            yield path, self.cached_page(path, [product], functools.partial(self._render_product, product),
                                         cacheable=not product.record.withdrawn, cards=shown)

    # -- page generators -------------------------------------------------------------------

    def _generate_home(self) -> Iterator[tuple[str, str]]:
        yield "index.md", self.render("home.md.j2", "", featured=self.catalog.featured(),
                                       groups=self._group_counts(), stars=self._star_counts(),
                                       total=len(self.catalog.products))

    def _generate_about(self) -> Iterator[tuple[str, str]]:
        yield "about.md", self.render(f"about.{self.language}.md.j2", "about/")

    def _generate_downloads(self) -> Iterator[tuple[str, str]]:
        yield "downloads.md", self.render("downloads.md.j2", "downloads/", sheets=self._group_counts(keys=True),
                                           products=self.catalog.sorted_by_name(self.language))

    def _generate_listings(self) -> Iterator[tuple[str, str]]:
        localities = sorted(self.catalog.by_locality().items(), key=lambda item: collation_key(item[0]))
        yield "catalogue.md", self.render(
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
        yield "map.md", self.render("map.md.j2", page, localities=localities, showrooms=showrooms,
                                     products=len(self.catalog.listed), place_item=place_item,
                                     canvas=map_canvas(self.catalog.site.map_tiles, language, "ocop-map-places"))

    def _showroom_point(self, showroom: Showroom) -> MapPoint:
        note = showroom.address + (f" ({t('approximate', self.language)})" if showroom.illustrative else "")
        return MapPoint(showroom.coordinates.lat, showroom.coordinates.lon, getattr(showroom.name, self.language),
                        note=note, kind="showroom")

    # -- renderers -------------------------------------------------------------------------

    def _render_listing(self, page: str, title: str, products: list[Product]) -> str:
        """A group's, commune's or star level's cards: read back unless one of its products changed (at 619
        products, 210 such pages a language; a story edit renders the three that show its product)."""
        ordered = sorted(products, key=lambda p: (collation_key(p.name(self.language)), p.slug))
        return self.cached_page(urls.docs_file(page), [], cards=ordered,
                                render=lambda: self.render("listing.md.j2", page, title=title, products=ordered))

    def _render_product(self, product: Product) -> str:
        page = urls.product_page(product.slug)
        record = product.record
        if record.withdrawn:
            same_group = [p for p in self.catalog.listed if p.record.group == record.group]
            return self.render("withdrawn.md.j2", page, record=record,
                                related=(same_group or self.catalog.listed)[:4])
        status = product.certificate_status(self.catalog.today)
        expires = vn_date(product.expires, self.language)
        base = self.catalog.site.site_url.rstrip("/") + "/"
        page_url = base + urls.LANGUAGE_PREFIX[self.language] + page
        photos = [self.pictures[(product.slug, i)] for i in range(len(record.images))]
        jsonld = product_jsonld(product, self.language, page_url,
                                [base + p.file(p.widths[-1], "jpg") for p in photos],
                                videos=video_objects(product, self.language, base))
        return self.render(
            "product.md.j2", page, product=product, record=record, story=product.stories[self.language],
            og_image=base + urls.share_card(product.slug, self.language), og_video=share_video(product, base),
            jsonld=jsonld,
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

    def _group_counts(self, keys: bool = False) -> list[tuple[str, str, int]]:
        """(name, page or group key, count) for each group that has products."""
        by_group = self.catalog.by_group()
        return [(GROUPS[g][self.language], g if keys else urls.group_page(g), len(by_group[g]))
                for g in GROUPS if g in by_group]

    def _star_counts(self) -> list[tuple[int, str, int]]:
        by_stars = self.catalog.by_stars()
        return [(s, urls.stars_page(s), len(by_stars[s])) for s in (5, 4, 3) if s in by_stars]
