"""Press kits (issue 8, part 4): a page per product and language, and one zip with the original
photos, the texts in both languages, and the credits and terms."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SAMPLE_CONTENT, TODAY, edit
from PIL import Image

from ocop_site.model.loader import load_catalog
from ocop_site.targets.press.files import _kit, kit_entries
from ocop_site.targets.press.kit import photo_terms
from ocop_site.targets.press.texts import LENGTHS, description, plain_text

HEADINGS = {"vi": {"short": "Giới thiệu ngắn", "long": "Giới thiệu đầy đủ"},
            "en": {"short": "Short description", "long": "Long description"}}
WORDS = {"vi": "chữ", "en": "words"}


@pytest.fixture(scope="module")
def sample_catalog():
    return load_catalog(SAMPLE_CONTENT, today=dt.date.fromisoformat(TODAY))


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def kit_zip(site: Path, slug: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / "press" / slug / f"{slug}-press-kit.zip")


def descriptions(document: str, language: str) -> dict[str, tuple[int, str]]:
    """{kind: (the count the heading states, the text)} read from a press-kit.<language>.txt."""
    found = {}
    for kind, heading in HEADINGS[language].items():
        match = re.search(rf"^{heading} \((\d+) {WORDS[language]}\)\n-+\n\n(.*?)\n\n[^\n]+\n-+\n", document,
                          re.MULTILINE | re.DOTALL)
        assert match, (language, kind)
        found[kind] = (int(match.group(1)), match.group(2))
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


# -- the sample site -------------------------------------------------------------------------------

def test_every_sample_product_has_a_press_page_in_both_languages_linked_from_its_product_page(
        sample_site, sample_catalog):
    assert len(sample_catalog.listed) == 13
    for product in sample_catalog.listed:
        for language, prefix in (("vi", ""), ("en", "en/")):
            press = page(sample_site, f"{prefix}press/{product.slug}")
            title = {"vi": "Bộ tài liệu báo chí: ", "en": "Press kit: "}[language] + product.name(language)
            assert press.select_one("article h1").get_text() == title
            assert press.html["lang"] == language
            [download] = press.select(".ocop-press-download a[download]")
            assert (sample_site / prefix / "press" / product.slug / download["href"]).resolve() == \
                (sample_site / "press" / product.slug / f"{product.slug}-press-kit.zip").resolve()
            product_page = page(sample_site, f"{prefix}products/{product.slug}")
            links = [a["href"] for a in product_page.select(".ocop-producers a")]
            assert f"../../press/{product.slug}/" in links, (product.slug, links)
            assert product_page.select_one(f"a[href='../../press/{product.slug}/']").get_text() == \
                {"vi": "Bộ tài liệu báo chí", "en": "Press kit"}[language]


def test_every_press_page_links_the_originals_and_shows_web_size_previews(sample_site, sample_catalog):
    for product in sample_catalog.listed:
        for prefix in ("", "en/"):
            folder = sample_site / prefix / "press" / product.slug
            figures = page(sample_site, f"{prefix}press/{product.slug}").select(".ocop-press-photos figure")
            assert len(figures) == len(product.record.images)
            for figure, image in zip(figures, product.record.images, strict=True):
                original = product.media_dir / image.file
                [link] = figure.select("figcaption a[download]")
                assert (folder / link["href"]).resolve().read_bytes() == original.read_bytes()
                with Image.open(original) as photo:
                    assert f"{photo.width} × {photo.height} px" in link.get_text()
                assert image.credit_in("en" if prefix else "vi") in figure.select_one("figcaption").get_text()
                fallback = figure.select_one("img")["src"]  # one JPEG, the largest, for browsers without WebP
                assert "/media/" in fallback and (folder / fallback).resolve().is_file()
                previews = [candidate.split()[0] for candidate in figure.select_one("source")["srcset"].split(", ")]
                assert previews and all(name.endswith(".webp") for name in previews)
                for preview in previews:  # what a browser shows: web-size WebP renditions, lighter than the original
                    assert (folder / preview).resolve().stat().st_size < original.stat().st_size


def test_each_zip_holds_the_photos_at_full_resolution_and_the_texts_in_both_languages(sample_site, sample_catalog):
    for product in sample_catalog.listed:
        slug, folder = product.slug, f"{product.slug}-press-kit/"
        with kit_zip(sample_site, slug) as archive:
            assert archive.testzip() is None
            photos = {folder + f"photos/{slug}-{image.file}": product.media_dir / image.file
                      for image in product.record.images}
            videos = [folder + "videos.txt"] if product.record.videos else []  # issue 20: the story's videos
            for video in product.record.videos:
                videos += [folder + f"videos/{name}" for name in (video.file, video.captions.vi, video.captions.en)
                           if name]  # the sample's one video file is within the zip's limit
            assert sorted(archive.namelist()) == sorted([
                folder + "credits-and-terms.txt", folder + "press-kit.en.txt", folder + "press-kit.vi.txt",
                *photos, *videos])
            for name, original in photos.items():
                data = archive.read(name)
                assert data == original.read_bytes(), name
                with Image.open(io.BytesIO(data)) as inside, Image.open(original) as source:
                    assert inside.size == source.size
            credits = archive.read(folder + "credits-and-terms.txt").decode("utf-8")
            for image in product.record.images:
                both = " / ".join(dict.fromkeys(image.credit_in(language) for language in ("vi", "en")))
                assert f"photos/{slug}-{image.file}\n  Nguồn ảnh / Credit: {both}\n" in credits
            for language in ("vi", "en"):
                document = archive.read(folder + f"press-kit.{language}.txt").decode("utf-8")
                assert document.startswith({"vi": "Bộ tài liệu báo chí: ", "en": "Press kit: "}[language]
                                           + product.name(language) + "\n")
                assert photo_terms(product, sample_catalog.site)[language] in document
                assert photo_terms(product, sample_catalog.site)[language] in credits
                assert product.record.producer.address in document


def test_sample_descriptions_are_whole_sentences_from_the_story_in_the_length_window(sample_site, sample_catalog):
    for product in sample_catalog.listed:
        with kit_zip(sample_site, product.slug) as archive:
            for language in ("vi", "en"):
                document = archive.read(f"{product.slug}-press-kit/press-kit.{language}.txt").decode("utf-8")
                story = product.stories[language]
                blocks = [story.passages[key] for key in ("lead", "origin", "process", "culture")]
                stream = flat(" ".join(paragraph for block in blocks for paragraph in plain_text(block)))
                found = descriptions(document, language)
                for kind, (stated, text) in found.items():
                    words = len(text.split())
                    assert stated == words, (product.slug, language, kind)
                    assert LENGTHS[kind].low <= words <= LENGTHS[kind].high, (product.slug, language, kind, words)
                    assert text.rstrip()[-1] in ".!?…\"”", (product.slug, language, kind, text[-30:])
                    # the beginning of the story, cut where a sentence ends
                    assert stream.startswith(flat(text)), (product.slug, language, kind)
                    assert stream[len(flat(text)):][:1] in ("", " "), (product.slug, language, kind)
                short = flat(found["short"][1])
                pages = {"vi": "", "en": "en/"}
                shown = page(sample_site, f"{pages[language]}press/{product.slug}")
                paragraphs = shown.select("#short + .ocop-press-text p:not(.ocop-press-count)")
                assert flat(" ".join(p.get_text() for p in paragraphs)) == short


def test_a_zip_does_not_change_with_the_photos_file_dates(sample_catalog, tmp_path):
    product = sample_catalog.products["ly-son-garlic"]
    terms = photo_terms(product, sample_catalog.site)
    first = _kit(product, sample_catalog.site.site_url, terms)["zip"]
    for path in sorted(product.media_dir.iterdir()):  # photos, and since issue 20 videos and captions
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        os.utime(copy, (1_900_000_000, 1_900_000_000))
    moved = type(product)(slug=product.slug, record=product.record, stories=product.stories, source=product.source,
                          media_dir=tmp_path)
    assert _kit(moved, sample_catalog.site.site_url, terms)["zip"] == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == sorted(kit_entries(product, sample_catalog.site.site_url, terms))
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


# -- record texts, contacts and terms ------------------------------------------------------------------

SHORT_VI = "Đường phổi Đức Phổ nấu từ mía đồng bãi, thơm mùi mật và giòn tan."  # 15 words: far too short
LONG_EN = " ".join(["Lung sugar is boiled by hand from the juice of cane grown on the river flats."] * 10)  # 160


def test_explicit_texts_are_used_and_one_far_from_its_length_is_a_warning_naming_the_line(content, cli):
    """The warning comes from the loader: validate, the first build and a rebuild that does nothing show it."""
    record = Path("content/products/product-000.yaml")
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["press"] = {"short": {"vi": SHORT_VI, "en": "Hand-boiled cane sugar from Đức Phổ."},
                     "long": {"vi": LONG_EN, "en": LONG_EN},
                     "contact": {"name": "Nguyễn Thị Đào", "email": "bao-chi@dongtam.example.vn",
                                 "phone": "0905 123 456", "illustrative": True}}
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    lines = record.read_text(encoding="utf-8").splitlines()
    vi_line = lines.index(f"    vi: {SHORT_VI}") + 1
    en_line = lines.index("    en: Hand-boiled cane sugar from Đức Phổ.") + 1
    edit(Path("content/site.yaml"), "title:", "press_photo_terms:\n  vi: Chỉ dùng cho báo chí.\n"
         "  en: For the press only.\ntitle:")
    edit(Path("content/products/product-001.yaml"), "code: T-001", "code: T-001\nwithdrawn: 2026-01-31")
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 0, err
    assert vi_line < en_line
    assert (
        f"warning: content/products/product-000.yaml:{vi_line}: 'press.short.vi' has 15 words; a short press "
        "description has about 50 (35-65)\n"
        "  Fix: write about 50 words, or remove 'press.short' to use the start of the story\n"
        f"warning: content/products/product-000.yaml:{en_line}: 'press.short.en' has 6 words; a short press "
        "description has about 50 (35-65)\n"
        "  Fix: write about 50 words, or remove 'press.short' to use the start of the story\n") in err
    assert "press.long" not in err  # 160 words is inside 105-195
    warnings = err
    # one validation: validate and a rebuild with nothing changed report the same warnings as the first build
    code, out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert (code, out, err) == (0, "2 products, no errors\n", warnings)
    code, out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert "Nothing changed since the last build" in out
    assert (code, err) == (0, warnings)
    with zipfile.ZipFile("out/site/press/product-000/product-000-press-kit.zip") as archive:
        vi = archive.read("product-000-press-kit/press-kit.vi.txt").decode("utf-8")
        credits = archive.read("product-000-press-kit/credits-and-terms.txt").decode("utf-8")
    assert descriptions(vi, "vi") == {"short": (15, SHORT_VI), "long": (160, LONG_EN)}
    assert "- Người liên hệ báo chí: Nguyễn Thị Đào (thông tin minh họa)\n" in vi
    assert "Chỉ dùng cho báo chí." in vi and "For the press only." in credits
    en = page(Path("out/site"), "en/press/product-000")
    contact = {dt_.get_text(): dd for dt_, dd in zip(en.select("#contact + dl dt"), en.select("#contact + dl dd"),
                                                     strict=True)}
    assert contact["E-mail"].select_one("a")["href"] == "mailto:bao-chi@dongtam.example.vn"
    assert contact["Phone"].select_one("a")["href"] == "tel:0905123456"
    assert contact["Press contact"].select_one(".ocop-illustrative").get_text() == "(illustrative data)"
    assert en.select_one(".ocop-press-terms").get_text() == "For the press only."
    # a withdrawn product gets no press kit
    assert not Path("out/site/press/product-001").exists() and not Path("out/site/en/press/product-001").exists()


def test_derived_texts_leave_markdown_out_and_never_cut_a_sentence(content):
    long_sentence = "Đường phổi " + " ".join(["được nấu thủ công"] * 20) + " ở Đức Phổ."  # 75 words
    story = Path("content/stories/product-000.vi.md")
    edit(story, "Đường phổi Đức Phổ là món quà quê của vùng đất nắng gió.",
         f"{long_sentence} Câu thứ hai.")
    edit(Path("content/stories/product-000.en.md"),
         'Đức Phổ "lung sugar" is a homely gift from a land of sun and wind.',
         "Đức Phổ **lung sugar** is a [homely gift](https://example.vn/qua) from Co. Ltd. Đồng Tâm, "
         "a land of sun and wind.\n\n- a list item that is left out\n\nThe second paragraph.")
    product = load_catalog(content, today=dt.date.fromisoformat(TODAY)).products["product-000"]
    assert description(product, "short", "vi").paragraphs == (long_sentence,)  # the first sentence, whole
    assert description(product, "short", "en").paragraphs == (
        "Đức Phổ lung sugar is a homely gift from Co. Ltd. Đồng Tâm, a land of sun and wind.",
        "The second paragraph.",
        "Sugar cane grows on the river flats; the sugar is boiled from the pressed juice.",
        "The cook boils the cane juice in a cast-iron pan, stirring until the sugar crystallizes.",
    )  # 52 words: the next sentence (14) would end further from 50
    assert not description(product, "short", "en").from_record
