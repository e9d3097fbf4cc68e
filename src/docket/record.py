"""The record: what docket extracts from one article, and its JSON form.

The shape is the public contract (see CONTRACT.md in the shared folder and the
README). Every extracted item carries ``start``/``end`` character offsets into
``document.text`` (0-based, end exclusive). Fields may be added; renaming or
removing one is a breaking change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
ActorKind = Literal["country", "organization", "group", "person", "place"]
SourceKind = Literal["named", "anonymous", "organization"]
EventStatus = Literal["occurred", "ongoing", "planned", "agreed", "expected", "possible", "denied"]
Certainty = Literal["certain", "probable", "possible", "unknown"]
Polarity = Literal["positive", "negative"]
CommitmentStatus = Literal["proposed", "preliminary", "agreed", "approved", "in_force"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]


# What a store column holds: SQLite's integers are 64-bit.
INT_MAX = 2**63 - 1


def _finite(value: int | float | None) -> int | float | None:
    """A number a store and strict JSON can hold: an integer beyond 64 bits becomes a float, and what
    is not finite (a 310-digit number read as infinity) is dropped; the quantity's text keeps it."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > INT_MAX:
        try:
            value = float(value)
        except OverflowError:
            return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _count(value: int | None) -> int | None:
    """A count of people a store can hold; more than 64 bits is no count, so none is kept."""
    return value if value is None or 0 <= value <= INT_MAX else None


Number = Annotated[int | float | None, AfterValidator(_finite)]
Count = Annotated[int | None, AfterValidator(_count)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A piece of the document text: ``text == document.text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Document(_Model):
    id: str = Field(description="SHA-256 of the text, hex")
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    chars: int = Field(ge=0)
    text: str
    agency: str | None = Field(
        default=None,
        description="the wire service behind the text, where its dateline or byline names one "
        "(reuters, ap, afp ...)",
    )
    copy_of: str | None = Field(
        default=None,
        description="the id of the earlier article this one is an outlet's copy of (same report, "
        "another headline, trimmed or padded); set where the store or the other articles read are known",
    )

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        published: dt.date | None = None,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        language: str = "en",
    ) -> Document:
        return cls(
            id=text_id(text),
            title=title,
            published=published,
            outlet=outlet,
            url=url,
            language=language,
            chars=len(text),
            text=text,
        )


class Timex(_Model):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: TimexType
    value: str = Field(description="TIMEX3 value: 2025-09, 2026, P6M, PAST_REF, XXXX-WXX-5 ...")
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, BEFORE, MORE_THAN ...")
    earliest: dt.date | None = Field(default=None, description="first calendar day the value can mean")
    latest: dt.date | None = Field(default=None, description="last calendar day the value can mean")
    anchor: str | None = Field(
        default=None,
        description="what a relative value was resolved against: 'document' or a timex id; for a date "
        "counted from an event ('within 90 days of the signing'), the timex dating the event, or "
        "'unknown' when the text dates it nowhere",
    )
    ends: list[str] | None = Field(
        default=None,
        description="for a range told as one time ('between October 21 and 31', 'from March to May'): "
        "the ids of the timexes of its first and last end; ``earliest``/``latest`` span the range",
    )
    duration: str | None = Field(
        default=None,
        description="for a date counted from an anchor: the span counted, a TIMEX3 duration (P90D, PT72H)",
    )
    anchor_text: str | None = Field(
        default=None,
        description="for a date counted from an event: the event as the text names it ('the signing')",
    )
    anchor_day: dt.date | None = Field(default=None, description="for a date counted from an event: its day")


class Quantity(_Model):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: Number = None
    low: Number = None
    high: Number = None
    approx: bool = False
    noun: str | None = Field(default=None, description="what is counted: troops, personnel, bases ...")
    unit: str | None = Field(default=None, description="count, money, percent, or a unit of measure")
    currency: str | None = None
    mod: str | None = Field(default=None, description="about, more_than, less_than, up_to, at_least ...")


class Mention(Span):
    role: str | None = Field(default=None, description="the institution a mention stands for (Pentagon ...)")


class Actor(_Model):
    id: str = Field(description="ISO 3166-1 alpha-3 for a country, else a lower-case slug")
    name: str
    kind: ActorKind
    mentions: list[Mention] = Field(default_factory=list)
    led_by: str | None = Field(default=None, description="for a coalition: the actor leading it")
    backed_by: str | None = Field(default=None, description="for a group: the actor backing it")
    title: str | None = Field(default=None, description="for a person: title or role")
    affiliation: str | None = Field(default=None, description="for a person or body: the actor it belongs to")


class Source(_Model):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: SourceKind
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    count: Count = Field(default=None, description="how many people the source stands for")
    via: str | None = Field(default=None, description="id of the source that relays this one")
    cue: Span | None = Field(default=None, description="the cue word or phrase (said, told, according to)")
    content: list[Span] = Field(default_factory=list, description="what is attributed to the source")
    reason: str | None = Field(default=None, description="why an anonymous source is not named")
    rank: str | None = Field(default=None, description="an anonymous source's rank: senior, top, former ...")


class Event(_Model):
    id: str
    type: EventType
    action: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    agents: list[str] = Field(default_factory=list)
    patients: list[str] = Field(default_factory=list)
    location: list[str] = Field(default_factory=list)
    time: str | None = Field(default=None, description="id of a timex")
    quantity: str | None = Field(default=None, description="id of a quantity")
    status: EventStatus
    certainty: Certainty = "unknown"
    polarity: Polarity = "positive"
    sources: list[str] = Field(default_factory=list)


class Commitment(_Model):
    id: str
    obligor: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)
    action: str
    object: str | None = None
    stage: int | None = None
    quantity: str | None = Field(default=None, description="id of a quantity")
    deadline: str | None = Field(default=None, description="id of a timex")
    conditions: list[str] = Field(default_factory=list)
    status: CommitmentStatus
    certainty: Certainty = "unknown"
    polarity: Polarity = "positive"
    sources: list[str] = Field(default_factory=list)
    start: int = Field(ge=0, description="start of the evidence: the sentence(s) the commitment rests on")
    end: int = Field(ge=0)
    text: str | None = Field(default=None, description="the words that state the commitment")
    event: str | None = Field(default=None, description="id of the agreement event it belongs to")


class Record(_Model):
    document: Document
    timexes: list[Timex] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)

    def to_json(self) -> str:
        """One line of JSON, in the contract's field order."""
        return self.model_dump_json()

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def text_id(text: str) -> str:
    """The document id: the SHA-256 of its text (UTF-8), hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_schema() -> dict[str, Any]:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://docket.invalid/schema/record-{SCHEMA_VERSION}.json"
    schema["title"] = "docket record"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=False)
