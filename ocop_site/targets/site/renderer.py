"""Rendering one page of a language's Markdown docs tree: the Jinja environment, the values every
template sees (labels, links relative to the page, pictures), and the filters that keep content text
inert in Markdown. Shared by the catalogue's pages (pages.py) and the press-kit and trip pages, which
their own targets generate (press/pages.py, trips/pages.py)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ocop_site.content.records import Coordinates
from ocop_site.i18n import translator
from ocop_site.model.catalog import Catalog, Product
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS, SHOP_KINDS
from ocop_site.targets.site import urls
from ocop_site.targets.site.images import Picture
from ocop_site.targets.site.labels import intl_phone, place_gloss, place_in_english, tel_href, vn_date, vn_money

if TYPE_CHECKING:
    from ocop_site.targets.site.page_cache import PageCache

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


class PageRenderer:
    """Renders templates as pages of one language of the catalogue."""

    def __init__(self, catalog: Catalog, language: str, pictures: dict[tuple[str, int], Picture]) -> None:
        self.catalog = catalog
        self.language = language
        self.pictures = pictures
        self.env = environment()
        self.picture_template = self.env.get_template("picture.html.j2")
        self.picture_markup: dict[tuple, Markup] = {}
        self.page_cache: PageCache | None = None  # set by the site target: unchanged pages are read back

    def cached_page(self, path: str, products: list[Product], render: Callable[[], str],
                    cacheable: bool = True, cards: list[Product] | tuple[()] = ()) -> str:
        """The page at docs `path`, which shows `products` and the `cards` of others (templates/cards.html.j2), and
        nothing else from the catalogue."""
        if self.page_cache is None or not cacheable:
            return render()
        return self.page_cache.page(path, products, render, cards)

    def render(self, template: str, page: str, **context: object) -> str:
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


def _osm_link(coordinates: Coordinates | None, address: str | None) -> str:
    """A map link for a point of sale: its position when known, else a search for its address."""
    if coordinates is not None:
        lat, lon = f"{coordinates.lat:.5f}", f"{coordinates.lon:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return "https://www.openstreetmap.org/search?query=" + quote(address or "")
