"""Resolving the kinds of expression that name a day, a month, a part of a year or a time of day, told
outright ("March 3, 2024") or from now ("next Tuesday", "a year ago").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from docket.extract.timex.base import (
    _GRAIN_OF_UNIT,
    FUTURE,
    PAST,
    WEEKDAY_CODES,
    Context,
    Resolved,
    _date,
    _make_day,
    _season_near,
    _unknown_year,
    _v,
    _year_for,
    weekday_date,
)
from docket.extract.timex.grammar import Match
from docket.timex3 import (
    ORDER,
    Point,
    nth_weekday,
    of_day,
    of_grain,
    shift,
)


def _date_kind(match: Match, ctx: Context) -> Resolved | None:
    found = _calendar_date(match, ctx)
    part = _v(match, "PART")
    if found is None or part is None or found.point is None or found.point.grain != "D":
        return found
    # "the night of April 18, 1775": a part of that day
    day = found.point.bounds()[0]
    return Resolved(
        "TIME", f"{found.value}T{part}", point=found.point, earliest=day, latest=day, anchor=found.anchor
    )


def _calendar_date(match: Match, ctx: Context) -> Resolved | None:
    slash = _v(match, "DATESLASH")
    if slash is not None:
        month, day, year_text = slash
        if month > 12 >= day:
            month, day = day, month
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year < 50 else 1900
        point = _make_day(year, month, day)
        return _date(point) if point else None
    month = _v(match, "MONTH")
    if month is None:
        month = _v(match, "MONTHNUM")
    year = _v(match, "YEAR", _v(match, "SPOKENYEAR"))
    if match.get("UNIT") is not None and _v(match, "UNIT") != "Y":
        return None  # "the year 2000", but not "the month 2000"
    day = _v(match, "DAYNUM", _v(match, "ORDNUM"))
    season = _v(match, "SEASON")
    if month is None and season is None:
        return _date(Point(int(year))) if year is not None else None
    anchor = None
    if year is None:
        if season is not None:
            if ctx.dct is None:
                return Resolved("DATE", f"XXXX-{season}")
            return _date(_season_near(season, ctx, 0), "document")
        guess, anchor = _year_for(int(month), day, ctx)
        if guess is None:
            return _unknown_year(int(month), day)
        year = guess
    if season is not None:
        return _date(Point(int(year), season=season), anchor)
    if day is not None:
        point = _make_day(int(year), int(month), int(day))
        return _date(point, anchor) if point else None
    return _date(Point(int(year), int(month)), anchor)


def _part_kind(match: Match, ctx: Context) -> Resolved | None:
    n = _v(match, "ORDINAL", _v(match, "QNUM"))
    if n is None and _v(match, "LASTORD") is not None:
        n = 2 if match.get("HALF") is not None else 4  # "the last half", "the final quarter"
    units = [str(slot.value) for slot in match.all("UNIT")]
    rel = _v(match, "REL")
    if rel is not None:
        # "next year's first quarter" / "the first quarter of next year": the year is relative
        if ctx.dct is None:
            return None
        if match.slots[-1].cls == "UNIT" and units[-1] == "Y" and match.slots[0].cls != "REL":
            units = units[:-1]
        elif units[0] == "Y":
            units = units[1:]
        else:
            return None
    unit = units[-1] if units else None
    half = match.get("HALF") is not None
    if n is None or (not half and match.get("QNUM") is None and unit != "Q"):
        return None
    year = _v(match, "YEAR")
    anchor = None
    if rel is not None and ctx.dct is not None:
        year, anchor = ctx.dct.year + int(rel), "document"
    limit = 2 if half else 4
    if not 1 <= int(n) <= limit:
        return None
    if year is None:
        if ctx.dct is None:
            return Resolved("DATE", f"XXXX-{'H' if half else 'Q'}{n}")
        year, anchor = ctx.dct.year, "document"
        current = (ctx.dct.month - 1) // (6 if half else 3) + 1
        if ctx.tense == PAST and int(n) > current:
            year -= 1
    point = Point(int(year), half=int(n)) if half else Point(int(year), quarter=int(n))
    return _date(point, anchor)


def _yearperiod_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "the 1988 quarter": the quarter of that year matching the one the text reports on, else the year."""
    unit = _v(match, "UNIT")
    if unit is not None and unit not in ("Q", "Y"):
        return None
    year = int(_v(match, "YEAR"))
    if unit == "Y":
        return _date(Point(year))  # "the 1990 fiscal year"
    if ctx.period is not None and ctx.period[1].quarter is not None:
        return _date(Point(year, quarter=ctx.period[1].quarter), "period")
    if unit == "Q":
        return None
    return _date(Point(year))


