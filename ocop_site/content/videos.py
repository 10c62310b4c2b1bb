"""Story videos: what a product record's `videos:` may name, and the checks the schema cannot make.

A video is a file of the site (probed with PyAV, which bundles FFmpeg's libraries, so a renamed
photo or a 4K camera file is caught before it reaches a phone) or a YouTube/Facebook video that
pages show behind a click-to-load facade. Captions in both languages must parse and cover it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, urlsplit

from PIL import Image, UnidentifiedImageError

from ocop_site.content.captions import CaptionError, Cue, clock, parse_captions
from ocop_site.content.messages import LANGUAGE_NAMES
from ocop_site.content.records import VideoSettings
from ocop_site.content.yaml_source import Document
from ocop_site.problems import Term, phrase

if TYPE_CHECKING:
    from ocop_site.content.reader import ContentReader

CODECS = {".mp4": ("mp4", {"h264"}, Term("MP4 with H.264 video")),
          ".webm": ("webm", {"vp8", "vp9", "av1"}, Term("WebM with VP8, VP9 or AV1 video"))}
CAPTIONS_FILE = {"vi": Term("Vietnamese captions file"), "en": Term("English captions file")}
DURATION_SLACK = 1.0  # seconds: a declared duration is rounded, a last cue may end a little early
_WEB_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$")  # goes into page addresses as it is
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "fb.watch"}


@dataclass(frozen=True)
class Probe:
    width: int
    height: int
    seconds: float
    container: str  # MP4, WebM or the format's own name
    codec: str  # h264, vp9, mpeg4, …

    @property
    def description(self) -> str:  # e.g. "MP4 with h264 video"
        return f"{self.container} with {self.codec} video"


@dataclass(frozen=True)
class External:
    """A video on another site: who it is, the player loaded after a click, and the host it contacts."""

    service: str  # YouTube | Facebook
    page: str  # the address the editor gave
    player: str  # the embed address loaded into an iframe on play
    host: str  # the host the browser contacts on play


class ProbeError(ValueError):
    pass


def probe(path: Path) -> Probe:
    """Size, length and format of a video file; ProbeError when it is not a readable video."""
    import av  # FFmpeg's libraries: 40 ms of every build's start if loaded for a catalogue without videos

    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise ProbeError("no video stream")
            stream = container.streams.video[0]
            if container.duration:
                seconds = container.duration / av.time_base
            elif stream.duration and stream.time_base:
                seconds = float(stream.duration * stream.time_base)
            else:
                raise ProbeError("no duration")
            codec = stream.codec_context.name
            formats = container.format.name.split(",")
            if stream.frames == 1 or any(name == "image2" or name.endswith("_pipe") for name in formats):
                raise ProbeError("a still image")
            kind = "MP4" if "mp4" in formats else "WebM" if "webm" in formats else container.format.name
            return Probe(stream.codec_context.width, stream.codec_context.height, seconds, kind, codec)
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise ProbeError(str(exc)) from exc


def external(url: str) -> External | None:
    """The YouTube or Facebook video at `url`, or None when the address is not one of theirs."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        return None
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(host, parts.path, parts.query)
        if video_id:
            return External("YouTube", url, f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
                            "www.youtube-nocookie.com")
    if host in FACEBOOK_HOSTS and (host == "fb.watch" or re.search(r"/(videos|watch|reel)\b", parts.path)):
        return External("Facebook", url, "https://www.facebook.com/plugins/video.php?autoplay=true&show_text=false"
                        f"&href={quote(url, safe='')}", "www.facebook.com")
    return None


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host == "youtu.be":
        candidate = path.strip("/")
    elif path == "/watch":
        candidate = (parse_qs(query).get("v") or [""])[0]
    else:
        match = re.match(r"^/(?:embed|shorts|live)/([^/]+)/?$", path)
        candidate = match.group(1) if match else ""
    return candidate if _YOUTUBE_ID.match(candidate) else None


def read_captions(path: Path) -> list[Cue]:
    """The cues of a captions file already checked by `check_videos`."""
    return parse_captions(path.read_text(encoding="utf-8"))


def seconds_of(duration: str) -> int:
    minutes, seconds = duration.split(":")
    return int(minutes) * 60 + int(seconds)


def check_videos(reader: ContentReader, shown: str, doc: Document, media_dir: Path,
                 settings: VideoSettings) -> None:
    """Check every video of a product record (on the raw data, so that a record with another mistake
    still gets its video errors)."""
    videos = doc.data.get("videos") if isinstance(doc.data, dict) else None
    for index, video in enumerate(videos if isinstance(videos, list) else []):
        if isinstance(video, dict):
            _check_video(reader, shown, doc, ("videos", index), video, media_dir, settings)


