"""The changes that bring each kind of error `ocop-site validate` reports, shared by the tests that check them:
test_editor_refusals.py (the editor refuses each such save with validate's words, in English) and
test_messages_vi_kinds.py (validate says each in Vietnamese, with its Fix).

Each case names the file saved, relative to a content folder, and the change made to it; the content folder is
the sample with the files `serve_sample` adds (captions, videos and photos no record names yet, so that a save
naming one brings its error). The line given is the English message validate prints for it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from ocop_site.cli import main
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
    ("text too long to print", RECORD, sub("  en: Lý Sơn garlic\n", "  en: " + "Lý Sơn garlic, " * 6 + "Lý Sơn\n"),
     "content/products/ly-son-garlic.yaml:5: 'name.en' is 96 characters long; the printed pieces have room for 80"),
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
    ("travel time over a day", TRIP, sub("travel_minutes: 45", "travel_minutes: 1441"),
     "content/trips/tra-river-presstrip.yaml:25: 'days[1].stops[1].travel_minutes' must be 1440 or less, got 1441"),
    ("trip text too long for the guide", TRIP,
     sub("name: Đặng Văn Hải", "name: Đặng Văn Hải" + ", HTX Gốm Mỹ Thiện" * 4),
     "content/trips/tra-river-presstrip.yaml:22: 'days[1].stops[1].contact.name' is 84 characters long; the printed "
     "pieces have room for 80"),
]


def serve_sample(content: Path) -> Path:
    """A copy of the sample content at `content`, with files no record names yet (a save that names one brings
    its error; the editor uploads photos only) and a one-minute limit on videos (the sample's video lasts 8
    seconds)."""
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


# how validate marks a problem's Fix and a warning, in each language (the catalogue's fix_label, warning_label)
FIX = {"en": "  Fix: ", "vi": "  Cách sửa: "}
WARNING = {"en": "warning: ", "vi": "cảnh báo: "}
COUNT = {"en": r"\d+ errors?", "vi": r"\d+ lỗi"}


def validate_errors(content: Path, cli_main=main, language: str | None = None) -> list[str]:
    """The error lines `ocop-site validate --content content` prints (with `--lang language` if given, else in
    the locale's language, English in the tests), run from the folder above; warnings and the closing count
    left out."""
    here = os.getcwd()
    printed = io.StringIO()
    os.chdir(content.parent)
    try:
        with contextlib.redirect_stderr(printed), contextlib.redirect_stdout(io.StringIO()):
            code = cli_main(["validate", "--content", content.name, *(["--lang", language] if language else [])])
    finally:
        os.chdir(here)
    assert code == 1, printed.getvalue()
    language = language or "en"
    lines, skip = [], False
    for line in printed.getvalue().splitlines()[:-1]:
        if line.startswith(WARNING[language]):
            skip = True
        elif not line.startswith(FIX[language]):
            skip = False
        if not skip:
            lines.append(line)
    assert re.fullmatch(COUNT[language], printed.getvalue().splitlines()[-1])
    return lines


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


def naming_upload(record: str, name: str) -> str:
    """The record with the uploaded photo `name` in place of detail.jpg (of hero.jpg for 'detail.png', whose name
    without its extension is detail.jpg's)."""
    return record.replace("file: hero.jpg", f"file: {name}") if name == "detail.png" else \
        record.replace("file: detail.jpg", f"file: {name}")


# the lines of the errors whose saves need content of their own (ELSEWHERE, below)
STORY_MISSING = ("content/products/toi-nhap.yaml:1: the English story is missing: expected "
                 "content/stories/toi-nhap.en.md")
NOT_A_PHOTO = ("content/products/ly-son-garlic.yaml:35: image file content/media/ly-son-garlic/ghi-chu.jpg is not a "
               "readable photo")
CODE_ISSUED = ("content/products/ly-son-shallot.yaml:2: QR code 'LS-TOI' was issued to 'ly-son-garlic' "
               "(content/qr-ledger.yaml:21); a printed code is never reused for another product")
DUPLICATE = "content/products/tra-que.yml:1: duplicate slug 'tra-que': also defined by content/products/tra-que.yaml"
LINKED_FOLDER = ("content/products/toi-nhap.yaml:28: photo folder content/media/toi-nhap is a symbolic link: photos "
                 "must be files inside the content folder")
LONG_SLUG = "lang-toi-ly-son-cua-hop-tac-xa-nong-nghiep-dich-vu-an-hai-bac"  # from a long English name: 61
SLUG_TOO_LONG = (f"content/products/{LONG_SLUG}.yaml:1: file name '{LONG_SLUG}' is 61 characters long; the printed "
                 "pieces have room for 60")
REFUSED_ELSEWHERE = [STORY_MISSING, NOT_A_PHOTO, CODE_ISSUED, DUPLICATE, LINKED_FOLDER, SLUG_TOO_LONG]


# the saves of the errors above that need content of their own (each prepares a copy of the sample content and
# returns the file saved and its new text); a record the save creates is the form's new product, which writes
# its stories too (new_product_stories)
def _write(path: Path, text: str) -> None:
    """Writes a new file in place of `path`: the content folder may be a copy whose files are hard links."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def leaving_draft_without_stories(content: Path) -> tuple[str, str]:
    """Stories are required once a record is no longer a draft: the save that removes 'draft: true'."""
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-NHAP")
    _write(content / "products" / "toi-nhap.yaml", record + "draft: true\n")
    shutil.copytree(content / "media" / "ly-son-garlic", content / "media" / "toi-nhap")
    return "products/toi-nhap.yaml", record


def photo_that_is_no_photo(content: Path) -> tuple[str, str]:
    _write(content / "media" / "ly-son-garlic" / "ghi-chu.jpg", "không phải ảnh\n")
    return RECORD, (SAMPLE / RECORD).read_text(encoding="utf-8").replace("file: detail.jpg", "file: ghi-chu.jpg")


def photo_in_a_linked_folder(content: Path) -> tuple[str, str]:
    """A draft without photos whose photo folder is a link (made by hand: the editor makes no links) has no error
    until a save names a photo in it."""
    record = (SAMPLE / RECORD).read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-NHAP") + "draft: true\n"
    _write(content / "products" / "toi-nhap.yaml",
           re.sub(r"^images:.*?(?=^where_to_buy:)", "images: []\n", record, flags=re.S | re.M))
    (content / "media" / "toi-nhap").symlink_to("ly-son-garlic")
    return "products/toi-nhap.yaml", record


def printed_code_to_another_product(content: Path) -> tuple[str, str]:
    """Once Lý Sơn garlic has a new code, its old one still leads to it: the shallot cannot take it."""
    garlic = content / RECORD
    _write(garlic, garlic.read_text(encoding="utf-8").replace("code: LS-TOI", "code: LS-TOI2"))
    shallot = (SAMPLE / "products" / "ly-son-shallot.yaml").read_text(encoding="utf-8")
    return "products/ly-son-shallot.yaml", shallot.replace("code: LS-HANH", "code: LS-TOI")


def new_product_whose_slug_is_too_long() -> tuple[str, str]:
    """The form's 'New product' makes the file name from the English name: a long one makes a name longer than the
    product page's address printed on the pieces may be."""
    record = (SAMPLE / RECORD).read_text(encoding="utf-8") + "draft: true\n"
    return f"products/{LONG_SLUG}.yaml", record.replace("code: LS-TOI", "code: LS-DAI")


def new_product_whose_slug_is_taken(content: Path) -> tuple[str, str]:
    """The form's 'New product' writes products/<slug>.yaml: a draft record 'tra-que.yml' has that slug already."""
    record = (SAMPLE / RECORD).read_text(encoding="utf-8") + "draft: true\n"
    _write(content / "products" / "tra-que.yml", record.replace("code: LS-TOI", "code: TQ-NHAP"))
    shutil.copytree(content / "media" / "ly-son-garlic", content / "media" / "tra-que")
    return "products/tra-que.yaml", record.replace("code: LS-TOI", "code: TQ-MOI")


def new_product_stories(content: Path, record: str) -> None:
    """The stories the form's 'New product' writes with the record `record` (a path relative to `content`)."""
    from ocop_site.scaffold import story_template

    slug = Path(record).stem
    for language in ("vi", "en"):
        _write(content / "stories" / f"{slug}.{language}.md", story_template(language))


# (id, the content it needs and the save, the line the answer must hold)
ELSEWHERE: list[tuple[str, Callable[[Path], tuple[str, str]], str]] = [
    ("story missing", leaving_draft_without_stories, STORY_MISSING),
    ("not a photo", photo_that_is_no_photo, NOT_A_PHOTO),
    ("photo folder a link", photo_in_a_linked_folder, LINKED_FOLDER),
    ("code issued to another product", printed_code_to_another_product, CODE_ISSUED),
    ("duplicate slug", new_product_whose_slug_is_taken, DUPLICATE),
    ("product file name too long to print", lambda content: new_product_whose_slug_is_too_long(), SLUG_TOO_LONG),
]


# --- the kinds no save brings (test_editor_refusals.py's NOT_BY_A_SAVE tells why), for the tests that run
# validate itself: each changes a copy of the sample content (its files may be hard links: a file is replaced,
# never written into) ---
LEDGER = "qr-ledger.yaml"


def _rewritten(content: Path, name: str, change: Callable[[str], str]) -> None:
    file = content / name
    text = change(file.read_text(encoding="utf-8"))
    file.unlink()
    file.write_text(text, encoding="utf-8")


def _ledger(change: Callable[[str], str]) -> Callable[[Path], None]:
    return lambda content: _rewritten(content, LEDGER, change)


def _entries(text: str) -> tuple[str, list[str]]:
    head, *entries = re.split(r"(?m)^(?=- n: )", text)
    return head, entries


def _swap_first_two(text: str) -> str:
    head, entries = _entries(text)
    return head + entries[1] + entries[0] + "".join(entries[2:])


def _drop(numbers: set[int]) -> Callable[[str], str]:
    def change(text: str) -> str:
        head, entries = _entries(text)
        return head + "".join(entry for number, entry in enumerate(entries, 1) if number not in numbers)
    return change


def _removed_product(content: Path) -> None:
    for file in (RECORD, "stories/ly-son-garlic.vi.md", "stories/ly-son-garlic.en.md"):
        (content / file).unlink()
    shutil.rmtree(content / "media" / "ly-son-garlic")


def _replace_record(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(content: Path) -> None:
        (content / RECORD).unlink()
        make(content / RECORD)
    return change


# (id, the change to the content folder, the line validate prints); the QR ledger's own checks, the folders
# and files validate reads whatever a save does, a trip's list left empty (the editor answers 'missing required
# field' instead)
NOT_SAVED: list[tuple[str, Callable[[Path], None], str]] = [
    ("ledger not a list", _ledger(lambda t: t.split("- n: 1", 1)[0] + "n: 1\n"),
     "content/qr-ledger.yaml:1: the QR ledger must be a list of entries starting with '- n:'"),
    ("ledger entry malformed", _ledger(lambda t: t.replace("  issued: 2026-11-22\n", "", 1)),
     "content/qr-ledger.yaml:6: malformed ledger entry: expected n, code, product, issued and digest"),
    ("ledger number twice", _ledger(lambda t: t.replace("- n: 2\n", "- n: 1\n", 1)),
     "content/qr-ledger.yaml:11: QR ledger entry number 1 is given twice (first on line 6)"),
    ("ledger entries moved", _ledger(_swap_first_two),
     "content/qr-ledger.yaml:6: QR ledger entry 2 stands where entry 1 belongs: issued entries were moved"),
    ("ledger entry renumbered", _ledger(lambda t: t.replace("- n: 13\n", "- n: 15\n", 1)),
     "content/qr-ledger.yaml:66: QR ledger entry 13 has been renumbered 15: the numbers of issued entries never "
     "change"),
    ("ledger entry missing", _ledger(_drop({2})),
     "content/qr-ledger.yaml:11: ledger entry 2 is missing (numbers jump from 1 to 3)"),
    ("ledger entries missing", _ledger(_drop({2, 3})),
     "content/qr-ledger.yaml:11: ledger entries 2–3 are missing (numbers jump from 1 to 4)"),
    ("ledger entry without digest", _ledger(lambda t: re.sub(r"(?m)^  digest: .*\n", "", t, count=1)),
     "content/qr-ledger.yaml:6: QR ledger entry 1 has no digest: entries are written by the build, never by hand"),
    ("ledger entry changed", _ledger(lambda t: t.replace("product: go-co-village", "product: ly-son-garlic", 1)),
     "content/qr-ledger.yaml:11: QR ledger entry 2 (code 'GC-LANG', product 'ly-son-garlic', issued 2026-11-22) "
     "does not match its digest: an issued entry was changed"),
    ("code of a removed product", _removed_product,
     "content/qr-ledger.yaml:21: QR code 'LS-TOI' leads to product 'ly-son-garlic', which no longer exists: "
     "printed codes would stop working"),
    ("products folder missing", lambda content: shutil.rmtree(content / "products"),
     "content/products:1: the products folder is missing"),
    ("site settings missing", lambda content: (content / "site.yaml").unlink(),
     "content/site.yaml:1: the site settings file is missing"),
    ("trip without days", lambda content: _rewritten(content, TRIP, lambda t: re.sub(r"(?ms)^days:.*", "days: []\n",
                                                                                     t)),
     "content/trips/tra-river-presstrip.yaml:11: 'days' has too few items: at least 1"),
    ("file too large", lambda content: _rewritten(content, RECORD, lambda t: t + "# " + "đ" * 600_000 + "\n"),
     "content/products/ly-son-garlic.yaml:1: the file is 1.1 MB; a file of this kind may be at most 1.0 MB"),
    ("not UTF-8", _replace_record(lambda file: file.write_bytes("code: LS-TOI\n# Đà\n".encode("cp1258"))),
     "content/products/ly-son-garlic.yaml:2: the file is not UTF-8 text"),
    ("link outside", _replace_record(lambda file: file.symlink_to("/etc/hostname")),
     "content/products/ly-son-garlic.yaml:1: this is a symbolic link to a file outside the content folder"),
    ("link loop", _replace_record(lambda file: file.symlink_to(file.name)),
     "content/products/ly-son-garlic.yaml:1: this is a symbolic link that leads back to itself (a loop)"),
    ("link to nothing", _replace_record(lambda file: file.symlink_to("khong-co.yaml")),
     "content/products/ly-son-garlic.yaml:1: this is a symbolic link to a file that does not exist"),
    ("folder", _replace_record(lambda file: file.mkdir()),
     "content/products/ly-son-garlic.yaml:1: this is a folder, not a file"),
    ("pipe", _replace_record(lambda file: os.mkfifo(file)),
     "content/products/ly-son-garlic.yaml:1: this is not a regular file (a device, pipe or socket)"),
]
