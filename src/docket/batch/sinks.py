"""Where a batch writes its records: the store (SQLite or PostgreSQL), or Parquet partitions.

A sink buffers records and writes them in one go on ``flush``: one transaction in
the store, one Parquet file in the output folder. What ``flush`` returns is then
durable, and only then goes into the journal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from docket.record import Record

# Columns of a Parquet partition: the document's fields, and the whole record as JSON.
PARQUET_COLUMNS: tuple[str, ...] = (
    "id",
    "origin",
    "published",
    "title",
    "outlet",
    "url",
    "language",
    "chars",
    "record",
)
_PART_PREFIX = "part-"
_PART_SUFFIX = ".parquet"


@dataclass(frozen=True)
class Flushed:
    """What one flush made durable: the documents' ids, new ones first counted in ``added``; and the
    records it could not write, as (origin, why), none of which is stored."""

    ids: list[str]
    added: int
    part: str | None = None
    failed: list[tuple[str, str]] = field(default_factory=list)


class Sink(Protocol):
    def add(self, origin: str, record: Record) -> None: ...

    @property
    def pending(self) -> int: ...

    def flush(self) -> Flushed: ...

    def present(self, ids: set[str]) -> set[str]:
        """Which of ``ids`` the output holds."""
        ...

    def close(self) -> None: ...


class StoreSink:
    """Records into a docket store, one transaction per flush; a text stored before is left as it is."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.buffer: list[tuple[Record, str | None]] = []

    def add(self, origin: str, record: Record) -> None:
        self.buffer.append((record, origin))

    @property
    def pending(self) -> int:
        return len(self.buffer)

    def flush(self) -> Flushed:
        if not self.buffer:
            return Flushed([], 0)
        results = self.store.add_many(self.buffer)
        origins = [origin or record.document.id for record, origin in self.buffer]
        self.buffer = []
        failed = [(o, r.error) for o, r in zip(origins, results, strict=True) if r.error is not None]
        done = [r.document_id for r in results if r.error is None]
        return Flushed(done, sum(1 for r in results if r.added), failed=failed)

    def present(self, ids: set[str]) -> set[str]:
        from docket.store.documents import chunked, sql_in

        held: set[str] = set()
        for chunk in chunked(ids):
            rows = self.store.db.execute(f"SELECT id FROM documents WHERE {sql_in('id', chunk)}", chunk)
            held.update(str(r[0]) for r in rows)
        return held

    def close(self) -> None:
        self.store.close()


def part_name(number: int) -> str:
    return f"{_PART_PREFIX}{number:05d}{_PART_SUFFIX}"


def existing_parts(folder: Path) -> list[str]:
    """Names of the finished partitions in ``folder`` (a partition is renamed into place when complete)."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(_PART_PREFIX) and p.name.endswith(_PART_SUFFIX)
    )


def part_ids(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["id"])
    return [str(x) for x in table.column("id").to_pylist()]


class ParquetSink:
    """Records as Parquet partitions ``part-00000.parquet``... in a folder, one per flush."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        # Partitions a killed run was still writing are incomplete: drop them.
        for leftover in folder.glob(f".{_PART_PREFIX}*.tmp"):
            leftover.unlink()
        names = existing_parts(folder)
        self.next = int(names[-1][len(_PART_PREFIX) : -len(_PART_SUFFIX)]) + 1 if names else 0
        self.rows: list[tuple[str, Record]] = []

    def add(self, origin: str, record: Record) -> None:
        self.rows.append((origin, record))

    @property
    def pending(self) -> int:
        return len(self.rows)

    def flush(self) -> Flushed:
        if not self.rows:
            return Flushed([], 0)
        import pyarrow as pa
        import pyarrow.parquet as pq

        docs = [record.document for _, record in self.rows]
        table = pa.table(
            {
                "id": pa.array([d.id for d in docs], pa.string()),
                "origin": pa.array([origin for origin, _ in self.rows], pa.string()),
                "published": pa.array([d.published for d in docs], pa.date32()),
                "title": pa.array([d.title for d in docs], pa.string()),
                "outlet": pa.array([d.outlet for d in docs], pa.string()),
                "url": pa.array([d.url for d in docs], pa.string()),
                "language": pa.array([d.language for d in docs], pa.string()),
                "chars": pa.array([d.chars for d in docs], pa.int64()),
                "record": pa.array([record.to_json() for _, record in self.rows], pa.string()),
            }
        )
        name = part_name(self.next)
        tmp = self.folder / f".{name}.tmp"
        pq.write_table(table, tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        # The rename is the commit: a partition under its final name is complete.
        tmp.replace(self.folder / name)
        self.next += 1
        ids = [d.id for d in docs]
        self.rows = []
        return Flushed(ids, len(ids), name)

    def present(self, ids: set[str]) -> set[str]:
        held: set[str] = set()
        for name in existing_parts(self.folder):
            held.update(part_ids(self.folder / name))
        return held & ids

    def close(self) -> None:
        pass
