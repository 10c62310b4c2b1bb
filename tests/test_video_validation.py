"""Every mistake in a product's videos gets one exact message naming file and line, with a Fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY, edit
from content_factory import write_photo

from ocop_site.content.captions import CaptionError, parse_captions
from ocop_site.content.videos import external
from tools.make_sample_video import make_pan_video

RECORD = Path("content/products/product-000.yaml")
MEDIA = Path("content/media/product-000")
CAPTIONS = {
    "vi": "WEBVTT\n\n00:00.000 --> 00:02.000\nĐồng muối Sa Huỳnh lúc bình minh.\n\n"
          "00:02.000 --> 00:04.000\nDiêm dân cào muối thành đống.\n",
    "en": "WEBVTT\n\n00:00.000 --> 00:02.000\nThe Sa Huỳnh salt field at dawn.\n\n"
          "00:02.000 --> 00:04.000\nSalt workers rake the salt into heaps.\n",
}
VIDEO_BLOCK = """videos:
- file: pan.mp4
  title:
    vi: Đồng muối Sa Huỳnh
    en: The Sa Huỳnh salt field
  credit: Hợp tác xã Đồng Tâm
  duration: '0:04'
  uploaded: 2026-10-15
  captions:
    vi: pan.vi.vtt
    en: pan.en.vtt
"""


@pytest.fixture(scope="session")
def small_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real 4-second H.264 MP4, 320×180, made once per session."""
    folder = tmp_path_factory.mktemp("video")
    write_photo(folder / "still.jpg", (900, 500))
    make_pan_video(folder / "still.jpg", folder / "pan.mp4", seconds=4, size=(320, 180), fps=10)
    return folder / "pan.mp4"


@pytest.fixture
def video(content: Path, small_video: Path) -> Path:
    """The content folder with one valid self-hosted video in product-000."""
    shutil.copy(small_video, MEDIA / "pan.mp4")
    for language, text in CAPTIONS.items():
        (MEDIA / f"pan.{language}.vtt").write_text(text, encoding="utf-8")
    with RECORD.open("a", encoding="utf-8") as record:
        record.write(VIDEO_BLOCK)
    return content


