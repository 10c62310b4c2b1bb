"""Videos at the kiosk: the self-hosted ones that fit in the offline budget (site.yaml, 'video:'),
precached with their captions and posters so that they play with the hall's wifi down. YouTube and
Facebook videos are not shown: the kiosk works offline and no link leaves it."""

from __future__ import annotations

from dataclasses import dataclass

from ocop_site.content.videos import kiosk_selection
from ocop_site.i18n import LANGUAGES
from ocop_site.model.catalog import Catalog
from ocop_site.targets.cache import file_digest
from ocop_site.targets.kiosk.offline import Revisions
from ocop_site.targets.site.video import TYPES, VideoFiles, poster_size, video_job


@dataclass(frozen=True)
class KioskVideo:
    title: str
    credit: str
    source: str  # site paths
    type: str
    poster: str
    width: int
    height: int
    captions: list[tuple[str, str, bool]]  # (language, site path, shown by default)


def _chosen(catalog: Catalog) -> list[VideoFiles]:
    chosen, _left_out = kiosk_selection([(p.slug, p.media_dir, p.record.videos) for p in catalog.listed],
                                        catalog.site.video.kiosk_budget_megabytes)
    return [VideoFiles(catalog.products[video.slug], video.index,
                       catalog.products[video.slug].record.videos[video.index]) for video in chosen]


def kiosk_videos(catalog: Catalog, language: str) -> dict[str, list[KioskVideo]]:
    """Slug → the videos its kiosk view shows."""
    views: dict[str, list[KioskVideo]] = {}
    for files in _chosen(catalog):
        video, source = files.video, str(files.source)
        width, height = poster_size(files)
        views.setdefault(files.product.slug, []).append(KioskVideo(
            title=getattr(video.title, language), credit=video.credit_in(language), source=source,
            type=TYPES[source[source.rfind("."):]], poster=files.poster("webp"), width=width, height=height,
            captions=[(lang, files.captions(lang), lang == language) for lang in LANGUAGES]))
    return views


def video_revisions(catalog: Catalog) -> Revisions:
    """The kiosk's videos, captions and posters for the precache list, each revised by its source."""
    revisions: Revisions = {}
    for files in _chosen(catalog):
        media, video = files.product.media_dir, files.video
        revisions[str(files.source)] = file_digest(media / str(video.file))[:16]
        for language in LANGUAGES:
            revisions[files.captions(language)] = file_digest(media / getattr(video.captions, language))[:16]
        revisions[files.poster("webp")] = video_job(files).key[:16]
    return revisions
