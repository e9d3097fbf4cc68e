"""Articles into stories: shared commitments and events, or the same main actors at the same time."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from docket.story.corrections import Correction, regroup
from docket.story.model import CommitmentReport, DocInfo, MergedCommitment, MergedEvent, Story
from docket.story.rules import Rules

# how many earlier reports sharing its main actors a report looks back over for one of its story
_LOOK_BACK = 8


class _Sets:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            ra, rb = self.find(a), self.find(b)
            if ra != rb:
                self.parent[max(ra, rb)] = min(ra, rb)


def signatures(doc: DocInfo) -> list[tuple[str, str]]:
    """Pairs of the document's three most mentioned actors: two articles sharing one are about the
    same. A side is counted by the name other reports may know it by (``DocInfo.kin``: "Kabila"
    for "Joseph Kabila", "DUP" for "the Democratic Unionist Party")."""
    kin = dict(doc.kin)
    counts: Counter[str] = Counter()
    for actor, n in doc.actors:
        # named both ways in one report: the name more used counts (its rank among the others stays)
        side = kin.get(actor, actor)
        counts[side] = max(counts[side], n)
    top = sorted(a for a, _n in sorted(counts.items(), key=lambda a: (-a[1], a[0]))[:3])
    return list(itertools.combinations(top, 2))


@dataclass(frozen=True)
class _Act:
    """One promise a document states, as far as telling two agreements apart needs."""

    thread: str
    obligors: frozenset[str]
    family: str
    words: frozenset[str]  # the words of its object that can tell it from another


def _object_words(r: CommitmentReport, rules: Rules) -> frozenset[str]:
    return rules.object_words(r.object)


def _acts(commitments: Sequence[MergedCommitment], rules: Rules) -> dict[str, list[_Act]]:
    """Per document, the promises it states (each as its own report words it)."""
    out: dict[str, list[_Act]] = defaultdict(list)
    for c in commitments:
        for r in c.reports:
            act = _Act(c.thread, frozenset(r.obligor), rules.family(r.action), _object_words(r, rules))
            out[r.document].append(act)
    return out


def restated(r: CommitmentReport, rules: Rules) -> list[tuple[str, ...]]:
    """Keys of a promise as a later report may tell it again, its dates moved far: its action's
    family, one obligor, two words of its object. Reports sharing one within ``restated_days``
    of each other belong to one story."""
    words = sorted(_object_words(r, rules))
    family = rules.family(r.action)
    return [
        (family, who, *pair) for who in sorted(set(r.obligor)) for pair in itertools.combinations(words, 2)
    ]


def _two_agreements(a: list[_Act], b: list[_Act], pair: tuple[str, str]) -> bool:
    """Do two documents tell of two agreements between the sides ``pair``: each states a promise
    binding both sides, and no promise of one is one of the other's (a thread, a family of actions or a
    word of the object in common)? Then sharing their main actors makes them no one story."""
    joint_a = [x for x in a if set(pair) <= x.obligors]
    joint_b = [x for x in b if set(pair) <= x.obligors]
    if not joint_a or not joint_b:
        return False
    return not any(
        x.thread == y.thread or x.family == y.family or x.words & y.words for x in joint_a for y in joint_b
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def story_base(actors: Sequence[str], first: dt.date | None) -> str:
    """A story's id before any suffix: its two main actors and its first month. Two stories with one
    base are told apart by a suffix: every one but the earliest (by first document) gets it."""
    base = "-".join(_slug(a) for a in sorted(actors[:2])) or "story"
    return f"{base}-{first:%Y-%m}" if first else base


def _join_restated(sets: _Sets, commitments: Sequence[MergedCommitment], rules: Rules) -> None:
    """Reports of one promise told again months later, its thread closed meanwhile ("elections
    before June 30", then, a year on, "the elections, first round, on July 29"): one story."""
    told: dict[tuple[str, ...], list[tuple[dt.date, str]]] = defaultdict(list)
    for c in commitments:
        for r in c.reports:
            for key in restated(r, rules):
                told[key].append((r.published or dt.date.min, r.document))
    window = dt.timedelta(days=rules.restated_days)
    for reports in told.values():
        reports.sort()
        for (day, doc), (later, other) in itertools.pairwise(reports):
            if day == dt.date.min or later - day <= window:
                sets.union(doc, other)


def cluster_stories(
    docs: Sequence[DocInfo],
    commitments: Sequence[MergedCommitment],
    events: Sequence[MergedEvent],
    *,
    story_days: int,
    prefer: dict[str, str] | None = None,
    corrections: Sequence[Correction] = (),
    rules: Rules | None = None,
) -> list[Story]:
    """Group documents into stories; every document belongs to exactly one.

    ``prefer`` (document id -> story id) keeps the ids of a fuller index: a story whose first
    document the fuller index placed takes that story's id, so that a story told as of an earlier
    day (fewer reports, perhaps other main actors) keeps the id a user knows it by."""
    sets = _Sets([d.id for d in docs])
    by_thread: dict[str, list[str]] = defaultdict(list)
    for c in commitments:
        by_thread[c.thread].extend(c.documents)
        # a report that the promise was kept (or broken) belongs to the promise's story
        by_thread[c.thread].extend(f.event.document for f in c.fulfilments)
        by_thread[c.thread].extend(b.document for b in c.broken_by)
    for linked in by_thread.values():
        for other in linked[1:]:
            sets.union(linked[0], other)
    for e in events:
        docs_of = e.documents
        if len(docs_of) > 1 and (e.first.agents or e.first.location):
            for other in docs_of[1:]:
                sets.union(docs_of[0], other)
    buckets: dict[tuple[str, str], list[DocInfo]] = defaultdict(list)
    for d in docs:
        for sig in signatures(d):
            buckets[sig].append(d)
    window = dt.timedelta(days=story_days)
    if rules is not None:
        _join_restated(sets, commitments, rules)
    acts = _acts(commitments, rules) if rules is not None else {}
    for sig, bucket in buckets.items():
        bucket.sort(key=lambda d: (d.published or dt.date.min, d.id))
        for i, cur in enumerate(bucket):
            # the nearest earlier report within the window, passing over those that tell of
            # another agreement between the same sides
            for prev in reversed(bucket[max(0, i - _LOOK_BACK) : i]):
                near = (
                    prev.published is None
                    or cur.published is None
                    or cur.published - prev.published <= window
                )
                if not near:
                    break
                if not _two_agreements(acts.get(prev.id, []), acts.get(cur.id, []), sig):
                    sets.union(prev.id, cur.id)
                    break
    group_of = {d.id: sets.find(d.id) for d in docs}
    if corrections:  # an analyst's merges and splits
        group_of = regroup(group_of, corrections)
    groups: dict[str, list[DocInfo]] = defaultdict(list)
    for d in docs:
        groups[group_of[d.id]].append(d)
    stories: list[Story] = []
    used: set[str] = set()
    for members in groups.values():
        members.sort(key=lambda d: (d.published or dt.date.min, d.id))
        counts: Counter[str] = Counter()
        for d in members:
            counts.update({a: 1 for a, _n in d.actors})
        actors = [a for a, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        dated = [d.published for d in members if d.published is not None]
        first = min(dated) if dated else None
        last = max(dated) if dated else None
        sid = story_base(actors, first)
        known = (prefer or {}).get(members[0].id)
        if known is not None and known not in used:
            sid = known
        elif sid in used:
            sid = f"{sid}-{members[0].id[:6]}"
        used.add(sid)
        stories.append(
            Story(
                id=sid,
                documents=[d.id for d in members],
                first=first,
                last=last,
                actors=actors[:8],
                title=next((d.title for d in members if d.title), None),
            )
        )
    stories.sort(key=lambda s: (s.first or dt.date.min, s.id))
    return stories
