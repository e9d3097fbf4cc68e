"""The saved story index of a store, brought up to date before it is read: the one entrance
for every command, export and the viewer that asks a status on a day.

:func:`story_index` returns a :class:`~docket.index.stored.StoredIndex`. The first call after
articles were added updates the saved index: it merges again only the stories they touch
(docket.index.incremental), or, when it cannot be sure that gives what merging every report
gives, every stored report (docket.story), and saves the result; later calls read the saved
rows, filtered in SQL. ``as_of`` answers with what was known that day (:func:`known_by`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docket.index import correction_rows, incremental
from docket.index.reports import fingerprint, merge_stored
from docket.index.saved import save_index
from docket.index.stored import StoredIndex
from docket.store.documents import published_by
from docket.store.sqlite import Store, StoreError
from docket.story.links import link_keys
from docket.story.rules import Rules, default


def story_index(
    store: Store,
    rules: Rules | None = None,
    *,
    rebuild: bool = False,
    as_of: dt.date | None = None,
    prefer: dict[str, str] | None = None,
) -> StoredIndex:
    """The store's saved story index, updated first if records changed since it was saved (only the
    stories new documents touch when that is sure to give the same rows; ``rebuild``: all).

    ``as_of``: the index of what was known that day. When the store holds reports published after
    it, they must not shape the answer (a later report's deadline, document or disagreement), so the
    reports published by then (and those with no date) are merged afresh in a store in memory:
    the answer is that of a store that never held the later reports; its stories keep the ids
    the whole store gives them (``prefer``).
    """
    if as_of is not None and not rebuild:
        earlier = known_by(store, as_of)
        if earlier is not None:
            whole = story_index(store, rules)
            ids = {
                str(r[0]): str(r[1])
                for r in whole.store.db.execute("SELECT doc_id, story FROM story_documents")
            }
            known = story_index(earlier, rules, prefer=ids)
            # an index updated for a few documents names new stories its own way: where a story's
            # first document has another id in the whole store, merge it all with the whole's ids
            firsts = known.store.db.execute("SELECT id, json_extract(data, '$.documents[0]') FROM stories")
            if any(first is not None and ids.get(first, sid) != sid for sid, first in firsts):
                known = story_index(earlier, rules, rebuild=True, prefer=ids)
            return known
    if rebuild or _stale(store):
        # Under the write lock, checked again: of several processes asking at once, one merges and
        # the others read what it saved; what it reads is one state of the store however many
        # writers are adding documents meanwhile (they wait for the lock).
        with store.writing():
            saved = _saved_stamp(store)
            stamp = fingerprint(store)
            if rebuild or saved != stamp:
                rules = rules or default()
                if rebuild or saved is None or not incremental.update(store, rules, saved, stamp):
                    index, got = merge_stored(store, rules, prefer=prefer)
                    links = list(link_keys(got.reports(), index, rules, got.leaders))
                    save_index(store, index, stamp, links, got.leaders)
    return StoredIndex(store)


def _saved_stamp(store: Store) -> str | None:
    row = store.db.execute("SELECT value FROM story_state WHERE key = 'fingerprint'").fetchone()
    return None if row is None else str(row[0])


def _stale(store: Store) -> bool:
    """Does the saved index miss documents added (or rules changed) since it was saved?"""
    with store.reading():
        return _saved_stamp(store) != fingerprint(store)


# Beside a store file, the store of the documents known by the last day asked (see known_by).
AS_OF_SUFFIX = ".as-of.db"


def known_by(store: Store, day: dt.date) -> Store | None:
    """A store with only the documents published by ``day`` (and those with no date), or None when
    ``store`` holds no document published after it.

    For a store file it is a file beside it (AS_OF_SUFFIX), kept with its saved story index: asked
    again, for the same day or a later one, it is given the documents it lacks, and the index is
    updated for those alone (docket.index.incremental); it is made afresh when it holds a document
    the day's set does not (an earlier day, a document removed) or one whose copy_of has changed.
    Elsewhere it is a store in memory."""
    rows = published_by(store, day)
    if rows is None:
        return None
    earlier = _known_store(store)
    held = {str(r[0]): r[1] for r in earlier.db.execute("SELECT id, copy_of FROM documents")}
    if held:
        known = {
            str(r[0]): r[1]
            for r in store.db.execute(
                "SELECT id, copy_of FROM documents WHERE published IS NULL OR published <= ?",
                (day.isoformat(),),
            )
        }
        if any(doc_id not in known or known[doc_id] != copy_of for doc_id, copy_of in held.items()):
            earlier = _known_store(store, afresh=True)
            held = {}
    batch = []
    for doc_id, origin in rows:
        record = None if doc_id in held else store.record(doc_id)
        if record is not None:
            batch.append((record, origin))
    if batch:
        earlier.add_many(batch)
    correction_rows.copy_all(store, earlier)  # an analyst's word holds on every day
    return earlier


def _known_store(store: Store, *, afresh: bool = False) -> Store:
    """The store beside ``store`` for the documents known by a day (emptied with ``afresh``), or one
    in memory for a store that is not a file of its own (or when the file cannot be made)."""
    earlier: Store | None = None
    if type(store) is Store and store.path != ":memory:" and not store.path.startswith("file:"):
        path = Path(store.path + AS_OF_SUFFIX)
        try:
            if afresh:
                for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    part.unlink(missing_ok=True)
            earlier = Store(path)
        except (OSError, StoreError):
            earlier = None
    if earlier is None:
        earlier = Store(":memory:")
    earlier.find_copies = False  # the records say which are copies: an original is published earlier
    return earlier


def quantity_series(store: Store, story: str | None = None) -> list[tuple[Any, ...]]:
    """Every reported count with its story and place, in publication order (the CSV series).

    Rows: (story, owner, noun, place, value, low, high, approx, mod, published, document, start, end, text).
    """
    story_index(store)
    sql = (
        "SELECT s.story, s.owner, s.noun, s.place, q.value, q.low, q.high, q.approx,"
        " json_extract(q.data, '$.mod'), d.published, q.doc_id, q.start,"
        ' q."end", q.text FROM story_quantities s'
        " JOIN quantities q ON q.doc_id = s.doc_id AND q.id = s.id JOIN documents d ON d.id = q.doc_id"
    )
    args: list[Any] = []
    if story is not None:
        sql += " WHERE s.story = ?"
        args.append(story)
    sql += " ORDER BY d.published, q.doc_id, q.start"
    return [(*r[:7], bool(r[7]), *r[8:]) for r in store.db.execute(sql, args)]
