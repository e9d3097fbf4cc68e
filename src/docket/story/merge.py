"""Merge many reports into one account: commitments, events and actors.

Commitments are merged in publication order. Reports of one promise (same
action, a shared obligor, while the promise is still open) form a *thread*; in a
thread, a report whose deadline can mean the same day as an earlier one restates
it; one with a new deadline either disagrees with it (reported about the same
time, or only days apart) or moves it (reported later), which supersedes the
earlier commitment. A later report that the obligor did it fulfils the commitment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from docket.isodates import shift
from docket.story import dates
from docket.story.model import (
    CommitmentReport,
    EventReport,
    Fulfilment,
    MergedCommitment,
    MergedEvent,
    When,
)
from docket.story.rules import Rules

_EARLY = dt.date.min
_ANY = "\x00any"  # the key under which every thread of an action is also listed
NEGATIVE = "negative"


def short_id(prefix: str, *parts: str) -> str:
    """A stable id from the identifying parts: the same reports give the same ids."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}{digest}"


def day_or_early(d: dt.date | None) -> dt.date:
    """The day, or the earliest day there is for an unknown one (so it sorts first)."""
    return d if d is not None else _EARLY


def report_order(r: CommitmentReport | EventReport) -> tuple[dt.date, str, int, str]:
    """The order reports (of commitments or events) are read in: by day, then document, place, id."""
    return (day_or_early(r.published), r.document, r.start, r.id)


@dataclass
class _Thread:
    id: str
    action: str
    obligor: set[str]
    about: set[str] = field(default_factory=set)
    clusters: list[MergedCommitment] = field(default_factory=list)
    last_seen: dt.date = _EARLY

    def open_until(self, rules: Rules, act: str | None = None) -> dt.date:
        """The last day a report may still join the thread. ``act``: that report's object; when it
        names a public act a state holds (an election: ``schedules.acts``), a thread of such acts of
        its kind alone stays open for it ``days.owed`` after its last deadline: a vote not held is
        owed until a new date is set."""
        latest = [c.deadline.latest for c in self.clusters if c.deadline and c.deadline.latest]
        grace = rules.open_grace_days
        objects = [c.first.object for c in self.clusters]
        alike = all(rules.names_act(o) and not rules.differ(o, act) for o in objects)
        if latest and rules.names_act(act) and alike:
            grace = max(grace, rules.owed_days)
        base = max([*latest, self.last_seen]) if latest else shift(self.last_seen, grace)
        return shift(base, grace)


def _shares(a: Iterable[str], b: Iterable[str]) -> bool:
    sa, sb = set(a), set(b)
    return not sa or not sb or bool(sa & sb)


def _stage_ok(c: MergedCommitment, r: CommitmentReport) -> bool:
    return c.stage is None or r.stage is None or c.stage == r.stage


def _same_kind(c: MergedCommitment, r: CommitmentReport, rules: Rules) -> bool:
    """Can ``r`` restate or move ``c``: neither names a promise of another kind ("the municipal
    elections" beside "the presidential runoff"), nor is one a move of forces to a place ("pull
    back to the Bekaa Valley") and the other not?"""
    return not rules.differ(c.object, r.object) and rules.moves_to(c.first.text) == rules.moves_to(r.text)


def _supported_by(c: MergedCommitment, document: str) -> bool:
    return any(x.document == document for x in c.reports)


def merge_commitments(
    reports: Sequence[CommitmentReport], rules: Rules, events: Sequence[EventReport] = ()
) -> list[MergedCommitment]:
    """Group reports into merged commitments, linking supersessions and disagreements.

    ``events``: a document that tells of a delay (``Rules.moves``) says its later date moves the
    earlier one, however soon after it was reported ("the council pushed back the elections to
    January 8", a week after "December 27")."""
    delayed = {e.document for e in events if e.action in rules.moves and e.polarity != NEGATIVE}
    order = sorted(reports, key=report_order)
    by_key: dict[tuple[str, str], list[_Thread]] = defaultdict(list)
    threads: list[_Thread] = []
    merged: list[MergedCommitment] = []
    negatives: list[CommitmentReport] = []
    # (action family, obligor, last day) of every deadline reported so far
    said: set[tuple[str, str, dt.date]] = set()
    for r in order:
        if r.polarity == NEGATIVE:
            negatives.append(r)
            continue
        thread = _find_thread(r, by_key, rules)
        if thread is None:
            thread = _Thread(short_id("h", r.document, r.id), r.action, set(r.obligor), set(r.about))
            threads.append(thread)
            for who in (*r.obligor, _ANY):
                by_key[(rules.family(r.action), who)].append(thread)
            merged.append(_new_cluster(r, thread))
            thread.clusters.append(merged[-1])
        else:
            new = _place(r, thread, rules, said, r.document in delayed)
            if new is not None:
                merged.append(new)
            for who in set(r.obligor) - thread.obligor:
                by_key[(rules.family(r.action), who)].append(thread)
            thread.obligor |= set(r.obligor)
            thread.about |= set(r.about)
        thread.last_seen = max(thread.last_seen, day_or_early(r.published))
        if r.deadline is not None and r.deadline.latest is not None:
            for who in r.obligor or (_ANY,):
                said.add((rules.family(r.action), who, r.deadline.latest))
    for r in negatives:
        moved = _apply_negative(r, by_key, rules)
        if moved is not None:
            merged.append(moved)
    return merged


