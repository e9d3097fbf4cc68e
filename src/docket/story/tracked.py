"""A merged commitment as the store keeps it, and its status on any day.

:class:`Tracked` is the flat, JSON-ready summary of a merged commitment: what
``docket due`` needs, so a store of many thousands of articles answers without
merging again. :func:`status_on` is the one place a status is decided.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docket.isodates import iso, parse_iso
from docket.story import dates, rules
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
            deadline=_when(dl) if dl else None,
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
    ended_by: tuple[Outcome, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        t = self.item
        return {**status_head(t), **self.told(), **status_body(t), **self.outcomes(), **status_tail(t)}

    def told(self) -> dict[str, Any]:
        """The status and the days left: what changes with the day, before the reports."""
        return {"status": self.status, "days_left": self.days_left}

    def outcomes(self) -> dict[str, Any]:
        """What changes with the day after the reports: fulfilments, breaches, the successor."""
        return {
            "on_time": self.on_time,
            "partial": self.partial,
            "fulfilled_by": [f.as_dict() for f in self.fulfilled_by],
            "broken_by": [f.as_dict() for f in self.broken_by],
            "superseded_by": self.item.superseded_by if self.status == "superseded" else None,
            "ended_by": [f.as_dict() for f in self.ended_by],
            "why": self.why(),
        }

    def why(self) -> str:
        """The status in words, with the report it rests on."""
        return why(self)


def status_json(parts: tuple[str, str, str], status: str, days_left: int | None, outcomes: str) -> str:
    """A status's JSON spliced from the stored :func:`status_parts` of its item and the day's
    status, days left and outcomes (a :func:`status_segments` entry): no object is built."""
    head, body, tail = parts
    days = "null" if days_left is None else str(days_left)
    return f'{{{head}, "status": "{status}", "days_left": {days}, {body}, {outcomes}, {tail}}}'


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


def _inner(d: dict[str, Any]) -> str:
    """A dict's JSON without its braces, to splice into a larger object."""
    return json.dumps(d, ensure_ascii=False)[1:-1]


def status_parts(t: Tracked) -> tuple[str, str, str]:
    """The parts of a status's JSON that do not change with the day (see :func:`status_json`)."""
    return _inner(status_head(t)), _inner(status_body(t)), _inner(status_tail(t))


def status_segments(t: Tracked) -> list[list[str]]:
    """``t``'s status on every day, told once per span of days over which only ``days_left``
    changes: ``[first day, status, outcomes as JSON]`` in order of day, each entry holding until
    the next one's day. :func:`status_on` tells each span, on its first day: a report of
    fulfilment, breach or a move, and the day after the deadline, are where a status can change."""
    days = {dt.date.min}
    days.update(o.published for o in (*t.fulfilments, *t.broken, *t.ended) if o.published is not None)
    days.update(o.on + dt.timedelta(days=1) for o in t.ended if o.on is not None and o.on < dt.date.max)
    if t.superseded_on is not None:
        days.add(t.superseded_on)
    latest = t.deadline.latest if t.deadline else None
    if latest is not None and latest < dt.date.max:
        days.add(latest + dt.timedelta(days=1))
    out: list[list[str]] = []
    for day in sorted(days):
        s = status_on(t, day)
        told = [s.status, _inner(s.outcomes())]
        if not out or out[-1][1:] != told:
            out.append([day.isoformat(), *told])
    return out


def segment_on(segments: list[list[str]], day: str) -> list[str]:
    """The :func:`status_segments` entry that holds on ``day`` (YYYY-MM-DD)."""
    found = segments[0]
    for seg in segments:
        if seg[0] > day:
            break
        found = seg
    return found


def due_order(t: Tracked) -> str:
    """The key :func:`due` sorts by, as one text: deadline's first and last day, first report, id."""
    first, last = dates.sort_key(t.deadline)
    return f"{first.isoformat()}{last.isoformat()}{(t.reported_on or dt.date.min).isoformat()}{t.id}"


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
        _when(dl) if dl else None,
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


def known(t: Tracked, as_of: dt.date) -> bool:
    """Had any report stated the commitment by ``as_of``?"""
    return t.reported_on is None or t.reported_on <= as_of


def _by(outcome: Outcome, as_of: dt.date) -> bool:
    return outcome.published is None or outcome.published <= as_of


