"""Disagreements between reported values: counts of one thing in one place, and deadlines."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence

from docket.story import dates
from docket.story.merge import short_id
from docket.story.model import Claim, Contradiction, MergedCommitment, QuantityReport, SourceRef

# bounded values ("fewer than 500") say little about the count itself
_BOUNDS = frozenset({"less_than", "more_than", "up_to", "at_least", "at_most", "fewer_than"})


def noun_key(noun: str | None) -> str | None:
    """A plural-blind key for what is counted: troops and troop count as one."""
    if not noun:
        return None
    word = noun.strip().lower().split()[-1] if noun.strip() else ""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word or None


def _interval(q: QuantityReport) -> tuple[float, float] | None:
    if q.value is not None:
        if q.approx:
            return q.value * 0.95, q.value * 1.05
        return q.value, q.value
    if q.low is not None and q.high is not None:
        return q.low, q.high
    return None


def _fmt(q: QuantityReport) -> str:
    if q.value is not None:
        v = q.value
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"
    return f"{q.low:,.0f}-{q.high:,.0f}"


def _day(d: dt.date | None) -> dt.date:
    return d if d is not None else dt.date.min


def quantity_contradictions(
    quantities: Sequence[QuantityReport],
    story_of: dict[str, str],
    *,
    window_days: int,
    sources_of: dict[str, tuple[SourceRef, ...]] | None = None,
    apart_chars: int = 120,
) -> list[Contradiction]:
    """Counts of the same noun in the same place, reported close together, that do not agree.

    Two counts of one article this close together (``apart_chars``) list parts of a
    whole ("five US officials, two ... and three Iraqi officials"), not rival values.
    """
    sources_of = sources_of or {}
    # counts of one thing: same story, noun, place and owner ("US troops" are not "NATO troops")
    groups: dict[tuple[str, str, str, str], list[QuantityReport]] = defaultdict(list)
    for q in quantities:
        key = noun_key(q.noun)
        if key is None or q.mod in _BOUNDS or _interval(q) is None:
            continue
        if q.value is None and q.approx:  # "hundreds of troops": too vague to contradict a count
            continue
        groups[(story_of.get(q.document, ""), key, q.place or "", q.owner or "")].append(q)
    out: list[Contradiction] = []
    window = dt.timedelta(days=window_days)
    for (story, noun, place, owner), items in groups.items():
        if owner:
            noun = f"{owner} {noun}"
        items.sort(key=lambda q: (_day(q.published), q.document, q.start))
        run: list[QuantityReport] = []
        for q in items:
            if run and _day(q.published) - _day(run[0].published) > window:
                _close(run, story, noun, place, sources_of, out, apart_chars)
                run = []
            run.append(q)
        _close(run, story, noun, place, sources_of, out, apart_chars)
    return out


def _close(
    run: list[QuantityReport],
    story: str,
    noun: str,
    place: str,
    sources_of: dict[str, tuple[SourceRef, ...]],
    out: list[Contradiction],
    apart_chars: int,
) -> None:
    if len(run) < 2:
        return
    if len({q.document for q in run}) == 1:
        # one sentence listing several counts lists parts of a whole
        if len({q.sentence for q in run}) == 1 and run[0].sentence >= 0:
            return
        spread = sorted(q.start for q in run)
        if run[0].sentence < 0 and all(b - a <= apart_chars for a, b in itertools.pairwise(spread)):
            return
    values: dict[str, list[QuantityReport]] = {}
    spans: dict[str, tuple[float, float]] = {}
    for q in run:
        iv = _interval(q)
        assert iv is not None
        hit = next((k for k, s in spans.items() if s[0] <= iv[1] and iv[0] <= s[1]), None)
        if hit is None:
            hit = _fmt(q)
            spans[hit] = iv
        values.setdefault(hit, []).append(q)
    if len(values) < 2:
        return
    claims = tuple(
        Claim(
            value=value,
            documents=tuple(dict.fromkeys(q.document for q in qs)),
            evidence=tuple(q.evidence for q in qs),
            sources=tuple(s for d in dict.fromkeys(q.document for q in qs) for s in sources_of.get(d, ())),
        )
        for value, qs in values.items()
    )
    subject = f"{noun} ({place})" if place else noun
    first = run[0]
    out.append(
        Contradiction(
            id=short_id("x", "quantity", first.document, first.id, subject),
            kind="quantity",
            subject=subject,
            claims=claims,
            story=story or None,
        )
    )


def deadline_contradictions(merged: Sequence[MergedCommitment]) -> list[Contradiction]:
    """Commitments of one thread whose reports disagree on the deadline, side by side."""
    by_id = {c.id: c for c in merged}
    seen: set[frozenset[str]] = set()
    out: list[Contradiction] = []
    for c in merged:
        if not c.contradicts:
            continue
        group = {c.id}
        todo = list(c.contradicts)
        while todo:
            x = todo.pop()
            if x in group or x not in by_id:
                continue
            group.add(x)
            todo.extend(by_id[x].contradicts)
        key = frozenset(group)
        if key in seen:
            continue
        seen.add(key)
        members = sorted((by_id[x] for x in group), key=lambda m: (_day(m.reported_on), m.id))
        claims = tuple(
            Claim(
                value=dates.label(m.deadline),
                documents=tuple(m.documents),
                evidence=tuple(r.evidence for r in m.reports),
                sources=tuple(s for r in m.reports for s in r.sources),
            )
            for m in members
        )
        head = members[0]
        subject = " ".join(x for x in ("+".join(head.obligor), head.first.action, head.object or "") if x)
        out.append(
            Contradiction(
                id=short_id("x", "deadline", *sorted(group)),
                kind="deadline",
                subject=subject,
                claims=claims,
                items=tuple(m.id for m in members),
                story=head.story,
            )
        )
    return out
