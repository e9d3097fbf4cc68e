"""The day a partial date falls on: ranges ("March 3-5"), the nth day, the far end of a year, the day
before or after an event, the end of a quarter, and shifters ("ago", "later").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docket.extract.timex.base import Context, Resolved
from docket.extract.timex.grammar import Grammar, Match, Matcher, Piece, grammar
from docket.extract.timex.page import Page, slot_words
from docket.extract.timex.resolve import resolve
from docket.timex3 import Point, of_grain


def _aside_end(pieces: Sequence[Piece], j: int, longest: int = 6) -> int | None:
    """The closing bracket of an aside opening at piece ``j``, if it closes within a few pieces."""
    if j >= len(pieces) or pieces[j].text != "(":
        return None
    for k in range(j + 1, min(j + longest, len(pieces))):
        if pieces[k].text == ")":
            return k
    return None


def _day_point(year: int, month: int, day: int) -> Point | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return Point(year, month, day)


class Anchor:
    """The day a partial date falls on."""

    def __init__(self, gram: Grammar) -> None:
        g = gram
        self.gram = g
        self.gram = gram or grammar()
        self.day_time_links = g.words("day_time_links")
        self.time_date_links = g.words("time_date_links")
        self.period_end_words = g.words("period_end_words")
        self.range_links = g.words("range_links")
        self.ordinal_range_openers = g.words("ordinal_range_openers")
        self.nth_day_links = g.words("nth_day_links")
        self.adverb_shifters = frozenset(g.rules["adverb_shifters"])
        self.present_copulas = g.words("present_copulas")

    def range_day(
        self, matcher: Matcher, pieces: Sequence[Piece], match: Match, first: int, ctx: Context, count: int
    ) -> Resolved | None:
        """A bare day at one end of a range, in the month (and year) of its other end: "March 5-9, 1918",
        "between October 21 and 31", "21–31 October"."""
        number = match.get("DAYNUM") or match.get("ORDNUM")
        if number is None:
            return None
        day = int(number.value)
        year_slot = match.get("YEAR")
        if first >= 2 and pieces[first - 1].lower in self.range_links and ctx.days:
            tid, _, end, other = ctx.days[-1]
            if end == pieces[first - 2].end:
                year = int(year_slot.value) if year_slot is not None else other.year
                point = _day_point(year, other.month, day)
                if point is None:
                    return None
                return Resolved("DATE", point.value(), point=point, anchor=None if year_slot else tid)
        j = match.last + 1
        if year_slot is not None or j + 1 >= len(pieces) or pieces[j].lower not in self.range_links:
            return None
        for cand in matcher.candidates(j + 1):
            if cand.kind != "date" or cand.get("MONTH") is None:
                continue
            if cand.get("DAYNUM") is None and cand.get("ORDNUM") is None:
                continue
            found = resolve(cand, ctx)
            if found is None or found.point is None or found.point.month is None:
                return None
            point = _day_point(found.point.year, found.point.month, day)
            if point is None:
                return None
            ctx.pending = (count, j + 1)
            return Resolved("DATE", point.value(), point=point, anchor=f"t{count + 2}")
        return self.month_told(matcher, match, pieces, first, j, day, ctx)

    def month_told(
        self,
        matcher: Matcher,
        match: Match,
        pieces: Sequence[Piece],
        first: int,
        j: int,
        day: int,
        ctx: Context,
    ) -> Resolved | None:
        """ "between the 21st and the 31st" with no month named at either end: the month the text named
        last ("The vote is due in October, between the 21st and the 31st")."""
        if match.get("ORDNUM") is None or match.slots[0].cls != "DET" or ctx.anchor is None or first < 1:
            return None  # "the 21st": a bare "2nd" is a rank ("finished between 2nd and 5th")
        if pieces[first - 1].lower not in self.ordinal_range_openers:
            return None
        if not any(c.kind == "rangeday" and c.get("ORDNUM") is not None for c in matcher.candidates(j + 1)):
            return None
        tid, told = ctx.anchor
        if told.month is None:
            return None
        point = _day_point(told.year, told.month, day)
        return None if point is None else Resolved("DATE", point.value(), point=point, anchor=tid)

    def nth_day(
        self, page: Page, pieces: Sequence[Piece], match: Match, first: int, ctx: Context
    ) -> Resolved | None:
        """ "the fifth day of the rebellion": the day named just before it, or the fifth from the day a
        sentence before gave the period's start."""
        start = pieces[first].start
        week = slot_words(pieces, match.slots[-1]) != "day"  # "the third week of talks"
        if ctx.days and not week:
            tid, _, end, day = ctx.days[-1]
            between = page.text[end:start].split()
            if len(between) <= 1 and all(w.lower() in self.nth_day_links for w in between):
                return Resolved("DATE", day.isoformat(), earliest=day, latest=day, anchor=tid)
        before = pieces[first - 1].lower if first > 0 else ""
        if before in self.present_copulas and ctx.dct is not None and not ctx.narrative and not week:
            # "it's the second day of an offensive": today
            return Resolved("DATE", ctx.dct.isoformat(), earliest=ctx.dct, latest=ctx.dct, anchor="document")
        n = match.get("ORDINAL")
        j = match.last + 1
        if n is None or j + 2 >= len(pieces) or pieces[j].lower != "of":
            return None
        noun = pieces[j + 2].lower if pieces[j + 1].lower == "the" else pieces[j + 1].lower
        for tid, begin, end, day in reversed(ctx.days):
            sentence_start = page.text.rfind(".", 0, begin) + 1
            sentence_end = page.text.find(".", end)
            sentence = page.text[sentence_start : sentence_end if sentence_end >= 0 else len(page.text)]
            if sentence_end < start and noun in sentence.lower().split():
                if week:  # the n-th seven days from the start, named by the ISO week of its first day
                    first_day = day + dt.timedelta(days=7 * (int(n.value) - 1))
                    year, number, _ = first_day.isocalendar()
                    return Resolved(
                        "DATE",
                        f"{year}-W{number:02d}",
                        earliest=first_day,
                        latest=first_day + dt.timedelta(days=6),
                        anchor=tid,
                    )
                counted = day + dt.timedelta(days=int(n.value) - 1)
                return Resolved("DATE", counted.isoformat(), earliest=counted, latest=counted, anchor=tid)
        return None

    def far_end_year(
        self, matcher: Matcher, pieces: Sequence[Piece], match: Match, last: int, ctx: Context
    ) -> tuple[int, int] | None:
        """The year a range or a pair of dates gives at its far end, for a first end said without one.

        "from May 15 to August 16, 1988", "(February-March 1794)", "in August and September 1914",
        "between March 5-9, 1918": (that year, moved back one when the range crosses a new year; the
        first piece of the far end).
        """
        if match.kind != "date" or match.get("YEAR") is not None or match.get("DATESLASH") is not None:
            return None
        month = match.get("MONTH")
        j = last + 1
        if month is None or j >= len(pieces) or pieces[j].lower not in self.range_links:
            return None
        for k in range(j + 1, min(j + 4, len(pieces))):
            for cand in matcher.candidates(k):
                if cand.kind != "date" or cand.get("YEAR") is None:
                    continue
                year = int(cand.get("YEAR").value)  # type: ignore[union-attr]
                other = cand.get("MONTH")
                if other is not None and int(other.value) < int(month.value):
                    year -= 1  # "November 15 to February 15, 1989" begins in 1988
                return year, k
            if not (pieces[k].lower.isdigit() or pieces[k].lower == ","):
                return None
        return None

    def day_before(self, page: Page, start: int, ctx: Context) -> tuple[str, dt.date] | None:
        """The day named just before a time of day, and its timex: "on Friday at dawn", "Tuesday, at noon"."""
        if not ctx.days:
            return None
        tid, _, end, day = ctx.days[-1]
        between = page.text[end:start].lower().split()
        if end > start or len(between) > 2 or not all(w in self.day_time_links for w in between):
            return None
        return tid, day

    def day_after(
        self, matcher: Matcher, pieces: Sequence[Piece], last: int, ctx: Context
    ) -> tuple[dt.date | None, int]:
        """The day named just after a clock time, and the last piece of the expression.

        A day right after the time (or after a comma) belongs to the expression
        ("5 p.m. EST, Nov. 6"); one after a link word only gives the time its day
        ("23:00 local time on July 7").
        """
        j = last + 1
        if j < len(pieces) and pieces[j].lower == ",":
            j += 1
        adjacent = self.day_at(matcher, j, ctx, ("date",))
        if adjacent is not None:
            return adjacent
        close = _aside_end(pieces, last + 1)
        if close is not None:
            # the same time in another zone between brackets: "10:35 a.m. (0735 GMT) Friday"
            j = close + 1
            if j < len(pieces) and pieces[j].lower in self.time_date_links:
                j += 1
            found = self.day_at(matcher, j, ctx, ("date", "weekday", "deictic"))
            # ... or the day the aside gives itself: "4 in the morning (4 a.m. EDT Thursday)"
            inside = (
                self.day_at(matcher, k, ctx, ("date", "weekday", "deictic")) for k in range(j - 1, last, -1)
            )
            found = found or next((day for day in inside if day is not None), None)
            return (found[0] if found else None), last
        for j in range(last + 1, min(last + 5, len(pieces))):
            if pieces[j].lower in self.time_date_links:
                found = self.day_at(matcher, j + 1, ctx, ("date", "weekday", "deictic"))
                return (found[0] if found else None), last
            if not pieces[j].text.isalpha():
                return None, last
        return None, last

    def day_at(
        self, matcher: Matcher, j: int, ctx: Context, kinds: tuple[str, ...]
    ) -> tuple[dt.date, int] | None:
        """The calendar day an expression of one of ``kinds`` at piece ``j`` names, and its last piece."""
        for cand in matcher.candidates(j):
            if cand.kind in kinds:
                found = resolve(cand, ctx)
                if found is not None and found.point is not None and found.point.grain == "D":
                    return found.point.bounds()[0], cand.last
        return None

    def quarter_ended(
        self, match: Match, matcher: Matcher, pieces: Sequence[Piece], ctx: Context
    ) -> Resolved | None:
        """ "the quarter ended July 31": the calendar quarter most of the three months to that day fall in."""
        after = match.last + 1
        if (
            match.kind != "relunit"
            or [s.cls for s in match.slots] != ["DET", "UNIT"]
            or match.slots[1].value != "Q"
            or after >= len(pieces)
            or pieces[after].lower not in self.period_end_words
        ):
            return None
        found = self.day_at(matcher, after + 1, ctx, ("date",))
        if found is None:
            return None
        point = of_grain(found[0] - dt.timedelta(days=45), "Q")
        return Resolved("DATE", point.value(), point=point, anchor="document")

    def shifter(
        self, match: Match, matcher: Matcher, pieces: Sequence[Piece], last: int
    ) -> tuple[int | None, int]:
        """ "ago", "later", "earlier" after a duration: (direction, new last piece)."""
        vague_phrase = match.kind == "fixed" and "X" in str(match.slots[0].value)  # "a while ago"
        if (match.kind != "duration" and not vague_phrase) or last + 1 >= len(pieces):
            return None, last
        for cls, value, used in matcher.classes_at(last + 1):
            if cls == "AGO":
                return int(value), last + used
        word = pieces[last + 1].lower
        closes = last + 2 >= len(pieces) or not any(ch.isalnum() for ch in pieces[last + 2].text)
        if word in self.adverb_shifters and closes:
            # "Two years before, the French had refused": before the story's time, as "earlier"
            return int(self.gram.rules["adverb_shifters"][word]), last + 1
        return None, last
