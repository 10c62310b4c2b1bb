"""The two MkDocs projects (vi at the site root, en under en/) sharing settings through INHERIT.

MkDocs runs once per language (in a fork of the build: mkdocs_fork.py), both at once for catalogues of
ordinary size, with SOURCE_DATE_EPOCH fixed so that its dated output (sitemap) is the same for the same input
on the same day.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import mkdocs
import yaml
from material import __version__ as material_version

from ocop_site.files import TreeChanges, write_tree
from ocop_site.i18n import LANGUAGES, t
from ocop_site.model.catalog import Catalog
from ocop_site.problems import ProgressLine
from ocop_site.targets.cache import fingerprint
from ocop_site.targets.site.hooks import CACHE_SETTING
from ocop_site.targets.site.mkdocs_fork import ForkedMkDocs, start_mkdocs
from ocop_site.targets.site.own_assets import SCRIPT, SCRIPT_BYTES, STYLE_BYTES, STYLESHEET

HERE = Path(__file__).parent
ROOTS = {"vi": {"vi": "", "en": "en/"}, "en": {"vi": "../", "en": ""}}


class MkDocsError(Exception):
    """MkDocs failed on generated pages: a bug in the generator, not in the content."""


def base_config() -> dict:
    return {
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "font": False,  # fonts are self-hosted (assets/fonts.css)
            # no "palette": the colours are set in assets/ocop.css (Material's "green" gives white
            # on #4caf50, contrast 2.8:1, below WCAG AA), and palette.css is one render-blocking
            # stylesheet less
            "features": ["navigation.top", "search.suggest", "toc.follow"],
        },
        "markdown_extensions": ["attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}],
        "plugins": [],  # search is Pagefind's (search_index.py): Material's index is megabytes at 619 products
        "extra_css": [STYLESHEET],
        "extra_javascript": [{"path": SCRIPT, "defer": True}],  # nothing on a page waits for it
        "use_directory_urls": True,
        "strict": True,
        "validation": {"nav": {"omitted_files": "ignore"}},
        "hooks": [str(HERE / "hooks.py")],
    }


def language_config(catalog: Catalog, language: str) -> dict:
    site_url = catalog.site.site_url.rstrip("/") + "/" + ("en/" if language == "en" else "")
    return {
        "INHERIT": "mkdocs.base.yml",
        "site_name": getattr(catalog.site.title, language),
        "site_url": site_url,
        "site_description": t("home_description", language),
        "docs_dir": f"../docs-{language}",
        "site_dir": f"../site-{language}",
        "theme": {"language": language},
        "nav": [
            {t("home", language): "index.md"},
            {t("catalogue", language): "catalogue.md"},
            {t("map", language): "map.md"},
            {t("trips", language): "trips.md"},
            {t("about", language): "about.md"},
            {t("search", language): "search.md"},
            {t("downloads", language): "downloads.md"},
        ],
        "extra": {
            "alternate": [
                {"name": t("language_name", other), "lang": other, "root": ROOTS[language][other],
                 "current": other == language}
                for other in LANGUAGES
            ],
            "generator": False,
            # one copy of /assets/ serves both languages: hooks.py points the en pages at the vi copy
            "shared_assets": "../" if language == "en" else "",
            "language_choice": _language_choice_script(),
            "search_page": t("search", language),
            "search_label": t("search_label", language),
            "search_placeholder": t("search_placeholder", language),
            "current_language": t("language_code", language),
        },
    }


def write_project(catalog: Catalog, project: Path,
                  pages: dict[str, Iterable[tuple[str, str]]]) -> dict[str, TreeChanges]:
    """Write configs, overrides, assets and each language's docs tree into `project`, touching only
    files whose bytes change; returns what changed per language ("config" for the shared parts). The
    pages may come one at a time (a generator): each is written and let go."""
    shared: dict[str, str | bytes] = {"mkdocs.base.yml": _yaml(base_config())}
    shared.update(_files(HERE / "overrides", "overrides/"))
    for language in LANGUAGES:
        shared[f"mkdocs.{language}.yml"] = _yaml(language_config(catalog, language))
    changes = {"config": write_tree(project / "config", shared)}
    assets = {path: data for path, data in _files(HERE / "assets", "assets/").items()
              if path not in ("assets/fonts.css", "assets/ocop.css", "assets/ocop.js")}
    assets.update({STYLESHEET: STYLE_BYTES, SCRIPT: SCRIPT_BYTES})
    for language in LANGUAGES:  # the en tree has no assets: its pages use the vi copy
        own = assets if language == "vi" else {}
        changes[language] = write_tree(project / f"docs-{language}", itertools.chain(own.items(), pages[language]))
    return changes


def config_digest(project: Path) -> str:
    """Everything besides the pages that shapes MkDocs's output: settings, overrides, hooks, versions."""
    return fingerprint(project / "config", HERE / "hooks.py",
                       extra=f"{mkdocs.__version__} {material_version}")


# Up to this many pages a language, both languages' MkDocs run at once (one per core). Above it they
# run one after the other: each holds all its pages in memory, ≈ 55 KB a page (620 MB at 10,112 pages,
# 5,000 products), and a large catalogue's build must stay within 2 GB (docs/performance.md).
TOGETHER_UP_TO = 3000


def run_mkdocs(project: Path, today: dt.date, progress, dirty: dict[str, bool], pages: int = 0,
               cache: Path | None = None) -> dict[str, float]:
    """Build the languages in `dirty` (at once when they have at most TOGETHER_UP_TO `pages` each), in
    MkDocs's dirty mode where it says so. `cache`: where the hooks keep work for the next MkDocs process."""
    epoch = int(dt.datetime.combine(today, dt.time(), dt.UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        env[CACHE_SETTING] = str(cache.absolute())  # MkDocs runs in the project's folder
    started = time.monotonic()
    batches = [list(dirty)] if pages <= TOGETHER_UP_TO else [[language] for language in dirty]
    seconds: dict[str, float] = {}
    for batch in batches:
        running = {language: _start_mkdocs(project, language, dirty[language], env) for language in batch}
        failures = []
        for language, process in running.items():
            output, _ = process.communicate()
            seconds[language] = time.monotonic() - started
            if process.returncode != 0:
                failures.append(f"MkDocs ({language}) failed:\n{output.strip()}")
            else:
                progress(ProgressLine("  MkDocs {language} (changed pages): {seconds} s" if dirty[language] else
                                      "  MkDocs {language} (all pages): {seconds} s", language=language,
                                      seconds=f"{seconds[language]:.1f}"))
        if failures:
            raise MkDocsError("\n".join(failures))
    return seconds


def _start_mkdocs(project: Path, language: str, dirty: bool, env: dict[str, str]) -> ForkedMkDocs:
    arguments = ["build", "--quiet", "--config-file", f"mkdocs.{language}.yml"]
    if dirty:
        arguments.append("--dirty")
    else:
        shutil.rmtree(project / f"site-{language}", ignore_errors=True)
    return start_mkdocs(f"mkdocs {language}", arguments, project / "config", env)


def _language_choice_script() -> str:
    """The script that picks a visitor's language, shared with the QR landing stub (stub.html.j2)."""
    return (HERE / "templates" / "language_choice.js").read_text(encoding="utf-8")


def _files(folder: Path, prefix: str) -> dict[str, str | bytes]:
    return {prefix + p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