def status_on(t: Tracked, as_of: dt.date) -> Status:
    """The status of ``t`` on ``as_of``, from the reports published by then.

    fulfilled: a report says the obligor did it (``on_time``: by the deadline;
    ``partial``: part of it kept back); superseded: a later report moved the
    deadline; ended: the arrangement ran to its end (passed by ``as_of``) and a report
    says it was not renewed; broken: a report says it was not or will not be done; else
    pending or overdue by the deadline's last day, unknown without a deadline (and
    past the end of a commitment to go on doing something: rules.lasting).
    """
    latest = t.deadline.latest if t.deadline else None
    days_left = (latest - as_of).days if latest is not None else None
    if t.rejected:
        return Status(t, as_of, "rejected", None)
    done = tuple(f for f in t.fulfilments if _by(f, as_of))
    if done:
        whole = [f for f in done if not f.partial]
        first = (whole or list(done))[0]
        on_time = None if latest is None or first.on is None else first.on <= latest
        return Status(t, as_of, "fulfilled", days_left, on_time, not whole, done)
    if t.superseded_by is not None and (t.superseded_on is None or t.superseded_on <= as_of):
        return Status(t, as_of, "superseded", days_left)
    # ran to its end, not renewed: no side broke anything, the one that would not renew included
    ended = tuple(e for e in t.ended if _by(e, as_of) and (e.on is None or e.on < as_of))
    if ended:
        return Status(t, as_of, "ended", days_left, ended_by=ended)
    broken = tuple(b for b in t.broken if _by(b, as_of))
    if broken:
        return Status(t, as_of, "broken", days_left, broken_by=broken)
    if latest is None:
        return Status(t, as_of, "unknown", None)
    if latest < as_of and t.action in rules.default().lasting:
        return Status(t, as_of, "unknown", days_left)  # it was to last until then: kept or not, untold
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
        duration=d.get("duration"),
        anchor=d.get("anchor_text"),
        anchor_day=parse_iso(d.get("anchor_day")),
    )


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


def history_words(history: Sequence[dict[str, Any]], outcome: str | None = None) -> str:
    """ "2019-03-29 (report a1b2c3d4e5f6, 2019-03-01) → 2019-04-12 (report …) → 2019-10-31 (analyst
    ann, correction 3), fulfilled (report …)"."""
    parts: list[str] = []
    for link in history:
        if link.get("correction") is not None:
            who = f"analyst {link.get('by')}, correction {link['correction']}"
        else:
            day = f", {link['reported_on']}" if link.get("reported_on") else ""
            who = f"report {str(link.get('document') or '')[:12]}{day}"
        parts.append(f"{link.get('deadline') or 'no deadline'} ({who})")
    text = " → ".join(parts)
    if outcome:
        text = f"{text}, {outcome}" if text else outcome
    return text


# -- why, in words -----------------------------------------------------------------------


def report_words(o: Outcome) -> str:
    """How a status names the report it rests on: its id, cut short, and its day (or the analyst
    and the correction, when a person said so)."""
    day = f" ({iso(o.published)})" if o.published is not None else ""
    if o.correction is not None:
        return f"analyst {o.by}, correction {o.correction}{day}"
    return f"report {o.document[:12]}{day}"


def says_words(o: Outcome) -> str:
    if o.correction is not None:
        return f': "{o.said}"' if o.said else ""
    return f' says "{o.said}"' if o.said else f" tells of it ({o.action})"


def moved_words(t: Tracked) -> str:
    """ "superseded by D2 due 2026-03 (report R (day))": the move, with its successor's deadline."""
    successor = next((x for x in t.chain if x[0] == t.superseded_by), None)
    if successor is not None:
        ident, deadline, document, day = successor
        return f"superseded by {ident} due {deadline} (report {document[:12]} ({day}))"
    return f"superseded by {t.superseded_by} ({iso(t.superseded_on)})"


def ended_words(o: Outcome) -> str:
    end = iso(o.on) or "its end"
    return f"ended: ran to its end on {end}; not renewed ({report_words(o)}{says_words(o)})"


def why(s: Status) -> str:
    """``s`` in words, with the report it rests on: "fulfilled: report R (2025-12-16) says ...",
    "superseded by D2 (report R)", "ended: ran to its end on D; not renewed (report R)"."""
    t = s.item
    due = dates.label(t.deadline) if t.deadline is not None and t.deadline.latest is not None else None
    if s.status == "fulfilled":
        first = (s.fulfilled_by or (None,))[0]
        head = "partly fulfilled" if s.partial else "fulfilled"
        late = "; late" if s.on_time is False else ""
        return f"{head}: {report_words(first)}{says_words(first)}{late}" if first else head
    if s.status == "superseded":
        return moved_words(t)
    if s.status == "ended":
        return ended_words(s.ended_by[0])
    if s.status == "broken":
        first = s.broken_by[0]
        return f"broken: {report_words(first)}{says_words(first)}"
    if s.status == "rejected":
        who = next((c for c in reversed(t.corrections) if c.get("kind") == "reject"), None)
        note = f': "{who["note"]}"' if who and who.get("note") else ""
        return f"rejected: analyst {who['by']}, correction {who['id']}{note}" if who else "rejected"
    if s.status == "pending":
        return f"pending: due {due}; no report yet says it was met, moved or broken"
    if s.status == "overdue":
        return f"overdue: due {due} passed; no report says it was met, moved or broken"
    if due is not None:
        return f"unknown: it was to last until {due}; no report says whether it did"
    return "unknown: no deadline, and no report says it was met or broken"
