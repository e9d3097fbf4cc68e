"""From reports to the story index: merged items, stories, contradictions, timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from docket.isodates import iso
from docket.story import dates
from docket.story.cluster import cluster_stories
from docket.story.corrections import Correction, added_reports, amend, without_rejected_events
from docket.story.endings import end_terms, refusals
from docket.story.extension import extend_agreements
from docket.story.held import attach_held
from docket.story.merge import NEGATIVE, attach_outcomes, merge_commitments, merge_events
from docket.story.model import (
    Contradiction,
    DocInfo,
    MergedActor,
    MergedCommitment,
    MergedEvent,
    QuantityReport,
    Reports,
    SourceRef,
    Story,
)
from docket.story.quantities import deadline_contradictions, quantity_contradictions
from docket.story.rules import Rules
from docket.story.timeline import Entry, commitment_entries, event_entries, held_entry, ordered
from docket.story.tracked import Tracked, track


@dataclass
class Index:
    """Everything docket knows across the stored reports, merged."""

    stories: list[Story] = field(default_factory=list)
    commitments: list[Tracked] = field(default_factory=list)
    timeline: list[Entry] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    actors: list[MergedActor] = field(default_factory=list)
    documents: dict[str, DocInfo] = field(default_factory=dict)
    quantities: list[QuantityReport] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)  # document id -> story id
    events: list[MergedEvent] = field(default_factory=list)
    corrected: dict[int, str] = field(default_factory=dict)  # correction id -> commitment it holds on

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def commitment(self, item_id: str) -> Tracked | None:
        return next((c for c in self.commitments if c.id == item_id), None)


def build(
    reports: Reports,
    rules: Rules,
    *,
    leaders: dict[str, str] | None = None,
    completion: dict[tuple[str, str], bool] | None = None,
    kept: set[tuple[str, str]] | None = None,
    prefer: dict[str, str] | None = None,
    corrections: Sequence[Correction] = (),
) -> Index:
    """Merge every report: commitments, events, actors; cluster stories; list disagreements.

    ``prefer``: document id -> story id, the ids a fuller index gave (see :func:`cluster_stories`).
    ``corrections``: an analyst's, applied over what the reports say (docket.story.corrections)."""
    found_events: dict[int, str] = {}
    if corrections:
        added = added_reports(corrections, reports.documents)
        kept_events, found_events = without_rejected_events(reports.events, corrections)
        reports = replace(reports, commitments=(*reports.commitments, *added), events=kept_events)
    merged = merge_commitments(reports.commitments, rules, reports.events)
    attach_outcomes(merged, reports.events, rules, leaders=leaders, completion=completion, kept=kept)
    events = merge_events(reports.events)
    stories = cluster_stories(
        reports.documents,
        merged,
        events,
        story_days=rules.story_days,
        prefer=prefer,
        corrections=corrections,
        rules=rules,
    )
    story_of = {d: s.id for s in stories for d in s.documents}
    for c in merged:
        c.story = story_of.get(c.first.document)
    for e in events:
        e.story = story_of.get(e.first.document)
    if extend_agreements(merged, rules):
        # the moved commitments' later outcomes belong to their successors: attach them again
        for c in merged:
            c.fulfilments.clear()
            c.broken_by.clear()
        attach_outcomes(merged, reports.events, rules, leaders=leaders, completion=completion, kept=kept)
    attach_held(merged, reports.held, rules, leaders or {}, story_of)
    endings = [*reports.endings, *refusals(reports.commitments, reports.events, rules)]
    end_terms(merged, endings, story_of, rules)
    sources_of: dict[str, list[SourceRef]] = defaultdict(list)
    for r in reports.commitments:
        sources_of[r.document].extend(r.sources)
    contradictions = deadline_contradictions(merged) + quantity_contradictions(
        reports.quantities,
        story_of,
        window_days=rules.quantity_days,
        apart_chars=rules.parts_chars,
        sources_of={d: tuple(dict.fromkeys(v)) for d, v in sources_of.items()},
    )
    involved: dict[str, list[str]] = defaultdict(list)
    for x in contradictions:
        for item in x.items:
            involved[item].append(x.id)
    chains = _chains(merged)
    tracked = [track(c, tuple(involved.get(c.id, ())), chains.get(c.id, ())) for c in merged]
    if corrections:
        amended = amend(merged, tracked, corrections)
        tracked = amended.tracked
        contradictions += amended.contradictions
        corrected = {**amended.found, **found_events}
    else:
        corrected = {}
    entries: list[Entry] = []
    for e in events:
        entries.extend(event_entries(e))
    for t in tracked:
        entries.extend(commitment_entries(t))
    # votes reported held: entries of their stories, with the commitment each fulfils
    # (one that fulfils a commitment is told in that commitment's story)
    kept_by = {(f.event.document, f.event.id): c for c in merged for f in c.fulfilments}
    for h in reports.held:
        if h.polarity == NEGATIVE:
            continue  # a vote called off: told by the status of the promise it breaks
        keeps = kept_by.get((h.document, h.id))
        story = keeps.story if keeps is not None else story_of.get(h.document)
        entry = held_entry(h, story, keeps.id if keeps is not None else None)
        if entry is not None:
            entries.append(entry)
    return Index(
        stories=stories,
        commitments=tracked,
        timeline=ordered(entries),
        contradictions=contradictions,
        actors=merge_actors(reports),
        documents={d.id: d for d in reports.documents},
        quantities=list(reports.quantities),
        story_of=story_of,
        events=events,
        corrected=corrected,
    )


def _chains(merged: list[MergedCommitment]) -> dict[str, tuple[tuple[str, str, str, str], ...]]:
    """Each moved commitment's chain of moves, first to last (D1 -> D2 -> D3): per link its id, its
    deadline, the report that set it and that report's day."""
    by_id = {c.id: c for c in merged}
    out: dict[str, tuple[tuple[str, str, str, str], ...]] = {}
    for c in merged:
        if c.id in out or (c.superseded_by is None and not c.supersedes):
            continue
        first = c
        seen = {c.id}
        while first.supersedes and first.supersedes[0] in by_id and first.supersedes[0] not in seen:
            first = by_id[first.supersedes[0]]
            seen.add(first.id)
        links: list[MergedCommitment] = [first]
        while links[-1].superseded_by in by_id and links[-1].superseded_by not in {x.id for x in links}:
            links.append(by_id[links[-1].superseded_by or ""])
        chain = tuple(
            (x.id, dates.label(x.deadline), x.first.document, iso(x.reported_on) or "") for x in links
        )
        for x in links:
            out.setdefault(x.id, chain)
    return out


def merge_actors(reports: Reports) -> list[MergedActor]:
    """One actor across articles: by id, with the documents that mention it."""
    docs: dict[str, list[str]] = defaultdict(list)
    mentions: Counter[str] = Counter()
    for d in reports.documents:
        for actor, n in d.actors:
            docs[actor].append(d.id)
            mentions[actor] += n
    out: list[MergedActor] = []
    for actor, where in docs.items():
        name, kind = reports.actor_names.get(actor, (actor, "group"))
        out.append(MergedActor(actor, name, kind, tuple(where), mentions[actor]))
    out.sort(key=lambda a: (-len(a.documents), a.id))
    return out
