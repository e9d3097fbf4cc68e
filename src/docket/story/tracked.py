"""A merged commitment as the store keeps it.

:class:`Tracked` is the flat, JSON-ready summary of a merged commitment: what
``docket due`` needs, so a store of many thousands of articles answers without
merging again. Its status on a day is docket.story.status's (:func:`status_on`, the one
place a status is decided); docket.story.segments keeps statuses as the saved index stores them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docket.isodates import iso, parse_iso
from docket.story import dates
from docket.story.model import Evidence, Fulfilment, MergedCommitment, SourceRef, When

STATUSES = ("pending", "overdue", "fulfilled", "broken", "superseded", "ended", "unknown", "rejected")


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
    said: str = ""  # the report's words for it (its sentence, cut short)
    # an analyst's word rather than a report's: the correction's id and who made it
    correction: int | None = None
    by: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {
            "document": self.document,
            "published": iso(self.published),
            "on": iso(self.on),
            "start": self.evidence.start,
            "end": self.evidence.end,
            "action": self.action,
            "partial": self.partial,
            "retained": self.retained.as_dict() if self.retained else None,
            "said": self.said,
        }
        if self.correction is not None:
            out.update(correction=self.correction, by=self.by)
        return out

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
            said=d.get("said") or "",
            correction=d.get("correction"),
            by=d.get("by"),
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
    # reports that the arrangement ran to its end and was not renewed (``on``: the day it ended)
    ended: tuple[Outcome, ...] = ()
    # the chain of moves this commitment is a link of, first to last: (id, deadline, document, day)
    chain: tuple[tuple[str, str, str, str], ...] = ()
    # an analyst's word (docket.story.corrections): said not to be a commitment, vouched for, and
    # the corrections laid over it (id, kind, field, value, by, at, note)
    rejected: bool = False
    confirmed: bool = False
    corrections: tuple[dict[str, Any], ...] = ()
    # its deadlines first to last, each with the report (or correction) that set it
    history: tuple[dict[str, Any], ...] = ()
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
            "ended": [f.as_dict() for f in self.ended],
            "chain": [chain_link(x) for x in self.chain],
            "rejected": self.rejected,
            "confirmed": self.confirmed,
            "corrections": list(self.corrections),
            "history": list(self.history),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tracked:
        # a whole store's statuses are read through here: lists are built only when not empty
        get = d.get
        dl = get("deadline")
        evidence = get("evidence")
        sources = get("sources")
        restated = get("restated")
        done = get("fulfilments")
        broken = get("broken")
        ended = get("ended")
        chain = get("chain")
        return cls(
            id=d["id"],
            obligor=tuple(get("obligor") or ()),
            action=d["action"],
            object=get("object"),
            stage=get("stage"),
            deadline=When.from_dict(dl) if dl else None,
            reported_on=parse_iso(get("reported_on")),
            documents=tuple(get("documents") or ()),
            evidence=tuple([Evidence(e["document"], e["start"], e["end"]) for e in evidence])
            if evidence
            else (),
            story=get("story"),
            thread=get("thread"),
            parties=tuple(get("parties") or ()),
            reported_status=get("reported_status"),
            certainty=get("certainty"),
            text=get("text"),
            sources=(
                tuple(
                    [SourceRef(s["document"], s["id"], s["kind"], s["text"], s.get("name")) for s in sources]
                )
                if sources
                else ()
            ),
            restated=tuple([(x[0], x[1]) for x in restated]) if restated else (),
            fulfilments=tuple([Outcome.from_dict(x) for x in done]) if done else (),
            broken=tuple([Outcome.from_dict(x) for x in broken]) if broken else (),
            superseded_by=get("superseded_by"),
            superseded_on=parse_iso(get("superseded_on")),
            supersedes=tuple(get("supersedes") or ()),
            contradicts=tuple(get("contradicts") or ()),
            contradictions=tuple(get("contradictions") or ()),
            ended=tuple([Outcome.from_dict(x) for x in ended]) if ended else (),
            chain=tuple([(x["id"], x["deadline"], x["document"], x["reported_on"]) for x in chain])
            if chain
            else (),
            rejected=bool(get("rejected")),
            confirmed=bool(get("confirmed")),
            corrections=tuple(get("corrections") or ()),
            history=tuple(get("history") or ()),
            raw=d,
        )


def track(
    c: MergedCommitment,
    contradictions: tuple[str, ...] = (),
    chain: tuple[tuple[str, str, str, str], ...] = (),
) -> Tracked:
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
            Outcome(e.document, e.published, e.happened_by, e.evidence, e.action, said=e.said)
            for e in c.broken_by
        ),
        ended=tuple(
            Outcome(
                f.event.document, f.event.published, f.on, f.event.evidence, f.event.action, said=f.event.said
            )
            for f in c.endings
        ),
        superseded_by=c.superseded_by,
        superseded_on=c.superseded_on,
        supersedes=tuple(c.supersedes),
        contradicts=tuple(c.contradicts),
        contradictions=contradictions,
        chain=chain,
        history=history_of(c.id, c.deadline, c.documents, c.reported_on, chain),
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
                said=first.event.said,
            )
        )
    return tuple(out)


def status_head(t: Tracked) -> dict[str, Any]:
    dl = t.deadline
    deadline: dict[str, Any] | None = None
    if dl is not None:
        deadline = {
            "value": dl.value,
            "mod": dl.mod,
            "latest": iso(dl.latest),
            "earliest": iso(dl.earliest),
            "text": dl.text,
        }
        if dl.duration:
            deadline |= dl.counted()  # "90 days from the signing on 2025-06-27", or "anchor": "unknown"
    return {
        "id": t.id,
        "obligor": list(t.obligor),
        "action": t.action,
        "object": t.object,
        "stage": t.stage,
        "deadline": deadline,
    }


def status_body(t: Tracked) -> dict[str, Any]:
    return {
        "documents": list(t.documents),
        "evidence": t.raw["evidence"] if t.raw else [e.as_dict() for e in t.evidence],
        "story": t.story,
        "reported_on": iso(t.reported_on),
        "reported_status": t.reported_status,
        "certainty": t.certainty,
        "sources": t.raw["sources"] if t.raw else [s.as_dict() for s in t.sources],
    }


def status_tail(t: Tracked) -> dict[str, Any]:
    return {
        "supersedes": list(t.supersedes),
        "contradicts": list(t.contradicts),
        "contradictions": list(t.contradictions),
        "chain": [chain_link(x) for x in t.chain],
        "history": list(t.history),
        "rejected": t.rejected,
        "confirmed": t.confirmed,
        "corrections": list(t.corrections),
    }


def chain_link(link: tuple[str, str, str, str]) -> dict[str, str]:
    """One link of a chain of moved deadlines, as JSON: the commitment, its deadline, the report
    that set it and that report's day."""
    ident, deadline, document, day = link
    return {"id": ident, "deadline": deadline, "document": document, "reported_on": day}


