"""Story videos on the product pages: the files a video needs on the site, and its markup.

A self-hosted video is the browser's own `<video preload="none">` player with its captions as
`<track>`s (the page's language shown by default) and a poster, made from a frame when the record
names none. A YouTube or Facebook video is a facade: its poster, served by this site, and a link;
the script (assets/video.js) swaps in the host's player only when the visitor presses play, so no
request reaches the host before. Both are followed by a transcript made from the captions.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup
from PIL import Image, ImageOps

from ocop_site.content.captions import Cue, clock
from ocop_site.content.records import Video
from ocop_site.content.videos import External, external, read_captions
from ocop_site.i18n import LANGUAGES, translator
from ocop_site.model.catalog import Catalog, Product
from ocop_site.targets.cache import Files, Job, OutputCache, file_digest, make_key
from ocop_site.targets.site import urls

POSTER_WIDTH = 640  # fetched with the page (a <video> poster cannot be lazy): small on purpose
POSTER_FORMATS = {"webp": {"format": "WEBP", "quality": 70, "method": 4},
                  "jpg": {"format": "JPEG", "quality": 80, "optimize": True, "progressive": True}}
DESCRIPTION_CHARACTERS = 300  # of the transcript, in a VideoObject's description
RECIPE = f"video {POSTER_WIDTH} {POSTER_FORMATS} frame-at-third"
TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


@dataclass(frozen=True)
class VideoFiles:
    """The site files of one video (site paths, relative to the site root)."""

    product: Product
    index: int
    video: Video

    @property
    def folder(self) -> str:
        return f"media/{self.product.slug}/"

    @property
    def source(self) -> str | None:
        return self.folder + self.video.file if self.video.file else None

    def captions(self, language: str) -> str:
        return self.folder + getattr(self.video.captions, language)

    def poster(self, ext: str) -> str:
        stem = Path(self.video.file).stem if self.video.file else f"video-{self.index + 1}"
        return f"{self.folder}{stem}-poster.{ext}"

    @property
    def external(self) -> External | None:
        return external(self.video.url) if self.video.url else None


def product_videos(product: Product) -> list[VideoFiles]:
    return [VideoFiles(product, index, video) for index, video in enumerate(product.record.videos)]


def render_video_files(catalog: Catalog, cache: OutputCache) -> dict[str, Path]:
    """Make (or take from the cache) every video's site files; return site path → file."""
    jobs = [(files, video_job(files)) for product in catalog.products.values() for files in product_videos(product)]
    cache.run([job for _files, job in jobs])
    outputs: dict[str, Path] = {}
    for files, job in jobs:
        for site_path in _site_paths(files):
            outputs[site_path] = cache.path(job.key, site_path.rsplit("/", 1)[1])
    return outputs


def _site_paths(files: VideoFiles) -> list[str]:
    paths = [files.captions(language) for language in LANGUAGES]
    paths += [files.poster(ext) for ext in POSTER_FORMATS]
    return [files.source, *paths] if files.source else paths


def video_job(files: VideoFiles) -> Job:
    media, video = files.product.media_dir, files.video
    inputs = [media / name for name in (video.file, video.poster, video.captions.vi, video.captions.en) if name]
    copied = [(video.file, files.source), *((getattr(video.captions, x), files.captions(x)) for x in LANGUAGES)]
    names = {str(media / name): str(site).rsplit("/", 1)[1] for name, site in copied if name}
    poster_from = str(media / (video.poster or video.file or ""))
    return Job(make_key("video", RECIPE, [file_digest(path) for path in inputs], sorted(names.values()),
                        files.poster("webp")),
               _make_files, (names, poster_from, bool(video.poster), files.poster("webp").rsplit("/", 1)[1]))


def _make_files(copies: dict[str, str], poster_from: str, poster_is_image: bool, poster_name: str) -> Files:
    """Copies of the video and its captions, and the poster in WebP and JPEG."""
    files: Files = {name: Path(source).read_bytes() for source, name in copies.items()}
    if poster_is_image:
        with Image.open(poster_from) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
    else:
        image = _frame(Path(poster_from))
    if image.width > POSTER_WIDTH:
        image = image.resize((POSTER_WIDTH, round(image.height * POSTER_WIDTH / image.width)),
                             Image.Resampling.LANCZOS)
    stem = poster_name.removesuffix(".webp")
    for ext, options in POSTER_FORMATS.items():
        buffer = io.BytesIO()
        image.save(buffer, **options)
        files[f"{stem}.{ext}"] = buffer.getvalue()
    return files


