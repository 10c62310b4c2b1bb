"""MkDocs hooks (named in the generated config) that keep Material's search index whole.

In dirty mode MkDocs renders only the pages whose source changed, and the search plugin then
writes an index of those pages alone. This hook merges them into the last full index, kept next
to the MkDocs project, and sorts the entries so a dirty build and a clean build give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

_state = {"dirty": False, "rebuilt": set()}


def on_startup(command: str, dirty: bool) -> None:
    _state["dirty"] = dirty


def on_pre_build(config) -> None:
    _state["rebuilt"] = set()


def on_page_context(context, page, config, nav):
    _state["rebuilt"].add(page.url)
    return context


def on_post_build(config) -> None:
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():
        return
    kept = Path(config.site_dir).parent / f"search-index-{config.theme['language']}.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if _state["dirty"] and kept.is_file():
        previous = json.loads(kept.read_text(encoding="utf-8"))
        rebuilt = _state["rebuilt"]
        index["docs"] += [doc for doc in previous["docs"] if doc["location"].split("#")[0] not in rebuilt]
    index["docs"].sort(key=lambda doc: doc["location"])
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(text, encoding="utf-8")
    kept.write_text(text, encoding="utf-8")
