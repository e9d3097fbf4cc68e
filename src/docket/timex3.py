"""Calendar arithmetic for TIMEX3 values: a point in time at some granularity, its value and bounds,
periods and days moved by durations; shared by the time stage, the commitment stage and the stories."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# Granularities from coarse to fine.
ORDER = ("CE", "DE", "Y", "H", "Q", "SEASON", "M", "W", "D")


@dataclass(frozen=True)
class Point:
    """A calendar period: a year, or a month, quarter, half, season, ISO week or day of one."""

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    week: int | None = None  # ISO week; `year` is then the ISO year
    weekend: bool = False
    decade: int | None = None  # 197 for the 1970s (year is then the first year)
    century: int | None = None  # 19 for the 1900s

    @property
    def grain(self) -> str:
        if self.century is not None:
            return "CE"
        if self.decade is not None:
            return "DE"
        if self.day is not None:
            return "D"
        if self.week is not None:
            return "W"
        if self.month is not None:
            return "M"
        if self.season is not None:
            return "SEASON"
        if self.quarter is not None:
            return "Q"
        if self.half is not None:
            return "H"
        return "Y"

    def value(self) -> str:
        g = self.grain
        if g == "CE":
            return f"{self.century:02d}"
        if g == "DE":
            return f"{self.decade:03d}"
        y = f"{self.year:04d}"
        if g == "D":
            return f"{y}-{self.month:02d}-{self.day:02d}"
        if g == "W":
            return f"{y}-W{self.week:02d}" + ("-WE" if self.weekend else "")
        if g == "M":
            return f"{y}-{self.month:02d}"
        if g == "SEASON":
            return f"{y}-{self.season}"
        if g == "Q":
            return f"{y}-Q{self.quarter}"
        if g == "H":
            return f"{y}-H{self.half}"
        return y

    def bounds(self) -> tuple[dt.date, dt.date]:
        """First and last calendar day of the period."""
        g = self.grain
        if g == "CE":
            c = self.century or 0
            return _safe(c * 100, 1, 1), _safe(c * 100 + 99, 12, 31)
        if g == "DE":
            d = self.decade or 0
            return _safe(d * 10, 1, 1), _safe(d * 10 + 9, 12, 31)
        y = self.year
        if g == "D":
            day = _safe(y, self.month or 1, self.day or 1)
            return day, day
        if g == "W":
            monday = dt.date.fromisocalendar(y, self.week or 1, 1)
            if self.weekend:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if g == "M":
            return _month_bounds(y, self.month or 1)
        if g == "SEASON":
            first, last = SEASON_MONTHS[self.season or "SP"]
            end_year = y + 1 if last < first else y
            return _safe(y, first, 1), _month_bounds(end_year, last)[1]
        if g == "Q":
            q = self.quarter or 1
            return _safe(y, 3 * q - 2, 1), _month_bounds(y, 3 * q)[1]
        if g == "H":
            h = self.half or 1
            return _safe(y, 6 * h - 5, 1), _month_bounds(y, 6 * h)[1]
        return _safe(y, 1, 1), _safe(y, 12, 31)


def _safe(year: int, month: int, day: int) -> dt.date:
    year = min(max(year, 1), 9999)
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    year = min(max(year, 1), 9999)
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def of_day(day: dt.date) -> Point:
    return Point(day.year, day.month, day.day)


def of_grain(day: dt.date, grain: str) -> Point:
    """The period of granularity ``grain`` that contains ``day``."""
    if grain == "D":
        return of_day(day)
    if grain == "W":
        iso = day.isocalendar()
        return Point(iso[0], week=iso[1])
    if grain == "M":
        return Point(day.year, day.month)
    if grain == "Q":
        return Point(day.year, quarter=(day.month - 1) // 3 + 1)
    if grain == "H":
        return Point(day.year, half=(day.month - 1) // 6 + 1)
    if grain == "DE":
        return Point(day.year - day.year % 10, decade=day.year // 10)
    if grain == "CE":
        return Point(day.year - day.year % 100, century=day.year // 100)
    return Point(day.year)


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return _safe(year, month + 1, day.day)


def shift_day(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by n units (D, W, M, Q, Y, DE, CE), clamped to the calendar."""
    try:
        if unit == "D":
            return day + dt.timedelta(days=n)
        if unit == "W":
            return day + dt.timedelta(weeks=n)
        if unit == "2W":
            return day + dt.timedelta(weeks=2 * n)
    except OverflowError:
        return day
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}.get(unit)
    if months is None:
        return day
    return add_months(day, n * months)


