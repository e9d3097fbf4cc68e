"""An arrangement that ran to its end and was not renewed: its commitments are ``ended``.

"The fishing accord expired on Monday after the government declined to renew it": no side
broke anything; the accord's term ran out. A sentence that says so (one of the ``endings``
words of ``data/story.yaml`` beside a noun that names an agreement) or a report that a side
will not extend or renew the agreement (a negative commitment or event of ``renewals``) is an
*ending*. It ends the open commitments of its story that were due at the arrangement's end
(within ``extension_days`` of the day it names, or of the report) and the commitments to keep
the arrangement going ("will remain in effect until July 17"); their status is ``ended`` from
their end on, for every side, the one that refused to renew included.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docket.story import text
from docket.story.merge import NEGATIVE, day_or_early
from docket.story.model import CommitmentReport, EventReport, Fulfilment, MergedCommitment
from docket.story.rules import Rules

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Dated:
    """A day a document's text names, at its place (a timex with its last calendar day)."""

    start: int
    end: int
    latest: dt.date
    earliest: dt.date | None = None
    value: str | None = None


def in_sentence(
    left: int, right: int, published: dt.date | None, days: Sequence[Dated], doers: Sequence[tuple[int, str]]
) -> tuple[dt.date | None, tuple[str, ...]]:
    """The last day the sentence [left, right) names, by the report's day (None: none), and the
    sides it names."""
    named = [
        d.latest for d in days if left <= d.start < right and (published is None or d.latest <= published)
    ]
    agents = tuple(dict.fromkeys(actor for at, actor in doers if left <= at < right))
    return (max(named) if named else None), agents


@dataclass(frozen=True)
class Page:
    """One article's text as the story reads it: its id and day, the days and sides it names
    (with their places) and its main actor."""

    body: str
    document: str
    published: dt.date | None
    days: Sequence[Dated] = ()
    doers: Sequence[tuple[int, str]] = ()
    main: str | None = None
    spans: Sequence[tuple[int, int, str]] = ()  # the spans of time it names: start, end, value (P6M)

    def sentence(self, left: int, right: int) -> tuple[dt.date | None, tuple[str, ...]]:
        return in_sentence(left, right, self.published, self.days, self.doers)

    def day_after(self, at: int, right: int, reach: int) -> Dated | None:
        """The first day named after ``at`` (within ``reach`` characters, before ``right``) in the
        same clause: "held on October 29", "shut down its reactor on Saturday"."""
        for d in sorted(self.days, key=lambda d: d.start):
            if (
                at <= d.start < right
                and d.start - at <= reach
                and not re.search(r"[,;:]", self.body[at : d.start])
            ):
                return d
        return None


def find_endings(page: Page, rules: Rules) -> list[EventReport]:
    """The sentences of the page that say an agreement ran out or was not renewed."""
    body, document, published = page.body, page.document, page.published
    if not rules.endings or not body:
        return []
    lowered = body.lower()
    if not any(cue in lowered for cue in rules.endings):
        return []
    out: list[EventReport] = []
    seen: set[tuple[int, int]] = set()
    for cue in rules.endings:
        for m in re.finditer(rf"\b{re.escape(cue)}\b", lowered):
            left, right = text.sentence_bounds(body, m.start(), m.end())
            if (left, right) in seen:
                continue
            words = {w.lower() for w in _WORD.findall(body[left:right])}
            if not words & rules.agreement_nouns:
                continue
            seen.add((left, right))
            on, agents = page.sentence(left, right)
            said = text.quote(body, m.start(), m.end(), rules.quote_chars)
            when = on or published
            out.append(_ending(document, published, f"end{left}", m.start(), m.end(), said, when, agents))
    return out


