"""The videos of a press kit: listed with their credit and terms on the kit's page and in its zip
(videos.txt), with their captions; a self-hosted original goes into the zip when it is within the
site's 'video: press_zip_megabytes', otherwise the list gives its address on the site."""

from __future__ import annotations

import hashlib

from markupsafe import Markup, escape

from ocop_site.i18n import LANGUAGES, t
from ocop_site.model.catalog import Product
from ocop_site.targets.cache import file_digest
from ocop_site.targets.site.video import product_videos


def video_terms(product: Product, index: int, photo_terms: dict[str, str]) -> dict[str, str]:
    """The video's own terms, else the photos' (record, site or default)."""
    given = product.record.videos[index].terms
    return {language: getattr(given, language) if given else photo_terms[language] for language in LANGUAGES}


def in_zip(product: Product, index: int, limit_megabytes: float) -> bool:
    video = product.record.videos[index]
    return bool(video.file) and (product.media_dir / str(video.file)).stat().st_size <= limit_megabytes * 1_000_000


def _address(product: Product, index: int, site_url: str) -> str:
    files = product_videos(product)[index]
    return files.external.page if files.external else site_url.rstrip("/") + "/" + str(files.source)


def video_digest(product: Product) -> str:
    """The bytes of every video and caption file a kit may hold, for its cache key."""
    digest = hashlib.sha256()
    for video in product.record.videos:
        for name in (video.file, video.captions.vi, video.captions.en):
            if name:
                digest.update(file_digest(product.media_dir / name).encode())
    return digest.hexdigest()


def video_entries(product: Product, folder: str, site_url: str, photo_terms: dict[str, str],
                  limit_megabytes: float) -> dict[str, bytes]:
    """videos.txt, the caption files and the originals within the limit, by their name in the zip."""
    if not product.record.videos:
        return {}
    entries: dict[str, bytes] = {}
    title = " / ".join(t("press_videos_heading", language) for language in LANGUAGES)
    lines = [title, "=" * len(title), ""]
    for index, video in enumerate(product.record.videos):
        names = [getattr(video.captions, language) for language in LANGUAGES]
        for name in names:
            entries[f"{folder}videos/{name}"] = (product.media_dir / name).read_bytes()
        if in_zip(product, index, limit_megabytes):
            entries[f"{folder}videos/{video.file}"] = (product.media_dir / str(video.file)).read_bytes()
            where = f"videos/{video.file}"
        else:
            where = _address(product, index, site_url)
        terms = video_terms(product, index, photo_terms)
        lines += [where, *(f"  {language}: {getattr(video.title, language)}" for language in LANGUAGES),
                  f"  {t('duration', 'vi')} / {t('duration', 'en')}: {video.duration}",
                  f"  {t('press_video_credit', 'vi')} / {t('press_video_credit', 'en')}: "
                  + " / ".join(dict.fromkeys(video.credit_in(language) for language in LANGUAGES)),
                  f"  {t('captions', 'vi')} / {t('captions', 'en')}: "
                  + ", ".join(f"videos/{name}" for name in names)]
        if video.illustrative:
            lines.append(f"  ({t('illustrative_video', 'vi')} / {t('illustrative_video', 'en')})")
        lines += [*(f"  {t('video_terms', language)}: {terms[language]}" for language in LANGUAGES), ""]
    entries[f"{folder}videos.txt"] = "\n".join(lines).encode()
    return entries


def press_video_section(product: Product, language: str, root: str, site_url: str, photo_terms: dict[str, str],
                        limit_megabytes: float) -> Markup:
    """The videos section of a kit's page (empty without videos)."""
    if not product.record.videos:
        return Markup("")
    items = []
    for index, video in enumerate(product.record.videos):
        files = product_videos(product)[index]
        href = files.external.page if files.external else root + str(files.source)
        extra = f" ({escape(t('in_zip', language))})" if in_zip(product, index, limit_megabytes) else ""
        marked = f" <small class=\"ocop-illustrative\">({escape(t('illustrative_video', language))})</small>" \
            if video.illustrative else ""
        items.append(
            f"<li><a href=\"{escape(href)}\">{escape(getattr(video.title, language))}</a>{marked} · "
            f"{escape(video.duration)}{extra} · {escape(t('press_video_credit', language))}: "
            f"{escape(video.credit_in(language))} · "
            f"{escape(t('captions', language))}: "
            + ", ".join(f"<a href=\"{escape(root + files.captions(lang))}\" hreflang=\"{lang}\">{lang}</a>"
                        for lang in LANGUAGES)
            + f"<br>{escape(t('video_terms', language))}: {escape(video_terms(product, index, photo_terms)[language])}"
            "</li>")
    heading = escape(t("press_videos_heading", language))
    return Markup(f"## {heading} {{ #videos }}\n\n<ul class=\"ocop-press-videos\">\n"
                  + "\n".join(items) + "\n</ul>\n")