def _new_cluster(r: CommitmentReport, thread: _Thread) -> MergedCommitment:
    return MergedCommitment(id=short_id("k", r.document, r.id), reports=[r], thread=thread.id)


def _find_thread(
    r: CommitmentReport, by_key: dict[tuple[str, str], list[_Thread]], rules: Rules
) -> _Thread | None:
    seen: set[str] = set()
    best: _Thread | None = None
    day = day_or_early(r.published)
    family = rules.family(r.action)
    if not r.obligor and r.published is not None:
        # a report that names no obligor may belong to any open thread of its action
        pool = by_key.get((family, _ANY), [])
        pool[:] = [t for t in pool if day <= t.open_until(rules)]
    for who in r.obligor or (_ANY,):
        for thread in by_key.get((family, who), ()):
            if thread.id in seen:
                continue
            seen.add(thread.id)
            if not _shares(thread.obligor, r.obligor):
                continue
            if not _shares(thread.about, r.about) and not _restates(thread, r, rules):
                continue
            if r.published is not None and day > thread.open_until(rules, r.object):
                continue
            if best is None or thread.last_seen > best.last_seen:
                best = thread
    return best


def _restates(thread: _Thread, r: CommitmentReport, rules: Rules) -> bool:
    """Does ``r`` tell again, in the thread's words, a promise the thread holds, though its report names
    other sides beside it ("shut down its nuclear reactor", told to China, then to Japan): an obligor
    in common and the words of one object all among the other's, two or more?"""
    if not r.obligor or not set(r.obligor) & thread.obligor:
        return False
    mine = rules.object_words(r.object)
    for c in thread.clusters:
        theirs = rules.object_words(c.object)
        if min(len(mine), len(theirs)) >= 2 and (mine <= theirs or theirs <= mine):
            return True
    return False


