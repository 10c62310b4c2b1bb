"""The one exception of the editor's backend: a request it refuses, with the HTTP status to answer."""

from __future__ import annotations

from typing import Any

from ocop_site.problems import Problem, fill, values_of


class BackendError(Exception):
    """A request the backend refuses; `status` is the HTTP status. Its message is an English template of the
    message catalogue with its values (`str()` is the English, for the API and logs); `text("vi")` is what
    the form shows."""

    def __init__(self, status: int, message: str, /, details: dict[str, Any] | None = None,
                 **values: object) -> None:
        self.status = status
        self.message, self.values = message, values_of(values)
        self.details = details or {}  # more for the form's page (the refused save's problems by field)
        self.problems: list[Problem] = []
        super().__init__(self.text("en"))

    @classmethod
    def refused_save(cls, problems: list[Problem], details: dict[str, Any]) -> BackendError:
        """A save `validate` would refuse: its problems, one per line, in the language asked for."""
        error = cls(422, "", details)
        error.problems = problems
        error.args = (error.text("en"),)
        return error

    def text(self, language: str) -> str:
        if self.problems:
            return "\n".join(problem.render(language) for problem in self.problems)
        return fill(self.message, self.values, language)
