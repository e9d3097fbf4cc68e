"""Votes reported held: "the run-off vote held on October 29", "early returns in the legislative
election", "the final round of voting has ended".

A state's election is kept when the vote takes place, and news says so in words no event verb
names. A sentence with one of the ``schedules.held`` words of ``data/story.yaml`` (held, took
place, has ended, early returns ...) and an act noun (``schedules.acts``) tells of that act done:
on the day named right after the word, else by the day of the report; one with a ``voted`` word
("turned out to vote") tells of the vote itself, the act the article named last if the sentence
names none. Not when one of ``unreal`` stands just before the word
("should have been held", "to be held", "will be held"): that is a plan, not a deed.

Such a report fulfils the open commitment of its state (named in the sentence, else one the
article names, else the story's; an article that names no state, any) to hold an act of the
same kind (``kinds``: a first round is not the
runoff, a referendum is not an election) whose deadline lies near the vote's day: within
``days.held_near`` of it when the report gives the day; at most ``days.held_after`` before
the report when it does not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from docket.story import text
from docket.story.endings import Dated, Page
from docket.story.merge import NEGATIVE, day_or_early
from docket.story.model import EventReport, Fulfilment, MergedCommitment, When
from docket.story.rules import Rules, Schedules
from docket.story.schedules import act_span, any_of, followed, is_state, outermost

HELD = "HELD"  # the type of the events this module reads: votes reported held


def find_held(page: Page, rules: Rules, states: tuple[str, ...]) -> list[EventReport]:
    """The acts the page reports held, as events of the states that may hold them (``states``:
    those the article names, when the sentence names none)."""
    words = rules.schedules
    body, published = page.body, page.published
    if words is None or not words.held or not words.acts or not body or published is None:
        return []
    lowered = body.lower()
    held = any_of((*words.held, *words.voted))
    acts = any_of(tuple(words.acts))
    named = [a for a in acts.finditer(lowered) if not followed(lowered, a.end(), words, a.start())]
    unreal = any_of(words.unreal, after=r"\W+$") if words.unreal else None
    out: list[EventReport] = []
    seen: set[tuple[int, int]] = set()
    for told, day in _of_its_day(page, lowered, named, words):
        # "today's election", "Sunday's presidential vote", the day past: the vote took place then
        left, right = text.sentence_bounds(body, told.start(), told.end())
        if (left, right) in seen:
            continue
        seen.add((left, right))
        head, tail = act_span(lowered, told.start(), told.end(), left, right, words)
        obj = " ".join(body[head:tail].split())
        out.append(_vote(page, told, left, right, words.acts[told.group(0)], obj, states, rules, on=day))
    for m in held.finditer(lowered):
        left, right = text.sentence_bounds(body, m.start(), m.end())
        if (left, right) in seen:
            continue
        if unreal is not None and unreal.search(lowered[max(left, m.start() - 30) : m.start()]):
            continue  # "should have been held", "to be held": a plan
        inside = [a for a in named if left <= a.start() < right]
        inside, _spans = outermost(inside, lowered, left, right, words)
        before = [a for a in named if a.start() < left]
        # a sentence that does not name the act may still tell of the vote itself ("voters turned
        # out"): the act is the last one the article named
        last = before[-1] if before and m.group(0) in words.voted else None
        act = min(inside, key=lambda a: abs(a.start() - m.start())) if inside else last
        if act is None:
            continue
        seen.add((left, right))
        a_left, a_right = text.sentence_bounds(body, act.start(), act.end())
        head, tail = act_span(lowered, act.start(), act.end(), a_left, a_right, words)
        obj = " ".join(body[head:tail].split())
        # the day named right after the held word, or after another in the sentence ("early returns
        # in the election held on May 4")
        on = next(
            (
                d.latest
                for h in held.finditer(lowered, m.start(), right)
                if (d := page.day_after(h.end(), right, 12)) is not None
            ),
            None,
        )
        if on is not None and on > published:
            continue  # a day still ahead: set, not held
        out.append(_vote(page, m, left, right, words.acts[act.group(0)], obj, states, rules, on=on))
    return out


def find_called_off(page: Page, rules: Rules, states: tuple[str, ...]) -> list[EventReport]:
    """The acts the page reports called off ("the junta cancelled the presidential election", "the
    runoff was called off"), as negative events of the states that would have held them: a
    ``called_off`` word and an act noun in one clause, not after one of ``not_called_off`` ("may be
    cancelled"). Its time: the day its sentence names by the report's day ("in 2006 ... cancelled
    the upcoming elections"), else the report's."""
    words = rules.schedules
    body, published = page.body, page.published
    if words is None or not words.called_off or not words.acts or not body or published is None:
        return []
    lowered = body.lower()
    cue = any_of(words.called_off)
    if cue.search(lowered) is None:
        return []
    acts = any_of(tuple(words.acts))
    unreal = any_of(words.not_called_off, after=r"\W+$") if words.not_called_off else None
    out: list[EventReport] = []
    for m in cue.finditer(lowered):
        if unreal is not None and unreal.search(lowered[max(0, m.start() - 30) : m.start()]):
            continue
        left, right = text.sentence_bounds(body, m.start(), m.end())
        found = [
            a for a in acts.finditer(lowered, left, right) if not followed(lowered, a.end(), words, a.start())
        ]
        named, _spans = outermost(found, lowered, left, right, words)
        # the act the cue calls off: in its clause, right after it or told before it in the passive
        near = [
            a
            for a in named
            if not re.search(r"[,;:]", lowered[min(a.end(), m.end()) : max(a.start(), m.start())])
        ]
        if not near:
            continue
        act = min(near, key=lambda a: abs(a.start() - m.start()))
        a_left, a_right = text.sentence_bounds(body, act.start(), act.end())
        head, tail = act_span(lowered, act.start(), act.end(), a_left, a_right, words)
        obj = " ".join(body[head:tail].split())
        said = [d for d in page.days if left <= d.start < right and d.latest <= published]
        when = min(said, key=lambda d: abs(d.start - m.start())) if said else None
        out.append(
            _vote(
                page, m, left, right, words.acts[act.group(0)], obj, states, rules, called_off=True, off=when
            )
        )
    return out


def _vote(
    page: Page,
    m: re.Match[str],
    left: int,
    right: int,
    action: str,
    obj: str,
    states: tuple[str, ...],
    rules: Rules,
    *,
    on: dt.date | None = None,
    called_off: bool = False,
    off: Dated | None = None,
) -> EventReport:
    """The vote the words ``m`` of the sentence ``left``..``right`` tell of: held (``on`` the day
    given, if any) or ``called_off`` (``off``: in the time named beside it, if any). Its state: the
    ones its sentence names (agents), else one of ``states``, those the article names (about), or
    the state whose promise the story follows."""
    holders = tuple(a for a in page.sentence(left, right)[1] if is_state(a))
    if off is not None:
        time: When | None = When(off.value, None, "DATE", off.earliest or off.latest, off.latest)
    else:
        time = When(on.isoformat(), None, "DATE", on, on) if on is not None else None
    return EventReport(
        document=page.document,
        published=page.published,
        id=f"{'off' if called_off else 'held'}{m.start()}",
        type=HELD,
        action=action,
        agents=holders,
        about=() if holders else states,
        time=time,
        status="occurred",
        certainty="certain",
        polarity=NEGATIVE if called_off else "positive",
        start=m.start(),
        end=m.end(),
        text=obj,
        said=text.quote(page.body, m.start(), m.end(), rules.quote_chars),
    )


def _of_its_day(
    page: Page, lowered: str, named: list[re.Match[str]], words: Schedules
) -> list[tuple[re.Match[str], dt.date]]:
    """The acts named after a day's possessive ("today's election", "Sunday's presidential vote":
    ``possessive``), with that day, when it is a single day no later than the report's and no word of
    ``not_possessive`` stands before it ("ahead of today's election")."""
    if not words.possessive or page.published is None:
        return []
    mark = any_of(words.possessive, before="^", after=r"(?:\s+[\w-]+){0,2}?\s+$")
    plan = any_of(words.not_possessive, after=r"\W+$")
    out: list[tuple[re.Match[str], dt.date]] = []
    for d in page.days:
        if d.earliest != d.latest or d.latest > page.published:
            continue
        if plan.search(lowered[max(0, d.start - 30) : d.start]):
            continue  # "ahead of Sunday's election", "postponed today's election": not held
        act = next(
            (a for a in named if 0 < a.start() - d.end <= 40 and mark.match(lowered[d.end : a.start()])), None
        )
        if act is not None:
            out.append((act, d.latest))
    return out


def attach_held(
    merged: Sequence[MergedCommitment],
    held: Iterable[EventReport],
    rules: Rules,
    leaders: dict[str, str],
    story_of: dict[str, str],
) -> None:
    """Mark fulfilled the commitment each held vote keeps (see the module's words). ``story_of``:
    document id -> story id (a vote whose sentence names no state keeps a promise of its story, or
    of a state its article names)."""
    near = dt.timedelta(days=rules.held_near_days)
    after = dt.timedelta(days=rules.held_after_days)
    for e in held:
        published = day_or_early(e.published)
        when = e.time.latest if e.time is not None else None
        story = story_of.get(e.document)
        agents = {leaders.get(a, a) for a in (e.agents or e.about)} | set(e.agents or e.about)
        if e.polarity == NEGATIVE:
            _call_off(e, [c for c in merged if _holds(c, e, rules, leaders, agents, story)], near)
            continue
        live: list[tuple[int, MergedCommitment]] = []
        for c in merged:
            deadline = c.deadline
            if (
                c.superseded_by is not None
                or not _holds(c, e, rules, leaders, agents, story)
                or any(f.event.document == e.document and f.event.id == e.id for f in c.fulfilments)
            ):
                continue
            assert deadline is not None and deadline.latest is not None
            first = deadline.earliest or deadline.latest
            if when is not None:
                if not (first - near <= when <= deadline.latest + near):
                    continue  # a vote on another day: another vote, or a move no report told
                ends = (first, deadline.latest)
                gap = 0 if first <= when <= deadline.latest else min(abs((when - d).days) for d in ends)
            else:
                if not (published - after <= deadline.latest <= published):
                    continue
                gap = (published - deadline.latest).days
            live.append((gap, c))
        if not live:
            continue
        _gap, target = min(live, key=lambda x: (x[0], x[1].reported_on or dt.date.min))
        target.fulfilments.append(Fulfilment(event=e, on=when or e.happened_by))


def _holds(
    c: MergedCommitment,
    e: EventReport,
    rules: Rules,
    leaders: dict[str, str],
    agents: set[str],
    story: str | None,
) -> bool:
    """Could the vote ``e`` tells of (held or called off) be the one ``c`` promised: the same act
    of the same kind, dated, promised by the day of the report, by the state the report names
    (``agents``: with their leaders; else one of its story, or any when the article names no
    state)?"""
    return (
        c.first.action == e.action
        and c.first.polarity != NEGATIVE
        and c.deadline is not None
        and c.deadline.latest is not None
        and c.reported_on is not None
        and c.reported_on <= day_or_early(e.published)
        and bool(
            ({leaders.get(o, o) for o in c.obligor} | set(c.obligor)) & agents
            or (not e.agents and story is not None and c.story == story)
            or not (e.agents or e.about)  # the article names no state: the vote's own
        )
        and not rules.differ(e.text, c.first.object)
    )


def _call_off(e: EventReport, pool: list[MergedCommitment], near: dt.timedelta) -> None:
    """Break the promise the called-off vote ``e`` was: of ``pool``, the one still to come when it
    was called off (due at most ``near`` before the day ``e`` names, else its report's), promised
    by then, not yet moved or kept; of several, the one due first (and those due that day)."""
    published = day_or_early(e.published)
    first = e.time.earliest or e.time.latest if e.time is not None else None
    last = e.time.latest if e.time is not None else None
    lo, hi = first or published, last or published
    live = [
        c
        for c in pool
        if (c.superseded_by is None or day_or_early(c.superseded_on) > published)
        and not any(day_or_early(f.event.published) <= published for f in c.fulfilments)
        and c.deadline is not None
        and c.deadline.latest is not None
        and c.deadline.latest >= lo - near
        and day_or_early(c.reported_on) <= hi
        and not any(b.document == e.document and b.id == e.id for b in c.broken_by)
    ]
    due = [day_or_early(c.deadline.latest if c.deadline else None) for c in live]
    for c, day in zip(live, due, strict=True):
        if day == min(due):  # reports of one vote, told apart, are called off together
            c.broken_by.append(e)
