"""Names of the official OCOP categories in both languages (Decision 148/QĐ-TTg, 2023).

The words are in the message catalogue (`group_food`, `producer_household`, …); these tables, value →
{language: name}, are built from it once, in the order the programme lists them (the booklet sorts by it).
"""

from __future__ import annotations

from ocop_site.i18n import LANGUAGES, N_, t


def _names(keys: dict[str, str]) -> dict[str, dict[str, str]]:
    return {value: {language: t(key, language) for language in LANGUAGES} for value, key in keys.items()}


GROUPS: dict[str, dict[str, str]] = _names({
    "food": N_("group_food"),
    "beverages": N_("group_beverages"),
    "herbal": N_("group_herbal"),
    "textiles": N_("group_textiles"),
    "souvenirs": N_("group_souvenirs"),
    "tourism": N_("group_tourism"),
})

PRODUCER_KINDS: dict[str, dict[str, str]] = _names({
    "enterprise": N_("producer_enterprise"),
    "cooperative": N_("producer_cooperative"),
    "cooperative-group": N_("producer_cooperative_group"),
    "household": N_("producer_household"),
})

SHOP_KINDS: dict[str, dict[str, str]] = _names({
    "shop": N_("shop_shop"),
    "showroom": N_("shop_showroom"),
    "online": N_("shop_online"),
})
