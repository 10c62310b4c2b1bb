"""What a printed piece gives up, step by step, when even its shortest story excerpts leave no room.

Every text a piece prints whole is bounded by validation (content/records.PRINTED). A piece's variants
are its story limits, then its trims one after another, each keeping the ones before: with all of them
applied, a record at every bound still fits (tests/test_print_maxima.py), so a record `validate`
accepts always prints and "does not fit" is a fault of the generator, not of the content. A trim drops
a whole block or part of a list, never part of a fact; points of sale left out are counted on the page
("and 2 more points of sale on the product page"), where the QR code leads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ocop_site.i18n import t
from ocop_site.model.catalog import Product

Context = dict[str, object]
Trim = Callable[[Context], Context]


def with_trims(context: Context, trims: Sequence[Trim], count: int) -> Context:
    """`context` with the first `count` trims applied, in order."""
    for trim in trims[:count]:
        context = trim(context)
    return context


def keep_shops(keep: int) -> Trim:
    """At most `keep` points of sale printed; the others counted, with where to find them."""

    def trim(context: Context) -> Context:
        facts = dict(context["p"])  # type: ignore[arg-type]
        shops, language = list(facts["shops"]), str(facts["language"])
        left_out = len(shops) - min(keep, len(shops)) + int(facts.get("more_shops", 0))
        facts["shops"] = shops[:keep]
        facts["more_shops"] = left_out
        facts["more_shops_text"] = "" if not left_out else t("more_shops", language, n=left_out) if keep \
            else t("shops_on_page", language, n=left_out)
        return {**context, "p": facts}

    return trim


def replace(key: str, value: object) -> Trim:
    """The block `key` of the template context replaced by a smaller one (a smaller map, no excerpt)."""

    def trim(context: Context) -> Context:
        return {**context, key: value}

    return trim


def drop(key: str) -> Trim:
    """The block `key` of the template context left out (the templates skip an empty one)."""
    return replace(key, None)


def drop_facts(*keys: str) -> Trim:
    """Facts of the product (`p`) left out: a list emptied, e.g. the brochure's details."""

    def trim(context: Context) -> Context:
        facts = dict(context["p"])  # type: ignore[arg-type]
        return {**context, "p": {**facts, **{key: [] for key in keys}}}

    return trim


def credits(product: Product, language: str, printed: Sequence[int]) -> list[str]:
    """The credits of the photos a piece prints, each once, in order."""
    images = product.record.images
    return list(dict.fromkeys(images[i].credit_in(language) for i in printed if i < len(images)))
