"""The one message catalogue: every word the generator shows a visitor, a print shop or an editor.

The sources are gettext catalogues, `locale/<language>/LC_MESSAGES/messages.po`, edited by hand and
compiled to the `.mo` files next to them with `pybabel compile -d ocop_site/locale -D messages`
(the compiled files are committed, so a checkout runs without a build step; a test fails when a
`.mo` is older than its `.po`). Two kinds of entries share the catalogue:

- interface labels have a stable key as msgid (`"stars"`, `"trip_days"`): templates and code name
  them, both languages give the text;
- content problems have their English text as msgid, with named placeholders
  (`"missing required field '{name}'"`): the English catalogue repeats it, the Vietnamese one
  translates it, and `ocop_site.problems` fills in the values in the language asked for.

A label with a plural (`msgid_plural`) takes its form from `n`: "1 product", "2 products";
Vietnamese has one form. An entry missing from a language is an error, never a silent fallback.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from collections.abc import Callable, Mapping
from pathlib import Path

from babel.messages.mofile import read_mo

LANGUAGES: tuple[str, ...] = ("vi", "en")  # the first is the site's main language (served at /)
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(key: str) -> str:
    """Marks a key that code picks at run time (`t(key, ...)` with a variable), so that it is extracted."""
    return key


class _Catalogue:
    def __init__(self, language: str) -> None:
        with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
            catalog = read_mo(file)
        self.texts: dict[str, str | tuple[str, ...]] = {}
        for message in catalog:  # a plural entry's id and string are lists: (singular, plural), forms
            if message.id:
                plural = isinstance(message.id, (list, tuple))
                self.texts[message.id[0] if plural else message.id] = (
                    tuple(message.string) if plural else message.string)
        self.plural = gettext.c2py(catalog.plural_expr)


@functools.cache
def _catalogue(language: str) -> _Catalogue:
    if language not in LANGUAGES:
        raise ValueError(f"no catalogue for language {language!r}; the languages are {', '.join(LANGUAGES)}")
    return _Catalogue(language)


def t(key: str, language: str, /, **values: object) -> str:
    """The text of `key` in `language`, its {placeholders} filled in; a plural entry takes its form from `n`."""
    text = _catalogue(language).texts[key]
    if isinstance(text, tuple):
        n = values["n"]  # a plural entry needs n; a text n (a template for the browser) takes the last form
        text = text[_catalogue(language).plural(n) if isinstance(n, int) else -1]
    return text.format(**values) if values else text


def written_date(day: dt.date, language: str) -> str:
    """A date as the pieces handed to visitors write it: 15/03/2028 in Vietnamese, 15 March 2028 in English
    (no day/month order for a foreign reader to misread)."""
    return day.strftime("%d/%m/%Y") if language == "vi" else f"{day.day} {day:%B %Y}"


def locale_language(environ: Mapping[str, str]) -> str:
    """The language of the messages from the locale, as gettext reads it: Vietnamese for vi_VN.UTF-8 and
    the like, English for any other (LC_ALL wins over LC_MESSAGES, which wins over LANG)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "vi" if environ[name].lower().startswith("vi") else "en"
    return "en"


def has(key: str, language: str) -> bool:
    return key in _catalogue(language).texts


def translator(language: str) -> Callable[..., str]:
    """`t` bound to one language, for templates: `{{ t("stars", n=4) }}`."""
    _check(language)

    def bound(key: str, /, **values: object) -> str:
        return t(key, language, **values)
    return bound


class Labels(Mapping[str, str]):
    """Every label of one language as a mapping, for templates written `{{ labels.guide }}`."""

    def __init__(self, language: str) -> None:
        self.language = _check(language)

    def __getitem__(self, key: str) -> str:
        return t(key, self.language)

    def __getattr__(self, key: str) -> str:
        try:
            return t(key, self.language)
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self):
        return iter(_catalogue(self.language).texts)

    def __len__(self) -> int:
        return len(_catalogue(self.language).texts)


def _check(language: str) -> str:
    _catalogue(language)
    return language
