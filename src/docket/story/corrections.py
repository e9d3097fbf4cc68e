"""An analyst's corrections, applied each time the story index is built.

Corrections are data kept apart from what docket extracts (``corrections`` table, see
docket.index.corrections): re-extracting an article, new rules or a rebuild of the index
leave them standing, because they are applied again on every build:

- a missed commitment an analyst added is one more report (:func:`added_reports`) before
  the merge;
- merged or split stories move articles between the groups the clustering made
  (:func:`regroup`);
- a fix, a rejection, a confirmation or a status is laid over the merged commitment it is
  anchored to, by its article and span (:func:`amend`), and a report from an article the
  analyst had not seen that says otherwise is listed as a disagreement, never overridden
  either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from docket.story import dates
from docket.story.merge import merge_events, short_id
from docket.story.model import (
    Claim,
    CommitmentReport,
    Contradiction,
    DocInfo,
    EventReport,
    Evidence,
    MergedCommitment,
    When,
)
from docket.story.tracked import Outcome, Tracked

FIELDS = ("obligor", "action", "object", "deadline", "stage", "status")
KINDS = ("fix", "reject", "confirm", "add", "merge", "split")


@dataclass(frozen=True)
class Correction:
    """One correction as stored: what it changes, where, who made it, when and why."""

    id: int
    kind: str
    item_kind: str  # commitment or story
    item: str | None
    document: str | None
    start: int | None
    end: int | None
    field: str | None
    value: Any
    analyst: str
    made_at: str
    note: str | None = None
    seen: tuple[str, ...] = ()
    undone: bool = False
    undone_at: str | None = None
    undone_by: str | None = None
    was: Any = None  # what docket read the item as when it was corrected

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "item_kind": self.item_kind,
            "item": self.item,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "value": self.value,
            "by": self.analyst,
            "at": self.made_at,
            "note": self.note,
            "undone": self.undone,
            "undone_at": self.undone_at,
            "undone_by": self.undone_by,
            "was": self.was,
        }

    def brief(self) -> dict[str, Any]:
        """What a commitment's JSON carries of a correction laid over it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "field": self.field,
            "value": self.value,
            "by": self.analyst,
            "at": self.made_at,
            "note": self.note,
        }


def deadline_of(value: Any, anchor: dt.date | None) -> When | None:
    """A corrected deadline ({"value": TIMEX3 value, "mod": mod}) with its calendar bounds."""
    if not isinstance(value, dict) or not value.get("value"):
        return None
    return dates.complete(When(str(value["value"]), value.get("mod"), "DATE", text=None), anchor)


def value_words(c: Correction) -> str:
    """The corrected value as a person reads it."""
    return words_of(c.kind, c.field, c.value)


def words_of(kind: str, field: str | None, v: Any) -> str:
    """A correction's value in words: "HTI", "2026 END", "fulfilled on 2021-08-30", "HTI hold
    municipal elections by 2005-12"."""
    if kind in ("reject", "confirm"):
        return f"{kind}ed"
    if kind == "add" and isinstance(v, dict):
        what = " ".join(
            str(x) for x in ("+".join(v.get("obligor") or ()), v.get("action"), v.get("object")) if x
        )
        due = words_of("fix", "deadline", v.get("deadline")) if v.get("deadline") else ""
        return f"{what} by {due}" if due else what
    if field == "obligor" and isinstance(v, list):
        return "+".join(str(x) for x in v)
    if field == "deadline" and isinstance(v, dict):
        return f"{v.get('value')} {v['mod']}" if v.get("mod") else str(v.get("value"))
    if field == "status" and isinstance(v, dict):
        return f"{v.get('status')} on {v.get('on')}" if v.get("on") else str(v.get("status"))
    return "" if v is None else str(v)


# -- before the merge: commitments an analyst added --------------------------------------------


def added_id(c: Correction) -> str:
    """The report id of a commitment an analyst added (its merged id follows from it)."""
    return f"a{c.id}"


def added_item_id(c: Correction) -> str:
    """The merged id (as ``due --json`` shows it) a commitment added by ``c`` takes."""
    return short_id("k", c.document or "", added_id(c))


def added_reports(corrections: Iterable[Correction], documents: Sequence[DocInfo]) -> list[CommitmentReport]:
    """The commitments an analyst added to articles that are in the store."""
    by_id = {d.id: d for d in documents}
    out: list[CommitmentReport] = []
    for c in corrections:
        if c.kind != "add" or c.undone or c.document not in by_id or not isinstance(c.value, dict):
            continue
        doc = by_id[c.document]
        v = c.value
        out.append(
            CommitmentReport(
                document=doc.id,
                published=doc.published,
                id=added_id(c),
                obligor=tuple(v.get("obligor") or ()),
                action=str(v.get("action") or "commit"),
                object=v.get("object"),
                stage=v.get("stage"),
                deadline=deadline_of(v.get("deadline"), doc.published),
                status="agreed",
                certainty="certain",
                start=int(c.start or 0),
                end=int(c.end or 0),
                text=v.get("text"),
            )
        )
    return out