def _latest_period_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "the latest period": the quarter or half the text reports on, else the last quarter ended."""
    if ctx.period is not None:
        return _date(ctx.period[1], "period")
    if ctx.dct is None:
        return None
    return _date(of_grain(ctx.dct - dt.timedelta(days=45), "Q"), "document")


def _unit_end_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "year-end", "year's end": the end of the document's year (of the year before in a past clause)."""
    grain = _GRAIN_OF_UNIT.get(str(_v(match, "UNITEND")))
    if ctx.dct is None or grain is None:
        return None
    point = of_grain(ctx.dct, grain)
    if ctx.tense == PAST:
        point = shift(point, grain, -1)
    out = _date(point, "document")
    out.mod = "END"
    return out


def _range_day_kind(match: Match, ctx: Context) -> Resolved | None:
    """A bare day at one end of a range: its month comes from the other end (the tagger finds it)."""
    return Resolved("DATE", "XXXX-XX-XX")


def _nth_day_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "the fifth day", "the third week": a day or a week of some period, which the tagger tells
    from the text around it."""
    unit = _v(match, "UNIT")
    if unit not in ("D", "W") or match.slots[-1].first != match.slots[-1].last:
        return None
    return Resolved("DATE", "XXXX-XX-XX" if unit == "D" else "XXXX-WXX")


def _era_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "264 BC": a year before the common era, as TIMEX3 writes it (BC0264)."""
    year = int(_v(match, "NUM"))
    if not 1 <= year <= 9999:
        return None
    return Resolved("DATE", f"{_v(match, 'ERA')}{year:04d}")


def _decade_kind(match: Match, ctx: Context) -> Resolved | None:
    text = str(_v(match, "DECADE"))
    if len(text) == 2:
        century = 19 if int(text) >= 30 else 20
        text = f"{century}{text}"
    if len(text) != 4:
        return None
    decade = int(text) // 10
    return _date(Point(decade * 10, decade=decade))


def _century_kind(match: Match, ctx: Context) -> Resolved | None:
    n = _v(match, "ORDNUM", _v(match, "ORDINAL"))
    if n is None or not 1 <= int(n) <= 30:
        return None
    century = int(n) - 1
    return _date(Point(century * 100, century=century))


def _holiday_kind(match: Match, ctx: Context) -> Resolved | None:
    code = str(_v(match, "HOLIDAY"))
    month = int(code[:2])
    year = _v(match, "YEAR")
    anchor = None
    rel = _v(match, "REL")
    if year is None:
        if ctx.dct is None:
            return Resolved("DATE", f"XXXX-{code[:2]}" + (f"-{code[3:]}" if code[3:].isdigit() else ""))
        tense = ctx.tense if rel in (None, 0) else (PAST if int(rel) < 0 else FUTURE)
        probe = replace(ctx, tense=tense)
        day_guess = int(code[3:]) if code[3:].isdigit() else 15
        year, anchor = _year_for(month, day_guess, probe)
        assert year is not None
    rest = code[3:]
    if rest.isdigit():
        point = _make_day(int(year), month, int(rest))
    else:
        weekday = WEEKDAY_CODES.get(rest[:2], 1)
        nth = -1 if rest[2:] == "L" else int(rest[2:] or 1)
        point = of_day(nth_weekday(int(year), month, weekday, nth))
    return _date(point, anchor) if point else None


def _deictic_kind(match: Match, ctx: Context) -> Resolved | None:
    offset = _v(match, "DEICTIC", 0)
    part = _v(match, "PART", _v(match, "TONIGHT"))
    base = "XXXX-XX-XX" if ctx.dct is None else of_day(ctx.dct + dt.timedelta(days=int(offset))).value()
    if part is not None:
        day = None if ctx.dct is None else ctx.dct + dt.timedelta(days=int(offset))
        return Resolved("TIME", f"{base}T{part}", earliest=day, latest=day, anchor="document")
    if ctx.dct is None:
        return Resolved(
            "DATE", "PRESENT_REF" if offset == 0 else ("PAST_REF" if offset < 0 else "FUTURE_REF")
        )
    return _date(of_day(ctx.dct + dt.timedelta(days=int(offset))), "document")


def _ref_kind(match: Match, ctx: Context) -> Resolved | None:
    value = str(_v(match, "REF"))
    out = Resolved("DATE", value, anchor="document" if ctx.dct else None)
    if ctx.dct is not None:
        if value in ("PRESENT_REF", "PAST_REF"):
            out.latest = ctx.dct
        if value in ("PRESENT_REF", "FUTURE_REF"):
            out.earliest = ctx.dct
    return out