def _place(
    r: CommitmentReport,
    thread: _Thread,
    rules: Rules,
    said: set[tuple[str, str, dt.date]],
    delayed: bool = False,
) -> MergedCommitment | None:
    """Add ``r`` to its thread; returns the new merged commitment if it starts one.

    A promise of another kind ("the municipal elections" beside "the presidential runoff":
    ``Rules.differ``) is neither restated nor moved by ``r``."""
    twins = [c for c in thread.clusters if _twin(c, r) and dates.compatible(c.deadline, r.deadline)]
    if twins:
        # the promise its own article stated before in the same words ("will pull 6,000 troops back to
        # the Bekaa Valley ... The movement would take six to ten days"): told again, not another one
        twins[-1].reports.append(r)
        return None
    mine = [c for c in thread.clusters if _same_kind(c, r, rules)]
    live = [c for c in mine if c.superseded_by is None]
    # one stage of a plan ("the first phase, by the end of March", "a third of the troops") is a part
    # of the promise told without a date, not a restatement of it
    same = [
        c
        for c in mine
        if _stage_ok(c, r)
        and dates.compatible(c.deadline, r.deadline)
        and not ((r.stage is not None or r.part) and c.stage is None and c.deadline is None)
        # a date set firmly is no restatement of a guess ("expects it in November", then "postponed
        # to November 23"): it moves the date set before
        and not (_guess(c, rules) and not rules.says_hoped(r.text))
    ]
    if r.deadline is None or r.deadline.latest is None:
        pool = (
            [c for c in live if c.stage == r.stage]
            or [c for c in live if _stage_ok(c, r)]
            or live
            or mine
            or thread.clusters
        )
        target = max(pool, key=lambda c: (day_or_early(c.reports[-1].published), c.reports[-1].start))
        target.reports.append(r)
        return None
    if same:
        exact = [c for c in same if c.deadline is not None and c.deadline.latest == r.deadline.latest]
        pick = (exact or [c for c in same if c.superseded_by is None] or same)[-1]
        pick.reports.append(r)
        return None
    new = _new_cluster(r, thread)
    thread.clusters.append(new)
    if r.published is not None and r.deadline.latest < r.published:
        # a deadline already past when reported recalls an old date; it moves nothing
        return new
    family = rules.family(r.action)
    if any((family, who, r.deadline.latest) in said for who in r.obligor or (_ANY,)):
        # a date the obligor's other promises of this action already carry is another phase, not a
        # move ("the arrangement will continue until February 18" is no phase of the withdrawal)
        return new
    # one article giving two dates for one promise speaks of two phases, unless they are days apart
    # or the later one's own words say it moved the date ("announced another six month delay")
    said_moved = rules.says_moved(r.text)
    if rules.says_hoped(r.text) and not said_moved:
        # a day someone merely expects moves no date set before it: both stay open
        return new
    delayed = delayed or said_moved
    rivals = [
        c
        for c in mine
        if c is not new
        and _stage_ok(c, r)
        and c.deadline is not None
        and c.deadline.latest is not None  # a promise told with no date has none to move
        and (not _supported_by(c, r.document) or _distance(c, r) <= rules.same_date_days or said_moved)
    ]
    if not rivals:
        return new
    # a date set before is the one a new date moves, rather than a guess told since
    rival = min(rivals, key=lambda c: (c.superseded_by is not None, _guess(c, rules), _distance(c, r)))
    nearest = min(
        (c for c in mine if c is not new and (c.superseded_by is None or c is rival)),
        key=lambda c: _distance(c, r),
        default=rival,
    )
    if nearest is not rival and nearest not in rivals:
        # the new date sits next to a phase this article itself restates: a step of that phase
        return new
    assert rival.deadline is not None and rival.deadline.latest is not None
    last_said = max(day_or_early(x.published) for x in rival.reports)
    gap = (day_or_early(r.published) - last_said).days
    apart = abs((rival.deadline.latest - r.deadline.latest).days)
    # once the old deadline is upon us, a new one moves it, however recent the last report
    due_now = day_or_early(r.published) >= shift(rival.deadline.latest, -rules.same_date_days)
    moved = r.deadline.latest > rival.deadline.latest and (due_now or delayed)
    if apart <= rules.same_date_days or (gap <= rules.contradiction_days and not moved):
        new.contradicts.append(rival.id)
        rival.contradicts.append(new.id)
        if rival.superseded_by is not None:
            new.superseded_by, new.superseded_on = rival.superseded_by, rival.superseded_on
    elif rival.superseded_by is None:
        rival.superseded_by = new.id
        rival.superseded_on = r.published
        new.supersedes.append(rival.id)
        for c in mine:
            if c is not new and c.superseded_by is None and _guess(c, rules):
                c.superseded_by, c.superseded_on = new.id, r.published  # a guess the new date settles
                new.supersedes.append(c.id)
        for sibling_id in rival.contradicts:
            for c in thread.clusters:
                if c.id == sibling_id and c.superseded_by is None and c is not new:
                    c.superseded_by, c.superseded_on = new.id, r.published
                    new.supersedes.append(c.id)
    return new


def _twin(c: MergedCommitment, r: CommitmentReport) -> bool:
    """Does ``c`` hold a report of ``r``'s article with ``r``'s action and object?"""
    said = " ".join((r.object or "").lower().split())
    return bool(said) and any(
        x.document == r.document
        and x.action == r.action
        and " ".join((x.object or "").lower().split()) == said
        for x in c.reports
    )


def _guess(c: MergedCommitment, rules: Rules) -> bool:
    """Is ``c`` dated only by someone's guess ("expects the election to be held in November")?"""
    return all(rules.says_hoped(x.text) and not rules.says_moved(x.text) for x in c.reports)


def _distance(c: MergedCommitment, r: CommitmentReport) -> int:
    if c.deadline is None or c.deadline.latest is None or r.deadline is None or r.deadline.latest is None:
        return 10**6
    return abs((c.deadline.latest - r.deadline.latest).days)


