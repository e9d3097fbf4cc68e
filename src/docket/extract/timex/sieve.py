"""Which matches of the grammar are time expressions in their context (is "2014" a year or a count? is
"May" a month?), and how far modifiers widen them.
"""

from __future__ import annotations

from collections.abc import Sequence

from docket.extract.timex.grammar import Grammar, Match, Matcher, Piece
from docket.extract.timex.page import slot_words

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


class Sieve:
    """Which matches of the grammar are time expressions in their context."""

    def __init__(self, gram: Grammar) -> None:
        g = gram
        self.gram = g
        self.not_year_after = g.words("not_year_after")
        self.not_year_before = g.words("not_year_before")
        self.year_cues = g.words("year_cues")
        self.ambiguous_months = g.words("ambiguous_months")
        self.first_names = g.words("month_first_names")
        self.age_owners = g.words("age_owners")
        self.noon_idioms = g.words("noon_idioms")
        self.daypart_signals = g.words("daypart_signals")
        self.fraction_units = g.words("fraction_units")
        self.det_units_not_before = g.words("det_units_not_before")
        self.spoken_hour_after = g.words("spoken_hour_after")
        self.singular_numbers = g.words("singular_numbers")
        self.fraction_determiners = g.words("fraction_determiners")
        self.title_openers = g.words("title_openers")
        self.date_only_units = g.words("date_only_units")
        self.month_context = g.words("month_context")
        self.ambiguous_units = g.words("ambiguous_units")
        self.bare_units_after = g.words("bare_units_after")
        self.not_duration_before = g.words("not_duration_before")
        self.det_unit_grains = g.words("det_unit_grains")
        self.period_end_words = g.words("period_end_words")
        self.period_end_units = g.words("period_end_units")
        self.verb_markers = g.words("verb_markers")
        self.rate_articles = g.words("rate_articles")
        self.rate_after = g.words("rate_after")
        self.anaphoric_openers = g.words("anaphoric_openers")
        self.range_links = g.words("range_links")
        self.name_heads = g.words("name_heads")
        self.year_of_after = g.words("year_of_after")
        self.year_of_owners = g.words("year_of_owners")
        low, high = g.rules["year_range"]
        self.year_range = (int(low), int(high))

    def plausible(self, match: Match, matcher: Matcher, pieces: Sequence[Piece]) -> bool:
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
                if self.is_verb(piece, slot.first, pieces):
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
        if match.kind == "date" and match.get("YEAR") is None and self.names_something(match, pieces):
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
            slot_words(pieces, slot) in self.date_only_units for slot in match.all("UNIT")
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
            and " " in slot_words(pieces, match.get("AMPM") or match.slots[0])
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
        if match.kind == "decade" and self.age_owner_before(match.first, matcher, pieces):
            return False  # "in his 30s", "in their early forties": an age
        number = match.get("NUMBER")
        if (
            number is not None
            and match.get("UNITS") is not None
            and slot_words(pieces, number) in self.singular_numbers
        ):
            return False  # "a decades-long battle": "a" goes with the noun, not with "decades"
        if match.kind == "duration" and number is not None and _is_year_like(pieces[number.first].text):
            return False  # "the 1988 quarter" names a year
        if match.get("HYPHEN") is not None and match.get("UNITS") is not None:
            return False  # "three-quarters" is a fraction
        if match.kind == "duration" and self.is_fraction(match, matcher, pieces):
            return False  # "a quarter of the market"
        return not (match.get("HYPHEN") is not None and after in ("-",) and match.kind == "duration")

    def is_fraction(self, match: Match, matcher: Matcher, pieces: Sequence[Piece]) -> bool:
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

    def names_something(self, match: Match, pieces: Sequence[Piece]) -> bool:
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

    def age_owner_before(self, i: int, matcher: Matcher, pieces: Sequence[Piece]) -> bool:
        """A possessive before piece ``i`` (past "early", "mid-"): the decade is of someone's life."""
        j = i - 1
        while j >= 0 and (matcher.has(j, "MODADJ") or matcher.has(j, "HYPHEN")):
            j -= 1
        return j >= 0 and pieces[j].lower in self.age_owners

    def is_verb(self, piece: Piece, i: int, pieces: Sequence[Piece]) -> bool:
        """A lower-case "fall" after "to" or a modal, with a word after it: the verb ("to fall further")."""
        if not piece.text.islower() or i == 0 or pieces[i - 1].lower not in self.verb_markers:
            return False
        return i + 1 < len(pieces) and pieces[i + 1].text.isalpha()

    def widen(self, match: Match, matcher: Matcher, pieces: Sequence[Piece]) -> tuple[int, int, str | None]:
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

    def is_rate(self, match: Match, pieces: Sequence[Piece]) -> bool:
        number = match.get("NUMBER")
        if match.kind != "duration" or number is None or pieces[number.first].lower not in self.rate_articles:
            return False
        before = pieces[match.first - 1].text.lower() if match.first > 0 else ""
        return before in self.rate_after or any(ch.isdigit() for ch in before)

    def closes_period(self, match: Match, pieces: Sequence[Piece]) -> bool:
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
