"""iCalendar: one all-day event per deadline, with the commitment, its status and its sources.

The UID is the merged commitment's id, so importing a later export updates the
same calendar entries instead of adding new ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from icalendar import Calendar, Event

from docket.export.registry import Job, exporter
from docket.story import dates
from docket.story.status import Status

PRODID = "-//docket//deadlines//EN"


def _summary(s: Status) -> str:
    t = s.item
    what = " ".join(x for x in ("+".join(t.obligor) or "unknown obligor", t.action, t.object or "") if x)
    return f"{what} [{s.status}]"


def _description(s: Status, copies: Mapping[str, list[str]]) -> str:
    t = s.item
    lines = [
        f"status on {s.as_of.isoformat()}: {s.status}"
        + (f" ({s.days_left} days left)" if s.days_left is not None and s.status == "pending" else ""),
        f"deadline: {dates.label(t.deadline)}"
        + (f" ({t.deadline.text})" if t.deadline and t.deadline.text else ""),
    ]
    if t.stage is not None:
        lines.append(f"stage: {t.stage}")
    if t.text:
        lines.append(f"reported: {t.text}")
    names = list(dict.fromkeys(src.name or src.text for src in t.sources))
    if names:
        lines.append("sources: " + "; ".join(names))
    if s.fulfilled_by:
        lines.append("fulfilled: " + "; ".join(f"{f.on} in {f.document[:12]}" for f in s.fulfilled_by))
    if t.superseded_by and s.status == "superseded":
        lines.append(f"superseded by: {t.superseded_by}")
    lines.append("documents: " + ", ".join(d[:12] for d in t.documents))
    copied = [c for d in t.documents for c in copies.get(d, ())]
    if copied:
        lines.append("copies of them (not counted as reports): " + ", ".join(c[:12] for c in copied))
    return "\n".join(lines)


def to_ics(rows: Iterable[Status], as_of: dt.date, copies: Mapping[str, list[str]] | None = None) -> str:
    """A calendar of every commitment with a known last day; ``copies``: the outlets' copies of
    each document, named in the description."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    for s in rows:
        t = s.item
        if t.deadline is None or t.deadline.latest is None:
            continue
        ev = Event()
        ev.add("uid", f"{t.id}@docket")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", t.deadline.latest)
        if t.deadline.latest < dt.date.max:  # else one day, as a DATE start alone means
            ev.add("dtend", t.deadline.latest + dt.timedelta(days=1))
        ev.add("summary", _summary(s))
        ev.add("description", _description(s, copies or {}))
        ev.add("categories", [s.status])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


@exporter("ics", order=4)
def export_ics(job: Job) -> str:
    """One all-day event per deadline, with the statuses on the job's day."""
    return to_ics(job.rows, job.day, job.copies)
