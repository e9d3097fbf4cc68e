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
from docket.story.endings import Page
from docket.story.merge import day_or_early
from docket.story.model import EventReport, Fulfilment, MergedCommitment, When
from docket.story.rules import Rules
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
    if held.search(lowered) is None:
        return []
    acts = any_of(tuple(words.acts))
    named = [a for a in acts.finditer(lowered) if not followed(lowered, a.end(), words, a.start())]
    unreal = any_of(words.unreal, after=r"\W+$") if words.unreal else None
    out: list[EventReport] = []
    seen: set[tuple[int, int]] = set()
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
                d
                for h in held.finditer(lowered, m.start(), right)
                if (d := _day_after(page, lowered, h.end(), right)) is not None
            ),
            None,
        )
        if on is not None and on > published:
            continue  # a day still ahead: set, not held
        # the state whose vote it is: the ones its sentence names (agents), else one of those the
        # article names (about) or the state whose promise the story follows
        holders = tuple(a for a in page.sentence(left, right)[1] if is_state(a))
        out.append(
            EventReport(
                document=page.document,
                published=published,
                id=f"held{m.start()}",
                type=HELD,
                action=words.acts[act.group(0)],
                agents=holders,
                about=() if holders else states,
                time=When(on.isoformat(), None, "DATE", on, on) if on is not None else None,
                status="occurred",
                certainty="certain",
                start=m.start(),
                end=m.end(),
                text=obj,
                said=text.quote(body, m.start(), m.end(), rules.quote_chars),
            )
        )
    return out


def _day_after(page: Page, lowered: str, at: int, right: int) -> dt.date | None:
    """The day named right after the held word ("held on October 29", "held on Wednesday 7
    March"): the first within a few words, in the same clause."""
    for d in sorted(page.days, key=lambda d: d.start):
        if at <= d.start < right and not re.search(r"[,;:]", lowered[at : d.start]) and d.start - at <= 12:
            return d.latest
    return None


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
        agents = {leaders.get(a, a) for a in (e.agents or e.about)} | set(e.agents or e.about)
        story = story_of.get(e.document)
        live: list[tuple[int, MergedCommitment]] = []
        for c in merged:
            deadline = c.deadline
            if (
                c.superseded_by is not None
                or c.first.action != e.action
                or c.first.polarity == "negative"
                or deadline is None
                or deadline.latest is None
                or c.reported_on is None
                or c.reported_on > published
                or not (
                    ({leaders.get(o, o) for o in c.obligor} | set(c.obligor)) & agents
                    or (not e.agents and story is not None and c.story == story)
                    or not (e.agents or e.about)  # the article names no state: the vote's own
                )
                or rules.differ(e.text, c.first.object)
                or any(f.event.document == e.document and f.event.id == e.id for f in c.fulfilments)
            ):
                continue
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
