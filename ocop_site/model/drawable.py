"""A product name the share card cannot draw is an error of its record (the rule: content/drawable.py)."""

from __future__ import annotations

from ocop_site.content.drawable import undrawable_problem
from ocop_site.i18n import LANGUAGES
from ocop_site.model.product import Product
from ocop_site.problems import Problem


def name_problems(product: Product) -> list[Problem]:
    """An error for each name of the product with a character the share card cannot draw."""
    found = (undrawable_problem(product.source.as_posix(), product.line(f"name.{field}"), f"name.{field}",
                                getattr(product.record.name, field)) for field in LANGUAGES)
    return [problem for problem in found if problem is not None]
