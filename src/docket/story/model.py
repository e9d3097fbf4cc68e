"""The story's plain data: what each stored report says, and what docket merges from them.

Reports are light, immutable views of stored records (built from a
:class:`~docket.record.Record` or straight from the store's tables), so a store of
many thousands of articles can be merged without loading every record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from docket.isodates import iso


def read_day(value: Any) -> dt.date | None:
    """A day as a record or the store holds it: ISO text (or a date already); None for none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class When:
    """A time value at its precision: TIMEX3 value and mod, with calendar bounds."""

    value: str | None
    mod: str | None = None
    type: str = "DATE"
    earliest: dt.date | None = None
    latest: dt.date | None = None
    text: str | None = None
    # a date counted from an event ("within 90 days of the signing"): the span, the event as the
    # text names it, and its day; an anchor nobody dates leaves ``latest`` unknown
    duration: str | None = None
    anchor: str | None = None
    anchor_day: dt.date | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> When:
        """The time a dict of :meth:`as_dict`'s keys tells (a record's timex, a stored deadline)."""
        return cls(
            value=d.get("value"),
            mod=d.get("mod"),
            type=d.get("type") or "DATE",
            earliest=read_day(d.get("earliest")),
            latest=read_day(d.get("latest")),
            text=d.get("text"),
            duration=d.get("duration"),
            anchor=d.get("anchor_text"),
            anchor_day=read_day(d.get("anchor_day")),
        )

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "value": self.value,
            "mod": self.mod,
            "type": self.type,
            "earliest": iso(self.earliest),
            "latest": iso(self.latest),
            "text": self.text,
        }
        return out | self.counted() if self.duration else out

    def counted(self) -> dict[str, object]:
        """What a date counted from an event adds to its JSON: the span, the event ("unknown" when
        the text dates it nowhere), the words naming it and its day."""
        # a bare span ("within 60 days") is counted from the day of the report ("document")
        anchor = "unknown" if self.latest is None else self.anchor or "document"
        return {
            "duration": self.duration,
            "anchor": anchor,
            "anchor_text": self.anchor,
            "anchor_day": iso(self.anchor_day),
        }


@dataclass(frozen=True)
class Evidence:
    """Where a document says it: character offsets into its text."""

    document: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"document": self.document, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class SourceRef:
    document: str
    id: str
    kind: str
    text: str
    name: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document,
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "name": self.name,
        }


@dataclass(frozen=True)
class DocInfo:
    id: str
    published: dt.date | None
    title: str | None = None
    outlet: str | None = None
    origin: str | None = None
    # actor id -> how many times the document mentions it
    actors: tuple[tuple[str, int], ...] = ()
    # actor id -> the name other reports may know that side by (a surname, initials), where it differs
    kin: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CommitmentReport:
    """One commitment as one document states it."""

    document: str
    published: dt.date | None
    id: str
    obligor: tuple[str, ...]
    action: str
    object: str | None = None
    stage: int | None = None
    deadline: When | None = None
    parties: tuple[str, ...] = ()
    status: str = "agreed"
    certainty: str = "unknown"
    polarity: str = "positive"
    sources: tuple[SourceRef, ...] = ()
    start: int = 0
    end: int = 0
    text: str | None = None
    # who else the promise concerns (the other parties, else the article's main actors):
    # withdrawing from one country and from another are two promises
    about: tuple[str, ...] = ()
    # its object is a part of a whole ("a third of the troops"): a stage, unnumbered
    part: bool = False

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)


@dataclass(frozen=True)
class EventReport:
    """One event as one document tells it."""

    document: str
    published: dt.date | None
    id: str
    type: str
    action: str
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    time: When | None = None
    status: str = "occurred"
    certainty: str = "unknown"
    polarity: str = "positive"
    sources: tuple[SourceRef, ...] = ()
    start: int = 0
    end: int = 0
    text: str = ""
    # who or where else the event concerns (patients, places, else the article's main actors)
    about: tuple[str, ...] = ()
    said: str = ""  # its sentence, cut short: what a status that rests on it quotes
    # its agents were not told but taken from its sentence or the article's main actor
    implied: bool = False

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)

    @property
    def happened_by(self) -> dt.date | None:
        """The last day the event can have happened: its time, else the report's date."""
        if self.time is not None and self.time.latest is not None:
            if self.published is not None and self.time.latest > self.published:
                return self.published
            return self.time.latest
        return self.published


