"""Stories as their rendered passages need them: a key for everything a story's HTML depends on,
and the kiosk's passages of every product, kept in the render cache.

Rendering a story's passages parses it twice and sanitises every part: ≈ 5 ms a story, 6 s for the
1,238 stories of 619 products. A product whose stories did not change takes its kiosk passages from
the cache, so a story edit renders one product's, not the catalogue's; printables and trip guides key
on `story_key` instead of rendering every story to compare it.
"""

from __future__ import annotations

import json
from pathlib import Path

from ocop_site.content import stories as stories_module
from ocop_site.content import story_markup
from ocop_site.content.stories import LEAD, SECTIONS, Story
from ocop_site.model.catalog import Product
from ocop_site.targets.cache import Files, Job, OutputCache, fingerprint, make_key, package_version

READER = fingerprint(Path(stories_module.__file__), Path(story_markup.__file__), Path(__file__),
                     extra=" ".join(f"{name}={package_version(name)}" for name in ("markdown-it-py", "nh3")))
KioskStory = tuple[str, list[tuple[str, str]]]  # the lead's HTML, and each section's heading and HTML


def story_key(story: Story) -> str:
    """Changes when the story's text, the story reader's code or its Markdown or HTML library changes."""
    return make_key("story", READER, story.language, story.source)


def kiosk_stories(products: list[Product], cache: OutputCache) -> dict[tuple[str, str], KioskStory]:
    """(slug, language) → the kiosk's lead and sections of each product's story."""
    jobs = {product.slug: Job(make_key("kiosk-stories", *sorted((language, story_key(story)) for language, story
                                                                 in product.stories.items())),
                              _kiosk_json, (product.stories,)) for product in products}
    cache.run(list(jobs.values()))
    parts: dict[tuple[str, str], KioskStory] = {}
    for slug, job in jobs.items():
        stored = json.loads(cache.path(job.key, "kiosk.json").read_bytes())
        for language, (lead, sections) in stored.items():
            parts[(slug, language)] = (lead, [(heading, html) for heading, html in sections])
    return parts


def _kiosk_json(stories: dict[str, Story]) -> Files:
    return {"kiosk.json": json.dumps({language: _kiosk_story(story) for language, story in stories.items()},
                                     ensure_ascii=False, sort_keys=True).encode()}


def _kiosk_story(story: Story) -> KioskStory:
    passages = story.passages
    return (passages[LEAD].kiosk_html if LEAD in passages else "",
            [(story.heading(key), passages[key].kiosk_html) for key in SECTIONS if key in passages])
