"""Ordered, named schema migrations. Each runs once, in its own transaction.

Never edit a migration that has shipped: add a new one at the end.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable
from typing import Any

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements one by one (executescript would commit the open transaction)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,             -- sha256 of the text
            title TEXT, published TEXT, outlet TEXT, url TEXT,
            language TEXT NOT NULL, chars INTEGER NOT NULL, text TEXT NOT NULL,
            origin TEXT,                     -- the file it was read from
            added_at TEXT NOT NULL
        );
        CREATE INDEX documents_published ON documents(published);

        CREATE TABLE timexes (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT, earliest TEXT, latest TEXT, anchor TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        );
        CREATE TABLE quantities (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            value REAL, low REAL, high REAL, approx INTEGER NOT NULL, noun TEXT, unit TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        );
        CREATE TABLE actors (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        );
        CREATE INDEX actors_id ON actors(id);
        CREATE TABLE actor_mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            role TEXT,
            PRIMARY KEY (doc_id, actor_id, start)
        );
        CREATE TABLE sources (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT NOT NULL, name TEXT, affiliation TEXT, count INTEGER, via TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        );
        CREATE TABLE events (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, action TEXT NOT NULL, status TEXT NOT NULL, certainty TEXT NOT NULL,
            time TEXT, quantity TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        );
        CREATE INDEX events_action ON events(action);
        CREATE TABLE commitments (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            action TEXT NOT NULL, object TEXT, stage INTEGER, deadline TEXT, quantity TEXT,
            status TEXT NOT NULL, certainty TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        );
        CREATE INDEX commitments_action ON commitments(action);
        """,
    )


def _m002_story_index(db: sqlite3.Connection) -> None:
    """The merged story index (docket.story): derived from the stored records, rebuilt when they change."""
    _script(
        db,
        """
        CREATE TABLE story_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, first TEXT, last TEXT, data TEXT NOT NULL
        );
        CREATE TABLE story_documents (doc_id TEXT PRIMARY KEY, story TEXT NOT NULL);
        CREATE INDEX story_documents_story ON story_documents(story);
        CREATE TABLE story_commitments (
            id TEXT PRIMARY KEY, story TEXT, latest TEXT, reported_on TEXT,
            closed_on TEXT,                  -- first day a report fulfils, moves or breaks it
            data TEXT NOT NULL
        );
        CREATE INDEX story_commitments_story ON story_commitments(story);
        CREATE INDEX story_commitments_latest ON story_commitments(latest);
        CREATE TABLE story_timeline (
            seq INTEGER PRIMARY KEY, story TEXT, first TEXT, kind TEXT NOT NULL, item TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX story_timeline_story ON story_timeline(story, seq);
        CREATE TABLE story_contradictions (id TEXT PRIMARY KEY, story TEXT, data TEXT NOT NULL);
        CREATE INDEX story_contradictions_story ON story_contradictions(story);
        CREATE TABLE story_quantities (
            doc_id TEXT NOT NULL, id TEXT NOT NULL, story TEXT, noun TEXT, place TEXT, owner TEXT,
            PRIMARY KEY (doc_id, id)
        );
        CREATE INDEX story_quantities_story ON story_quantities(story)
        """,
    )


def _m003_story_commitment_parts(db: sqlite3.Connection) -> None:
    """Merged commitments also kept as what ``docket due`` reads of them: their status on every day
    (``segments``), their place in its list (``due_order``), a light form to draw a table row
    (``light``) and the parts of their JSON that no day changes (``head``, ``body``, ``tail``), so a
    whole store's statuses are told and written without reading every report back into objects.
    The saved index is dropped: the next query rebuilds it with the new columns filled."""
    for column in ("due_order", "segments", "light", "head", "body", "tail"):
        db.execute(f"ALTER TABLE story_commitments ADD COLUMN {column} TEXT")
    db.execute("DELETE FROM story_state")


def _m004_story_links(db: sqlite3.Connection) -> None:
    """What lets the index be updated for a few new articles instead of merged again: every stored
    document's link keys (``story_links``, see docket.story.links), and the timeline's order as a
    text (``ord``) so the entries of re-merged stories take their places among the others. The saved
    index is dropped: the next query rebuilds it with both filled."""
    _script(
        db,
        """
        ALTER TABLE story_timeline ADD COLUMN ord TEXT;
        CREATE INDEX story_timeline_ord ON story_timeline(ord, seq);
        CREATE INDEX story_timeline_story_ord ON story_timeline(story, ord, seq);
        CREATE TABLE story_links (
            doc_id TEXT NOT NULL, key TEXT NOT NULL, day TEXT, item TEXT, lo TEXT, hi TEXT
        );
        CREATE INDEX story_links_key ON story_links(key, day);
        CREATE INDEX story_links_doc ON story_links(doc_id);
        DELETE FROM story_state
        """,
    )


