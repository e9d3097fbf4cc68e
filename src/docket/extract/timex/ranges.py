"""Ranges told as one time: "between October 21 and 31", "from March to May", "21–31 October".

The tagger finds each end as its own timex (TimeML marks them so); this module adds the range
itself: a DATE whose ``earliest`` is the first day of its first end and whose ``latest`` is the
last day of its last end, its ``value`` the calendar unit holding both, and its ``ends`` the ids
of the two. The words live in ``data/timex.yaml`` (``range_openers``, ``range_not_after``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from docket.extract.timex.grammar import grammar
from docket.record import Timex


@dataclass(frozen=True)
class RangeWords:
    openers: dict[str, frozenset[str]]
    not_after: tuple[str, ...]
    look_back: int


@cache
def range_words() -> RangeWords:
    rules = grammar().rules
    openers = {str(k): frozenset(str(w) for w in v) for k, v in dict(rules["range_openers"]).items()}
    return RangeWords(
        openers, tuple(str(w) for w in rules["range_not_after"]), int(rules["range_not_after_words"])
    )


def _last_words(text: str, end: int, count: int) -> list[str]:
    """The lower-case words of up to ``count`` words before ``end``, in the same sentence."""
    begin = max(text.rfind(".", 0, end), text.rfind("\n", 0, end), 0)
    words = [w.strip(",;:\"'()") for w in text[begin:end].lower().split()]
    return [w for w in words if w][-count:]


def common_value(first: str, last: str) -> str | None:
    """The calendar unit holding two date values: 2024-10-21 and 2024-10-31 → 2024-10, March and
    May of 2025 → 2025, 1941 and 1944 → the decade 194, 1805 and 1899 → the century 18; None when
    they share no century (1898 and 1902)."""
    a, b = first.split("T", 1)[0].split("-"), last.split("T", 1)[0].split("-")
    if not (a[0].isdigit() and b[0].isdigit() and len(a[0]) == len(b[0]) == 4):
        return None
    shared: list[str] = []
    for x, y in zip(a, b, strict=False):
        if x != y or not x.isdigit():
            break
        shared.append(x)
    if shared:
        return "-".join(shared)
    for digits in (3, 2):  # a decade, then a century
        if a[0][:digits] == b[0][:digits]:
            return a[0][:digits]
    return None


def ranges_of(text: str, timexes: list[Timex]) -> list[Timex]:
    """The ranges among consecutive timexes of a text, each as one timex (ids ``r1``, ``r2`` ...:
    the record numbers them on after the others)."""
    words = range_words()
    out: list[Timex] = []
    for first, last in pairwise(timexes):
        if first.type != "DATE" or last.type != "DATE" or first.mod or last.mod:
            continue
        if None in (first.earliest, first.latest, last.earliest, last.latest):
            continue
        assert first.earliest is not None and last.latest is not None and first.latest is not None
        if not first.latest < last.latest or last.earliest is None or last.earliest < first.earliest:
            continue
        link = text[first.end : last.start].strip().lower()
        before = _last_words(text, first.start, words.look_back + 1)
        opener = before[-1] if before and before[-1] in words.openers else ""
        if link not in words.openers[opener] and not (opener and link in words.openers[""]):
            continue
        back = before[:-1] if opener else before
        if opener and any(w.startswith(words.not_after) for w in back):
            continue  # "postponed the vote from March to May": a move, not a range
        value = common_value(first.value, last.value) or last.value
        anchor = next((a for a in (first.anchor, last.anchor) if a not in (first.id, last.id)), None)
        start = first.start
        if opener:
            at = text.lower().rfind(opener, 0, first.start)
            if at >= 0 and not text[at + len(opener) : first.start].strip():
                start = at
        out.append(
            Timex(
                id=f"r{len(out) + 1}",
                text=text[start : last.end],
                start=start,
                end=last.end,
                type="DATE",
                value=value,
                earliest=first.earliest,
                latest=last.latest,
                anchor=anchor,
                ends=[first.id, last.id],
            )
        )
    return out
