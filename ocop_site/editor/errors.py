"""The one exception of the editor's backend: a request it refuses, with the HTTP status to answer."""

from __future__ import annotations

from typing import Any


class BackendError(Exception):
    """A request the backend refuses; `status` is the HTTP status, the message is shown in the form."""

    def __init__(self, status: int, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.details = details or {}  # more for the form's page (the refused save's problems by field)