def _check_video(reader: ContentReader, shown: str, doc: Document, at: tuple, video: dict, media_dir: Path,
                 settings: VideoSettings) -> None:
    problems, media = reader.problems, reader.shown(media_dir)
    number = at[-1] + 1
    file, url = _text(video.get("file")), _text(video.get("url"))
    length: float | None = None
    if file and url:
        problems.error(shown, doc.line_of(at), "video {n} has both 'file' and 'url'",
                       "keep one: a video is either a file of this site or a YouTube/Facebook video; "
                       "list the other one as a video of its own", n=number)
    elif not file and not url:
        problems.error(shown, doc.line_of(at), "video {n} has neither 'file' nor 'url'",
                       "add 'file:' with a video in {media}/, or 'url:' with its YouTube or Facebook address",
                       n=number, media=media)
    elif url:
        found = external(url)
        if found is None:
            problems.error(shown, doc.line_of((*at, "url")), "video address {url} is not a YouTube or Facebook video",
                           "copy the address from the Share button of the video on YouTube or Facebook "
                           "(https://youtu.be/…, https://www.facebook.com/…/videos/…); other sites are not supported",
                           url=url)
        elif not _text(video.get("poster")):
            problems.error(shown, doc.line_of(at), "the {service} video {n} has no 'poster'",
                           "add 'poster:' with a still image in {media}/: the page shows it until the visitor "
                           "presses play, so that nothing is loaded from {service} before", service=found.service,
                           n=number, media=media)
    else:
        length = _check_file(reader, shown, doc.line_of((*at, "file")), media_dir, file, settings)
    declared = video.get("duration")
    if length is not None and isinstance(declared, str) and re.match(r"^\d{1,3}:[0-5]\d$", declared) and \
            abs(seconds_of(declared) - length) > DURATION_SLACK:
        problems.error(shown, doc.line_of((*at, "duration")),
                       "'duration' is {declared} but the video file lasts {length}",
                       'write duration: "{length}"', declared=declared, length=clock(length))
    if length is None and url and isinstance(declared, str) and re.match(r"^\d{1,3}:[0-5]\d$", declared):
        length = seconds_of(declared)
    poster = _text(video.get("poster"))
    if poster:
        _check_poster(reader, shown, doc.line_of((*at, "poster")), media_dir, poster)
    captions = video.get("captions")
    for language in LANGUAGE_NAMES:
        name = _text(captions.get(language)) if isinstance(captions, dict) else None
        if name:
            _check_captions(reader, shown, doc.line_of((*at, "captions", language)), media_dir, name,
                            language, length)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _inside(reader: ContentReader, shown: str, line: int, media_dir: Path, name: str, what: Term) -> Path | None:
    """media_dir/name when `name` is a web-safe file name of a regular file there, else None (reported)."""
    if not _WEB_SAFE.match(name):
        reader.problems.error(shown, line, "{what} name '{name}' is not a web-safe file name",
                              "rename the file with letters a-z, digits, '-', '_' and '.' only (no spaces, accents "
                              "or folders), e.g. phim-gioi-thieu.mp4, and keep it in {media}/", what=what, name=name,
                              media=reader.shown(media_dir))
        return None
    path = media_dir / name
    if path.is_symlink() or (path.exists() and not path.is_file()):
        reader.problems.error(shown, line, "{what} {path} is not a regular file",
                              "copy the file itself into {media}/ (not a link or a folder)", what=what,
                              path=reader.shown(path), media=reader.shown(media_dir))
        return None
    if not path.is_file():
        reader.problems.error(shown, line, "{what} {path} does not exist",
                              "put the file in {media}/ or correct the file name", what=what,
                              path=reader.shown(path), media=reader.shown(media_dir))
        return None
    return path


def _check_file(reader: ContentReader, shown: str, line: int, media_dir: Path, name: str,
                settings: VideoSettings) -> float | None:
    """Check a video file; its length in seconds when it is a readable video."""
    path = _inside(reader, shown, line, media_dir, name, Term("video file"))
    if path is None:
        return None
    problems, file = reader.problems, reader.shown(path)
    expected = CODECS.get(path.suffix.lower())
    if expected is None:
        problems.error(shown, line, "video file {file} is not an .mp4 or .webm file",
                       "export the video as MP4 with H.264 video (most editors' 'web' or 'YouTube' preset)", file=file)
        return None
    try:
        found = probe(path)
    except ProbeError:
        problems.error(shown, line, "video file {file} is not a readable video",
                       "export it again as MP4 with H.264 video, or WebM", file=file)
        return None
    container, codecs, wanted = expected
    if not found.description.lower().startswith(container) or found.description.split()[-2] not in codecs:
        problems.error(shown, line, "video file {file} is {description}, which not every phone plays",
                       "export it again as {wanted}", file=file, wanted=wanted,
                       description=phrase("{container} with {codec} video", container=found.container,
                                          codec=found.codec))
    if found.height > settings.max_height:
        problems.error(shown, line, "video file {file} is {width}×{height}: taller than {limit} pixels",
                       "export it at {limit}p or less (the limit is 'video: max_height' in site.yaml)", file=file,
                       width=found.width, height=found.height, limit=settings.max_height)
    megabytes = path.stat().st_size / 1_000_000
    if megabytes > settings.max_megabytes:
        problems.error(shown, line, "video file {file} is {size} MB: larger than {limit} MB",
                       "export it shorter or at a lower bitrate (the limit is 'video: max_megabytes' in site.yaml)",
                       file=file, size=f"{megabytes:.3g}", limit=settings.max_megabytes)
    if found.seconds > settings.max_minutes * 60:
        limit = phrase("1 minute") if settings.max_minutes == 1 else phrase("{n} minutes", n=settings.max_minutes)
        problems.error(shown, line, "video file {file} lasts {length}: longer than {limit}",
                       "cut it shorter (the limit is 'video: max_minutes' in site.yaml)", file=file,
                       length=clock(found.seconds), limit=limit)
    return found.seconds


