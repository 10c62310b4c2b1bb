"""The one exception of the editor's backend: a request it refuses, with the HTTP status to answer."""

from __future__ import annotations


class BackendError(Exception):
    """A request the backend refuses; `status` is the HTTP status, the message is shown in the form."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
