"""Calendar dates to and from ISO text (YYYY-MM-DD), as the store and JSON keep them."""

from __future__ import annotations

import datetime as dt


def iso(day: dt.date | None) -> str | None:
    """``day`` as YYYY-MM-DD, or None."""
    return day.isoformat() if day is not None else None


def parse_iso(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date, or None for None or empty text."""
    return dt.date.fromisoformat(text) if text else None
