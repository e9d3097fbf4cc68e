"""The stored reports read back from a store and merged into stories (docket.story), and the
fingerprint that tells whether a saved index is still the merge of what is stored.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from docket import data
from docket.index import correction_rows
from docket.store.documents import chunked, documents_stamp, sql_in
from docket.store.sqlite import Store
from docket.story.build import Index, build
from docket.story.reports import Collected, add_document
from docket.story.rules import Rules, default
from docket.wire.stored import copy_map

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
    # the words around a deed, and around a one-shot act told as a plan ("voted to approve": done)
    one_shot = tuple(sorted(rules.one_shot))
    planned = f" OR (e.status = 'planned' AND {sql_in('e.action', one_shot)})" if one_shot else ""
    for doc, raw, traw, start, end, snippet in _select(
        store,
        'SELECT e.doc_id, e.data, t.data, e.start, e."end",'
        f" CASE WHEN e.status = 'occurred'{planned}"
        ' THEN substr(d.text, max(1, e.start + 1 - ?), e."end" - e.start + 2 * ?) END'
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN timexes t ON t.doc_id = e.doc_id AND t.id = e.time{where} ORDER BY e.doc_id, e.rowid",
        (*one_shot, _SNIPPET, _SNIPPET),
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
