"""Search across articles and extracted items with plain SQL LIKE (case-insensitive for ASCII)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

MAX_HITS = 50
SNIPPET = 80

# table -> (kind shown, columns searched, column shown); all read-only SELECTs.
ITEM_TABLES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("commitments", "commitment", ("action", "object"), "coalesce(t.object, t.action)"),
    ("events", "event", ("text", "action", "type"), "t.text"),
    ("sources", "source", ("text", "name"), "t.text"),
    ("actors", "actor", ("name", "id"), "t.name"),
    ("timexes", "time", ("text", "value"), "t.text"),
    ("quantities", "quantity", ("text", "noun"), "t.text"),
)


@dataclass(frozen=True)
class DocHit:
    id: str
    title: str | None
    published: str | None
    snippet: str  # text around the first match


@dataclass(frozen=True)
class ItemHit:
    kind: str
    doc: str
    item: str
    text: str
    title: str | None


def _pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def documents(db: sqlite3.Connection, query: str) -> list[DocHit]:
    pat = _pattern(query)
    rows = db.execute(
        "SELECT id, title, published, text FROM documents"
        " WHERE title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\' ORDER BY published DESC, id LIMIT ?",
        (pat, pat, MAX_HITS),
    ).fetchall()
    hits: list[DocHit] = []
    for row in rows:
        text = str(row[3])
        at = max(text.lower().find(query.lower()), 0)  # plain SQL above, so PostgreSQL stores work too
        lo, hi = max(at - SNIPPET, 0), min(at + len(query) + SNIPPET, len(text))
        snippet = ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")
        hits.append(DocHit(row[0], row[1], row[2], snippet))
    return hits


def items(db: sqlite3.Connection, query: str) -> list[ItemHit]:
    pat = _pattern(query)
    hits: list[ItemHit] = []
    for table, kind, columns, shown in ITEM_TABLES:
        where = " OR ".join(f"t.{c} LIKE ? ESCAPE '\\'" for c in columns)
        rows = db.execute(
            f"SELECT t.doc_id, t.id, {shown}, d.title"
            f" FROM {table} t JOIN documents d ON d.id = t.doc_id WHERE {where}"
            " ORDER BY d.published DESC, t.doc_id, t.rowid LIMIT ?",
            (*([pat] * len(columns)), MAX_HITS),
        ).fetchall()
        prefix = "actor:" if kind == "actor" else ""
        hits.extend(ItemHit(kind, r[0], prefix + str(r[1]), str(r[2] or ""), r[3]) for r in rows)
    return hits[: MAX_HITS * 2]