def _relunit_kind(match: Match, ctx: Context) -> Resolved | None:
    unit = str(_v(match, "UNIT"))
    grain = _GRAIN_OF_UNIT.get(unit)
    if grain is None:
        return None
    latest = match.get("LATEST") is not None
    rel = int(_v(match, "REL", 0))
    if ctx.dct is None:
        return Resolved("DATE", {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}.get(rel, "PRESENT_REF"))
    if latest or (match.get("REL") is None and grain == "Q"):
        # "the latest quarter", "the quarter": the last one reported on, which has ended
        day = ctx.dct - dt.timedelta(days=45) if grain == "Q" else ctx.dct
        return _date(of_grain(day, grain), "document")
    point = of_grain(ctx.dct, grain)
    return _date(shift(point, unit, rel), "document")


def _week_of_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "the week of March 6": the ISO week holding that day (its year as a bare date would have it)."""
    if _v(match, "UNIT") != "W":
        return None
    month, day = int(_v(match, "MONTH")), int(_v(match, "DAYNUM"))
    year, anchor = _v(match, "YEAR"), None
    if year is None:
        year, anchor = _year_for(month, day, ctx)
        if year is None:
            return None
    point = _make_day(int(year), month, day)
    if point is None:
        return None
    return _date(of_grain(point.bounds()[0], "W"), anchor)


def _following_kind(match: Match, ctx: Context) -> Resolved | None:
    unit = str(_v(match, "UNIT"))
    grain = _GRAIN_OF_UNIT.get(unit)
    rel = int(_v(match, "FOLLOWING", _v(match, "THAT", 1)))
    if grain is None:
        return None
    if match.get("THAT") is not None and ctx.anchor is None:
        return None  # "that year" with no year before it
    if ctx.anchor is not None:
        _, point = ctx.anchor
        if ORDER.index(point.grain) < ORDER.index(grain):
            return None  # "the following day" after a year: which day is not known
        base = of_grain(point.bounds()[0], grain) if point.grain != grain else point
        return _date(shift(base, unit, rel), "timex")
    if ctx.dct is None:
        return None
    return _date(shift(of_grain(ctx.dct, grain), unit, rel), "document")


def _yearago_kind(match: Match, ctx: Context) -> Resolved | None:
    units = [str(s.value) for s in match.all("UNIT")]
    if len(units) == 2 and units[1] == "Y" and match.get("NUMBER") is not None:
        units = ["Y", units[0]]  # "the quarter a year ago" is "the year-ago quarter"
    if not units or units[0] != "Y":
        return None
    if ctx.period is not None:
        return _date(shift(ctx.period[1], "Y", -1), "period")
    if ctx.anchor is not None and ctx.anchor[1].grain in ("Q", "H", "M"):
        return _date(shift(ctx.anchor[1], "Y", -1), "timex")
    if ctx.dct is None:
        return Resolved("DATE", "PAST_REF")
    if len(units) > 1 and units[1] == "Q":
        return _date(shift(of_grain(ctx.dct - dt.timedelta(days=45), "Q"), "Y", -1), "document")
    return _date(Point(ctx.dct.year - 1), "document")


def _relmonth_kind(match: Match, ctx: Context) -> Resolved | None:
    month = int(_v(match, "MONTH"))
    rel = int(_v(match, "REL", 0))
    if ctx.dct is None:
        return _unknown_year(month, None)
    day = _v(match, "DAYNUM")
    if day is not None:
        return _relmonth_day(month, int(day), rel, ctx.dct)
    # "last September" said in October means the one a year before: the month just past is "last month"
    year = ctx.dct.year
    if rel < 0:
        year = year if month < ctx.dct.month - 1 else year - 1
    elif rel > 0:
        year = year if month > ctx.dct.month + 1 else year + 1
    return _date(Point(year, month), "document")


def _relmonth_day(month: int, day: int, rel: int, dct: dt.date) -> Resolved | None:
    """ "last Oct. 23": the latest such day before the document; "next" the first after; "this" its year's."""
    if rel == 0:
        point = _make_day(dct.year, month, day)
        return _date(point, "document") if point else None
    # four years each way, so that "last Feb. 29" finds the leap year before
    years = range(dct.year - 4, dct.year + 1) if rel < 0 else range(dct.year, dct.year + 5)
    days = [p for p in (_make_day(y, month, day) for y in years) if p is not None]
    if rel < 0:
        past = [p for p in days if p.bounds()[0] < dct]
        return _date(past[-1], "document") if past else None
    ahead = [p for p in days if p.bounds()[0] > dct]
    return _date(ahead[0], "document") if ahead else None


