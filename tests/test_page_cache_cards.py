"""A product shown only as a card counts by what its card shows (ocop_site/targets/site/page_cache.py,
CARD_FACTS): a sentence added to a story renders that product's own pages again, not every page that shows
its card; a change its card shows renders them all."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import TODAY, edit

from ocop_site.pipeline.builder import build
from ocop_site.targets.site.page_cache import CARD_FACTS

CARDS = Path(__file__).resolve().parent.parent / "ocop_site" / "targets" / "site" / "templates" / "cards.html.j2"


def test_the_card_facts_are_what_the_card_template_shows():
    """A fact the card shows but the key leaves out would leave a stale card on every page that shows it."""
    template = CARDS.read_text(encoding="utf-8")
    shown = set(re.findall(r"\bp\.[\w.]+(?:\([\w, ]*\))?", template))
    assert shown == {fact for fact in CARD_FACTS if fact.startswith("p.")}
    assert "picture(p.slug, 0," in template and "picture(p.slug, 0" in CARD_FACTS


def _rendered(messages: list[str]) -> int:
    """Pages rendered (not read back) in both languages, from the build's progress line."""
    line = next(m for m in messages if m.startswith("Pages generated: "))
    per_language, reused = map(int, re.findall(r"\d+", line)[:2])
    return 2 * per_language - reused


def _cards(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [card.get_text(" ", strip=True) for card in soup.select(".ocop-card .ocop-card__name")]


def test_a_story_edit_renders_its_own_pages_and_a_name_change_every_card(built_content):
    content, out = built_content, Path("out")  # two products built into out/: a copy of one build
    today = dt.date.fromisoformat(TODAY)
    build(content, out, today=today, preview=True)  # its page keys recorded for this folder (previews: the
    # pages are what is under test, not the printables)
    story = content / "stories" / "product-000.vi.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThêm một câu về Đức Phổ.\n", encoding="utf-8")
    messages: list[str] = []
    build(content, out, today=today, progress=lambda line: messages.append(line.text("en")), preview=True)
    always = _rendered(messages)  # the home, catalogue, map, downloads, search and about pages: never read back
    story.write_text(story.read_text(encoding="utf-8") + "\nVà một câu nữa.\n", encoding="utf-8")
    messages.clear()
    build(content, out, today=today, progress=lambda line: messages.append(line.text("en")), preview=True)
    assert _rendered(messages) == always
    # the same, with the content folder given by its absolute path: no key holds a path (a photo's source, say)
    story.write_text(story.read_text(encoding="utf-8") + "\nVà câu thứ ba.\n", encoding="utf-8")
    messages.clear()
    build(content.resolve(), out, today=today, progress=lambda line: messages.append(line.text("en")), preview=True)
    assert _rendered(messages) == always
    related = out / "site" / "products" / "product-001" / "index.html"
    assert _cards(related) == ["Đường phổi Đức Phổ số 0"]
    showing = [path for path in sorted((out / "site").rglob("index.html")) if "Đường phổi Đức Phổ số 0" in _cards(path)]
    assert related in showing and len(showing) >= 4  # the other product's page; its group, commune and stars
    # the name shows on its card: every page that shows the card is rendered again
    edit(content / "products" / "product-000.yaml", "Đường phổi Đức Phổ số 0", "Đường phèn Đức Phổ số 0")
    messages.clear()
    build(content, out, today=today, progress=lambda line: messages.append(line.text("en")), preview=True)
    assert _rendered(messages) > always
    for path in showing:
        assert "Đường phèn Đức Phổ số 0" in _cards(path) and "Đường phổi Đức Phổ số 0" not in _cards(path), path
