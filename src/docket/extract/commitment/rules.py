"""Deadlines of commitments: which timex a deadline phrase attaches, and relative deadlines.

The phrases live in ``data/commitments.yaml``. A relative deadline ("within 135 days",
"over the next 60 days") becomes a derived DATE timex counted from the agreement's
time; with no anchor the text dates, it stays a span whose anchor is ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from docket.extract.common.commitment_words import deadline_words, rules
from docket.extract.common.counted import counted_from
from docket.extract.common.counting import anchors
from docket.extract.common.state import state
from docket.extract.event.rules import grammar
from docket.record import Timex


@cache
def window_rank() -> int:
    """The rank of a range as a deadline: below "by"/"until", beside "on"."""
    return int(anchors()["window_rank"])


@cache
def _determiners() -> frozenset[str]:
    return frozenset(str(w) for w in grammar("determiners"))


@dataclass(frozen=True)
class Deadline:
    timex: Timex
    rank: int
    relative: bool
    # a span of time given to a side ("has one month to", "gave Iran two more weeks to"): it runs
    # from the giving, dated by ``given_on`` when its clause dates it, else by the report's day
    granted: bool = False
    given_on: Timex | None = None


def _words_around(doc: Doc, timex: Timex, most: int) -> tuple[int, list[tuple[int, str]], list[str]]:
    """The timex's first token, the words of up to ``most`` tokens before it (token index,
    lower case; spaces and brackets left out) and the words of the timex itself."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return 0, [], []
    start = max(span.start - most, 0)
    prefix = [(t.i, t.lower_) for t in doc[start : span.start] if not t.is_space and t.text not in ("(", ")")]
    inside = [t.lower_ for t in span]
    return span.start, prefix, inside


def deadline_phrase(doc: Doc, timex: Timex) -> tuple[int, bool] | None:
    """(rank, relative) when a deadline phrase leads into the timex ('by the end of 2026')."""
    phrases = deadline_words()
    most = max((len(words) + 1 for words, _, _ in phrases), default=0)
    first, window, inside = _words_around(doc, timex, most)
    for words, rank, relative in phrases:
        # the words of the len(words) + 1 tokens before the timex
        start = max(first - len(words) - 1, 0)
        prefix = [w for i, w in window if i >= start]
        if relative and inside[: len(words)] == list(words):
            return rank, relative  # a span that holds its phrase: "over five years"
        for taken in range(len(words), 0, -1):
            head, rest = words[:taken], list(words[taken:])
            if inside[: len(rest)] != rest:
                continue
            if prefix[-taken:] == list(head):
                return rank, relative
            # one determiner between the phrase and the time: "by the end of 2026"
            if len(prefix) > taken and prefix[-1] in _determiners() and prefix[-taken - 1 : -1] == list(head):
                return rank, relative
    return None


def _windows(doc: Doc, timexes: list[Timex]) -> list[Timex]:
    """The timexes with each end of a range replaced by the range ("will withdraw between October 21
    and 31": the window, its last day the deadline's), the range taken into the doc's timexes."""
    found = state(doc)
    if not found.ranges and not any(t.ends for t in timexes):
        return timexes
    by_end = {end: r for r in found.ranges for end in r.ends or ()}
    by_end |= {end: t for t in found.timexes if t.ends for end in t.ends}
    out: dict[str, Timex] = {}
    for timex in timexes:
        window = by_end.get(timex.id, timex)
        if window.id.startswith("r"):
            window = take_range(doc, window)
            by_end |= dict.fromkeys(window.ends or (), window)
        out.setdefault(window.id, window)
    return list(out.values())


def take_range(doc: Doc, window: Timex) -> Timex:
    """A range of ``state(doc).ranges`` moved into the doc's timexes with a timex id."""
    found = state(doc)
    taken = window.model_copy(update={"id": next_timex_id(found.timexes)})
    found.timexes.append(taken)
    found.ranges = [r for r in found.ranges if r.id != window.id]
    return taken


def best_deadline(doc: Doc, timexes: list[Timex]) -> Deadline | None:
    """The deadline among the timexes of an action: the strongest phrase, absolute before relative;
    a range counts as one time, the window the action falls in."""
    found: list[Deadline] = []
    published = state(doc).published
    for timex in _windows(doc, timexes):
        if timex.ends:
            window = deadline_phrase(doc, timex)
            if window is None and published and timex.latest is not None and timex.latest < published:
                continue  # "compensation for the occupation from 1911 to 1943": a time past, no window
            found.append(Deadline(timex, (window or (window_rank(), False))[0], relative=False))
            continue
        phrase = deadline_phrase(doc, timex)
        if phrase is None and timex.type == "DURATION" and counts_from_event(doc, timex):
            phrase = (1, True)  # "72 hours after the pullback": a span counted from what it names
        if phrase is None:
            continue
        rank, relative = phrase
        if timex.value in rules()["vague_values"]:
            continue  # "in the near future", "soon": no day to be held to
        if timex.type == "DURATION" and "X" in timex.value:
            continue  # "during the next few months" (PXM): no length, so no day either
        if timex.type == "DURATION" and not relative:
            continue
        if timex.type in ("DATE", "TIME") and relative:
            relative = False
        if (
            timex.type in ("DATE", "TIME")
            and rank >= int(rules()["past_time_rank"])
            and _past(timex, published)
        ):
            continue  # "up from 350 dlrs in the first quarter": a time past, no time of the act
        found.append(Deadline(timex, rank, relative))
    if not found:
        return None
    return min(found, key=lambda d: (d.rank, d.relative, d.timex.start))


def _past(timex: Timex, published: dt.date | None) -> bool:
    """Whether a time ends before the day of the report."""
    return published is not None and timex.latest is not None and timex.latest < published


def counts_from_event(doc: Doc, span: Timex) -> bool:
    """Whether a span is counted from an event the text names after it ("90 days after the deal")."""
    return counted_from(doc, span) is not None


def next_timex_id(timexes: list[Timex]) -> str:
    numbers = [int(t.id[1:]) for t in timexes if t.id[:1] == "t" and t.id[1:].isdigit()]
    return f"t{max(numbers, default=0) + 1}"
