"""The story pages' data, from docket.story's merged index: board, timeline, quantity series.

The viewer never decides a status itself: it asks docket.index (:mod:`docket.index.live`),
which tells it as for ``docket due``. The index is merged in memory (the viewer is
read-only, so it does not save it) and kept until the store changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from docket.index.live import statuses, told
from docket.isodates import iso, shift
from docket.story import dates
from docket.story.build import Index
from docket.story.model import Contradiction, Evidence, Story
from docket.story.quantities import noun_key
from docket.story.status import Status
from docket.story.timeline import Entry
from docket.story.tracked import Tracked


@cache
def settings() -> dict[str, Any]:
    """The viewer's rules as data (charts.yaml next to this module)."""
    raw = resources.files(__package__).joinpath("charts.yaml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(raw)
    assert isinstance(loaded, dict)
    return loaded


def charted(noun: str) -> bool:
    return noun in set(settings()["charted_nouns"])


def published(index: Index, doc: str) -> dt.date | None:
    info = index.documents.get(doc)
    return info.published if info is not None else None


def known_doc(index: Index, doc: str, as_of: dt.date) -> bool:
    day = published(index, doc)
    return day is None or day <= as_of


@dataclass
class Group:
    """The commitments of one agreement (a thread of the merge): its stages and their versions."""

    label: str
    thread: str
    items: list[Status] = field(default_factory=list)


def board(index: Index, story: Story, as_of: dt.date, names: dict[str, str]) -> list[Group]:
    """The story's commitments known on ``as_of``, grouped by agreement, stages in order."""
    groups: dict[str, Group] = {}
    for s in statuses(index, as_of, story=story.id):
        t = s.item
        thread = t.thread or t.id
        if thread not in groups:
            who = ", ".join(names.get(a, a) for a in t.obligor) or "—"
            groups[thread] = Group(f"{who}: {t.action}", thread)
        groups[thread].items.append(s)
    for g in groups.values():
        g.items.sort(key=lambda s: (s.item.stage or 0, s.item.reported_on or dt.date.min, s.item.id))
    return sorted(
        groups.values(), key=lambda g: (min(s.item.reported_on or dt.date.min for s in g.items), g.thread)
    )


def next_deadline(statuses: list[Status]) -> Status | None:
    pending = [s for s in statuses if s.status == "pending" and s.days_left is not None]
    return min(pending, key=lambda s: (s.days_left or 0, s.item.id)) if pending else None


def by_story(index: Index) -> dict[str | None, list[Tracked]]:
    """The merged commitments of each story, in one pass (a store may hold thousands of stories)."""
    out: dict[str | None, list[Tracked]] = defaultdict(list)
    for t in index.commitments:
        out[t.story].append(t)
    return out


def story_summary(
    story: Story, commitments: list[Tracked], as_of: dt.date, names: dict[str, str]
) -> dict[str, Any]:
    """A line of the stories page: actors, span, articles, statuses and the next deadline."""
    statuses = told(commitments, as_of, story=story.id)
    nxt = next_deadline(statuses)
    counts = Counter(s.status for s in statuses)
    return {
        "id": story.id,
        "title": story.title,
        "actors": [{"id": a, "name": names.get(a, a)} for a in story.actors],
        "articles": len(story.documents),
        "first": iso(story.first),
        "last": iso(story.last),
        "commitments": len(statuses),
        "statuses": dict(sorted(counts.items())),
        "next_deadline": None
        if nxt is None
        else {
            "commitment": nxt.item.id,
            "action": nxt.item.action,
            "obligor": list(nxt.item.obligor),
            "obligor_names": [names.get(a, a) for a in nxt.item.obligor],
            "latest": iso(nxt.item.deadline.latest if nxt.item.deadline else None),
            "days_left": nxt.days_left,
        },
    }


# -- timeline ------------------------------------------------------------------------------


@dataclass
class Row:
    kind: str
    label: str
    start: dt.date
    end: dt.date
    precision: str
    status: str | None
    item: str
    evidence: Evidence | None
    why: str | None = None

    @property
    def band(self) -> bool:
        return self.end > self.start

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "band": self.band,
            "precision": self.precision,
            "status": self.status,
            "item": self.item,
            "document": self.evidence.document if self.evidence else None,
            "span": [self.evidence.start, self.evidence.end] if self.evidence else None,
            "why": self.why,
        }


def _entry_known(index: Index, e: Entry, as_of: dt.date) -> bool:
    return any(known_doc(index, d, as_of) for d in e.documents) if e.documents else True


def timeline(index: Index, story: Story, as_of: dt.date, names: dict[str, str]) -> list[Row]:
    """The story's events, commitments, deadlines and outcomes reported by ``as_of``, in time order."""
    tracked = {t.id: t for t in index.commitments if t.story == story.id}
    rows: list[Row] = []
    seen: set[tuple[str, str, dt.date, dt.date, str | None]] = set()
    for e in index.timeline:
        if e.story != story.id or not _entry_known(index, e, as_of):
            continue
        start = e.when.earliest or e.when.latest
        end = e.when.latest or e.when.earliest
        if start is None or end is None:
            continue
        status, why = e.status, e.why
        t = tracked.get(e.item)
        if e.kind == "deadline" and t is not None:
            now = told(t, as_of)
            status, why = now.status, now.why()
        if e.kind in ("fulfilment", "moved", "broken", "ended") and start > as_of:
            continue
        who = ", ".join(names.get(a, a) for a in e.actors)
        label = f"{e.kind}: {who + ' ' if who else ''}{e.action}"
        if e.kind in ("deadline", "commitment") and t is not None and t.stage:
            label += f" (stage {t.stage})"
        key = (e.kind, label, start, end, status)
        if key in seen:  # the same thing said twice on one day: one row
            continue
        seen.add(key)
        evidence = e.evidence[0] if e.evidence else None
        rows.append(Row(e.kind, label, start, end, e.precision, status, e.item, evidence, why))
    return rows


