"""Stored records (or their JSON form) into the light reports the merge reads."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from docket.record import Record
from docket.story import dates, text
from docket.story.deeds import find_deeds
from docket.story.endings import Dated, Page, find_endings
from docket.story.held import find_called_off, find_held
from docket.story.model import (
    CommitmentReport,
    DocInfo,
    EventReport,
    QuantityReport,
    Reports,
    SourceRef,
    When,
    read_day,
)
from docket.story.rules import Rules
from docket.story.schedules import find_schedules, is_state, state_of
from docket.timex3 import add_duration

# actor kinds a count can be located in
_PLACE_KINDS = frozenset({"country", "place"})
# actor kinds that can be the unnamed agent of an event in their sentence
_DOER_KINDS = frozenset({"country", "organization", "group"})

Context = Callable[[int, int], tuple[str, int]]  # (start, end) -> (text around it, its offset)


@dataclass
class Collected:
    """Reports gathered document by document, then frozen into :class:`Reports`."""

    documents: list[DocInfo] = field(default_factory=list)
    commitments: list[CommitmentReport] = field(default_factory=list)
    events: list[EventReport] = field(default_factory=list)
    quantities: list[QuantityReport] = field(default_factory=list)
    actor_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    leaders: dict[str, str] = field(default_factory=dict)
    completion: dict[tuple[str, str], bool] = field(default_factory=dict)
    kept: set[tuple[str, str]] = field(default_factory=set)
    endings: list[EventReport] = field(default_factory=list)
    held: list[EventReport] = field(default_factory=list)

    def reports(self) -> Reports:
        return Reports(
            documents=tuple(self.documents),
            commitments=tuple(self.commitments),
            events=tuple(self.events),
            quantities=tuple(self.quantities),
            actor_names=dict(self.actor_names),
            endings=tuple(self.endings),
            held=tuple(self.held),
        )


def when_of(t: dict[str, Any] | None, published: dt.date | None) -> When | None:
    if not t:
        return None
    raw = When.from_dict(t)
    if t.get("anchor") == "unknown" and raw.duration:
        if raw.anchor:
            return raw  # "within 18 months of the merger", the merger dated nowhere: no day is guessed
        # a bare span ("within 60 days") is counted from the day of the report, and says so
        raw = replace(raw, anchor_day=published)
    return dates.complete(raw, published)


def _taking(
    when: When | None,
    where: tuple[int, int],
    timexes: Iterable[dict[str, Any]],
    context: Context | None,
    rules: Rules,
) -> When | None:
    """A promise set for a day, whose sentence or the next says how long the act takes ("troops
    would pull back on Tuesday ... The movement would take six to ten days"): due at the end of that
    span, counted from the day (``rules.takes``)."""
    if when is None or context is None or not rules.takes or when.duration or when.latest is None:
        return when
    if when.earliest != when.latest:
        return when  # a month or a year already spans the act
    snippet, offset = context(*where)
    if not snippet:
        return when
    _left, right = text.sentence_bounds(snippet, where[0] - offset, where[1] - offset)
    _left, right = text.sentence_bounds(snippet, right, right)  # and the sentence after it
    for t in sorted(timexes, key=lambda t: int(t["start"])):
        at = int(t["start"]) - offset
        if t.get("type") != "DURATION" or not where[1] - offset <= at < right:
            continue
        if not text.words(snippet[max(0, at - rules.takes_chars) : at]) & rules.takes:
            continue
        end = add_duration(when.latest, str(t.get("value") or ""))
        if end is not None and end > when.latest:
            value = str(t["value"])
            return replace(
                when,
                value=value,
                type="DURATION",
                duration=value,
                anchor=when.text,
                anchor_day=when.latest,
                earliest=when.latest,
                latest=end,
            )
    return when


def _owner(start: int, end: int, sentence: int, doers: list[tuple[int, str]], window: int) -> str | None:
    """Whose count it is: an actor named in it ("2,500 US troops"), else just before it in its
    sentence ("NATO allies, who have roughly 7,000 troops")."""
    inside = [actor for at, actor in doers if start <= at < end]
    if inside:
        return inside[0]
    lo = max(start - window, sentence)
    before = [(at, actor) for at, actor in doers if lo <= at < start]
    return max(before)[1] if before else None


def _event_time(when: When | None) -> When | None:
    """An event's time, if it is a point or period of the calendar (not "for nine months")."""
    if when is None or when.latest is None:
        return None
    return when


def add_document(
    out: Collected,
    doc: dict[str, Any],
    items: dict[str, list[dict[str, Any]]],
    rules: Rules,
    *,
    context: Context | None = None,
    origin: str | None = None,
    body: str | None = None,
) -> None:
    """Add one document's items (the JSON form of a record's lists) to ``out``. ``body``: the
    document's text, when it may say an agreement ran out (see :mod:`docket.story.endings`)."""
    doc_id = str(doc["id"])
    published = read_day(doc.get("published"))
    timexes = {t["id"]: t for t in items.get("timexes", ())}
    sources = {
        s["id"]: SourceRef(doc_id, s["id"], s.get("kind") or "", s.get("text") or "", s.get("name"))
        for s in items.get("sources", ())
    }
    counts: Counter[str] = Counter()
    kin: dict[str, str] = {}
    places: list[tuple[int, int, str]] = []
    doers: list[tuple[int, str]] = []  # (offset, actor) of actors that can act: countries, bodies, groups
    for a in items.get("actors", ()):
        aid = str(a["id"])
        for side in _story_sides(a, rules):
            counts[side] += max(1, len(a.get("mentions") or ()))
        if (known_as := _kin(a, rules)) is not None:
            kin[aid] = known_as
        out.actor_names.setdefault(aid, (a.get("name") or aid, a.get("kind") or "group"))
        if a.get("led_by"):
            out.leaders.setdefault(aid, str(a["led_by"]))
        if a.get("kind") in _DOER_KINDS:
            doers.extend((int(m["start"]), aid) for m in a.get("mentions") or ())
        if a.get("kind") in _PLACE_KINDS:
            where = str(a.get("affiliation") or aid) if a.get("kind") == "place" else aid
            places.extend((int(m["start"]), int(m["end"]), where) for m in a.get("mentions") or ())
    out.documents.append(
        DocInfo(
            id=doc_id,
            published=published,
            title=doc.get("title"),
            outlet=doc.get("outlet"),
            origin=origin,
            actors=tuple(sorted(counts.items())),
            kin=tuple(sorted((a, k) for a, k in kin.items() if a in counts)),
        )
    )

    def refs(ids: Iterable[str]) -> tuple[SourceRef, ...]:
        return tuple(sources[i] for i in ids if i in sources)

    ranked = [
        a for a, _n in sorted(Counter(actor for _at, actor in doers).items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    for c in items.get("commitments", ()):
        obligor = tuple(c.get("obligor") or ())
        others = [p for p in c.get("parties") or () if p not in obligor]
        about = tuple(dict.fromkeys([*others, *[a for a in ranked if a not in obligor][:3]]))
        if _own_act(c, rules):
            about = tuple(others)  # a state's own election concerns no other side the article names
        out.commitments.append(
            CommitmentReport(
                document=doc_id,
                published=published,
                id=c["id"],
                obligor=tuple(c.get("obligor") or ()),
                action=c.get("action") or "",
                object=c.get("object"),
                stage=c.get("stage"),
                part=_part(c.get("object"), rules),
                deadline=_taking(
                    when_of(timexes.get(c.get("deadline") or ""), published),
                    (int(c.get("start") or 0), int(c.get("end") or 0)),
                    timexes.values(),
                    context,
                    rules,
                ),
                parties=tuple(c.get("parties") or ()),
                status=c.get("status") or "agreed",
                certainty=c.get("certainty") or "unknown",
                polarity=c.get("polarity") or "positive",
                sources=refs(c.get("sources") or ()),
                start=int(c.get("start") or 0),
                end=int(c.get("end") or 0),
                text=c.get("text"),
                about=about,
            )
        )
    doers.sort()
    doer_counts = Counter(actor for _at, actor in doers)
    main_doer = min(doer_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if doer_counts else None
    for e in items.get("events", ()):
        agents = tuple(e.get("agents") or ())
        if not agents and context is not None and e.get("status") == "occurred":
            agents = _implied_agents(context, int(e.get("start") or 0), int(e.get("end") or 0), doers)
            if not agents and main_doer is not None and e.get("action") not in rules.breaks:
                # "The last C-17 left Kabul": no one named in the sentence; the article's main actor
                # (not for a delay: "reforms delayed for 15 years" tells of no one's promise)
                agents = (main_doer,)
        status = e.get("status") or "occurred"
        if status == "planned" and context is not None and e.get("action") in rules.one_shot:
            start = int(e.get("start") or 0)
            snippet, offset = context(start, int(e.get("end") or 0))
            if text.right_after(snippet, start - offset, rules.voted_to):
                status = "occurred"  # "the Bundesrat voted to approve the constitution": approved
        said = ""
        if status == "occurred" and context is not None:
            start, end = int(e.get("start") or 0), int(e.get("end") or 0)
            snippet, offset = context(start, end)
            if text.asked_for(snippet, start - offset, rules.asked, rules.asked_chars):
                status = "expected"  # "the resolution calls for the complete withdrawal": not a deed
            elif text.by_some(snippet, end - offset, rules.some_counts, rules.some_groups):
                status = "ongoing"  # "has been ratified by seven member states": not yet by all
            said = text.quote(snippet, start - offset, end - offset, rules.quote_chars)
        report = EventReport(
            document=doc_id,
            published=published,
            id=e["id"],
            type=e.get("type") or "",
            action=e.get("action") or "",
            agents=agents,
            implied=bool(agents) and not e.get("agents"),
            patients=tuple(e.get("patients") or ()),
            location=tuple(e.get("location") or ()),
            time=_event_time(when_of(timexes.get(e.get("time") or ""), None)),
            status=status,
            certainty=e.get("certainty") or "unknown",
            polarity=e.get("polarity") or "positive",
            sources=refs(e.get("sources") or ()),
            start=int(e.get("start") or 0),
            end=int(e.get("end") or 0),
            text=e.get("text") or "",
            said=said,
            about=tuple(
                dict.fromkeys(
                    [
                        *(e.get("patients") or ()),
                        *(e.get("location") or ()),
                        *[a for a in ranked if a not in agents][:2],
                    ]
                )
            ),
        )
        out.events.append(report)
        if context is not None and report.status == "occurred":
            snippet, offset = context(report.start, report.end)
            at, to = report.start - offset, report.end - offset
            out.completion[(doc_id, report.id)] = text.says_complete(snippet, at, to, rules.completion) or (
                rules.family(report.action) in rules.leaving
                and text.names_after(snippet, to, rules.memberships)
            )  # "Ruritania left the union on Friday": leaving a body one belongs to is done at once
            if text.says_complete(snippet, at, to, rules.kept_words):
                out.kept.add((doc_id, report.id))
    if body:
        days = [
            Dated(int(t["start"]), int(t["end"]), latest, read_day(t.get("earliest")), t.get("value"))
            for t in timexes.values()
            if (latest := read_day(t.get("latest"))) is not None
        ]
        spans = [
            (int(t["start"]), int(t["end"]), str(t["value"]))
            for t in timexes.values()
            if t.get("type") == "DURATION" and t.get("value")
        ]
        page = Page(body, doc_id, published, days, doers, main_doer, spans)
        out.endings.extend(find_endings(page, rules))
        told = [(int(e.get("start") or 0), str(e.get("action") or "")) for e in items.get("events", ())]
        ahead = frozenset(
            rules.family(c.action)
            for c in out.commitments
            if c.document == doc_id
            and c.polarity == "positive"
            and c.deadline is not None
            and c.deadline.latest is not None
            and (published is None or c.deadline.latest > published)
        )
        for deed in find_deeds(page, rules, told, ahead):
            # what it concerns: the sides and places its sentence names, and the article's main actors
            beside: tuple[str, ...] = (*deed.agents, *tuple(a for a in ranked if a not in deed.agents)[:2])
            out.events.append(replace(deed, about=beside))
            out.completion[(doc_id, deed.id)] = True
        # a state's own elections and handover concern no other side (``about`` stays empty)
        # (the words that tell one election from another, not the nouns of the acts themselves)
        acts = set(rules.schedules.acts) if rules.schedules else set()
        kinds = frozenset(w for group in rules.kinds for w in group if w not in acts)
        first: dict[str, int] = {}
        for at, actor in doers:
            first.setdefault(actor, at)
        out.commitments.extend(find_schedules(page, rules.schedules, state_of(counts, first), kinds))
        states = tuple(s for s in counts if is_state(s))
        out.held.extend([*find_held(page, rules, states), *find_called_off(page, rules, states)])
    for q in items.get("quantities", ()):
        start, end = int(q.get("start") or 0), int(q.get("end") or 0)
        sentence = -1
        if context is not None:
            snippet, offset = context(start, end)
            if snippet:
                sentence = text.sentence_bounds(snippet, start - offset, end - offset)[0] + offset
        out.quantities.append(
            QuantityReport(
                document=doc_id,
                published=published,
                id=q["id"],
                text=q.get("text") or "",
                value=q.get("value"),
                low=q.get("low"),
                high=q.get("high"),
                approx=bool(q.get("approx")),
                noun=q.get("noun"),
                mod=q.get("mod"),
                place=text.nearest_place(start, end, places, rules.place_chars),
                start=start,
                end=end,
                sentence=sentence,
                owner=_owner(start, end, sentence, doers, rules.owner_chars),
            )
        )


def _part(obj: str | None, rules: Rules) -> bool:
    """Is a promise's object a part of a whole ("a third of the troops", "half of the settlements":
    ``parts_of``): a stage of a promise told whole elsewhere, not that promise dated?"""
    said = " ".join((obj or "").lower().split())
    return any(said.startswith(f"{p} ") for p in rules.parts_of)


def _own_act(c: dict[str, Any], rules: Rules) -> bool:
    """Is the commitment a state's own public act (an election, a handover: ``schedules.acts``), held
    by one state alone ("Congo will hold the elections at the end of July")?"""
    acts = rules.schedules.acts if rules.schedules is not None else {}
    obligor = [str(o) for o in c.get("obligor") or ()]
    return (
        len(obligor) == 1
        and is_state(obligor[0])
        and c.get("action") in acts.values()
        and rules.names_act(c.get("object"))
    )


def _implied_agents(context: Context, start: int, end: int, doers: list[tuple[int, str]]) -> tuple[str, ...]:
    """When the event stage named no agent, the actors named in the event's sentence stand in.

    "The Iraqi army took control of the base after the US withdrawal": US (and Iraq)
    are who the withdrawal is about; a fulfilment still needs the obligor among them.
    """
    snippet, offset = context(start, end)
    if not snippet:
        return ()
    left, right = text.sentence_bounds(snippet, start - offset, end - offset)
    lo, hi = left + offset, right + offset
    return tuple(dict.fromkeys(actor for at, actor in doers if lo <= at < hi))


def from_records(records: Iterable[Record], rules: Rules, origins: dict[str, str] | None = None) -> Collected:
    """The reports of in-memory records (tests, `docket read`), texts at hand."""
    out = Collected()
    for rec in records:
        data = rec.to_dict()
        body = rec.document.text

        def context(start: int, end: int, body: str = body) -> tuple[str, int]:
            return body, 0

        add_document(
            out,
            data["document"],
            data,
            rules,
            context=context,
            origin=(origins or {}).get(rec.document.id),
            body=body,
        )
    return out


def _kin(actor: dict[str, Any], rules: Rules) -> str | None:
    """The name another report may give this side, where it differs from its id: a person's
    surname ("Joseph Kabila" is "Kabila" elsewhere, "Ian Paisley Jr" is "Paisley"), a body's
    initials ("the Democratic Unionist Party" is "the DUP"). Grouping reports into stories counts
    both as one side (:func:`docket.story.cluster.signatures`)."""
    words = str(actor["id"]).split("-")
    if len(words) < 2 or not all(w.isalpha() and w.islower() for w in words):
        return None  # one word already, a country's code, or a name with figures in it
    if actor.get("kind") == "person":
        names = [w for w in words if w not in rules.name_suffixes]
        return names[-1] if names else None
    if actor.get("kind") in ("organization", "group"):
        initials = [w[0] for w in words if w not in rules.initials_skip]
        return "".join(initials) if len(initials) >= 3 else None
    return None


def _story_sides(actor: dict[str, Any], rules: Rules) -> tuple[str, ...]:
    """Whom an actor counts as when reports are grouped into stories: a body of a state ("the
    Congolese Foreign Ministry") counts as the state; a person acting for one as the state and as
    himself (in a country's own politics, one side and several leaders, the leaders are what tell
    its stories apart and together); the rest as themselves. (A capital is its country already:
    the actor stage reads it so.)"""
    aid = str(actor["id"])
    side = str(actor.get("affiliation") or "")
    if not (len(side) == 3 and side.isalpha() and side.isupper()):
        return (aid,)  # no country: a body, a company or a person of its own
    if actor.get("kind") == "person":
        return (side, aid)
    name = str(actor.get("name") or aid).lower().split()
    body = actor.get("kind") == "organization" and name and name[-1] in rules.state_bodies
    return (side,) if body else (aid,)
