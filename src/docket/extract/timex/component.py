"""The timex stage (spaCy component ``docket_timex``): find and normalise temporal expressions.

The grammar (:mod:`docket.extract.timex.grammar`) finds candidate expressions
over the tokens; this module checks their context (is "2014" a year or a count?
is "May" a month?), widens them with modifiers ("the end of", "more than") and
shifters ("ago", "later"), tells the tense of the clause, and has each resolved
(:mod:`docket.extract.timex.resolve`) against the publication date or the time
mentioned before. Works with or without a parser: with one, the tense comes from
the governing verb; without, from the nearest tense word before the expression.

The tagger's steps live beside it: :mod:`~docket.extract.timex.sieve` (is a match a time
expression here), :mod:`~docket.extract.timex.anchor` (the day a partial date falls on),
:mod:`~docket.extract.timex.story` (the time the story has reached) and
:mod:`~docket.extract.timex.tense` (the tense of the clause).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.common.state import char_spans, state, text_of, token_bounds
from docket.extract.timex.anchor import Anchor
from docket.extract.timex.base import Context, Resolved, period_length
from docket.extract.timex.grammar import Grammar, Match, Matcher, Piece, grammar, pieces_of
from docket.extract.timex.page import Page, slot_words
from docket.extract.timex.ranges import ranges_of
from docket.extract.timex.resolve import resolve, shifted
from docket.extract.timex.sieve import Sieve
from docket.extract.timex.spans import neighbour_unit
from docket.extract.timex.story import Story
from docket.extract.timex.tense import Tense
from docket.record import Timex
from docket.timex3 import Point

_MOD_THIRDS = {"START": 0, "MID": 1, "END": 2}


class Tagger:
    """Finds the timexes of a text: the engine behind the stage, usable on any spaCy Doc."""

    def __init__(self, gram: Grammar | None = None) -> None:
        self.gram = gram or grammar()
        self.sieve = Sieve(self.gram)
        self.anchor = Anchor(self.gram)
        self.story = Story(self.gram)
        self.tense = Tense(self.gram)
        g = self.gram
        self.document_anchored = g.words("document_anchored")
        self.span_duration_after = g.words("span_duration_after")
        self.nth_day_units = g.words("nth_day_units")

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
            self.story.follow_story(page, item, point, ctx)
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
            if not self.sieve.plausible(match, matcher, pieces):
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
        first, last, mod = self.sieve.widen(match, matcher, pieces)
        if first < floor:
            first, mod = match.first, None  # the modifier word belongs to the timex before
        before = pieces[first - 1].lower if first > 0 else ""
        # "before Friday's purchases": the word before governs the noun after the possessive, not the date
        signal = "" if matcher.has(last + 1, "POSS") else before
        if match.slots[0].cls == "DAYPART":
            signal = ""  # "before dawn on Tuesday": the word places the time in its day, not ahead
        ctx.tense = self.tense.tense(page, pieces[first].start, pieces[last].end, signal, match.kind)
        told = ctx
        ctx = self.story.told_time(page, pieces, first, last, match, ctx, signal)
        resolved = resolve(match, ctx)
        if resolved is None:
            return None
        if match.kind == "rangeday":
            found = self.anchor.range_day(matcher, pieces, match, first, ctx, count)
            told.pending = ctx.pending
            if found is None:
                return None
            resolved = found
        if match.kind == "nthday" and slot_words(pieces, match.slots[-1]) in self.nth_day_units:
            counted = self.anchor.nth_day(page, pieces, match, first, told)
            if counted is None and resolved.value == "XXXX-WXX":
                counted = Resolved("DURATION", "P1W")  # "in the second week alone": a week's length
            resolved = counted or resolved
        far = self.anchor.far_end_year(matcher, pieces, match, last, told)
        if far is not None and resolved.point is not None:
            resolved = _in_year(resolved, far[0])
            resolved.anchor = f"t{count + 2}"  # the range's other end, the next timex
            told.pending = (count, far[1])
        if match.kind == "time" and match.get("WEEKDAY") is None and match.get("DEICTIC") is None:
            day, last = self.anchor.day_after(matcher, pieces, last, ctx)
            named = None if day is not None else self.anchor.day_before(page, pieces[first].start, ctx)
            if named is not None and resolved.value[10:11] == "T":
                day, resolved.anchor = named[1], named[0]
            if day is not None and resolved.value[10:11] == "T":
                resolved.value = day.isoformat() + resolved.value[10:]
                resolved.earliest = resolved.latest = day
        if self.sieve.closes_period(match, pieces):
            resolved = period_length(match) or resolved
        else:
            resolved = self.anchor.quarter_ended(match, matcher, pieces, ctx) or resolved
        if match.kind == "span" and before not in self.span_duration_after:
            resolved = neighbour_unit(match, ctx) or resolved
        if resolved.type == "DURATION" and self.sieve.is_rate(match, pieces):
            resolved.type = "SET"  # "$300 billion a year", "twice a week"
        direction, last = self.anchor.shifter(match, matcher, pieces, last)
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

    # -- context checks -------------------------------------------------------------------------

    # -- tense -----------------------------------------------------------------------------------


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
            from docket.extract.common.counted import counted_dates

            found.counted = counted_dates(doc)
        char_spans(doc, "docket_timex", [(t.start, t.end, t.type) for t in found.timexes])
        return doc


@Language.factory("docket_timex", assigns=["doc._.docket"])
def make_timex_stage(nlp: Language, name: str) -> TimexStage:
    return TimexStage(nlp, name)