def _check_poster(reader: ContentReader, shown: str, line: int, media_dir: Path, name: str) -> None:
    path = _inside(reader, shown, line, media_dir, name, Term("poster image"))
    if path is None:
        return
    try:
        with Image.open(path) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError):
        reader.problems.error(shown, line, "poster image {path} is not a readable photo",
                              "save it again as JPEG or PNG", path=reader.shown(path))


def _check_captions(reader: ContentReader, shown: str, line: int, media_dir: Path, name: str, language: str,
                    length: float | None) -> None:
    language_name = LANGUAGE_NAMES[language]  # a Term: "Vietnamese", "English"
    suffix = f".{language}.vtt"
    if not name.lower().endswith(suffix):
        stem = name.rsplit(".", 2)[0] if name.lower().endswith(".vtt") else name.rsplit(".", 1)[0]
        reader.problems.error(shown, line, "{language} captions file name '{name}' does not end in {suffix}",
                              "save the {language} captions as WebVTT named like {stem}{suffix}",
                              language=language_name, name=name, suffix=suffix, stem=stem)
        return
    path = _inside(reader, shown, line, media_dir, name, CAPTIONS_FILE[language])
    if path is None:
        return
    text = reader.read_text(path)
    if text is None:
        return
    try:
        cues = parse_captions(text)
    except CaptionError as error:
        reader.problems.error(reader.shown(path), error.line, error.template, error.fix, **error.values)
        return
    if length is None:
        return
    last = max(cue.end for cue in cues)
    if last < length - DURATION_SLACK:
        reader.problems.error(shown, line, "the {language} captions end at {end} but the video lasts {length}",
                              "add captions up to the end of the video (a last cue may describe the music or the "
                              "pictures)", language=language_name, end=clock(last), length=clock(length))
    elif cues[-1].start >= length + DURATION_SLACK or last > length + DURATION_SLACK:
        reader.problems.error(shown, line, "the {language} captions run to {end} but the video lasts {length}",
                              "check the timings: the captions may be those of another video",
                              language=language_name, end=clock(last), length=clock(length))


@dataclass(frozen=True)
class KioskVideo:
    slug: str
    index: int  # in the record's videos
    path: Path
    size: int  # bytes


def kiosk_selection(products: list[tuple[str, Path, list]], budget_megabytes: float) -> tuple[list[KioskVideo],
                                                                                               list[KioskVideo]]:
    """The self-hosted videos the kiosk precaches, in the order given (slug, media folder, record videos),
    while they fit in the budget, and those left out. External videos are never at the kiosk: it is offline."""
    chosen: list[KioskVideo] = []
    left_out: list[KioskVideo] = []
    used = 0
    for slug, media_dir, videos in products:
        for index, video in enumerate(videos):
            if not video.file:
                continue
            path = media_dir / video.file
            if not _WEB_SAFE.match(video.file) or path.is_symlink() or not path.is_file():
                continue  # reported by check_videos
            entry = KioskVideo(slug, index, path, path.stat().st_size)
            if used + entry.size <= budget_megabytes * 1_000_000:
                chosen.append(entry)
                used += entry.size
            else:
                left_out.append(entry)
    return chosen, left_out


def check_kiosk_budget(reader: ContentReader, products: list[tuple[str, Path, list]],
                       settings: VideoSettings) -> None:
    """Warn, naming the videos, when the listed products' videos do not all fit in the kiosk's budget."""
    chosen, left_out = kiosk_selection(products, settings.kiosk_budget_megabytes)
    if not left_out:
        return
    site = reader.root / "site.yaml"
    doc = reader.read_yaml(site) if site.is_file() else None
    line = doc.line_of(("video", "kiosk_budget_megabytes")) if doc else 1
    needed = sum(video.size for video in chosen + left_out) / 1_000_000
    names = ", ".join(reader.shown(video.path) for video in left_out)
    reader.problems.warn(reader.shown(site), line,
                         "the kiosk's videos need {needed} MB, more than its budget of {budget} MB: the kiosk "
                         "leaves out {names}",
                         "raise 'video: kiosk_budget_megabytes' in site.yaml if the kiosk's disk allows it, "
                         "or export the videos smaller", needed=f"{needed:.3g}",
                         budget=f"{settings.kiosk_budget_megabytes:g}", names=names)
