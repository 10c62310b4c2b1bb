"""The built site: safe stories, paired languages, constant page size, no third-party hosts,
atomic and reproducible builds, certificate status."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, edit
from content_factory import STORY, product_record, write_content, write_product

from ocop_site.pipeline import builder
from ocop_site.pipeline.builder import build
from ocop_site.problems import ContentErrors
from ocop_site.targets.site import mkdocs_project
from ocop_site.targets.site.kept_templates import SIGNED

HOST = "ocop.example.vn"


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


REPO = Path(__file__).resolve().parent.parent


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    content = write_content(root / "content", count=4)
    hostile = STORY["vi"].replace(
        "Mía được trồng", '<script>alert("x")</script> <img src=x onerror="alert(1)"> Mía được trồng'
    ).replace("chảo gang", 'chảo gang { onclick="alert(2)" }\n\n'
              "[Xem thêm](https://example.org){ onmouseover=alert(3) }")
    write_product(content, "product-001", 1, stories={"vi": hostile, "en": STORY["en"]})
    expired = product_record(2)
    expired["certificate"]["recognized"] = "2022-01-01"
    write_product(content, "product-002", 2, record=expired)
    expiring = product_record(3)
    expiring["certificate"]["recognized"] = "2023-12-10"
    write_product(content, "product-003", 3, record=expiring)
    # the web part's targets alone, published as by any build: these tests read its pages, styles and scripts,
    # none of the printables, QR artwork, share cards or press kits the rest of a build adds (most of its time)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder, "TARGETS", tuple(target for target in builder.TARGETS if target.web))
        return build(content, root / "out", today=_today()).site


def _today():
    import datetime as dt
    return dt.date.fromisoformat(TODAY)


def test_story_markup_never_reaches_the_page(site):
    article = html(site, "products/product-001").select_one("article")
    assert article.select("script") == []
    handlers = [(tag.name, name) for tag in article.find_all(True) for name in tag.attrs if name.startswith("on")]
    assert handlers == []
    assert '<script>alert("x")</script>' in article.get_text()
    assert article.select('a[href^="javascript:"]') == []


def test_a_javascript_link_in_a_story_is_a_content_error(content, cli):
    edit(Path("content/stories/product-000.en.md"), "## Origin\n", "## Origin\n\n[Click](jav&#x61;script:alert(1))\n")
    code, _out, err = cli("validate", "--content", "content")
    assert code == 1
    assert err.startswith(
        "content/stories/product-000.en.md:5: link to 'javascript:alert(1)' is not allowed in a story\n"
        "  Fix: links must start with https://, http://, mailto: or tel:\n")


def test_raw_html_in_a_story_is_a_warning_naming_the_line(content, cli):
    edit(Path("content/stories/product-000.vi.md"), "## Nguồn gốc\n", "## Nguồn gốc\n\nXem <b>đây</b>.\n")
    code, _out, err = cli("validate", "--content", "content")
    assert code == 0
    assert err == ("warning: content/stories/product-000.vi.md:5: raw HTML in a story is shown as text, not as "
                   "markup\n  Fix: write plain Markdown: **bold**, *italic*, [link](https://...), lists\n")


def test_language_switch_leads_to_the_same_page_on_every_page(site):
    checked = 0
    for page in pages(site):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html" or relative == "en/404.html":
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if relative.split("/")[0] in ("P", "p"):
            continue  # QR landing stubs choose the language themselves
        if relative.removeprefix("en/").startswith("kiosk/"):
            continue  # the kiosk's own toggle keeps the product: tests/test_kiosk.py
        links = soup.select("a.ocop-language")
        assert len(links) == 1, relative
        url = f"https://{HOST}/{relative}"
        target = urljoin(url, links[0]["href"])
        expected = relative[3:] if relative.startswith("en/") else "en/" + relative
        assert urlparse(target).path.lstrip("/") + "index.html" == expected or \
            urlparse(target).path.lstrip("/") == expected, (relative, links[0]["href"])
        assert links[0]["hreflang"] == ("vi" if relative.startswith("en/") else "en")
        checked += 1
    assert checked >= 2 * 12


def test_product_pages_are_not_in_the_navigation(site):
    nav = html(site, "products/product-000").select(".md-nav a")
    assert nav and not [a["href"] for a in nav if "products/" in a["href"]]


def test_product_page_shows_record_and_story(site):
    page = html(site, "en/products/product-000")
    assert page.select_one("html")["lang"] == "en"
    assert page.select_one("h1").get_text() == "Đức Phổ lung sugar no. 0"
    assert [h.get_text() for h in page.select("article h2")][:4] == [
        "Origin", "Production process", "Cultural imprint", "Community benefit"]
    img = page.select_one(".ocop-hero img")
    assert (img["width"], img["height"], img["alt"]) == ("1440", "900", "Golden sugar cakes")
    assert page.select_one(".ocop-hero source")["type"] == "image/webp"
    for candidate in page.select_one(".ocop-hero source")["srcset"].split(", "):
        assert (site / "en/products/product-000" / candidate.split()[0]).resolve().is_file()
    # every supported browser takes a WebP <source>; the one JPEG, the largest, is the fallback (issue 18)
    assert img["src"].endswith("/media/product-000/hero-1440.jpg") and not img.has_attr("srcset")
    assert (site / "en/products/product-000" / img["src"]).resolve().is_file()
    assert sorted(path.name for path in (site / "media/product-000").iterdir()) == [
        "hero-1440.jpg", "hero-1440.webp", "hero-480.webp", "hero-960.webp"]


def test_certificate_status_is_computed_at_build_time(site):
    def badge(slug: str, language: str = "") -> tuple[str, str]:
        tag = html(site, f"{language}products/{slug}").select_one(".ocop-cert")
        return " ".join(tag["class"]), tag.get_text()

    assert badge("product-000") == ("ocop-cert ocop-cert--valid", "Còn hiệu lực đến 15/03/2028")
    assert badge("product-002") == ("ocop-cert ocop-cert--expired", "Đã hết hiệu lực từ 01/01/2025")
    assert badge("product-003", "en/") == ("ocop-cert ocop-cert--expiring", "Expires soon: 10/12/2026")


RESOURCE_ATTRIBUTES = {"script": "src", "img": "src", "source": "srcset", "link": "href", "iframe": "src",
                       "video": "src", "audio": "src", "object": "data", "embed": "src"}


def test_no_page_stylesheet_or_script_loads_anything_from_another_host(site):
    external = []
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                if tag == "link" and "canonical" in element.get("rel", []):
                    continue
                for value in re.split(r",\s*", element.get(attribute, "")):
                    host = urlparse(value.split(" ")[0]).netloc
                    if host and host != HOST:
                        external.append((page.name, tag, value))
        for style in soup.select("style"):
            external += [(page.name, "style", u) for u in re.findall(r"url\(['\"]?(https?:[^)'\"]+)", style.text)]
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        external += [(sheet.name, "css", u) for u in re.findall(r"(?:url\(|@import)\s*['\"]?(https?:[^)'\" ]+)", text)]
    # our own scripts; Material's and Pagefind's bundles only parse URLs with example hosts, and the
    # browser tests record every request a page really makes
    own_scripts = [p for p in site.rglob("assets/*.js")]
    for script in own_scripts:
        external += [(script.name, "js", u) for u in re.findall(r"https?://[^\s'\"]+", script.read_text())]
    assert external == []


def test_page_size_does_not_grow_with_the_product_count(tmp_path):
    sizes = {}
    for count in (12, 60):
        content = write_content(tmp_path / f"c{count}", count=count)
        # a preview build renders every page but no printables, artwork or cards: the pages are what is compared
        site = build(content, tmp_path / f"o{count}", today=_today(), preview=True).site
        sizes[count] = {page: (site / page / "index.html").stat().st_size
                        for page in ("", "about", "catalogue", "products/product-000", "en",
                                     "en/products/product-000")}
    for page, small in sizes[12].items():
        assert abs(sizes[60][page] - small) <= 0.01 * small, (page, small, sizes[60][page])


def test_same_input_gives_byte_identical_output(tmp_path, monkeypatch):
    content = write_content(tmp_path / "content", count=3)
    # each build renders its photos, PDFs, artwork, cards and zips itself: a shared cache would hide a difference
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "cache-a"))
    first = build(content, tmp_path / "a", today=_today()).site
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "cache-b"))
    second = build(content, tmp_path / "b", today=_today()).site
    rendered = {name: sorted(done.parent.name for done in (tmp_path / name).rglob(".done"))
                for name in ("cache-a", "cache-b")}
    assert rendered["cache-b"] == rendered["cache-a"] != [], "each build rendered every job itself"
    assert tree_digest(first) == tree_digest(second)


def test_a_failed_build_leaves_the_previous_site_untouched(built_content, monkeypatch):
    content, out = built_content, Path("out")  # two products built: a copy of one build (tests/conftest.py)
    site = out / "site"
    before = tree_digest(site)
    edit(content / "products" / "product-000.yaml", "stars: 3", "stars: 9")
    with pytest.raises(Exception, match="content error"):
        build(content, out, today=_today())
    assert tree_digest(site) == before
    edit(content / "products" / "product-000.yaml", "stars: 9", "stars: 4")

    def broken(*args, **kwargs):
        raise mkdocs_project.MkDocsError("MkDocs (vi) failed")

    monkeypatch.setattr("ocop_site.targets.docs_tree.run_mkdocs", broken)
    with pytest.raises(mkdocs_project.MkDocsError):
        build(content, out, today=_today())
    assert tree_digest(site) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith((".staging", ".old-site"))]


def test_a_rebuild_redoes_only_what_changed_and_matches_a_clean_build(tmp_path):
    content = write_content(tmp_path / "content", count=3)
    out = tmp_path / "out"
    build(content, out, today=_today())
    unchanged = build(content, out, today=_today())
    assert unchanged.written == 0
    edit(content / "stories" / "product-001.en.md", "## Origin\n\n", "## Origin\n\nRewritten today. ")
    messages: list[str] = []
    edited = build(content, out, today=_today(), progress=messages.append)
    assert "  MkDocs en (changed pages):" in "\n".join(messages) and "MkDocs vi" not in "\n".join(messages)
    # the page, its search-index pieces, the printables (a site of about 200 files: one copy of /assets/)
    assert 0 < edited.written < edited.files // 8
    clean = build(content, tmp_path / "clean", today=_today()).site
    assert tree_digest(edited.site) == tree_digest(clean)
    assert "Rewritten today." in (edited.site / "en/products/product-001/index.html").read_text(encoding="utf-8")


def test_a_rebuild_with_nothing_changed_stops_after_validating(tmp_path):
    content = write_content(tmp_path / "content", count=2)
    out = tmp_path / "out"
    first = build(content, out, today=_today())

    def rebuild(**options) -> tuple[list[str], object]:
        messages: list[str] = []
        result = build(content, out, progress=messages.append, **{"today": _today(), **options})
        return messages, result

    messages, again = rebuild()
    assert messages[-1].startswith(f"Nothing changed since the last build: {out / 'site'} is up to date (")
    assert not any("Pages generated" in m for m in messages)
    assert (again.written, again.files) == (0, first.files)
    # anything the output depends on makes it a real build again
    for change in ("a photo", "a deleted file in the site", "another day", "crop marks"):
        if change == "a photo":
            photo = content / "media" / "product-000" / "hero.jpg"
            photo.write_bytes(photo.read_bytes() + b"\0")
        if change == "a deleted file in the site":
            (out / "site" / "print" / "catalogue-vi.pdf").unlink()
        options = {"another day": {"today": _today() + dt.timedelta(days=1)},
                   "crop marks": {"today": _today() + dt.timedelta(days=1), "crop_marks": True}}.get(change, {})
        messages, _ = rebuild(**options)
        assert "Pages generated" in "\n".join(messages), change
        messages, _ = rebuild(**options)
        assert messages[-1].startswith("Nothing changed since the last build"), change
    assert (out / "site" / "print" / "catalogue-vi.pdf").is_file()


def test_a_rebuild_with_nothing_changed_does_not_read_the_content_again(tmp_path, monkeypatch):
    """Its digest covers every content file, so validating again would find what the last build found:
    the content is not read (at 619 products that is seconds), and a file swapped for a link to the same
    bytes, which validate refuses, still counts as a change."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    content = write_content(tmp_path / "content", count=2)
    out = tmp_path / "out"
    build(content, out, today=_today())
    remembered = tmp_path / "cache" / "ocop-site" / "photos-read"
    assert len(list(remembered.iterdir())) == 2  # each photo decoded once, when the content was read
    shutil.rmtree(remembered)
    messages: list[str] = []
    again = build(content, out, today=_today(), progress=messages.append)
    assert [re.sub(r"\(\d+\.\d s\)", "(N s)", m) for m in messages] == [
        f"Reading {content} …", "Content: 2 products, valid",
        f"Nothing changed since the last build: {out / 'site'} is up to date (N s)"]
    assert (again.catalog, again.written) == (None, 0)
    assert not remembered.exists()  # no photo was read
    photo = content / "media" / "product-000" / "hero.jpg"
    copy = tmp_path / "hero-copy.jpg"
    shutil.copyfile(photo, copy)
    photo.unlink()
    photo.symlink_to(copy)
    with pytest.raises(ContentErrors) as refused:
        build(content, out, today=_today())
    assert "content/media/product-000/hero.jpg is a symbolic link" in refused.value.render("en")


