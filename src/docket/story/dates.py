"""Time values in stories: precision, compatibility, labels and order.

A deadline's status turns on its ``latest`` day; the timex stage gives it, and
these helpers fill it in from the TIMEX3 value when a stored timex lacks it (the
calendar arithmetic itself is docket.timex3's).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from docket.story.model import When
from docket.timex3 import add_duration, value_bounds
from docket.timex3 import precision as precision  # named here too: the stories' callers ask dates


def _narrow(first: dt.date, last: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """The part of [first, last] a TIMEX3 mod points at (START/MID/END: a third of it)."""
    span = (last - first).days
    third = dt.timedelta(days=span // 3)
    if mod == "START":
        return first, first + third
    if mod == "END":
        return last - third, last
    if mod == "MID":
        return first + third, last - third
    return first, last


def complete(when: When, anchor: dt.date | None = None) -> When:
    """``when`` with its calendar bounds filled in where the value allows it."""
    if when.latest is not None:
        if when.earliest is None:
            return replace(when, earliest=when.latest)
        return when
    bounds = value_bounds(when.value)
    if bounds is not None:
        first, last = _narrow(*bounds, when.mod)
        return replace(when, earliest=when.earliest or first, latest=last)
    end = add_duration(anchor, when.value) if anchor is not None else None
    if end is not None:
        return replace(when, earliest=when.earliest or anchor, latest=end)
    return when


def compatible(a: When | None, b: When | None) -> bool:
    """Can two statements of a deadline mean the same day?

    Yes when either is unknown, when both end on the same day, or when one is a
    single day inside the other ("by September 15" within "by September 2025").
    Two periods that merely overlap ("September 2026", "the end of 2026") differ.
    """
    if a is None or b is None or a.latest is None or b.latest is None:
        return True
    if a.latest == b.latest:
        return True
    for x, y in ((a, b), (b, a)):
        x_day, y_first, y_last = x.latest, y.earliest, y.latest
        point = x.earliest == x_day and x_day is not None
        if point and y_first is not None and y_last is not None and y_first <= x_day <= y_last:  # type: ignore[operator]
            return True
    return False


def overlap(a: When | None, b: When | None) -> bool:
    """Do two time values share at least one day?"""
    if a is None or b is None or a.latest is None or b.latest is None:
        return False
    a0 = a.earliest or a.latest
    b0 = b.earliest or b.latest
    return a0 <= b.latest and b0 <= a.latest


def label(when: When | None) -> str:
    """The value at its own precision, with its mod: 2025-09, 2026 END, 2025-09-15."""
    if when is None or not when.value:
        return ""
    return f"{when.value} {when.mod}" if when.mod else when.value


def is_window(when: When) -> bool:
    """A time whose days are narrower than its value says, with no mod: a range told as one time
    ("between October 21 and 31": 2025-10, from the 21st to the 31st)."""
    if when.mod or when.earliest is None or when.latest is None:
        return False
    bounds = value_bounds(when.value)
    return bounds is not None and bounds != (when.earliest, when.latest)


def duration_words(value: str) -> str:
    """A TIMEX3 span in words: P90D → 90 days, PT72H → 72 hours (the words of data/deadlines.yaml)."""
    from docket import data

    m = re.match(r"^PT?(\d+)([HDWMY])$", value)
    if not m:
        return value
    one, many = data.load("deadlines.yaml")["duration_words"][m[2]]
    return f"{m[1]} {one if m[1] == '1' else many}"


def counted_label(when: When) -> str:
    """A date counted from an event, as ``due`` shows it: "90 days from the signing on 2025-06-27 →
    2025-09-25"; "18 months from the merger (anchor unknown)" when the text dates no anchor."""
    from docket import data

    span = duration_words(when.duration or "")
    named = when.anchor or (data.load("deadlines.yaml")["report_anchor"] if when.latest is not None else None)
    source = f" from {named}" if named else ""
    if when.latest is None:
        return f"{span}{source} (anchor unknown)"
    on = f" on {when.anchor_day.isoformat()}" if when.anchor_day is not None else ""
    end = when.latest.isoformat() if precision(when.value) == "duration" else label(when)
    return f"{span}{source}{on} → {end}"


def sort_key(when: When | None, fallback: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Order by the first then the last day a value can mean; unknown times go last."""
    far = dt.date.max
    if when is None or when.latest is None:
        day = fallback or far
        return day, day
    return when.earliest or when.latest, when.latest


_SPAN = re.compile(r"^\s*(\d{1,6})\s*([dwmy]?)\s*$", re.IGNORECASE)
_SPAN_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_span(text: str) -> int:
    """Days in a span written 30d, 2w, 3m (30 days each), 1y or a bare number of days.

    Raises ValueError on anything else.
    """
    m = _SPAN.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a span of days; write e.g. 30d, 2w, 3m or 1y")
    return int(m[1]) * _SPAN_DAYS[m[2].lower()]
