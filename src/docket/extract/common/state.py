"""What the stages share on a Doc: the items found so far, and the article's date."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, SENT_START
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
    # ranges told as one time ("between October 21 and 31"), each with the ids of its two ends; the
    # record numbers them on after the timexes (a commitment whose window one is moves it there first)
    ranges: list[Timex] = field(default_factory=list)
    # days counted from a dated event ("three days after the armistice"), kept beside the span's timex
    counted: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    # persons named in the pieces of a long article read before this one (docket.pieces):
    # (id, name, the name's words), so that "Kovac said" here is the "Anna Kovac" of before
    earlier_persons: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # the character spans of names a wire marks ("<VDO Adolf Schindling AG>"), whose marks the
    # pipeline made spaces before the model read the text (pipeline.make_doc)
    marked_names: list[tuple[int, int]] = field(default_factory=list)
    # what the stages would otherwise recompute on each access (Doc.text joins every
    # token anew): filled on first use, never pickled
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        kept = dict(self.__dict__)
        kept["memo"] = {}
        return kept


if not Doc.has_extension("docket"):
    Doc.set_extension("docket", default=None)


# where spaCy keeps the value of ``doc._.docket`` once set: read straight from the doc's
# user_data (the stages ask tens of times per doc; ``doc._`` builds an accessor each time)
_USER_DATA_KEY = ("._.", "docket", None, None)


def state(doc: Doc) -> Extraction:
    """The doc's extraction state (``doc._.docket``), created on first use."""
    user_data: dict[Any, Any] = doc.user_data
    current = user_data.get(_USER_DATA_KEY)
    if current is None:
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


def per_doc(doc: Doc, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, computed once per doc under ``key`` (a value that depends on the doc alone) and
    kept for the doc's life."""
    memo = state(doc).memo
    if key not in memo:
        memo[key] = make()
    return memo[key]


def per_sentence(sent: Span, key: str, make: Callable[[Span], Any]) -> Any:
    """``make(sent)``, computed once per sentence (by its tokens) under ``key``, for a value asked of
    the same sentence many times."""
    memo = per_doc(sent.doc, key, dict)
    where = (sent.start, sent.end)
    if where not in memo:
        memo[where] = make(sent)
    return memo[where]


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy joins the tokens anew on each access)."""
    text: str = per_doc(doc, "text", lambda: doc.text)
    return text


def token_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Each token's (start, end) characters, built once per doc without making a ``Token``."""
    bounds: list[tuple[int, int]] = per_doc(doc, "bounds", lambda: _bounds(doc))
    return bounds


def _bounds(doc: Doc) -> list[tuple[int, int]]:
    rows = doc.to_array([IDX, LENGTH]).tolist()
    return [(start, start + length) for start, length in rows]


def lower_words(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, built once per doc."""
    words: list[str] = per_doc(doc, "lower", lambda: _strings_of(doc, LOWER))
    return words


def _strings_of(doc: Doc, attr: int) -> list[str]:
    """The string of an attribute (LOWER, LEMMA) for each token, without making a ``Token``."""
    hashes = doc.to_array(attr).tolist()
    strings = doc.vocab.strings
    found = {key: strings[key] for key in set(hashes)}
    return [found[key] for key in hashes]


def sentence_ids(doc: Doc) -> list[int]:
    """For each token, a number shared by exactly the tokens of its sentence (by sent_start),
    built once per doc: ``doc[a].sent.start == doc[b].sent.start`` without building spans."""
    ids: list[int] = per_doc(
        doc, "sentence_ids", lambda: numpy.cumsum(doc.to_array(SENT_START) == 1).tolist()
    )
    return ids


def lower_lemmas(doc: Doc) -> list[str]:
    """``[t.lemma_.lower() for t in doc]``, built once per doc."""
    lemmas: list[str] = per_doc(doc, "lemmas", lambda: [w.lower() for w in _strings_of(doc, LEMMA)])
    return lemmas


def space_flags(doc: Doc) -> list[bool]:
    """``[t.is_space for t in doc]``, built once per doc."""
    flags: list[bool] = per_doc(doc, "spaces", lambda: (doc.to_array(IS_SPACE) == 1).tolist())
    return flags


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per doc (spaCy walks every token on each access); the model's
    entities are set before docket's stages run, and no stage changes them."""
    found: tuple[Span, ...] = per_doc(doc, "entities", lambda: tuple(doc.ents))
    return found


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity holding token ``i``, if any, without scanning the entities."""
    owner: list[int] = per_doc(doc, "entity_owner", lambda: _entity_owner(doc))
    n = owner[i] if 0 <= i < len(owner) else -1
    return entities(doc)[n] if n >= 0 else None


def _entity_owner(doc: Doc) -> list[int]:
    owner = [-1] * len(doc)
    for n, ent in enumerate(entities(doc)):
        owner[ent.start : ent.end] = [n] * (ent.end - ent.start)
    return owner


def entities_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities lying wholly in tokens ``start``..``end`` (end exclusive), in order."""
    starts: list[int] = per_doc(doc, "entity_starts", lambda: [e.start for e in entities(doc)])
    ents = entities(doc)
    out: list[Span] = []
    for n in range(bisect.bisect_left(starts, start), len(ents)):
        ent = ents[n]
        if ent.start >= end:
            break
        if ent.end <= end:
            out.append(ent)
    return out
