"""The video block of a flyer or brochure: where a piece mentions the product's videos, it says how to
watch them — a QR code and a printed short link to the videos section of the product page.

The link goes to the product page (`…/products/<slug>/#video`), never to YouTube or Facebook: the page
is the address that lasts, it shows every video of the product, and it asks before contacting a video
host. Its QR code is a vector like the packaging code's, at error correction M (the page address in
byte mode is longer than a packaging code), with modules of at least 0.5 mm.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import qrcode
from markupsafe import Markup, escape
from qrcode.constants import ERROR_CORRECT_M

from ocop_site.i18n import t
from ocop_site.model.catalog import Product
from ocop_site.targets.printables.facts import display_url
from ocop_site.targets.qr.artwork import MIN_MODULE_MM, to_svg, width_modules
from ocop_site.targets.qr.symbol import Symbol
from ocop_site.targets.site import urls

VIDEO_QR_MM = 20  # printed width, quiet zone included, unless the symbol needs more for 0.5 mm modules
ANCHOR = "#video"  # the product page's videos section (targets/site/templates/videos.html.j2)


def video_link(product: Product, language: str, site_url: str) -> Markup:
    """The block, or nothing when the product has no video."""
    videos = product.record.videos
    if not videos:
        return Markup("")
    address = video_address(site_url, language, product.slug)
    symbol = _symbol(address)
    module_mm = max(MIN_MODULE_MM, VIDEO_QR_MM / width_modules(symbol))
    width_mm = module_mm * width_modules(symbol)
    heading = t("video_watch", language) if len(videos) == 1 else t("video_watch_many", language, n=len(videos))
    titles = "".join(f'<p style="margin: 0.6mm 0 0; font-weight: 600">{escape(getattr(video.title, language))} '
                     f'<span style="font-weight: 400">· {escape(video.duration)}</span></p>' for video in videos)
    return Markup(
        f'<div class="video-link" style="display: flex; gap: 3mm; align-items: center; margin-top: 3mm; '
        f'break-inside: avoid">'
        f'<div class="video-qr" style="flex: 0 0 {width_mm:.2f}mm; width: {width_mm:.2f}mm">'
        f'{Markup(to_svg(symbol, module_mm=module_mm))}</div>'
        f'<div class="video-text" style="font-size: 0.78em; line-height: 1.3">'
        f'<p style="margin: 0; text-transform: uppercase; letter-spacing: 0.04em; font-weight: 700">'
        f'▶ {escape(heading)}</p>{titles}'
        f'<p class="video-url" style="margin: 0.8mm 0 0">{escape(video_display_url(site_url, language, product.slug))}'
        f'</p></div></div>'
    )


def video_address(site_url: str, language: str, slug: str) -> str:
    """The QR payload: the videos section of the product page, scheme and host in upper case (QR
    alphanumeric mode takes them in fewer modules; both are case-insensitive)."""
    parts = urlsplit(site_url)
    root = f"{parts.scheme.upper()}://{parts.netloc.encode('idna').decode('ascii').upper()}{parts.path.rstrip('/')}/"
    return root + urls.LANGUAGE_PREFIX[language] + urls.product_page(slug) + ANCHOR


def video_display_url(site_url: str, language: str, slug: str) -> str:
    """The short link as printed (no scheme), e.g. ocop.example.vn/en/products/ly-son-garlic/#video."""
    return display_url(site_url, language, slug) + ANCHOR


def _symbol(text: str) -> Symbol:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(text)
    qr.make(fit=True)  # the library picks the mask by its penalty score: the same text, the same matrix
    return Symbol(text, qr.version, tuple(tuple(bool(m) for m in row) for row in qr.modules))
