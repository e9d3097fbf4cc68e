"""What can tie a report to the reports of other documents in the merge: the keys the incremental
index update (:mod:`docket.index.incremental`) follows to find every story a new article may touch.

The keys over-approximate the merge rules of :mod:`docket.story.merge` and
:mod:`docket.story.cluster`: two documents whose keys do not *meet* cannot change each other's
part of the merged index, while two that meet may or may not. Two families:

Of a document, followed from every document of a story that is merged again:

- ``C`` (family, obligor or ``*``): reports that may share a thread of one promise (``*`` meets
  every obligor of the family): a thread stays open until its last report or latest deadline and
  (at most) twice the grace days after, so two reports meet when one was published while the other's was open
  (``lo``..``hi``);
- ``D`` (family, obligor, deadline): a date another promise of the obligor already carries makes a
  new date a phase, not a move;
- ``O`` (action, obligor) of a commitment and ``E`` (action, agent) of an event: a deed that may
  fulfil or break a promise (``O`` meets ``E``) if the deed's date or report's date falls in the
  promise's story's span (from its first report to the late days after its last report or
  deadline);
- ``S`` (actor, actor): a document's main actors, within the story window;
- ``W`` (family, obligor, word, word): a promise told again, within ``restated_days``
  (:func:`docket.story.cluster.restated`).

Of one event report (``item``), followed only from the reports whose merge may change:

- ``T`` (action, occurred, agent): told again, an event joins a merged one only if its time overlaps
  the time of one of its reports (``lo``..``hi``), within :data:`TIMED_DAYS`, or, both without a
  time, within :data:`UNTIMED_DAYS`; and only one whose first report shares an agent with it (one
  key per agent), or, without an agent or told as past, the agent ``""`` (merge_events looks for
  it among the events of its agents alone);
- ``M`` (merged event): the reports merged into one event, which change together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from docket.isodates import shift
from docket.story.build import Index
from docket.story.cluster import restated, signatures
from docket.story.merge import NEGATIVE, expand
from docket.story.model import Reports
from docket.story.rules import Rules

SEP = "\x1f"
ANY = "*"
# merge_events keeps a merged event open 60 days after its first report: two reports of it are
# at most 120 days apart; without a time they must be within 3 days of the first (6 apart)
TIMED_DAYS = 121
UNTIMED_DAYS = 7
# ... but a fact its report tells as past (its time ends more than 60 days before the report) is
# retold by reports however far apart
PAST_DAYS = 60


@dataclass(frozen=True)
class Link:
    document: str
    key: str
    day: dt.date | None
    item: str | None = None
    lo: dt.date | None = None
    hi: dt.date | None = None

    @property
    def kind(self) -> str:
        return self.key.split(SEP, 1)[0]


def _key(*parts: str) -> str:
    return SEP.join(parts)


def link_keys(reports: Reports, index: Index, rules: Rules, leaders: dict[str, str]) -> Iterator[Link]:
    """Every key of every document of ``reports`` (merged as ``index``)."""
    seen: set[tuple[str, str, str | None]] = set()

    def emit(link: Link) -> Iterator[Link]:
        if (link.document, link.key, link.item) not in seen:
            seen.add((link.document, link.key, link.item))
            yield link

    # a thread without a deadline stays open twice the grace days after its last report
    grace = 2 * rules.open_grace_days
    spans = _story_spans(reports, index, rules)
    for c in reports.commitments:
        family = rules.family(c.action)
        latest = c.deadline.latest if c.deadline is not None else None
        until = None
        # a report that the promise will not be kept looks for its thread once every report is read
        if c.published is not None and c.polarity != NEGATIVE:
            until = shift(max(c.published, latest or c.published), grace)
        for who in c.obligor or (ANY,):
            since = c.published if until is not None else None
            yield from emit(Link(c.document, _key("C", family, who), c.published, None, since, until))
            if latest is not None:
                yield from emit(Link(c.document, _key("D", family, who, latest.isoformat()), c.published))
        for told in restated(c, rules):
            yield from emit(Link(c.document, _key("W", *told), c.published))
        lo, hi = spans.get(index.story_of.get(c.document), (None, None))
        for action in sorted(rules.fulfilling(c.action) | rules.breaks):
            for who in sorted(expand(c.obligor, leaders)):
                yield from emit(Link(c.document, _key("O", action, who), c.published, None, lo, hi))
        if rules.schedules is not None and c.action in rules.schedules.acts.values():
            # a vote reported held in an article that names no state may be any state's
            yield from emit(Link(c.document, _key("O", c.action, ANY), c.published, None, lo, hi))
    for e in reports.events:
        days = [d for d in (e.published, e.happened_by) if d is not None]
        for who in sorted(expand(e.agents, leaders)):
            key = _key("E", e.action, who)
            yield from emit(
                Link(e.document, key, e.published, None, min(days, default=None), max(days, default=None))
            )
        occurred = "1" if e.status == "occurred" else "0"
        timed = e.time is not None and e.time.latest is not None
        lo = (e.time.earliest or e.time.latest) if e.time is not None and timed else None
        hi = e.time.latest if e.time is not None and timed else None
        for who in _told_by(e.agents, e.published, hi):
            yield from emit(Link(e.document, _key("T", e.action, occurred, who), e.published, e.id, lo, hi))
    for e in reports.held:
        # a vote reported held may keep a promise of another story (docket.story.held)
        days = [d for d in (e.published, e.happened_by) if d is not None]
        for who in sorted(expand(e.agents or e.about, leaders) or {ANY}):
            key = _key("E", e.action, who)
            yield from emit(Link(e.document, key, e.published, None, min(days), max(days)))
    for m in index.events:
        for r in m.reports:
            yield from emit(Link(r.document, _key("M", m.id), r.published, r.id))
    for d in reports.documents:
        for a, b in signatures(d):
            yield from emit(Link(d.id, _key("S", a, b), d.published))


def _told_by(agents: tuple[str, ...], published: dt.date | None, latest: dt.date | None) -> list[str]:
    """The agents under which merge_events looks for an event told again (see T keys): each of its
    own, and ``""`` for one without an agent or one it may take for a fact of the past (its time
    ends more than :data:`PAST_DAYS` before its report), which is looked for without its agents."""
    past = published is not None and latest is not None and (published - latest).days > PAST_DAYS
    return sorted({*agents, *([""] if past or not agents else [])})


def _story_spans(
    reports: Reports, index: Index, rules: Rules
) -> dict[str | None, tuple[dt.date | None, dt.date | None]]:
    """Per story, the days a deed can be told of to fulfil or break one of its promises: from its
    first report to a year (the late days) after its last report or latest deadline."""
    first: dict[str | None, dt.date] = {}
    last: dict[str | None, dt.date] = {}
    undated: set[str | None] = set()
    for d in reports.documents:
        story = index.story_of.get(d.id)
        if d.published is None:
            undated.add(story)
        else:
            first[story] = min(first.get(story, d.published), d.published)
    for c in reports.commitments:
        story = index.story_of.get(c.document)
        days = [x for x in (c.published, c.deadline.latest if c.deadline else None) if x is not None]
        if days:
            last[story] = max(last.get(story, max(days)), max(days))
    late = rules.late_days + 1
    out: dict[str | None, tuple[dt.date | None, dt.date | None]] = {}
    for story, day in last.items():
        if story in undated or story not in first:
            continue  # a story with an undated report meets at any time
        out[story] = (first[story], shift(day, late))
    return out


def of_report(kind: str) -> bool:
    """Is a key of this kind one event report's (followed report by report)?"""
    return kind in ("T", "M")


def partners(key: str) -> tuple[list[str], str | None]:
    """The keys that meet ``key`` exactly, and a prefix every other key meeting it starts with."""
    kind, _, rest = key.partition(SEP)
    if kind == "O":
        return [_key("E", rest)], None
    if kind == "E":
        return [_key("O", rest)], None
    if kind == "C":
        family, _, who = rest.rpartition(SEP)
        if who == ANY:
            return [], _key("C", family, "")
        return [key, _key("C", family, ANY)], None
    return [key], None


def days_apart(link: Link, rules: Rules) -> int | None:
    """How many days apart two documents holding the key can meet (None: any)."""
    if link.kind == "S":
        return rules.story_days
    if link.kind == "W":
        return rules.restated_days
    if link.kind == "T":
        if link.hi is not None and link.day is not None and (link.day - link.hi).days > PAST_DAYS:
            return None
        return TIMED_DAYS if link.hi is not None else UNTIMED_DAYS
    return None
