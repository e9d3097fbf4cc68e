"""Read an article too long for one pass in pieces, and put the pieces' records back together.

spaCy refuses a text over ``nlp.max_length`` (a million characters), and one pass over a
very long text holds every token's parse at once. :func:`split` cuts a text into pieces
of at most ``limit`` characters at paragraph breaks (else at the end of a sentence, else
at a space); the pipeline reads each piece as an article of its own with the whole
article's publication date, and :func:`merge` joins their records into the whole
article's: offsets shifted back into the whole text, timex, quantity, source, event and
commitment ids numbered on across the pieces (each reference to one changed with it),
and an actor named in several pieces made one actor with all its mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from docket.record import Actor, Commitment, Document, Event, Quantity, Record, Source, Span, Timex

# where a sentence may end: its closing mark, closing quotes or brackets, then a space
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")

# Articles read together through one ``nlp.pipe``: each component's per-call work is paid once
# for them all (64 at a time cost 4.5% less CPU than 16 on Reuters stories), but every one of
# them is held parsed at once, so a batch also stops once it holds BATCH_CHARS characters.
BATCH_ARTICLES = 64
BATCH_CHARS = 100_000


def batch_full(articles: int, chars: int, most: int = BATCH_ARTICLES) -> bool:
    """Whether a batch of ``articles`` articles of ``chars`` characters in all is to be read now:
    ``most`` articles, or fewer that fill BATCH_CHARS (a long one alone)."""
    return articles >= most or chars >= BATCH_CHARS


def split(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of pieces of at most ``limit`` characters that make up ``text`` in order.

    Each piece but the last ends after the last paragraph break in it (a newline), else
    after its last sentence end, else after its last space, provided that leaves it at
    least half the limit long; a text with none of those is cut at the limit.
    """
    if limit < 2:
        raise ValueError("a piece must be allowed at least 2 characters")
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _cut(text: str, start: int, most: int) -> int:
    """Where the piece starting at ``start`` ends: at most at ``most``, at least half-way there."""
    least = start + (most - start) // 2
    newline = text.rfind("\n", least, most)
    if newline >= 0:
        return newline + 1
    window = text[least:most]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return least + ends[-1]
    spaces = [m.end() for m in _SPACE.finditer(window)]
    if spaces:
        return least + spaces[-1]
    return most


@dataclass
class _Numbering:
    """New ids for one kind of item ("t" for timexes ...): a piece's ``t3`` becomes ``t3`` plus the
    highest number the pieces before it used, so the first piece keeps its ids."""

    prefix: str
    used: int = 0  # the highest number given so far
    base: int = 0  # the highest number the pieces before this one used
    taken: set[int] = field(default_factory=set)
    renamed: dict[str, str] = field(default_factory=dict)

    def next_piece(self) -> None:
        self.base = self.used
        self.renamed = {}

    def new(self, old: str) -> str:
        number = old[len(self.prefix) :] if old.startswith(self.prefix) else ""
        n = self.base + int(number) if number.isdigit() else 0
        if n <= self.base or n in self.taken:  # not a numbered id (or its number is given): the next
            n = self.used + 1
        self.taken.add(n)
        self.used = max(self.used, n)
        self.renamed[old] = f"{self.prefix}{n}"
        return self.renamed[old]

    def get(self, old: str | None) -> str | None:
        return self.renamed.get(old, old) if old is not None else None

    def all(self, olds: Sequence[str]) -> list[str]:
        return [self.renamed.get(old, old) for old in olds]


# the kinds of items numbered in a record, and the letter their ids start with
_KINDS = {"timexes": "t", "quantities": "q", "sources": "s", "events": "e", "commitments": "c"}

# the items that lie at offsets of the text
Item = TypeVar("Item", Timex, Quantity, Source, Event, Commitment)


def merge(document: Document, parts: Sequence[tuple[int, Record]]) -> Record:
    """The whole article's record from its pieces' records, each with the offset where its piece
    starts in ``document.text``."""
    numbering = {kind: _Numbering(prefix) for kind, prefix in _KINDS.items()}
    # the fields that name another item, and the kind of item they name
    refs = {"anchor": "timexes", "time": "timexes", "deadline": "timexes", "quantity": "quantities"}
    refs |= {"via": "sources", "event": "events"}
    out = Record(document=document)
    actors: dict[str, Actor] = {}
    for offset, record in parts:
        for ids in numbering.values():
            ids.next_piece()
        # every id of the piece first, then the references (a source's via may name a later source)
        new_ids = {kind: [ids.new(x.id) for x in getattr(record, kind)] for kind, ids in numbering.items()}
        for kind in numbering:
            items: list[Timex | Quantity | Source | Event | Commitment] = getattr(out, kind)
            for item, new_id in zip(getattr(record, kind), new_ids[kind], strict=True):
                update: dict[str, object] = {"id": new_id}
                for name, named in refs.items():
                    if name in type(item).model_fields:
                        update[name] = numbering[named].get(getattr(item, name))
                if isinstance(item, (Event, Commitment)):
                    update["sources"] = numbering["sources"].all(item.sources)
                if isinstance(item, Timex) and item.ends is not None:
                    update["ends"] = numbering["timexes"].all(item.ends)
                if isinstance(item, Source):
                    update["cue"] = _moved(item.cue, offset) if item.cue is not None else None
                    update["content"] = [_moved(span, offset) for span in item.content]
                items.append(_shifted(item, offset, **update))
        for actor in record.actors:
            mentions = [
                m.model_copy(update={"start": m.start + offset, "end": m.end + offset})
                for m in actor.mentions
            ]
            known = actors.get(actor.id)
            if known is None:
                actors[actor.id] = actor.model_copy(update={"mentions": mentions})
                continue
            known.mentions.extend(mentions)
            for name in ("led_by", "backed_by", "title", "affiliation"):
                if getattr(known, name) is None and getattr(actor, name) is not None:
                    setattr(known, name, getattr(actor, name))
    out.actors = list(actors.values())
    return out


def _shifted(item: Item, offset: int, **update: object) -> Item:
    """A copy of an item with ``start`` and ``end`` moved by ``offset`` and the fields in ``update``."""
    return item.model_copy(update={"start": item.start + offset, "end": item.end + offset, **update})


def _moved(span: Span, offset: int) -> Span:
    return span.model_copy(update={"start": span.start + offset, "end": span.end + offset})
