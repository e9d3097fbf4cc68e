"""From a grammar match to a TIMEX3 type, value and bounds, given the document date and the clause's tense."""

from __future__ import annotations

from docket.extract.timex.base import _GRAIN_OF_UNIT, Context, Resolved, _date, _unit_and_number
from docket.extract.timex.dates import (
    _century_kind,
    _date_kind,
    _decade_kind,
    _deictic_kind,
    _era_kind,
    _following_day_kind,
    _following_kind,
    _holiday_kind,
    _latest_period_kind,
    _monthrel_kind,
    _nth_day_kind,
    _part_kind,
    _range_day_kind,
    _ref_kind,
    _relmonth_kind,
    _relpart_kind,
    _relseason_kind,
    _relunit_kind,
    _time_kind,
    _unit_end_kind,
    _week_of_kind,
    _weekday_kind,
    _weekend_kind,
    _yearago_kind,
    _yearperiod_kind,
)
from docket.extract.timex.grammar import Match
from docket.extract.timex.spans import _duration_kind, _fixed_kind, _set_kind, _span_kind
from docket.timex3 import (
    of_grain,
    shift,
    shift_day,
)


def resolve(match: Match, ctx: Context) -> Resolved | None:
    handler = _HANDLERS.get(match.kind)
    return handler(match, ctx) if handler else None


_HANDLERS = {
    "date": _date_kind,
    "part": _part_kind,
    "decade": _decade_kind,
    "era": _era_kind,
    "nthday": _nth_day_kind,
    "rangeday": _range_day_kind,
    "yearperiod": _yearperiod_kind,
    "latestperiod": _latest_period_kind,
    "unitend": _unit_end_kind,
    "century": _century_kind,
    "holiday": _holiday_kind,
    "deictic": _deictic_kind,
    "ref": _ref_kind,
    "relunit": _relunit_kind,
    "following": _following_kind,
    "weekof": _week_of_kind,
    "yearago": _yearago_kind,
    "relmonth": _relmonth_kind,
    "monthrel": _monthrel_kind,
    "relseason": _relseason_kind,
    "weekday": _weekday_kind,
    "followingday": _following_day_kind,
    "weekend": _weekend_kind,
    "relpart": _relpart_kind,
    "time": _time_kind,
    "duration": _duration_kind,
    "span": _span_kind,
    "fixed": _fixed_kind,
    "set": _set_kind,
}


def shifted(duration: Resolved, match: Match, direction: int, ctx: Context, on_timex: bool) -> Resolved:
    """A duration turned into a date by "ago" / "later" / "earlier": n units from the anchor."""
    unit, number = _unit_and_number(match)
    vague = "PAST_REF" if direction < 0 else "FUTURE_REF"
    if unit is None or not isinstance(number, int | float) or number != int(number):
        return Resolved("DATE", vague, anchor="document" if ctx.dct else None, latest=ctx.dct)
    n = int(number) * direction
    grain = _GRAIN_OF_UNIT.get(str(unit), "D")
    if unit == "Y" and n == -1 and ctx.period is not None:
        # "a year ago" in a report on a quarter compares that quarter with the same one before
        return _date(shift(ctx.period[1], "Y", -1), "period")
    if on_timex and ctx.anchor is not None:
        point = ctx.anchor[1]
        moved = shift(point, str(unit), n)
        if moved == point and n:
            moved = of_grain(shift_day(point.bounds()[0], str(unit), n), grain)
        return _date(moved, "timex")
    if ctx.dct is None:
        return Resolved("DATE", vague)
    day = shift_day(ctx.dct, str(unit), n)
    return _date(of_grain(day, grain), "document")
