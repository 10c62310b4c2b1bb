"""What the importer did with a value of the list, or what a person must still do, in either language."""

from __future__ import annotations

from dataclasses import dataclass

from ocop_site.problems import Phrase, fill


@dataclass(frozen=True)
class Note:
    """'key: message' — `key` is the record's dotted path ("locality.commune"), "" for the row as a whole;
    `message` is a catalogue template with its values (`phrase(...)`)."""

    key: str
    message: Phrase

    def said(self, language: str = "en") -> str:
        """The message alone, without the key."""
        return fill(self.message.template, self.message.values, language)

    def text(self, language: str = "en") -> str:
        return f"{self.key}: {self.said(language)}" if self.key else self.said(language)

    def __str__(self) -> str:
        return self.text("en")
