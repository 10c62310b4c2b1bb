"""The CSS a page can use (targets/site/css_subset.py), on small stylesheets: what is kept, what
is dropped and what is kept to be safe; and the subsets a build keeps for its next MkDocs process."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from ocop_site.targets.site import css_subset, hooks
from ocop_site.targets.site.css_subset import subset, vocabulary

PAGE = ('<html><body class="md-typeset"><nav data-md-toggle="drawer"><a class="ocop-card" href="#">Tỏi Lý Sơn</a>'
        '</nav><script>document.body.classList.add("ocop-đã-mở")</script>'
        '<script type="application/ld+json">{"name": "md-banner"}</script></body></html>')


def test_a_rule_stays_when_every_name_it_needs_is_on_the_page() -> None:
    css = (".md-typeset a{color:red}.md-banner{color:blue}nav[data-md-toggle]{top:0}table{width:1px}"
           ".ocop-card:hover,.md-tabs{color:green}")
    assert subset(css, vocabulary(PAGE)) == \
        ".md-typeset a{color:red}nav[data-md-toggle]{top:0}.ocop-card:hover{color:green}"


def test_classes_in_scripts_count_but_words_of_data_do_not() -> None:
    css = ".ocop-đã-mở{display:block}.md-banner{display:none}.ocop-map--open{height:1px}"
    assert subset(css, vocabulary(PAGE, scripts='figure.classList.add("ocop-map--open")')) == \
        ".ocop-đã-mở{display:block}.ocop-map--open{height:1px}"


def test_is_where_and_has_need_one_possible_selector_and_not_is_ignored() -> None:
    css = (".md-typeset :is(.admonition,a){margin:0}.md-typeset :is(.admonition,details){margin:1px}"
           "a:not(.md-button){color:red}:where(.x) a{color:blue}")
    assert subset(css, vocabulary(PAGE)) == ".md-typeset :is(.admonition,a){margin:0}a:not(.md-button){color:red}"


def test_media_blocks_keep_their_kept_rules_and_go_when_empty() -> None:
    css = "@media screen and (max-width:76em){.ocop-card{float:none}.md-tabs{display:none}}@media print{.md-tabs{x:y}}"
    assert subset(css, vocabulary(PAGE)) == "@media screen and (max-width:76em){.ocop-card{float:none}}"


def test_custom_properties_nothing_reads_are_dropped() -> None:
    css = (":root{--used:red;--chain:var(--deep);--deep:1px;--unused:url(\"data:image/svg+xml,<svg></svg>\")}"
           "a{color:var(--used)}")
    assert subset(css, vocabulary(PAGE)) == ":root{--used:red}a{color:var(--used)}"
    assert subset(css, vocabulary(PAGE), readers=".x{margin:var(--chain)}") == \
        ":root{--used:red;--chain:var(--deep);--deep:1px}a{color:var(--used)}"


def test_keyframes_and_page_rules_are_kept() -> None:
    css = "@keyframes spin{0%{opacity:0}}@page{margin:0}.md-tabs{x:y}"
    assert subset(css, vocabulary(PAGE)) == "@keyframes spin{0%{opacity:0}}@page{margin:0}"


def test_a_selector_with_an_escape_is_kept_to_be_safe() -> None:
    assert subset(r".md\:wide{width:1px}", vocabulary(PAGE)) == r".md\:wide{width:1px}"


CSS = ".md-typeset a{color:red}.md-banner{color:blue}:root{--unread:1px}"


def _entries(folder: Path) -> dict[Path, dict]:
    return {path: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.rglob("*.json"))}


def test_a_kept_subset_is_what_the_next_process_uses_and_a_damaged_one_is_made_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(css_subset, "_known", {})  # each step as a new MkDocs process sees the folder
    made = subset(CSS, vocabulary(PAGE), keep=tmp_path)
    assert made == subset(CSS, vocabulary(PAGE)) == ".md-typeset a{color:red}"
    entries = _entries(tmp_path)
    assert sorted(entry["value"] if isinstance(entry["value"], str) else "names" for entry in entries.values()) == \
        [".md-typeset a{color:red}", "names"]
    kept = next(path for path, entry in entries.items() if entry["value"] == made)

    planted = ".md-typeset a{color:blue}"  # whole: its digest matches, so a later process takes it
    kept.write_text(json.dumps({"value": planted, "sha256": hashlib.sha256(json.dumps(planted).encode()).hexdigest()}))
    monkeypatch.setattr(css_subset, "_known", {})
    assert subset(CSS, vocabulary(PAGE), keep=tmp_path) == planted

    kept.write_text(json.dumps({"value": planted, "sha256": entries[kept]["sha256"]}))  # damaged by hand
    monkeypatch.setattr(css_subset, "_known", {})
    assert subset(CSS, vocabulary(PAGE), keep=tmp_path) == made
    assert _entries(tmp_path)[kept] == entries[kept]  # made again, whole
    kept.write_bytes(b'{"value": ".md-ty')  # cut off
    monkeypatch.setattr(css_subset, "_known", {})
    assert subset(CSS, vocabulary(PAGE), keep=tmp_path) == made


def test_a_folder_that_cannot_be_written_costs_only_the_time(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(css_subset, "_known", {})
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert subset(CSS, vocabulary(PAGE), keep=blocked / "subsets") == ".md-typeset a{color:red}"


def test_a_build_keeps_the_subsets_its_pages_hold_in_the_render_cache(built_content) -> None:
    kept = Path(os.environ["OCOP_SITE_CACHE"]) / "mkdocs" / "css-subsets"
    values = {entry["value"] for entry in _entries(kept).values() if isinstance(entry["value"], str)}
    page = (Path("out/site/products/product-000/index.html")).read_text(encoding="utf-8")
    inline = BeautifulSoup(page, "html.parser").select("head style")
    assert len(inline) == 2 and inline[0].string in values


def test_templates_that_cannot_be_kept_are_compiled_as_before(tmp_path, monkeypatch) -> None:
    """The hooks give Material's Jinja environment a bytecode cache in the folder the build names; one
    that cannot be made or written costs only the time."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    monkeypatch.setenv(hooks.CACHE_SETTING, str(tmp_path / "kept"))

    def render() -> str:
        env = hooks.on_env(Environment(loader=FileSystemLoader(tmp_path / "templates")), config=None, files=None)
        return env.get_template("page.html").render(name="Tỏi Lý Sơn")

    assert render() == "<p>Tỏi Lý Sơn</p>"
    assert len(list((tmp_path / "kept" / "templates").glob("*.template"))) == 1
    shutil.rmtree(tmp_path / "kept" / "templates")
    (tmp_path / "kept" / "templates").write_text("a file where the folder was", encoding="utf-8")
    assert render() == "<p>Tỏi Lý Sơn</p>"  # no folder: no cache
    (tmp_path / "kept" / "templates").unlink()
    env = hooks.on_env(Environment(loader=FileSystemLoader(tmp_path / "templates")), config=None, files=None)
    (tmp_path / "kept" / "templates").rmdir()  # gone before the template is kept
    assert env.get_template("page.html").render(name="Đà") == "<p>Đà</p>"
