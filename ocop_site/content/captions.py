"""WebVTT captions: a strict reader that names the line of every mistake.

Only what browsers need of the format is read: the 'WEBVTT' header, cues (an optional identifier,
a timing line 'start --> end [settings]', text lines) and NOTE, STYLE and REGION blocks, skipped.
Cue text keeps its markup for the browser; `Cue.plain` is the text without tags for transcripts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


class CaptionError(ValueError):
    """A mistake on `line`: `template` and `fix` are English templates of the message catalogue, filled in
    from `values` (ocop_site.problems shows them in the editor's language)."""

    def __init__(self, line: int, template: str, fix: str, /, **values: object) -> None:
        super().__init__(template.format(**values))
        self.line, self.template, self.fix, self.values = line, template, fix, values


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str  # as written, with WebVTT tags such as <i>
    line: int  # of the timing line

    @property
    def plain(self) -> str:
        return html.unescape(_TAG.sub("", self.text)).replace("\n", " ").strip()


def clock(seconds: float) -> str:
    """Seconds as m:ss (rounded down), the way editors write durations."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def parse_captions(text: str) -> list[Cue]:
    """The cues of a WebVTT text; raise CaptionError at the first mistake."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise CaptionError(1, "the file does not start with 'WEBVTT'",
                           "make 'WEBVTT' the first line: save the captions as WebVTT (.vtt), not SubRip (.srt)")
    cues: list[Cue] = []
    index = 1
    while index < len(lines) and lines[index].strip():  # header lines under WEBVTT
        index += 1
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        block_start = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        if block[0].split(" ")[0].split("\t")[0] in _SKIPPED_BLOCKS:
            continue
        cues.append(_cue(block, block_start + 1, cues[-1] if cues else None))
    if not cues:
        raise CaptionError(1, "the file has no captions", "add cues such as '00:00.000 --> 00:04.000' "
                           "followed by the text of those seconds")
    return cues


def _cue(block: list[str], first_line: int, previous: Cue | None) -> Cue:
    timing_at = 1 if len(block) > 1 and "-->" not in block[0] else 0  # an identifier line comes first
    line = first_line + timing_at
    match = _TIMING.match(block[timing_at].strip())
    if not match:
        raise CaptionError(line, "'{timing}' is not a cue timing",
                           "write the times as 00:01.500 --> 00:04.000 (minutes:seconds.milliseconds, "
                           "a dot before the milliseconds)", timing=block[timing_at].strip())
    start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
    if end <= start:
        raise CaptionError(line, "the cue ends at {end}, not after it starts", "check the two times of this line",
                           end=block[timing_at].split("-->")[1].split()[0])
    if previous and start < previous.start:
        raise CaptionError(line, "the cue starts before the cue above it", "order the cues by their start time")
    text = "\n".join(block[timing_at + 1:]).strip()
    if not text:
        raise CaptionError(line, "the cue has no text", "write the words spoken (or [music]) under the timing line, "
                           "or remove the timing line")
    for offset, text_line in enumerate(block[timing_at + 1:], 1):
        if "-->" in text_line:
            raise CaptionError(line + offset, "cue text contains '-->'", "leave a blank line between two cues")
    return Cue(start, end, text, line)


def _seconds(parts: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = parts
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0) + int(millis or 0) / 1000
