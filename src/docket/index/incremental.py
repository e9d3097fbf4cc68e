"""Update the saved story index for a few new documents instead of merging every report again.

The merge (docket.story) gives each story the same items whether it runs over the whole store
or over any set of whole stories that nothing outside can reach: a report joins a thread, an
event or a story only through keys it shares with the other reports (docket.story.links). So
for the documents added since the index was saved, :func:`update` follows those keys from the
new documents to the stories they may touch, and from those stories' documents on, until no key
leads further; merges that closed set of stories and new documents alone; and replaces their
rows. Every other story keeps its rows. Stored documents that became copies of a new one (noted
by docket.wire.stored.repoint) leave the merge: their stories are merged again the same way.

It declines (and the caller merges everything) whenever it cannot be sure the result is the
whole merge's: another index version or other merge rules, documents removed or replaced, new
documents without a date, more than :data:`MAX_NEW` of them, another leader for an actor that had one, a story
id that would collide with a kept story's (which one takes the suffix), a set of documents to
merge again larger than :data:`MAX_DOCUMENTS`, or an analyst's corrections in the store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from docket.index import correction_rows
from docket.index.reports import merge_stored
from docket.index.saved import rewrite_links, write_rows
from docket.isodates import shift
from docket.store.documents import chunked, sql_in
from docket.store.sqlite import Store
from docket.story.cluster import story_base
from docket.story.links import SEP, Link, days_apart, link_keys, of_report, partners
from docket.story.rules import Rules
from docket.wire.stored import REPOINTED

MAX_NEW = 1000
_MONTH = re.compile(r"\d{4}-\d{2}")
MAX_DOCUMENTS = 20000


def _stamp_parts(stamp: str) -> tuple[str, int, int, str] | None:
    parts = stamp.split(":")
    if len(parts) != 4:
        return None
    try:
        return parts[0], int(parts[1]), int(parts[2]), parts[3]
    except ValueError:
        return None


def update(store: Store, rules: Rules, saved: str, stamp: str) -> bool:
    """Bring the saved index (saved under ``saved``) up to ``stamp`` by merging only the stories new
    documents touch; False, with nothing written, when only a whole merge can be sure."""
    old, new = _stamp_parts(saved), _stamp_parts(stamp)
    if old is None or new is None or old[0] != new[0] or old[3] != new[3]:
        return False
    if correction_rows.stamp(store):
        return False  # an analyst's merges, splits and fixes reach across stories: merge them all
    db = store.db
    added = [
        (str(r[0]), r[1])
        for r in db.execute("SELECT id, published FROM documents WHERE rowid > ? ORDER BY rowid", (old[2],))
    ]
    if not added or new[1] != old[1] + len(added):
        return False  # nothing new (so something was removed), or some removed as others came
    if len(added) > MAX_NEW or any(p is None for _, p in added):
        return False
    row = db.execute("SELECT value FROM story_state WHERE key = 'leaders'").fetchone()
    if row is None:
        return False
    leaders: dict[str, str] = json.loads(row[0])
    fresh = {d for d, _ in added}
    first, got = merge_stored(store, rules, fresh, leaders)
    if any(leaders.get(actor, leader) != leader for actor, leader in got.leaders.items()):
        return False  # another leader for an actor that had one: who acts for whom changes everywhere
    # an actor given a leader: the stored reports of its promises and deeds now count the leader's
    # (and its deeds count as the leader's); they are merged again, with what their new keys meet
    led = {actor: leader for actor, leader in got.leaders.items() if actor not in leaders}
    touched: set[str] = set()
    if led:
        leaders = {**leaders, **led}
        touched = _acting(store, set(led)) - fresh
        first, got = merge_stored(store, rules, fresh | touched, leaders)
    # stored documents that became copies of a new one leave the merge: from their keys, as from
    # the new documents', to the stories that may change (their own among them)
    row = db.execute("SELECT value FROM story_state WHERE key = ?", (REPOINTED,)).fetchone()
    gone = sorted(set(json.loads(row[0])) - fresh) if row else []
    links = [
        # a stored report's story is not all in this merge: its promises meet deeds at any time
        Link(x.document, x.key, x.day, x.item) if x.document in touched and x.kind == "O" else x
        for x in link_keys(got.reports(), first, rules, leaders)
    ]
    for chunk in chunked(gone):
        rows = db.execute(f"SELECT {_COLUMNS} FROM story_links WHERE {sql_in('doc_id', chunk)}", chunk)
        links.extend(_link(r) for r in rows)
    included = _reach(store, rules, fresh, links, touched=touched)
    if included is None:
        return False
    docs, old_stories = included
    index, got = merge_stored(store, rules, docs, leaders)
    if any(d.published is None for d in index.documents.values()):
        return False
    if _collides(store, [story_base(s.actors, s.first) for s in index.stories], old_stories):
        return False
    links = list(link_keys(got.reports(), index, rules, leaders))
    with store.writing():
        for chunk in chunked(old_stories):
            db.execute(f"DELETE FROM stories WHERE {sql_in('id', chunk)}", chunk)
            for table in ("story_commitments", "story_timeline", "story_contradictions"):
                db.execute(f"DELETE FROM {table} WHERE {sql_in('story', chunk)}", chunk)
        for chunk in chunked(docs):
            for table in ("story_documents", "story_quantities"):
                db.execute(f"DELETE FROM {table} WHERE {sql_in('doc_id', chunk)}", chunk)
        top = db.execute("SELECT coalesce(max(seq), -1) FROM story_timeline").fetchone()[0]
        write_rows(store, index, int(top) + 1)
        rewrite_links(store, docs, links)
        db.execute("INSERT OR REPLACE INTO story_state (key, value) VALUES ('fingerprint', ?)", (stamp,))
        db.execute("DELETE FROM story_state WHERE key = ?", (REPOINTED,))
        if led:
            db.execute(
                "INSERT OR REPLACE INTO story_state (key, value) VALUES ('leaders', ?)",
                (json.dumps(leaders, sort_keys=True),),
            )
    return True


def _acting(store: Store, actors: set[str]) -> set[str]:
    """The stored documents with a promise or a deed of one of ``actors`` (their O and E keys)."""
    out: set[str] = set()
    for kind in ("O", "E"):
        low = kind + SEP
        for actor in sorted(actors):
            # the keys of one kind are one range of the index; the actor ends the key
            tail = SEP + actor
            pattern = "%" + tail.replace("!", "!!").replace("%", "!%").replace("_", "!_")
            sql = "SELECT doc_id, key FROM story_links WHERE key >= ? AND key < ? AND key LIKE ? ESCAPE '!'"
            for doc, key in store.db.execute(sql, (low, kind + chr(ord(SEP) + 1), pattern)):
                if str(key).endswith(tail):
                    out.add(str(doc))
    return out


def _link(row: Any) -> Link:
    def day(value: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return Link(str(row[0]), str(row[1]), day(row[2]), row[3], day(row[4]), day(row[5]))


_COLUMNS = "doc_id, key, day, item, lo, hi"


def _plain(link: Link, rules: Rules) -> bool:
    """Do the keys meeting ``link`` depend on its key alone (no window, no prefix)? Such keys are
    looked up together, many in one query (:func:`_meeting_many`)."""
    exact, prefix = partners(link.key)
    return (
        prefix is None
        and exact == [link.key]
        and link.kind not in ("C", "O", "E", "T")
        and (days_apart(link, rules) is None or link.day is None)
    )


# a stored key met: the document holding it, the key, its event report (of T and M keys)
_Met = tuple[str, str, str | None]


def _meeting_many(store: Store, keys: set[str]) -> dict[str, list[_Met]]:
    """The stored keys equal to each of ``keys``, by key: one query for many keys."""
    out: dict[str, list[_Met]] = {key: [] for key in keys}
    for chunk in chunked(keys):
        sql = f"SELECT doc_id, key, item FROM story_links WHERE {sql_in('key', chunk)}"
        for row in store.db.execute(sql, chunk):
            out[str(row[1])].append((str(row[0]), str(row[1]), row[2]))
    return out


def _meeting(store: Store, rules: Rules, link: Link, *, changes: bool) -> list[_Met]:
    """The stored keys that meet ``link``; when what they meet cannot change (``changes`` False, or
    a deed or main actors), only the documents holding them (one row each, no key)."""
    documents_only = _documents_only(link, changes)
    exact, prefix = partners(link.key)
    terms: list[str] = []
    args: list[object] = []
    if exact:
        terms.append(sql_in("key", exact))
        args.extend(exact)
    if prefix is not None:
        terms.append("key LIKE ? ESCAPE '!'")
        args.append(prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
    columns = "DISTINCT doc_id, '', NULL" if documents_only else "doc_id, key, item"
    where = f"({' OR '.join(terms)})"
    rest = ""  # the conditions after the day's
    more: list[object] = []
    if link.kind == "C" and link.lo is not None and link.hi is not None:
        rest += " AND (lo IS NULL OR hi IS NULL OR (day >= ? AND day <= ?) OR (lo <= ? AND hi >= ?))"
        more.extend((link.lo.isoformat(), link.hi.isoformat(), link.lo.isoformat(), link.lo.isoformat()))
    if link.kind in ("O", "E") and link.lo is not None and link.hi is not None:
        rest += " AND (lo IS NULL OR hi IS NULL OR (lo <= ? AND hi >= ?))"
        more.extend((link.hi.isoformat(), link.lo.isoformat()))
    if link.kind == "T":
        if link.lo is None or link.hi is None:
            rest += " AND hi IS NULL"
        else:
            rest += " AND hi IS NOT NULL AND lo <= ? AND hi >= ?"
            more.extend((link.hi.isoformat(), link.lo.isoformat()))
    days = days_apart(link, rules)
    if days is None or link.day is None:
        sql = f"SELECT {columns} FROM story_links WHERE {where}{rest}"
        args.extend(more)
    else:
        # the undated keys and those within the days, each half a search of the index on (key, day)
        # (one condition "day IS NULL OR day within" would read every row of the key)
        sql = (
            f"SELECT {columns} FROM story_links WHERE {where} AND day IS NULL{rest} UNION ALL "
            f"SELECT {columns} FROM story_links WHERE {where} AND day >= ? AND day <= ?{rest}"
        )
        window = [shift(link.day, -days).isoformat(), shift(link.day, days).isoformat()]
        args = [*args, *more, *args, *window, *more]
    return [(str(r[0]), str(r[1]), r[2]) for r in store.db.execute(sql, args)]


def _question(link: Link, rules: Rules, changes: bool) -> tuple[object, ...]:
    """What :func:`_meeting` reads of ``link``: two links alike in it meet the same stored keys."""
    dated = days_apart(link, rules) is not None or link.kind == "T"
    return (link.key, link.lo, link.hi, link.day if dated else None, _documents_only(link, changes))


def _documents_only(link: Link, changes: bool) -> bool:
    return not changes or link.kind in ("O", "E", "S", "W")


# what a key reached from a changed report means for the report (or document) holding it:
# its merge may change too (its keys of these kinds are followed in turn), or its story is only
# merged again with the rest
_CHANGES = {"C": ("C", "O", "D"), "D": ("C", "O", "D"), "T": ("T", "M"), "M": ("T", "M")}
# keys of every document merged again whose partners take part in its merge without a link:
# dates other promises carry, refusals looking for their thread, events merged across stories
_BESIDE = ("D", "C", "M")


def _reach(
    store: Store,
    rules: Rules,
    fresh: set[str],
    links: list[Link],
    *,
    limit: int = MAX_DOCUMENTS,
    touched: set[str] | None = None,
) -> tuple[set[str], set[str]] | None:
    """The new documents and every stored story they may change: (documents, stories).

    From the new documents' keys, the reports they meet may merge differently (``C``, ``D``: the
    threads of a promise; ``T``, ``M``: the events told again), and so on from theirs; a deed
    (``E``/``O``), main actors (``S``) or a promise told again (``W``) they meet only bring their
    story. Every story reached is merged again whole, with the stories that take part in its
    merge without a link (``D``, refusals' ``C``, ``M``). ``touched``: stored documents whose
    stories are merged again too. None when more than ``limit`` documents."""
    db = store.db
    docs = set(fresh)
    stories: set[str] = set()
    asked: set[tuple[Link, bool]] = set()
    followed: set[tuple[str, str | None, str]] = set()
    todo = [(link, True) for link in links]  # (key, whether what it meets may merge differently)
    answers: dict[tuple[object, ...], list[_Met]] = {}
    reached: set[str] = set(touched or ())
    while todo or reached:
        more: list[tuple[Link, bool]] = []
        todo = [x for x in dict.fromkeys(todo) if x not in asked]
        asked.update(todo)
        plain = _meeting_many(store, {link.key for link, _ in todo if _plain(link, rules)})
        for link, changes in todo:
            if _plain(link, rules):
                met = plain[link.key]
            else:
                # links of one story's documents often ask the same (a deed's key, the story's span)
                question = _question(link, rules, changes)
                if question not in answers:
                    answers[question] = _meeting(store, rules, link, changes=changes)
                met = answers[question]
            for document, key, report in met:
                reached.add(document)
                for kind in _CHANGES.get(key.split(SEP, 1)[0], ()) if changes else ():
                    if (document, report, kind) not in followed:
                        followed.add((document, report, kind))
                        item = report if of_report(kind) else None
                        more.extend((x, True) for x in _keys_of(store, document, item, kind))
        reached -= docs
        found_stories: set[str] = set()
        for chunk in chunked(reached):
            found_stories.update(
                str(r[0])
                for r in db.execute(
                    f"SELECT DISTINCT story FROM story_documents WHERE {sql_in('doc_id', chunk)}", chunk
                )
            )
        found_stories -= stories
        stories |= found_stories
        members: set[str] = set(reached)  # a stored document in no story (none should be) too
        for chunk in chunked(found_stories):
            members.update(
                str(r[0])
                for r in db.execute(
                    f"SELECT doc_id FROM story_documents WHERE {sql_in('story', chunk)}", chunk
                )
            )
        members -= docs
        docs |= members
        if len(docs) > limit:
            return None
        todo, reached = more, set()
        for chunk in chunked(members):
            # the kind is a key's first letter; a promise's C key without a window: a refusal's
            sql = (
                f"SELECT {_COLUMNS} FROM story_links WHERE {sql_in('doc_id', chunk)}"
                f" AND {sql_in('substr(key, 1, 1)', _BESIDE)}"
                " AND (substr(key, 1, 1) != 'C' OR lo IS NULL)"
            )
            todo.extend((_link(r), False) for r in db.execute(sql, [*chunk, *_BESIDE]))
    return docs, stories


def _keys_of(store: Store, doc: str, item: str | None, kind: str) -> list[Link]:
    sql = f"SELECT {_COLUMNS} FROM story_links WHERE doc_id = ? AND key LIKE ?"
    args: list[object] = [doc, kind + SEP + "%"]
    if item is not None:
        sql += " AND item = ?"
        args.append(item)
    return [_link(r) for r in store.db.execute(sql, args)]


def _collides(store: Store, bases: list[str], replaced: set[str]) -> bool:
    """Would a re-merged story's id depend on a kept story (same base: which one takes the suffix)?"""
    wanted = set(bases)
    # a dated story's base ends with its first month: only the kept stories first told in a month
    # some wanted base ends with (and the undated ones) can share a base
    months = sorted({b[-7:] for b in wanted if _MONTH.fullmatch(b[-7:])})
    sql = "SELECT id, data FROM stories WHERE json_extract(data, '$.first') IS NULL"
    if months:
        first_month = "substr(json_extract(data, '$.first'), 1, 7)"
        sql += f" OR {sql_in(first_month, months)}"
    for sid, raw in store.db.execute(sql, months):
        if sid in replaced:
            continue
        d = json.loads(raw)
        first = dt.date.fromisoformat(d["first"]) if d.get("first") else None
        if story_base(list(d.get("actors") or ()), first) in wanted:
            return True
    return False
