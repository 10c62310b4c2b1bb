"""The generated pages of a small fixed content folder equal the committed golden files
(tests/golden_output.py says what is compared; `python tools/refresh_golden.py` writes them again)."""

from __future__ import annotations

from golden_output import EXPECTED, FILE_LIST, REFRESH, differences, expected, generate


def test_the_generated_pages_equal_the_golden_files(tmp_path):
    golden, actual = expected(), generate(tmp_path)
    report = differences(golden, actual)
    assert not report, (f"The pages generated from tests/golden/content differ from {EXPECTED}:\n{report}\n"
                        f"If the change is intended, run `{REFRESH}` and commit the files it rewrites.")


def test_the_golden_content_covers_every_kind_of_page():
    """The golden folder keeps a page of each kind in both languages, with Vietnamese text as written."""
    files = expected()[FILE_LIST].decode("utf-8").splitlines()
    for language in ("vi", "en"):
        for page in ("index.md", "catalogue.md", "map.md", "groups/food.md", "localities/dac-khu-ly-son.md",
                     "stars/5.md", "products/toi-ly-son.md", "products/que-tra-bong.md", "press/toi-ly-son.md",
                     "trips.md", "trips/ly-son-famtrip.md"):
            assert f"mkdocs/docs-{language}/{page}" in files
    assert "stubs/P/TLS-01/index.html" in files and "stubs/p/tls-01/index.html" in files
    assert "press/que-tra-bong.md" not in " ".join(files)  # withdrawn: no press kit
    page = (EXPECTED / "mkdocs/docs-vi/products/toi-ly-son.md").read_text(encoding="utf-8")
    assert "# Tỏi cô đơn Lý Sơn\n" in page
    assert "Đặc khu Lý Sơn" in page


def test_a_changed_page_is_reported_as_a_readable_diff(tmp_path):
    """What a failing run prints: the file, and the lines that changed, not two blobs of bytes."""
    golden = expected()
    changed = dict(golden)
    page = "mkdocs/docs-vi/products/toi-ly-son.md"
    changed[page] = golden[page].replace("# Tỏi cô đơn Lý Sơn".encode(), "# Tỏi Lý Sơn".encode())
    del changed["stubs/qr/codes.json"]
    changed["mkdocs/docs-en/extra.md"] = b"new\n"
    report = differences(golden, changed).splitlines()
    assert report[:2] == ["no longer generated: stubs/qr/codes.json", "newly generated: mkdocs/docs-en/extra.md"]
    assert report[2:4] == [f"--- expected/{page}", f"+++ generated/{page}"]
    assert "-# Tỏi cô đơn Lý Sơn" in report and "+# Tỏi Lý Sơn" in report
    assert len(report) < 15  # two lines of context, not the whole page
