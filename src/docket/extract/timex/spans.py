"""Resolving lengths of time and repeats: durations ("three years"), fixed periods, spans from now, the
neighbouring unit and sets ("every month").
"""

from __future__ import annotations

from docket.extract.timex.base import (
    _GRAIN_OF_UNIT,
    Context,
    Resolved,
    _date,
    _unit_and_number,
    _v,
    duration_value,
)
from docket.extract.timex.grammar import Match
from docket.timex3 import (
    of_grain,
    shift,
    shift_day,
)


def _duration_kind(match: Match, ctx: Context) -> Resolved | None:
    unit, number = _unit_and_number(match)
    if unit is None:
        return None
    value = duration_value(number, str(unit))
    return Resolved("DURATION", value) if value else None


def _fixed_kind(match: Match, ctx: Context) -> Resolved | None:
    return Resolved("DURATION", str(_v(match, "DURPHRASE")))


def _span_kind(match: Match, ctx: Context) -> Resolved | None:
    unit, number = _unit_and_number(match)
    if unit is None:
        return None
    if match.get("LATEST") is not None:
        number = "X"
    value = duration_value(number, str(unit))
    if value is None:
        return None
    out = Resolved("DURATION", value)
    rel = _v(match, "SPANREL", _v(match, "REL"))
    if ctx.dct is not None and rel in (-1, 1) and isinstance(number, int) and unit in _GRAIN_OF_UNIT:
        other = shift_day(ctx.dct, str(unit), int(rel) * number)
        out.earliest, out.latest = min(ctx.dct, other), max(ctx.dct, other)
        out.anchor = "document"
    return out


def neighbour_unit(match: Match, ctx: Context) -> Resolved | None:
    """ "the past year", "the next decade" (one unit, no number): the calendar unit before or after the
    document's, a DATE as TimeML annotates it; None when the match is not of that shape."""
    rel = _v(match, "SPANREL")
    unit = _v(match, "UNIT")
    grain = _GRAIN_OF_UNIT.get(str(unit)) if unit is not None else None
    if ctx.dct is None or grain is None or rel not in (-1, 1) or match.get("NUMBER") is not None:
        return None
    return _date(shift(of_grain(ctx.dct, grain), str(unit), int(rel)), "document")


def _set_kind(match: Match, ctx: Context) -> Resolved | None:
    adverb = _v(match, "SETADV")
    if adverb is not None:
        return Resolved("SET", str(adverb))
    weekday = _v(match, "WEEKDAY", _v(match, "WEEKDAYS"))
    part = _v(match, "PART", _v(match, "PARTS"))
    if weekday is not None:
        return Resolved("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    if part is not None:
        return Resolved("SET", f"XXXX-XX-XXT{part}")
    month, season = _v(match, "MONTH"), _v(match, "SEASON")
    if month is not None:
        return Resolved("SET", f"XXXX-{int(month):02d}")  # "each July"
    if season is not None:
        return Resolved("SET", f"XXXX-{season}")  # "every summer"
    unit, number = _unit_and_number(match)
    if unit is None:
        return None
    value = duration_value(number, str(unit))
    return Resolved("SET", value) if value else None
