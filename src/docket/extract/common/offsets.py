"""Find the items that overlap a stretch of text without scanning all of them.

The stages often ask, for one sentence or one token, which of the article's
timexes, quantities or actor mentions lie there. Scanning the whole list each
time makes a long article cost the square of its length; an :class:`OffsetIndex`
answers in the logarithm of the list's length plus the items near the stretch.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc

from docket.extract.common.state import per_doc, state
from docket.record import Actor, Mention


class OffsetIndex:
    """Positions in a list of (start, end) ranges, by where the ranges lie.

    Answers are positions in the list as given, in increasing order, so a caller that
    used to scan the list in order visits the same items in the same order.
    """

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        order = sorted(range(len(ranges)), key=lambda n: ranges[n][0])
        self._ranges = [ranges[n] for n in order]
        self._positions = order
        self._starts = [r[0] for r in self._ranges]
        self._longest = max((end - start for start, end in ranges), default=0)

    def __len__(self) -> int:
        return len(self._positions)

    def first_starting_after(self, char: int) -> int | None:
        """Position of the range with the smallest start over ``char`` (the first given, on a tie)."""
        k = bisect.bisect_right(self._starts, char)
        return self._positions[k] if k < len(self._starts) else None

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions of the ranges that share a character with ``start``..``end`` (end exclusive)."""
        return self.touching(start, end, lambda s, e: s < end and start < e)

    def within(self, start: int, end: int) -> list[int]:
        """Positions of the ranges lying inside ``start``..``end``."""
        return self.touching(start, end, lambda s, e: start <= s and e <= end)

    def touching(self, start: int, end: int, keep: Callable[[int, int], bool]) -> list[int]:
        """Positions of the ranges starting up to the longest range's length before ``start`` and
        before ``end`` (every range that can meet ``start``..``end``; with ``end == start``, those
        around the point), for which ``keep(range_start, range_end)`` holds."""
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_right(self._starts, max(start, end))
        found = [self._positions[k] for k in range(low, high) if keep(*self._ranges[k])]
        found.sort()
        return found


class ActorMentions:
    """Every mention of a list of actors, in the list's order, found by where it lies."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = actors
        self.entries: list[tuple[Actor, Mention]] = [(a, m) for a in actors for m in a.mentions]
        self.index = OffsetIndex([(m.start, m.end) for _, m in self.entries])

    def overlapping(self, start: int, end: int) -> list[tuple[Actor, Mention]]:
        """(actor, mention) of the mentions sharing a character with ``start``..``end``, in order."""
        return [self.entries[n] for n in self.index.overlapping(start, end)]

    def starting_in(self, low: int, high: int) -> list[tuple[Actor, Mention]]:
        """(actor, mention) of the mentions starting in ``low``..``high`` (high exclusive), in order."""
        return [self.entries[n] for n in self.index.touching(low, high, lambda s, _e: low <= s < high)]


def actor_mentions(doc: Doc, actors: Sequence[Actor]) -> ActorMentions:
    """The mentions of ``actors``: built once per doc for the actor stage's list (final once that
    stage has run: the stages after it read actors, never add to them)."""
    if actors is state(doc).actors:
        made: ActorMentions = per_doc(doc, "actor_mentions", lambda: ActorMentions(actors))
        if made.actors is actors:
            return made
    return ActorMentions(actors)


class Stretches(list[tuple[int, int]]):
    """A list of (start, end) stretches of text (paragraphs, quotations) that also answers where a
    character falls without a scan; the list itself is read as before."""

    def __init__(self, items: Iterable[tuple[int, int]] = ()) -> None:
        super().__init__(items)
        self._index: OffsetIndex | None = None

    def _where(self) -> OffsetIndex:
        if self._index is None or len(self._index) != len(self):
            self._index = OffsetIndex(self)
        return self._index

    def holding(self, char: int) -> list[tuple[int, int]]:
        """The stretches with ``start <= char < end``, in list order."""
        return [self[n] for n in self.holding_at(char)]

    def holding_at(self, char: int) -> list[int]:
        """Positions of the stretches with ``start <= char < end``, in order."""
        return self._where().overlapping(char, char + 1)

    def lying_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches inside ``start``..``end``, in list order."""
        return [self[n] for n in self._where().within(start, end)]

    def around(self, char: int) -> list[tuple[int, int]]:
        """The stretches with ``start <= char <= end``, in list order."""
        return [self[n] for n in self._where().touching(char, char, lambda s, e: s <= char <= e)]

    def meeting(self, start: int, end: int) -> list[int]:
        """Positions of the stretches sharing a character with ``start``..``end``, in order."""
        return self._where().overlapping(start, end)

    def first_starting_after(self, char: int) -> tuple[int, int] | None:
        """The stretch starting first after ``char`` (for stretches in text order, as paragraphs
        are: the first in the list with ``start > char``)."""
        n = self._where().first_starting_after(char)
        return self[n] if n is not None else None


class Claimed(list[tuple[int, int]]):
    """A growing list of (start, end) ranges of text already claimed, that answers whether a
    range meets or lies in one of them by looking only near it (ranges are filed by where
    they start, in buckets of a few hundred characters)."""

    _BUCKET = 256

    def __init__(self, items: Iterable[tuple[int, int]] = ()) -> None:
        super().__init__()
        self._buckets: dict[int, list[tuple[int, int]]] = {}
        self._longest = 0
        for item in items:
            self.append(item)

    def append(self, item: tuple[int, int]) -> None:
        super().append(item)
        self._buckets.setdefault(item[0] // self._BUCKET, []).append(item)
        self._longest = max(self._longest, item[1] - item[0])

    def _near(self, start: int, end: int) -> Iterable[tuple[int, int]]:
        for bucket in range((start - self._longest) // self._BUCKET, end // self._BUCKET + 1):
            yield from self._buckets.get(bucket, ())

    def meets(self, start: int, end: int) -> bool:
        """Whether a range shares a character with ``start``..``end``."""
        return any(s < end and start < e for s, e in self._near(start, end))

    def holds(self, start: int, end: int) -> bool:
        """Whether a range has ``start``..``end`` inside it."""
        return any(s <= start and end <= e for s, e in self._near(start, end))
