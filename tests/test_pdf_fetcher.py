"""The PDF renderer fetches nothing: stories that name local files or URLs are content errors, a full
build sends no request anywhere, and WeasyPrint's url_fetcher reads only the content and package folders."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from content_factory import STORY, write_content, write_photo

from ocop_site.model.loader import load_catalog
from ocop_site.targets.pdf_fetcher import ClosedFetcher, FetchRefused, refusal_problems
from ocop_site.targets.printables import press
from ocop_site.targets.printables.flyer import flyer_pdf


class _CountingHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that serves a real PNG and counts every request it receives."""
    served = tmp_path / "served"
    write_photo(served / "a.png")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CountingHandler, directory=str(served)))
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_story_naming_a_local_file_or_a_loopback_url_is_a_content_error(content: Path, cli, listener,
                                                                          tmp_path: Path) -> None:
    origin, requests = listener
    outside = tmp_path / "outside.png"
    write_photo(outside)
    story = STORY["vi"].replace("## Nguồn gốc\n", f"## Nguồn gốc\n\n![Bản đồ]({outside})\n\n![Ảnh]({origin}/a.png)\n")
    (content / "stories" / "product-000.vi.md").write_text(story, encoding="utf-8")
    code, _out, err = cli("build", "--content", "content", "--out", "out")
    assert code == 1
    assert err.splitlines()[:4] == [
        f"content/stories/product-000.vi.md:5: a story cannot show pictures ('{outside}')",
        "  Fix: put the photo in the product's media folder and list it under 'images:' in the record; the page "
        "shows it in the gallery",
        f"content/stories/product-000.vi.md:7: a story cannot show pictures ('{origin}/a.png')",
        "  Fix: put the photo in the product's media folder and list it under 'images:' in the record; the page "
        "shows it in the gallery",
    ]
    assert requests == []


def test_a_whole_build_of_a_story_full_of_loopback_urls_sends_no_request(tmp_path: Path, listener) -> None:
    """What validate lets through (raw HTML shown as text, a plain link) reaches the site, the kiosk, the
    press kit and every PDF, and not one of them asks the server for anything."""
    from ocop_site.cli import main

    origin, requests = listener
    content = write_content(tmp_path / "content", count=1)
    payload = (f'<img src="{origin}/a.png"> <link rel="stylesheet" href="{origin}/b.css"> '
               f'<style>@import url({origin}/c.css);</style> [Trang]({origin}/d) <{origin}/e>')
    for language in ("vi", "en"):
        path = content / "stories" / f"product-000.{language}.md"
        path.write_text(payload + "\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["build", "--content", str(content), "--out", str(tmp_path / "out"), "--today", "2026-11-22"]) == 0
    assert (tmp_path / "out" / "site" / "print" / "product-000" / "product-000-brochure-a4-vi.pdf").is_file()
    assert requests == []


@pytest.mark.parametrize("profile", press.PROFILES)
def test_a_photo_that_became_a_link_out_of_content_is_refused_with_its_record_line(tmp_path: Path,
                                                                                  profile: str) -> None:
    """Also in the press profile, which converts photos to CMYK copies: the photo is neither read nor
    converted, and the copy folder is the only other folder the fetcher reads."""
    content = write_content(tmp_path / "content", count=1)
    catalog = load_catalog(content)
    product = catalog.products["product-000"]
    outside = tmp_path / "elsewhere" / "secret.jpg"
    write_photo(outside, seed=7)
    hero = content / "media" / "product-000" / "hero.jpg"
    hero.unlink()
    hero.symlink_to(outside)  # swapped after validation, as an unlucky copy or a hostile hand might
    with pytest.raises(FetchRefused) as refused:
        flyer_pdf(product, "vi", catalog.site.site_url, profile=profile)
    assert refused.value.urls == [outside.as_uri()]
    [problem] = refusal_problems(refused.value, catalog.products.values())
    assert problem.render() == (
        f"{content.as_posix()}/products/product-000.yaml:28: photo 'hero.jpg' is not a file inside "
        f"{content.as_posix()}/media/product-000/, so it is not printed\n"
        f"  Fix: copy the photo itself (not a link to it) into {content.as_posix()}/media/product-000/")


def test_the_fetcher_serves_the_content_folder_and_refuses_everything_else(tmp_path: Path, listener) -> None:
    from weasyprint import HTML

    origin, requests = listener
    content = tmp_path / "content"
    write_photo(content / "media" / "x" / "ok.jpg")
    secret = tmp_path / "secret.jpg"
    write_photo(secret)
    (content / "media" / "x" / "link.jpg").symlink_to(secret)
    inside = (content / "media" / "x" / "ok.jpg").resolve().as_uri()
    refused = [f"{origin}/a.png", secret.as_uri(), (content / "media" / "x" / "link.jpg").absolute().as_uri(),
               f"{origin}/b.css", f"{origin}/c.css", "ftp://127.0.0.1/x.png", f"file://127.0.0.1{secret}"]
    html = (f'<link rel="stylesheet" href="{refused[3]}"><style>@import url({refused[4]});</style>'
            f'<img src="{inside}">' + "".join(f'<img src="{url}">' for url in refused[:3] + refused[5:]))
    fetcher = ClosedFetcher([content])
    pdf = HTML(string=html, base_url=str(tmp_path), url_fetcher=fetcher).write_pdf()
    assert sorted(fetcher.refused) == sorted(refused)
    assert inside not in fetcher.refused and pdf.count(b"/Subtype /Image") == 1
    with pytest.raises(FetchRefused):
        fetcher.check("test.html")
    assert requests == []


def test_the_print_fonts_are_served_decoded_once_and_loaded_before_the_workers_fork():
    """WeasyPrint decodes a WOFF2 font each time a font configuration reads it; the fetcher hands it the
    TrueType bytes decoded once per build instead (decoded_fonts.py), the same bytes WeasyPrint makes."""
    import io

    from fontTools.ttLib import woff2

    from ocop_site.targets import decoded_fonts
    from ocop_site.targets.pdf_fetcher import PDF_ENGINE

    fonts = sorted(decoded_fonts.DECODED)
    assert [path.name for path in fonts] == [f"be-vietnam-pro-{subset}-{weight}-normal.woff2"
                                             for subset in ("latin", "vietnamese") for weight in (400, 600, 700)]
    for path in fonts:
        decoded = io.BytesIO()
        woff2.decompress(io.BytesIO(path.read_bytes()), decoded)
        served = ClosedFetcher()(path.as_uri()).read()
        assert served[:4] == b"\0\1\0\0" and served == decoded.getvalue(), path.name  # TrueType, not WOFF2
    assert "ocop_site.targets.decoded_fonts" in PDF_ENGINE


def test_a_print_font_that_does_not_decode_is_served_as_it_is(tmp_path, monkeypatch):
    """Loading decoded_fonts never raises: inside WeasyPrint's font fetch an exception would drop every face
    (the labels then printed in DejaVu Sans), where a damaged file costs only its own face."""
    from ocop_site.targets import decoded_fonts

    good = sorted(decoded_fonts.DECODED)[0]
    damaged = tmp_path / good.name
    damaged.write_bytes(good.read_bytes()[:200])
    assert decoded_fonts._decode(damaged) is None
    assert decoded_fonts._decode(tmp_path / "missing.woff2") is None
    monkeypatch.delitem(decoded_fonts.DECODED, good)  # as if that package font had not decoded
    served = ClosedFetcher()(good.as_uri()).read()
    assert served == good.read_bytes() and served[:4] == b"wOF2"
