"""Try layouts from the roomiest to the tightest and keep the first that fits.

Settings are ordered so that each fits whenever the one before it does (shorter text, fewer blocks: see
trims.py). The search tries the first, the second, the fourth, the eighth…, then halves the gap between
the last that overflowed and the first that fitted: the usual one layout when the first settings fit, and
a handful, not all of them, when only the tightest does. Where a group's settings are texts of known
length (the flyer's story excerpts), it aims instead: the overrun of a layout, in millimetres, says how
many characters too many it holds, so the next try is the setting that should just fit, and then its
neighbour — three layouts for a sample flyer where the halving took four to six, the same answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ocop_site.targets.printables.document import overflowing, overrun_mm

T = TypeVar("T")
V = TypeVar("V")


class Variants(Sequence[V], Generic[T, V]):
    """Variants made only when the search asks for them: `make(setting)` for each of `settings`, each
    made once (the flyer used to cut its story to all eight limits, 24 excerpts, before laying out the
    first variant; the search usually lays out one or two)."""

    def __init__(self, settings: Sequence[T], make: Callable[[T], V]) -> None:
        self._settings = settings
        self._make = make
        self._made: dict[int, V] = {}

    def __len__(self) -> int:
        return len(self._settings)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index not in self._made:
            self._made[index] = self._make(self._settings[index])
        return self._made[index]


class DoesNotFit(Exception):
    """Even the tightest layout overflows. Every text a piece prints whole is bounded by validation and the
    tightest settings are proved at those bounds (tests/test_print_maxima.py), so this is a fault of the
    generator (exit 3), never a content error: the message says which piece, file and blocks."""

    def __init__(self, piece: str, source: str, blocks: list[str]) -> None:
        self.piece = piece  # the printed piece, a phrase of the message catalogue: "the A4 brochure"
        self.source = source  # the file of the piece's text: the story, or the trip
        self.blocks = blocks
        super().__init__(f"{self.what}: even the tightest layout overflows (overflowing: {', '.join(blocks)}), "
                         "though every text it prints whole is within the lengths validate checks")

    @property
    def what(self) -> str:
        return f"{self.piece} of {self.source}"

    def __reduce__(self) -> tuple[type[DoesNotFit], tuple[str, str, list[str]]]:
        return DoesNotFit, (self.piece, self.source, self.blocks)  # survives the trip back from a worker process


@dataclass(frozen=True)
class Steps:
    """One part of a piece's fitting: the blocks it answers for (fit markers of the template) and how many
    settings it has, from the roomiest (0) to the tightest, each fitting whenever the one before does.

    `text(setting)`, where known, is the text the blocks hold at that setting, for settings that differ in
    nothing else (a story's excerpts; None for the others): two settings with the same text are laid out
    once, and the search aims at the setting whose text is as much shorter as the blocks ran over, at
    first at `chars_per_mm` (the piece's type), then at the rate its own layouts showed."""

    blocks: frozenset[str]
    count: int
    text: Callable[[int], str | None] | None = None
    chars_per_mm: float = 0.0

    def key(self, setting: int) -> tuple[str, object]:
        """What a layout at `setting` depends on, as far as this group goes."""
        text = self.text(setting) if self.text else None
        return ("setting", setting) if text is None else ("text", text)

    def amount(self, setting: int) -> int | None:
        text = self.text(setting) if self.text else None
        return None if text is None else len(text)


@dataclass(frozen=True)
class Trial:
    fits: bool
    overrun_mm: float | None  # how far the group's blocks ran past their limits (negative: room left); None: unknown


def fit_blocks(groups: Sequence[Steps], make: Callable[[tuple[int, ...]], dict[str, object]],
               render: Callable[[dict[str, object]], object], pages: int | None, piece: str, source: str):
    """The laid-out document at the roomiest settings where nothing overflows.

    `make(levels)` is the template context with group i at setting levels[i]. The groups' blocks are laid
    out independently of each other (separate pages or panels), so each group is searched on its own,
    the groups before it at their found setting and the ones after at their roomiest: a long story does
    not cost the points of sale their place, nor a long name the story. Layouts are remembered by what
    they depend on, so content that fits at once costs one layout whatever the number of groups."""
    done: dict[tuple, tuple[object, list[str]]] = {}

    def layout(levels: tuple[int, ...]) -> tuple[object, list[str]]:
        key = tuple(group.key(level) for group, level in zip(groups, levels, strict=True))
        if key not in done:
            laid_out = render(make(levels))
            done[key] = laid_out, overflowing(laid_out, pages)
        return done[key]

    levels = [0] * len(groups)
    for index, group in enumerate(groups):
        def trial(setting: int, index: int = index, group: Steps = group) -> Trial:
            laid_out, problems = layout((*levels[:index], setting, *levels[index + 1:]))
            over = [name for name in problems if name in group.blocks or name == "pages"]
            if "pages" in over:
                return Trial(False, None)
            runs = [overrun_mm(laid_out, name) for name in sorted(set(over) or group.blocks)]
            return Trial(not over, None if None in runs else max(runs))  # type: ignore[type-var]

        levels[index] = _first(trial, group)
    laid_out, problems = layout(tuple(levels))
    if problems:
        raise DoesNotFit(piece, source, problems)
    return laid_out


def _first(trial: Callable[[int], Trial], group: Steps) -> int:
    """The first setting that fits (the last if none does). Unguided: 0, 1, 3, 7… then halving the gap
    between the last that overflowed and the first that fitted. Guided by the group's text (Steps): the
    setting whose text is short enough by the overrun measured, then its neighbours until the first that
    fits is next to the last that overflowed. Either way every setting tried is between the two, so under
    the ordering the answer is the same; only the number of layouts differs."""
    last = group.count - 1
    overflowed, fitted, step = -1, None, 1
    measured: list[tuple[int, float]] = []  # (characters, overrun) of the layouts that tell both
    setting = 0
    while True:
        result = trial(setting)
        amount = group.amount(setting)
        if amount is not None and result.overrun_mm is not None:
            measured.append((amount, result.overrun_mm))
        if result.fits:
            fitted = setting
        else:
            overflowed = setting
        if fitted is not None and fitted - overflowed == 1:
            return fitted
        if fitted is None and overflowed == last:
            return last
        upper = last + 1 if fitted is None else fitted  # the next setting tried is below this one
        guess = _aimed(group, measured, overflowed, upper)
        if guess is not None:
            setting = guess
        elif fitted is None:
            setting, step = min(overflowed + step, last), step * 2
        else:
            setting = (overflowed + fitted) // 2


def _aimed(group: Steps, measured: list[tuple[int, float]], overflowed: int, upper: int) -> int | None:
    """The setting between `overflowed` and `upper` (both excluded) whose text should just fit, estimated
    from the last overflowing layout's overrun; None when the text does not tell."""
    if not measured or group.text is None or group.chars_per_mm <= 0 or overflowed < 0:
        return None
    over_amount = group.amount(overflowed)
    overrun = next((run for amount, run in reversed(measured) if amount == over_amount), None)
    if over_amount is None or overrun is None:
        return None
    rate = group.chars_per_mm
    slopes = [(a - b) / (run_a - run_b) for (a, run_a), (b, run_b) in itertools.combinations(measured, 2)
              if run_a != run_b and (a - b) / (run_a - run_b) > 0]
    if slopes:
        rate = slopes[-1]  # between the latest layouts: nearest the answer
    target = over_amount - overrun * rate
    candidates = range(overflowed + 1, upper)
    for setting in candidates:
        amount = group.amount(setting)
        if amount is None:  # past the texts (trims): the first of those, if the texts are all too long
            return setting
        if amount <= target:
            return setting
    return upper - 1 if upper - 1 > overflowed else None
