"""The timeline: events, commitments, deadlines and outcomes in time order, each at its precision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from docket.isodates import iso, parse_iso
from docket.story import dates
from docket.story.merge import short_id
from docket.story.model import EventReport, Evidence, MergedEvent, SourceRef, When
from docket.story.status import ended_words, history_words, moved_words, report_words, says_words
from docket.story.tracked import Outcome, Tracked

# at one moment, what is said before what follows from it
_KIND_ORDER = {
    "event": 0,
    "commitment": 1,
    "moved": 2,
    "fulfilment": 3,
    "broken": 4,
    "deadline": 5,
    "ended": 6,
    "held": 3,  # a vote reported held: beside the fulfilment it gives
}


@dataclass(frozen=True)
class Entry:
    kind: str  # event, commitment, deadline, fulfilment, moved, broken, ended, held
    when: When
    dated_by: str  # "time": the text gives it; "report": the day of the report
    item: str  # the merged commitment or event id
    action: str
    actors: tuple[str, ...]
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    story: str | None = None
    status: str | None = None
    detail: str | None = None
    sources: tuple[SourceRef, ...] = ()
    why: str | None = None  # what the entry does to its commitment, in words, with its report

    @property
    def precision(self) -> str:
        return dates.precision(self.when.value)

    def key(self) -> tuple[Any, ...]:
        first, last = dates.sort_key(self.when)
        return (first, last, _KIND_ORDER.get(self.kind, 9), self.item)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "when": when_words(self.when),
            "value": self.when.value,
            "mod": self.when.mod,
            "precision": self.precision,
            "earliest": iso(self.when.earliest),
            "latest": iso(self.when.latest),
            "dated_by": self.dated_by,
            "item": self.item,
            "action": self.action,
            "actors": list(self.actors),
            "status": self.status,
            "detail": self.detail,
            "story": self.story,
            "documents": list(self.documents),
            "evidence": [e.as_dict() for e in self.evidence],
            "sources": [s.as_dict() for s in self.sources],
            "why": self.why,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        when = When(
            value=d.get("value"),
            mod=d.get("mod"),
            earliest=parse_iso(d.get("earliest")),
            latest=parse_iso(d.get("latest")),
        )
        return cls(
            kind=d["kind"],
            when=when,
            dated_by=d.get("dated_by") or "time",
            item=d["item"],
            action=d.get("action") or "",
            actors=tuple(d.get("actors") or ()),
            documents=tuple(d.get("documents") or ()),
            evidence=tuple(Evidence(e["document"], e["start"], e["end"]) for e in d.get("evidence") or ()),
            story=d.get("story"),
            status=d.get("status"),
            detail=d.get("detail"),
            sources=tuple(
                SourceRef(s["document"], s["id"], s["kind"], s["text"], s.get("name"))
                for s in d.get("sources") or ()
            ),
            why=d.get("why"),
        )


def when_words(when: When) -> str:
    """An entry's time as shown: its value at its precision; one placed by a span from its anchor
    ("P9M") shows the day it runs out, with the span and the anchor, never the span as a date."""
    if dates.precision(when.value) == "duration" and when.latest is not None:
        anchor = f" from {when.earliest.isoformat()}" if when.earliest is not None else ""
        return f"{when.latest.isoformat()} ({when.value}{anchor})"
    return dates.label(when)


def _day(day: dt.date) -> When:
    return When(day.isoformat(), None, "DATE", day, day)


def event_entries(e: MergedEvent) -> list[Entry]:
    time = e.time
    first = e.first
    if time is not None:
        when, by = time, "time"
    elif first.published is not None:
        when, by = _day(first.published), "report"
    else:
        return []
    sources: dict[tuple[str, str], SourceRef] = {}
    for r in e.reports:
        for s in r.sources:
            sources.setdefault((s.document, s.id), s)
    return [
        Entry(
            kind="event",
            when=when,
            dated_by=by,
            item=e.id,
            action=first.action,
            actors=tuple(dict.fromkeys([*first.agents, *first.patients])),
            documents=tuple(e.documents),
            evidence=tuple(r.evidence for r in e.reports),
            story=e.story,
            status=first.status,
            detail=first.type,
            sources=tuple(sources.values()),
        )
    ]


def held_entry(e: EventReport, story: str | None, kept: str | None) -> Entry | None:
    """A vote reported held (docket.story.held) as an entry of its story: on the day the report gives
    it, else the report's own day; ``kept``: the commitment it fulfils (its item), if any."""
    if e.time is not None and e.time.latest is not None:
        when, by = e.time, "time"
    elif e.published is not None:
        when, by = _day(e.published), "report"
    else:
        return None
    day = f" ({e.published.isoformat()})" if e.published is not None else ""
    said = f' says "{e.said}"' if e.said else ""
    keeps = f"; fulfils {kept}" if kept is not None else ""
    return Entry(
        kind="held",
        when=when,
        dated_by=by,
        item=kept or short_id("h", e.document, e.id),
        action=e.action,
        actors=e.agents or e.about,
        documents=(e.document,),
        evidence=(e.evidence,),
        story=story,
        status="fulfilled" if kept is not None else "occurred",
        detail=e.text,
        why=f"held: report {e.document[:12]}{day}{said}{keeps}",
    )


