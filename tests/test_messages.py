"""The wording of validation messages that no sample record triggers."""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from ocop_site.content.messages import explain
from ocop_site.problems import problem


class Visit(BaseModel):
    minutes: int = Field(ge=0)
    guides: int = Field(ge=1)


def errors(**values: int) -> list[tuple[str, str]]:
    try:
        Visit(**values)
    except ValidationError as error:
        explained = [explain(e, Visit) for e in error.errors()]
        return [problem("visit.yaml", 1, message, fix, **values).text("en") for message, fix, values in explained]
    return []


def test_a_minimum_above_zero_is_named() -> None:
    assert errors(minutes=5, guides=0) == [("'guides' must be 1 or more, got 0", "write 1 or more")]


def test_a_minimum_of_zero_reads_as_not_negative() -> None:
    assert errors(minutes=-5, guides=2) == [("'minutes' must not be negative, got -5", "write 0 or more")]
