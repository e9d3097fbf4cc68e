"""SQLite store: one writer, one transaction per document, idempotent by document id."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.record import (
    Actor,
    Commitment,
    Document,
    Event,
    Quantity,
    Record,
    Source,
    Timex,
)
from docket.store import migrations

# Tables that hold one row per extracted item, in the order a record lists them.
ITEM_TABLES: tuple[str, ...] = ("timexes", "quantities", "actors", "sources", "events", "commitments")
COUNTED_TABLES: tuple[str, ...] = ("documents", *ITEM_TABLES, "actor_mentions")
_DOC_COLUMNS = "id, title, published, outlet, url, language, chars, text, agency, copy_of"


@dataclass(frozen=True)
class AddResult:
    document_id: str
    added: bool  # False: the same text was already stored, nothing changed
    copy_of: str | None = None  # the stored article this one is an outlet's copy of


class StoreError(RuntimeError):
    pass


class Store:
    """A docket store in one SQLite file."""

    # Look for the stored article each new one may be a copy of (docket.wire.stored); a store
    # rebuilt from records that already say so (the reports known by a day) skips it.
    find_copies = True

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); check the path") from None
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 10000")
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
            migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(
                f"{self.path}: not a docket store ({exc}); give another --db path or remove the file"
            ) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def add(self, record: Record, origin: str | None = None) -> AddResult:
        """Store one record in one transaction; a text stored before is left as it is."""
        doc = record.document
        if self.has_document(doc.id):
            return AddResult(doc.id, added=False)
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                db.execute("ROLLBACK")
                return AddResult(doc.id, added=False)
            copy_of = self._insert(record, origin)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return AddResult(doc.id, added=True, copy_of=copy_of)

    def _put(self, table: str, row: dict[str, Any], *, ignore: bool = False) -> None:
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        self.db.execute(f"{verb} INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))

    def add_many(self, items: list[tuple[Record, str | None]]) -> list[AddResult]:
        """Store (record, origin) pairs in one transaction; texts stored before are left as they are."""
        db = self.db
        results: list[AddResult] = []
        db.execute("BEGIN IMMEDIATE")
        try:
            for record, origin in items:
                doc_id = record.document.id
                if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                    results.append(AddResult(doc_id, added=False))
                    continue
                copy_of = self._insert(record, origin)
                results.append(AddResult(doc_id, added=True, copy_of=copy_of))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return results

    def _insert(self, record: Record, origin: str | None) -> str | None:
        """Write one record's rows; returns the id of the stored article it is a copy of, if any."""
        from docket.wire.stored import link

        # its copy_of, when it is an outlet's copy of a stored one
        d = link(self.db, record.document) if self.find_copies else record.document
        added_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._put(
            "documents",
            {**d.model_dump(mode="json"), "origin": origin, "added_at": added_at},
        )
        # Each item table keeps a few columns to query by, and the whole item as JSON in `data`.
        keys: dict[str, tuple[str, ...]] = {
            "timexes": ("start", "end", "text", "type", "value", "mod", "earliest", "latest", "anchor"),
            "quantities": ("start", "end", "text", "value", "low", "high", "approx", "noun", "unit"),
            "actors": ("name", "kind"),
            "sources": ("start", "end", "text", "kind", "name", "affiliation", "count", "via"),
            "events": ("start", "end", "text", "type", "action", "status", "certainty", "time", "quantity"),
            "commitments": (
                "start", "end", "action", "object", "stage", "deadline", "quantity", "status", "certainty",
            ),
        }  # fmt: skip
        for table, columns in keys.items():
            for item in getattr(record, table):
                data = item.model_dump(mode="json")
                row = {"doc_id": d.id, "id": item.id, **{c: data[c] for c in columns}}
                self._put(table, {**row, "data": json.dumps(data)})
        for actor in record.actors:
            for m in actor.mentions:
                row = {"doc_id": d.id, "actor_id": actor.id, **m.model_dump(mode="json")}
                self._put("actor_mentions", row, ignore=True)
        return d.copy_of

    # -- reading -------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in COUNTED_TABLES
        }

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def document_ids(self) -> list[str]:
        rows = self.db.execute("SELECT id FROM documents ORDER BY published, id").fetchall()
        return [str(r[0]) for r in rows]

    def documents(self) -> Iterator[Document]:
        for row in self.db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY published, id"):
            yield _document(row)

    def record(self, doc_id: str) -> Record | None:
        """The stored record of one document, as `docket read --json` printed it."""
        row = self.db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None

        def items(table: str) -> list[dict[str, Any]]:
            rows = self.db.execute(f"SELECT data FROM {table} WHERE doc_id = ? ORDER BY rowid", (doc_id,))
            return [json.loads(r[0]) for r in rows]

        return Record(
            document=_document(row),
            timexes=[Timex.model_validate(x) for x in items("timexes")],
            quantities=[Quantity.model_validate(x) for x in items("quantities")],
            actors=[Actor.model_validate(x) for x in items("actors")],
            sources=[Source.model_validate(x) for x in items("sources")],
            events=[Event.model_validate(x) for x in items("events")],
            commitments=[Commitment.model_validate(x) for x in items("commitments")],
        )

    def records(self) -> Iterator[Record]:
        for doc_id in self.document_ids():
            rec = self.record(doc_id)
            if rec is not None:
                yield rec


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        title=row["title"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        outlet=row["outlet"],
        url=row["url"],
        language=row["language"],
        chars=row["chars"],
        text=row["text"],
        agency=row["agency"],
        copy_of=row["copy_of"],
    )


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the store at ``path`` and migrate it to the latest schema.

    A ``postgresql://`` URL opens a PostgreSQL store instead (docket.store.postgres).
    """
    if str(path).startswith(("postgresql://", "postgres://")):
        from docket.store.postgres import open_postgres

        return open_postgres(str(path))
    p = Path(path)
    if p.parent and not p.parent.exists():
        raise StoreError(f"{p}: the folder {p.parent} does not exist; create it or give another --db path")
    return Store(p)
