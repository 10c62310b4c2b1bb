"""The hooks' theme listing (hooks.on_config): MkDocs finds the same theme files without walking Material's icons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from ocop_site.targets.site import hooks


@pytest.fixture(scope="module")
def config(sample_site: Path):
    """The sample site's English MkDocs configuration, as its build wrote it."""
    folder = sample_site.parent / ".work" / "mkdocs" / "config"
    here = os.getcwd()
    os.chdir(folder)  # the configuration names its folders relative to itself
    try:
        yield load_config(str(folder / "mkdocs.en.yml"))
    finally:
        os.chdir(here)


def theme_files(env, config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_mkdocs_finds_the_same_theme_files(config) -> None:
    plain = Theme.get_env(config.theme)  # MkDocs's own environment, the hooks' listing not installed
    hooks.on_config(config)
    hooked = config.theme.get_env()
    assert hooked.loader.list_templates != plain.loader.list_templates
    expected = theme_files(plain, config)
    assert len(expected) > 20 and all(uri.startswith("assets/") for uri, _ in expected)
    assert theme_files(hooked, config) == expected


def test_the_listing_leaves_out_only_what_is_under_a_dot_folder(config) -> None:
    hooks.on_config(config)
    env = config.theme.get_env()
    everything = Theme.get_env(config.theme).loader.list_templates()
    listed = env.loader.list_templates()
    assert sum(name.startswith(".icons/") for name in everything) > 10_000
    assert listed == [name for name in everything if not any(part.startswith(".") for part in name.split("/"))]
    # the icons are still templates: Material's partials include them by name
    assert "<svg" in env.get_template(".icons/material/magnify.svg").render()
