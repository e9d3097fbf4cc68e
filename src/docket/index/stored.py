"""The story index kept in a store's own tables, read back (:class:`StoredIndex`) and filtered in
SQL, so ``docket due`` and ``docket timeline`` answer quickly on large stores. The stored reports
are read and merged in docket.index.reports, the merge saved as rows in docket.index.saved;
bringing it up to date is docket.index.query's.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docket.isodates import parse_iso, shift
from docket.store.documents import chunked, sql_in
from docket.store.sqlite import Store
from docket.story.model import Contradiction, Story
from docket.story.segments import segment_on, status_json
from docket.story.status import Status, due, status_on
from docket.story.timeline import Entry
from docket.story.tracked import Tracked, from_light


def _story(d: dict[str, Any]) -> Story:
    return Story(
        id=d["id"],
        documents=list(d.get("documents") or ()),
        first=parse_iso(d.get("first")),
        last=parse_iso(d.get("last")),
        actors=list(d.get("actors") or ()),
        title=d.get("title"),
    )


@dataclass
class StoredIndex:
    """Read access to the saved story index of a store."""

    store: Store

    def stories(self) -> list[Story]:
        rows = self.store.db.execute("SELECT data FROM stories ORDER BY first, id")
        return [_story(json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.store.db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return _story(json.loads(row[0])) if row else None

    def story_of(self, doc_id: str) -> str | None:
        row = self.store.db.execute(
            "SELECT story FROM story_documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def commitments(
        self,
        *,
        story: str | None = None,
        known_by: dt.date | None = None,
        latest_by: dt.date | None = None,
        open_on: dt.date | None = None,
    ) -> list[Tracked]:
        """Merged commitments; ``known_by``: first reported by that day; ``latest_by``: deadline by then;
        ``open_on``: not yet fulfilled, moved or broken on that day."""
        sql, args = _commitments_sql("data", story, known_by, latest_by, open_on)
        return [Tracked.from_dict(json.loads(r[0])) for r in self.store.db.execute(sql, args)]

    def statuses(self, day: dt.date, *, within: int | None = None, story: str | None = None) -> list[Status]:
        """The full status on ``day`` of every commitment known by then (``within``: only those open
        and due in that many days, or overdue), in ``docket due``'s order: what exports and
        ``docket demo`` show."""
        latest_by = shift(day, within) if within is not None else None
        items = self.commitments(
            story=story, known_by=day, latest_by=latest_by, open_on=day if within is not None else None
        )
        return due(items, day, within=within, story=story)

    def due(
        self, day: dt.date, *, within: int | None = None, story: str | None = None, with_json: bool = False
    ) -> list[DueRow]:
        """What ``docket due`` lists: the status on ``day`` of every commitment known by then (``within``:
        only those open and due in that many days, or overdue), in its order.

        Each status is read from the commitment's stored :func:`~docket.story.tracked.status_segments`,
        without building objects; ``with_json`` also reads the stored parts of its JSON, so
        :meth:`DueRow.json` needs no other read, and :meth:`DueRow.told` builds the full status.
        """
        latest_by = shift(day, within) if within is not None else None
        open_on = day if within is not None else None
        columns = "due_order, segments, latest, story, light" + (", head, body, tail" if with_json else "")
        sql, args = _commitments_sql(columns, story, day, latest_by, open_on)
        on = day.isoformat()
        out: list[tuple[str, DueRow]] = []
        for row in self.store.db.execute(sql, args):
            _, status, outcomes = segment_on(json.loads(row[1]), on)
            days_left = (dt.date.fromisoformat(row[2]) - day).days if row[2] else None
            if within is not None and (
                status not in ("pending", "overdue") or days_left is None or days_left > within
            ):
                continue
            parts = (str(row[5]), str(row[6]), str(row[7])) if with_json else None
            out.append((str(row[0]), DueRow(day, status, days_left, outcomes, row[3], str(row[4]), parts)))
        out.sort(key=lambda kr: kr[0])
        return [r for _, r in out]

    def timeline(
        self,
        *,
        story: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> list[Entry]:
        found = self.timeline_json(story=story, limit=limit, offset=offset, start=start, end=end)
        return [Entry.from_dict(json.loads(raw)) for raw in found]

    def timeline_json(
        self,
        *,
        story: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> Iterator[str]:
        """The entries in time order, each as its stored JSON text: what ``timeline --json`` prints.
        ``start``/``end``: only entries whose first possible day falls from ``start`` to ``end``."""
        where, args = _timeline_where(story, start, end)
        sql = f"SELECT data FROM story_timeline{where} ORDER BY ord, seq"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args.extend((limit, offset))
        rows: Iterator[Any] = iter(self.store.db.execute(sql, args))
        if limit is None and offset:
            # no LIMIT that both SQLite and PostgreSQL read as "all": skip here
            rows = itertools.islice(rows, offset, None)
        for row in rows:
            yield str(row[0])

    def timeline_kinds(
        self, *, story: str | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> dict[str, int]:
        """How many timeline entries of each kind (event, commitment, deadline…) :meth:`timeline_json`
        gives for the same ``story``, ``start`` and ``end``."""
        where, args = _timeline_where(story, start, end)
        sql = f"SELECT kind, count(*) FROM story_timeline{where} GROUP BY kind ORDER BY kind"
        return {str(k): int(n) for k, n in self.store.db.execute(sql, args)}

    def contradictions(
        self, *, story: str | None = None, stories: list[str] | None = None
    ) -> list[Contradiction]:
        """Disagreements, of one story, of the ``stories`` listed, or all."""
        return [
            _contradiction(json.loads(raw)) for raw in self.contradictions_json(story=story, stories=stories)
        ]

    def contradictions_json(self, *, story: str | None = None, stories: list[str] | None = None) -> list[str]:
        """The same, each as its stored JSON text (for output as it is)."""
        sql = "SELECT data FROM story_contradictions"
        args: list[Any] = []
        if story is not None:
            sql += " WHERE story = ?"
            args.append(story)
        elif stories is not None:
            rows: list[Any] = []
            for chunk in chunked(set(stories)):
                rows.extend(
                    self.store.db.execute(
                        f"{sql} WHERE {sql_in('story', chunk)} ORDER BY story, rowid", chunk
                    )
                )
            return [str(r[0]) for r in rows]
        # a story's disagreements together, stories by id: the order an update of some stories keeps
        order = " ORDER BY rowid" if story is not None else " ORDER BY coalesce(story, ''), rowid"
        return [str(r[0]) for r in self.store.db.execute(sql + order, args)]


def _timeline_where(story: str | None, start: dt.date | None, end: dt.date | None) -> tuple[str, list[Any]]:
    terms: list[str] = []
    args: list[Any] = []
    for term, value in (("story = ?", story), ("first >= ?", start), ("first <= ?", end)):
        if value is not None:
            terms.append(term)
            args.append(value if isinstance(value, str) else value.isoformat())
    return (" WHERE " + " AND ".join(terms) if terms else ""), args


def _commitments_sql(
    columns: str,
    story: str | None,
    known_by: dt.date | None,
    latest_by: dt.date | None,
    open_on: dt.date | None,
) -> tuple[str, list[Any]]:
    sql = f"SELECT {columns} FROM story_commitments WHERE 1 = 1"
    args: list[Any] = []
    if story is not None:
        sql += " AND story = ?"
        args.append(story)
    if known_by is not None:
        sql += " AND (reported_on IS NULL OR reported_on <= ?)"
        args.append(known_by.isoformat())
    if latest_by is not None:
        sql += " AND latest IS NOT NULL AND latest <= ?"
        args.append(latest_by.isoformat())
    if open_on is not None:
        sql += " AND (closed_on IS NULL OR closed_on > ?)"
        args.append(open_on.isoformat())
    return sql, args


@dataclass(frozen=True)
class DueRow:
    """One line of ``docket due`` as the index stores it: the status on a day, its days left and its
    outcomes as JSON, the commitment's story, its light form and (read for JSON) its JSON's parts."""

    day: dt.date
    status: str
    days_left: int | None
    outcomes: str
    story: str | None
    light: str
    parts: tuple[str, str, str] | None = None

    def json(self) -> str:
        """The status as ``json.dumps(status.as_dict(), ensure_ascii=False)`` gives it."""
        if self.parts is None:
            raise ValueError("read with with_json=True to write a status as JSON")
        return status_json(self.parts, self.status, self.days_left, self.outcomes)

    def told(self) -> tuple[Status, int]:
        """The full status of the light commitment (no documents or evidence: enough for a table
        row) and how many documents state it."""
        t, reports = from_light(json.loads(self.light))
        return status_on(t, self.day), reports


def parse_contradiction(raw: str) -> Contradiction:
    return _contradiction(json.loads(raw))


def _contradiction(d: dict[str, Any]) -> Contradiction:
    from docket.story.model import Claim, Evidence, SourceRef

    claims = tuple(
        Claim(
            value=c["value"],
            documents=tuple(c["documents"]),
            evidence=tuple(Evidence(e["document"], e["start"], e["end"]) for e in c["evidence"]),
            sources=tuple(
                SourceRef(s["document"], s["id"], s["kind"], s["text"], s.get("name"))
                for s in c.get("sources") or ()
            ),
        )
        for c in d["claims"]
    )
    return Contradiction(
        d["id"], d["kind"], d["subject"], claims, tuple(d.get("items") or ()), d.get("story")
    )


def story_numbers(
    store: Store, doc_id: str, story: str | None
) -> tuple[list[tuple[str, str, str | None, float | None, int, int]], list[tuple[str | None, float | None]]]:
    """The quantities of one document, and (noun, value) of its story's reports published before it."""
    db = store.db
    mine = [
        (str(r[0]), str(r[1]), r[2], r[3], int(r[4]), int(r[5]))
        for r in db.execute(
            'SELECT id, text, noun, value, start, "end" FROM quantities WHERE doc_id = ? ORDER BY start',
            (doc_id,),
        )
    ]
    if story is None:
        return mine, []
    published = db.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()
    earlier = [
        (r[0], r[1])
        for r in db.execute(
            "SELECT q.noun, q.value FROM quantities q JOIN story_documents s ON s.doc_id = q.doc_id"
            " JOIN documents d ON d.id = q.doc_id"
            " WHERE s.story = ? AND q.doc_id != ? AND (d.published < ? OR ? IS NULL)"
            " ORDER BY d.published, q.doc_id, q.start",
            (story, doc_id, published[0] if published else None, published[0] if published else None),
        )
    ]
    return mine, earlier
