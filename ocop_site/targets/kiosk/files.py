"""The kiosk target: /kiosk/ and /en/kiosk/, a full-screen touch app for fair booths that keeps
working offline (one page per language, its service worker, shared style, script and fonts)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import jinja2

from ocop_site.files import write_tree
from ocop_site.i18n import LANGUAGES, t, translator
from ocop_site.model.catalog import Catalog
from ocop_site.model.qr_payload import payload
from ocop_site.problems import ProgressLine
from ocop_site.targets.cache import OutputCache, file_digest, make_key
from ocop_site.targets.kiosk.offline import Revisions, service_worker, text_revision
from ocop_site.targets.kiosk.video import kiosk_videos, video_revisions
from ocop_site.targets.kiosk.views import featured_slugs, group_views, kiosk_picture
from ocop_site.targets.passages import KioskStory, kiosk_stories
from ocop_site.targets.qr.files import SOURCE as QR_SOURCE
from ocop_site.targets.site.images import Picture, picture_jobs

HERE = Path(__file__).parent
FONTS = HERE.parent / "site" / "assets" / "fonts"
FONT_FILES = [f"be-vietnam-pro-{subset}-{weight}-normal.woff2" for subset in ("latin", "vietnamese")
              for weight in (400, 700)]
DEFAULT_LANGUAGE = "vi"
FOLDER = {"vi": "kiosk/", "en": "en/kiosk/"}
TO_ROOT = {"vi": "../", "en": "../../"}  # from a kiosk folder to the site root
ASSETS = "kiosk/assets/"
SLIDE_SECONDS = 7


def render_kiosk(catalog: Catalog, work: Path, cache: OutputCache, progress: Callable[[str], None],
                 pictures: dict[tuple[str, int], Picture]) -> dict[str, Path]:
    """Write the kiosk into `work`; return site path → file. The photos and QR artwork it shows are
    made by the photo and QR steps; here they only get a revision for the precache list."""
    started = time.monotonic()
    env = _environment()
    files: dict[str, str | bytes] = {
        f"{ASSETS}kiosk.css": (HERE / "assets" / "kiosk.css").read_bytes(),
        f"{ASSETS}kiosk.js": (HERE / "assets" / "kiosk.js").read_bytes(),
    }
    stories = kiosk_stories(catalog.in_force, cache)
    for language in LANGUAGES:
        files[FOLDER[language] + "index.html"] = _page(env, catalog, language, pictures, stories)
    revisions: Revisions = {path.removesuffix("index.html"): text_revision(_bytes(data))
                            for path, data in files.items()}
    outputs: dict[str, Path] = {}
    for name in FONT_FILES:
        revisions[f"{ASSETS}fonts/{name}"] = file_digest(FONTS / name)[:16]
        outputs[f"{ASSETS}fonts/{name}"] = FONTS / name
    revisions.update(_photo_revisions(catalog, pictures))
    revisions.update(video_revisions(catalog))  # the site's video step makes the files
    for product in catalog.in_force:
        code = product.record.code
        revisions[f"qr/{code}.svg"] = make_key("qr", QR_SOURCE, payload(catalog.site.site_url, code))[:16]
    worker = env.get_template("sw.js.j2")
    for language in LANGUAGES:
        files[FOLDER[language] + "sw.js"] = service_worker(worker, language, TO_ROOT[language], revisions)
    write_tree(work, files)
    outputs.update({path: work / path for path in files})
    progress(ProgressLine("Kiosk: /kiosk/ and /en/kiosk/, {n} files precached for offline use ({seconds} s)",
                          n=len(revisions), seconds=f"{time.monotonic() - started:.1f}"))
    return outputs


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _page(env: jinja2.Environment, catalog: Catalog, language: str, pictures: dict[tuple[str, int], Picture],
          stories: dict[tuple[str, str], KioskStory]) -> str:
    groups = group_views(catalog, language, pictures, stories)
    by_slug = {product.slug: product for group in groups for product in group.products}
    settings = catalog.site.kiosk

    def count(n: int) -> str:
        return t("products_count", language, n=n)

    return env.get_template("kiosk.html.j2").render(
        lang=language, other_language="en" if language == "vi" else "vi", default_language=DEFAULT_LANGUAGE,
        title=getattr(catalog.site.title, language), groups=groups,
        featured=[by_slug[slug] for slug in featured_slugs(catalog)],
        root=TO_ROOT[language], assets=TO_ROOT[language] + ASSETS,
        kiosk_urls={lang: _relative(language, lang) for lang in LANGUAGES},
        attract_after=settings.attract_after_seconds, reset_after=settings.reset_after_seconds,
        slide_seconds=SLIDE_SECONDS, count=count, t=translator(language),
        videos=kiosk_videos(catalog, language),
    )


def _relative(from_language: str, to_language: str) -> str:
    """Link from one language's kiosk page to another's ('./' for itself)."""
    return "./" if from_language == to_language else TO_ROOT[from_language] + FOLDER[to_language]


def _photo_revisions(catalog: Catalog, pictures: dict[tuple[str, int], Picture]) -> Revisions:
    """Each photo's rendition, revised by the photo step's cache key (source bytes and recipe)."""
    in_force = {product.slug for product in catalog.in_force}
    shown = {key: picture for key, picture in pictures.items() if key[0] in in_force}
    jobs = picture_jobs(list(shown.values()))
    revisions: Revisions = {}
    for picture in shown.values():
        file, width, _ = kiosk_picture(picture)
        revisions[file] = make_key(jobs[picture].key, width)[:16]
    return revisions


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
