"""Queries over the stored documents and their extracted items (no story index): finding a
document by a reference, reading texts, the names of actors, what was published by a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, TypeVar

from docket.isodates import parse_iso
from docket.store.sqlite import Store


def documents_stamp(db: Any) -> tuple[int, int]:
    """What changes when a document is added or removed: the number of documents and the last
    rowid (a connection of either dialect); part of the story index's fingerprint."""
    row = db.execute("SELECT count(*), coalesce(max(rowid), 0) FROM documents").fetchone()
    return int(row[0]), int(row[1])


_Key = TypeVar("_Key", str, int)


def chunked(values: Iterable[_Key], size: int = 500) -> list[list[_Key]]:
    """``values`` sorted, in lists of at most ``size``: few enough parameters for one query each."""
    wanted = sorted(values)
    return [wanted[i : i + size] for i in range(0, len(wanted), size)]


def sql_in(column: str, values: Sequence[object]) -> str:
    """``column IN (?, ...)`` with one parameter for each of ``values``."""
    return f"{column} IN ({', '.join('?' * len(values))})"


def published_by(store: Store, day: dt.date) -> list[tuple[str, str | None]] | None:
    """(id, origin) of the documents published by ``day`` (and those with no date), in publication
    order; None when the store holds no document published after it (all it holds was known)."""
    on = day.isoformat()
    later = store.db.execute("SELECT 1 FROM documents WHERE published > ? LIMIT 1", (on,)).fetchone()
    if later is None:
        return None
    rows = store.db.execute(
        "SELECT id, origin FROM documents WHERE published IS NULL OR published <= ? ORDER BY published, id",
        (on,),
    )
    return [(str(doc_id), origin) for doc_id, origin in rows]


def actor_names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Actor id -> the name it is shown by: as the articles' records name it, else as the
    gazetteer does; an id neither knows stands for itself."""
    wanted = sorted(set(ids))
    out: dict[str, str] = {}
    for chunk in chunked(wanted):
        for actor, name in store.db.execute(
            f"SELECT id, min(name) FROM actors WHERE {sql_in('id', chunk)} GROUP BY id", chunk
        ):
            if name and name != actor:  # a name that is only the id names nothing
                out[str(actor)] = str(name)
    missing = [a for a in wanted if a not in out]
    if missing:
        from docket.gazetteer import load

        gaz = load()
        for actor in missing:
            entry = gaz.get(actor)
            if entry is not None:
                out[actor] = entry.name
    return out


@dataclass(frozen=True)
class StoredDocument:
    id: str
    published: dt.date | None
    title: str | None
    origin: str | None


def find_documents(store: Store, ref: str) -> list[StoredDocument]:
    """Documents matching ``ref``: a full id, an id prefix, or the stored origin (path or file name)."""
    ref = ref.strip()
    if not ref:
        return []
    rows = store.db.execute(
        "SELECT id, published, title, origin FROM documents"
        " WHERE id = ? OR (length(?) >= 4 AND id LIKE ? || '%') OR origin = ? ORDER BY published, id",
        (ref, ref, ref.lower(), ref),
    ).fetchall()
    if not rows:
        name = PurePath(ref).name
        rows = [
            r
            for r in store.db.execute(
                "SELECT id, published, title, origin FROM documents ORDER BY published, id"
            )
            if r[3] and PurePath(r[3]).name == name
        ]
    return [StoredDocument(r[0], parse_iso(r[1]), r[2], r[3]) for r in rows]


def texts(store: Store, doc_ids: list[str]) -> Iterator[tuple[str, str]]:
    for doc_id in doc_ids:
        row = store.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None:
            yield doc_id, str(row[0])


def items_per_document(store: Store, tables: Iterable[str]) -> dict[str, dict[str, int]]:
    """Of each item table named (timexes, events, ...): document id -> how many items it holds."""
    return {
        table: dict(store.db.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall())
        for table in tables
    }
