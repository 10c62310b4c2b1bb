"""The two MkDocs projects (vi at the site root, en under en/) sharing settings through INHERIT.

MkDocs runs once per language, in parallel worker processes, with SOURCE_DATE_EPOCH fixed so
that its dated output (sitemap) is the same for the same input on the same day.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ocop_site.model.catalog import Catalog
from ocop_site.targets.site.labels import label

HERE = Path(__file__).parent
LANGUAGES = ("vi", "en")
ROOTS = {"vi": {"vi": "", "en": "en/"}, "en": {"vi": "../", "en": ""}}


class MkDocsError(Exception):
    """MkDocs failed on generated pages: a bug in the generator, not in the content."""


def base_config() -> dict:
    return {
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "font": False,  # fonts are self-hosted (assets/fonts.css)
            "palette": {"scheme": "default", "primary": "green", "accent": "amber"},
            "features": ["navigation.top", "search.suggest", "toc.follow"],
        },
        "markdown_extensions": ["attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}],
        "plugins": ["search"],
        "extra_css": ["assets/fonts.css", "assets/ocop.css"],
        "extra_javascript": ["assets/ocop.js"],
        "use_directory_urls": True,
        "strict": True,
        "validation": {"nav": {"omitted_files": "ignore"}},
    }


def language_config(catalog: Catalog, language: str) -> dict:
    site_url = catalog.site.site_url.rstrip("/") + "/" + ("en/" if language == "en" else "")
    return {
        "INHERIT": "mkdocs.base.yml",
        "site_name": getattr(catalog.site.title, language),
        "site_url": site_url,
        "site_description": label("home_description", language),
        "docs_dir": f"docs-{language}",
        "site_dir": f"site-{language}",
        "theme": {"language": language},
        "plugins": [{"search": {"lang": language}}],
        "nav": [
            {label("home", language): "index.md"},
            {label("catalogue", language): "catalogue.md"},
            {label("about", language): "about.md"},
            {label("downloads", language): "downloads.md"},
        ],
        "extra": {
            "alternate": [
                {"name": label("language_name", other), "lang": other, "root": ROOTS[language][other],
                 "current": other == language}
                for other in LANGUAGES
            ],
            "generator": False,
        },
    }


def write_project(catalog: Catalog, project: Path, pages: dict[str, dict[str, str]]) -> None:
    """Write configs, overrides, assets and each language's docs tree into `project`."""
    project.mkdir(parents=True, exist_ok=True)
    _dump(project / "mkdocs.base.yml", base_config())
    shutil.copytree(HERE / "overrides", project / "overrides")
    for language in LANGUAGES:
        _dump(project / f"mkdocs.{language}.yml", language_config(catalog, language))
        docs = project / f"docs-{language}"
        shutil.copytree(HERE / "assets", docs / "assets")
        for path, text in pages[language].items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def run_mkdocs(project: Path, today: dt.date, progress) -> dict[str, float]:
    """Build both languages at once; return seconds per language."""
    epoch = int(dt.datetime.combine(today, dt.time(), dt.UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    started = time.monotonic()
    running = {
        language: subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", f"mkdocs.{language}.yml"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for language in LANGUAGES
    }
    seconds: dict[str, float] = {}
    failures = []
    for language, process in running.items():
        output, _ = process.communicate()
        seconds[language] = time.monotonic() - started
        if process.returncode != 0:
            failures.append(f"MkDocs ({language}) failed:\n{output.strip()}")
        else:
            progress(f"  MkDocs {language}: {seconds[language]:.1f} s")
    if failures:
        raise MkDocsError("\n".join(failures))
    return seconds


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
