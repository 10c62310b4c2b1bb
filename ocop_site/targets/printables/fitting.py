"""Try layouts from the roomiest to the tightest and keep the first that fits.

Settings are ordered so that each fits whenever the one before it does (shorter text, fewer blocks: see
trims.py). The search tries the first, the second, the fourth, the eighth…, then halves the gap between
the last that overflowed and the first that fitted: the usual one layout when the first settings fit, and
a handful, not all of them, when only the tightest does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ocop_site.targets.printables.document import overflowing

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
    settings it has, from the roomiest (0) to the tightest, each fitting whenever the one before does."""

    blocks: frozenset[str]
    count: int


def fit_blocks(groups: Sequence[Steps], make: Callable[[tuple[int, ...]], dict[str, object]],
               render: Callable[[dict[str, object]], object], pages: int | None, piece: str, source: str):
    """The laid-out document at the roomiest settings where nothing overflows.

    `make(levels)` is the template context with group i at setting levels[i]. The groups' blocks are laid
    out independently of each other (separate pages or panels), so each group is searched on its own,
    the groups before it at their found setting and the ones after at their roomiest: a long story does
    not cost the points of sale their place, nor a long name the story. Layouts are remembered by their
    settings, so content that fits at once costs one layout whatever the number of groups."""
    done: dict[tuple[int, ...], tuple[object, list[str]]] = {}

    def layout(levels: tuple[int, ...]) -> tuple[object, list[str]]:
        if levels not in done:
            laid_out = render(make(levels))
            done[levels] = laid_out, overflowing(laid_out, pages)
        return done[levels]

    levels = [0] * len(groups)
    for index, group in enumerate(groups):
        def fits(setting: int, index: int = index, group: Steps = group) -> bool:
            trial = (*levels[:index], setting, *levels[index + 1:])
            return not [name for name in layout(trial)[1] if name in group.blocks or name == "pages"]

        levels[index] = _first(fits, group.count)
    laid_out, problems = layout(tuple(levels))
    if problems:
        raise DoesNotFit(piece, source, problems)
    return laid_out


def _first(fits: Callable[[int], bool], count: int) -> int:
    """The first setting that fits (the last if none does): 0, 1, 3, 7… then halving the gap between the
    last that overflowed and the first that fitted."""
    last = count - 1
    overflowed, index, step = -1, 0, 1
    while not fits(index):
        if index == last:
            return last
        overflowed, index, step = index, min(index + step, last), step * 2
    fitted = index
    while fitted - overflowed > 1:
        middle = (overflowed + fitted) // 2
        if fits(middle):
            fitted = middle
        else:
            overflowed = middle
    return fitted
