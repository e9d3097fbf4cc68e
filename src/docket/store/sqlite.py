"""SQLite store: one writer, one transaction per document, idempotent by document id."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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
T = TypeVar("T")


@dataclass(frozen=True)
class AddResult:
    document_id: str
    added: bool  # False: the same text was already stored, nothing changed (or it failed)
    error: str | None = None  # why this record could not be stored; nothing of it was
    copy_of: str | None = None  # the stored article this one is an outlet's copy of


class StoreError(RuntimeError):
    pass


# How long a writer waits for another to finish before it gives up, in seconds: one attempt (SQLite's
# busy timeout) and all of them. A reader bringing the story index up to date holds the lock while it
# merges, which on a large store takes a minute.
BUSY_TIMEOUT = 30.0
LOCK_WAIT = 900.0
# What one record can raise that another would not: it is skipped, the store goes on.
RECORD_ERRORS: tuple[type[BaseException], ...] = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    OverflowError,
    ValueError,
    TypeError,
)


def is_busy(exc: BaseException) -> bool:
    """Did SQLite refuse because another connection holds the lock (SQLITE_BUSY / SQLITE_LOCKED)?"""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc).lower())


def patiently(step: Callable[[], T], what: str, path: str) -> T:
    """``step()``, tried again while another process holds the store's lock, up to LOCK_WAIT seconds."""
    give_up = time.monotonic() + LOCK_WAIT
    pause = 0.05
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > give_up:
                if is_busy(exc):
                    raise StoreError(
                        f"{path}: the store stayed locked by another process for {LOCK_WAIT:.0f} s while "
                        f"{what}; let it finish (or stop it) and run this again"
                    ) from None
                raise
        time.sleep(pause)
        pause = min(1.0, pause * 2)


def dumps(obj: Any) -> str:
    """Strict JSON as the store keeps it (no NaN or Infinity, which SQLite's JSON functions refuse)."""
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


class Store:
    """A docket store in one SQLite file.

    Many processes may write at once: the file is in WAL mode (readers never wait for writers),
    every write is one ``BEGIN IMMEDIATE`` transaction, and a writer that finds the store locked
    waits and tries again. The schema is created by whichever process comes first.
    """

    _depth = 0  # transactions open on the connection (writing/reading nest)

    # Look for the stored article each new one may be a copy of (docket.wire.stored); a store
    # rebuilt from records that already say so (the reports known by a day) skips it.
    find_copies = True

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); check the path") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            patiently(self._wal, "setting it up", self.path)
            patiently(lambda: migrations.apply(self.db), "creating its tables", self.path)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(
                f"{self.path}: not a docket store ({exc}); give another --db path or remove the file"
            ) from None
        except BaseException:
            self.db.close()
            raise

    def _wal(self) -> None:
        mode = self.db.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            self.db.execute("PRAGMA journal_mode = WAL")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``: the lock is taken first, waiting for other
        writers); inside another, it is part of that one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            patiently(lambda: self.db.execute("BEGIN IMMEDIATE"), "waiting to write", self.path)
            self._depth = 1
            yield
            self.db.execute("COMMIT")
        except BaseException:
            # (a Ctrl-C may come after BEGIN or COMMIT returned: roll back only what is open,
            # so that the interruption, not a "no transaction" error, is what the caller sees)
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Reads that see one state of the store while other processes write (one read transaction);
        inside another transaction, part of that one."""
        if self._depth:
            yield
            return
        self.db.execute("BEGIN")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self.db.execute("COMMIT")

    # -- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def add(self, record: Record, origin: str | None = None) -> AddResult:
        """Store one record in one transaction; a text stored before is left as it is (see add_many)."""
        if self.has_document(record.document.id):
            return AddResult(record.document.id, added=False)
        return self.add_many([(record, origin)])[0]

    def _put_many(self, table: str, rows: list[dict[str, Any]], *, ignore: bool = False) -> None:
        """Rows with the same columns (one or many), in one statement."""
        if not rows:
            return
        cols = ", ".join(f'"{c}"' for c in rows[0])
        marks = ", ".join("?" for _ in rows[0])
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        values = [tuple(r.values()) for r in rows]
        self.db.executemany(f"{verb} INTO {table} ({cols}) VALUES ({marks})", values)

    def add_many(self, items: list[tuple[Record, str | None]]) -> list[AddResult]:
        """Store (record, origin) pairs in one transaction; texts stored before are left as they are.

        A record the store cannot hold is left out whole (its savepoint rolled back) and its
        result says why; the others are stored."""
        db = self.db
        results: list[AddResult] = []
        with self.writing():
            for record, origin in items:
                doc_id = record.document.id
                if self.has_document(doc_id):
                    results.append(AddResult(doc_id, added=False))
                    continue
                db.execute("SAVEPOINT record")
                try:
                    copy_of = self._insert(record, origin)
                except RECORD_ERRORS as exc:
                    db.execute("ROLLBACK TO SAVEPOINT record")
                    db.execute("RELEASE SAVEPOINT record")
                    why = f"could not be stored ({type(exc).__name__}: {exc})"
                    results.append(AddResult(doc_id, added=False, error=why))
                    continue
                db.execute("RELEASE SAVEPOINT record")
                results.append(AddResult(doc_id, added=True, copy_of=copy_of))
        return results

    def _insert(self, record: Record, origin: str | None) -> str | None:
        """Write one record's rows; returns the id of the stored article it is a copy of, if any."""
        from docket.wire.stored import link

        # its copy_of, when it is an outlet's copy of a stored one
        d = link(self.db, record.document) if self.find_copies else record.document
        added_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._put_many(
            "documents",
            [{**d.model_dump(mode="json"), "origin": origin, "added_at": added_at}],
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
        # A table's rows go in one statement (the same columns each), in the record's order.
        for table, columns in keys.items():
            rows = []
            for item in getattr(record, table):
                data = item.model_dump(mode="json")
                row = {"doc_id": d.id, "id": item.id, **{c: data[c] for c in columns}}
                rows.append({**row, "data": json.dumps(data, allow_nan=False)})
            self._put_many(table, rows)
        mentions = [
            {"doc_id": d.id, "actor_id": actor.id, **m.model_dump(mode="json")}
            for actor in record.actors
            for m in actor.mentions
        ]
        self._put_many("actor_mentions", mentions, ignore=True)
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
