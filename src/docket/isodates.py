"""Calendar dates to and from ISO text (YYYY-MM-DD), as the store and JSON keep them."""

from __future__ import annotations

import datetime as dt


def iso(day: dt.date | None) -> str | None:
    """``day`` as YYYY-MM-DD, or None."""
    return day.isoformat() if day is not None else None


def parse_iso(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date, or None for None or empty text."""
    return dt.date.fromisoformat(text) if text else None


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the first or last day the calendar has (0001-01-01,
    9999-12-31): a record may hold any date, and a window around it must not overflow."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
