"""Copy detection against a store: its ``copy_keys`` table holds every stored document's sketch.

:func:`link` runs inside the transaction that stores a document: it finds the stored documents
sharing sketch keys with the new one, measures them in full, sets the new document's
``copy_of``, re-marks stored documents that turn out to be later copies of it, and records its
keys. Works on SQLite and, through the dialect layer, PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from docket.record import Document
from docket.wire.copies import MIN_SHARED_KEYS, Known, original_of, sketch

# Stored documents compared in full with a new one, the most keys shared first: a copy shares
# many, so a few dozen candidates are enough even where a phrase recurs in thousands of articles.
MAX_CANDIDATES = 40
_CHUNK = 400


def _known(row: Any) -> Known:
    published = dt.date.fromisoformat(row[2]) if row[2] else None
    return Known.of(str(row[0]), str(row[1]), published, row[3])


def candidates(db: sqlite3.Connection, keys: list[int], exclude: str) -> list[Known]:
    """Stored documents sharing at least MIN_SHARED_KEYS of ``keys``, with their texts."""
    counts: dict[str, int] = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            f"SELECT doc_id, count(*) FROM copy_keys WHERE key IN ({marks}) GROUP BY doc_id", tuple(chunk)
        )
        for doc_id, n in rows:
            counts[str(doc_id)] = counts.get(str(doc_id), 0) + int(n)
    ranked = sorted(
        (d for d, n in counts.items() if n >= MIN_SHARED_KEYS and d != exclude), key=lambda d: -counts[d]
    )
    found: list[Known] = []
    for doc_id in ranked[:MAX_CANDIDATES]:
        row = db.execute(
            "SELECT id, text, published, copy_of FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is not None:
            found.append(_known(row))
    return found


def link(db: sqlite3.Connection, document: Document) -> Document:
    """In the transaction that stores ``document``: the document with its ``copy_of`` (None when it
    is no copy); its sketch keys are recorded for the documents that come after it."""
    new = Known.of(document.id, document.text, document.published)
    keys = sketch(new.hashes)
    copy_of, later = original_of(new, candidates(db, keys, document.id))
    if later:
        repoint(db, later, document.id)
    db.executemany("INSERT INTO copy_keys (key, doc_id) VALUES (?, ?)", [(k, document.id) for k in keys])
    if copy_of == document.copy_of:
        return document
    return document.model_copy(update={"copy_of": copy_of})


def lookup(db: sqlite3.Connection, document: Document) -> str | None:
    """The stored article ``document`` is a copy of, if any; the store is not changed."""
    new = Known.of(document.id, document.text, document.published)
    copy_of, _ = original_of(new, candidates(db, sketch(new.hashes), document.id))
    return copy_of


# The story_state entry listing the stored documents that became copies since the story index
# was saved: the next update merges their stories again without them (docket.index.incremental).
REPOINTED = "repointed"


def repoint(db: sqlite3.Connection, old_originals: list[str], original: str) -> None:
    """Stored documents found to be later copies of a new ``original``: they and their own copies
    point to it now. They leave the story merge: they are noted for the next index update."""
    for old in old_originals:
        db.execute("UPDATE documents SET copy_of = ? WHERE id = ? OR copy_of = ?", (original, old, old))
    row = db.execute("SELECT value FROM story_state WHERE key = ?", (REPOINTED,)).fetchone()
    noted = sorted(set(json.loads(row[0]) if row else ()) | set(old_originals))
    db.execute(
        "INSERT OR REPLACE INTO story_state (key, value) VALUES (?, ?)", (REPOINTED, json.dumps(noted))
    )


def copy_map(db: sqlite3.Connection) -> dict[str, str]:
    """Every stored copy's id -> its original's id.

    The hook where reports are counted: a copy is the same report as its original, so the story
    merge leaves it out (its outlet stays in the store, linked by ``copy_of``), and no status
    rests on copies counted as corroboration.
    """
    rows = db.execute("SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL")
    return {str(doc_id): str(original) for doc_id, original in rows}


def copies_by_original(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Every original's copies (ids, in the order they were stored): what exports list beside it."""
    out: dict[str, list[str]] = {}
    for doc_id, original in db.execute(
        "SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL ORDER BY published, rowid"
    ):
        out.setdefault(str(original), []).append(str(doc_id))
    return out