def _apply_negative(
    r: CommitmentReport, by_key: dict[tuple[str, str], list[_Thread]], rules: Rules
) -> MergedCommitment | None:
    """A report that the obligor will not do it: the open commitments it names are broken.

    One that only puts the act off to a day ("will not close the plant until 2009") moves them
    instead: it starts a commitment due then, which supersedes them (returned)."""
    thread = _find_thread(r, by_key, rules)
    if thread is None:
        return None
    named = [
        c
        for c in thread.clusters
        if c.superseded_by is None
        and day_or_early(c.reported_on) <= day_or_early(r.published)
        and _stage_ok(c, r)
    ]
    if r.deadline is not None and r.deadline.latest is not None and rules.says_not_until(r.text):
        new = _new_cluster(r, thread)
        thread.clusters.append(new)
        for c in named:
            if _same_kind(c, r, rules):
                c.superseded_by, c.superseded_on = new.id, r.published
                new.supersedes.append(c.id)
        return new
    event = EventReport(
        document=r.document,
        published=r.published,
        id=r.id,
        type="REJECT",
        action=r.action,
        agents=r.obligor,
        status="expected",
        certainty=r.certainty,
        polarity=NEGATIVE,
        sources=r.sources,
        start=r.start,
        end=r.end,
        text=r.text or "",
        said=" ".join((r.text or "").split()),
    )
    for c in named:
        c.broken_by.append(event)
    return None


# -- fulfilment --------------------------------------------------------------------


def expand(actors: Iterable[str], leaders: dict[str, str]) -> set[str]:
    """The actors and the leaders who act for them."""
    out = set(actors)
    out |= {leaders[a] for a in actors if a in leaders}
    return out


def attach_outcomes(
    merged: Sequence[MergedCommitment],
    events: Sequence[EventReport],
    rules: Rules,
    *,
    leaders: dict[str, str] | None = None,
    completion: dict[tuple[str, str], bool] | None = None,
    kept: set[tuple[str, str]] | None = None,
) -> None:
    """Mark commitments fulfilled (or partly) or broken by later reports of what the obligor did.

    ``completion`` says, per (document, event id), whether the event's sentence
    reports the action as finished; events it marks False only count as partial
    when a retained position is reported next to them, or ``kept`` (the same keys)
    says their sentence tells of something kept back.
    """
    leaders = leaders or {}
    completion = completion or {}
    kept = kept or set()
    late = dt.timedelta(days=rules.late_days)
    early = dt.timedelta(days=rules.early_days)
    by_thread: dict[str, list[MergedCommitment]] = defaultdict(list)
    for c in merged:
        by_thread[c.thread].append(c)
    obligors = {c.id: expand(c.obligor, leaders) for c in merged}
    # (event action, actor) -> threads that actor promised and that action would fulfil (or break)
    doers: dict[tuple[str, str], dict[str, list[MergedCommitment]]] = defaultdict(dict)
    breakers: dict[tuple[str, str], dict[str, list[MergedCommitment]]] = defaultdict(dict)
    concerns = {
        thread: set().union(*(r.about for c in clusters for r in c.reports))
        for thread, clusters in by_thread.items()
    }
    for thread, clusters in by_thread.items():
        actors = set().union(*(obligors[c.id] for c in clusters))
        for actor in actors:
            for action in rules.fulfilling(clusters[0].first.action):
                doers[(action, actor)][thread] = clusters
            for action in rules.breaks:
                breakers[(action, actor)][thread] = clusters
    retained = _retained(events, rules, leaders)
    promised: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in merged:
        for r in c.reports:
            promised[r.document].append((r.start, r.end))
    for e in events:
        if e.certainty == "possible":
            continue
        if any(start <= e.start < end for start, end in promised.get(e.document, ())):
            continue  # the words of a promise ("to be completed by Sunday") are not its deed
        agents = expand(e.agents, leaders)
        if e.polarity == NEGATIVE or e.status == "denied":
            # "has not withdrawn": once the deadline passed, the promise is broken
            for clusters in _threads(doers, e.action, agents, e.about, concerns):
                _break(clusters, e, agents, obligors, late, after_deadline=True)
            continue
        for clusters in _threads(breakers, e.action, agents, e.about, concerns):
            _break(clusters, e, agents, obligors, late)
        if e.status != "occurred" or not agents or _ahead(e):
            continue
        candidates = _threads(doers, e.action, agents, e.about, concerns)
        if not candidates:
            continue
        keep = _nearby(retained.get(e.document, ()), e, agents, rules.partial_chars)
        partial = keep is not None or (e.document, e.id) in kept
        whole = completion.get((e.document, e.id), True) or e.action in rules.one_shot
        if not whole and not partial:
            continue
        # a report that the whole of it was done ("the last forces left") completes every stage due
        # by then, and the promise stated with no date; a step only the stage nearest its day
        done = completion.get((e.document, e.id)) is True and not partial
        for clusters in candidates:
            _fulfil(clusters, e, agents, partial, keep, obligors, late, early, rules.one_shot, whole=done)


