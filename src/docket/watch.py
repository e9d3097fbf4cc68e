"""Keep a store up to date from RSS/Atom feeds: one cycle of ``docket watch``.

Each cycle polls every feed that is due: a URL with a conditional request (the ETag and
Last-Modified it answered last time; a 304 means nothing new), a file as it is now. Every
entry not seen before is read: from its own text where the feed carries the whole article
(:data:`FULL_TEXT_CHARS` or more), else from its page, fetched and read as the HTML reader
does (the entry's date, title and the feed's name fill in what the page lacks). Each article
is extracted and added to the store, which marks it a copy when it is one. What each feed
answered and which entries it has shown are kept in the store (``feeds``, ``feed_entries``),
so a later cycle, or another process, fetches nothing twice.

A feed that fails waits before it is polled again, twice as long after each failure in a row
(up to :data:`MAX_BACKOFF`); the other feeds go on. An entry whose page cannot be had for now
(timeout, refused, server error) is tried again next cycle; one that can never be read (404,
not an article) is remembered with its reason. The clock is the caller's (``now``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket.ingest.base import InputProblem, Loaded, Problem, ReadOptions, make_document
from docket.ingest.web import FEED_TYPES, FetchOptions, Unreachable, fetch, is_url, page_meta
from docket.record import Record
from docket.store.sqlite import Store

# An entry whose own text is this long is the article (teasers run a sentence or two); a
# shorter one stands for its page.
FULL_TEXT_CHARS = 600
MAX_BACKOFF = dt.timedelta(hours=6)

Extract = Callable[[Loaded], Record]


@dataclass
class FeedResult:
    feed: str
    status: str  # "new", "not modified", "waiting", "failed"
    entries: int = 0  # entries not seen before
    added: int = 0
    copies: int = 0
    already: int = 0
    failed: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Cycle:
    feeds: list[FeedResult] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.feeds)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.feeds for p in f.problems]

    def line(self) -> str:
        """One line for the cycle: feeds polled, entries new, articles added."""
        states = [f.status for f in self.feeds]
        parts = [f"{len(self.feeds)} feed{'s' if len(self.feeds) != 1 else ''}"]
        for state in ("not modified", "waiting", "failed"):
            if states.count(state):
                parts.append(f"{states.count(state)} {state}")
        added, copies = self.total("added"), self.total("copies")
        copy_note = f" ({copies_note(copies)})" if copies else ""
        return (
            f"{', '.join(parts)}; {self.total('entries')} new entries: {added} added{copy_note}, "
            f"{self.total('already')} already stored, {self.total('failed')} failed"
        )


def copies_note(copies: int) -> str:
    """How many of the articles added are outlets' copies of earlier ones, in words."""
    what = "a copy of an earlier article" if copies == 1 else "copies of earlier articles"
    return f"{copies} of them {what}"


def feed_key(feed: str) -> str:
    """How the store names a feed: its URL, or a file's absolute path."""
    return feed if is_url(feed) else str(Path(feed).resolve())


def entry_key(entry: Any) -> str:
    """A stable name for an entry: its id, else its link, else a hash of its title and date."""
    for key in ("id", "guid", "link"):
        value = entry.get(key)
        if value:
            return str(value)
    raw = f"{entry.get('title', '')}|{entry.get('published', '')}|{entry.get('summary', '')}"
    return "sha1:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


class FeedState:
    """What the store remembers of one feed."""

    def __init__(self, store: Store, feed: str) -> None:
        self.db = store.db
        self.feed = feed
        row = self.db.execute(
            "SELECT etag, last_modified, next_at, failures FROM feeds WHERE url = ?", (feed,)
        ).fetchone()
        if row is None:
            self.db.execute("INSERT INTO feeds (url, failures) VALUES (?, 0)", (feed,))
            row = (None, None, None, 0)
        self.etag: str | None = row[0]
        self.last_modified: str | None = row[1]
        self.next_at = dt.datetime.fromisoformat(row[2]) if row[2] else None
        self.failures = int(row[3] or 0)

    def seen(self, entry: str) -> bool:
        found = self.db.execute(
            "SELECT 1 FROM feed_entries WHERE feed = ? AND entry = ?", (self.feed, entry)
        ).fetchone()
        return found is not None

    def remember(self, entry: str, doc_id: str | None, now: dt.datetime) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO feed_entries (feed, entry, doc_id, seen_at) VALUES (?, ?, ?, ?)",
            (self.feed, entry, doc_id, _iso(now)),
        )

    def succeeded(self, now: dt.datetime, *, changed: bool, title: str | None = None) -> None:
        self.failures = 0
        self.db.execute(
            "UPDATE feeds SET etag = ?, last_modified = ?, checked_at = ?, failures = 0, "
            "next_at = NULL, last_error = NULL, title = coalesce(?, title), "
            "changed_at = coalesce(?, changed_at) WHERE url = ?",
            (self.etag, self.last_modified, _iso(now), title, _iso(now) if changed else None, self.feed),
        )

    def failed(self, now: dt.datetime, every: dt.timedelta, error: str) -> dt.datetime:
        """Count a failure; returns when the feed may be polled again."""
        self.failures += 1
        wait = min(every * (2 ** (self.failures - 1)), MAX_BACKOFF)
        self.next_at = now + wait
        self.db.execute(
            "UPDATE feeds SET checked_at = ?, failures = ?, next_at = ?, last_error = ? WHERE url = ?",
            (_iso(now), self.failures, _iso(self.next_at), error, self.feed),
        )
        return self.next_at