def _finite(obj: Any) -> Any:
    """``obj`` with every number that is not finite (NaN, Infinity) made null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def _m005_strict_json(db: sqlite3.Connection) -> None:
    """Earlier versions stored a number too large for a float (310 digits) as ``Infinity``, which is
    not JSON: SQLite's JSON functions refused the row and every story query failed. Such values are
    made null (the quantity keeps its text, as docket now stores it), and the saved index is dropped."""
    for table in ("timexes", "quantities", "actors", "sources", "events", "commitments"):
        rows = db.execute(
            f"SELECT doc_id, id, data FROM {table} WHERE data LIKE '%Infinity%' OR data LIKE '%NaN%'"
        ).fetchall()
        for doc_id, item_id, raw in rows:
            data = _finite(json.loads(raw))
            fixed = json.dumps(data, allow_nan=False)
            if fixed == raw:
                continue
            db.execute(f"UPDATE {table} SET data = ? WHERE doc_id = ? AND id = ?", (fixed, doc_id, item_id))
            if table == "quantities":
                db.execute(
                    "UPDATE quantities SET value = ?, low = ?, high = ? WHERE doc_id = ? AND id = ?",
                    (data.get("value"), data.get("low"), data.get("high"), doc_id, item_id),
                )
    db.execute("DELETE FROM story_state")


def _m006_wire_copies_and_feeds(db: sqlite3.Connection) -> None:
    """Wire copies and watched feeds. A document's ``agency`` (the wire service its byline names)
    and ``copy_of`` (the earlier article it is an outlet's copy of); ``copy_keys``, the sampled
    shingles that find a new article's originals (docket.wire.copies); ``feeds``, what ``docket
    watch`` knows of each feed (its validators for conditional requests, failures, when to poll
    next); ``feed_entries``, the entries it has seen, so none is fetched twice. The saved index is
    dropped: the next query counts copies as one report."""
    _script(
        db,
        """
        ALTER TABLE documents ADD COLUMN agency TEXT;
        ALTER TABLE documents ADD COLUMN copy_of TEXT;
        CREATE INDEX documents_copy_of ON documents(copy_of);
        CREATE TABLE copy_keys (key BIGINT NOT NULL, doc_id TEXT NOT NULL);
        CREATE INDEX copy_keys_key ON copy_keys(key);
        CREATE INDEX copy_keys_doc ON copy_keys(doc_id);
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY, title TEXT, etag TEXT, last_modified TEXT,
            checked_at TEXT, changed_at TEXT, next_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0, last_error TEXT
        );
        CREATE TABLE feed_entries (
            feed TEXT NOT NULL, entry TEXT NOT NULL, doc_id TEXT, seen_at TEXT NOT NULL,
            PRIMARY KEY (feed, entry)
        );
        DELETE FROM story_state
        """,
    )


def _m007_corrections(db: sqlite3.Connection) -> None:
    """An analyst's corrections, kept apart from what docket extracts: each says what it changes
    (``kind``: fix, reject, confirm, add, merge, split; ``field`` and ``value``, as JSON, for a fix),
    the item as it was shown (``item``: a commitment's or story's id) and where the item is said
    (``doc_id``, ``start``, ``end``: the article and span it is anchored to, so the correction finds
    its item again after the article is extracted afresh), who made it, when and why, and the
    articles the item rested on then (``seen``: a report from any other article that disagrees is
    listed as a disagreement) and what docket read it as (``was``: its obligor, action, object and
    deadline). A correction is undone by marking it, never by deleting it. They
    are applied each time the story index is built; the saved index is dropped."""
    _script(
        db,
        """
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL, item_kind TEXT NOT NULL, item TEXT,
            doc_id TEXT, start INTEGER, "end" INTEGER,
            field TEXT, value TEXT NOT NULL DEFAULT 'null',
            analyst TEXT NOT NULL, made_at TEXT NOT NULL, note TEXT,
            seen TEXT NOT NULL DEFAULT '[]', was TEXT NOT NULL DEFAULT 'null',
            undone INTEGER NOT NULL DEFAULT 0, undone_at TEXT, undone_by TEXT
        );
        CREATE INDEX corrections_doc ON corrections(doc_id);
        DELETE FROM story_state
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    ("001_initial", _m001_initial),
    ("002_story_index", _m002_story_index),
    ("003_story_commitment_parts", _m003_story_commitment_parts),
    ("004_story_links", _m004_story_links),
    ("005_strict_json", _m005_strict_json),
    ("006_wire_copies_and_feeds", _m006_wire_copies_and_feeds),
    ("007_corrections", _m007_corrections),
)


def apply(db: sqlite3.Connection) -> list[str]:
    """Bring the schema up to date; returns the names of the migrations applied now."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )
    applied: list[str] = []
    if _done(db) >= set(range(1, len(MIGRATIONS) + 1)):
        return applied
    for version, (name, step) in enumerate(MIGRATIONS, start=1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # read under the lock: another process opening the same new store may have run it
            if version in _done(db):
                db.execute("ROLLBACK")
                continue
            step(db)
            db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def _done(db: sqlite3.Connection) -> set[int]:
    return {int(row[0]) for row in db.execute("SELECT version FROM schema_migrations")}


def latest_version() -> int:
    return len(MIGRATIONS)