def _ahead(e: EventReport) -> bool:
    """Is the event dated after the day of its report ("mandates a handover of power on February
    7", in November)? Then it tells of a day set, not of a deed done."""
    return e.time is not None and e.time.earliest is not None and e.time.earliest > day_or_early(e.published)


def _threads(
    index: dict[tuple[str, str], dict[str, list[MergedCommitment]]],
    action: str,
    agents: set[str],
    about: tuple[str, ...],
    concerns: dict[str, set[str]],
) -> list[list[MergedCommitment]]:
    """Threads the agents promised whose counterparts the event concerns too (or either is unknown)."""
    found: dict[str, list[MergedCommitment]] = {}
    for agent in sorted(agents):
        found.update(index.get((action, agent), {}))
    return [clusters for thread, clusters in found.items() if _shares(concerns[thread], about)]


def _fulfil(
    clusters: list[MergedCommitment],
    e: EventReport,
    agents: set[str],
    partial: bool,
    keep: EventReport | None,
    obligors: dict[str, set[str]],
    window: dt.timedelta,
    early: dt.timedelta,
    one_shot: frozenset[str] = frozenset(),
    *,
    whole: bool = False,
) -> None:
    """Attach ``e`` to the commitment of the thread whose deadline is nearest (``whole``: and to
    every other one due by then or undated: the deed reported complete).

    A deed named by another verb than the promise (a withdrawal for "end the
    mission") only counts once that promise is due, or nearly: well before its
    deadline it is more likely a step towards an earlier promise.
    """
    when = e.happened_by
    live = [
        c
        for c in clusters
        if c.superseded_by is None
        and (
            e.action == c.first.action
            or _due_by(c, when, early)
            or (e.action in one_shot and c.first.action in one_shot)  # "ratified" for "approve"
            or (whole and (c.deadline is None or c.deadline.latest is None))  # all done: no date to wait for
        )
        and obligors[c.id] & agents
        and day_or_early(c.reported_on) <= day_or_early(e.published)
        and c.reported_on is not None
        and (when is None or when >= c.reported_on)
        and (when is None or when <= _closes(c, window))
    ]
    if not live:
        return
    target = min(live, key=lambda c: (_gap(c, when), day_or_early(c.reported_on)))
    # reports that disagreed on the date of one promise are fulfilled together
    group = [target, *(c for c in clusters if c.id in target.contradicts and c.superseded_by is None)]
    if whole and when is not None:
        due = [c for c in live if c.deadline is None or (c.deadline.latest or when) <= when]
        group += [c for c in due if c not in group]
    for c in group:
        if any(f.event.document == e.document and f.event.id == e.id for f in c.fulfilments):
            continue
        c.fulfilments.append(
            Fulfilment(event=e, on=when, partial=partial, retained=keep.evidence if keep else None)
        )


def _due_by(c: MergedCommitment, when: dt.date | None, early: dt.timedelta) -> bool:
    if c.deadline is None or c.deadline.latest is None or when is None:
        return False
    return when >= shift(c.deadline.latest, -early.days)


def _closes(c: MergedCommitment, window: dt.timedelta) -> dt.date:
    """The last day a report of the deed can still be about this commitment."""
    base = c.deadline.latest if c.deadline is not None and c.deadline.latest is not None else None
    base = base or max(day_or_early(r.published) for r in c.reports)
    return shift(base, window.days)


def _gap(c: MergedCommitment, when: dt.date | None) -> int:
    if c.deadline is None or c.deadline.latest is None or when is None:
        return 10**6
    return abs((c.deadline.latest - when).days)


def _break(
    clusters: list[MergedCommitment],
    e: EventReport,
    agents: set[str],
    obligors: dict[str, set[str]],
    window: dt.timedelta,
    *,
    after_deadline: bool = False,
) -> None:
    for c in clusters:
        if after_deadline and (
            c.deadline is None or c.deadline.latest is None or day_or_early(e.published) <= c.deadline.latest
        ):
            continue
        if (
            c.superseded_by is None
            and obligors[c.id] & agents
            and c.reported_on is not None
            and day_or_early(e.published) > c.reported_on
            and day_or_early(e.published) <= _closes(c, window)
            and not c.fulfilments
        ):
            c.broken_by.append(e)


