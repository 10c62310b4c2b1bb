"""Story videos in real headless Chromium: the product page asks nothing of a video host before the
visitor presses play, plays a self-hosted video with captions in the page's language, and the kiosk
plays it with the network cut (from its service worker's cache).

The site is built once from two test products: product-000 has a video
file of its own, product-001 a YouTube video behind a facade. It is served from 127.0.0.1; any
request elsewhere is recorded and aborted, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import TODAY
from content_factory import write_content, write_photo
from external_tools import LAUNCH_ARGS, launch_chromium
from pdf_tools import decode, pdf_text, rasterize
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route, sync_playwright
from site_server import switchable

from ocop_site.model.loader import load_catalog
from ocop_site.pipeline.builder import build
from ocop_site.targets.printables.video_link import video_link
from ocop_site.targets.site.video import _opening
from tools.make_sample_video import make_pan_video

OWN, EXTERNAL = "product-000", "product-001"
YOUTUBE = "https://youtu.be/dQw4w9WgXcQ"
CAPTIONS = {
    "vi": "WEBVTT\n\n00:00.000 --> 00:02.000\nĐồng muối Sa Huỳnh lúc bình minh.\n\n"
          "00:02.000 --> 00:04.000\nDiêm dân cào muối thành đống.\n",
    "en": "WEBVTT\n\n00:00.000 --> 00:02.000\nThe Sa Huỳnh salt field at dawn.\n\n"
          "00:02.000 --> 00:04.000\nSalt workers rake the salt into heaps.\n",
}
FIRST_CUE = {"vi": "Đồng muối Sa Huỳnh lúc bình minh.", "en": "The Sa Huỳnh salt field at dawn."}
PAGES = {"vi": f"/products/{OWN}/", "en": f"/en/products/{OWN}/"}

CREDIT = {"vi": "Hợp tác xã Đồng Tâm (quay tại Đức Phổ)", "en": "Đồng Tâm cooperative (filmed in Đức Phổ)"}


def video_entry(slug: str, credit: dict | str = "Hợp tác xã Đồng Tâm", **source: str) -> dict:
    """A video's record; the credit in each language, or one name for both (as a photo's)."""
    return {**source, "title": {"vi": "Một ngày trên đồng muối", "en": "A day on the salt field"},
            "credit": credit, "duration": "0:04", "uploaded": "2026-10-15",
            "captions": {"vi": f"{slug}.vi.vtt", "en": f"{slug}.en.vtt"}, "illustrative": True}


def add_video(content: Path, slug: str, entry: dict) -> None:
    path = content / "products" / f"{slug}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["videos"] = [entry]
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for language, text in CAPTIONS.items():
        (content / "media" / slug / f"{slug}.{language}.vtt").write_text(text, encoding="utf-8")


def video_content(content: Path) -> Path:
    """Two products with videos: a 4-second H.264 file (no poster: the build makes one) and YouTube."""
    write_content(content, count=2)
    write_photo(content / "media" / OWN / "still.jpg", (900, 500), seed=3)
    make_pan_video(content / "media" / OWN / "still.jpg", content / "media" / OWN / "pan.mp4", seconds=4,
                   size=(320, 180), fps=10)
    add_video(content, OWN, video_entry(OWN, CREDIT, file="pan.mp4"))
    add_video(content, EXTERNAL, video_entry(EXTERNAL, url=YOUTUBE, poster="hero.jpg"))
    return content


@dataclass
class Host:
    origin: str
    site: Path
    online: bool = True


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    root = tmp_path_factory.mktemp("video-site")
    content = video_content(root / "content")
    site = build(content, root / "out", today=dt.date.fromisoformat(TODAY)).site  # the kiosk needs the QR art
    state = Host(origin="", site=site)

    with switchable(site, lambda: state.online) as origin:
        state.origin = origin
        yield state


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, args=[*LAUNCH_ARGS, "--autoplay-policy=no-user-gesture-required"])
        yield browser
        browser.close()


@dataclass
class Visit:
    page: Page
    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def elsewhere(self, origin: str) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme not in ("data", "blob")
                and not url.startswith(origin + "/")]


@pytest.fixture
def visit(browser: Browser, host: Host) -> Iterator[Visit]:
    host.online = True
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(page, context)
    context.on("request", lambda request: visit.requests.append(request.url))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))

    def keep_local(route: Route) -> None:  # every request is recorded above; none leaves the machine
        route.continue_() if route.request.url.startswith(host.origin + "/") else route.abort()

    context.route("**/*", keep_local)
    try:
        yield visit
    finally:
        host.online = True
        context.close()
    assert visit.errors == []


def soup(host: Host, path: str) -> BeautifulSoup:
    return BeautifulSoup((host.site / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_page_markup_of_a_self_hosted_video(host: Host) -> None:
    for language, path in PAGES.items():
        page = soup(host, path)
        video = page.select_one(".ocop-videos video")
        root = "../../" if language == "vi" else "../../../"
        assert (video["preload"], video["poster"], video.select_one("source")["src"]) == (
            "none", f"{root}media/{OWN}/pan-poster.webp", f"{root}media/{OWN}/pan.mp4")
        assert [(t["srclang"], t["kind"], t.has_attr("default")) for t in video.select("track")] == [
            (language, "captions", True), ("en" if language == "vi" else "vi", "captions", False)]
        assert page.select_one(".ocop-videos figcaption").get_text(" ", strip=True) == {  # the credit in one language
            "vi": "Một ngày trên đồng muối · 0:04 · Thực hiện: Hợp tác xã Đồng Tâm (quay tại Đức Phổ) (minh họa)",
            "en": "A day on the salt field · 0:04 · Made by: Đồng Tâm cooperative (filmed in Đức Phổ) (illustrative)",
        }[language]
        transcript = page.select_one(".ocop-transcript")
        assert [p.get_text(" ", strip=True) for p in transcript.select("p")] == [
            f"0:00 {FIRST_CUE[language]}", f"0:02 {CAPTIONS[language].splitlines()[-1]}"]
    for name in ("pan.mp4", "pan-poster.webp", "pan-poster.jpg", f"{OWN}.vi.vtt", f"{OWN}.en.vtt"):
        assert (host.site / "media" / OWN / name).is_file(), name


def test_the_facade_of_an_external_video_names_the_host(host: Host) -> None:
    page = soup(host, f"/en/products/{EXTERNAL}/")
    facade = page.select_one(".ocop-video__facade")
    assert facade["data-player"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert facade.select_one("img")["src"] == f"../../../media/{EXTERNAL}/video-1-poster.webp"
    assert facade.select_one("a")["href"] == YOUTUBE
    assert page.select_one(".ocop-video__note").get_text() == (
        "Pressing play connects your browser to YouTube (www.youtube-nocookie.com); until then this page loads "
        "nothing from YouTube.")
    assert not page.select("iframe")


def test_nothing_is_requested_from_the_video_host_before_play(visit: Visit, host: Host) -> None:
    visit.page.goto(host.origin + f"/products/{EXTERNAL}/", wait_until="networkidle")
    visit.page.locator(".ocop-video__facade img").scroll_into_view_if_needed()
    visit.page.wait_for_load_state("networkidle")
    assert visit.elsewhere(host.origin) == []
    poster = visit.page.locator(".ocop-video__facade img")
    assert poster.evaluate("img => img.complete && img.naturalWidth") == 640

    def leaves(request: Request) -> bool:
        return urlsplit(request.url).scheme not in ("data", "blob") and not request.url.startswith(host.origin + "/")

    with visit.context.expect_event("request", leaves):  # the player's first request, awaited
        visit.page.click(".ocop-video__play")
    visit.page.wait_for_selector(".ocop-video__facade iframe")
    assert visit.elsewhere(host.origin)[0] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert visit.page.url == host.origin + f"/products/{EXTERNAL}/"  # the player came to the page


def test_a_self_hosted_video_is_not_downloaded_before_play(visit: Visit, host: Host) -> None:
    visit.page.goto(host.origin + PAGES["vi"], wait_until="networkidle")
    visit.page.locator(".ocop-videos video").scroll_into_view_if_needed()
    visit.page.wait_for_load_state("networkidle")
    fetched = [urlsplit(url).path for url in visit.requests]
    assert f"/media/{OWN}/pan.mp4" not in fetched
    assert f"/media/{OWN}/pan-poster.webp" in fetched
    assert visit.elsewhere(host.origin) == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_video_plays_with_captions_in_the_pages_language(visit: Visit, host: Host, language: str) -> None:
    page = visit.page
    page.goto(host.origin + PAGES[language], wait_until="networkidle")
    video = page.locator(".ocop-videos video")
    video.evaluate("v => { v.muted = true; v.play().catch(() => {}); }")  # a play() that never starts fails below
    page.wait_for_function("document.querySelector('.ocop-videos video').currentTime > 0.5", timeout=20_000)
    tracks = video.evaluate("v => [...v.textTracks].map(t => [t.language, t.mode])")
    assert tracks == [[language, "showing"], ["en" if language == "vi" else "vi", "disabled"]]
    page.wait_for_function("(() => { const t = document.querySelector('.ocop-videos video').textTracks[0];"
                           " return t.activeCues && t.activeCues.length > 0; })()", timeout=10_000)
    cue = video.evaluate("v => v.textTracks[0].activeCues[0].text")
    assert cue in CAPTIONS[language]
    assert video.evaluate("v => v.error") is None
    assert visit.elsewhere(host.origin) == []


def test_the_kiosk_precaches_the_video_and_leaves_out_the_external_one(host: Host) -> None:
    sw = (host.site / "kiosk" / "sw.js").read_text(encoding="utf-8")
    for name in ("pan.mp4", "pan-poster.webp", f"{OWN}.vi.vtt", f"{OWN}.en.vtt"):
        assert f'"media/{OWN}/{name}"' in sw, name
    kiosk = BeautifulSoup((host.site / "kiosk" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert kiosk.select_one(f'[data-view="products/{OWN}"] video source')["src"] == f"../media/{OWN}/pan.mp4"
    assert not kiosk.select(f'[data-view="products/{EXTERNAL}"] video, iframe')
    assert "youtu" not in str(kiosk)


def test_the_kiosk_plays_the_video_offline(visit: Visit, host: Host) -> None:
    page = visit.page
    page.goto(host.origin + "/en/kiosk/?attract=600&reset=600")
    page.wait_for_function("document.body.dataset.offline === 'ready'", timeout=60_000)
    host.online = False
    visit.context.set_offline(True)
    page.reload()
    page.wait_for_function("document.body.dataset.offline === 'ready'", timeout=30_000)
    page.evaluate(f"location.hash = '#/products/{OWN}'")
    video = page.locator(f'[data-view="products/{OWN}"] video')
    video.evaluate("v => { v.muted = true; v.play().catch(() => {}); }")  # a play() that never starts fails below
    page.wait_for_function(f"document.querySelector('[data-view=\"products/{OWN}\"] video').currentTime > 1",
                           timeout=20_000)
    assert video.evaluate("v => [...v.textTracks].map(t => [t.language, t.mode])") == [
        ["vi", "disabled"], ["en", "showing"]]
    page.evaluate("location.hash = '#/'")
    assert video.evaluate("v => v.paused")  # closing the view stops the sound


def test_videos_over_the_kiosk_budget_are_named_in_a_warning(tmp_path: Path, monkeypatch, cli) -> None:
    monkeypatch.chdir(tmp_path)
    content = video_content(Path("content"))
    with (content / "site.yaml").open("a", encoding="utf-8") as site:
        site.write("video:\n  kiosk_budget_megabytes: 0.001\n")
    size = (content / "media" / OWN / "pan.mp4").stat().st_size / 1_000_000
    code, out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, out) == (0, "2 products, no errors\n")
    assert err == (f"warning: content/site.yaml:6: the kiosk's videos need {size:.3g} MB, more than its budget of "
                   f"0.001 MB: the kiosk leaves out content/media/{OWN}/pan.mp4\n"
                   "  Fix: raise 'video: kiosk_budget_megabytes' in site.yaml if the kiosk's disk allows it, "
                   "or export the videos smaller\n")


def test_the_poster_is_made_from_a_frame_of_the_video(host: Host) -> None:
    from PIL import Image

    with Image.open(host.site / "media" / OWN / "pan-poster.webp") as poster:
        assert (poster.format, poster.size) == ("WEBP", (320, 180))
        assert len(poster.convert("RGB").getcolors(maxcolors=100_000)) > 10  # a picture, not a blank frame


def test_json_ld_describes_each_video(host: Host) -> None:
    def subject_of(path: str) -> list[dict]:
        script = soup(host, path).select_one('script[type="application/ld+json"]')
        return json.loads(script.string)["subjectOf"]

    base = "https://ocop.example.vn/"
    assert subject_of(PAGES["en"]) == [{
        "@type": "VideoObject", "name": "A day on the salt field",
        "description": "A day on the salt field: The Sa Huỳnh salt field at dawn. Salt workers rake the salt into "
                       "heaps.", "uploadDate": "2026-10-15T00:00:00+07:00",
        "duration": "PT0M4S", "thumbnailUrl": f"{base}media/{OWN}/pan-poster.jpg", "creditText": CREDIT["en"],
        "inLanguage": "en", "transcript": "The Sa Huỳnh salt field at dawn. Salt workers rake the salt into heaps.",
        "contentUrl": f"{base}media/{OWN}/pan.mp4", "encodingFormat": "video/mp4"}]
    external_video = subject_of(f"/products/{EXTERNAL}/")[0]
    assert (external_video["embedUrl"], external_video["url"], external_video["inLanguage"]) == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", YOUTUBE, "vi")
    assert external_video["description"] == ("Một ngày trên đồng muối: Đồng muối Sa Huỳnh lúc bình minh. "
                                             "Diêm dân cào muối thành đống.")
    assert "contentUrl" not in external_video
    assert (subject_of(PAGES["vi"])[0]["creditText"], external_video["creditText"]) == (
        CREDIT["vi"], "Hợp tác xã Đồng Tâm")  # each page its own language; one name serves both
    # what Google requires of a video (name, thumbnailUrl, uploadDate), and a description, a duration and
    # the video itself or its player
    for video in (subject_of(PAGES["vi"])[0], external_video):
        assert {"name", "description", "thumbnailUrl", "uploadDate", "duration"} <= video.keys()
        assert {"contentUrl", "embedUrl"} & video.keys()
        assert dt.datetime.fromisoformat(video["uploadDate"]).utcoffset() == dt.timedelta(hours=7)


def test_a_long_transcript_is_cut_at_a_word_for_the_description() -> None:
    words = "Diêm dân cào muối thành đống trắng, " * 20
    cut = _opening(words.strip())
    kept = cut.removesuffix(" …")
    assert cut.endswith(" …") and len(kept) <= 300
    assert words.startswith(kept) and words[len(kept)] in " ,"  # whole words only


def test_the_share_metadata_names_the_page_s_own_video_file(host: Host) -> None:
    for language, path in PAGES.items():
        meta = {tag["property"]: tag["content"] for tag in soup(host, path).select('meta[property^="og:video"]')}
        assert meta == {"og:video": f"https://ocop.example.vn/media/{OWN}/pan.mp4",
                        "og:video:secure_url": f"https://ocop.example.vn/media/{OWN}/pan.mp4",
                        "og:video:type": "video/mp4", "og:video:width": "320", "og:video:height": "180"}, language
    # a YouTube video is not embedded in share previews: the page shares its card only
    assert soup(host, f"/en/products/{EXTERNAL}/").select('meta[property^="og:video"]') == []
    assert soup(host, f"/en/products/{EXTERNAL}/").select_one('meta[property="og:image"]')["content"] == (
        f"https://ocop.example.vn/share/{EXTERNAL}.en.jpg")


@pytest.mark.parametrize(("slug", "piece", "language", "page", "watch"), [
    (OWN, "flyer-a5", "en", 2, "▶ WATCH THE VIDEO"),
    (OWN, "brochure-a4", "vi", 2, "▶ XEM VIDEO"),
    (EXTERNAL, "flyer-a5", "vi", 2, "▶ XEM VIDEO"),
])
def test_printables_link_to_the_videos_with_a_qr_code_and_a_short_link(host: Host, tmp_path: Path, slug: str,
                                                                       piece: str, language: str, page: int,
                                                                       watch: str) -> None:
    pdf = host.site / "print" / slug / f"{slug}-{piece}-{language}.pdf"
    prefix = "en/" if language == "en" else ""
    title = {"vi": "Một ngày trên đồng muối", "en": "A day on the salt field"}[language]
    text = re.sub(r"([/-]) ", r"\1", pdf_text(pdf, page=page, raw=True))  # the link may wrap after / or -
    assert f"{watch} {title} · 0:04 ocop.example.vn/{prefix}products/{slug}/#video" in text
    payloads = {code.text for code in decode(rasterize(pdf.read_bytes(), tmp_path, dpi=300, page=page)[0])}
    # the product page's videos section (never the video host), next to the packaging code on the brochure
    assert f"HTTPS://OCOP.EXAMPLE.VN/{prefix}products/{slug}/#video" in payloads


def test_a_product_without_a_video_prints_no_video_block(tmp_path: Path) -> None:
    catalog = load_catalog(write_content(tmp_path / "content", count=1), today=dt.date.fromisoformat(TODAY))
    assert video_link(catalog.products["product-000"], "vi", "https://ocop.example.vn/") == ""


def test_the_press_kit_lists_the_videos_with_credit_and_terms(host: Host) -> None:
    item = soup(host, f"/en/press/{OWN}/").select_one("#videos + .ocop-press-videos li")
    assert item.get_text() == (
        "A day on the salt field (illustrative video) · 0:04 (in the zip) · Credit: Đồng Tâm cooperative (filmed in "
        "Đức Phổ) · "
        "Captions: vi, enTerms of use: Free to use in articles, news and features about this product and about "
        "tourism in Quảng Ngãi, provided the credit given above is shown. Not for advertising, packaging or resale; "
        "do not alter a photo in a way that misrepresents what it shows.")
    assert item.select_one("a")["href"] == f"../../../media/{OWN}/pan.mp4"
    with zipfile.ZipFile(host.site / "press" / OWN / f"{OWN}-press-kit.zip") as archive:
        names = archive.namelist()
        listing = archive.read(f"{OWN}-press-kit/videos.txt").decode()
    assert {f"{OWN}-press-kit/videos/pan.mp4", f"{OWN}-press-kit/videos/{OWN}.vi.vtt"} <= set(names)
    assert "videos/pan.mp4\n  vi: Một ngày trên đồng muối\n  en: A day on the salt field\n" in listing
    assert "  Thực hiện / Credit: Hợp tác xã Đồng Tâm (quay tại Đức Phổ) / Đồng Tâm cooperative (filmed in Đức Phổ)\n" \
        in listing
    with zipfile.ZipFile(host.site / "press" / EXTERNAL / f"{EXTERNAL}-press-kit.zip") as archive:
        listing = archive.read(f"{EXTERNAL}-press-kit/videos.txt").decode()
    assert listing.splitlines()[3] == YOUTUBE  # listed by its address: nothing to copy
