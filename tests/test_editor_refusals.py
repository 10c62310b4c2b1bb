"""One validation: for every kind of error `ocop-site validate` can report, the editor (a real `ocop-site edit`
process) refuses the save that would bring it, answers exactly the text `validate` prints for it, and writes
nothing: records, stories, trips, site.yaml (which the form edits too: its own errors and those it brings to the
products, such as a showroom they name removed, limits their videos now exceed, a site address too long for
their QR codes), uploaded photos and the form's new product.

The audit at the end checks that this is exhaustive: every error template of the modules `validate` runs
(tests/problem_templates.py reads them from the code, as the message catalogue's extraction does) is shown by
a refusal test here, or listed in NOT_BY_A_SAVE with why no save can bring it and what the editor does
instead (it never writes the QR ledger, deletes, renames or links nothing, writes UTF-8 regular files of at
most 1 MB).
"""

from __future__ import annotations

import base64
import functools
import io
import re
import shutil
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from editor_process import EditorClient, running_editor, tree
from PIL import Image

from ocop_site.cli import main
from ocop_site.content.reader import MAX_FILE_BYTES
from ocop_site.editor.backend import MAX_TEXT
from tools.make_sample_video import make_pan_video

SAMPLE = Path(__file__).resolve().parent.parent / "content"
RECORD = "products/ly-son-garlic.yaml"
STORY = "stories/ly-son-garlic.en.md"
TRIP = "trips/tra-river-presstrip.yaml"
SITE = "site.yaml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VIDEO_LIMITS = "video:\n  max_minutes: 1\n"  # appended to the served site.yaml, lines 59-60
CAPTION_FILES = {  # captions files in media/ly-son-garlic/ that no record names in the served content
    "srt.en.vtt": "1\n00:00:00,000 --> 00:00:08,000\nĐồng tỏi.\n",
    "trong.en.vtt": "WEBVTT\n",
    "sai-gio.en.vtt": "WEBVTT\n\n0:00 đến 0:08\nĐồng tỏi.\n",
    "nguoc.en.vtt": "WEBVTT\n\n00:05.000 --> 00:01.000\nĐồng tỏi.\n",
    "lui.en.vtt": "WEBVTT\n\n00:04.000 --> 00:08.000\nĐồng tỏi.\n\n00:01.000 --> 00:08.000\nĐảo.\n",
    "khong-chu.en.vtt": "WEBVTT\n\n00:00.000 --> 00:08.000\n",
    "mui-ten.en.vtt": "WEBVTT\n\n00:00.000 --> 00:08.000\nĐồng tỏi --> đảo\n",
    "ngan.en.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nĐồng tỏi.\n",
    "dai.en.vtt": "WEBVTT\n\n00:00.000 --> 00:30.000\nĐồng tỏi.\n",
    "mot-phut.en.vtt": "WEBVTT\n\n00:00.000 --> 01:01.000\nĐồng tỏi.\n",
    "mot-phut.vi.vtt": "WEBVTT\n\n00:00.000 --> 01:01.000\nĐồng tỏi.\n",
}
NEW_SHOP = "where_to_buy:\n  - kind: shop\n    name:\n      vi: Cửa hàng Đức Thịnh\n      en: Đức Thịnh shop\n"
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
    ("a name the share card cannot draw", RECORD, sub("  en: Lý Sơn garlic\n", "  en: Lý Sơn garlic 蒜\n"),
     "content/products/ly-son-garlic.yaml:5: 'name.en' has characters the share-card font cannot draw: 蒜"),
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
    # the schema, more (messages.py)
    ("date out of range", RECORD, sub("recognized: 2025-06-30", "recognized: 1925-06-30"),
     "content/products/ly-son-garlic.yaml:14: 'certificate.recognized' is 1925-06-30, outside the years 2000-2099"),
    ("date without its month", RECORD, sub("recognized: 2025-06-30", "recognized: 2025-30-06"),
     "content/products/ly-son-garlic.yaml:14: 'certificate.recognized' is not a valid date: '2025-30-06' has no "
     "month 30"),
    ("no date", RECORD, sub("recognized: 2025-06-30", "recognized: hôm qua"),
     "content/products/ly-son-garlic.yaml:14: 'certificate.recognized' is not a valid date: 'hôm qua'"),
    ("shop name in one language", RECORD, regex(r"^    name:\n      vi: Postmart.*?\n      en: .*?\n",
                                                "    name: Postmart đ\n"),
     "content/products/ly-son-garlic.yaml:46: where to buy 2: 'name' must be in Vietnamese and English, got "
     "'Postmart đ'"),
    ("shop name without English", RECORD, sub("      en: Postmart (Vietnam Post's online marketplace)\n", ""),
     "content/products/ly-son-garlic.yaml:46: where to buy 2 has no name in English"),
    ("showroom neither named nor given", RECORD, sub("    showroom: tinh-quang-ngai\n", ""),
     "content/products/ly-son-garlic.yaml:43: where to buy 1 has no 'name' and no 'showroom'"),
    ("showroom and name", RECORD, sub("    showroom: tinh-quang-ngai\n", "    showroom: tinh-quang-ngai\n"
                                      "    name:\n      vi: Cửa hàng Đồng\n      en: Đồng shop\n"),
     "content/products/ly-son-garlic.yaml:43: where to buy 1 has both 'showroom' and 'name'"),
    ("showroom, did you mean", RECORD, sub("showroom: tinh-quang-ngai", "showroom: tinh-quang-nga"),
     "content/products/ly-son-garlic.yaml:44: showroom 'tinh-quang-nga' is not in site.yaml (did you mean "
     "'tinh-quang-ngai'?)"),
    ("showroom", RECORD, sub("showroom: tinh-quang-ngai", "showroom: cho-dong-ba"),
     "content/products/ly-son-garlic.yaml:44: showroom 'cho-dong-ba' is not in site.yaml"),
    # what a YAML file may not use (yaml_source.py) and hidden characters (reader.py)
    ("anchor", RECORD, sub("name:\n  vi: Tỏi Lý Sơn\n", "name: &ten\n  vi: Tỏi Lý Sơn\n"),
     "content/products/ly-son-garlic.yaml:3: anchors and aliases ('&name', '*name') are not allowed in content files"),
    ("nested too deeply", RECORD, append("season_notes:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 23))),
     "content/products/ly-son-garlic.yaml:78: the keys and lists are nested more than 20 levels deep"),
    ("key that is a list", RECORD, append("? [a, b]\n: đ\n"),
     "content/products/ly-son-garlic.yaml:68: a key must be a plain word, not a list or a group of keys ('? [a, b]')"),
    ("invisible character in a value", RECORD, sub("vi: Tỏi Lý Sơn", "vi: Tỏi Lý\u202eSơn"),
     "content/products/ly-son-garlic.yaml:4: 'name.vi' contains the invisible character U+202E (RIGHT-TO-LEFT "
     "OVERRIDE)"),
    ("invisible character in a key", RECORD, sub("featured: true", "feat\u202eured: true"),
     "content/products/ly-son-garlic.yaml:8: a key contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("invisible character in a key under another", RECORD, sub("  vi: Tỏi Lý Sơn", "  v\u202ei: Tỏi Lý Sơn"),
     "content/products/ly-son-garlic.yaml:4: a key under 'name' contains the invisible character U+202E "
     "(RIGHT-TO-LEFT OVERRIDE)"),
    ("invisible character in the text", RECORD, lambda text: text.split("\n", 1)[0] + "\n\u202e\n",
     "content/products/ly-son-garlic.yaml:2: the text contains the invisible character U+202E (RIGHT-TO-LEFT "
     "OVERRIDE)"),
    # the template's placeholders (placeholders.py)
    ("placeholder", RECORD, sub("  en: Lý Sơn garlic\n", '  en: "[[product name]]"\n'),
     "content/products/ly-son-garlic.yaml:5: 'name.en' is still the template's placeholder"),
    ("story placeholder", STORY,
     lambda text: "[[Write a short opening paragraph here.]]\n\n" + text.split("\n\n", 1)[1],
     "content/stories/ly-son-garlic.en.md:1: the opening paragraph is still the template's placeholder"),
    ("section placeholder", STORY, regex(r"(?<=## Origin\n\n).*?\n(?=\n## Production)",
                                         "[[Write this section here.]]\n"),
     "content/stories/ly-son-garlic.en.md:5: section '## Origin' is still the template's placeholder"),
    # photo names and files (photos.py)
    ("photo path absolute", RECORD, sub("file: detail.jpg", "file: /tmp/detail.jpg"),
     "content/products/ly-son-garlic.yaml:35: photo '/tmp/detail.jpg' is an absolute path: photos must be inside "
     "content/media/ly-son-garlic/"),
    ("photo out of its folder", RECORD, sub("file: detail.jpg", "file: ../ly-son-shallot/hero.jpg"),
     "content/products/ly-son-garlic.yaml:35: photo '../ly-son-shallot/hero.jpg' leads out of "
     "content/media/ly-son-garlic/"),
    ("photo empty folder name", RECORD, sub("file: detail.jpg", "file: ./detail.jpg"),
     "content/products/ly-son-garlic.yaml:35: photo './detail.jpg' has an empty or '.' folder name in "
     "content/media/ly-son-garlic/"),
    ("photo name", RECORD, sub("file: detail.jpg", "file: ảnh tỏi.jpg"),
     "content/products/ly-son-garlic.yaml:35: photo name 'ảnh tỏi.jpg' has characters that break web addresses "
     "(' ')"),
    ("photo kind", RECORD, sub("file: detail.jpg", "file: detail.gif"),
     "content/products/ly-son-garlic.yaml:35: photo 'detail.gif' is not a .jpg, .jpeg or .png file"),
    ("photo folder", RECORD, sub("file: detail.jpg", "file: thu-muc.jpg"),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/thu-muc.jpg is not a regular "
     "file"),
    ("photo link", RECORD, sub("file: detail.jpg", "file: lien-ket.jpg"),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/lien-ket.jpg is a symbolic "
     "link: photos must be files inside content/media/ly-son-garlic/"),
    ("photo without pixels", RECORD, sub("file: detail.jpg", "file: khong-diem-anh.png"),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/khong-diem-anh.png has no pixels "
     "(0 × 10)"),
    # videos, more (videos.py, captions.py)
    ("video file and address", RECORD, sub("- file: field-pan.mp4", "- file: field-pan.mp4\n    url: "
                                           "https://youtu.be/dQw4w9WgXcQ"),
     "content/products/ly-son-garlic.yaml:57: video 1 has both 'file' and 'url'"),
    ("video neither file nor address", RECORD, sub("  - file: field-pan.mp4\n    title:", "  - title:"),
     "content/products/ly-son-garlic.yaml:57: video 1 has neither 'file' nor 'url'"),
    ("video without poster", RECORD, sub("- file: field-pan.mp4", "- url: https://youtu.be/dQw4w9WgXcQ"),
     "content/products/ly-son-garlic.yaml:57: the YouTube video 1 has no 'poster'"),
    ("video file name", RECORD, sub("- file: field-pan.mp4", "- file: phim tỏi.mp4"),
     "content/products/ly-son-garlic.yaml:57: video file name 'phim tỏi.mp4' is not a web-safe file name"),
    ("video file a folder", RECORD, sub("- file: field-pan.mp4", "- file: thu-muc.mp4"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/thu-muc.mp4 is not a regular "
     "file"),
    ("video format", RECORD, sub("- file: field-pan.mp4", "- file: hero.jpg"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/hero.jpg is not an .mp4 or "
     ".webm file"),
    ("video unreadable", RECORD, sub("- file: field-pan.mp4", "- file: ghi-chu.mp4"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/ghi-chu.mp4 is not a readable "
     "video"),
    ("video codec", RECORD, sub("- file: field-pan.mp4", "- file: cu.mp4"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/cu.mp4 is MP4 with mpeg4 video, "
     "which not every phone plays"),
    ("video too long", RECORD, regex(r"- file: field-pan.mp4(.*?)duration: \"0:08\"(.*?)field-pan.vi.vtt(.*?)"
                                     r"field-pan.en.vtt", r'- file: mot-phut.mp4\1duration: "1:01"\2mot-phut.vi.vtt'
                                     r"\3mot-phut.en.vtt"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/mot-phut.mp4 lasts 1:01: longer "
     "than 1 minute"),
    ("poster", RECORD, sub("- file: field-pan.mp4", "- url: https://youtu.be/dQw4w9WgXcQ\n    poster: cu.jpg"),
     "content/products/ly-son-garlic.yaml:58: poster image content/media/ly-son-garlic/cu.jpg does not exist"),
    ("poster unreadable", RECORD, sub("- file: field-pan.mp4", "- url: https://youtu.be/dQw4w9WgXcQ\n"
                                      "    poster: field-pan.vi.vtt"),
     "content/products/ly-son-garlic.yaml:58: poster image content/media/ly-son-garlic/field-pan.vi.vtt is not a "
     "readable photo"),
    ("captions name", RECORD, sub("en: field-pan.en.vtt", "en: field-pan.vi.vtt"),
     "content/products/ly-son-garlic.yaml:66: English captions file name 'field-pan.vi.vtt' does not end in .en.vtt"),
    ("captions short", RECORD, sub("en: field-pan.en.vtt", "en: ngan.en.vtt"),
     "content/products/ly-son-garlic.yaml:66: the English captions end at 0:02 but the video lasts 0:08"),
    ("captions long", RECORD, sub("en: field-pan.en.vtt", "en: dai.en.vtt"),
     "content/products/ly-son-garlic.yaml:66: the English captions run to 0:30 but the video lasts 0:08"),
    ("captions not WebVTT", RECORD, sub("en: field-pan.en.vtt", "en: srt.en.vtt"),
     "content/media/ly-son-garlic/srt.en.vtt:1: the file does not start with 'WEBVTT'"),
    ("captions empty", RECORD, sub("en: field-pan.en.vtt", "en: trong.en.vtt"),
     "content/media/ly-son-garlic/trong.en.vtt:1: the file has no captions"),
    ("cue timing", RECORD, sub("en: field-pan.en.vtt", "en: sai-gio.en.vtt"),
     "content/media/ly-son-garlic/sai-gio.en.vtt:4: 'Đồng tỏi.' is not a cue timing"),
    ("cue backwards", RECORD, sub("en: field-pan.en.vtt", "en: nguoc.en.vtt"),
     "content/media/ly-son-garlic/nguoc.en.vtt:3: the cue ends at 00:01.000, not after it starts"),
    ("cues out of order", RECORD, sub("en: field-pan.en.vtt", "en: lui.en.vtt"),
     "content/media/ly-son-garlic/lui.en.vtt:6: the cue starts before the cue above it"),
    ("cue without text", RECORD, sub("en: field-pan.en.vtt", "en: khong-chu.en.vtt"),
     "content/media/ly-son-garlic/khong-chu.en.vtt:3: the cue has no text"),
    ("cue with an arrow", RECORD, sub("en: field-pan.en.vtt", "en: mui-ten.en.vtt"),
     "content/media/ly-son-garlic/mui-ten.en.vtt:4: cue text contains '-->'"),
    # stories, more (stories.py)
    ("story too long", STORY, append("\n" + "Đảo đá đen. " * 4500 + "\n"),
     "content/stories/ly-son-garlic.en.md:1: the story is 56,963 characters long; a story has at most 50,000"),
    ("heading in a list", STORY, sub("## Origin\n", "- ## Origin\n"),
     "content/stories/ly-son-garlic.en.md:3: section heading '## Origin' is inside a list or a quote"),
    ("picture", STORY, sub("## Origin\n\n", "## Origin\n\n![Đồng tỏi](hero.jpg)\n\n"),
     "content/stories/ly-son-garlic.en.md:5: a story cannot show pictures ('hero.jpg')"),
    ("code block", STORY, sub("## Origin\n\n", "## Origin\n\n```\n"),
     "content/stories/ly-son-garlic.en.md:5: the code block opened here with '```' is never closed, so the rest of "
     "the story is shown as code"),
    ("nesting", STORY, sub("## Origin\n\n", "## Origin\n\n" + "> " * 40 + "đ\n\n"),
     "content/stories/ly-son-garlic.en.md:5: quotes and lists are nested too deeply here"),
    # site.yaml, which the form edits too (product_files.py, places.py, records.py)
    ("site: missing field", SITE, sub("site_url: https://ocop.quangngai.example/\n", ""),
     "content/site.yaml:1: missing required field 'site_url'"),
    ("site: unknown key", SITE, append("kios: {attract_after_seconds: 30}\n"),
     "content/site.yaml:61: unknown key 'kios' (did you mean 'kiosk'?)"),
    ("site: showroom id twice", SITE, sub("  - id: binh-son", "  - id: tinh-quang-ngai"),
     "content/site.yaml:20: showroom id 'tinh-quang-ngai' is used twice"),
    ("site: showroom commune", SITE, sub("commune: Xã Bình Sơn,", "commune: Huyện Bình Sơn,"),
     "content/site.yaml:25: 'Huyện Bình Sơn' is not a commune, ward or special zone of Quảng Ngãi (did you mean "
     "'Xã Bình Sơn'?)"),
    ("site: showroom off the map", SITE, sub("lat: 15.2941", "lat: 21.0285"),
     "content/site.yaml:26: coordinates 21.0285, 108.7602 are outside Quảng Ngãi"),
    ("site: showroom phone", SITE, sub('phone: "0255 3851 222"', 'phone: "gọi Đức"'),
     "content/site.yaml:30: 'showrooms[2].phone' is not a Vietnamese phone number: 'gọi Đức'"),
    ("site: showroom hours in one language", SITE, sub('    hours:\n      vi: "7:30–11:30 và 13:30–17:00, thứ Hai đến '
                                                       'thứ Bảy"\n      en: "Monday to Saturday, 7:30–11:30 am and '
                                                       '1:30–5 pm"\n', "    hours: 7:30–17:00\n"),
     "content/site.yaml:15: showroom 1: 'hours' must be in Vietnamese and English, got '7:30–17:00'"),
    ("site: a title the share card cannot draw", SITE,
     sub('en: "Quảng Ngãi OCOP Stories"}', 'en: "Quảng Ngãi OCOP ★"}'),
     "content/site.yaml:2: 'title.en' has characters the share-card font cannot draw: ★"),
    ("site: showroom without English name", SITE, sub("      en: Bình Sơn OCOP showroom\n", ""),
     "content/site.yaml:21: showroom 2 has no name in English"),
    ("site: a showroom products name removed", SITE, sub("  - id: tinh-quang-ngai", "  - id: tinh-quang-nga"),
     "content/products/duc-nhuan-mushroom.yaml:43: showroom 'tinh-quang-ngai' is not in site.yaml (did you mean "
     "'tinh-quang-nga'?)"),
    ("site: video limit too low", SITE, sub(VIDEO_LIMITS, "video:\n  max_minutes: 1\n  max_height: 100\n"),
     "content/site.yaml:61: 'video.max_height' must be 144 or more, got 100"),
    ("site: a limit above zero", SITE, sub(VIDEO_LIMITS, "video:\n  max_minutes: 1\n  max_megabytes: 0\n"),
     "content/site.yaml:61: 'video.max_megabytes' must be more than 0, got 0"),
    ("site: videos too tall", SITE, sub(VIDEO_LIMITS, "video:\n  max_minutes: 1\n  max_height: 144\n"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/field-pan.mp4 is 640×360: "
     "taller than 144 pixels"),
    ("site: videos too large", SITE, sub(VIDEO_LIMITS, "video:\n  max_minutes: 1\n  max_megabytes: 0.001\n"),
     "content/products/ly-son-garlic.yaml:57: video file content/media/ly-son-garlic/field-pan.mp4 is 0.0522 MB: "
     "larger than 0.001 MB"),
    ("site: host too long for the QR codes", SITE, sub("site_url: https://ocop.quangngai.example/",
                                                       "site_url: https://dac-san-ocop.quangngai.example/"),
     "content/products/go-co-village.yaml:2: the QR payload 'HTTPS://DAC-SAN-OCOP.QUANGNGAI.EXAMPLE/P/GC-LANG' (48 "
     "characters) needs QR version 4 at error correction Q; codes are limited to version 3 (29×29 modules) so they "
     "stay readable at about 19 mm on packaging"),
    ("site: a lower-case path too long for the QR codes", SITE,
     sub("site_url: https://ocop.quangngai.example/", "site_url: https://ocop.quangngai.example/dac-san-ocop-tinh/"),
     "content/products/go-co-village.yaml:2: the QR payload "
     "'HTTPS://OCOP.QUANGNGAI.EXAMPLE/dac-san-ocop-tinh/P/GC-LANG' (58 characters) needs QR version 5 at error "
     "correction Q; codes are limited to version 3 (29×29 modules) so they "
     "stay readable at about 19 mm on packaging (lower-case letters in the site path are stored in byte mode, which "
     "takes more room)"),
    ("site: kiosk timing", SITE, sub("attract_after_seconds: 60", "attract_after_seconds: 5"),
     "content/site.yaml:58: 'kiosk.attract_after_seconds': must be 10 to 3600 seconds, got 5"),
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
     "content/products/ly-son-garlic.yaml:2: the QR payload 'HTTPS://OCOP.QUANGNGAI.EXAMPLE/P/LS-TOI-MOT-HAI-B' (49 "
     "characters) needs QR version 4 at error correction Q; codes are limited to version 3 (29×29 modules) so they "
     "stay readable at about 19 mm on packaging"),
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
    ("shop without address", RECORD, sub("where_to_buy:\n", NEW_SHOP + '    phone: "0255 3822 111"\n'),
     "content/products/ly-son-garlic.yaml:43: shop 'Cửa hàng Đức Thịnh' has no 'address'"),
    ("shop without phone", RECORD, sub("where_to_buy:\n", NEW_SHOP + "    address: Đặc khu Lý Sơn\n"),
     "content/products/ly-son-garlic.yaml:43: shop 'Cửa hàng Đức Thịnh' has no 'phone'"),
    ("online shop without address", RECORD, sub("    url: https://postmart.vn\n", ""),
     "content/products/ly-son-garlic.yaml:45: online shop 'Postmart (sàn thương mại điện tử của Bưu điện Việt Nam)' "
     "has no 'url'"),
    # the story's videos (content/videos.py, and the record schema for the upload date)
    ("video upload date", RECORD, sub("uploaded: 2026-11-01", "uploaded: 2026-02-30"),
     "content/products/ly-son-garlic.yaml:63: 'videos[1].uploaded' is not a valid date: month 2 of 2026 has 28 days, "
     "so there is no day 30"),
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
    """The sample content, with files no record names yet (a save that names one brings its error; the editor
    uploads photos only) and a one-minute limit on videos (the sample's video lasts 8 seconds)."""
    content = tmp_path_factory.mktemp("served") / "content"
    shutil.copytree(SAMPLE, content)
    media = content / "media" / "ly-son-garlic"
    for name, text in CAPTION_FILES.items():
        (media / name).write_text(text, encoding="utf-8")
    (media / "ghi-chu.mp4").write_text("Đây không phải video\n", encoding="utf-8")
    (media / "thu-muc.mp4").mkdir()
    (media / "thu-muc.jpg").mkdir()
    (media / "lien-ket.jpg").symlink_to("hero.jpg")
    (media / "khong-diem-anh.png").write_bytes(_png_without_pixels())
    _mpeg4_video(media / "cu.mp4", media / "hero.jpg")
    make_pan_video(media / "hero.jpg", media / "mot-phut.mp4", seconds=61, size=(64, 36), fps=1)
    with (content / SITE).open("a", encoding="utf-8") as settings:
        settings.write(VIDEO_LIMITS)
    return content


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_without_pixels() -> bytes:
    """A PNG 0 pixels wide (Pillow cannot open it, so the editor's upload check refuses it; it can only be there
    already)."""
    header = struct.pack(">IIBBBBB", 0, 10, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"")) + _chunk(b"IEND", b"")


def _photo(size: tuple[int, int], kind: str = "PNG", mode: str = "RGB", **options: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "#c8a050" if mode == "RGB" else 1).save(out, kind, **options)
    return out.getvalue()


def _with_texts(sizes: list[int]) -> bytes:
    """A PNG with one text chunk of each size (in bytes), before its image data."""
    photo = _photo((40, 30))
    return photo[:33] + b"".join(_chunk(b"tEXt", b"ghi-chu\0" + b"d" * size) for size in sizes) + photo[33:]


def _jpeg_with_comments(count: int) -> bytes:
    photo = _photo((40, 30), "JPEG")
    return photo[:2] + b"\xff\xfe\x00\x05\xc4\x91\x00" * count + photo[2:]  # 'đ' in each comment


def _png_in_pieces(count: int) -> bytes:
    photo = _photo((40, 30))
    return photo[:33] + _chunk(b"IDAT", b"") * count + photo[33:]


def _mpeg4_video(path: Path, still: Path) -> None:
    """An 8-second MP4 with MPEG-4 Part 2 video, which not every phone plays."""
    import av

    h264 = path.with_suffix(".h264.tmp")
    make_pan_video(still, h264, seconds=8, size=(320, 180), fps=10)
    with av.open(str(h264), format="mp4") as source, av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
        for frame in source.decode(video=0):
            out.mux(stream.encode(frame.reformat(format="yuv420p")))
        out.mux(stream.encode())
    h264.unlink()


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


def _refused(editor: EditorClient, served: Path, tmp_path: Path, path: str, raw: str,
             photos: dict[str, bytes] | None = None) -> list[str]:
    """Save `raw` as `path` through the editor, with `photos` uploaded (path → bytes); assert it is refused, that
    nothing changed, and that the answer is what validate prints for the same content. Returns the answer's
    lines."""
    before = tree(served)
    original = (served / path).read_bytes() if (served / path).exists() else None
    assets = [{"path": name, "content": base64.b64encode(data).decode("ascii"), "encoding": "base64"}
              for name, data in (photos or {}).items()]
    status, answer = editor.call("persistEntry", {"dataFiles": [{"path": path, "slug": "x", "raw": raw}],
                                                  "assets": assets})
    if status != 422:  # saved after all: put things back for the other cases
        if original is not None:
            (served / path).write_bytes(original)
        for name in photos or {}:
            (served / name).unlink(missing_ok=True)
    assert status == 422, answer
    assert tree(served) == before
    copy = tmp_path / "content"
    shutil.copytree(served, copy, symlinks=True)
    (copy / path).write_text(raw, encoding="utf-8")
    for name, data in (photos or {}).items():
        (copy / name).write_bytes(data)
    expected = validate_errors(copy)
    assert answer["error"].splitlines() == expected
    return expected


@pytest.mark.parametrize(("path", "change", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_editor_refuses_what_validate_rejects_with_its_words(editor: EditorClient, served: Path, tmp_path: Path,
                                                                 path: str, change, message: str):
    source = served / path if (served / path).exists() else served / (STORY if path.endswith(".md") else TRIP)
    lines = _refused(editor, served, tmp_path, path, change(source.read_text(encoding="utf-8")))
    assert any(line.startswith(message) for line in lines), "\n".join(lines)


MEDIA = "media/ly-son-garlic/"
# photos the editor's upload check (Pillow opens it) takes, which validate's own check refuses: (id, name, the
# photo, the line the answer must hold); the record names the photo in place of detail.jpg
UPLOADS: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("a strip", "dai.png", lambda: _photo((200, 10)),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/dai.png is 200 × 10 pixels: one "
     "side is more than 10 times the other"),
    ("too many pixels", "lon.png", lambda: _photo((8000, 7000), mode="1"),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/lon.png is 8000 × 7000 pixels "
     "(56 megapixels); photos may have at most 50 megapixels"),
    ("cut off", "cut.jpg", lambda: _photo((400, 300), "JPEG")[:-300],
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/cut.jpg is cut off or damaged: "
     "it cannot be read to the end"),
    ("metadata chunks", "nhieu-chu.png", lambda: _with_texts([10] * 300),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/nhieu-chu.png has more than 256 "
     "metadata chunks"),
    ("a large metadata chunk", "chu-dai.png", lambda: _with_texts([(1 << 20) + 10]),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/chu-dai.png has a metadata chunk "
     "(tEXt) of more than 1 MB"),
    ("metadata in all", "chu-tong.png", lambda: _with_texts([(1 << 20) - 100] * 9),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/chu-tong.png has a metadata "
     "chunk (tEXt) of more than 8 MB in all"),
    ("metadata segments", "ghi-chu.jpg", lambda: _jpeg_with_comments(2001),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/ghi-chu.jpg has more than 2000 "
     "metadata segments"),
    ("pieces", "manh.png", lambda: _png_in_pieces(200_001),
     "content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/manh.png is cut into more than "
     "200000 pieces"),
    ("same name", "detail.png", lambda: _photo((600, 400)),
     "content/products/ly-son-garlic.yaml:35: photos 'detail.png' (line 28) and 'detail.jpg' have the same name "
     "without their extension: their web sizes would overwrite each other"),
]


@pytest.mark.parametrize(("name", "photo", "message"), [case[1:] for case in UPLOADS],
                         ids=[case[0] for case in UPLOADS])
def test_a_save_with_a_photo_validate_rejects_is_refused(editor: EditorClient, served: Path, tmp_path: Path, name: str,
                                                         photo: Callable[[], bytes], message: str):
    record = (served / RECORD).read_text(encoding="utf-8")
    record = record.replace("file: hero.jpg", f"file: {name}") if name == "detail.png" else \
        record.replace("file: detail.jpg", f"file: {name}")
    lines = _refused(editor, served, tmp_path, RECORD, record, {MEDIA + name: photo()})
    assert message in lines, "\n".join(lines)


# the lines the tests below expect (each needs its own content folder)
STORY_MISSING = ("content/products/toi-nhap.yaml:1: the English story is missing: expected "
                 "content/stories/toi-nhap.en.md")
NOT_A_PHOTO = ("content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/ghi-chu.jpg is not a "
               "readable photo")
CODE_ISSUED = ("content/products/ly-son-shallot.yaml:2: QR code 'LS-TOI' was issued to 'ly-son-garlic' "
               "(content/qr-ledger.yaml:21); a printed code is never reused for another product")
DUPLICATE = "content/products/tra-que.yml:1: duplicate slug 'tra-que': also defined by content/products/tra-que.yaml"
LINKED_FOLDER = ("content/products/toi-nhap.yaml:28: photo folder content/media/toi-nhap is a symbolic link: photos "
                 "must be files inside the content folder")
REFUSED_ELSEWHERE = [STORY_MISSING, NOT_A_PHOTO, CODE_ISSUED, DUPLICATE, LINKED_FOLDER]


def test_a_record_leaving_draft_without_its_stories_is_refused(tmp_path: Path):
    """Stories are required once a record is no longer a draft: the save that removes 'draft: true'."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-NHAP")
    (content / "products" / "toi-nhap.yaml").write_text(record + "draft: true\n", encoding="utf-8")
    shutil.copytree(content / "media" / "ly-son-garlic", content / "media" / "toi-nhap")
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, "products/toi-nhap.yaml", record)
    assert lines[:2] == [STORY_MISSING,
                         "  Fix: create it with the required sections, or run 'ocop-site new product toi-nhap' in an "
                         "empty folder to see a template"]


def test_a_photo_that_is_no_photo_is_refused(tmp_path: Path):
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    (content / "media" / "ly-son-garlic" / "ghi-chu.jpg").write_text("không phải ảnh\n", encoding="utf-8")
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("file: detail.jpg", "file: ghi-chu.jpg")
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, RECORD, record)
    assert lines[0] == NOT_A_PHOTO


def test_a_photo_in_a_linked_folder_is_refused(tmp_path: Path):
    """A draft without photos whose photo folder is a link (made by hand: the editor makes no links) has no error
    until a save names a photo in it."""
    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-NHAP") + "draft: true\n"
    (content / "products" / "toi-nhap.yaml").write_text(
        re.sub(r"^images:.*?(?=^where_to_buy:)", "images: []\n", record, flags=re.S | re.M), encoding="utf-8")
    (content / "media" / "toi-nhap").symlink_to("ly-son-garlic")
    with running_editor(content) as editor:
        lines = _refused(editor, content, tmp_path, "products/toi-nhap.yaml", record)
    assert lines[0] == LINKED_FOLDER


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
    assert lines[0] == CODE_ISSUED


def test_a_new_product_whose_address_another_record_has_is_refused(tmp_path: Path):
    """The form's 'New product' writes products/<slug>.yaml: a draft record 'tra-que.yml' has that slug already."""
    from ocop_site.scaffold import story_template

    content = tmp_path / "served" / "content"
    shutil.copytree(SAMPLE, content)
    record = (SAMPLE / RECORD).read_text(encoding="utf-8") + "draft: true\n"
    (content / "products" / "tra-que.yml").write_text(record.replace("code: LS-TOI", "code: TQ-NHAP"), encoding="utf-8")
    shutil.copytree(content / "media" / "ly-son-garlic", content / "media" / "tra-que")
    new = record.replace("code: LS-TOI", "code: TQ-MOI")
    with running_editor(content) as editor:
        before = tree(content)
        status, answer = editor.call("persistEntry", {"dataFiles": [{"path": "products/tra-que.yaml", "raw": new}],
                                                      "options": {"newEntry": True}})
        assert (status, tree(content)) == (422, before), answer
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    (copy / "products" / "tra-que.yaml").write_text(new, encoding="utf-8")
    for language in ("vi", "en"):
        (copy / "stories" / f"tra-que.{language}.md").write_text(story_template(language), encoding="utf-8")
    assert answer["error"].splitlines() == validate_errors(copy)
    assert answer["error"].splitlines()[0] == DUPLICATE


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


# --- the audit: every error template validate can report is refused above, or listed here with why not ---

NOT_BY_A_SAVE: dict[str, str] = {
    # the QR ledger: paths.kind refuses qr-ledger.yaml with 403, and no other file changes what these check
    **dict.fromkeys([
        "the QR ledger must be a list of entries starting with '- n:'",
        "malformed ledger entry: expected n, code, product, issued and digest",
        "QR ledger entry number {n} is given twice (first on line {first})",
        "QR ledger entry {n} stands where entry {position} belongs: issued entries were moved",
        "QR ledger entry {position} has been renumbered {n}: the numbers of issued entries never change",
        "ledger entry {first} is missing (numbers jump from {after} to {n})",
        "ledger entries {first}–{last} are missing (numbers jump from {after} to {n})",
        "QR ledger entry {n} comes after entry {after}: issued entries were moved or renumbered",
        "QR ledger entry {n} has no digest: entries are written by the build, never by hand",
        "no entry of the QR ledger has a digest: the digests were removed, or the ledger was written before entries "
        "were chained",
        "QR ledger entry {n} (code '{code}', product '{product}', issued {issued}) does not match its digest: an "
        "issued entry was changed",
    ], "the editor neither reads nor writes qr-ledger.yaml (403: 'ocop-site build' alone appends to it), and these "
       "check the ledger's own entries"),
    "QR code '{code}' leads to product '{product}', which no longer exists: printed codes would stop working":
        "the editor deletes and renames no record (403), and a record a save breaks has errors of its own, which "
        "are refused instead (the loader does not report its code as gone)",
    "the products folder is missing": "the editor deletes nothing (403)",
    "the site settings file is missing": "the editor deletes nothing (403) and writes site.yaml only where it exists",
    # what kind of file is there: the editor writes regular files only, never through a link (paths.located: 403)
    **dict.fromkeys([
        "this is a symbolic link to a file outside the content folder",
        "this is a symbolic link that leads back to itself (a loop)",
        "this is a symbolic link to a file that does not exist",
        "this is a folder, not a file",
        "this is not a regular file (a device, pipe or socket)",
    ], "the editor writes regular files only and refuses a path that is a link or goes through one (403); a "
       "record or site.yaml that is not a regular file 'does not exist' for it (403), a new product's story that "
       "is there already gets 409. Records, stories, trips and site.yaml are read whether or not a save names "
       "them, so such a file has its error before any save (captions, posters and videos are checked as "
       "'not a regular file' first: shown above)"),
    # bounds the schema may set (messages.py): no field has one of these today (stars has its own message)
    **dict.fromkeys([
        "'{name}' must be {most} or less, got {value}",
        "'{name}' must be less than {most}, got {value}",
        "'{name}' is too long: at most {most}",
    ], "no field of the schema has such a bound today; the message is ready for one that will (a save that broke "
       "it would be refused like 'must be more than' above)"),
    "'{name}' has too few items: at least {least}": "a trip's 'days' or 'stops' left empty ('days: []'): the editor "
        "answers such a save with 'missing required field' (seen when this case was tried: it differs from validate, "
        "which reports this message for the same file edited by hand)",
    "the file cannot be read ({reason})": "the editor reads and writes files it may open; a file it cannot open "
        "(permissions) is not brought by a save, and these tests run as root, which reads every file",
    "the file is {size}; a file of this kind may be at most {limit}": "the editor refuses a text over 1 MB with 413 "
        "before the check (backend.MAX_TEXT is reader.MAX_FILE_BYTES, asserted below)",
    "the file is not UTF-8 text": "the editor writes UTF-8; a text that is not valid Unicode is refused with 400",
    "image file {file} cannot be read ({reason})": "only a photo that cannot be opened (permissions): the upload "
        "writes readable files, and these tests run as root, which reads every file; a record naming such a photo "
        "goes through the same check as any other",
}

# content errors only `ocop-site build` reports (its modules that validate does not run), so the editor's check
# does not either: why validate does not, and what that means for a save. Listed so that a new one is a decision.
LEDGER_VS_SITE = "compares the ledger with the last published site, which validate does not read; the editor " \
    "never writes the ledger"
BUILD_ONLY = {
    "{piece}: the text does not fit even in the tightest layout (overflowing: {blocks})":
        "known only once WeasyPrint has laid out the flyer or trip guide; a save can bring it, build reports it",
    "photo '{name}' is not a file inside {media}/, so it is not printed":
        "the printables' last line of defence: validate refuses such a photo first (a link, shown above)",
    "the PDF would read '{url}', outside the content and package folders":
        "the printables' last line of defence: stories are sanitised and photos checked by validate first",
    "QR ledger entry {n} (code '{code}') was published by the last build ({site}) but is missing": LEDGER_VS_SITE,
    "QR ledger entry {n} differs from the one the last build published ({site}): its {key} was '{old}' and is now "
    "'{new}'": LEDGER_VS_SITE,
    "this file of the last build is damaged ({reason}), so the build cannot check that no entry of {ledger} was "
    "deleted or changed": LEDGER_VS_SITE,
    "QR code '{code}' is missing from {ledger}, but the last build ({site}) answered it: its ledger entry was "
    "deleted": LEDGER_VS_SITE,
}
BUILD_MODULES = ("pipeline/", "targets/")

# the calls whose message is an error; a `Problem(…)` made in these modules is a warning instead
ERROR_CALLS = {"error", "PhotoError", "explain", "Problem", "problem"}
WARNING_MAKERS = {"model/press.py": "press-kit lengths", "model/product.py": "an expired certificate",
                  "model/print_photos.py": "a photo too small to print"}
# errors raised as exceptions and turned into problems (catalogue templates with values): the call, and the
# positions of its message and Fix
RAISED = {"CaptionError": (1, 2), "YamlLimitError": (1, 2)}
# errors whose message is passed on from elsewhere (not a literal where the error is made): where each comes from,
# so that the audit reads it there; a new one fails the audit until it is added here and read
PASSED_ON = {
    ("content/product_files.py", "clash.message"): "PhotoError (photos.py)",
    ("content/product_files.py", "found.message"): "PhotoError (photos.py)",
    ("content/reader.py", "message"): "explain() and _unreadable() -> Explained",
    ("content/reader.py", "exc.template"): "YamlLimitError (RAISED)",
    ("content/trips.py", "message"): "_explain() -> Explained",
    ("content/videos.py", "error.template"): "CaptionError (RAISED)",
    ("model/loader.py", "too_long.template"): "PayloadTooLong: explain_too_long() -> Explained (qr_payload.py)",
    ("problems.py", "message"): "the Problems collector itself",
}


@functools.cache
def _validate_modules() -> frozenset[str]:
    """The package's modules `ocop-site validate` runs (imported by a fresh process), relative to the package.
    Asked once per test run: a fresh Python process each time cost a second per template that asked."""
    import subprocess
    import sys

    from problem_templates import PACKAGE

    files = subprocess.run([sys.executable, "-c", "import sys; import ocop_site.cli, ocop_site.model.loader; print("
                            "'\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('ocop_site.')))"],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    return frozenset(Path(file).relative_to(PACKAGE).as_posix() for file in files)


def validate_error_templates() -> dict[str, list[str]]:
    """template → where it is made, for every error (not warning, not Fix) of a module validate runs."""
    from problem_templates import package_templates

    modules = _validate_modules()
    found: dict[str, list[str]] = {}
    for template in package_templates(modules):
        if template.role == "message" and template.call in ERROR_CALLS and \
                not (template.call in ("Problem", "problem") and template.path in WARNING_MAKERS):
            found.setdefault(template.text, []).append(f"{template.path}:{template.line}")
    for path, line, text in _raised_templates(modules):
        found.setdefault(text, []).append(f"{path}:{line}")
    return found


def _raised_templates(modules: frozenset[str]) -> Iterator[tuple[str, int, str]]:
    """The messages of RAISED exceptions, as templates."""
    import ast

    from problem_templates import PACKAGE

    for module in sorted(modules):
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in RAISED and node.args:
                message = node.args[RAISED[node.func.id][0]]
                yield module, node.lineno, _as_template(message)


def _passed_on(modules: frozenset[str]) -> set[tuple[str, str]]:
    """(module, expression) of every error call whose message is not a literal."""
    import ast

    from problem_templates import PACKAGE, PROBLEM_CALLS

    found = set()
    for module in modules:
        for node in ast.walk(ast.parse((PACKAGE / module).read_text(encoding="utf-8"))):
            name = node.func.attr if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else \
                getattr(getattr(node, "func", None), "id", None)
            at = PROBLEM_CALLS.get(name, (None,))[0]
            if name in ERROR_CALLS and at is not None and len(node.args) > at and \
                    not isinstance(node.args[at], ast.Constant | ast.IfExp | ast.JoinedStr):
                found.add((module, ast.unparse(node.args[at])))
    return found


def _as_template(node) -> str:
    """A literal or an f-string as a template: each value put in becomes a {placeholder}."""
    import ast

    if isinstance(node, ast.Constant):
        return node.value
    assert isinstance(node, ast.JoinedStr), ast.unparse(node)
    return "".join(part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                   for part in node.values)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WHERE = re.compile(r"^\S+?:\d+: ")


def _pattern(template: str) -> re.Pattern[str]:
    """The messages `template` gives: each {placeholder} stands for any text."""
    parts = _PLACEHOLDER.split(template)
    return re.compile(".*?".join(re.escape(part) for part in parts), re.S)


def _refused_templates(templates: list[str]) -> dict[str, str]:
    """template → the expected line of a refusal test that shows it. A line is counted for the template that
    matches it with the most literal text (so "unknown key '{name}'" is not counted for a "did you mean")."""
    patterns = {template: _pattern(template) for template in templates}
    literal = {template: len(_PLACEHOLDER.sub("", template)) for template in templates}
    shown: dict[str, str] = {}
    for line in [case[3] for case in CASES] + [case[3] for case in UPLOADS] + REFUSED_ELSEWHERE:
        message = _WHERE.sub("", line, count=1)
        matching = [template for template, pattern in patterns.items() if pattern.fullmatch(message)]
        if matching:
            shown.setdefault(max(matching, key=literal.__getitem__), line)
    return shown


def test_every_error_validate_can_report_is_refused_by_a_test_or_told_why_a_save_cannot_bring_it():
    templates = validate_error_templates()
    assert len(templates) > 100, "the extraction found too little: " + ", ".join(templates)
    refused = _refused_templates(list(templates))
    neither = {template: places for template, places in templates.items()
               if template not in refused and template not in NOT_BY_A_SAVE}
    assert not neither, "errors validate can report that no refusal test shows and NOT_BY_A_SAVE does not " \
        "explain:\n" + "\n".join(f"  {template!r} ({', '.join(places)})" for template, places in neither.items())
    stale = [template for template in NOT_BY_A_SAVE if template not in templates]
    assert not stale, f"NOT_BY_A_SAVE names errors the code no longer reports: {stale}"
    both = [template for template in NOT_BY_A_SAVE if template in refused]
    assert not both, f"NOT_BY_A_SAVE names errors a refusal test shows after all: {both}"
    assert set(WARNING_MAKERS) <= _validate_modules()
    assert _passed_on(_validate_modules()) == set(PASSED_ON), "an error passes on a message made elsewhere: " \
        "add where it is made to PASSED_ON and read its templates there"
    assert MAX_TEXT == MAX_FILE_BYTES  # what NOT_BY_A_SAVE says of "the file is {size}"


def test_content_errors_only_build_reports_are_listed_with_why():
    from problem_templates import package_templates

    found = {template.text for template in package_templates() if template.path.startswith(BUILD_MODULES)
             and template.path not in _validate_modules() and template.role == "message"
             and template.call in ERROR_CALLS}
    assert found == set(BUILD_ONLY), "content errors only 'ocop-site build' reports, not in BUILD_ONLY: " \
        f"{sorted(found - set(BUILD_ONLY))}; in BUILD_ONLY but not in the code: {sorted(set(BUILD_ONLY) - found)}"
