"""Printables in the build: linked from every product page and the downloads page, rendered again
only when their content changed, and a warning for photos too small to print."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import TODAY, edit
from content_factory import write_photo

PRINTABLES = ["product-000-flyer-a5-vi.pdf", "product-000-flyer-a5-en.pdf", "product-000-brochure-a4-vi.pdf",
              "product-000-brochure-a4-en.pdf"]


def build(cli, *options: str) -> tuple[int, str, str]:
    return cli("build", "--content", "content", "--out", "out", "--today", TODAY, *options)


def test_printables_are_built_linked_and_listed(built_content):
    """The two products built by `ocop-site build` (a copy of one build: tests/conftest.py)."""
    assert sorted(p.name for p in Path("out/site/print/product-000").iterdir()) == sorted(PRINTABLES)
    assert sorted(p.name for p in Path("out/site/print").glob("*.pdf")) == ["catalogue-en.pdf", "catalogue-vi.pdf"]
    page = BeautifulSoup(Path("out/site/en/products/product-000/index.html").read_text(), "html.parser")
    links = [a["href"] for a in page.select(".ocop-producers a[href$='.pdf']")]
    assert [link.rsplit("/", 1)[1] for link in links] == [
        "T-000.pdf", "product-000-flyer-a5-en.pdf", "product-000-flyer-a5-vi.pdf",
        "product-000-brochure-a4-en.pdf", "product-000-brochure-a4-vi.pdf"]
    for link in links:
        assert (Path("out/site/en/products/product-000") / link).resolve().is_file(), link
    downloads = BeautifulSoup(Path("out/site/downloads/index.html").read_text(), "html.parser")
    listed = {a["href"].rsplit("/", 1)[1] for a in downloads.select("a[href*='print/']")}
    assert listed == {"catalogue-vi.pdf", "product-000-flyer-a5-vi.pdf", "product-000-brochure-a4-vi.pdf",
                      "product-001-flyer-a5-vi.pdf", "product-001-brochure-a4-vi.pdf"}


def test_an_unchanged_product_is_not_rendered_again(content, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "own-cache"))
    code, out, err = build(cli)
    assert "Printables: 10 PDFs (10 rendered; catalogue booklet parts laid out: 6 of 6)" in out
    code, out, err = build(cli, "--clean")  # every step runs again (a plain rebuild would stop: nothing changed)
    assert "Printables: 10 PDFs (0 rendered; catalogue booklet parts laid out: 0 of 6)" in out
    edit(Path("content/stories/product-001.en.md"), "## Origin\n\n", "## Origin\n\nNew first words. ")
    code, out, err = build(cli)
    assert code == 0, err
    # product-001's English flyer and brochure, and the English booklet: its page of product-001 laid out again
    assert "Printables: 10 PDFs (3 rendered; catalogue booklet parts laid out: 1 of 6)" in out


SMALL_HERO = [  # the record's line of the photo; one warning per printed piece, in the order validate sorts them
    f"warning: content/products/product-000.yaml:28: photo content/media/product-000/hero.jpg is 600 px wide; "
    f"the {piece} prints it {mm} mm wide, which needs {px} px at 250 ppi\n"
    f"  Fix: use a copy at least {px} px wide: the camera's original, not one made smaller for the web or a chat "
    "app\n" for piece, mm, px in (("A4 brochure", 147, 1447), ("A5 catalogue", 154, 1516), ("A5 flyer", 154, 1516))]


def test_a_photo_too_small_to_print_is_a_warning_naming_the_file(content, cli):
    """One validation (issue 15, item 4): the loader's warning, at the record's `images` line, shown once by
    build, again by a rebuild with nothing changed, and by validate (exit 0)."""
    write_photo(Path("content/media/product-000/hero.jpg"), size=(600, 400))
    assert Path("content/products/product-000.yaml").read_text(encoding="utf-8").splitlines()[27] == \
        "- file: hero.jpg"
    code, _out, err = build(cli)
    assert (code, err) == (0, "".join(SMALL_HERO))
    code, out, again = build(cli)
    assert "Nothing changed since the last build" in out
    assert (code, again) == (0, err)
    assert cli("validate", "--content", "content", "--today", TODAY) == (0, "2 products, no errors\n", err)


def test_print_profile_adds_pdf_x_versions_and_keeps_the_screen_ones(content, cli):
    """--print-profile: every printable also as PDF/X-4 in CMYK under /print/press/, same names; the RGB
    files the site links stay where they were."""
    import pikepdf

    code, out, err = build(cli, "--print-profile")
    assert code == 0, err
    assert "Printables: 20 PDFs" in out
    press = Path("out/site/print/press")
    assert sorted(p.name for p in (press / "product-000").iterdir()) == sorted(PRINTABLES)
    assert sorted(p.name for p in press.glob("*.pdf")) == ["catalogue-en.pdf", "catalogue-vi.pdf"]
    with pikepdf.open(press / "product-000" / "product-000-flyer-a5-vi.pdf") as pdf:
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
    with pikepdf.open(press / "catalogue-vi.pdf") as pdf:  # joined from parts
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    with pikepdf.open("out/site/print/product-000/product-000-flyer-a5-vi.pdf") as pdf:
        assert "/OutputIntents" not in pdf.Root