def shift(point: Point, unit: str, n: int) -> Point:
    """The period ``n`` units after ``point`` (before when negative), at the point's granularity."""
    g = point.grain
    if g in ("DE", "CE"):
        # "the next decade", "the last century": whole decades and centuries move by their own kind
        size = 10 if g == "DE" else 100
        by = {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}.get(unit, 0) * n
        if by == 0 or by % size:
            return point
        return of_grain(dt.date(point.year + by, 1, 1), g)
    if unit in ("D", "W", "2W") and g not in ("D", "W"):
        return point
    if g == "SEASON":
        if unit == "Y":
            return replace(point, year=point.year + n)
        return point
    if g == "Q":
        if unit in ("Q", "Y", "DE"):
            quarters = n * {"Q": 1, "Y": 4, "DE": 40}[unit]
            total = point.year * 4 + (point.quarter or 1) - 1 + quarters
            return replace(point, year=total // 4, quarter=total % 4 + 1)
        if unit == "M" and n % 3 == 0:
            return shift(point, "Q", n // 3)
        return point
    if g == "H":
        if unit == "Y":
            return replace(point, year=point.year + n)
        if unit == "M" and n % 6 == 0:
            total = point.year * 2 + (point.half or 1) - 1 + n // 6
            return replace(point, year=total // 2, half=total % 2 + 1)
        return point
    if g == "Y":
        years = {"Y": 1, "DE": 10, "CE": 100, "ML": 1000}.get(unit)
        if years is None:
            if unit == "M" and n % 12 == 0:
                return Point(point.year + n // 12)
            return point
        return Point(point.year + n * years)
    first, _ = point.bounds()
    moved = shift_day(first, unit, n)
    if g == "W":
        return replace(of_grain(moved, "W"), weekend=point.weekend)
    return of_grain(moved, g)


def finer(a: str, b: str) -> str:
    """The finer of two granularities."""
    return a if ORDER.index(_norm(a)) >= ORDER.index(_norm(b)) else b


def coarser(a: str, b: str) -> str:
    return a if ORDER.index(_norm(a)) <= ORDER.index(_norm(b)) else b


def _norm(grain: str) -> str:
    return {"2W": "W", "H": "H", "MI": "D", "S": "D", "ML": "CE"}.get(grain, grain)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (1 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = _month_bounds(year, month)[1]
    offset = (last.isoweekday() - weekday) % 7
    return last - dt.timedelta(days=offset)


# -- TIMEX3 values as text: a date's bounds, its first day, a duration added to a day --------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_DURATION = re.compile(r"^P(T?)(\d+)([HDWMY])$")
_WHOLE_SPAN = re.compile(r"^P(\d+)([DWMY])$")


def precision(value: str | None) -> str:
    """day, month, quarter, half, year, duration or other: how fine a TIMEX3 value is (a time of
    day is dropped; a span in hours is other)."""
    if not value:
        return "other"
    v = value.split("T", 1)[0]
    for name, pattern in (
        ("day", _DAY),
        ("month", _MONTH),
        ("quarter", _QUARTER),
        ("half", _HALF),
        ("year", _YEAR),
        ("duration", _WHOLE_SPAN),
    ):
        if pattern.match(v):
            return name
    return "other"


def date_point(value: str | None) -> Point | None:
    """The period a TIMEX3 date value names, for a day, month, quarter, half or year (a time of day
    is dropped); None for anything else, or for a day the calendar does not have."""
    if not value:
        return None
    v = value.split("T", 1)[0]
    try:
        if m := _DAY.match(v):
            return of_day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        if m := _MONTH.match(v):
            dt.date(int(m[1]), int(m[2]), 1)
            return Point(int(m[1]), int(m[2]))
        if m := _QUARTER.match(v):
            dt.date(int(m[1]), 1, 1)
            return Point(int(m[1]), quarter=int(m[2]))
        if m := _HALF.match(v):
            dt.date(int(m[1]), 1, 1)
            return Point(int(m[1]), half=int(m[2]))
        if m := _YEAR.match(v):
            dt.date(int(m[1]), 1, 1)
            return Point(int(m[1]))
    except ValueError:
        return None
    return None


def value_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last calendar day of a TIMEX3 date value (see :func:`date_point`), or None."""
    point = date_point(value)
    return None if point is None else point.bounds()


def value_day(value: str) -> dt.date | None:
    """The calendar day a TIMEX3 value starts with ("2025-09-15", "2025-09-15T10:00"), if any."""
    match = _DAY_START.match(value)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return None


def value_month(value: str) -> dt.date | None:
    """The first day of the month a month-precise TIMEX3 value ("2020-02") names."""
    match = _MONTH.match(value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None


def add_duration(
    day: dt.date, value: str | None, *, hours_per_day: int | None = None, most: int | None = None
) -> dt.date | None:
    """``day`` plus a TIMEX3 duration (P135D, P2W, P14M, P1Y; PT72H when ``hours_per_day`` says how
    many hours make a day, counted to the day the last hour falls in); None for other forms, for a
    count over ``most`` (of days, weeks, months or years; hours: 24 times that) or off the calendar."""
    match = _DURATION.match(value or "")
    if not match or (match.group(1) == "T") != (match.group(3) == "H"):
        return None  # PT5M is minutes, P5H no value
    amount, unit = int(match.group(2)), match.group(3)
    if unit == "H" and hours_per_day is None:
        return None
    if most is not None and amount > most * (24 if unit == "H" else 1):
        return None
    try:
        if unit == "H":
            assert hours_per_day is not None
            return day + dt.timedelta(days=-(-amount // hours_per_day))
        if unit == "D":
            return day + dt.timedelta(days=amount)
        if unit == "W":
            return day + dt.timedelta(weeks=amount)
        step = relativedelta(months=amount) if unit == "M" else relativedelta(years=amount)
        moved: dt.date = day + step
    except (OverflowError, ValueError):
        return None
    return moved