def _frame(path: Path) -> Image.Image:
    """A frame a third of the way in: past a fade from black, before the credits."""
    import av  # loaded only for a catalogue with videos (content/videos.py)

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        seconds = (container.duration or 0) / av.time_base
        if seconds > 1 and stream.time_base:
            container.seek(int(seconds / 3 / stream.time_base), stream=stream)
        for frame in container.decode(stream):
            return frame.to_image().convert("RGB")
    raise ValueError(f"{path}: no frame to make a poster from")


# -- markup ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Transcript:
    time: str
    text: str


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("ocop_site.targets.site", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


_ENV = _environment()


def render_videos(product: Product, language: str, page: str) -> Markup:
    """The videos section of a product page (empty when the product has none)."""
    videos = product_videos(product)
    if not videos:
        return Markup("")
    root = urls.to_site_root(page, language)
    # assets/ is written from the language root: the build's hook sends English pages to the one shared copy
    assets = "../" * page.count("/") + "assets/"
    return Markup(_one_block(_ENV.get_template("videos.html.j2").render(
        lang=language, root=root, assets=assets, videos=videos, languages=LANGUAGES, types=TYPES,
        transcript=lambda files: _transcript(files, language), poster_size=poster_size,
        t=translator(language)).strip()))


def _one_block(markdown: str) -> str:
    """The heading, a blank line, then the HTML without blank lines: a blank line in a record's text
    (a title written over several lines) would end the HTML block and hand the rest to Markdown."""
    heading, _, block = markdown.partition("\n\n")
    return heading + "\n\n" + re.sub(r"\n\s*\n", "\n", block)


def _transcript(files: VideoFiles, language: str) -> list[Transcript]:
    cues: list[Cue] = read_captions(files.product.media_dir / getattr(files.video.captions, language))
    return [Transcript(clock(cue.start), cue.plain) for cue in cues if cue.plain]


def poster_size(files: VideoFiles) -> tuple[int, int]:
    """Width and height of the poster (the video's own frame size for a self-hosted one)."""
    import av  # loaded only for a catalogue with videos (content/videos.py)

    name = files.video.poster or files.video.file
    path = files.product.media_dir / str(name)
    if files.video.poster:
        with Image.open(path) as image:
            width, height = ImageOps.exif_transpose(image).size
    else:
        with av.open(str(path)) as container:
            context = container.streams.video[0].codec_context
            width, height = context.width, context.height
    return (POSTER_WIDTH, round(height * POSTER_WIDTH / width)) if width > POSTER_WIDTH else (width, height)


def share_video(product: Product, base: str) -> dict[str, object] | None:
    """Open Graph's og:video for a shared product page: its first video that is a file of this site
    (a YouTube or Facebook video is left to its own page: the share preview must not embed the host)."""
    import av  # loaded only for a catalogue with videos (content/videos.py)

    for files in product_videos(product):
        if files.source and not files.external:
            with av.open(str(files.product.media_dir / str(files.video.file))) as container:
                context = container.streams.video[0].codec_context
                width, height = context.width, context.height
            return {"url": base + files.source, "type": TYPES[Path(files.source).suffix],
                    "width": width, "height": height}
    return None


def video_objects(product: Product, language: str, base: str) -> list[dict[str, object]]:
    """schema.org VideoObjects of a product's videos (absolute addresses; `base` ends with '/')."""
    objects: list[dict[str, object]] = []
    for files in product_videos(product):
        video = files.video
        minutes, seconds = video.duration.split(":")
        title, transcript = getattr(video.title, language), " ".join(line.text for line in _transcript(files, language))
        data: dict[str, object] = {  # Google's required and recommended properties, and a few more
            "@type": "VideoObject", "name": title,
            "description": f"{title}: {_opening(transcript)}" if transcript else title,
            "duration": f"PT{int(minutes)}M{int(seconds)}S", "thumbnailUrl": base + files.poster("jpg"),
            "uploadDate": f"{video.uploaded.isoformat()}T00:00:00+07:00",  # a day, in Việt Nam's time zone
            "creditText": video.credit_in(language), "inLanguage": language, "transcript": transcript,
        }
        if files.external:
            data.update(embedUrl=files.external.player, url=files.external.page)
        else:
            data.update(contentUrl=base + str(files.source), encodingFormat=TYPES[Path(str(files.source)).suffix])
        objects.append(data)
    return objects


def _opening(text: str, limit: int = DESCRIPTION_CHARACTERS) -> str:
    """The beginning of a transcript, cut at a word, as the video's description."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
