"""A tracked commitment's status on a day (:func:`status_on`, the one place a status is decided), the
commitments due on a day in order, and the status told in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docket.isodates import iso
from docket.story import dates, rules
from docket.story.tracked import Outcome, Tracked, status_body, status_head, status_tail

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


def due_order(t: Tracked) -> str:
    """The key :func:`due` sorts by, as one text: deadline's first and last day, first report, id."""
    first, last = dates.sort_key(t.deadline)
    return f"{first.isoformat()}{last.isoformat()}{(t.reported_on or dt.date.min).isoformat()}{t.id}"


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