def foreground(rows: list[Row], story: Story) -> list[Row]:
    """The rows a chart draws: those not ending long before the story's first article."""
    if story.first is None:
        return rows
    edge = shift(story.first, -int(settings()["background_days"]))
    return [r for r in rows if r.end >= edge]


def nearest(rows: list[Row], as_of: dt.date, limit: int | None = None) -> list[Row]:
    """At most ``limit`` rows (charts.yaml), those nearest ``as_of``, still in time order."""
    limit = int(settings()["max_timeline_rows"]) if limit is None else limit
    if len(rows) <= limit:
        return rows
    keep = sorted(range(len(rows)), key=lambda i: (_distance(rows[i], as_of), i))[:limit]
    return [rows[i] for i in sorted(keep)]


def _distance(r: Row, day: dt.date) -> int:
    if r.start <= day <= r.end:
        return 0
    return min(abs((r.start - day).days), abs((r.end - day).days))


# -- quantities ----------------------------------------------------------------------------


@dataclass
class Point:
    day: dt.date
    value: float
    low: float | None
    high: float | None
    approx: bool
    text: str
    evidence: Evidence

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "approx": self.approx,
            "text": self.text,
            "document": self.evidence.document,
            "span": [self.evidence.start, self.evidence.end],
        }


@dataclass
class Series:
    noun: str
    place: str | None
    points: list[Point] = field(default_factory=list)
    chart: bool = False  # drawn as a chart (else listed with the other counts)

    @property
    def label(self) -> str:
        return f"{self.noun} in {self.place}" if self.place else self.noun

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "noun": self.noun,
            "place": self.place,
            "chart": self.chart,
            "points": [p.as_dict() for p in self.points],
        }


def quantity_series(index: Index, story: Story, as_of: dt.date, names: dict[str, str]) -> list[Series]:
    """One series per counted thing and place (troops in Iraq); one point per report.

    Charted nouns (charts.yaml) come first, the series with most reports first.
    """
    docs = set(story.documents)
    by_key: dict[tuple[str, str | None], Series] = {}
    nouns: dict[str, Counter[str]] = defaultdict(Counter)
    for q in index.quantities:
        if q.document not in docs or q.published is None or q.published > as_of:
            continue
        key_noun = noun_key(q.noun)
        if key_noun is None or q.mod in ("less_than", "more_than", "up_to", "at_least", "at_most"):
            continue
        value = q.value
        if value is None and q.low is not None and q.high is not None:
            value = (q.low + q.high) / 2
        if value is None:
            continue
        nouns[key_noun][(q.noun or key_noun).lower()] += 1
        key = (key_noun, q.place)
        series = by_key.setdefault(key, Series(key_noun, names.get(q.place, q.place) if q.place else None))
        series.points.append(Point(q.published, float(value), q.low, q.high, q.approx, q.text, q.evidence))
    ranked = sorted(by_key.items(), key=lambda kv: (not charted(kv[0][0]), -len(kv[1].points), kv[1].label))
    out: list[Series] = []
    charts = 0
    for (key_noun, _place), s in ranked:
        s.noun = nouns[key_noun].most_common(1)[0][0]  # the word the articles use most
        s.points.sort(key=lambda p: (p.day, p.value))
        s.points = s.points[-int(settings()["max_points"]) :]  # the latest reports
        s.chart = charted(key_noun) and charts < int(settings()["max_charts"])
        charts += s.chart
        out.append(s)
    return out


# -- contradictions ------------------------------------------------------------------------


def contradictions(index: Index, story: Story, as_of: dt.date) -> list[Contradiction]:
    """Disagreements between the story's reports, once both sides were published."""
    return [
        x
        for x in index.contradictions
        if x.story == story.id and all(known_doc(index, d, as_of) for d in x.documents)
    ]


def tracked_for_span(index: Index, doc: str) -> dict[tuple[int, int], tuple[Tracked, str]]:
    """(start, end) in one document -> the merged commitment it states or settles, and how."""
    out: dict[tuple[int, int], tuple[Tracked, str]] = {}
    for t in index.commitments:
        for ev in t.evidence:
            if ev.document == doc:
                out.setdefault((ev.start, ev.end), (t, "states"))
        for f in t.fulfilments:
            if f.document == doc:
                out.setdefault((f.evidence.start, f.evidence.end), (t, "fulfils"))
        for b in t.broken:
            if b.document == doc:
                out.setdefault((b.evidence.start, b.evidence.end), (t, "breaks"))
    return out


def deadline_label(t: Tracked) -> str:
    return dates.label(t.deadline) if t.deadline else "none given"