def line_of(text: str) -> int:
    """The line of `text` in the record's videos (below 'videos:')."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    start = lines.index("videos:")
    return next(number for number, line in enumerate(lines, 1) if number > start and text in line)


def validate(cli) -> tuple[int, str]:
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert "Traceback" not in err
    return code, err


def one_error(cli, where: str, message: str, fix: str) -> None:
    assert validate(cli) == (1, f"{where}: {message}\n  Fix: {fix}\n1 error\n")


def test_a_valid_video_passes(video, cli):
    assert cli("validate", "--content", "content") == (0, "2 products, no errors\n", "")


def test_video_with_neither_file_nor_url(video, cli):
    edit(RECORD, "- file: pan.mp4\n  title:", "- title:")
    one_error(cli, f"{RECORD}:{line_of('- title:')}", "video 1 has neither 'file' nor 'url'",
              "add 'file:' with a video in content/media/product-000/, or 'url:' with its YouTube or Facebook address")


def test_video_with_both_file_and_url(video, cli):
    edit(RECORD, "- file: pan.mp4\n", "- file: pan.mp4\n  url: https://youtu.be/dQw4w9WgXcQ\n")
    one_error(cli, f"{RECORD}:{line_of('- file: pan.mp4')}", "video 1 has both 'file' and 'url'",
              "keep one: a video is either a file of this site or a YouTube/Facebook video; "
              "list the other one as a video of its own")


@pytest.mark.parametrize("url", [
    "https://vimeo.com/76979871",
    "http://www.youtube.com/watch?v=dQw4w9WgXcQ",  # not https
    "https://www.youtube.com/watch?v=short",  # no video id
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "https://www.facebook.com/dulichquangngai",  # a page, not a video
])
def test_video_address_not_youtube_or_facebook(video, cli, url):
    edit(RECORD, "- file: pan.mp4\n", f"- url: {url}\n  poster: hero.jpg\n")
    one_error(cli, f"{RECORD}:{line_of('- url:')}", f"video address {url} is not a YouTube or Facebook video",
              "copy the address from the Share button of the video on YouTube or Facebook "
              "(https://youtu.be/…, https://www.facebook.com/…/videos/…); other sites are not supported")


def test_external_video_needs_a_poster(video, cli):
    edit(RECORD, "- file: pan.mp4\n", "- url: https://www.facebook.com/dulichquangngai/videos/1234567890/\n")
    one_error(cli, f"{RECORD}:{line_of('- url:')}", "the Facebook video 1 has no 'poster'",
              "add 'poster:' with a still image in content/media/product-000/: the page shows it until the visitor "
              "presses play, so that nothing is loaded from Facebook before")


def test_known_addresses_give_a_privacy_enhanced_player():
    youtube = external("https://youtu.be/dQw4w9WgXcQ")
    assert (youtube.service, youtube.host, youtube.player) == (
        "YouTube", "www.youtube-nocookie.com", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
    assert external("https://www.youtube.com/shorts/dQw4w9WgXcQ").player == youtube.player
    facebook = external("https://www.facebook.com/dulichquangngai/videos/1234567890/")
    assert facebook.player == ("https://www.facebook.com/plugins/video.php?autoplay=true&show_text=false&href="
                               "https%3A%2F%2Fwww.facebook.com%2Fdulichquangngai%2Fvideos%2F1234567890%2F")


def test_video_file_missing(video, cli):
    (MEDIA / "pan.mp4").unlink()
    one_error(cli, f"{RECORD}:{line_of('- file: pan.mp4')}",
              "video file content/media/product-000/pan.mp4 does not exist",
              "put the file in content/media/product-000/ or correct the file name")


@pytest.mark.parametrize("name", ["../product-001/pan.mp4", "Phim đường phổi.mp4", ".pan.mp4", "pan"])
def test_video_file_name_that_is_not_web_safe(video, cli, name):
    edit(RECORD, "- file: pan.mp4", f"- file: {name}")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", f"video file name '{name}' is not a web-safe file name",
              "rename the file with letters a-z, digits, '-', '_' and '.' only (no spaces, accents or folders), "
              "e.g. phim-gioi-thieu.mp4, and keep it in content/media/product-000/")


def test_caption_file_that_links_elsewhere(video, cli, tmp_path):
    outside = tmp_path / "elsewhere.vtt"
    outside.write_text(CAPTIONS["en"], encoding="utf-8")
    (MEDIA / "pan.en.vtt").unlink()
    (MEDIA / "pan.en.vtt").symlink_to(outside)
    one_error(cli, f"{RECORD}:{line_of('en: pan.en.vtt')}", "English captions file "
              "content/media/product-000/pan.en.vtt is not a regular file",
              "copy the file itself into content/media/product-000/ (not a link or a folder)")


def test_video_file_of_another_format(video, cli):
    shutil.copy(MEDIA / "pan.mp4", MEDIA / "pan.mov")
    edit(RECORD, "- file: pan.mp4", "- file: pan.mov")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", "video file content/media/product-000/pan.mov is not an .mp4 "
              "or .webm file", "export the video as MP4 with H.264 video (most editors' 'web' or 'YouTube' preset)")


@pytest.mark.parametrize("fake", ["photo", "text"])
def test_video_file_that_is_not_a_video(video, cli, fake):
    if fake == "photo":
        shutil.copy(MEDIA / "hero.jpg", MEDIA / "pan.mp4")
    else:
        (MEDIA / "pan.mp4").write_text("Đây không phải video\n", encoding="utf-8")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", "video file content/media/product-000/pan.mp4 is not a readable "
              "video", "export it again as MP4 with H.264 video, or WebM")


def test_video_codec_phones_may_not_play(video, cli):
    import av

    with av.open(str(MEDIA / "pan.mp4")) as source, av.open(str(MEDIA / "old.mp4"), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
        for frame in source.decode(video=0):
            out.mux(stream.encode(frame.reformat(format="yuv420p")))
        out.mux(stream.encode())
    edit(RECORD, "- file: pan.mp4", "- file: old.mp4")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", "video file content/media/product-000/old.mp4 is MP4 with mpeg4 "
              "video, which not every phone plays", "export it again as MP4 with H.264 video")


def test_video_taller_than_the_limit(video, cli):
    with Path("content/site.yaml").open("a", encoding="utf-8") as site:
        site.write("video: {max_height: 144}\n")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", "video file content/media/product-000/pan.mp4 is 320×180: "
              "taller than 144 pixels", "export it at 144p or less (the limit is 'video: max_height' in site.yaml)")


def test_video_larger_than_the_limit(video, cli):
    with Path("content/site.yaml").open("a", encoding="utf-8") as site:
        site.write("video: {max_megabytes: 0.001}\n")
    size = (MEDIA / "pan.mp4").stat().st_size / 1_000_000
    assert size > 0.001
    one_error(cli, f"{RECORD}:{line_of('- file:')}", f"video file content/media/product-000/pan.mp4 is {size:.3g} MB: "
              "larger than 0.001 MB", "export it shorter or at a lower bitrate (the limit is 'video: max_megabytes' "
              "in site.yaml)")


def test_video_longer_than_the_limit(video, cli):
    write_photo(MEDIA / "still.jpg", (200, 120))
    make_pan_video(MEDIA / "still.jpg", MEDIA / "pan.mp4", seconds=61, size=(64, 36), fps=1)  # 1:01
    edit(RECORD, "duration: '0:04'", "duration: '1:01'")
    for language, text in CAPTIONS.items():  # captions that cover the minute, so that only the limit is wrong
        (MEDIA / f"pan.{language}.vtt").write_text(text + "\n00:04.000 --> 01:01.000\n…\n", encoding="utf-8")
    assert validate(cli) == (0, "")
    with Path("content/site.yaml").open("a", encoding="utf-8") as site:
        site.write("video: {max_minutes: 1}\n")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", "video file content/media/product-000/pan.mp4 lasts 1:01: "
              "longer than 1 minute", "cut it shorter (the limit is 'video: max_minutes' in site.yaml)")


def test_a_video_without_its_upload_date(video, cli):
    edit(RECORD, "  uploaded: 2026-10-15\n", "")
    one_error(cli, f"{RECORD}:{line_of('- file:')}", "missing required field 'videos[1].uploaded'",
              "add 'uploaded:' under 'videos:' (see README.md, 'Content reference')")


@pytest.mark.parametrize(("day", "message", "fix"), [
    ("2026-02-30", "'videos[1].uploaded' is not a valid date: month 2 of 2026 has 28 days, so there is no day 30",
     "check the day and the month: dates are written year-month-day"),
    ("1999-12-31", "'videos[1].uploaded' is 1999-12-31, outside the years 2000-2099",
     "check the year; write dates as YYYY-MM-DD, e.g. 2024-05-12"),
])
def test_a_video_upload_date_that_is_no_date(video, cli, day, message, fix):
    edit(RECORD, "uploaded: 2026-10-15", f"uploaded: {day}")
    one_error(cli, f"{RECORD}:{line_of('uploaded:')}", message, fix)


def test_a_video_credit_in_both_languages_or_one_name_for_both(video, cli):
    """As a photo credit: each page shows its own language; a name alone serves both."""
    edit(RECORD, "  credit: Hợp tác xã Đồng Tâm\n",
         "  credit:\n    vi: video của Hợp tác xã Đồng Tâm\n    en: video by the Đồng Tâm cooperative\n")
    assert validate(cli) == (0, "")
    edit(RECORD, "    en: video by the Đồng Tâm cooperative\n", "")
    one_error(cli, f"{RECORD}:{line_of('credit:')}", "missing required field 'videos[1].credit.en'",
              "add 'en:' under 'credit:' (see README.md, 'Content reference')")


def test_declared_duration_differs_from_the_file(video, cli):
    edit(RECORD, "duration: '0:04'", "duration: '1:04'")
    one_error(cli, f"{RECORD}:{line_of('duration:')}", "'duration' is 1:04 but the video file lasts 0:04",
              'write duration: "0:04"')


def test_poster_that_is_not_a_photo(video, cli):
    (MEDIA / "poster.jpg").write_text("không phải ảnh", encoding="utf-8")
    edit(RECORD, "- file: pan.mp4\n", "- file: pan.mp4\n  poster: poster.jpg\n")
    one_error(cli, f"{RECORD}:{line_of('poster:')}", "poster image content/media/product-000/poster.jpg is not a "
              "readable photo", "save it again as JPEG or PNG")


def test_captions_file_missing(video, cli):
    (MEDIA / "pan.en.vtt").unlink()
    one_error(cli, f"{RECORD}:{line_of('en: pan.en.vtt')}", "English captions file "
              "content/media/product-000/pan.en.vtt does not exist",
              "put the file in content/media/product-000/ or correct the file name")


def test_captions_file_of_the_wrong_language(video, cli):
    edit(RECORD, "vi: pan.vi.vtt", "vi: pan.en.vtt")
    one_error(cli, f"{RECORD}:{line_of('vi: pan.en.vtt')}", "Vietnamese captions file name 'pan.en.vtt' does not "
              "end in .vi.vtt", "save the Vietnamese captions as WebVTT named like pan.vi.vtt")


@pytest.mark.parametrize(("text", "line", "message", "fix"), [
    ("1\n00:00:00,000 --> 00:00:04,000\nĐồng muối\n", 1, "the file does not start with 'WEBVTT'",
     "make 'WEBVTT' the first line: save the captions as WebVTT (.vtt), not SubRip (.srt)"),
    ("WEBVTT\n\n00:00,000 --> 00:04,000\nĐồng muối\n", 3, "'00:00,000 --> 00:04,000' is not a cue timing",
     "write the times as 00:01.500 --> 00:04.000 (minutes:seconds.milliseconds, a dot before the milliseconds)"),
    ("WEBVTT\n\nmở đầu\n00:03.000 --> 00:01.000\nĐồng muối\n", 4, "the cue ends at 00:01.000, not after it starts",
     "check the two times of this line"),
    ("WEBVTT\n\n00:02.000 --> 00:04.000\nHai\n\n00:00.000 --> 00:02.000\nMột\n", 6,
     "the cue starts before the cue above it", "order the cues by their start time"),
    ("WEBVTT\n\nNOTE chỉ có ghi chú\n", 1, "the file has no captions",
     "add cues such as '00:00.000 --> 00:04.000' followed by the text of those seconds"),
    ("WEBVTT\n\n00:00.000 --> 00:02.000\nMột\n00:02.000 --> 00:04.000\nHai\n", 5, "cue text contains '-->'",
     "leave a blank line between two cues"),
])
def test_captions_that_do_not_parse(video, cli, text, line, message, fix):
    (MEDIA / "pan.vi.vtt").write_text(text, encoding="utf-8")
    one_error(cli, f"{MEDIA}/pan.vi.vtt:{line}", message, fix)


def test_captions_that_stop_before_the_end(video, cli):
    (MEDIA / "pan.en.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nThe salt field.\n", encoding="utf-8")
    one_error(cli, f"{RECORD}:{line_of('en: pan.en.vtt')}", "the English captions end at 0:02 but the video lasts 0:04",
              "add captions up to the end of the video (a last cue may describe the music or the pictures)")


def test_captions_that_run_past_the_end(video, cli):
    with (MEDIA / "pan.vi.vtt").open("a", encoding="utf-8") as captions:
        captions.write("\n00:09.000 --> 00:12.000\nCủa một video khác.\n")
    one_error(cli, f"{RECORD}:{line_of('vi: pan.vi.vtt')}", "the Vietnamese captions run to 0:12 but the video "
              "lasts 0:04", "check the timings: the captions may be those of another video")


def test_captions_of_an_external_video_cover_its_declared_duration(video, cli):
    edit(RECORD, "- file: pan.mp4\n", "- url: https://youtu.be/dQw4w9WgXcQ\n  poster: hero.jpg\n")
    edit(RECORD, "duration: '0:04'", "duration: '0:30'")
    fix = "add captions up to the end of the video (a last cue may describe the music or the pictures)"
    assert validate(cli) == (1, (
        f"{RECORD}:{line_of('vi: pan.vi.vtt')}: the Vietnamese captions end at 0:04 but the video lasts 0:30\n"
        f"  Fix: {fix}\n"
        f"{RECORD}:{line_of('en: pan.en.vtt')}: the English captions end at 0:04 but the video lasts 0:30\n"
        f"  Fix: {fix}\n2 errors\n"))


def test_caption_text_keeps_markup_for_the_browser_and_plain_text_for_transcripts():
    cues = parse_captions("\ufeffWEBVTT - phụ đề\r\n\r\nđầu\r\n00:00.000 --> 00:01.500 line:90%\r\n"
                          "<i>Đồng muối</i> &amp; nắng\r\n")
    assert [(c.start, c.end, c.text, c.plain, c.line) for c in cues] == [
        (0.0, 1.5, "<i>Đồng muối</i> &amp; nắng", "Đồng muối & nắng", 4)]
    with pytest.raises(CaptionError):
        parse_captions("")
