"""What resolving works with: the context an expression is read in, the resolved value, and the day,
year and duration helpers every kind shares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docket.extract.timex.grammar import Match, grammar
from docket.record import TimexType
from docket.timex3 import (
    Point,
)

# Tenses: PROSPECTIVE looks ahead less firmly than FUTURE (a modal, "to", a plan verb); NEAREST is a
# target set in the past ("extended the deadline until Tuesday"), which may lie either side of the document
PAST, FUTURE, PROSPECTIVE, NEAREST = "past", "future", "prospective", "nearest"
AHEAD = (FUTURE, PROSPECTIVE)
WEEKDAY_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}
_TIME_UNITS = {"H": "H", "MI": "M", "S": "S"}


@dataclass
class Context:
    dct: dt.date | None
    tense: str | None = None  # past, future or None (present / unknown)
    anchor: tuple[str, Point] | None = None  # (timex id, its period): the last date the text gave
    period: tuple[str, Point] | None = None  # the last quarter or half the text gave
    # the reference time of a narrative: the last period the text told about, (timex id, its period)
    ref: tuple[str, Point] | None = None
    # True when ``dct`` stands for that reference time rather than the publication date
    narrative: bool = False
    # how many timexes so far told of years far from the writing, and of the time of writing
    far: int = 0
    near: int = 0
    # the days the text has named so far: (timex id, start, end, day)
    days: list[tuple[str, int, int, dt.date]] = field(default_factory=list)
    # a date decades away from the story's time, which moves the story only if the next one is near it
    jump: tuple[str, Point] | None = None
    # (index of a timex that took its year from a range's far end, the far end's first piece)
    pending: tuple[int, int] | None = None


@dataclass
class Resolved:
    type: TimexType
    value: str
    mod: str | None = None
    point: Point | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    # 'document', 'timex' (the context's anchor), 'period' (its last quarter), or None for absolute values
    anchor: str | None = None


def _v(match: Match, cls: str, default: Any = None) -> Any:
    slot = match.get(cls)
    return default if slot is None else slot.value


def _date(point: Point, anchor: str | None = None) -> Resolved:
    return Resolved("DATE", point.value(), point=point, anchor=anchor)


def _year_for(month: int, day: int | None, ctx: Context) -> tuple[int | None, str | None]:
    """The year of a month (and day) given without one: the document's, moved by the tense."""
    if ctx.dct is None:
        return None, None
    if ctx.narrative and ctx.ref is not None:
        return _story_year(month, day, ctx.dct, ctx.ref[1]), "document"
    here = (ctx.dct.month, ctx.dct.day if day is not None else 0)
    there = (month, day or 0)
    if ctx.tense == PAST and there > here:
        ahead = _make_day(ctx.dct.year, month, day) if day is not None else None
        if ahead is not None and (ahead.bounds()[0] - ctx.dct).days <= _near_days():
            # a day just ahead named without a year is that day, not the one almost a year back:
            # a past verb near it is about the arrangement ("declared a dividend payable Dec. 1")
            return ctx.dct.year, "document"
        return ctx.dct.year - 1, "document"
    if ctx.tense in AHEAD and there < here:
        if ctx.tense == PROSPECTIVE and day is not None and there[0] >= here[0] - 1:
            # a deadline or plan dated just before the document: the one just passed ("by Jan. 14")
            passed = _make_day(ctx.dct.year, month, day)
            if passed is not None and (ctx.dct - passed.bounds()[0]).days <= 31:
                return ctx.dct.year, "document"
        return ctx.dct.year + 1, "document"
    if ctx.tense in (None, NEAREST):
        # no tense to go by: the nearest such day to the document's date
        dct, mid = ctx.dct, min(day or 15, 28)
        years = (dct.year - 1, dct.year, dct.year + 1)
        best = min(years, key=lambda y: abs((dt.date(y, month, mid) - dct).days))
        return best, "document"
    return ctx.dct.year, "document"


def _story_year(month: int, day: int | None, told: dt.date, ref: Point) -> int:
    """The year of a month (and day) in a story told about ``ref``: a story moves on more than back.

    After a year alone ("in 1914 ... in August") it is that year; after a finer time the nearest such
    day, counting a step back twice as far as one ahead ("on 20 November ... on 3 January": the next year).
    """
    if ref.grain in ("Y", "H", "Q", "SEASON"):
        return ref.year
    mid = min(day or 15, 28)

    def cost(year: int) -> int:
        days = (dt.date(year, month, mid) - told).days
        return days if days >= 0 else -2 * days

    return min((told.year - 1, told.year, told.year + 1), key=cost)


