"""Make the sample story videos: a slow pan across a product's sample illustration.

These videos are illustrative: they show the drawings of tools/draw_sample_media.py, not footage of
the product, and the records that name them say so ('illustrative: true'). Each is a few seconds of
H.264 MP4 at 640×360 and 15 frames per second, well under 1 MB. The captions next to them
(<name>.vi.vtt, <name>.en.vtt) are written by hand. Run from the repository root:

    python tools/make_sample_video.py                      # the sample videos of content/
    python tools/make_sample_video.py IMAGE OUT.mp4 [SECONDS]
"""

from __future__ import annotations

import sys
from pathlib import Path

import av
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "content" / "media"
SAMPLES = [  # (illustration, video), relative to content/media
    ("ly-son-garlic/hero.jpg", "ly-son-garlic/field-pan.mp4"),
]
SIZE = (640, 360)
FPS = 15


def make_pan_video(image: Path, out: Path, seconds: float = 8, size: tuple[int, int] = SIZE, fps: int = FPS) -> None:
    """A pan from the left edge of `image` to its right edge, cropped to the video's aspect ratio."""
    with Image.open(image) as original:
        picture = original.convert("RGB")
    width, height = size
    scale = height / picture.height * 1.25  # zoomed in a little, so that there is room to pan
    picture = picture.resize((max(width, round(picture.width * scale)), round(picture.height * scale)),
                             Image.Resampling.LANCZOS)
    top = (picture.height - height) // 2
    frames = round(seconds * fps)
    out.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(out), mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=fps, options={"crf": "30", "preset": "slow", "threads": "1"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        container.metadata["comment"] = "OCOP Stories sample video (illustrative)"
        for index in range(frames):
            left = round((picture.width - width) * index / max(frames - 1, 1))
            frame = av.VideoFrame.from_image(picture.crop((left, top, left + width, top + height)))
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def main(argv: list[str]) -> None:
    if argv:
        make_pan_video(Path(argv[0]), Path(argv[1]), float(argv[2]) if len(argv) > 2 else 8)
        return
    for image, video in SAMPLES:
        make_pan_video(MEDIA / image, MEDIA / video)
        print(f"{video}: {(MEDIA / video).stat().st_size // 1000} kB")


if __name__ == "__main__":
    main(sys.argv[1:])
