"""What the stages share on a Doc: the items found so far, and the article's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from docket.record import Actor, Commitment, Event, Quantity, Source, Timex


@dataclass
class Cue:
    """A hedge, negation or status cue found by the certainty stage."""

    start: int
    end: int
    kind: str  # hedge, negation, condition, preliminary, report ...
    value: str  # what the cue means: probable, possible, negative, preliminary ...


@dataclass
class Extraction:
    published: dt.date | None = None
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)


if not Doc.has_extension("docket"):
    Doc.set_extension("docket", default=None)


def state(doc: Doc) -> Extraction:
    """The doc's extraction state, created on first use."""
    current = doc._.docket
    if current is None:
        current = Extraction()
        doc._.docket = current
    assert isinstance(current, Extraction)
    return current


def set_published(doc: Doc, published: dt.date | None) -> Doc:
    state(doc).published = published
    return doc


def char_spans(doc: Doc, key: str, items: list[tuple[int, int, str]]) -> None:
    """Put (start_char, end_char, label) items under doc.spans[key], widened to whole tokens."""
    spans: list[Span] = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans
