"""Deadlines counted from a day: the anchors of deadlines.yaml, the day a timex names, a TIMEX3
duration added to a day, and the deadline derived from an event's day ("within 30 days of the
signing").
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from dateutil.relativedelta import relativedelta

from docket import data, timex3
from docket.record import Timex
from docket.timex3 import value_day, value_month


@cache
def anchors() -> dict[str, Any]:
    """What counts a deadline from an event (``data/deadlines.yaml``)."""
    loaded = data.load("deadlines.yaml")
    assert isinstance(loaded, dict)
    return loaded


def day_of(timex: Timex) -> dt.date | None:
    """The calendar day a timex starts on, when it names one."""
    if timex.earliest is not None and timex.earliest == timex.latest:
        return timex.earliest
    return value_day(timex.value)


def add_duration(day: dt.date, value: str) -> dt.date | None:
    """``day`` plus a TIMEX3 duration as a deadline counts it (docket.timex3): hours in whole days
    as ``data/deadlines.yaml`` says, at most 10,000 units."""
    return timex3.add_duration(day, value, hours_per_day=int(anchors()["hours_per_day"]), most=10_000)


def derived_deadline(
    duration: Timex,
    anchor: Timex | None,
    published: dt.date | None,
    new_id: str,
    anchor_text: str | None = None,
) -> Timex | None:
    """The date a relative deadline falls on, as a timex anchored on the time of the event it counts
    from (``anchor_text``: that event as the text names it, "the signing").

    Counted from a day, it is a day; counted in months or years from a month ("signed in
    February"), it is the month it ends in. The timex keeps the span (``duration``) and the event
    (``anchor_text``, ``anchor_day``).
    """
    anchor_day = day_of(anchor) if anchor is not None else None
    anchor_month = value_month(anchor.value) if anchor is not None and anchor_day is None else None
    if anchor_month is not None and duration.value[-1:] not in ("M", "Y"):
        anchor_month = None
    anchored = anchor is not None and (anchor_day is not None or anchor_month is not None)
    if not anchored:
        # "committed to spending the money within 18 months": counted from nothing the text dates,
        # the span stays a span, and its anchor is unknown (COMMITMENTS.md), not a guessed day
        return duration.model_copy(
            update={"id": new_id, "anchor": "unknown", "duration": duration.value, "anchor_text": anchor_text}
        )
    assert anchor is not None
    anchor_ref = anchor.id
    start_day = anchor_day or anchor_month or published
    if start_day is None:
        return None
    try:
        end_day = add_duration(start_day, duration.value)
    except (OverflowError, ValueError):
        return None
    if end_day is None:
        return None
    value, earliest, latest = end_day.isoformat(), end_day, end_day
    if anchor_month is not None:
        value = end_day.isoformat()[:7]
        earliest = end_day.replace(day=1)
        latest = (earliest + relativedelta(months=1)) - dt.timedelta(days=1)
    return Timex(
        id=new_id,
        text=duration.text,
        start=duration.start,
        end=duration.end,
        type="DATE",
        value=value,
        mod=None,
        earliest=earliest,
        latest=latest,
        anchor=anchor_ref,
        duration=duration.value,
        anchor_text=anchor_text,
        anchor_day=anchor_day,
    )