def _ending(
    document: str,
    published: dt.date | None,
    ident: str,
    start: int,
    end: int,
    said: str,
    on: dt.date | None,
    agents: tuple[str, ...],
) -> EventReport:
    from docket.story.model import When

    time = When(on.isoformat(), None, "DATE", on, on) if on is not None else None
    return EventReport(
        document=document,
        published=published,
        id=ident,
        type="END",
        action="expire",
        agents=agents,
        time=time,
        status="occurred",
        start=start,
        end=end,
        text=said,
        said=said,
    )


def refusals(
    commitments: Iterable[CommitmentReport], events: Iterable[EventReport], rules: Rules
) -> list[EventReport]:
    """Reports that a side will not extend or renew an agreement, as endings on their report's day."""
    out: list[EventReport] = []
    for r in commitments:
        if r.polarity == NEGATIVE and r.action in rules.renewals and _names_agreement(r.object, rules):
            out.append(
                _ending(r.document, r.published, r.id, r.start, r.end, r.text or "", r.published, r.obligor)
            )
    for e in events:
        if e.action in rules.renewals and (e.polarity == NEGATIVE or e.status == "denied"):
            out.append(_ending(e.document, e.published, e.id, e.start, e.end, e.text, e.published, e.agents))
    return out


def _names_agreement(obj: str | None, rules: Rules) -> bool:
    return bool({w.lower() for w in _WORD.findall(obj or "")} & rules.agreement_nouns) or not obj


def _is_term(c: MergedCommitment, rules: Rules) -> bool:
    """A commitment to keep an arrangement going until its end."""
    action = c.first.action
    return action in rules.lasting or (action in rules.extends and _names_agreement(c.object, rules))


def _open_on(c: MergedCommitment, day: dt.date) -> bool:
    if c.superseded_by is not None and day_or_early(c.superseded_on) <= day:
        return False
    return not any(day_or_early(f.event.published) <= day for f in c.fulfilments)


def end_terms(
    merged: list[MergedCommitment], endings: Sequence[EventReport], story_of: dict[str, str], rules: Rules
) -> None:
    """Mark the commitments each ending ends (``MergedCommitment.endings``): those of its story; a
    report that tells of nothing else ("Ruritania will not extend the grain deal") may stand in a
    story of its own, so when its story has none, those of the stories whose terms bind a side it
    names."""
    for e in sorted(endings, key=lambda x: (day_or_early(x.published), x.document, x.start)):
        if e.published is None:
            continue
        story = story_of.get(e.document)
        ends = _ended_by(e, [c for c in merged if c.story == story], rules) if story is not None else []
        if not ends and e.agents:
            sides = set(e.agents)
            bound = {c.story for c in merged if _is_term(c, rules) and sides & _sides(c)}
            ends = _ended_by(e, [c for c in merged if c.story in bound], rules)
        for c in ends:
            end = (
                c.deadline.latest if c.deadline is not None and c.deadline.latest is not None else e.published
            )
            c.endings.append(Fulfilment(event=e, on=end))


def _sides(c: MergedCommitment) -> set[str]:
    return {a for r in c.reports for a in (*r.obligor, *r.parties)}


def _ended_by(e: EventReport, pool: list[MergedCommitment], rules: Rules) -> list[MergedCommitment]:
    """The commitments of ``pool`` the ending ``e`` ends: open when reported, due at the
    arrangement's end (near the day it names, or the report's), or keeping it going."""
    day = day_or_early(e.published)
    named = e.time.latest if e.time is not None and e.time.latest is not None else day
    window = dt.timedelta(days=rules.extension_days)
    mine = [
        c
        for c in pool
        if day_or_early(c.reported_on) <= day
        and _open_on(c, day)
        and not any(f.event.document == e.document and f.event.id == e.id for f in c.endings)
    ]
    ends = [
        c
        for c in mine
        if c.deadline is not None
        and c.deadline.latest is not None
        and (_is_term(c, rules) or abs(c.deadline.latest - named) <= window)
        and c.deadline.latest <= max(named, day) + window
    ]
    return ends or [c for c in mine if _is_term(c, rules)]
