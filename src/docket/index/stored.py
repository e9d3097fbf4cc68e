"""The story index kept in a store's own tables: the stored reports read and merged
(docket.story), the merge saved as rows (each commitment's status segments, its light row and
its JSON's parts, timeline entries and disagreements as printed), and read back
(:class:`StoredIndex`), filtered in SQL, so ``docket due`` and ``docket timeline`` answer
quickly on large stores. Bringing it up to date is docket.index.query's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from docket import data
from docket.index import correction_rows
from docket.isodates import iso, parse_iso, shift
from docket.store.documents import chunked, documents_stamp, sql_in
from docket.store.sqlite import Store, dumps
from docket.story.build import Index, build
from docket.story.links import Link
from docket.story.model import Contradiction, Story
from docket.story.quantities import noun_key
from docket.story.reports import Collected, add_document
from docket.story.rules import Rules, default
from docket.story.timeline import Entry
from docket.story.tracked import (
    Status,
    Tracked,
    due,
    due_order,
    from_light,
    light_row,
    segment_on,
    status_json,
    status_on,
    status_parts,
    status_segments,
)
from docket.wire.stored import REPOINTED, copy_map

# bump when the merge changes what it stores, so old indexes are rebuilt
INDEX_VERSION = "5"
_TAKES = 400  # how far after a promise the span of its act may be told
_SNIPPET = 400  # characters of text kept on each side of an event, to read its sentence


@cache
def _merge_version() -> str:
    """A digest of the merge rules and code: an index built by other rules is rebuilt."""
    digest = hashlib.sha1(json.dumps(data.load("story.yaml"), sort_keys=True, default=str).encode())
    package = resources.files("docket.story")
    # every module that shapes the index
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]


def fingerprint(store: Store) -> str:
    """Changes whenever documents are added or removed, the merge rules or code change, or an
    analyst makes or undoes a correction."""
    count, last = documents_stamp(store.db)
    corrected = correction_rows.stamp(store)
    return f"{INDEX_VERSION}:{count}:{last}:{_merge_version()}{'-' + corrected if corrected else ''}"


# -- loading the stored reports --------------------------------------------------------------


def _chunks(only: set[str] | None) -> Iterator[list[str] | None]:
    if only is None:
        yield None
        return
    yield from chunked(only)


def _select(
    store: Store, sql: str, args: tuple[Any, ...], column: str, only: set[str] | None
) -> Iterator[Any]:
    """Rows of ``sql`` (its ``{where}`` filled), of the documents ``only`` when given."""
    for chunk in _chunks(only):
        if chunk is None:
            yield from store.db.execute(sql.format(where=""), args)
        else:
            where = f" WHERE {sql_in(column, chunk)}"
            yield from store.db.execute(sql.format(where=where), (*args, *chunk))


def load_reports(store: Store, rules: Rules, only: set[str] | None = None) -> Collected:
    """Every stored report (of the documents ``only``, when given), as the merge reads it, without
    building full records; read as one state of the store while others may write."""
    with store.reading():
        return _load_reports(store, rules, only)


def _load_reports(store: Store, rules: Rules, only: set[str] | None) -> Collected:
    items: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    seen_timex: set[tuple[str, str]] = set()

    def timex(doc: str, raw: str | None) -> None:
        if raw is None:
            return
        t = json.loads(raw)
        if (doc, t["id"]) not in seen_timex:
            seen_timex.add((doc, t["id"]))
            items[doc]["timexes"].append(t)

    for doc, raw, traw in _select(
        store,
        "SELECT c.doc_id, c.data, t.data FROM commitments c"
        " LEFT JOIN timexes t ON t.doc_id = c.doc_id AND t.id = c.deadline{where} ORDER BY c.doc_id, c.rowid",
        (),
        "c.doc_id",
        only,
    ):
        items[doc]["commitments"].append(json.loads(raw))
        timex(doc, traw)
    snippets: dict[tuple[str, int, int], tuple[str, int]] = {}
    # a promise set for a day, and a span just after it: the text between, to see whether the span
    # is how long the act takes ("on Tuesday ... would take six to ten days": reports._taking)
    for doc, start, end, snippet, traw in _select(
        store,
        'SELECT c.doc_id, c.start, c."end", substr(d.text, c.start + 1, c."end" - c.start + ?), t.data'
        " FROM commitments c JOIN timexes dl ON dl.doc_id = c.doc_id AND dl.id = c.deadline"
        " AND dl.earliest = dl.latest JOIN timexes t ON t.doc_id = c.doc_id AND t.type = 'DURATION'"
        ' AND t.start >= c."end" AND t.start < c."end" + ? JOIN documents d ON d.id = c.doc_id{where}',
        (_TAKES, _TAKES),
        "c.doc_id",
        only,
    ):
        timex(doc, traw)
        snippets[(doc, int(start), int(end))] = (snippet, int(start))
    for doc, raw, traw, start, end, snippet in _select(
        store,
        'SELECT e.doc_id, e.data, t.data, e.start, e."end",'
        " CASE WHEN e.status = 'occurred'"
        ' THEN substr(d.text, max(1, e.start + 1 - ?), e."end" - e.start + 2 * ?) END'
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN timexes t ON t.doc_id = e.doc_id AND t.id = e.time{where} ORDER BY e.doc_id, e.rowid",
        (_SNIPPET, _SNIPPET),
        "e.doc_id",
        only,
    ):
        items[doc]["events"].append(json.loads(raw))
        timex(doc, traw)
        if snippet is not None:
            snippets[(doc, int(start), int(end))] = (snippet, max(0, int(start) - _SNIPPET))
    for row in _select(
        store,
        'SELECT q.doc_id, q.id, q.text, q.start, q."end", q.value, q.low, q.high, q.approx, q.noun,'
        " json_extract(q.data, '$.mod'), substr(d.text, max(1, q.start + 1 - ?), q.\"end\" - q.start + 2 * ?)"
        " FROM quantities q JOIN documents d ON d.id = q.doc_id{where} ORDER BY q.doc_id, q.rowid",
        (_SNIPPET, _SNIPPET),
        "q.doc_id",
        only,
    ):
        snippets[(row[0], int(row[3]), int(row[4]))] = (row[11], max(0, int(row[3]) - _SNIPPET))
        items[row[0]]["quantities"].append(
            {
                "id": row[1],
                "text": row[2],
                "start": row[3],
                "end": row[4],
                "value": row[5],
                "low": row[6],
                "high": row[7],
                "approx": bool(row[8]),
                "noun": row[9],
                "mod": row[10],
            }
        )
    for doc, sid, kind, text, name in _select(
        store,
        "SELECT doc_id, id, kind, text, name FROM sources{where} ORDER BY doc_id, rowid",
        (),
        "doc_id",
        only,
    ):
        items[doc]["sources"].append({"id": sid, "kind": kind, "text": text, "name": name})
    for doc, raw in _select(
        store, "SELECT doc_id, data FROM actors{where} ORDER BY doc_id, rowid", (), "doc_id", only
    ):
        items[doc]["actors"].append(json.loads(raw))
    out = Collected()
    documents = list(
        _select(
            store,
            "SELECT id, published, title, outlet, origin FROM documents{where} ORDER BY published, id",
            (),
            "id",
            only,
        )
    )
    if only is not None:
        # as the whole store's query orders them (every document of a subset has a date)
        documents.sort(key=lambda r: (r[1] or "", r[0]))
    # the texts that may say an agreement ran out, or tell a deed in other words: only those with
    # one of the phrases
    bodies: dict[str, str] = {}
    if rules.text_cues:
        cues = " OR ".join("lower(text) LIKE ?" for _ in rules.text_cues)  # the cues are lower case
        for doc, body in _select(
            store,
            f"SELECT id, text FROM (SELECT id, text FROM documents WHERE {cues}) AS cued{{where}}",
            tuple(f"%{cue}%" for cue in rules.text_cues),
            "id",
            only,
        ):
            bodies[str(doc)] = str(body)
    if bodies and rules.schedules is not None:
        # a text the story reads may set a public act for any day it names: all its timexes
        for doc, traw in _select(store, "SELECT doc_id, data FROM timexes{where}", (), "doc_id", set(bodies)):
            timex(str(doc), traw)
    copies = copy_map(store.db)  # an outlet's copy of a wire report is that report, not another
    for doc_id, published, title, outlet, origin in documents:
        if doc_id in copies:
            continue
        mine = items.get(doc_id, {})

        def context(start: int, end: int, doc_id: str = doc_id) -> tuple[str, int]:
            return snippets.get((doc_id, start, end), ("", start))

        add_document(
            out,
            {"id": doc_id, "published": published, "title": title, "outlet": outlet},
            mine,
            rules,
            context=context,
            origin=origin,
            body=bodies.get(doc_id),
        )
    return out


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
    store.db.executemany(
        "INSERT INTO story_links (doc_id, key, day, item, lo, hi) VALUES (?, ?, ?, ?, ?, ?)",
        [(x.document, x.key, iso(x.day), x.item, iso(x.lo), iso(x.hi)) for x in links],
    )


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


def _story(d: dict[str, Any]) -> Story:
    return Story(
        id=d["id"],
        documents=list(d.get("documents") or ()),
        first=parse_iso(d.get("first")),
        last=parse_iso(d.get("last")),
        actors=list(d.get("actors") or ()),
        title=d.get("title"),
    )


def build_index(store: Store, rules: Rules | None = None) -> Index:
    """Merge every stored report now (no cache)."""
    return merge_stored(store, rules or default())[0]


def merge_stored(
    store: Store,
    rules: Rules,
    only: set[str] | None = None,
    leaders: dict[str, str] | None = None,
    prefer: dict[str, str] | None = None,
) -> tuple[Index, Collected]:
    """Merge the stored reports (of the documents ``only``; ``leaders``: the whole store's, when
    only some are merged; ``prefer``: story ids to keep, see cluster_stories), with what was read."""
    got = load_reports(store, rules, only)
    lead = got.leaders if leaders is None else leaders
    index = build(
        got.reports(),
        rules,
        leaders=lead,
        completion=got.completion,
        kept=got.kept,
        prefer=prefer,
        corrections=correction_rows.listed(store, standing=True),
    )
    return index, got


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
