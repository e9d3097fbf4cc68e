"""CSV: one row per merged commitment with its status on a day; one row per reported count."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from docket.export.registry import Files, Job, exporter
from docket.story import dates
from docket.story.corrections import words_of
from docket.story.status import Status, history_words

COMMITMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "story",
    "obligor",
    "action",
    "object",
    "stage",
    "deadline",
    "deadline_latest",
    "as_of",
    "status",
    "days_left",
    "on_time",
    "partial",
    "reported_on",
    "documents",
    "sources",
    "superseded_by",
    "fulfilled_by",
    "copies",
    "obligor_names",
    "deadline_history",
    "rejected",
    "confirmed",
    "corrections",
)

QUANTITY_COLUMNS: tuple[str, ...] = (
    "story",
    "owner",
    "noun",
    "place",
    "value",
    "low",
    "high",
    "approx",
    "mod",
    "published",
    "document",
    "start",
    "end",
    "text",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def correction_words(c: Mapping[str, Any]) -> str:
    """One correction in a cell: "#3 obligor=eu by ann at 2026-12-07T11:59:00+00:00: per the EU"."""
    kind = str(c.get("kind"))
    what = c.get("field") or kind
    value = words_of(kind, c.get("field"), c.get("value")) if kind not in ("reject", "confirm") else ""
    said = f"={value}" if value else ""
    note = f": {c.get('note')}" if c.get("note") else ""
    return f"#{c.get('id')} {what}{said} by {c.get('by')} at {c.get('at')}{note}"


def commitments_csv(
    rows: Iterable[Status],
    copies: Mapping[str, list[str]] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """A header and one row per commitment; lists are joined with ``;``. ``copies``: the outlets'
    copies of each document (docket.wire.stored.copies_by_original), listed after the documents;
    ``names``: actor id -> name. An analyst's corrections go in the last columns (who, when, why)."""
    copies = copies or {}
    names = names or {}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COMMITMENT_COLUMNS)
    for s in rows:
        t = s.item
        w.writerow(
            [
                _cell(x)
                for x in (
                    t.id,
                    t.story,
                    ";".join(t.obligor),
                    t.action,
                    t.object,
                    t.stage,
                    dates.label(t.deadline) or None,
                    t.deadline.latest.isoformat() if t.deadline and t.deadline.latest else None,
                    s.as_of.isoformat(),
                    s.status,
                    s.days_left,
                    s.on_time,
                    s.partial,
                    t.reported_on.isoformat() if t.reported_on else None,
                    ";".join(t.documents),
                    ";".join(dict.fromkeys(src.name or src.text for src in t.sources)),
                    t.superseded_by if s.status == "superseded" else None,
                    ";".join(f.document for f in s.fulfilled_by),
                    ";".join(c for d in t.documents for c in copies.get(d, ())),
                    ";".join(names.get(a, a) for a in t.obligor) or "unknown obligor",
                    history_words(t.history) if t.history else None,
                    t.rejected,
                    t.confirmed,
                    "; ".join(correction_words(c) for c in t.corrections),
                )
            ]
        )
    return out.getvalue()


QuantityRow = tuple[Any, ...]


def quantities_csv(rows: Iterable[QuantityRow]) -> str:
    """The series of reported counts: one row per report, in publication order."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(QUANTITY_COLUMNS)
    for row in rows:
        w.writerow([_cell(x) for x in row])
    return out.getvalue()


@exporter("csv", order=2)
def export_csv(job: Job) -> str | Files:
    """The commitments' table, or the quantity series (``table``); both as files of a folder when
    ``--out`` names no ``.csv`` file."""
    from docket.index.query import quantity_series
    from docket.store.documents import actor_names

    names = actor_names(job.store, [a for s in job.rows for a in s.item.obligor])
    if job.out is not None and job.out.suffix.lower() != ".csv":

        def both() -> Iterator[tuple[str, str]]:
            yield "commitments.csv", commitments_csv(job.rows, job.copies, names)
            yield "quantities.csv", quantities_csv(quantity_series(job.store, job.story))

        return Files(both())
    if job.table == "quantities":
        return quantities_csv(quantity_series(job.store, job.story))
    return commitments_csv(job.rows, job.copies, names)
