"""Find the items that overlap a stretch of text without scanning all of them.

The stages often ask, for one sentence or one token, which of the article's
timexes, quantities or actor mentions lie there. Scanning the whole list each
time makes a long article cost the square of its length; an :class:`OffsetIndex`
answers in the logarithm of the list's length plus the items near the stretch.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence


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
