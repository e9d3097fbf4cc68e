"""Readable summaries of records and of the store's documents for the terminal (rich)."""

from __future__ import annotations

from rich.table import Table

from docket.record import Record
from docket.render import console
from docket.store.documents import items_per_document
from docket.store.sqlite import Store


def _clip(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def print_record(record: Record, origin: str | None = None) -> None:
    d = record.document
    head = d.title or _clip(d.text.split("\n", 1)[0])
    console.print(f"[bold]{head}[/bold]")
    console.print(f"{origin or ''}  published {d.published}  {d.chars:,} chars  id {d.id[:12]}", style="dim")
    if d.agency or d.copy_of:
        wire = [f"agency {d.agency}"] if d.agency else []
        wire += [f"a copy of {d.copy_of[:12]}"] if d.copy_of else []
        console.print("  ".join(wire), style="dim")
    if record.timexes:
        t = Table("time", "type", "value", "mod", "earliest", "latest", title="Times", title_justify="left")
        for x in record.timexes:
            t.add_row(x.text, x.type, x.value, x.mod or "", str(x.earliest or ""), str(x.latest or ""))
        console.print(t)
    if record.quantities:
        t = Table("quantity", "value", "range", "noun", title="Quantities", title_justify="left")
        for q in record.quantities:
            rng = f"{q.low}–{q.high}" if q.low is not None or q.high is not None else ""
            val = ("~" if q.approx else "") + (str(q.value) if q.value is not None else "")
            t.add_row(q.text, val, rng, q.noun or "")
        console.print(t)
    if record.actors:
        t = Table("actor", "kind", "name", "mentions", title="Actors", title_justify="left")
        for a in record.actors:
            t.add_row(a.id, a.kind, a.name, _clip(", ".join(sorted({m.text for m in a.mentions})), 50))
        console.print(t)
    if record.sources:
        t = Table("source", "kind", "affiliation", "count", "via", title="Sources", title_justify="left")
        for s in record.sources:
            t.add_row(_clip(s.text, 45), s.kind, s.affiliation or "", str(s.count or ""), s.via or "")
        console.print(t)
    tx = {x.id: x for x in record.timexes}
    if record.events:
        t = Table("event", "type", "action", "agents", "time", "status", title="Events", title_justify="left")
        for e in record.events:
            when = tx[e.time].value if e.time in tx else ""
            t.add_row(_clip(e.text, 40), e.type, e.action, ",".join(e.agents), when, e.status)
        console.print(t)
    if record.commitments:
        t = Table(
            "#",
            "obligor",
            "action",
            "object",
            "deadline",
            "status",
            "certainty",
            title="Commitments",
            title_justify="left",
        )
        for c in record.commitments:
            dl = tx.get(c.deadline or "")
            when = (dl.value + (f" {dl.mod}" if dl.mod else "")) if dl else ""
            t.add_row(
                str(c.stage or ""),
                ",".join(c.obligor),
                c.action,
                _clip(c.object or "", 30),
                when,
                c.status,
                c.certainty,
            )
        console.print(t)
    if not any((record.timexes, record.quantities, record.actors, record.events, record.commitments)):
        console.print("(nothing extracted)", style="dim")
    console.print()


def print_store(store: Store) -> None:
    t = Table(
        "published", "outlet", "title", "times", "events", "commit.", title="Documents", title_justify="left"
    )
    per_doc = items_per_document(store, ("timexes", "events", "commitments"))
    for d in store.documents():
        t.add_row(
            str(d.published),
            _clip(d.outlet or "", 16),
            _clip(d.title or d.text, 44),
            str(per_doc["timexes"].get(d.id, 0)),
            str(per_doc["events"].get(d.id, 0)),
            str(per_doc["commitments"].get(d.id, 0)),
        )
    console.print(t)
    counts = store.counts()
    console.print("Store: " + ", ".join(f"{v} {k}" for k, v in counts.items()), style="dim")
