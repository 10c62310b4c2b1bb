"""One validation: for every kind of error `ocop-site validate` can report for a record, a story or a
trip, the editor (a real `ocop-site edit` process) refuses the save that would bring it, answers
exactly the text `validate` prints for it, and writes nothing.

Errors a save cannot bring are listed at the end with what the editor does instead (the QR ledger and
site.yaml are never written through it, it deletes and renames nothing, it writes UTF-8 only).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from editor_process import EditorClient, running_editor, tree

from ocop_site.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "content"
RECORD = "products/ly-son-garlic.yaml"
STORY = "stories/ly-son-garlic.en.md"
TRIP = "trips/tra-river-presstrip.yaml"
PRICE = "price_range:\n  min: {}\n  max: {}\n  per:\n    vi: hộp 500 g\n    en: 500 g box\n"


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return change


def regex(pattern: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        changed = re.sub(pattern, new, text, count=1, flags=re.S | re.M)
        assert changed != text, pattern
        return changed
    return change


def append(more: str) -> Callable[[str], str]:
    return lambda text: text + more


# (id, file saved, change to the sample file, a line the answer must hold)
CASES: list[tuple[str, str, Callable[[str], str], str]] = [
    # the schema (messages.py)
    ("missing field", RECORD, sub("group: food\n", ""),
     "content/products/ly-son-garlic.yaml:1: missing required field 'group'"),
    ("unknown key, did you mean", RECORD, sub("featured: true", "featurd: true"),
     "content/products/ly-son-garlic.yaml:8: unknown key 'featurd' (did you mean 'featured'?)"),
    ("unknown key", RECORD, append("xyzzy: 1\n"), "content/products/ly-son-garlic.yaml:68: unknown key 'xyzzy'"),
    ("stars", RECORD, sub("stars: 5", "stars: 8"), "content/products/ly-son-garlic.yaml:7: 'stars' must be 3, 4 or 5, "
     "got 8"),
    ("whole number", RECORD, sub("stars: 5", "stars: năm"),
     "content/products/ly-son-garlic.yaml:7: 'stars' must be a whole number, got 'năm'"),
    ("number", RECORD, sub("lat: 15.3790", "lat: mười lăm"),
     "content/products/ly-son-garlic.yaml:25: 'coordinates.lat' must be a number, got 'mười lăm'"),
    ("date", RECORD, sub("recognized: 2025-06-30", "recognized: 2025-02-31"),
     "content/products/ly-son-garlic.yaml:14: 'certificate.recognized' is not a valid date: month 2 of 2025 has 28 "
     "days, so there is no day 31"),
    ("choice, did you mean", RECORD, sub("group: food", "group: foods"),
     "content/products/ly-son-garlic.yaml:6: 'group' must be one of food, beverages, herbal, textiles, souvenirs, "
     "tourism; got 'foods' (did you mean 'food'?)"),
    ("choice", RECORD, sub("group: food", "group: đồ ăn"),
     "content/products/ly-son-garlic.yaml:6: 'group' must be one of food, beverages, herbal, textiles, souvenirs, "
     "tourism; got 'đồ ăn'"),
    ("true or false", RECORD, sub("featured: true", "featured: có"),
     "content/products/ly-son-garlic.yaml:8: 'featured' must be true or false, got 'có'"),
    ("group of keys", RECORD, sub("name:\n  vi: Tỏi Lý Sơn\n  en: Lý Sơn garlic\n", "name: Tỏi Lý Sơn\n"),
     "content/products/ly-son-garlic.yaml:3: 'name' must be a group of keys, got 'Tỏi Lý Sơn'"),
    ("list", RECORD, regex(r"^where_to_buy:.*?(?=^season:)", "where_to_buy: Chợ Lý Sơn\n"),
     "content/products/ly-son-garlic.yaml:42: 'where_to_buy' must be a list, got 'Chợ Lý Sơn'"),
    ("text", RECORD, sub('decision: "2718/QĐ-BNNMT"', "decision: [2718, 2025]"),
     "content/products/ly-son-garlic.yaml:13: 'certificate.decision' must be text, got a list"),
    ("empty", RECORD, sub("  vi: Tỏi Lý Sơn\n", '  vi: "   "\n'),
     "content/products/ly-son-garlic.yaml:4: 'name.vi' is empty"),
    ("alt text", RECORD, regex(r"^      vi: Tranh minh họa những luống.*?\n", ""),
     "content/products/ly-son-garlic.yaml:29: image 1 has no alt text in Vietnamese"),
    ("no photo", RECORD, regex(r"^images:.*?(?=^where_to_buy:)", "images: [ ]\n"),
     "content/products/ly-son-garlic.yaml:27: 'images' needs at least one photo"),
    ("code pattern", RECORD, sub("code: LS-TOI", "code: ls-toi"),
     "content/products/ly-son-garlic.yaml:2: 'code' must be 2 to 16 upper-case letters, digits or '-', got 'ls-toi'"),
    ("web address", RECORD, sub("url: https://postmart.vn", "url: postmart.vn"),
     "content/products/ly-son-garlic.yaml:49: 'where_to_buy[2].url' must be a web address, got 'postmart.vn'"),
    ("negative", RECORD, append(PRICE.format(-5, 10)),
     "content/products/ly-son-garlic.yaml:69: 'price_range.min' must not be negative, got -5"),
    ("other schema rule", RECORD, append("press:\n  contact:\n    email: không-có-thư\n"),
     "content/products/ly-son-garlic.yaml:70: 'press.contact.email': String should match pattern "
     "'^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'"),
    # reading the file (content/reader.py)
    ("YAML syntax", RECORD, sub("  vi: Tỏi Lý Sơn\n", '  vi: "Tỏi Lý Sơn\n'),
     "content/products/ly-son-garlic.yaml:13: YAML syntax error: expected <block end>, but found '<scalar>'"),
    ("key twice", RECORD, sub("stars: 5\n", "stars: 5\nstars: 4\n"),
     "content/products/ly-son-garlic.yaml:8: key 'stars' is given twice (first on line 7)"),
    ("not a record", RECORD, lambda text: "# ghi chú\n- chỉ một danh sách\n",
     "content/products/ly-son-garlic.yaml:1: the file must contain keys such as 'code:' and 'name:'"),
    # facts the schema cannot say (content/product_files.py)
    ("code of another product", RECORD, sub("code: LS-TOI", "code: LS-HANH"),
     "content/products/ly-son-shallot.yaml:2: QR code 'LS-HANH' is already used by "
     "content/products/ly-son-garlic.yaml:2"),
    ("QR payload too long", RECORD, sub("code: LS-TOI", "code: LS-TOI-MOT-HAI-B"),
     "content/products/ly-son-garlic.yaml:2: the QR payload 'HTTPS://OCOP.QUANGNGAI.EXAMPLE/P/LS-TOI-MOT-HAI-B'"),
    ("commune, did you mean", RECORD, sub("commune: Đặc khu Lý Sơn", "commune: Huyện Lý Sơn"),
     "content/products/ly-son-garlic.yaml:22: 'Huyện Lý Sơn' is not a commune, ward or special zone of Quảng Ngãi "
     "(did you mean 'Đặc khu Lý Sơn'?)"),
    ("commune", RECORD, sub("commune: Đặc khu Lý Sơn", "commune: ABC"),
     "content/products/ly-son-garlic.yaml:22: 'ABC' is not a commune, ward or special zone of Quảng Ngãi"),
    ("map", RECORD, sub("lat: 15.3790", "lat: 10.5"),
     "content/products/ly-son-garlic.yaml:24: coordinates 10.5, 109.103 are outside Quảng Ngãi"),
    ("expires before recognized", RECORD,
     sub("recognized: 2025-06-30\n", "recognized: 2025-06-30\n  expires: 2024-01-01\n"),
     "content/products/ly-son-garlic.yaml:15: 'certificate.expires' is not after 'certificate.recognized'"),
    ("prices swapped", RECORD, append(PRICE.format(50000, 1000)),
     "content/products/ly-son-garlic.yaml:68: 'price_range.min' is larger than 'price_range.max'"),
    ("online shop without address", RECORD, sub("    url: https://postmart.vn\n", ""),
     "content/products/ly-son-garlic.yaml:45: online shop 'Postmart (sàn thương mại điện tử của Bưu điện Việt Nam)' "
     "has no 'url'"),
    # the story's videos (content/videos.py, and the record schema for the upload date)
    ("video upload date", RECORD, sub("uploaded: 2026-11-01", "uploaded: 2026-02-30"),
     "content/products/ly-son-garlic.yaml:63: 'videos[1].uploaded' is not a valid date: '2026-02-30'"),
    ("video without upload date", RECORD, sub("    uploaded: 2026-11-01\n", ""),
     "content/products/ly-son-garlic.yaml:57: missing required field 'videos[1].uploaded'"),
    ("video file missing", RECORD, sub("- file: field-pan.mp4", "- file: khong-co.mp4"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/khong-co.mp4 does not exist"),
    ("video duration", RECORD, sub('duration: "0:08"', 'duration: "1:08"'),
     "content/products/ly-son-garlic.yaml:62: 'duration' is 1:08 but the video file lasts 0:08"),
    ("video address", RECORD, sub("- file: field-pan.mp4", "- url: https://vimeo.com/12345\n    poster: hero.jpg"),
     "content/products/ly-son-garlic.yaml:57: video address https://vimeo.com/12345 is not a YouTube or Facebook "
     "video"),
    ("photo missing", RECORD, sub("file: detail.jpg", "file: khong-co.jpg"),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/khong-co.jpg does not exist"),
    # stories (stories.py)
    ("story title", STORY, lambda text: "# Lý Sơn garlic\n\n" + text,
     "content/stories/ly-son-garlic.en.md:1: a story has no '#' title: the page title is the product name"),
    ("section, did you mean", STORY, sub("## Origin", "## Origen"),
     "content/stories/ly-son-garlic.en.md:3: unknown section '## Origen' (did you mean '## Origin'?)"),
    ("section in the other language", STORY, sub("## Origin", "## Nguồn gốc"),
     "content/stories/ly-son-garlic.en.md:3: unknown section '## Nguồn gốc' (did you mean '## Origin'?)"),
    ("section", STORY, sub("## Community benefit", "## Lời cảm ơn"),
     "content/stories/ly-son-garlic.en.md:15: unknown section '## Lời cảm ơn'"),
    ("section twice", STORY, append("\n## Origin\n\nĐảo Lý Sơn.\n"),
     "content/stories/ly-son-garlic.en.md:19: section '## Origin' appears twice"),
    ("required section", STORY, sub("## Cultural imprint\n\n", ""),
     "content/stories/ly-son-garlic.en.md:1: missing required section '## Cultural imprint'"),
    ("empty section", STORY, regex(r"(?<=## Origin\n\n).*?\n\n(?=## Production)", ""),
     "content/stories/ly-son-garlic.en.md:3: section '## Origin' is empty"),
    ("link", STORY, lambda text: "[Xem thêm](javascript:alert('đ'))\n\n" + text,
     "content/stories/ly-son-garlic.en.md:1: link to 'javascript:alert('đ')' is not allowed in a story"),
    ("story file name", "stories/ly-son-garlic.fr.md", lambda text: text,
     "content/stories/ly-son-garlic.fr.md:1: story file names look like <slug>.vi.md or <slug>.en.md"),
    # trips (trips.py)
    ("trip file name", "trips/Chuyến_đi.yaml", lambda text: text,
     "content/trips/Chuyến_đi.yaml:1: file name 'Chuyến_đi' is not a valid slug"),
    ("trip field", TRIP, sub("kind: presstrip\n", ""), "content/trips/tra-river-presstrip.yaml:1: missing required "
     "field 'kind'"),
    ("time", TRIP, sub('time: "07:30"', 'time: "7g30"'),
     "content/trips/tra-river-presstrip.yaml:16: 'days[1].stops[1].time' must be a time like \"07:30\", got '7g30'"),
    ("product slug", TRIP, sub("product: my-thien-pottery", "product: Gốm Mỹ Thiện"),
     "content/trips/tra-river-presstrip.yaml:17: 'days[1].stops[1].product' must be a product slug, "
     "got 'Gốm Mỹ Thiện'"),
    ("stop without place", TRIP, sub("        product: my-thien-pottery\n", ""),
     "content/trips/tra-river-presstrip.yaml:16: day 1, stop 1 needs one of 'product', 'showroom' or 'place'"),
    ("stop with two places", TRIP, sub("        product: my-thien-pottery\n", "        product: my-thien-pottery\n"
                                       "        place:\n          name:\n            vi: Bến đò\n            en: Ferry"
                                       "\n          address: Bến sông Trà\n          coordinates:\n            lat: "
                                       "15.1\n            lon: 108.8\n"),
     "content/trips/tra-river-presstrip.yaml:18: day 1, stop 1 has both 'product' and 'place'"),
    ("unknown product, did you mean", TRIP, sub("product: my-thien-pottery", "product: my-thien-potery"),
     "content/trips/tra-river-presstrip.yaml:17: day 1, stop 1: unknown product 'my-thien-potery' "
     "(did you mean 'my-thien-pottery'?)"),
    ("unknown product", TRIP, sub("product: my-thien-pottery", "product: banh-xeo"),
     "content/trips/tra-river-presstrip.yaml:17: day 1, stop 1: unknown product 'banh-xeo'"),
    ("showroom off the map", TRIP, sub("lat: 15.1206", "lat: 21.0"),
     "content/trips/tra-river-presstrip.yaml:45: coordinates 21.0, 108.799 are outside Quảng Ngãi"),
    ("last stop travels", TRIP, sub('    product: thi-pho-malt-syrup\n', '    product: thi-pho-malt-syrup\n'
                                    '        travel_minutes: 10\n'),
     "content/trips/tra-river-presstrip.yaml:62: day 1, stop 4 is the last stop of the day but has 'travel_minutes'"),
    ("no travel time", TRIP, sub("        travel_minutes: 45\n", ""),
     "content/trips/tra-river-presstrip.yaml:16: day 1, stop 1 has no 'travel_minutes' to the next stop"),
    ("stops out of order", TRIP, sub('time: "09:30"', 'time: "06:30"'),
     "content/trips/tra-river-presstrip.yaml:29: day 1, stop 2 starts at 06:30, before stop 1 (07:30)"),
    ("negative travel time", TRIP, sub("travel_minutes: 45", "travel_minutes: -5"),
     "content/trips/tra-river-presstrip.yaml:25: 'days[1].stops[1].travel_minutes' must not be negative, got -5"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("served") / "content"
    shutil.copytree(SAMPLE, content)
    return content


@pytest.fixture(scope="module")
def editor(served: Path) -> Iterator[EditorClient]:
    with running_editor(served) as client:
        yield client


def validate_errors(content: Path, cli_main=main) -> list[str]:
    """The error lines `ocop-site validate --content content` prints, run from the folder above; warnings
    and the closing count left out."""
    import contextlib
    import io
    import os

    here = os.getcwd()
    printed = io.StringIO()
    os.chdir(content.parent)
    try:
        with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(io.StringIO()):
            code = cli_main(["validate", "--content", content.name])
    finally:
        os.chdir(here)
    assert code == 1, printed.getvalue()
    lines, skip = [], False
    for line in printed.getvalue().splitlines()[:-1]:
        if line.startswith("warning: "):
            skip = True
        elif not line.startswith("  Fix: "):
            skip = False
        if not skip:
            lines.append(line)
    assert re.fullmatch(r"\d+ errors?", printed.getvalue().splitlines()[-1])
    return lines


def _refused(editor: EditorClient, served: Path, tmp_path: Path, path: str, raw: str) -> list[str]:
    """Save `raw` as `path` through the editor; assert it is refused, that nothing changed, and that the
    answer is what validate prints for the same content. Returns the answer's lines."""
    before = tree(served)
    status, answer = editor.call("persistEntry", {"dataFiles": [{"path": path, "slug": "x", "raw": raw}],
                                                  "assets": []})
    assert status == 422, answer
    assert tree(served) == before
    copy = tmp_path / "content"
    shutil.copytree(served, copy)
    (copy / path).write_text(raw, encoding="utf-8")
    expected = validate_errors(copy)
    assert answer["error"].splitlines() == expected
    return expected


