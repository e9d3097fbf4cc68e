"""Many reports, one account: merge, stories, status on a day, timeline, diff.

Typical use::

    from docket.story import index_records, due
    index = index_records(records)
    for s in due(index.commitments, dt.date(2026, 11, 29)):
        print(s.item.action, s.status, s.days_left)

Over a store, :func:`docket.index.query.story_index` builds (and caches) the
same index from the stored records.
"""

from __future__ import annotations

from collections.abc import Iterable

from docket.record import Record
from docket.story.build import Index, build
from docket.story.model import Contradiction, Story, When
from docket.story.reports import from_records
from docket.story.rules import Rules, default
from docket.story.status import Status, due, status_on
from docket.story.timeline import Entry
from docket.story.tracked import STATUSES, Tracked


def index_records(records: Iterable[Record], rules: Rules | None = None) -> Index:
    """Merge in-memory records into a story index."""
    rules = rules or default()
    got = from_records(records, rules)
    return build(got.reports(), rules, leaders=got.leaders, completion=got.completion, kept=got.kept)


__all__ = [
    "STATUSES",
    "Contradiction",
    "Entry",
    "Index",
    "Rules",
    "Status",
    "Story",
    "Tracked",
    "When",
    "build",
    "due",
    "index_records",
    "status_on",
]
