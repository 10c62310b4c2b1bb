"""The CSS a page can use (targets/site/css_subset.py), on small stylesheets: what is kept, what
is dropped and what is kept to be safe."""

from __future__ import annotations

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
