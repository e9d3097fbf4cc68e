"""An analyst's corrections as rows of the store (migration 007): recorded, listed, undone.

They are never written into the extracted records: the story index applies them every time
it is built (docket.story.corrections), so they outlive re-extraction and rebuilds. Adding or
undoing one changes the index's fingerprint, so the next query builds it again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from docket.store.sqlite import Store
from docket.story.corrections import Correction

_COLUMNS = (
    'id, kind, item_kind, item, doc_id, start, "end", field, value, analyst, made_at, note, seen,'
    " undone, undone_at, undone_by, was"
)


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown id, bad value): one line for the user."""


@dataclass(frozen=True)
class NewCorrection:
    """What a correction says, before the store numbers it."""

    kind: str
    item_kind: str
    item: str | None = None
    document: str | None = None
    start: int | None = None
    end: int | None = None
    field: str | None = None
    value: Any = None
    note: str | None = None
    seen: tuple[str, ...] = ()
    was: Any = None


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _row(r: Any) -> Correction:
    return Correction(
        id=int(r[0]),
        kind=str(r[1]),
        item_kind=str(r[2]),
        item=r[3],
        document=r[4],
        start=None if r[5] is None else int(r[5]),
        end=None if r[6] is None else int(r[6]),
        field=r[7],
        value=json.loads(r[8]) if r[8] else None,
        analyst=str(r[9]),
        made_at=str(r[10]),
        note=r[11],
        seen=tuple(json.loads(r[12] or "[]")),
        undone=bool(r[13]),
        undone_at=r[14],
        undone_by=r[15],
        was=json.loads(r[16]) if r[16] else None,
    )


def record(store: Store, changes: list[NewCorrection], analyst: str, at: str | None = None) -> list[int]:
    """Store ``changes`` (one transaction), made by ``analyst``; their ids, in order."""
    made = at or now()
    ids: list[int] = []
    with store.writing():
        top = int(store.db.execute("SELECT coalesce(max(id), 0) FROM corrections").fetchone()[0])
        for n, c in enumerate(changes, start=top + 1):
            store.db.execute(
                f"INSERT INTO corrections ({_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?)",
                (
                    n,
                    c.kind,
                    c.item_kind,
                    c.item,
                    c.document,
                    c.start,
                    c.end,
                    c.field,
                    json.dumps(c.value, ensure_ascii=False),
                    analyst,
                    made,
                    c.note,
                    json.dumps(list(c.seen)),
                    json.dumps(c.was, ensure_ascii=False),
                ),
            )
            ids.append(n)
    return ids


def listed(store: Store, *, standing: bool = False) -> list[Correction]:
    """Every correction in the order made (``standing``: only those not undone)."""
    sql = f"SELECT {_COLUMNS} FROM corrections"
    if standing:
        sql += " WHERE undone = 0"
    return [_row(r) for r in store.db.execute(sql + " ORDER BY id")]


def get(store: Store, ident: int) -> Correction | None:
    row = store.db.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?", (ident,)).fetchone()
    return None if row is None else _row(row)


def undo(store: Store, ident: int, analyst: str) -> Correction:
    """Mark correction ``ident`` undone (it stays listed, with who undid it and when)."""
    found = get(store, ident)
    if found is None:
        raise CorrectionError(f"no correction {ident}; list them with `docket corrections`")
    if found.undone:
        raise CorrectionError(f"correction {ident} was already undone ({found.undone_by}, {found.undone_at})")
    with store.writing():
        store.db.execute(
            "UPDATE corrections SET undone = 1, undone_at = ?, undone_by = ? WHERE id = ?",
            (now(), analyst, ident),
        )
    undone = get(store, ident)
    assert undone is not None
    return undone


def stamp(store: Store) -> str:
    """Changes whenever a correction is made or undone (part of the index's fingerprint)."""
    row = store.db.execute("SELECT count(*), coalesce(max(id), 0), coalesce(sum(undone), 0) FROM corrections")
    n, top, undone = row.fetchone()
    return "" if not n else f"c{int(n)}.{int(top)}.{int(undone)}"


def copy_all(source: Store, target: Store) -> None:
    """Every correction of ``source`` into ``target`` (the store of an earlier day), in place of
    those ``target`` held (it may be kept on disk from one question to the next)."""
    rows = list(source.db.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY id"))
    held = target.db.execute("SELECT count(*) FROM corrections").fetchone()[0]
    if not rows and not held:
        return
    with target.writing():
        target.db.execute("DELETE FROM corrections")
        target.db.executemany(
            f"INSERT INTO corrections ({_COLUMNS}) VALUES ({', '.join('?' * 17)})", [tuple(r) for r in rows]
        )