def commitment_entries(t: Tracked) -> list[Entry]:
    out: list[Entry] = []
    common = {
        "item": t.id,
        "action": t.action,
        "actors": t.obligor,
        "story": t.story,
    }
    rejected = next((c for c in reversed(t.corrections) if c.get("kind") == "reject"), None)
    if t.reported_on is not None:
        out.append(
            Entry(
                kind="commitment",
                when=_day(t.reported_on),
                dated_by="report",
                documents=t.documents,
                evidence=t.evidence,
                detail=t.object,
                status="rejected" if t.rejected else t.reported_status,
                sources=t.sources,
                why=f"rejected: analyst {rejected['by']}, correction {rejected['id']}"
                if rejected and t.rejected
                else None,
                **common,  # type: ignore[arg-type]
            )
        )
    if t.rejected:
        return out  # an analyst said it is no commitment: no deadline, no outcome to place
    if t.deadline is not None and t.deadline.latest is not None:
        out.append(
            Entry(
                kind="deadline",
                when=t.deadline,
                dated_by="time",
                documents=t.documents,
                evidence=t.evidence,
                detail=t.object,
                sources=t.sources,
                # a deadline moved or corrected: its history, first to last
                why=f"deadline history: {history_words(t.history)}" if len(t.history) > 1 else None,
                **common,  # type: ignore[arg-type]
            )
        )
    for f in t.fulfilments:
        if f.on is not None:
            head = "partly fulfilled" if f.partial else "fulfilled"
            why = f"{head}: {report_words(f)}{says_words(f)}"
            out.append(_told("fulfilment", f.on, f, why, common, status="partial" if f.partial else "done"))
    if t.superseded_by is not None and t.superseded_on is not None:
        out.append(
            Entry(
                kind="moved",
                when=_day(t.superseded_on),
                dated_by="report",
                documents=t.documents,
                evidence=t.evidence,
                detail=t.superseded_by,
                why=moved_words(t),
                **common,  # type: ignore[arg-type]
            )
        )
    for b in t.broken:
        if b.published is not None:
            out.append(_told("broken", b.published, b, f"broken: {report_words(b)}{says_words(b)}", common))
    for x in t.ended:
        if x.published is not None:
            day = x.on if x.on is not None and x.on <= x.published else x.published
            out.append(_told("ended", day, x, ended_words(x), common))
    return out


def _told(
    kind: str, day: dt.date, o: Outcome, why: str, common: dict[str, Any], status: str | None = None
) -> Entry:
    """The entry of a report of what happened to a commitment, on ``day`` (the report's own day,
    or the day it tells of)."""
    return Entry(
        kind=kind,
        when=_day(day),
        dated_by="time" if day != o.published else "report",
        documents=(o.document,),
        evidence=(o.evidence,),
        status=status,
        detail=o.action,
        why=why,
        **common,
    )


def ordered(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=Entry.key)
