"""The merge saved as rows of the index tables: each commitment's status segments, its light row and
its JSON's parts, timeline entries and links from documents to stories.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from docket.isodates import iso
from docket.store.documents import chunked, sql_in
from docket.store.sqlite import Store, dumps
from docket.story.build import Index
from docket.story.links import Link
from docket.story.model import Story
from docket.story.quantities import noun_key
from docket.story.segments import status_parts, status_segments
from docket.story.status import due_order
from docket.story.timeline import Entry
from docket.story.tracked import Tracked, light_row
from docket.wire.stored import REPOINTED

# -- saving and reading the index ---------------------------------------------------------


_INDEX_TABLES = (
    "stories",
    "story_documents",
    "story_commitments",
    "story_timeline",
    "story_contradictions",
    "story_quantities",
    "story_links",
)


def save_index(
    store: Store,
    index: Index,
    stamp: str,
    links: list[Link] | None = None,
    leaders: dict[str, str] | None = None,
) -> None:
    """Replace the whole saved index (and the documents' link keys, when given)."""
    db = store.db
    with store.writing():
        for table in _INDEX_TABLES:
            db.execute(f"DELETE FROM {table}")
        write_rows(store, index, 0)
        write_links(store, links or [])
        db.execute(
            "INSERT OR REPLACE INTO story_state (key, value) VALUES ('leaders', ?)",
            (json.dumps(leaders or {}, sort_keys=True),),
        )
        db.execute(
            "INSERT OR REPLACE INTO story_state (key, value) VALUES ('corrections', ?)",
            (json.dumps({str(k): v for k, v in index.corrected.items()}),),
        )
        db.execute("INSERT OR REPLACE INTO story_state (key, value) VALUES ('fingerprint', ?)", (stamp,))
        db.execute("DELETE FROM story_state WHERE key = ?", (REPOINTED,))  # merged as copies now


def write_links(store: Store, links: list[Link]) -> None:
    _insert_links(store, [_link_row(x) for x in links])


_LinkRow = tuple[str, str, str | None, str | None, str | None, str | None]


def _link_row(x: Link) -> _LinkRow:
    return (x.document, x.key, iso(x.day), x.item, iso(x.lo), iso(x.hi))


def _insert_links(store: Store, rows: list[_LinkRow]) -> None:
    store.db.executemany(
        "INSERT INTO story_links (doc_id, key, day, item, lo, hi) VALUES (?, ?, ?, ?, ?, ?)", rows
    )


def rewrite_links(store: Store, docs: set[str], links: list[Link]) -> None:
    """Make ``links`` the stored keys of the documents ``docs``, deleting and inserting only the rows
    that differ (a story merged again keeps most of its documents' keys)."""
    wanted = Counter(_link_row(x) for x in links)
    stale: list[int] = []
    for chunk in chunked(docs):
        sql = f"SELECT rowid, doc_id, key, day, item, lo, hi FROM story_links WHERE {sql_in('doc_id', chunk)}"
        for rowid, *row in store.db.execute(sql, chunk):
            held = tuple(row)
            if wanted[held] > 0:
                wanted[held] -= 1
            else:
                stale.append(int(rowid))
    for part in chunked(stale):
        store.db.execute(f"DELETE FROM story_links WHERE {sql_in('rowid', part)}", part)
    _insert_links(store, [row for row, n in wanted.items() for _ in range(n)])


def _day_key(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def timeline_ord(e: Entry) -> str:
    """:meth:`Entry.key` as one text that sorts the same way (digits and letters only, so every
    database's collation agrees)."""
    first, last, kind, item = e.key()
    return f"{_day_key(first)}{_day_key(last)}{kind}{item}"


def write_rows(store: Store, index: Index, seq: int) -> None:
    """Insert the rows of ``index`` (timeline entries numbered from ``seq``)."""
    db = store.db
    db.executemany(
        "INSERT INTO stories (id, first, last, data) VALUES (?, ?, ?, ?)",
        [(s.id, iso(s.first), iso(s.last), _dumps(story_dict(s))) for s in index.stories],
    )
    db.executemany(
        "INSERT INTO story_documents (doc_id, story) VALUES (?, ?)",
        [(d, s.id) for s in index.stories for d in s.documents],
    )
    db.executemany(
        "INSERT INTO story_commitments (id, story, latest, reported_on, closed_on, data,"
        " due_order, segments, light, head, body, tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                t.id,
                t.story,
                iso(t.deadline.latest if t.deadline else None),
                iso(t.reported_on),
                iso(closed_on(t)),
                _dumps(t.as_dict()),
                due_order(t),
                _dumps(status_segments(t)),
                _dumps(light_row(t)),
                *status_parts(t),
            )
            for t in index.commitments
        ],
    )
    db.executemany(
        "INSERT INTO story_timeline (seq, story, first, kind, item, data, ord) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                seq + n,
                e.story,
                iso(e.when.earliest or e.when.latest),
                e.kind,
                e.item,
                _dumps(e.as_dict()),
                timeline_ord(e),
            )
            for n, e in enumerate(index.timeline)
        ],
    )
    db.executemany(
        "INSERT INTO story_contradictions (id, story, data) VALUES (?, ?, ?)",
        [(x.id, x.story, _dumps(x.as_dict())) for x in index.contradictions],
    )
    db.executemany(
        "INSERT INTO story_quantities (doc_id, id, story, noun, place, owner) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (q.document, q.id, index.story_of.get(q.document), noun_key(q.noun), q.place, q.owner)
            for q in index.quantities
        ],
    )


def _dumps(obj: Any) -> str:
    """Stored JSON is written as the commands print it, so they can pass it on unread (strict: no
    NaN or Infinity)."""
    return dumps(obj)


def closed_on(t: Tracked) -> dt.date | None:
    """The first day a report says the commitment was done, moved or broken (None: still open)."""
    days = [o.published for o in (*t.fulfilments, *t.broken) if o.published is not None]
    # an arrangement that was not renewed closes the day after its end (or the report, if later)
    days += [max(o.published, o.on + dt.timedelta(days=1)) for o in t.ended if o.published and o.on]
    if t.superseded_by is not None and t.superseded_on is not None:
        days.append(t.superseded_on)
    return min(days) if days else None


def story_dict(s: Story) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "first": iso(s.first),
        "last": iso(s.last),
        "actors": s.actors,
        "documents": s.documents,
    }
