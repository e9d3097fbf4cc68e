"""What the viewer reads straight from the store's tables, in bulk: document headers and sources.

The story index (docket.story) carries commitments, events and quantities; the
sources panel and the article lists need the rest, read in one pass each and
kept until the store changes (a new document), which one cheap query notices.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from docket.store.documents import documents_stamp


@dataclass(frozen=True)
class DocInfo:
    id: str
    title: str | None
    published: dt.date | None
    outlet: str | None
    chars: int
    lead: str  # the first line of the text, for lists


@dataclass(frozen=True)
class Item:
    """An extracted item of one document: its table's JSON row."""

    doc: str
    id: str
    data: dict[str, Any]


@dataclass
class Snapshot:
    docs: dict[str, DocInfo] = field(default_factory=dict)
    sources: list[Item] = field(default_factory=list)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def load_snapshot(db: sqlite3.Connection) -> Snapshot:
    snap = Snapshot()
    for row in db.execute(
        "SELECT id, title, published, outlet, chars, substr(text, 1, 200) FROM documents"
        " ORDER BY published, id"
    ):
        lead = next((line.strip() for line in str(row[5]).splitlines() if line.strip()), "")
        snap.docs[row[0]] = DocInfo(row[0], row[1], _date(row[2]), row[3], int(row[4]), lead)
    for row in db.execute("SELECT doc_id, id, data FROM sources ORDER BY doc_id, rowid"):
        snap.sources.append(Item(row[0], row[1], json.loads(row[2])))
    return snap


class SnapshotCache:
    """The latest snapshot of one connection, reloaded when the store has changed."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._key: tuple[int, int] | None = None
        self._snap: Snapshot | None = None

    def get(self) -> Snapshot:
        key = documents_stamp(self.db)
        if self._snap is None or key != self._key:
            self._snap = load_snapshot(self.db)
            self._key = key
        return self._snap
