"""The story index merged in memory for a reader that does not save it (the viewer), and the
statuses on a day it tells: the same merge and the same :func:`docket.story.tracked.status_on`
as the saved index (docket.index.stored) that ``docket due`` reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import overload

from docket.index.reports import build_index, fingerprint, merge_stored
from docket.store.documents import published_by
from docket.store.sqlite import Store
from docket.story.build import Index
from docket.story.rules import default
from docket.story.status import Status, due, known, status_on
from docket.story.tracked import Tracked


class IndexCache:
    """The merged story index of one store, merged again when the store changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._stamp: str | None = None
        self._index: Index | None = None
        self._names: dict[str, str] = {}
        self._earlier: dict[int, Index] = {}

    def get(self, as_of: dt.date | None = None) -> Index:
        """The index of the whole store; with ``as_of``, of the reports published by that day (a
        later report must not shape a day's answer), kept per stretch of days with the same reports."""
        stamp = fingerprint(self.store)
        if self._index is None or stamp != self._stamp:
            self._index = build_index(self.store)
            self._stamp = stamp
            self._names = {a.id: a.name for a in self._index.actors}
            self._earlier.clear()
        if as_of is None:
            return self._index
        rows = published_by(self.store, as_of)
        if rows is None:
            return self._index
        # the documents known by a day grow with the day: their number tells the set
        key = len(rows)
        if key not in self._earlier:
            if len(self._earlier) >= 8:
                self._earlier.clear()
            ids = {d: s.id for s in self._index.stories for d in s.documents}
            self._earlier[key] = merge_stored(self.store, default(), {d for d, _ in rows}, prefer=ids)[0]
        return self._earlier[key]

    @property
    def names(self) -> dict[str, str]:
        """Actor id -> name, over the whole store."""
        self.get()
        return self._names


def statuses(
    index: Index, day: dt.date, *, story: str | None = None, within: int | None = None
) -> list[Status]:
    """The status on ``day`` of every commitment of ``index`` known by then, in ``docket due``'s order."""
    return told(index.commitments, day, story=story, within=within)


@overload
def told(items: Tracked, day: dt.date) -> Status: ...
@overload
def told(
    items: Iterable[Tracked], day: dt.date, *, story: str | None = None, within: int | None = None
) -> list[Status]: ...
def told(
    items: Tracked | Iterable[Tracked], day: dt.date, *, story: str | None = None, within: int | None = None
) -> Status | list[Status]:
    """The status on ``day`` of one commitment, or of those of ``items`` known by then, in order."""
    if isinstance(items, Tracked):
        return status_on(items, day)
    return due(list(items), day, within=within, story=story)


def status_word(t: Tracked, day: dt.date) -> str:
    """One commitment's status on ``day``, or "not yet reported" before its first report."""
    return status_on(t, day).status if known(t, day) else "not yet reported"