def test_after_a_failed_mkdocs_run_the_next_build_starts_clean(built_content, tmp_path, monkeypatch):
    content, out = built_content, Path("out")  # two products built: a copy of one build (tests/conftest.py)
    edit(content / "stories" / "product-000.vi.md", "## Nguồn gốc\n\n", "## Nguồn gốc\n\nViết lại. ")
    real = mkdocs_project.run_mkdocs

    def dies_half_way(project, today, progress, dirty, pages=0, cache=None):
        (project / "site-vi" / "index.html").write_text("half-written", encoding="utf-8")
        raise mkdocs_project.MkDocsError("MkDocs (vi) failed")

    monkeypatch.setattr("ocop_site.targets.docs_tree.run_mkdocs", dies_half_way)
    with pytest.raises(mkdocs_project.MkDocsError):
        build(content, out, today=_today())
    monkeypatch.setattr("ocop_site.targets.docs_tree.run_mkdocs", real)
    messages: list[str] = []
    site = build(content, out, today=_today(), progress=messages.append).site
    assert "  MkDocs vi (all pages):" in "\n".join(messages)
    assert tree_digest(site) == tree_digest(build(content, tmp_path / "clean", today=_today()).site)


def test_what_mkdocs_kept_damaged_by_hand_gives_the_same_site(built_content, tmp_path):
    """The build and its MkDocs runs keep compiled templates (the site's pages', Material's) and the stylesheet
    subsets in the render cache for the next build; every kept file damaged, the next build (a new process, as
    an editor's next `ocop-site build` is) makes them again, and the same site. A kept template is code the
    build runs: one changed inside, with its signature left as it was, is never run (it put its text on the
    site when only Jinja's header was checked)."""
    cache = Path(os.environ["OCOP_SITE_CACHE"])
    kept = cache / "mkdocs"
    templates = sorted((kept / "templates").glob("*.template"))
    pages = sorted((cache / "templates").glob("*.template"))
    subsets = sorted((kept / "css-subsets").rglob("*.json"))
    assert len(templates) > 20 and len(pages) > 10 and len(subsets) >= 3
    damaged = {}
    for path in [*templates[::3], *pages[::3]]:
        os.truncate(path, path.stat().st_size // 2)
        damaged[path] = path.read_bytes()
    for path in [*templates[1::3], *pages[1::3]]:
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2] + b"\0" * (len(data) - len(data) // 2))
        damaged[path] = path.read_bytes()
    signed = len(SIGNED) + 32  # the HMAC-SHA256 after it
    for path in [*templates[2::3], *pages[2::3], *[page for page in pages if b"ocop-" in page.read_bytes()]]:
        data = path.read_bytes()  # the code's texts changed, the signature left as it was
        changed = data[:signed] + data[signed:].replace(b"ocop-", b"PWND-").replace(b"md-", b"PWN")
        if changed != data:
            path.write_bytes(changed)
            damaged[path] = changed
    assert sum(b"PWND-" in data for data in damaged.values()) >= 5
    for path in subsets:
        path.write_text(path.read_text(encoding="utf-8").replace("{", "{x", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ocop_site", "build", "--content", str(built_content), "--out",
                           str(tmp_path / "again"), "--today", TODAY], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert tree_digest(tmp_path / "again" / "site") == tree_digest(Path("out/site"))
    assert [path for path in subsets if path.read_bytes().startswith(b"{x")] == []  # made again, whole
    assert [path for path, data in damaged.items() if path.read_bytes() == data] == []