def light_row(t: Tracked) -> list[Any]:
    """What a status on a day, its place in the list and its table row need of ``t``, as a JSON-ready
    list (a fraction of ``t.as_dict()``, and quicker to read back than keys): see :func:`from_light`."""
    dl = t.deadline
    return [
        t.id,
        list(t.obligor),
        t.action,
        t.object,
        t.stage,
        dl.as_dict() if dl else None,
        iso(t.reported_on),
        t.story,
        [f.as_dict() for f in t.fulfilments],
        [b.as_dict() for b in t.broken],
        t.superseded_by,
        iso(t.superseded_on),
        len(t.documents),
        [e.as_dict() for e in t.ended],
        [list(x) for x in t.chain],
        t.rejected,
        list(t.history),
        list(t.corrections),
    ]


def from_light(row: list[Any]) -> tuple[Tracked, int]:
    """The light :class:`Tracked` of a :func:`light_row` (no documents, evidence, sources or links:
    enough for :func:`status_on`, :func:`due` and a table row), and how many documents state it."""
    (id_, obligor, action, obj, stage, dl, reported_on, story, done, broken, successor, moved_on, n) = row[
        :13
    ]
    ended, chain = (row[13], row[14]) if len(row) > 14 else ([], [])
    t = Tracked(
        id_,
        tuple(obligor),
        action,
        obj,
        stage,
        When.from_dict(dl) if dl else None,
        parse_iso(reported_on),
        (),
        (),
        story,
        fulfilments=tuple([Outcome.from_dict(x) for x in done]) if done else (),
        broken=tuple([Outcome.from_dict(x) for x in broken]) if broken else (),
        superseded_by=successor,
        superseded_on=parse_iso(moved_on),
        ended=tuple([Outcome.from_dict(x) for x in ended]) if ended else (),
        chain=tuple([(x[0], x[1], x[2], x[3]) for x in chain]) if chain else (),
        rejected=bool(row[15]) if len(row) > 15 else False,
        history=tuple(row[16]) if len(row) > 16 else (),
        corrections=tuple(row[17]) if len(row) > 17 else (),
    )
    return t, int(n)


# -- a deadline's history ----------------------------------------------------------------------


def history_of(
    ident: str,
    deadline: When | None,
    documents: list[str],
    reported_on: dt.date | None,
    chain: tuple[tuple[str, str, str, str], ...],
) -> tuple[dict[str, Any], ...]:
    """The deadlines a commitment had, first to last, each with the report that set it: its chain
    of moves (or its own deadline)."""
    links = chain or (
        ((ident, dates.label(deadline), documents[0] if documents else "", iso(reported_on) or ""),)
        if deadline is not None
        else ()
    )
    return tuple(
        {"item": ident, "deadline": deadline, "document": document, "reported_on": day or None}
        for ident, deadline, document, day in links
    )