def _near_days() -> int:
    return int(grammar().rules.get("near_days_ahead", 0))


def _unknown_year(month: int, day: int | None) -> Resolved:
    value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    return Resolved("DATE", value)


def _make_day(year: int, month: int, day: int) -> Point | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return Point(year, month, day)


def _season_near(season: str, ctx: Context, rel: int) -> Point:
    """The season of that name nearest the document date, in the direction rel (or the tense) says."""
    assert ctx.dct is not None
    dct = ctx.dct
    options = [Point(y, season=season) for y in (dct.year - 2, dct.year - 1, dct.year, dct.year + 1)]
    if rel < 0:
        return [p for p in options if p.bounds()[1] < dct][-1]
    if rel > 0:
        return next(p for p in options if p.bounds()[0] > dct)
    if ctx.tense == PAST:
        return [p for p in options if p.bounds()[0] <= dct][-1]
    if ctx.tense in AHEAD:
        return next(p for p in options if p.bounds()[1] >= dct)
    return Point(dct.year, season=season)


_GRAIN_OF_UNIT = {"D": "D", "W": "W", "2W": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}


def weekday_date(weekday: int, dct: dt.date, rel: int | None, tense: str | None) -> dt.date:
    """The day a weekday name means, said on ``dct``: rel -1 last, +1 next, 0 this week, None bare."""
    delta = weekday - dct.isoweekday()
    if rel == 0:
        return dct + dt.timedelta(days=delta)
    if rel is not None and rel > 0:
        return dct + dt.timedelta(days=delta % 7 or 7)
    if rel is not None and rel < 0:
        return dct - dt.timedelta(days=(-delta) % 7 or 7)
    if delta == 0:
        return dct
    ahead, back = delta % 7, (-delta) % 7
    if tense == FUTURE or (tense in (PROSPECTIVE, NEAREST) and ahead < back):
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


# A unit, the next smaller one and how many of those make it: for fractions ("2 1/2 years" = P2Y6M).
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MI", 60), "MI": ("S", 60)}
_WHOLE_YEARS = {"DE": 10, "CE": 100, "ML": 1000}


def duration_value(number: Any, unit: str) -> str | None:
    """TIMEX3 duration value: P3Y, PT12H, P2Y6M, PXD ..."""
    if unit == "2W":
        unit, number = "W", (number if number == "X" else float(number) * 2)
    if number == "X":
        if unit in _TIME_UNITS:
            return f"PTX{_TIME_UNITS[unit]}"
        return "PXY" if unit == "ML" else f"PX{unit}"
    if not isinstance(number, int | float) or number < 0:
        return None
    if unit in _WHOLE_YEARS:
        unit, number = "Y", float(number) * _WHOLE_YEARS[unit]
    amount = float(number)
    whole = int(amount)
    parts = [(whole, unit)]
    if amount != whole:
        smaller = _SMALLER.get(unit)
        rest = (amount - whole) * smaller[1] if smaller else 0.5
        if smaller is None or rest != int(rest):
            return None
        parts = [(whole, unit), (int(rest), smaller[0])] if whole else [(int(rest), smaller[0])]
    date_part = "".join(f"{n}{u}" for n, u in parts if u not in _TIME_UNITS)
    time_part = "".join(f"{n}{_TIME_UNITS[u]}" for n, u in parts if u in _TIME_UNITS)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def period_length(match: Match) -> Resolved | None:
    """One of the match's unit as a duration: "the year" in "the year ended March 31" is P1Y."""
    unit = _v(match, "UNIT")
    value = duration_value(1, str(unit)) if unit is not None else None
    return Resolved("DURATION", value) if value else None


def _unit_and_number(match: Match) -> tuple[str | None, Any]:
    unit = _v(match, "UNITS", _v(match, "UNIT"))
    numbers = [s.value for s in match.all("NUMBER")]
    if match.get("VAGUE") is not None or (not numbers and match.get("UNITS") is not None):
        return unit, "X"
    fraction = _v(match, "FRACTION")
    if fraction is not None and numbers:
        return unit, numbers[0] + fraction
    if len(numbers) == 2 and all(isinstance(n, int | float) for n in numbers):
        return unit, numbers[0] + numbers[1]
    return unit, numbers[0] if numbers else 1