@dataclass(frozen=True)
class WatchOptions:
    read: ReadOptions
    timeout: float
    every: dt.timedelta


def _feed_bytes(feed: str, state: FeedState, options: WatchOptions) -> bytes | None:
    """The feed's bytes, or None when a conditional request says nothing changed."""
    if not is_url(feed):
        try:
            return Path(feed).read_bytes()
        except OSError as exc:
            raise InputProblem(f"cannot read the feed ({exc.strerror or exc})", "check the path") from None
    fetched = fetch(
        feed,
        FetchOptions(
            timeout=options.timeout,
            max_bytes=4 * options.read.max_chars + 65_536,
            accept=FEED_TYPES,
            etag=state.etag,
            last_modified=state.last_modified,
        ),
    )
    state.etag, state.last_modified = fetched.etag, fetched.last_modified
    return None if fetched.not_modified else fetched.body


def _article(entry: Any, feed_title: str | None, options: WatchOptions, origin: str) -> Loaded:
    """The entry's article: its own text when the feed carries it whole, else its page."""
    from docket.ingest.feed import entry_date, entry_text
    from docket.ingest.html import read_page

    own = entry_text(entry)
    day = entry_date(entry)
    meta: dict[str, Any] = {"title": entry.get("title"), "url": entry.get("link"), "outlet": feed_title}
    if day is not None:
        meta["published"] = day
    link = str(entry.get("link") or "")
    if len(own) >= FULL_TEXT_CHARS or not is_url(link):
        if not own.strip():
            raise InputProblem("the entry has no text and no link", "nothing to read in it")
        return Loaded(origin, make_document(own, meta, options.read))
    fetched = fetch(link, FetchOptions.for_pages(options.read, timeout=options.timeout))
    text, page = read_page(fetched.text(), options.read, [])
    merged = page_meta(fetched, page)
    for key in ("title", "published"):
        if not page.get(key) and meta.get(key):
            merged[key] = meta[key]
    if not page.get("outlet") and feed_title:
        merged["outlet"] = feed_title
    return Loaded(link, make_document(text, merged, options.read))


def poll(
    store: Store,
    feed: str,
    options: WatchOptions,
    extract: Extract,
    now: dt.datetime,
) -> FeedResult:
    """One feed, once: its new entries read, extracted and stored."""
    import feedparser

    key = feed_key(feed)
    state = FeedState(store, key)
    if state.next_at is not None and now < state.next_at:
        result = FeedResult(feed, "waiting")
        return result
    try:
        body = _feed_bytes(feed, state, options)
        if body is None:
            state.succeeded(now, changed=False)
            return FeedResult(feed, "not modified")
        parsed = feedparser.parse(body)
        entries = list(parsed.get("entries") or [])
        if not entries and parsed.get("bozo"):
            raise InputProblem(
                "the answer is not an RSS or Atom feed", "give the URL or file of an RSS or Atom feed"
            )
    except InputProblem as p:
        until = state.failed(now, options.every, p.what)
        fix = f"{p.fix}; docket tries it again after {until:%Y-%m-%d %H:%M}"
        return FeedResult(feed, "failed", problems=[Problem(feed, p.what, fix)])
    title = (parsed.get("feed") or {}).get("title")
    result = FeedResult(feed, "new")
    for number, entry in enumerate(entries, start=1):
        name = entry_key(entry)
        if state.seen(name):
            continue
        result.entries += 1
        origin = f"{feed}#{number}"
        try:
            loaded = _article(entry, title, options, origin)
        except Unreachable as p:  # may pass: the entry is tried again next cycle
            result.failed += 1
            result.problems.append(Problem(str(entry.get("link") or origin), p.what, p.fix))
            continue
        except InputProblem as p:  # will not pass: remembered, with no document
            result.failed += 1
            result.problems.append(Problem(str(entry.get("link") or origin), p.what, p.fix))
            state.remember(name, None, now)
            continue
        try:
            record = extract(loaded)
        except Exception as exc:  # one article failing must not stop the feed
            result.failed += 1
            result.problems.append(
                Problem(
                    loaded.origin, f"extraction failed ({type(exc).__name__}: {exc})", "report this as a bug"
                )
            )
            state.remember(name, None, now)
            continue
        added = store.add(record, origin=loaded.origin)
        if added.added:
            result.added += 1
            result.copies += added.copy_of is not None
        else:
            result.already += 1
        state.remember(name, added.document_id, now)
    state.succeeded(now, changed=True, title=title)
    return result


def cycle(
    store: Store,
    feeds: Iterable[str],
    options: WatchOptions,
    extract: Extract,
    now: Callable[[], dt.datetime],
) -> Cycle:
    """Every feed once; a feed that fails never stops the others."""
    done = Cycle()
    for feed in feeds:
        done.feeds.append(poll(store, feed, options, extract, now()))
    return done
