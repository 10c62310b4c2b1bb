"""The press-kit page of each listed product, in the language of a docs tree (/press/<slug>/).

The page shows the texts of the kit, web-size previews of the photos (the site's own renditions)
and links to the full-resolution originals and the zip that the press target publishes beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ocop_site.i18n import t
from ocop_site.model.catalog import Product
from ocop_site.targets.press.kit import contacts, key_facts, kit_zip, photo_file, photo_terms, press_page
from ocop_site.targets.press.labels import file_size
from ocop_site.targets.press.texts import description
from ocop_site.targets.press.videos import press_video_section
from ocop_site.targets.site import urls
from ocop_site.targets.site.renderer import PageRenderer

TEXTS_SIZE = 20_000  # about what the texts add to the photos in a zip, for the size shown on the link


def press_pages(tree: PageRenderer) -> Iterator[tuple[str, str]]:
    for product in tree.catalog.listed:
        page = press_page(product.slug)
        path = urls.docs_file(page)
        yield path, tree.cached_page(path, [product], functools.partial(_render_press_page, tree, product, page))


def _render_press_page(tree: PageRenderer, product: Product, page: str) -> str:
    language, site = tree.language, tree.catalog.site
    record = product.record
    photos = []
    for index, image in enumerate(record.images):
        picture = tree.pictures[(product.slug, index)]
        size = product.image_path(index).stat().st_size
        photos.append({"index": index, "file": photo_file(product, index), "credit": image.credit_in(language),
                       "alt": getattr(image.alt, language), "bytes": size,
                       "label": t("photo_file", language, width=picture.width, height=picture.height,
                                            size=file_size(size, language))})
    kit_size = file_size(sum(photo["bytes"] for photo in photos) + TEXTS_SIZE, language)
    name = product.name(language)
    return tree.render(
        "press.md.j2", page, product=product, record=record, name=name,
        short=description(product, "short", language), long=description(product, "long", language),
        facts=key_facts(product, language, site.site_url, product.expired(tree.catalog.today)),
        contacts=contacts(product, language),
        photos=photos, terms=photo_terms(product, site)[language], zip_file=kit_zip(product.slug),
        videos=press_video_section(product, language, urls.to_site_root(page, language), site.site_url,
                                   photo_terms(product, site), site.video.press_zip_megabytes),
        download=t("press_download", language, photos=len(photos), size=kit_size),
        og_image=site.site_url.rstrip("/") + "/" + urls.share_card(product.slug, language),
    )