# -- before the merge: events an analyst rejected --------------------------------------------------


def without_rejected_events(
    events: Sequence[EventReport], corrections: Iterable[Correction]
) -> tuple[tuple[EventReport, ...], dict[int, str]]:
    """The event reports left once every report of an event an analyst rejected is taken out (it
    is then in no timeline and fulfils nothing), and correction id -> the event it holds on."""
    marks = [c for c in corrections if not c.undone and c.item_kind == "event"]
    if not marks:
        return tuple(events), {}
    merged = merge_events(events)
    found: dict[int, str] = {}
    dropped: set[tuple[str, str]] = set()
    for c in marks:
        hits = [
            m
            for m in merged
            if any(r.document == c.document and (r.start, r.end) == (c.start, c.end) for r in m.reports)
        ]
        hits.sort(key=lambda m: m.id != c.item)  # the event it was made on, when it is still there
        if not hits:
            continue
        found[c.id] = hits[0].id
        if c.kind == "reject":
            dropped.update((r.document, r.id) for r in hits[0].reports)
    return tuple(r for r in events if (r.document, r.id) not in dropped), found


# -- stories merged and split ------------------------------------------------------------------


def regroup(group_of: dict[str, str], corrections: Iterable[Correction]) -> dict[str, str]:
    """Document -> group, after the analyst's merges and splits, in the order they were made.

    A merge joins the groups holding the articles each story had when it was merged; a split
    takes the articles named out of their group into one of their own."""
    out = dict(group_of)
    for c in corrections:
        if c.undone or not isinstance(c.value, dict):
            continue
        if c.kind == "merge":
            sides = [[d for d in side if d in out] for side in c.value.get("documents") or ()]
            sides = [side for side in sides if side]
            if len(sides) < 2:
                continue
            into = out[sides[0][0]]
            for side in sides[1:]:
                old = out[side[0]]
                for doc, group in out.items():
                    if group == old:
                        out[doc] = into
        elif c.kind == "split":
            moved = [d for d in c.value.get("documents") or () if d in out]
            for doc in moved:
                out[doc] = f"split-{c.id}"
    return out


# -- after the merge: fixes laid over the merged commitments ----------------------------------------


@dataclass
class Amended:
    """What the analyst's corrections made of the merged commitments."""

    tracked: list[Tracked]
    contradictions: list[Contradiction] = field(default_factory=list)
    found: dict[int, str] = field(default_factory=dict)  # correction id -> the item it holds on


def _overlap(r: CommitmentReport, start: int, end: int) -> int:
    return min(r.end, end) - max(r.start, start)


def anchor_of(merged: Sequence[MergedCommitment], c: Correction) -> MergedCommitment | None:
    """The merged commitment a correction is anchored to: the one stated by its article at its
    span (exactly, else the most overlapping span)."""
    if c.document is None or c.start is None or c.end is None:
        return None
    was = c.was if isinstance(c.was, dict) else {}
    best: tuple[int, ...] | None = None
    found: MergedCommitment | None = None
    for m in merged:
        for r in m.reports:
            if r.document != c.document:
                continue
            exact = int(r.start == c.start and r.end == c.end)
            share = _overlap(r, c.start, c.end)
            if share <= 0 and not exact:
                continue
            # one sentence may state two promises: the one read alike (same id, verb, object) wins
            alike = (m.id == c.item) + (r.action == was.get("action")) + (r.object == was.get("object"))
            if c.kind == "add":
                alike = 3 * (r.id == added_id(c))
            key = (alike, exact, share)
            if best is None or key > best:
                best, found = key, m
    return found


def amend(
    merged: Sequence[MergedCommitment], tracked: Sequence[Tracked], corrections: Sequence[Correction]
) -> Amended:
    """Lay every standing correction of a commitment over the merged commitment it holds on."""
    live = [c for c in corrections if not c.undone and c.item_kind == "commitment"]
    by_item: dict[str, list[Correction]] = {}
    out = Amended(list(tracked))
    index = {m.id: m for m in merged}
    for c in sorted(live, key=lambda x: x.id):
        m = anchor_of(merged, c)
        if m is None:
            continue
        out.found[c.id] = m.id
        by_item.setdefault(m.id, []).append(c)
    for n, t in enumerate(out.tracked):
        mine = by_item.get(t.id)
        if not mine:
            continue
        amended, disagreements = _apply(t, index[t.id], mine)
        out.tracked[n] = amended
        out.contradictions.extend(disagreements)
    return out


