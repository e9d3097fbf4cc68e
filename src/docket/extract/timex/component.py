"""The timex stage (spaCy component ``docket_timex``): find and normalise temporal expressions.

The grammar (:mod:`docket.extract.timex.grammar`) finds candidate expressions
over the tokens; this module checks their context (is "2014" a year or a count?
is "May" a month?), widens them with modifiers ("the end of", "more than") and
shifters ("ago", "later"), tells the tense of the clause, and has each resolved
(:mod:`docket.extract.timex.resolve`) against the publication date or the time
mentioned before. Works with or without a parser: with one, the tense comes from
the governing verb; without, from the nearest tense word before the expression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from docket.extract.common.state import char_spans, state, text_of, token_bounds
from docket.extract.timex.grammar import Grammar, Match, Matcher, Piece, Slot, grammar, pieces_of
from docket.extract.timex.ranges import ranges_of
from docket.extract.timex.resolve import (
    FUTURE,
    NEAREST,
    PAST,
    PROSPECTIVE,
    Context,
    Resolved,
    neighbour_unit,
    period_length,
    resolve,
    shifted,
)
from docket.record import Timex
from docket.timex3 import Point, of_grain

# Kinds whose value is a calendar date that modifiers like "the end of" / "late" can narrow.
_DATE_KINDS = frozenset(
    {
        "date",
        "part",
        "decade",
        "century",
        "relunit",
        "relmonth",
        "monthrel",
        "relseason",
        "following",
        "weekof",
        "holiday",
        "yearperiod",
        "latestperiod",
        "unitend",
    }
)
_MOD_THIRDS = {"START": 0, "MID": 1, "END": 2}


@dataclass(frozen=True)
class Page:
    """A Doc with what the tagger reads of it more than once (``Doc.text`` is rebuilt on each access)."""

    doc: Doc
    text: str
    parsed: bool


class Tagger:
    """Finds the timexes of a text: the engine behind the stage, usable on any spaCy Doc."""

    def __init__(self, gram: Grammar | None = None) -> None:
        self.gram = gram or grammar()
        g = self.gram
        self.not_year_after = g.words("not_year_after")
        self.not_year_before = g.words("not_year_before")
        self.year_cues = g.words("year_cues")
        self.ambiguous_months = g.words("ambiguous_months")
        self.first_names = g.words("month_first_names")
        self.age_owners = g.words("age_owners")
        self.noon_idioms = g.words("noon_idioms")
        self.daypart_signals = g.words("daypart_signals")
        self.day_time_links = g.words("day_time_links")
        self.fraction_units = g.words("fraction_units")
        self.det_units_not_before = g.words("det_units_not_before")
        self.spoken_hour_after = g.words("spoken_hour_after")
        self.singular_numbers = g.words("singular_numbers")
        self.fraction_determiners = g.words("fraction_determiners")
        self.title_openers = g.words("title_openers")
        self.date_only_units = g.words("date_only_units")
        self.month_context = g.words("month_context")
        self.ambiguous_units = g.words("ambiguous_units")
        self.document_anchored = g.words("document_anchored")
        self.bare_units_after = g.words("bare_units_after")
        self.not_duration_before = g.words("not_duration_before")
        self.det_unit_grains = g.words("det_unit_grains")
        self.future_words = frozenset(g.rules["tense_words"]["future"])
        self.past_words = frozenset(g.rules["tense_words"]["past"])
        self.past_suffixes = tuple(g.rules["tense_words"]["past_suffixes"])
        self.not_past = frozenset(g.rules["tense_words"]["not_past"])
        self.future_aux = g.words("future_aux")
        self.perfect_aux = g.words("perfect_aux")
        self.scheduled_verbs = g.words("scheduled_verbs")
        self.noun_modifier_deps = g.words("noun_modifier_deps")
        self.prospective_aux = g.words("prospective_aux")
        self.prospective_words = frozenset(g.rules["tense_words"]["prospective"])
        self.goal_signals = g.words("goal_signals")
        self.time_date_links = g.words("time_date_links")
        self.period_end_words = g.words("period_end_words")
        self.period_end_units = g.words("period_end_units")
        self.span_duration_after = g.words("span_duration_after")
        self.verb_markers = g.words("verb_markers")
        self.rate_articles = g.words("rate_articles")
        self.rate_after = g.words("rate_after")
        self.target_signals = g.words("target_signals")
        self.range_ends = g.words("range_ends")
        self.future_verbs = g.words("future_verbs")
        self.plan_verbs = g.words("plan_verbs")
        self.plan_preps = g.words("plan_preps")
        self.infinitive_marks = g.words("infinitive_marks")
        self.be_verbs = g.words("be_verbs")
        self.past_signals = g.words("past_signals")
        self.narrative_kinds = g.words("narrative_kinds")
        self.speech_time_words = g.words("speech_time_words")
        self.anaphoric_openers = g.words("anaphoric_openers")
        self.range_links = g.words("range_links")
        self.ordinal_range_openers = g.words("ordinal_range_openers")
        self.name_heads = g.words("name_heads")
        self.year_of_after = g.words("year_of_after")
        self.year_of_owners = g.words("year_of_owners")
        self.nth_day_links = g.words("nth_day_links")
        self.adverb_shifters = frozenset(g.rules["adverb_shifters"])
        self.nth_day_units = g.words("nth_day_units")
        self.present_copulas = g.words("present_copulas")
        self.jump_years = int(g.rules["story_jump_years"])
        self.present_forms = g.words("present_forms")
        self.near_years = int(g.rules["story_near_years"])
        self.near_kinds = frozenset({"weekday", "weekend", "time", "relpart"})
        low, high = g.rules["year_range"]
        self.year_range = (int(low), int(high))

    def tag(self, doc: Doc, dct: dt.date | None) -> list[Timex]:
        text = text_of(doc)
        page = Page(doc, text, doc.has_annotation("DEP"))
        pieces = pieces_of((text[a:b], a, a == 0 or text[a - 1].isspace()) for a, b in token_bounds(doc))
        matcher = Matcher(pieces, self.gram)
        ctx = Context(dct)
        out: list[Timex] = []
        i = floor = 0  # floor: the first piece not in a timex already found
        while i < len(pieces):
            found = self._best_at(page, matcher, pieces, i, ctx, len(out), floor)
            if found is None:
                i += 1
                continue
            item, last, point = found
            out.append(item)
            if ctx.pending is not None and ctx.pending[0] + 1 < len(out):
                # a first end that took its year from the range's far end names it, if that was found next
                at, k = ctx.pending
                if not item.start <= pieces[k].start < item.end:
                    out[at].anchor = None
                ctx.pending = None
            if item.type == "DATE" and point is not None and item.anchor in (None, "document"):
                ctx.anchor = (item.id, point)
                if point.grain in ("Q", "H"):
                    ctx.period = (item.id, point)
            self._follow_story(page, item, point, ctx)
            if item.earliest is not None and item.earliest == item.latest and item.type in ("DATE", "TIME"):
                ctx.days.append((item.id, item.start, item.end, item.earliest))
            i = floor = last + 1
        return out

    def _best_at(
        self,
        page: Page,
        matcher: Matcher,
        pieces: Sequence[Piece],
        i: int,
        ctx: Context,
        count: int,
        floor: int = 0,
    ) -> tuple[Timex, int, Point | None] | None:
        for match in matcher.candidates(i):
            if not self._plausible(match, matcher, pieces):
                continue
            try:
                made = self._make(page, matcher, pieces, match, ctx, count, floor)
            except (OverflowError, ValueError, IndexError, StopIteration):
                continue  # calendar arithmetic past year 1 or 9999: no such date
            if made is not None:
                return made
        return None

    def _make(
        self,
        page: Page,
        matcher: Matcher,
        pieces: Sequence[Piece],
        match: Match,
        ctx: Context,
        count: int,
        floor: int = 0,
    ) -> tuple[Timex, int, Point | None] | None:
        """The timex of one candidate match, or None when it does not resolve."""
        first, last, mod = self._widen(match, matcher, pieces)
        if first < floor:
            first, mod = match.first, None  # the modifier word belongs to the timex before
        before = pieces[first - 1].lower if first > 0 else ""
        # "before Friday's purchases": the word before governs the noun after the possessive, not the date
        signal = "" if matcher.has(last + 1, "POSS") else before
        if match.slots[0].cls == "DAYPART":
            signal = ""  # "before dawn on Tuesday": the word places the time in its day, not ahead
        ctx.tense = self._tense(page, pieces[first].start, pieces[last].end, signal, match.kind)
        told = ctx
        ctx = self._told_time(page, pieces, first, last, match, ctx, signal)
        resolved = resolve(match, ctx)
        if resolved is None:
            return None
        if match.kind == "rangeday":
            found = self._range_day(matcher, pieces, match, first, ctx, count)
            told.pending = ctx.pending
            if found is None:
                return None
            resolved = found
        if match.kind == "nthday" and _words(pieces, match.slots[-1]) in self.nth_day_units:
            counted = self._nth_day(page, pieces, match, first, told)
            if counted is None and resolved.value == "XXXX-WXX":
                counted = Resolved("DURATION", "P1W")  # "in the second week alone": a week's length
            resolved = counted or resolved
        far = self._far_end_year(matcher, pieces, match, last, told)
        if far is not None and resolved.point is not None:
            resolved = _in_year(resolved, far[0])
            resolved.anchor = f"t{count + 2}"  # the range's other end, the next timex
            told.pending = (count, far[1])
        if match.kind == "time" and match.get("WEEKDAY") is None and match.get("DEICTIC") is None:
            day, last = self._day_after(matcher, pieces, last, ctx)
            named = None if day is not None else self._day_before(page, pieces[first].start, ctx)
            if named is not None and resolved.value[10:11] == "T":
                day, resolved.anchor = named[1], named[0]
            if day is not None and resolved.value[10:11] == "T":
                resolved.value = day.isoformat() + resolved.value[10:]
                resolved.earliest = resolved.latest = day
        if self._closes_period(match, pieces):
            resolved = period_length(match) or resolved
        else:
            resolved = self._quarter_ended(match, matcher, pieces, ctx) or resolved
        if match.kind == "span" and before not in self.span_duration_after:
            resolved = neighbour_unit(match, ctx) or resolved
        if resolved.type == "DURATION" and self._is_rate(match, pieces):
            resolved.type = "SET"  # "$300 billion a year", "twice a week"
        direction, last = self._shifter(match, matcher, pieces, last)
        if direction is not None:
            word = " ".join(p.lower for p in pieces[match.last + 1 : last + 1])
            resolved = shifted(resolved, match, direction, ctx, word not in self.document_anchored)
            if mod not in (None, "APPROX"):
                mod = "BEFORE" if direction < 0 else "AFTER"
        if resolved.type == "DATE" and resolved.point is not None and resolved.earliest is None:
            resolved.earliest, resolved.latest = resolved.point.bounds()
        if mod is None:
            mod = resolved.mod  # a modifier the words themselves carry: "year-end"
        if mod is not None:
            _apply_mod(resolved, mod)
        start, end = pieces[first].start, pieces[last].end
        anchor = resolved.anchor
        if far is not None:
            pass  # the year of the range's far end
        elif ctx.narrative and ctx.ref is not None and anchor in ("document", "timex"):
            anchor = ctx.ref[0]  # resolved on the time the text tells about, not on the publication
        elif anchor == "timex" and ctx.anchor is not None:
            anchor = ctx.anchor[0]
        elif anchor == "period" and ctx.period is not None:
            anchor = ctx.period[0]
        timex = Timex(
            id=f"t{count + 1}",
            text=page.text[start:end],
            start=start,
            end=end,
            type=resolved.type,
            value=resolved.value,
            mod=resolved.mod,
            earliest=resolved.earliest,
            latest=resolved.latest,
            anchor=anchor,
        )
        if resolved.point is not None and not 1 <= resolved.point.year <= 9999:
            return None
        return timex, last, resolved.point

    def _told_in_present(self, page: Page, start: int) -> bool:
        """A present form before ``start`` in its sentence: "is", "are", "has" ..."""
        begin = max(page.text.rfind(".", 0, start), page.text.rfind("\n", 0, start), 0)
        return any(w.strip(",;:\"'()") in self.present_forms for w in page.text[begin:start].lower().split())

    @staticmethod
    def _before_word(page: Page, start: int) -> str:
        words = page.text[max(0, start - 24) : start].split()
        return words[-1].lower() if words else ""

    def _range_day(
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
        return self._month_told(matcher, match, pieces, first, j, day, ctx)

    def _month_told(
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

    def _nth_day(
        self, page: Page, pieces: Sequence[Piece], match: Match, first: int, ctx: Context
    ) -> Resolved | None:
        """ "the fifth day of the rebellion": the day named just before it, or the fifth from the day a
        sentence before gave the period's start."""
        start = pieces[first].start
        week = _words(pieces, match.slots[-1]) != "day"  # "the third week of talks"
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

    def _far_end_year(
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

    def _follow_story(self, page: Page, item: Timex, point: Point | None, ctx: Context) -> None:
        """Keep the reference time and the tally of what the text has told about so far.

        A date carrying its own year far from the year of writing is a time the text tells about;
        one in the years around the writing, or an expression resolved on the publication date, is
        the time of writing. The text is told from the past while it has said more of the first.
        """
        if ctx.dct is None:
            return
        aside = self._before_word(page, item.start) in self.past_signals  # "the largest since 1813"
        in_story = aside or (ctx.far > ctx.near and item.anchor == "document")
        if point is not None and ctx.ref is not None and item.anchor not in (None, "document"):
            # a look back from the story's time ("from the previous year") does not move it
            in_story = in_story or point.bounds()[1] < ctx.ref[1].bounds()[0]
        if point is not None and item.type != "DURATION" and point.grain not in ("CE", "DE") and not in_story:
            # the time the text now tells about (a story told of the past is not moved by a word of the
            # time of writing, "it is us today")
            ctx.ref = self._story_moves(ctx, (item.id, point), item.anchor is None)
        if item.anchor is None and point is not None and point.grain not in ("CE", "DE"):
            if abs(point.year - ctx.dct.year) > 1:
                ctx.far += 1
            else:
                ctx.near += 1
        elif item.anchor == "document":
            ctx.near += 1

    def _story_moves(self, ctx: Context, told: tuple[str, Point], own_year: bool) -> tuple[str, Point]:
        """The story's time after a date: a date carrying its own year decades away from the story is
        an aside ("documents found in 2004 proved ...") until a second date near it shows the story
        has moved there."""
        if not own_year or ctx.ref is None or ctx.far <= ctx.near:
            ctx.jump = None
            return told
        year = told[1].year
        if abs(year - ctx.ref[1].year) <= self.jump_years:
            ctx.jump = None
            return told
        if ctx.jump is not None and abs(year - ctx.jump[1].year) <= self.jump_years:
            ctx.jump = None
            return told
        ctx.jump = told
        return ctx.ref

    def _told_time(
        self,
        page: Page,
        pieces: Sequence[Piece],
        first: int,
        last: int,
        match: Match,
        ctx: Context,
        signal: str = "",
    ) -> Context:
        """The context to resolve a match against: the reference time of the narrative, or ``ctx`` itself.

        A text telling of another year than the one it was published in ("On 9 September 1914 ...
        On 7 August ...") anchors its underspecified dates on the time it tells about; words of the
        time of writing ("yesterday", "this year", "ago") and a clause looking ahead keep the publication
        date.
        """
        ref = ctx.ref
        start = pieces[first].start
        if (
            ref is None
            or ctx.dct is None
            or ctx.far <= ctx.near
            or match.kind not in self.narrative_kinds
            or ctx.tense == FUTURE
            # a plan or a modal in the present looks ahead of the time of writing; one told in the past
            # ("would follow him to the guillotine on 16 October") ahead of the story's time
            or (
                ctx.tense == PROSPECTIVE
                and signal not in self.goal_signals
                and self._told_in_present(page, start)
            )
        ):
            return ctx
        point = ref[1]
        low, high = point.bounds()
        if low.year - self.near_years <= ctx.dct.year <= high.year + self.near_years:
            # the text tells about the years it is written in: the publication date and the tense decide
            return ctx
        words = {p.lower for p in pieces[first : last + 2]}  # with the word after: "four years ago"
        # "the next day", "the previous April" ("the" may stand before the match)
        openers = {pieces[k].lower for k in (first - 1, first) if k >= 0}
        if words & self.speech_time_words and not openers & self.anaphoric_openers:
            return ctx
        day = low if point.grain == "D" else low + (high - low) / 2
        return Context(day, None, anchor=ref, period=ctx.period, ref=ref, narrative=True)

    # -- context checks -------------------------------------------------------------------------

    def _plausible(self, match: Match, matcher: Matcher, pieces: Sequence[Piece]) -> bool:
        before = pieces[match.first - 1].lower if match.first > 0 else ""
        after = pieces[match.last + 1].lower if match.last + 1 < len(pieces) else ""
        only = match.slots[0] if len(match.slots) == 1 else None
        if only is not None and only.cls == "YEAR":
            year = int(only.value)
            low, high = self.year_range
            if not low <= year <= high and before not in self.year_cues:
                return False
            if before in self.not_year_after:
                return False
            if after in self.not_year_before and before not in self.year_cues:
                return False
            if (
                after == ","
                and match.last + 2 < len(pieces)
                and pieces[match.last + 2].lower.isdigit()
                and not pieces[match.last + 2].space_before
            ):
                return False  # a figure written with a comma: 1,000,000 (but a list of years: "1994, 1995")
        for slot in match.slots:
            piece = pieces[slot.first]
            if slot.cls in ("MONTH", "WEEKDAY", "SEASON") and piece.lower in self.ambiguous_months:
                if slot.cls != "SEASON" and not piece.text[:1].isupper():
                    return False
                if self._is_verb(piece, slot.first, pieces):
                    return False
                if len(match.slots) == 1 and before not in self.month_context:
                    return False
                if (
                    len(match.slots) == 1
                    and piece.lower in self.first_names
                    and match.last + 1 < len(pieces)
                    and pieces[match.last + 1].text.istitle()
                    and not matcher.classes_at(match.last + 1)
                ):
                    return False  # a first name before a surname: "Hungary and Jan Kavan"
            if (
                slot.cls in ("UNIT", "UNITS")
                and slot.first > match.first
                and piece.text.istitle()
                and before in self.title_openers
            ):
                return False  # a quoted phrase with a capital unit is a title: "60 Minutes", "This Week"
            if slot.cls == "UNIT" and piece.lower in self.ambiguous_units:
                number = match.get("NUMBER")
                if number is None or not pieces[number.first].text.isdigit():
                    return False
        if match.kind == "date" and match.get("YEAR") is None and self._names_something(match, pieces):
            return False  # "the March 23 Movement", "6 October Square": a name, not a day
        if (
            only is not None
            and only.cls == "YEAR"
            and before in self.year_of_after
            and match.first > 1
            and pieces[match.first - 2].lower in self.year_of_owners
        ):
            return False  # "the Class of 2020": a name
        if match.kind == "rangeday" and before not in self.range_links and after not in self.range_links:
            return False  # a bare number is a day only at one end of a range
        if match.kind == "duration" and len(match.slots) == 1 and before not in self.bare_units_after:
            return False
        if match.kind == "duration" and (
            after in self.not_duration_before
            or (
                after == "-"
                and match.last + 2 < len(pieces)
                and (
                    pieces[match.last + 2].lower in self.not_duration_before
                    # "a year-earlier loss": the unit belongs to "year-earlier", the period a year before
                    or matcher.has(match.last + 2, "YEARAGO")
                )
            )
        ):
            return False
        if (
            match.kind == "relunit"
            and match.slots[0].cls == "DET"
            and len(match.slots) == 2
            and str(match.slots[1].value) not in self.det_unit_grains
        ):
            return False
        if match.kind in ("duration", "set", "span") and any(
            _words(pieces, slot) in self.date_only_units for slot in match.all("UNIT")
        ):
            return False  # "changed from a fiscal year to a calendar year": a kind of year, not a length
        if [slot.cls for slot in match.slots] == ["DET", "UNITS"] and (
            before not in self.bare_units_after
            or after in self.det_units_not_before
            or matcher.has(match.last + 1, "YEAR")
        ):
            return False  # "over the years" is a duration, "the years before the war" not on its own
        if (
            match.kind == "time"
            and " " in _words(pieces, match.get("AMPM") or match.slots[0])
            and before not in self.spoken_hour_after
        ):
            return False  # "3 in the morning" is an hour only after "at", "by" ... ("rose 3 in the morning")
        if match.get("AHEAD") is not None and matcher.has(match.last + 1, "OF"):
            return False  # "the days ahead of the vote" are the days before it, not from now on
        if match.slots[0].cls == "NOON" and before in self.noon_idioms:
            return False  # "high noon": a showdown, not twelve o'clock
        if match.slots[0].cls == "DAYPART" and (
            before not in self.daypart_signals or not pieces[match.first].text.islower()
        ):
            return False  # "Golden Dawn", "the dawn of a new era": no time of day
        if match.kind == "decade" and self._age_owner_before(match.first, matcher, pieces):
            return False  # "in his 30s", "in their early forties": an age
        number = match.get("NUMBER")
        if (
            number is not None
            and match.get("UNITS") is not None
            and _words(pieces, number) in self.singular_numbers
        ):
            return False  # "a decades-long battle": "a" goes with the noun, not with "decades"
        if match.kind == "duration" and number is not None and _is_year_like(pieces[number.first].text):
            return False  # "the 1988 quarter" names a year
        if match.get("HYPHEN") is not None and match.get("UNITS") is not None:
            return False  # "three-quarters" is a fraction
        if match.kind == "duration" and self._is_fraction(match, matcher, pieces):
            return False  # "a quarter of the market"
        return not (match.get("HYPHEN") is not None and after in ("-",) and match.kind == "duration")

    def _is_fraction(self, match: Match, matcher: Matcher, pieces: Sequence[Piece]) -> bool:
        """A count of a unit that is also a fraction, before "of" and a determiner: a share of something."""
        unit = match.get("UNITS") or match.get("UNIT")
        after = match.last + 2
        if (
            unit is None
            or str(unit.value) not in self.fraction_units
            or not matcher.has(match.last + 1, "OF")
            or after >= len(pieces)
            or pieces[after].lower not in self.fraction_determiners
        ):
            return False
        return not any(matcher.has(j, "UNIT") or matcher.has(j, "UNITS") for j in range(after, after + 3))

    def _names_something(self, match: Match, pieces: Sequence[Piece]) -> bool:
        """A day and month followed by the head of a name ("Movement", "Square"), with at most one
        capitalised word between: a capitalised head, or any after "the" ("the 8 March alliance")."""
        the = match.first > 0 and pieces[match.first - 1].lower in self.anaphoric_openers
        the = the or (match.slots[0].cls == "DET")
        end = match.last
        while end + 1 < len(pieces) and pieces[end + 1].text.isdigit():
            end += 1  # "March" of "March 23 Movement" when the whole was turned down
        for k in (end + 1, end + 2):
            if k >= len(pieces):
                return False
            piece = pieces[k]
            if piece.lower in self.name_heads and (piece.text[:1].isupper() or the):
                return True
            if not piece.text[:1].isupper() or not piece.text.isalpha():
                return False
        return False

    def _age_owner_before(self, i: int, matcher: Matcher, pieces: Sequence[Piece]) -> bool:
        """A possessive before piece ``i`` (past "early", "mid-"): the decade is of someone's life."""
        j = i - 1
        while j >= 0 and (matcher.has(j, "MODADJ") or matcher.has(j, "HYPHEN")):
            j -= 1
        return j >= 0 and pieces[j].lower in self.age_owners

    def _is_verb(self, piece: Piece, i: int, pieces: Sequence[Piece]) -> bool:
        """A lower-case "fall" after "to" or a modal, with a word after it: the verb ("to fall further")."""
        if not piece.text.islower() or i == 0 or pieces[i - 1].lower not in self.verb_markers:
            return False
        return i + 1 < len(pieces) and pieces[i + 1].text.isalpha()

    def _widen(self, match: Match, matcher: Matcher, pieces: Sequence[Piece]) -> tuple[int, int, str | None]:
        """Take in the modifier before a match: "the end of", "late", "mid-", "more than"."""
        first, mod = match.first, None
        if match.kind in _DATE_KINDS:
            start = _phrase_before(matcher, _skip_hyphen(matcher, first - 1), ("OF",))
            if start is not None:
                k = _skip_hyphen(matcher, start - 1)
                if k >= 0 and matcher.has(k, "MODNOUN"):
                    mod = _value(matcher, k, "MODNOUN")
                    first = k
                    if k > 0 and matcher.has(k - 1, "DET"):
                        first = k - 1
                    return first, match.last, mod
            k = first - 1
            if k >= 0 and matcher.has(k, "HYPHEN"):
                k -= 1
            if k >= 0 and matcher.has(k, "MODADJ") and pieces[k].end <= pieces[first].start:
                mod = _value(matcher, k, "MODADJ")
                first = k
                if k > 0 and matcher.has(k - 1, "DET") and match.kind == "decade":
                    first = k - 1
            return first, match.last, mod
        if match.kind in ("duration", "set", "span") and match.slots[0].cls in ("NUMBER", "EVERY"):
            for n in (3, 2, 1):
                k = first - n
                if k < 0:
                    continue
                for cls, value, used in matcher.classes_at(k):
                    if cls == "QMOD" and k + used == first:
                        return k, match.last, str(value)
        return first, match.last, mod

    def _is_rate(self, match: Match, pieces: Sequence[Piece]) -> bool:
        number = match.get("NUMBER")
        if match.kind != "duration" or number is None or pieces[number.first].lower not in self.rate_articles:
            return False
        before = pieces[match.first - 1].text.lower() if match.first > 0 else ""
        return before in self.rate_after or any(ch.isdigit() for ch in before)

    def _day_before(self, page: Page, start: int, ctx: Context) -> tuple[str, dt.date] | None:
        """The day named just before a time of day, and its timex: "on Friday at dawn", "Tuesday, at noon"."""
        if not ctx.days:
            return None
        tid, _, end, day = ctx.days[-1]
        between = page.text[end:start].lower().split()
        if end > start or len(between) > 2 or not all(w in self.day_time_links for w in between):
            return None
        return tid, day

    def _day_after(
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
        adjacent = self._day_at(matcher, j, ctx, ("date",))
        if adjacent is not None:
            return adjacent
        close = _aside_end(pieces, last + 1)
        if close is not None:
            # the same time in another zone between brackets: "10:35 a.m. (0735 GMT) Friday"
            j = close + 1
            if j < len(pieces) and pieces[j].lower in self.time_date_links:
                j += 1
            found = self._day_at(matcher, j, ctx, ("date", "weekday", "deictic"))
            # ... or the day the aside gives itself: "4 in the morning (4 a.m. EDT Thursday)"
            inside = (
                self._day_at(matcher, k, ctx, ("date", "weekday", "deictic")) for k in range(j - 1, last, -1)
            )
            found = found or next((day for day in inside if day is not None), None)
            return (found[0] if found else None), last
        for j in range(last + 1, min(last + 5, len(pieces))):
            if pieces[j].lower in self.time_date_links:
                found = self._day_at(matcher, j + 1, ctx, ("date", "weekday", "deictic"))
                return (found[0] if found else None), last
            if not pieces[j].text.isalpha():
                return None, last
        return None, last

    def _day_at(
        self, matcher: Matcher, j: int, ctx: Context, kinds: tuple[str, ...]
    ) -> tuple[dt.date, int] | None:
        """The calendar day an expression of one of ``kinds`` at piece ``j`` names, and its last piece."""
        for cand in matcher.candidates(j):
            if cand.kind in kinds:
                found = resolve(cand, ctx)
                if found is not None and found.point is not None and found.point.grain == "D":
                    return found.point.bounds()[0], cand.last
        return None

    def _closes_period(self, match: Match, pieces: Sequence[Piece]) -> bool:
        """ "the year ended March 31", "the quarter ending June 30": a period's length, not a date."""
        after = match.last + 1
        return (
            match.kind == "relunit"
            and len(match.slots) == 2
            and match.slots[0].cls == "DET"
            and after < len(pieces)
            and pieces[after].lower in self.period_end_words
            and str(match.slots[1].value) in self.period_end_units
        )

    def _quarter_ended(
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
        found = self._day_at(matcher, after + 1, ctx, ("date",))
        if found is None:
            return None
        point = of_grain(found[0] - dt.timedelta(days=45), "Q")
        return Resolved("DATE", point.value(), point=point, anchor="document")

    def _shifter(
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

    # -- tense -----------------------------------------------------------------------------------

    def _tense(self, page: Page, start: int, end: int, before: str, kind: str) -> str | None:
        span = page.doc.char_span(start, end, alignment_mode="expand") if page.parsed else None
        if span is not None:
            tense, _ = self._parsed_tense(span)
        else:
            tense = self._lexical_tense(page.text, start)
        if before in self.past_signals:
            return PAST
        if before in self.goal_signals and tense != PAST:
            # a deadline lies ahead: "by Sunday" is the coming one; "by Jan. 14" may have just passed
            return FUTURE if tense == FUTURE or kind in self.near_kinds else PROSPECTIVE
        if before in self.target_signals and tense == PAST:
            # a past change of a target ("extended it until Tuesday"): the target may lie ahead; but
            # "to" may close a range ("bought from Sept. 14 to Thursday"), so a weekday after it stays past
            return None if before in self.range_ends else NEAREST
        return tense

    def _parsed_tense(self, span: Span) -> tuple[str | None, bool]:
        """The tense of the verb governing ``span``, and whether it is a finite past form."""
        token = span.root
        verb = token
        for _ in range(8):
            if verb.head.i == verb.i:
                break
            if span.start <= verb.head.i < span.end:
                verb = verb.head
                continue
            head = verb.head
            if head.pos_ in ("NOUN", "PROPN") and verb.dep_ in self.noun_modifier_deps:
                return None, False  # part of a noun phrase: "the Aug. 31 date", "the deadline, May 19"
            verb = head
            if verb.pos_ in ("VERB", "AUX"):
                break
        if verb.pos_ not in ("VERB", "AUX") or span.start <= verb.i < span.end:
            return None, False
        climbed = False
        for _ in range(3):
            auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            words = {c.lower_ for c in auxes}
            if words & self.future_aux:
                return FUTURE, False
            lemma = verb.lemma_.lower()
            if lemma in self.plan_verbs or (climbed and lemma in self.future_verbs):
                return PROSPECTIVE, False  # "plans to leave in January", "agreed to withdraw by May"
            if (
                verb.dep_ == "acl"
                and verb.tag_ == "VBN"
                and lemma in self.future_verbs
                and any(c.lower_ in self.plan_preps for c in verb.children)
            ):
                return PROSPECTIVE, False  # a participle after its noun: "a summit set for (May in) April"
            if any(c.lemma_.lower() in self.perfect_aux for c in auxes):
                return PAST, any(c.tag_ == "VBD" for c in auxes)  # "had been cut", "to have left"
            if words & self.prospective_aux:
                if words <= self.infinitive_marks and verb.dep_ == "xcomp" and self._present_plan(verb.head):
                    return FUTURE, False  # "is scheduled to close Monday", "is to resume Tuesday"
                return PROSPECTIVE, False
            if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
                return PAST, True
            if verb.tag_ == "VBN" and not any(c.tag_ in ("VBZ", "VBP") for c in auxes):
                # a passive in the present ("the case is heard in May") is no past
                return PAST, False
            if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in self.scheduled_verbs:
                return FUTURE, False  # the present of a timetable: "takes office on Monday"
            finite = verb.tag_ in ("VBZ", "VBP", "MD")
            if not finite and verb.dep_ in ("xcomp", "advcl", "ccomp", "conj") and verb.head.i != verb.i:
                verb = verb.head
                climbed = True
                continue
            break
        return None, False

    def _present_plan(self, head: Token) -> bool:
        """A plan in the present tense governing an infinitive: "plans to", "is scheduled to", "is to"."""
        lemma = head.lemma_.lower()
        if lemma not in self.plan_verbs and lemma not in self.be_verbs:
            return False
        if head.tag_ in ("VBZ", "VBP"):
            return True
        return head.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in head.children
        )

    def _lexical_tense(self, text: str, start: int) -> str | None:
        begin = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), 0)
        window = [w.strip(",;:\"'()") for w in text[begin:start].lower().split()]
        for at in range(len(window) - 1, -1, -1):
            word = window[at]
            if word in self.future_words:
                return FUTURE
            if word in self.prospective_words:
                return PROSPECTIVE
            past = word in self.past_words or (
                len(word) >= 5 and word.endswith(self.past_suffixes) and word not in self.not_past
            )
            if past:
                # "will be held", "would have left": an auxiliary just before decides
                if any(w in self.future_words for w in window[max(0, at - 3) : at]):
                    return FUTURE
                if any(w in self.prospective_words for w in window[max(0, at - 3) : at]):
                    return PROSPECTIVE
                return PAST
        return None


def _aside_end(pieces: Sequence[Piece], j: int, longest: int = 6) -> int | None:
    """The closing bracket of an aside opening at piece ``j``, if it closes within a few pieces."""
    if j >= len(pieces) or pieces[j].text != "(":
        return None
    for k in range(j + 1, min(j + longest, len(pieces))):
        if pieces[k].text == ")":
            return k
    return None


def _words(pieces: Sequence[Piece], slot: Slot) -> str:
    """The lower-case words a slot covers, space separated."""
    return " ".join(p.lower for p in pieces[slot.first : slot.last + 1])


def _is_year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit()


def _skip_hyphen(matcher: Matcher, j: int) -> int:
    """``j``, or the piece before it when ``j`` is a hyphen ("end-of-September")."""
    return j - 1 if j >= 0 and matcher.has(j, "HYPHEN") else j


def _phrase_before(matcher: Matcher, j: int, classes: tuple[str, ...]) -> int | None:
    """Index of the piece before ``j + 1`` if it has one of ``classes`` (skipping a determiner)."""
    if j >= 0 and matcher.has(j, "DET"):
        j -= 1
    if j >= 0 and any(matcher.has(j, c) for c in classes):
        return j
    return None


def _value(matcher: Matcher, i: int, cls: str) -> str:
    for c, value, _ in matcher.classes_at(i):
        if c == cls:
            return str(value)
    return ""


def _day_point(year: int, month: int, day: int) -> Point | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return Point(year, month, day)


def _in_year(resolved: Resolved, year: int) -> Resolved:
    """The same month, day or season in another year."""
    assert resolved.point is not None
    point = replace(resolved.point, year=year)
    try:
        point.bounds()
    except ValueError:
        return resolved  # February 29 of a year that has none
    return Resolved(resolved.type, point.value(), mod=resolved.mod, point=point)


def _apply_mod(resolved: Resolved, mod: str) -> None:
    resolved.mod = mod
    if resolved.type != "DATE" or resolved.point is None or mod not in _MOD_THIRDS:
        return
    first, last = (
        resolved.earliest or resolved.point.bounds()[0],
        resolved.latest or resolved.point.bounds()[1],
    )
    days = (last - first).days + 1
    third = _MOD_THIRDS[mod]
    lo = first + dt.timedelta(days=days * third // 3)
    hi = first + dt.timedelta(days=days * (third + 1) // 3 - 1)
    resolved.earliest, resolved.latest = lo, max(lo, hi) if third < 2 else last


class TimexStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.tagger = Tagger()

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.timexes = self.tagger.tag(doc, found.published)
        found.ranges = ranges_of(text_of(doc), found.timexes)
        if doc.has_annotation("DEP"):
            from docket.extract.commitment.counted import counted_dates

            found.counted = counted_dates(doc)
        char_spans(doc, "docket_timex", [(t.start, t.end, t.type) for t in found.timexes])
        return doc


@Language.factory("docket_timex", assigns=["doc._.docket"])
def make_timex_stage(nlp: Language, name: str) -> TimexStage:
    return TimexStage(nlp, name)