def _retained(
    events: Sequence[EventReport], rules: Rules, leaders: dict[str, str]
) -> dict[str, list[EventReport]]:
    out: dict[str, list[EventReport]] = defaultdict(list)
    for e in events:
        if e.action in rules.retains and e.polarity != NEGATIVE:
            out[e.document].append(e)
    return out


def _nearby(
    candidates: Iterable[EventReport], e: EventReport, agents: set[str], window: int
) -> EventReport | None:
    for k in candidates:
        if k.id == e.id:
            continue
        close = abs(k.start - e.start) <= window
        if close and (not k.agents or set(k.agents) & agents):
            return k
    return None


# -- events ------------------------------------------------------------------------


def merge_events(reports: Sequence[EventReport], *, window_days: int = 60) -> list[MergedEvent]:
    """One event told by several reports: same action, compatible participants, place and time."""
    order = sorted(reports, key=report_order)
    # recent merged events by (action, occurred or not, agent): one told again shares an agent
    recent: dict[tuple[str, bool, str], deque[MergedEvent]] = defaultdict(deque)
    # a fact with its own time, well before the report ("the coalition was formed in 2014"), is
    # retold by later reports however long after: listed by its time too, never dropped
    told: dict[tuple[str, bool, str, str], list[MergedEvent]] = defaultdict(list)
    times: dict[str, When | None] = {}
    merged: list[MergedEvent] = []
    window = dt.timedelta(days=window_days)
    for r in order:
        day = day_or_early(r.published)
        keys = [(r.action, r.status == "occurred", agent) for agent in (r.agents or ("",))]
        past = _background(r, window)
        if past is not None and r.agents:
            # a fact of the past whose doer a report did not name ("the war ended in 2003"): the
            # actor guessed for it differs from report to report; it is retold all the same
            keys.append((r.action, r.status == "occurred", ""))
        match: MergedEvent | None = None
        for key in keys:
            pool = recent[key]
            while pool and r.published is not None and day - day_or_early(pool[0].first.published) > window:
                pool.popleft()
            match = next((m for m in reversed(pool) if _same_event(m, times[m.id], r)), None)
            if match is None and past is not None:
                match = next(
                    (m for m in told[(*key, past)] if _same_event(m, times[m.id], r, retold=True)), None
                )
            if match is not None:
                break
        if match is None:
            match = MergedEvent(id=short_id("v", r.document, r.id), reports=[r])
            merged.append(match)
            for key in keys:
                recent[key].append(match)
                if past is not None:
                    told[(*key, past)].append(match)
        else:
            match.reports.append(r)
        times[match.id] = match.time
    return merged


def _background(r: EventReport, window: dt.timedelta) -> str | None:
    """The time value of a fact the report tells as background (it happened more than ``window``
    before the report), else None."""
    if r.time is None or r.time.latest is None or r.time.value is None or r.published is None:
        return None
    return r.time.value if r.published - r.time.latest > window else None


def _same_event(m: MergedEvent, when: When | None, r: EventReport, *, retold: bool = False) -> bool:
    """Is ``r`` another telling of ``m`` (whose most precise time is ``when``)? ``retold``: ``r``
    tells a fact of the past again; when either telling guessed its doer, the doers need not agree
    (the time, the patients and the place still must)."""
    first = m.first
    # one article telling one event twice says so with the same time, or it is two events
    if first.document == r.document and not dates.overlap(when, r.time):
        return False
    guessed = retold and (first.implied or r.implied) and first.document != r.document
    if not guessed and not (set(first.agents) & set(r.agents)) and (first.agents or r.agents):
        return False
    # everyone one report names takes part in the other's telling
    # ("US and Iraq met" is not "US and Syria met")
    mine, theirs = {*first.agents, *first.patients}, {*r.agents, *r.patients}
    if not guessed and not (mine <= theirs or theirs <= mine):
        return False
    if not _shares(first.patients, r.patients) or not _shares(first.location, r.location):
        return False
    if when is not None and r.time is not None and r.time.latest is not None:
        return dates.overlap(when, r.time)
    if when is None and r.time is None:
        near = abs(day_or_early(r.published) - day_or_early(first.published)) <= dt.timedelta(days=3)
        return near and bool(first.agents) and r.document != first.document
    return False
