"""Try layouts from the roomiest to the tightest and keep the first that fits.

Variants are ordered so that each fits whenever the one before it does (shorter text, smaller type).
The search tries the first, the second, the fourth, the eighth…, then halves the gap between the last
that overflowed and the first that fitted: the usual one or two layouts when the first variants fit,
and a handful, not all of them, when only the tightest does or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from ocop_site.problems import Problem, Term, problem
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
    """Even the tightest layout overflows: the text must be shortened."""

    def __init__(self, piece: str, source: str, blocks: list[str]) -> None:
        self.piece = piece  # the printed piece, a phrase of the message catalogue: "the A4 brochure"
        self.source = source  # the file whose text does not fit: the story, or the trip
        self.blocks = blocks
        super().__init__(f"{self.what}: the text does not fit even in the tightest layout (overflowing: "
                         f"{', '.join(blocks)}). Fix: shorten the story or the record's texts")

    @property
    def what(self) -> str:
        return f"{self.piece} of {self.source}"

    def problem(self) -> Problem:
        """The content error: it names the file, and the piece in the editor's language."""
        return problem(self.source, 1, "{piece}: the text does not fit even in the tightest layout (overflowing: "
                       "{blocks})", "shorten the story or the record's texts", piece=Term(self.piece),
                       blocks=", ".join(self.blocks))

    def __reduce__(self) -> tuple[type[DoesNotFit], tuple[str, str, list[str]]]:
        return DoesNotFit, (self.piece, self.source, self.blocks)  # survives the trip back from a worker process


def first_fitting(variants: Sequence[dict[str, object]], render: Callable[[dict[str, object]], object],
                  pages: int | None, piece: str, source: str):
    """The laid-out document of the first variant in which nothing overflows."""
    laid_out: dict[int, object] = {}
    problems: dict[int, list[str]] = {}

    def fits(index: int) -> bool:
        laid_out[index] = render(variants[index])
        problems[index] = overflowing(laid_out[index], pages)
        return not problems[index]

    last = len(variants) - 1
    overflowed, index, step = -1, 0, 1
    while not fits(index):
        if index == last:
            raise DoesNotFit(piece, source, problems[index])
        overflowed, index, step = index, min(index + step, last), step * 2
    fitted = index
    while fitted - overflowed > 1:
        middle = (overflowed + fitted) // 2
        if fits(middle):
            fitted = middle
        else:
            overflowed = middle
    return laid_out[fitted]
