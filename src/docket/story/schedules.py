"""Public acts set for a day and moved: "the runoff is scheduled for December 11", "the council
decided to postpone the municipal elections until December", "Municipal elections have been
delayed to March 6".

Elections, their rounds and a handover of power are set by the state that holds them; news
follows their dates as it follows a promise's: set, moved again and again, held or not. A
sentence with one of the ``schedules.acts`` nouns of ``data/story.yaml`` and one of its ``cues``
(scheduled, take place, postponed, new date ...) gives, for each day it names after a ``targets``
word ("for", "on", "to", "until", "date of"), the act set for that day, held by the state the
article names most. A day left behind by the move ("from November 13, to a new date of November
6", "previously scheduled for January 3rd, ... postponed, to January 31") is no deadline; a
sentence that says the act will not happen on the day (``impossible``) says so of it. The story
merges these reports like any other commitment's: a later date moves the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from docket.story import text
from docket.story.endings import Dated, Page
from docket.story.model import CommitmentReport, When
from docket.story.rules import Schedules
from docket.timex3 import add_duration, add_months


def alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def any_of(phrases: tuple[str, ...], before: str = r"\b", after: str = r"\b") -> re.Pattern[str]:
    """One of the phrases, longest first, between ``before`` and ``after``: built once for each
    list of the data, not for each page (give a tuple; with no phrases, a pattern that never matches)."""
    return re.compile(rf"{before}(?:{alternation(phrases)}){after}" if phrases else r"(?!)")


def _ends_with(window: str, phrases: tuple[str, ...]) -> bool:
    return any_of(phrases, after=r"\W*$").search(window) is not None


def _has(sentence: str, phrases: tuple[str, ...]) -> bool:
    return any_of(phrases).search(sentence) is not None


def find_schedules(
    page: Page, words: Schedules | None, state: str | None, kinds: frozenset[str] = frozenset()
) -> list[CommitmentReport]:
    """The acts the page sets for a day (or says will not happen on it), as commitments of the
    state their sentence names, else of ``state`` (the state the article names most; with none,
    no act). ``kinds``: the words that tell one election from another (``kinds`` of
    ``data/story.yaml``)."""
    body, published = page.body, page.published
    if words is None or not words.acts or not body or state is None:
        return []  # an act no state holds is no one's to keep
    lowered = body.lower()
    acts = any_of(tuple(words.acts))
    wholes = tuple(a for a in words.acts if a not in words.parts)
    out: list[CommitmentReport] = []
    seen: set[tuple[int, int]] = set()
    for m in acts.finditer(lowered):
        left, right = text.sentence_bounds(body, m.start(), m.end())
        if (left, right) in seen:
            continue
        seen.add((left, right))
        sentence = lowered[left:right]
        missed = _has(sentence, words.missed)
        cued = missed or _has(sentence, words.cues)
        found = [
            a for a in acts.finditer(lowered, left, right) if not followed(lowered, a.end(), words, a.start())
        ]
        named, spans = outermost(found, lowered, left, right, words)
        if not named:
            continue
        # with no cue, only a day ahead right after the act's noun sets it ("the road to early elections
        # on September 18th", "she ordered a by-election for the 2nd of October")
        bare = [] if cued else _bare_days(page, lowered, named, words)
        if not (cued or bare):
            continue
        negative = _has(sentence, words.impossible)
        # the state whose act it is: the one its sentence names ("the electoral council of Haiti",
        # "the Lebanese election"), else the one the article names most
        holder = next((a for a in page.sentence(left, right)[1] if is_state(a)), state)
        days = _set_days(page, lowered, left, right, named, words, missed=missed) if cued else bare
        if not days:
            same = [c for c in out if c.action in _actions(named, words)]
            days = _put_off(page, lowered, left, right, words, same)
        for day in days:
            act = min(named, key=lambda a: _distance(lowered, a, day))
            head, tail = spans[act]
            obj = " ".join(body[head:tail].split())
            if act.group(0) in words.parts and not _has(lowered[head:tail], wholes):
                whole = _whole(body, lowered, acts, words, kinds)
                obj = f"{obj} ({whole})" if whole else obj
            out.append(
                CommitmentReport(
                    document=page.document,
                    published=published,
                    id=f"schedule{day.start}",
                    obligor=(holder,),
                    action=words.acts[act.group(0)],
                    object=obj,
                    deadline=When(
                        day.value, None, "DATE", day.earliest, day.latest, body[day.start : day.end]
                    ),
                    status="agreed",
                    polarity="negative" if negative else "positive",
                    start=left,
                    end=right,
                    text=body[left:right],
                )
            )
    return out


def followed(lowered: str, end: int, words: Schedules, start: int | None = None) -> bool:
    """Is the noun at ``end`` followed by words that make it no act ("round of talks"), or (from
    ``start``) preceded by one ("the chief executive")?"""
    after = lowered[end : end + 40]
    if any_of(words.not_after, before=r"\s+").match(after):
        return True
    before = lowered[max(0, start - 40) : start] if start is not None else ""
    return any_of(words.not_before, after=r"\s+$").search(before) is not None


def _whole(
    body: str, lowered: str, acts: re.Pattern[str], words: Schedules, kinds: frozenset[str]
) -> str | None:
    """The elections a round named alone belongs to ("the first round of voting"): the first the
    article names with a word of its kind ("Haiti's first presidential election"), else the first."""
    found: list[str] = []
    for a in acts.finditer(lowered):
        if a.group(0) in words.parts:
            continue
        head, tail = act_span(
            lowered, a.start(), a.end(), *text.sentence_bounds(body, a.start(), a.end()), words
        )
        said = " ".join(body[head:tail].split())
        if set(re.findall(r"\w+", said.lower())) & kinds:
            return said
        found.append(said)
    return found[0] if found else None


def _actions(named: list[re.Match[str]], words: Schedules) -> set[str]:
    return {words.acts[a.group(0)] for a in named}


def _put_off(
    page: Page, lowered: str, left: int, right: int, words: Schedules, earlier: list[CommitmentReport]
) -> list[Dated]:
    """The day a sentence puts an act off to by a span ("another six month delay", "postponed by
    three months"): that span after the day the article set the act for last (``earlier``: the
    acts it set before this sentence); none when it set none."""
    before = [c for c in earlier if c.start < left and c.deadline is not None and c.deadline.latest]
    if not before:
        return []
    last = before[-1].deadline
    assert last is not None and last.latest is not None
    for start, end, value in page.spans:
        if not left <= start < right:
            continue
        after = lowered[end:right]
        ahead = lowered[left:start]
        if not (
            (words.put_off_after and re.match(rf"\s*(?:{alternation(words.put_off_after)})\b", after))
            or _ends_with(ahead, words.put_off_before)
        ):
            continue
        day = add_duration(last.latest, value)
        if day is not None and (page.published is None or day > page.published):
            return [Dated(start, end, day, day, day.isoformat())]
    return []


def _bare_days(page: Page, lowered: str, named: list[re.Match[str]], words: Schedules) -> list[Dated]:
    """The days ahead of the report named right after an act's noun, after one of ``bare`` ("early
    elections on September 18th", "a by-election for the 2nd of October")."""
    if not words.bare or page.published is None:
        return []
    joined = any_of(words.bare, before=r"^\s+", after=r"\s+(?:the\s+)?$")
    return [
        d
        for d in page.days
        if d.latest > page.published
        and any(0 < d.start - a.end() <= 12 and joined.match(lowered[a.end() : d.start]) for a in named)
    ]


