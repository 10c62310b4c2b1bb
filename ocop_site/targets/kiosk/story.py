"""Story sections as HTML for the kiosk: the safe Markdown of content/stories.py, with links turned
into plain text (a kiosk never leaves itself) and pictures into their alt text (no remote image)."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor

HEADING_SHIFT = 1  # the kiosk's section headings are h3, a story's '###' becomes h4


class _KioskText(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img":
                alt = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = alt
            elif len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + HEADING_SHIFT)}"


class _KioskExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_KioskText(md), "kiosk-text", 0)
        md.preprocessors.deregister("html_block")  # defence in depth: the parser already escaped '<'
        md.inlinePatterns.deregister("html")


def story_html(text: str) -> str:
    """HTML of a lead or a section body (already neutralized by the story parser: no raw HTML)."""
    return _converter().reset().convert(text)


@functools.cache
def _converter() -> markdown.Markdown:
    """One converter per process: building Markdown's parser costs more than converting a section."""
    return markdown.Markdown(extensions=["sane_lists", _KioskExtension()], output_format="html")
