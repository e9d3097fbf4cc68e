"""A status as the saved index keeps it: the days on which a commitment's status can change, each with
its status and outcomes as JSON, and a status's JSON spliced from those stored parts without
building objects.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from docket.story.status import status_on
from docket.story.tracked import Tracked, status_body, status_head, status_tail


def status_json(parts: tuple[str, str, str], status: str, days_left: int | None, outcomes: str) -> str:
    """A status's JSON spliced from the stored :func:`status_parts` of its item and the day's
    status, days left and outcomes (a :func:`status_segments` entry): no object is built."""
    head, body, tail = parts
    days = "null" if days_left is None else str(days_left)
    return f'{{{head}, "status": "{status}", "days_left": {days}, {body}, {outcomes}, {tail}}}'


def _inner(d: dict[str, Any]) -> str:
    """A dict's JSON without its braces, to splice into a larger object."""
    return json.dumps(d, ensure_ascii=False)[1:-1]


def status_parts(t: Tracked) -> tuple[str, str, str]:
    """The parts of a status's JSON that do not change with the day (see :func:`status_json`)."""
    return _inner(status_head(t)), _inner(status_body(t)), _inner(status_tail(t))


def status_segments(t: Tracked) -> list[list[str]]:
    """``t``'s status on every day, told once per span of days over which only ``days_left``
    changes: ``[first day, status, outcomes as JSON]`` in order of day, each entry holding until
    the next one's day. :func:`status_on` tells each span, on its first day: a report of
    fulfilment, breach or a move, and the day after the deadline, are where a status can change."""
    days = {dt.date.min}
    days.update(o.published for o in (*t.fulfilments, *t.broken, *t.ended) if o.published is not None)
    days.update(o.on + dt.timedelta(days=1) for o in t.ended if o.on is not None and o.on < dt.date.max)
    if t.superseded_on is not None:
        days.add(t.superseded_on)
    latest = t.deadline.latest if t.deadline else None
    if latest is not None and latest < dt.date.max:
        days.add(latest + dt.timedelta(days=1))
    out: list[list[str]] = []
    for day in sorted(days):
        s = status_on(t, day)
        told = [s.status, _inner(s.outcomes())]
        if not out or out[-1][1:] != told:
            out.append([day.isoformat(), *told])
    return out


def segment_on(segments: list[list[str]], day: str) -> list[str]:
    """The :func:`status_segments` entry that holds on ``day`` (YYYY-MM-DD)."""
    found = segments[0]
    for seg in segments:
        if seg[0] > day:
            break
        found = seg
    return found