@pytest.mark.parametrize(("path", "change", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_editor_refuses_what_validate_rejects_with_its_words(editor: EditorClient, served: Path, tmp_path: Path,
                                                                 path: str, change, message: str):
    source = served / path if (served / path).exists() else served / (STORY if path.endswith(".md") else TRIP)
    lines = _refused(editor, served, tmp_path, path, change(source.read_text(encoding="utf-8")))
    assert any(line.startswith(message) for line in lines), "\n".join(lines)


def test_a_record_leaving_draft_without_its_stories_is_refused(tmp_path: Path):
    """Stories are required once a record is no longer a draft: the save that removes 'draft: true'."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-NHAP")
    (content / "products" / "toi-nhap.yaml").write_text(record + "draft: true\n", encoding="utf-8")
    shutil.copytree(content / "media" / "ly-son-garlic", content / "media" / "toi-nhap")
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, "products/toi-nhap.yaml", record)
    assert lines[:2] == ["content/products/toi-nhap.yaml:1: the English story is missing: expected "
                         "content/stories/toi-nhap.en.md",
                         "  Fix: create it with the required sections, or run 'ocop-site new product toi-nhap' in an "
                         "empty folder to see a template"]


def test_a_photo_that_is_no_photo_is_refused(tmp_path: Path):
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    (content / "media" / "ly-son-garlic" / "ghi-chu.jpg").write_text("không phải ảnh\n", encoding="utf-8")
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("file: detail.jpg", "file: ghi-chu.jpg")
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, RECORD, record)
    assert lines[0] == ("content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/ghi-chu.jpg "
                        "is not a readable photo")


def test_a_printed_code_is_not_given_to_another_product(tmp_path: Path):
    """Once Lý Sơn garlic has a new code, its old one still leads to it: the shallot cannot take it."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    garlic = content / RECORD
    garlic.write_text(garlic.read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-TOI2"), encoding="utf-8")
    shallot = (SAMPLE / "products" / "ly-son-shallot.yaml").read_text(encoding="utf-8")
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, "products/ly-son-shallot.yaml",
                         shallot.replace("code: LS-HANH", "code: LS-TOI"))
    assert lines[0] == ("content/products/ly-son-shallot.yaml:2: QR code 'LS-TOI' was issued to 'ly-son-garlic' "
                        "(content/qr-ledger.yaml:21); a printed code is never reused for another product")


def test_errors_already_in_the_content_do_not_block_other_saves(tmp_path: Path):
    """The rule: refused are the errors the save would add; one already there (another product's) is left to
    'ocop-site validate', and the save that fixes it is taken."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    shallot = content / "products" / "ly-son-shallot.yaml"
    good = shallot.read_text(encoding="utf-8")
    shallot.write_text(good.replace("stars: 4", "stars: 9"), encoding="utf-8")
    story = (SAMPLE / STORY).read_text(encoding="utf-8").replace("On a small island", "On a tiny island")
    with running_editor(content) as editor:
        saved = editor.call("persistEntry", {"dataFiles": [{"path": STORY, "raw": story}]})
        fixed = editor.call("persistEntry", {"dataFiles": [{"path": "products/ly-son-shallot.yaml", "raw": good}]})
    assert saved == fixed == (200, {"message": "entry persisted"})
    assert (content / STORY).read_text(encoding="utf-8") == story
    assert shallot.read_text(encoding="utf-8") == good


# Errors no save through the editor can bring, and what the editor does instead (tested in
# test_editor_server.py): "the file is not UTF-8 text" (the editor writes UTF-8; text that is not valid
# Unicode is refused with 400), "the products folder is missing", "duplicate slug", "file name is not a
# valid slug" of a product, "the story is missing" of a published product, and "QR code leads to
# product which no longer exists" (it deletes, moves and creates no product record), every error of
# qr-ledger.yaml and site.yaml (never written through it).