def _set_days(
    page: Page,
    lowered: str,
    left: int,
    right: int,
    named: list[re.Match[str]],
    words: Schedules,
    *,
    missed: bool = False,
) -> list[Dated]:
    """The days the sentence sets an act for: after a ``targets`` word (or right after the act's
    noun), ahead of the report, not the old day of a move. ``missed``: the sentence tells of a day
    the act was due and is past ("should have been held before last Thursday"): that day, too."""
    published = page.published
    days = sorted((d for d in page.days if left <= d.start < right), key=lambda d: d.start)
    targets = (*words.targets, *words.missed_targets) if missed else words.targets
    out: list[Dated] = []
    for i, day in enumerate(days):
        window = lowered[left : day.start]
        # "in a runoff election October 29th": a day right after the act's noun is its day too
        right_after = any(not lowered[a.end() : day.start].strip() for a in named if a.end() <= day.start)
        if not (_ends_with(window, targets) or right_after) or _ends_with(window, words.before):
            continue
        if missed:
            # the day of the missed words' own clause ("should have been held before last Thursday")
            told = re.search(rf"\b(?:{alternation(words.missed)})\b[^,;:.()\u2013\u2014-]{{0,30}}$", window)
            if told is not None and (published is None or day.latest <= published):
                out.append(day)
            continue
        if published is not None and day.latest <= published and _ends_with(window, words.ahead):
            day = _ahead(page, day) or day
        if published is not None and day.latest <= published:
            continue  # "On Tuesday the council said": the day of saying, not of the act
        # an earlier day the sentence moves away from: a later day it moves to, no act between
        later = days[i + 1 :]
        if any(
            _ends_with(lowered[left : nxt.start], words.moved_to)
            and not any(day.end <= a.start() < nxt.start for a in named)
            for nxt in later
        ):
            continue
        out.append(day)
    return out


