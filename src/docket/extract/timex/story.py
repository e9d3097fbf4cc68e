"""The time a story has reached: each resolved date moves it, and a later expression is read against it
when the text tells of then rather than now.
"""

from __future__ import annotations

from collections.abc import Sequence

from docket.extract.timex.base import FUTURE, PROSPECTIVE, Context
from docket.extract.timex.grammar import Grammar, Match, Piece
from docket.extract.timex.page import Page
from docket.record import Timex
from docket.timex3 import Point


class Story:
    """The time a story has reached."""

    def __init__(self, gram: Grammar) -> None:
        g = gram
        self.gram = g
        self.goal_signals = g.words("goal_signals")
        self.past_signals = g.words("past_signals")
        self.narrative_kinds = g.words("narrative_kinds")
        self.speech_time_words = g.words("speech_time_words")
        self.anaphoric_openers = g.words("anaphoric_openers")
        self.jump_years = int(g.rules["story_jump_years"])
        self.present_forms = g.words("present_forms")
        self.near_years = int(g.rules["story_near_years"])

    def follow_story(self, page: Page, item: Timex, point: Point | None, ctx: Context) -> None:
        """Keep the reference time and the tally of what the text has told about so far.

        A date carrying its own year far from the year of writing is a time the text tells about;
        one in the years around the writing, or an expression resolved on the publication date, is
        the time of writing. The text is told from the past while it has said more of the first.
        """
        if ctx.dct is None:
            return
        aside = self.before_word(page, item.start) in self.past_signals  # "the largest since 1813"
        in_story = aside or (ctx.far > ctx.near and item.anchor == "document")
        if point is not None and ctx.ref is not None and item.anchor not in (None, "document"):
            # a look back from the story's time ("from the previous year") does not move it
            in_story = in_story or point.bounds()[1] < ctx.ref[1].bounds()[0]
        if point is not None and item.type != "DURATION" and point.grain not in ("CE", "DE") and not in_story:
            # the time the text now tells about (a story told of the past is not moved by a word of the
            # time of writing, "it is us today")
            ctx.ref = self.story_moves(ctx, (item.id, point), item.anchor is None)
        if item.anchor is None and point is not None and point.grain not in ("CE", "DE"):
            if abs(point.year - ctx.dct.year) > 1:
                ctx.far += 1
            else:
                ctx.near += 1
        elif item.anchor == "document":
            ctx.near += 1

    def story_moves(self, ctx: Context, told: tuple[str, Point], own_year: bool) -> tuple[str, Point]:
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

    def told_time(
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
                and self.told_in_present(page, start)
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

    def told_in_present(self, page: Page, start: int) -> bool:
        """A present form before ``start`` in its sentence: "is", "are", "has" ..."""
        begin = max(page.text.rfind(".", 0, start), page.text.rfind("\n", 0, start), 0)
        return any(w.strip(",;:\"'()") in self.present_forms for w in page.text[begin:start].lower().split())

    @staticmethod
    def before_word(page: Page, start: int) -> str:
        words = page.text[max(0, start - 24) : start].split()
        return words[-1].lower() if words else ""
