"""The only way a PDF renderer reads anything: files under the content folder and the package.

Every WeasyPrint `HTML(...)` and `CSS(...)` gets a `ClosedFetcher`. It serves `file:` URLs whose real
path (symbolic links followed) is a regular file inside one of its folders, and `data:` URLs (bytes
our own code inlines); it refuses every other scheme, host and path without opening a connection or
the file. WeasyPrint skips a refused resource and goes on, so the fetcher keeps what it refused and the
caller turns that into an error after laying out (`check`).

The press profile (printables/press.py) prints CMYK copies of the photos: it converts only a photo
this fetcher would serve (`served_file`), and the PDF's fetcher then also reads the folder of copies.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from ocop_site.problems import Problem, problem

if TYPE_CHECKING:
    from ocop_site.model.catalog import Product

PACKAGE = Path(__file__).resolve().parent.parent  # ocop_site/: templates, print CSS, fonts
# what a job that makes or joins PDFs loads, loaded by the build before it forks the jobs' workers
PDF_ENGINE = ("weasyprint", "weasyprint.text.fonts", "pikepdf", "ocop_site.targets.decoded_fonts")


def content_folder(product: Product) -> Path:
    """The content folder a product was read from (its photos are in content/media/<slug>/)."""
    return product.media_dir.parent.parent


class FetchRefused(Exception):
    """A PDF asked for something outside the content and package folders."""

    def __init__(self, what: str, urls: list[str]) -> None:
        self.what = what
        self.urls = urls
        super().__init__(f"{what}: refused to fetch {', '.join(urls)}")

    def __reduce__(self) -> tuple[type[FetchRefused], tuple[str, list[str]]]:
        return FetchRefused, (self.what, self.urls)  # survives the trip back from a worker process


class ClosedFetcher:
    """A WeasyPrint url_fetcher that serves files under `folders` (and the package) and nothing else."""

    def __init__(self, folders: Iterable[Path] = ()) -> None:
        self.folders = tuple(dict.fromkeys([PACKAGE, *(Path(folder).resolve() for folder in folders)]))
        self.refused: list[str] = []

    def __call__(self, url: str, *args: object, **kwargs: object):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            with DataHandler().data_open(Request(url)) as response:
                return _response(url, response.read(), response.headers.get_content_type())
        real = self.served_file(url)
        if real is not None and real.suffix == ".woff2" and real.is_relative_to(PACKAGE):
            # loaded here when no build loaded it first; it never raises (WeasyPrint would drop every face)
            from ocop_site.targets.decoded_fonts import DECODED

            if real in DECODED:
                return _response(real.as_uri(), DECODED[real], "font/ttf")
        if real is not None:
            return _response(real.as_uri(), real.read_bytes(), mimetypes.guess_type(real.name)[0])
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url}: only files of the content and package folders are read")

    def served_file(self, url: str) -> Path | None:
        """The real path of the file a `file:` URL names, if this fetcher serves it; None otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path))
        if not path.is_absolute():
            return None
        real = path.resolve()
        return real if real.is_file() and any(real.is_relative_to(folder) for folder in self.folders) else None

    def check(self, what: str) -> None:
        """Raise FetchRefused if anything was refused since the last check."""
        refused, self.refused = self.refused, []
        if refused:
            raise FetchRefused(what, list(dict.fromkeys(refused)))


def refusal_problems(refused: FetchRefused, products: Iterable[Product]) -> list[Problem]:
    """A content error for each refused URL: the record line of a photo that is not a file inside the
    content folder (a link out of it, say), or, for anything else, what asked for it."""
    photos = {}
    for product in products:
        for index, image in enumerate(product.record.images):
            photos[product.image_path(index).resolve().as_uri()] = (product, index, image.file)
    problems = []
    for url in refused.urls:
        if url in photos:
            product, index, name = photos[url]
            problems.append(problem(
                product.source.as_posix(), product.line(f"images.{index}.file"),
                "photo '{name}' is not a file inside {media}/, so it is not printed",
                "copy the photo itself (not a link to it) into {media}/", name=name,
                media=product.media_dir.as_posix()))
        else:
            problems.append(problem(refused.what, 1, "the PDF would read '{url}', outside the content and "
                                    "package folders", "remove it: PDFs show only the content's own files", url=url))
    return problems


def _response(url: str, body: bytes, content_type: str | None):
    mime_type = content_type or "application/octet-stream"
    try:
        from weasyprint.urls import URLFetcherResponse  # WeasyPrint 68 and later
    except ImportError:  # earlier versions take a dict
        return {"string": body, "mime_type": mime_type, "redirected_url": url}
    return URLFetcherResponse(url, body, {"Content-Type": mime_type})