def _outcome(t: Tracked, c: Correction, on: dt.date | None) -> Outcome:
    first = t.evidence[0] if t.evidence else Evidence(t.documents[0] if t.documents else "", 0, 0)
    return Outcome(
        document=first.document,
        published=on,
        on=on,
        evidence=first,
        action="correction",
        said=c.note or "",
        correction=c.id,
        by=c.analyst,
    )


def _apply(t: Tracked, m: MergedCommitment, mine: list[Correction]) -> tuple[Tracked, list[Contradiction]]:
    changes: dict[str, Any] = {}
    briefs = [c.brief() for c in mine]
    done = list(t.fulfilments)
    broken = list(t.broken)
    history = list(t.history)
    disagreements: list[Contradiction] = []
    for c in mine:
        if c.kind == "reject":
            changes["rejected"] = True
        elif c.kind in ("confirm", "add"):  # one an analyst added is vouched for
            changes["confirmed"] = True
        elif c.field == "obligor":
            changes["obligor"] = tuple(str(x) for x in c.value or ())
        elif c.field in ("action", "object"):
            changes[c.field] = c.value
        elif c.field == "stage":
            changes["stage"] = int(c.value) if c.value is not None else None
        elif c.field == "deadline":
            when = deadline_of(c.value, t.reported_on)
            changes["deadline"] = when
            history.append(
                {
                    "item": t.id,
                    "deadline": dates.label(when),
                    "document": None,
                    "reported_on": c.made_at[:10],
                    "correction": c.id,
                    "by": c.analyst,
                }
            )
        elif c.field == "status" and isinstance(c.value, dict):
            on = dt.date.fromisoformat(c.value["on"]) if c.value.get("on") else None
            if c.value.get("status") == "fulfilled":
                done.insert(0, _outcome(t, c, on))
            elif c.value.get("status") == "broken":
                broken.insert(0, _outcome(t, c, on))
        disagreement = _disagreement(t, m, c)
        if disagreement is not None:
            disagreements.append(disagreement)
    changes.update(
        corrections=tuple(briefs),
        fulfilments=tuple(done),
        broken=tuple(broken),
        history=tuple(history),
        contradictions=(*t.contradictions, *(x.id for x in disagreements)),
    )
    return replace(t, **changes), disagreements


def _disagreement(t: Tracked, m: MergedCommitment, c: Correction) -> Contradiction | None:
    """A report from an article the analyst had not seen that says otherwise than ``c``."""
    seen = set(c.seen)
    newer = [r for r in m.reports if r.document not in seen]
    claims: dict[str, list[CommitmentReport]] = {}
    if c.kind == "reject":
        for r in newer:
            claims.setdefault("stated as a commitment", []).append(r)
    elif c.field == "obligor":
        wanted = {str(x) for x in c.value or ()}
        for r in newer:
            if r.obligor and set(r.obligor) != wanted:
                claims.setdefault("+".join(r.obligor), []).append(r)
    elif c.field == "deadline":
        wanted_label = dates.label(deadline_of(c.value, t.reported_on))
        for r in newer:
            if r.deadline is not None and dates.label(r.deadline) != wanted_label:
                claims.setdefault(dates.label(r.deadline), []).append(r)
    elif c.field == "status" and isinstance(c.value, dict) and c.value.get("status") == "fulfilled":
        for b in m.broken_by:
            if b.document not in seen:
                claims.setdefault(f"broken ({b.action})", []).append(
                    replace(m.first, document=b.document, start=b.start, end=b.end)
                )
    if not claims:
        return None
    ours = Claim(
        value=f"{value_words(c)} (analyst {c.analyst}, correction {c.id})", documents=(), evidence=()
    )
    theirs = tuple(
        Claim(
            value=value,
            documents=tuple(dict.fromkeys(r.document for r in rs)),
            evidence=tuple(r.evidence for r in rs),
            sources=tuple(s for r in rs for s in r.sources),
        )
        for value, rs in claims.items()
    )
    subject = f"{c.field or c.kind} of {t.action}{' ' + t.object if t.object else ''} ({t.id})"
    return Contradiction(
        id=short_id("x", "correction", str(c.id), t.id),
        kind="correction",
        subject=subject,
        claims=(ours, *theirs),
        items=(t.id,),
        story=t.story,
    )
