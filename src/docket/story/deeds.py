"""Deeds told with words no event names: "the last convoy crossed the border on Sunday".

A withdrawal is often reported done without its verb: the last convoy crossed the border, the
final battalion handed over the base, Israel completed its pull-out. A sentence with one of the
``deeds`` phrases of ``data/story.yaml`` and a word that says the whole was done (``completion``:
last, final, completed ...) is read as the deed its phrase stands for, done by the sides its
sentence names (else the article's main actor), on the day its sentence names (else the
report's), unless the events of the article already tell of it in that sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from docket.story import text
from docket.story.endings import Dated
from docket.story.model import EventReport, When
from docket.story.rules import Rules


def find_deeds(
    body: str,
    document: str,
    published: dt.date | None,
    rules: Rules,
    *,
    days: Sequence[Dated] = (),
    doers: Sequence[tuple[int, str]] = (),
    main: str | None = None,
    told: Sequence[tuple[int, str]] = (),
) -> list[EventReport]:
    """The deeds ``body`` tells with a ``deeds`` phrase; ``told``: (offset, action) of the events
    the article's record already holds (a sentence they tell of gives nothing more)."""
    if not rules.deeds or not body:
        return []
    lowered = body.lower()
    out: list[EventReport] = []
    seen: set[tuple[int, int]] = set()
    for phrase, action in rules.deeds.items():
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            left, right = text.sentence_bounds(body, m.start(), m.end())
            if (left, right) in seen or not text.says_complete(body, m.start(), m.end(), rules.completion):
                continue
            family = rules.family(action)
            if any(left <= at < right and rules.family(done) == family for at, done in told):
                continue
            seen.add((left, right))
            named = [
                d.latest
                for d in days
                if left <= d.start < right and (published is None or d.latest <= published)
            ]
            on = max(named) if named else None
            agents = tuple(dict.fromkeys(actor for at, actor in doers if left <= at < right))
            if not agents and main is not None:
                agents = (main,)
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