def _ahead(page: Page, day: Dated) -> Dated | None:
    """A day of the month named without its year that the calendar placed in the past ("a new
    target date of the 8th of May has been set", in March): a date an act is moved to (after one of
    ``ahead``) lies ahead, so the same day of the next year, when that is within a year of the
    report."""
    said = page.body[day.start : day.end]
    if page.published is None or not re.search(r"\d", said) or re.search(r"\d{4}", said):
        return None  # a weekday, or a day with its year: the calendar's reading stands
    later = add_months(day.latest, 12)
    if not page.published < later <= add_months(page.published, 12):
        return None
    first = add_months(day.earliest, 12) if day.earliest is not None else None
    return Dated(day.start, day.end, later, first, later.isoformat() if first == later else day.value)


def _distance(lowered: str, act: re.Match[str], day: Dated) -> tuple[int, int]:
    """How far an act's noun is from a day: across a clause's punctuation first, then in characters."""
    lo, hi = (act.end(), day.start) if act.end() <= day.start else (day.end, act.start())
    return (int(bool(re.search(r"[,;:]", lowered[lo:hi]))), hi - lo)


def act_span(lowered: str, start: int, end: int, left: int, right: int, words: Schedules) -> tuple[int, int]:
    """Where the words naming the act lie: back to its determiner, on through one of ``joins``
    and words up to one of ``polls`` ("the runoff for the presidential election")."""
    head = _back(lowered, start, left, words)
    if not words.joins or not words.polls:
        return head, end
    more = _joined(words.joins, words.polls).match(lowered[end:right])
    return head, end + more.end() if more is not None else end


def outermost(
    acts: list[re.Match[str]], lowered: str, left: int, right: int, words: Schedules
) -> tuple[list[re.Match[str]], dict[re.Match[str], tuple[int, int]]]:
    """The acts of a sentence (``left``..``right``) that name an act of their own, and where the
    words naming each of ``acts`` lie (:func:`act_span`): a noun inside another's words names none
    ("the runoff for the presidential election", "the final round of voting")."""
    spans = {a: act_span(lowered, a.start(), a.end(), left, right, words) for a in acts}
    named = [a for a in acts if not any(b is not a and s <= a.start() < e for b, (s, e) in spans.items())]
    return named, spans


@cache
def _joined(joins: tuple[str, ...], polls: tuple[str, ...]) -> re.Pattern[str]:
    """'for the presidential election' after an act's noun: one of ``joins``, then up to one of ``polls``."""
    return re.compile(rf"\s+(?:{alternation(joins)})\s+[^,.;]{{0,50}}?\b(?:{alternation(polls)})\b")


def _back(lowered: str, start: int, left: int, words: Schedules) -> int:
    """Where the words before an act's noun that name it begin: its determiner, or the last of up
    to five words with no punctuation or ``stops`` word between ("a second (runoff) round")."""
    head, lo = start, max(left, start - 40)
    for w in reversed(list(re.finditer(r"[\w()'-]+", lowered[lo:start]))[-5:]):
        if lowered[lo + w.end() : head].strip(" ") or w.group(0) in words.stops:
            break  # punctuation or a word of another part of the sentence between
        head = lo + w.start()
        if w.group(0) in words.determiners:
            break
    return head


def is_state(actor: str) -> bool:
    return len(actor) == 3 and actor.isalpha() and actor.isupper()  # an ISO 3166-1 alpha-3 id


def state_of(counts: dict[str, int], first: dict[str, int] | None = None) -> str | None:
    """The state the article names most (an ISO 3166-1 alpha-3 id), if any; of two named as often,
    the one named first (``first``: actor -> offset of its first mention), else by id."""
    states = [(n, s) for s, n in counts.items() if is_state(s)]
    if not states:
        return None
    seen = first or {}
    return min(states, key=lambda x: (-x[0], seen.get(x[1], 10**9), x[1]))[1] if seen else max(states)[1]
