"""Deeds told with words no event names: "the last convoy crossed the border on Sunday".

A withdrawal is often reported done without its verb: the last convoy crossed the border, the
final battalion handed over the base, Israel completed its pull-out. A sentence with one of the
``deeds`` phrases of ``data/story.yaml`` and a word that says the whole was done (``completion``:
last, final, completed ...) is read as the deed its phrase stands for, done by the sides its
sentence names (else the article's main actor), on the day its sentence names (else the
report's), unless the events of the article already tell of it in that sentence. A ``done``
phrase ("shut down its reactor", "were dismantled") tells a deed whole with no completion word,
unless a plan's word stands just before it ("agreed to shut down").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docket.story import text
from docket.story.endings import Page
from docket.story.model import EventReport, When
from docket.story.rules import Rules
from docket.story.schedules import any_of


def find_deeds(
    page: Page, rules: Rules, told: Sequence[tuple[int, str]] = (), ahead: frozenset[str] = frozenset()
) -> list[EventReport]:
    """The deeds the page tells with a ``deeds`` phrase; ``told``: (offset, action) of the events
    the article's record already holds (a sentence they tell of gives nothing more); ``ahead``: the
    families of the actions the page itself promises for a day still to come (a ``done`` phrase of
    one of them tells of another deed: "was declared the winner" of the count, beside "the tribunal
    must declare the president-elect by September 6")."""
    body, document, published = page.body, page.document, page.published
    if not (rules.deeds or rules.done) or not body:
        return []
    lowered = body.lower()
    out: list[EventReport] = []
    seen: set[tuple[int, int]] = set()
    unreal = any_of(rules.not_done, after=r"\W+$")
    for phrase, action in (*rules.deeds.items(), *rules.done.items()):
        whole = phrase in rules.done  # told whole: no completion word needed
        if whole and rules.family(action) in ahead:
            continue
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            left, right = text.sentence_bounds(body, m.start(), m.end())
            if (left, right) in seen:
                continue
            if whole and unreal.search(lowered[max(left, m.start() - 20) : m.start()]):
                continue  # "agreed to shut down", "will be dismantled": a plan
            if not whole and not text.says_complete(body, m.start(), m.end(), rules.completion):
                continue
            family = rules.family(action)
            if any(left <= at < right and rules.family(done) == family for at, done in told):
                continue
            seen.add((left, right))
            on, agents = page.sentence(left, right)
            if whole:
                # the day after its phrase ("shut down ... on Saturday"), not any ("after the July 2 vote")
                day = page.day_after(m.end(), right, 40)
                on = (
                    day.latest if day is not None and (published is None or day.latest <= published) else None
                )
            if not agents and page.main is not None:
                agents = (page.main,)
            out.append(
                EventReport(
                    document=document,
                    published=published,
                    id=f"deed{m.start()}",
                    type="RETREAT",
                    action=action,
                    agents=agents,
                    time=When(on.isoformat(), None, "DATE", on, on) if on is not None else None,
                    status="occurred",
                    certainty="certain",
                    start=m.start(),
                    end=m.end(),
                    text=body[m.start() : m.end()],
                    said=text.quote(body, m.start(), m.end(), rules.quote_chars),
                )
            )
    return out
