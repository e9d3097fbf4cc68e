"""TimelineJS JSON: the story timeline, each date at its own precision."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from docket.export.registry import Job, exporter
from docket.story import dates
from docket.story.model import Story
from docket.story.timeline import Entry

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _date(entry: Entry) -> dict[str, Any] | None:
    """TimelineJS date: year, month and day only as far as the value is precise."""
    m = _DATE.match(entry.when.value or "")
    if m is None or entry.precision in ("duration", "other"):
        day = entry.when.latest
        if day is None:
            return None
        return {"year": day.year, "month": day.month, "day": day.day, "display_date": dates.label(entry.when)}
    out: dict[str, Any] = {"year": int(m[1])}
    if m[2]:
        out["month"] = int(m[2])
    if m[3]:
        out["day"] = int(m[3])
    if entry.when.mod or entry.precision in ("quarter", "half"):
        out["display_date"] = dates.label(entry.when)
    return out


def _headline(e: Entry) -> str:
    who = "+".join(e.actors)
    if e.kind == "event":
        return " ".join(x for x in (who, e.action) if x)
    return f"{e.kind}: " + " ".join(x for x in (who, e.action, e.detail or "") if x)


def to_timelinejs(entries: Iterable[Entry], story: Story | None = None) -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    for n, e in enumerate(entries):
        start = _date(e)
        if start is None:
            continue
        body = [f"{len(e.documents)} report(s)"]
        if e.status:
            body.insert(0, e.status)
        names = list(dict.fromkeys(s.name or s.text for s in e.sources))
        if names:
            body.append("sources: " + "; ".join(names))
        events.append(
            {
                "unique_id": f"{e.item}-{e.kind}-{n}",
                "start_date": start,
                "text": {"headline": _headline(e), "text": "<br>".join(body)},
                "group": e.kind,
            }
        )
    title = story.title or story.id if story else "docket"
    return {"title": {"text": {"headline": title, "text": ""}}, "events": events}


@exporter("timelinejs", order=5)
def export_timelinejs(job: Job) -> str:
    """The timeline of the store, or of the job's story, as TimelineJS reads it."""
    story = job.index.story(job.story) if job.story else None
    return (
        json.dumps(to_timelinejs(job.index.timeline(story=job.story), story), ensure_ascii=False, indent=1)
        + "\n"
    )
