"""A merged commitment as the store keeps it, and its status on any day.

:class:`Tracked` is the flat, JSON-ready summary of a merged commitment: what
``docket due`` needs, so a store of many thousands of articles answers without
merging again. :func:`status_on` is the one place a status is decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docket.isodates import iso, parse_iso
from docket.story import dates
from docket.story.model import Evidence, Fulfilment, MergedCommitment, SourceRef, When

STATUSES = ("pending", "overdue", "fulfilled", "broken", "superseded", "unknown")


@dataclass(frozen=True)
class Outcome:
    """A later report of what happened to a commitment: done (maybe partly) or not."""

    document: str
    published: dt.date | None
    on: dt.date | None
    evidence: Evidence
    action: str
    partial: bool = False
    retained: Evidence | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "published": iso(self.published),
            "on": iso(self.on),
            "start": self.evidence.start,
            "end": self.evidence.end,
            "action": self.action,
            "partial": self.partial,
            "retained": self.retained.as_dict() if self.retained else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Outcome:
        kept = d.get("retained")
        return cls(
            document=d["document"],
            published=parse_iso(d.get("published")),
            on=parse_iso(d.get("on")),
            evidence=Evidence(d["document"], int(d["start"]), int(d["end"])),
            action=d.get("action") or "",
            partial=bool(d.get("partial")),
            retained=Evidence(kept["document"], kept["start"], kept["end"]) if kept else None,
        )


@dataclass(frozen=True)
class Tracked:
    id: str
    obligor: tuple[str, ...]
    action: str
    object: str | None
    stage: int | None
    deadline: When | None
    reported_on: dt.date | None
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    story: str | None = None
    thread: str | None = None
    parties: tuple[str, ...] = ()
    reported_status: str | None = None
    certainty: str | None = None
    text: str | None = None
    sources: tuple[SourceRef, ...] = ()
    restated: tuple[tuple[str, str], ...] = ()  # (document, deadline as that report gives it)
    fulfilments: tuple[Outcome, ...] = ()
    broken: tuple[Outcome, ...] = ()
    superseded_by: str | None = None
    superseded_on: dt.date | None = None
    supersedes: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    contradictions: tuple[str, ...] = field(default=())
    # the stored JSON form it was read from: output reuses its lists as they are
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    # -- JSON ------------------------------------------------------------------------

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "obligor": list(self.obligor),
            "action": self.action,
            "object": self.object,
            "stage": self.stage,
            "deadline": self.deadline.as_dict() if self.deadline else None,
            "reported_on": iso(self.reported_on),
            "documents": list(self.documents),
            "evidence": [e.as_dict() for e in self.evidence],
            "story": self.story,
            "thread": self.thread,
            "parties": list(self.parties),
            "reported_status": self.reported_status,
            "certainty": self.certainty,
            "text": self.text,
            "sources": [s.as_dict() for s in self.sources],
            "restated": [list(x) for x in self.restated],
            "fulfilments": [f.as_dict() for f in self.fulfilments],
            "broken": [f.as_dict() for f in self.broken],
            "superseded_by": self.superseded_by,
            "superseded_on": iso(self.superseded_on),
            "supersedes": list(self.supersedes),
            "contradicts": list(self.contradicts),
            "contradictions": list(self.contradictions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tracked:
        dl = d.get("deadline")
        return cls(
            id=d["id"],
            obligor=tuple(d.get("obligor") or ()),
            action=d["action"],
            object=d.get("object"),
            stage=d.get("stage"),
            deadline=_when(dl) if dl else None,
            reported_on=parse_iso(d.get("reported_on")),
            documents=tuple(d.get("documents") or ()),
            evidence=tuple(Evidence(e["document"], e["start"], e["end"]) for e in d.get("evidence") or ()),
            story=d.get("story"),
            thread=d.get("thread"),
            parties=tuple(d.get("parties") or ()),
            reported_status=d.get("reported_status"),
            certainty=d.get("certainty"),
            text=d.get("text"),
            sources=tuple(
                SourceRef(s["document"], s["id"], s["kind"], s["text"], s.get("name"))
                for s in d.get("sources") or ()
            ),
            restated=tuple((x[0], x[1]) for x in d.get("restated") or ()),
            fulfilments=tuple(Outcome.from_dict(x) for x in d.get("fulfilments") or ()),
            broken=tuple(Outcome.from_dict(x) for x in d.get("broken") or ()),
            superseded_by=d.get("superseded_by"),
            superseded_on=parse_iso(d.get("superseded_on")),
            supersedes=tuple(d.get("supersedes") or ()),
            contradicts=tuple(d.get("contradicts") or ()),
            contradictions=tuple(d.get("contradictions") or ()),
            raw=d,
        )


def track(c: MergedCommitment, contradictions: tuple[str, ...] = ()) -> Tracked:
    """The flat summary of a merged commitment."""
    first = c.first
    sources: dict[tuple[str, str], SourceRef] = {}
    for r in c.reports:
        for s in r.sources:
            sources.setdefault((s.document, s.id), s)
    return Tracked(
        id=c.id,
        obligor=c.obligor,
        action=first.action,
        object=c.object,
        stage=c.stage,
        deadline=c.deadline,
        reported_on=c.reported_on,
        documents=tuple(c.documents),
        evidence=tuple(r.evidence for r in c.reports),
        story=c.story,
        thread=c.thread,
        parties=tuple(dict.fromkeys(p for r in c.reports for p in r.parties)),
        reported_status=c.reports[-1].status,
        certainty=first.certainty,
        text=first.text,
        sources=tuple(sources.values()),
        restated=tuple((r.document, dates.label(r.deadline)) for r in c.reports if r.deadline is not None),
        fulfilments=_per_document(c.fulfilments),
        broken=tuple(
            Outcome(e.document, e.published, e.happened_by, e.evidence, e.action) for e in c.broken_by
        ),
        superseded_by=c.superseded_by,
        superseded_on=c.superseded_on,
        supersedes=tuple(c.supersedes),
        contradicts=tuple(c.contradicts),
        contradictions=contradictions,
    )


def _per_document(found: list[Fulfilment]) -> tuple[Outcome, ...]:
    """One outcome per reporting document: its first report of the deed, partial if any of it is."""
    by_doc: dict[str, list[Fulfilment]] = {}
    for f in sorted(found, key=lambda f: (f.event.published or dt.date.min, f.event.start)):
        by_doc.setdefault(f.event.document, []).append(f)
    out: list[Outcome] = []
    for doc, fs in by_doc.items():
        first = fs[0]
        kept = next((f for f in fs if f.partial), None)
        out.append(
            Outcome(
                document=doc,
                published=first.event.published,
                on=min((f.on for f in fs if f.on is not None), default=None),
                evidence=first.event.evidence,
                action=first.event.action,
                partial=kept is not None,
                retained=kept.retained if kept is not None else None,
            )
        )
    return tuple(out)


# -- status on a day ---------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A commitment's status on one day, with what it rests on."""

    item: Tracked
    as_of: dt.date
    status: str
    days_left: int | None
    on_time: bool | None = None
    partial: bool = False
    fulfilled_by: tuple[Outcome, ...] = ()
    broken_by: tuple[Outcome, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        t = self.item
        dl = t.deadline
        return {
            "id": t.id,
            "obligor": list(t.obligor),
            "action": t.action,
            "object": t.object,
            "stage": t.stage,
            "deadline": (
                {
                    "value": dl.value,
                    "mod": dl.mod,
                    "latest": iso(dl.latest),
                    "earliest": iso(dl.earliest),
                    "text": dl.text,
                }
                if dl
                else None
            ),
            "status": self.status,
            "days_left": self.days_left,
            "documents": list(t.documents),
            "evidence": t.raw["evidence"] if t.raw else [e.as_dict() for e in t.evidence],
            "story": t.story,
            "reported_on": iso(t.reported_on),
            "reported_status": t.reported_status,
            "certainty": t.certainty,
            "sources": t.raw["sources"] if t.raw else [s.as_dict() for s in t.sources],
            "on_time": self.on_time,
            "partial": self.partial,
            "fulfilled_by": [f.as_dict() for f in self.fulfilled_by],
            "broken_by": [f.as_dict() for f in self.broken_by],
            "superseded_by": t.superseded_by if self.status == "superseded" else None,
            "supersedes": list(t.supersedes),
            "contradicts": list(t.contradicts),
            "contradictions": list(t.contradictions),
        }


def known(t: Tracked, as_of: dt.date) -> bool:
    """Had any report stated the commitment by ``as_of``?"""
    return t.reported_on is None or t.reported_on <= as_of


def _by(outcome: Outcome, as_of: dt.date) -> bool:
    return outcome.published is None or outcome.published <= as_of


def status_on(t: Tracked, as_of: dt.date) -> Status:
    """The status of ``t`` on ``as_of``, from the reports published by then.

    fulfilled: a report says the obligor did it (``on_time``: by the deadline;
    ``partial``: part of it kept back); superseded: a later report moved the
    deadline; broken: a report says it was not or will not be done; else
    pending or overdue by the deadline's last day, unknown without a deadline.
    """
    latest = t.deadline.latest if t.deadline else None
    days_left = (latest - as_of).days if latest is not None else None
    done = tuple(f for f in t.fulfilments if _by(f, as_of))
    if done:
        whole = [f for f in done if not f.partial]
        first = (whole or list(done))[0]
        on_time = None if latest is None or first.on is None else first.on <= latest
        return Status(t, as_of, "fulfilled", days_left, on_time, not whole, done)
    if t.superseded_by is not None and (t.superseded_on is None or t.superseded_on <= as_of):
        return Status(t, as_of, "superseded", days_left)
    broken = tuple(b for b in t.broken if _by(b, as_of))
    if broken:
        return Status(t, as_of, "broken", days_left, broken_by=broken)
    if latest is None:
        return Status(t, as_of, "unknown", None)
    return Status(t, as_of, "pending" if latest >= as_of else "overdue", days_left)


def due(
    items: list[Tracked],
    as_of: dt.date,
    *,
    within: int | None = None,
    story: str | None = None,
) -> list[Status]:
    """Every commitment known on ``as_of`` with its status, ordered by deadline.

    ``within``: only those still open whose deadline falls in the next ``within``
    days, and those overdue.
    """
    out: list[Status] = []
    for t in items:
        if story is not None and t.story != story:
            continue
        if not known(t, as_of):
            continue
        s = status_on(t, as_of)
        if within is not None and (
            s.status not in ("pending", "overdue") or s.days_left is None or s.days_left > within
        ):
            continue
        out.append(s)
    out.sort(key=lambda s: (*dates.sort_key(s.item.deadline), s.item.reported_on or dt.date.min, s.item.id))
    return out


def _when(d: dict[str, Any]) -> When:
    return When(
        value=d.get("value"),
        mod=d.get("mod"),
        type=d.get("type") or "DATE",
        earliest=parse_iso(d.get("earliest")),
        latest=parse_iso(d.get("latest")),
        text=d.get("text"),
    )
