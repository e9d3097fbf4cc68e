"""The text a timex tagger reads, and the words of a matched slot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from docket.extract.timex.grammar import Piece, Slot


@dataclass(frozen=True)
class Page:
    """A Doc with what the tagger reads of it more than once (``Doc.text`` is rebuilt on each access)."""

    doc: Doc
    text: str
    parsed: bool


def slot_words(pieces: Sequence[Piece], slot: Slot) -> str:
    """The lower-case words a slot covers, space separated."""
    return " ".join(p.lower for p in pieces[slot.first : slot.last + 1])
