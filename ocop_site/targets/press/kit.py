"""What a press kit says, once for its page and its zip: key facts, contacts, photo terms, file names,
and the plain-text documents of the zip."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ocop_site.content.records import SiteRecord
from ocop_site.i18n import LANGUAGES, N_, t
from ocop_site.model.catalog import Product
from ocop_site.model.vocabulary import GROUPS, PRODUCER_KINDS
from ocop_site.targets.press.texts import description
from ocop_site.targets.site.labels import vn_money


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    href: str = ""
    illustrative: bool = False


def press_page(slug: str) -> str:
    """The press kit's page (DESIGN.md: /press/<slug>/ and /en/press/<slug>/)."""
    return f"press/{slug}/"


def kit_zip(slug: str) -> str:
    return f"press/{slug}/{slug}-press-kit.zip"


def photo_name(product: Product, index: int) -> str:
    """A photo's file name as published, so that a downloaded photo says which product it shows."""
    return f"{product.slug}-" + product.record.images[index].file.replace("/", "-")


def photo_file(product: Product, index: int) -> str:
    return press_page(product.slug) + photo_name(product, index)


def page_url(site_url: str, page: str, language: str) -> str:
    return site_url.rstrip("/") + "/" + ("en/" if language == "en" else "") + page


def photo_terms(product: Product, site: SiteRecord) -> dict[str, str]:
    """The record's terms, else the site's, else the default: free editorial use with credit."""
    given = (product.record.press and product.record.press.photo_terms) or site.press_photo_terms
    return {language: getattr(given, language) if given else t("default_terms", language)
            for language in LANGUAGES}


def key_facts(product: Product, language: str, site_url: str, expired: dt.date | None = None) -> list[Fact]:
    """`expired`: the day the certificate ended, if it has: the rating then says so."""
    record = product.record
    other = "en" if language == "vi" else "vi"
    stars = t("national" if record.stars == 5 else "stars_count", language, n=record.stars)
    if expired:
        stars = t("rating_expired", language, stars=stars, date=_date(expired))
    place = f"{record.locality.commune}, {t('province', language)}"
    if record.locality.former_district:
        place += f" ({t('formerly', language, name=record.locality.former_district)})"
    cert = record.certificate
    facts = [
        Fact(t("name", language), getattr(record.name, language)),
        Fact(t("other_name", language), getattr(record.name, other)),
        Fact(t("ocop_rating", language), stars),
        Fact(t("group", language), GROUPS[record.group.value][language]),
        Fact(t("place_of_origin", language), place),
        Fact(t("coordinates", language), f"{record.coordinates.lat}, {record.coordinates.lon}"),
        Fact(t("producer", language), _producer(product, language),
             illustrative=record.producer.illustrative),
        Fact(t("certificate", language),
             t("decision_valid_until", language, number=cert.decision, recognized=_date(cert.recognized),
                         expires=_date(product.expires)), illustrative=cert.illustrative),
    ]
    for key in (N_("season"), N_("ingredients"), N_("shelf_life")):
        if getattr(record, key):
            facts.append(Fact(t(key, language), getattr(getattr(record, key), language)))
    if record.price_range:
        price = record.price_range
        facts.append(Fact(t("price_range", language), t(
            "price", language, min=vn_money(price.min, language), max=vn_money(price.max, language),
            per=getattr(price.per, language))))
    facts.append(Fact(t("qr_on_package", language), record.code))
    product_url = page_url(site_url, f"products/{product.slug}/", language)
    facts.append(Fact(t("page", language), product_url, href=product_url))
    return facts


def contacts(product: Product, language: str) -> list[Fact]:
    """The producer's contact, then the press contact if the record gives one."""
    producer = product.record.producer
    facts = [Fact(t("producer", language), _producer(product, language), illustrative=producer.illustrative),
             Fact(t("address", language), producer.address, illustrative=producer.illustrative)]
    if producer.phone:
        facts.append(Fact(t("phone", language), producer.phone,
                          href="tel:" + producer.phone.replace(" ", ""), illustrative=producer.illustrative))
    press = product.record.press
    contact = press.contact if press else None
    if contact:
        for key, href in (("name", ""), (N_("phone"), "tel:"), (N_("email"), "mailto:")):
            value = getattr(contact, key)
            if value:
                facts.append(Fact(t(N_("press_contact") if key == "name" else key, language), value,
                                  href=href + value.replace(" ", "") if href else "",
                                  illustrative=contact.illustrative))
    return facts


def kit_document(product: Product, language: str, site_url: str, terms: dict[str, str],
                 expired: dt.date | None = None) -> str:
    """press-kit.<language>.txt: everything of the kit in one language, as plain text."""
    name = getattr(product.record.name, language)
    title = t("press_title", language, name=name)
    lines = [title, "=" * len(title), "", page_url(site_url, press_page(product.slug), language), ""]
    for kind in (N_("short"), N_("long")):
        text = description(product, kind, language)
        heading = f"{t(kind, language)} ({t('words', language, n=text.words)})"
        lines += [heading, "-" * len(heading), "", *_between(text.paragraphs), ""]
    for key, facts in ((N_("facts"), key_facts(product, language, site_url, expired)),
                       (N_("contact"), contacts(product, language))):
        heading = t(key, language)
        lines += [heading, "-" * len(heading), ""]
        lines += [f"- {fact.label}: {fact.value}" + _marked(fact, language) for fact in facts]
        lines.append("")
    heading = t("press_photos", language)
    lines += [heading, "-" * len(heading), ""]
    for index, image in enumerate(product.record.images):
        lines.append(f"- photos/{photo_name(product, index)}: {getattr(image.alt, language)} "
                     f"{t('press_photo_credit', language)}: {image.credit_in(language)}")
    heading = t("photo_terms", language)
    lines += ["", heading, "-" * len(heading), "", terms[language], ""]
    return "\n".join(lines)


def credits_document(product: Product, terms: dict[str, str]) -> str:
    """credits-and-terms.txt: each photo with its credit, and the terms, in both languages."""
    title = " / ".join(t("credits_title", language) for language in LANGUAGES)
    lines = [title, "=" * len(title), ""]
    for index, image in enumerate(product.record.images):
        lines += [f"photos/{photo_name(product, index)}",
                  f"  {t('press_photo_credit', 'vi')} / {t('press_photo_credit', 'en')}: "
                  + " / ".join(dict.fromkeys(image.credit_in(language) for language in LANGUAGES)),
                  *(f"  {language}: {getattr(image.alt, language)}" for language in LANGUAGES), ""]
    for language in LANGUAGES:
        heading = t("photo_terms", language)
        lines += [heading, "-" * len(heading), "", terms[language], ""]
    return "\n".join(lines)


def _producer(product: Product, language: str) -> str:
    producer = product.record.producer
    kind = PRODUCER_KINDS[producer.kind.value][language]
    return producer.name if producer.name.casefold().startswith(kind.casefold()) else f"{producer.name} ({kind})"


def _marked(fact: Fact, language: str) -> str:
    return f" ({t('illustrative', language)})" if fact.illustrative else ""


def _between(paragraphs: tuple[str, ...]) -> list[str]:
    """Paragraphs separated by blank lines."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    return lines[:-1]


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")