def _monthrel_kind(match: Match, ctx: Context) -> Resolved | None:
    if _v(match, "UNIT") != "Y":
        return None
    rel = int(_v(match, "REL", 0))
    month = _v(match, "MONTH")
    season = _v(match, "SEASON")
    day = _v(match, "DAYNUM")
    if ctx.dct is None:
        return None
    year = ctx.dct.year + rel
    if season is not None:
        return _date(Point(year, season=season), "document")
    if day is not None:
        point = _make_day(year, int(month), int(day))
        return _date(point, "document") if point else None
    return _date(Point(year, int(month)), "document")


def _relseason_kind(match: Match, ctx: Context) -> Resolved | None:
    season = str(_v(match, "SEASON"))
    rel = int(_v(match, "REL", 0))
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{season}")
    if rel == 0:
        return _date(Point(ctx.dct.year, season=season), "document")
    return _date(_season_near(season, ctx, rel), "document")


def _weekday_kind(match: Match, ctx: Context) -> Resolved | None:
    weekday = int(_v(match, "WEEKDAY"))
    rel = _v(match, "REL")
    part = _v(match, "PART")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    day = weekday_date(weekday, ctx.dct, None if rel is None else int(rel), ctx.tense)
    if part is not None:
        return Resolved("TIME", f"{day.isoformat()}T{part}", earliest=day, latest=day, anchor="document")
    return _date(of_day(day), "document")


def _following_day_kind(match: Match, ctx: Context) -> Resolved | None:
    """ "the previous Friday", "the following Monday": the weekday before or after the day last mentioned
    (the document's day when none was)."""
    rel = _v(match, "FOLLOWING", _v(match, "REL"))
    if rel not in (-1, 1):
        return None
    weekday = int(_v(match, "WEEKDAY"))
    if ctx.anchor is not None and ctx.anchor[1].grain == "D":
        base, anchor = ctx.anchor[1].bounds()[0], "timex"
    elif ctx.dct is not None:
        base, anchor = ctx.dct, "document"
    else:
        return None
    return _date(of_day(weekday_date(weekday, base, int(rel), None)), anchor)


def _weekend_kind(match: Match, ctx: Context) -> Resolved | None:
    rel = _v(match, "REL")
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    week = of_grain(ctx.dct, "W")
    if rel is not None:
        week = shift(week, "W", int(rel))
    elif ctx.tense == PAST and ctx.dct.isoweekday() < 6:
        week = shift(week, "W", -1)
    return _date(replace(week, weekend=True), "document")


def _relpart_kind(match: Match, ctx: Context) -> Resolved | None:
    part = str(_v(match, "PART"))
    rel = int(_v(match, "REL", 0))
    if rel > 0:
        return None
    if ctx.dct is None:
        return Resolved("TIME", f"XXXX-XX-XXT{part}")
    day = ctx.dct + dt.timedelta(days=rel)
    return Resolved("TIME", f"{day.isoformat()}T{part}", earliest=day, latest=day, anchor="document")


def _time_kind(match: Match, ctx: Context) -> Resolved | None:
    clock = _v(match, "CLOCK")
    noon = _v(match, "NOON")
    daypart = _v(match, "DAYPART")
    if daypart is not None:
        # "at dawn": the part of the day (TIMEX3 MO, EV), of the day named after it (the tagger
        # finds it) or else of the day of writing
        if ctx.dct is None:
            return Resolved("TIME", f"XXXX-XX-XXT{daypart}")
        day = ctx.dct
        return Resolved("TIME", f"{day.isoformat()}T{daypart}", earliest=day, latest=day, anchor="document")
    if clock is not None:
        hour, minute = clock
    elif noon is not None:
        hour, minute = (int(x) for x in str(noon).split(":"))
    else:
        hour, minute = int(_v(match, "NUM", -1)), 0
    ampm = _v(match, "AMPM")
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "PM" else 0)
    elif clock is None and noon is None:
        return None
    if not 0 <= hour <= 24:
        return None
    clock_text = f"T{hour:02d}:{minute:02d}"
    weekday = _v(match, "WEEKDAY")
    offset = _v(match, "DEICTIC")
    if ctx.dct is None:
        return Resolved("TIME", "XXXX-XX-XX" + clock_text)
    if weekday is not None:
        day = weekday_date(int(weekday), ctx.dct, None, ctx.tense)
    else:
        day = ctx.dct + dt.timedelta(days=int(offset or 0))
    return Resolved("TIME", day.isoformat() + clock_text, earliest=day, latest=day, anchor="document")
