"""An agreement extended to a new end moves the deadlines of its open commitments.

"The arrangement between Lebanon and Israel will remain in effect until February 18"
names no action: the commitment stage reads it as a commitment to ``continue`` (or
``extend``) whose object is the agreement (``extensions`` in ``data/story.yaml``). An
analyst reads it as moving every open commitment of that agreement that was due at its
old end. Here the agreement is found in the extension's story: the open commitments
(not fulfilled, broken or moved by the time of the report) that bind the sides the
extension names and share one deadline, the old end, within ``extension_days`` of the
report (the nearest such deadline when there are several). Each gets a successor with
the new end, reported by the extending article and linked to it, as a report that moves
a deadline would. A new end no later than the old one extends nothing and moves nothing;
commitments with other deadlines stay as they were.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from docket.story import dates
from docket.story.merge import NEGATIVE, day_or_early, report_order, short_id
from docket.story.model import CommitmentReport, MergedCommitment, When
from docket.story.rules import Rules
from docket.timex3 import add_duration

_WORD = re.compile(r"[^\W\d_]+")


def is_extension(r: CommitmentReport, rules: Rules) -> bool:
    """Does the report carry an agreement to a new end (an extension of the agreement it names)?"""
    if r.action not in rules.extends or r.deadline is None or r.polarity == NEGATIVE:
        return False
    words = {w.lower() for w in _WORD.findall(r.object or "")}
    return bool(words & rules.agreement_nouns)


def _actors(c: MergedCommitment) -> set[str]:
    return {a for r in c.reports for a in (*r.obligor, *r.parties, *r.about)}


def _open_on(c: MergedCommitment, day: dt.date) -> bool:
    """Neither moved, nor reported done or broken, by ``day``."""
    if c.superseded_by is not None and day_or_early(c.superseded_on) <= day:
        return False
    if any(day_or_early(f.event.published) <= day for f in c.fulfilments):
        return False
    return not any(day_or_early(b.published) <= day for b in c.broken_by)


def _new_end(r: CommitmentReport, old: dt.date) -> When | None:
    """The agreement's new end: the date the report gives, or its span added to the old end."""
    assert r.deadline is not None
    if dates.precision(r.deadline.value) == "duration":
        end = add_duration(old, r.deadline.value)
        if end is None:
            return None
        return When(end.isoformat(), None, "DATE", end, end, r.deadline.text)
    return r.deadline if r.deadline.latest is not None else None


def _successor(r: CommitmentReport, c: MergedCommitment, end: When) -> CommitmentReport:
    """The commitment ``c`` as the extending report leaves it: the same promise, the new end."""
    first = c.first
    return CommitmentReport(
        document=r.document,
        published=r.published,
        id=r.id,
        obligor=c.obligor,
        action=first.action,
        object=c.object,
        stage=c.stage,
        deadline=end,
        parties=tuple(dict.fromkeys(p for x in c.reports for p in x.parties)),
        status=r.status,
        certainty=r.certainty,
        sources=r.sources,
        start=r.start,
        end=r.end,
        text=r.text,
        about=first.about,
    )


def extend_agreements(merged: list[MergedCommitment], rules: Rules) -> set[str]:
    """Apply every extension in publication order (a later one moves what an earlier one moved);
    the new commitments are appended to ``merged``. Returns the threads whose commitments moved."""
    moved: set[str] = set()
    found = [(r, c) for c in merged for r in c.reports if is_extension(r, rules)]
    found.sort(key=lambda rc: report_order(rc[0]))
    window = dt.timedelta(days=rules.extension_days)
    extensions = {id(c) for _r, c in found}
    of_story: dict[str | None, list[MergedCommitment]] = defaultdict(list)
    for c in merged:
        if c.deadline is not None and id(c) not in extensions:
            of_story[c.story].append(c)
    by_id = {c.id: c for c in merged}
    for r, ext in found:
        day = r.published
        if day is None or ext.story is None:
            continue
        sides = set(r.obligor)
        by_end: dict[dt.date, list[MergedCommitment]] = defaultdict(list)
        for c in of_story.get(ext.story, ()):
            ends = c.deadline.latest if c.deadline is not None else None
            if (
                ends is None
                or r.document in c.documents
                or day_or_early(c.reported_on) > day
                or abs((ends - day).days) > window.days
                or not _open_on(c, day)
                or not sides <= _actors(c)
            ):
                continue
            by_end[ends].append(c)
        if not by_end:
            continue
        old_end = min(by_end, key=lambda d: (abs((d - day).days), -len(by_end[d]), d))
        end = _new_end(r, old_end)
        if end is None or end.latest is None or end.latest <= old_end:
            continue  # an end no later than the old one extends nothing
        due = {c.id for c in by_end[old_end]}
        for c in by_end[old_end]:
            new = MergedCommitment(
                id=short_id("k", r.document, r.id, c.id),
                reports=[_successor(r, c, end)],
                thread=c.thread,
                story=c.story,
            )
            if c.superseded_by is not None:
                # a later report moved it again: that move now follows this one
                _pass_on(c, new, by_id)
            # a report that gave the same promise another date ("by January 27") moves with it
            rivals = [by_id[x] for x in c.contradicts if x in by_id]
            for gone in [c, *(x for x in rivals if x.superseded_by is None and x.id not in due)]:
                gone.superseded_by, gone.superseded_on = new.id, day
                new.supersedes.append(gone.id)
            merged.append(new)
            of_story[new.story].append(new)
            by_id[new.id] = new
            moved.add(c.thread)
    return moved


def _pass_on(c: MergedCommitment, new: MergedCommitment, by_id: dict[str, MergedCommitment]) -> None:
    """``c`` was moved by a report later than the extension: the extension's ``new`` is what that
    later report moved, so the chain reads c -> new -> later."""
    later = by_id.get(c.superseded_by or "")
    new.superseded_by, new.superseded_on = c.superseded_by, c.superseded_on
    if later is not None:
        later.supersedes = [new.id if x == c.id else x for x in later.supersedes]