@dataclass(frozen=True)
class QuantityReport:
    """One number as one document reports it, with the place it is about."""

    document: str
    published: dt.date | None
    id: str
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approx: bool = False
    noun: str | None = None
    mod: str | None = None
    place: str | None = None
    start: int = 0
    end: int = 0
    sentence: int = -1
    owner: str | None = (
        None  # whose count it is: "2,500 US troops" -> USA  # where its sentence starts; -1: not known
    )

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.document, self.start, self.end)


@dataclass(frozen=True)
class Reports:
    """Everything a set of stored documents reports, as the merge reads it."""

    documents: tuple[DocInfo, ...] = ()
    commitments: tuple[CommitmentReport, ...] = ()
    events: tuple[EventReport, ...] = ()
    quantities: tuple[QuantityReport, ...] = ()
    actor_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, kind)
    endings: tuple[EventReport, ...] = ()  # sentences that say an agreement ran out (story.endings)
    held: tuple[EventReport, ...] = ()  # sentences that say a vote was held (story.held)


@dataclass(frozen=True)
class Fulfilment:
    """A later report that the obligor did what it promised."""

    event: EventReport
    on: dt.date | None  # the last day it can have happened
    partial: bool = False
    retained: Evidence | None = None  # what the obligor kept, when partial


@dataclass
class MergedCommitment:
    """One commitment with every report that states it."""

    id: str
    reports: list[CommitmentReport]
    thread: str  # commitments of one thread are versions of one promise
    superseded_by: str | None = None
    superseded_on: dt.date | None = None
    supersedes: list[str] = field(default_factory=list)
    fulfilments: list[Fulfilment] = field(default_factory=list)
    broken_by: list[EventReport] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)
    story: str | None = None
    # reports that the arrangement ran to its end and was not renewed; ``on``: the day it ended
    endings: list[Fulfilment] = field(default_factory=list)

    @property
    def first(self) -> CommitmentReport:
        return self.reports[0]

    @property
    def obligor(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for r in self.reports:
            for a in r.obligor:
                seen.setdefault(a, None)
        return tuple(seen)

    @property
    def deadline(self) -> When | None:
        """The deadline as first stated (restatements are listed in ``deadlines``)."""
        for r in self.reports:
            if r.deadline is not None:
                return r.deadline
        return None

    @property
    def stage(self) -> int | None:
        return next((r.stage for r in self.reports if r.stage is not None), None)

    @property
    def object(self) -> str | None:
        return next((r.object for r in self.reports if r.object), None)

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(r.document for r in self.reports))

    @property
    def reported_on(self) -> dt.date | None:
        return self.first.published


@dataclass
class MergedEvent:
    id: str
    reports: list[EventReport]
    story: str | None = None

    @property
    def first(self) -> EventReport:
        return self.reports[0]

    @property
    def time(self) -> When | None:
        """The most precise time any report gives."""
        times = [r.time for r in self.reports if r.time is not None and r.time.latest is not None]
        if not times:
            return None
        return min(times, key=lambda w: (_span_days(w), w.latest))

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(r.document for r in self.reports))


@dataclass(frozen=True)
class Claim:
    """One side of a disagreement: a value and who reported it."""

    value: str
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    sources: tuple[SourceRef, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "documents": list(self.documents),
            "evidence": [e.as_dict() for e in self.evidence],
            "sources": [s.as_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Contradiction:
    id: str
    kind: str  # quantity, deadline, date
    subject: str
    claims: tuple[Claim, ...]
    items: tuple[str, ...] = ()  # merged commitment or event ids involved
    story: str | None = None

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(d for c in self.claims for d in c.documents))

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "subject": self.subject,
            "claims": [c.as_dict() for c in self.claims],
            "items": list(self.items),
            "story": self.story,
        }


@dataclass(frozen=True)
class MergedActor:
    id: str
    name: str
    kind: str
    documents: tuple[str, ...]
    mentions: int


@dataclass
class Story:
    id: str
    documents: list[str]
    first: dt.date | None
    last: dt.date | None
    actors: list[str]
    title: str | None = None


def _span_days(w: When) -> int:
    if w.earliest is None or w.latest is None:
        return 10**6
    return (w.latest - w.earliest).days
