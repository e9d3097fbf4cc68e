"""Office holders: a person in an office of a state or a province acts for it.

Reports name the holder of an office with a bare title ("Larry Hogan, the current governor,
has until October 28 to ...") or give the office in the clause ("named Rodriguez Veltzé as
the new temporary president of Bolivia"); analysts bind the state or the province, not the
person. When the actor stage found no side for such a person, the side is the country or
place the office is of: named in the title or after "of", else the one named before the
title in its sentence ("Under Maryland state law, Larry Hogan, the current governor"). A
title that names a body ("World Bank President Barber Conable", "Eva Hassett, Vice
President of Savarino,") makes the body his side.
The words are data (``office_words``, ``office_links`` in ``data/actors_roles.yaml``;
``place_prepositions`` in ``data/obligors.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from spacy.tokens import Doc, Token

from docket import data
from docket.extract.actor.match import roles_data

# (start, end, actor id, kind) of every mention of a country, a place or an organisation
Mention = tuple[int, int, str, str]
_STATE_KINDS = frozenset({"country", "place"})
_SIDE_KINDS = _STATE_KINDS | {"organization"}


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w) for w in roles_data().get(key) or [])


@cache
def _place_prepositions() -> frozenset[str]:
    table = data.load("obligors.yaml")
    return frozenset(str(w) for w in table.get("place_prepositions") or [])


def office_side(
    doc: Doc,
    names: Sequence[tuple[int, int]],
    titles: Sequence[tuple[int, int]],
    sides: Sequence[Mention],
) -> str | None:
    """The country or place whose office a person holds, by the clauses that name him and his
    title; None when the article does not say."""
    for start, end in names:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for office in _offices_given(span.root):
            side = _side_of(office, sides)
            if side is not None:
                return side
    for start, end in titles:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        inside = [m for m in sides if start <= m[0] and m[1] <= end]
        if inside:
            return inside[0][2]  # "Texas Governor Rick Perry", "World Bank President Barber Conable"
        if not any(t.lower_ in _words("office_words") for t in span):
            continue
        before = [m for m in sides if m[3] in _STATE_KINDS and span.sent.start_char <= m[0] and m[1] <= start]
        before = [m for m in before if not _located(doc, m)]
        if before:
            return before[-1][2]  # "Under Maryland state law, Larry Hogan, the current governor"
    return None


def _offices_given(name: Token) -> Iterable[Token]:
    """'named Rodriguez Veltzé as the new temporary president', 'X took oath as the new president':
    the office nouns a clause gives the person it names as its subject or object."""
    if name.dep_ not in ("nsubj", "nsubjpass", "dobj") or name.head.i == name.i:
        return
    verb = name.head
    hosts = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for host in hosts:
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ not in _words("office_links"):
                continue
            for office in prep.children:
                if office.dep_ == "pobj" and office.lower_ in _words("office_words"):
                    yield office


def _side_of(office: Token, sides: Sequence[Mention]) -> str | None:
    """The country or place an office noun is of: 'president of Bolivia', 'Bolivian president'."""
    words = [c for c in office.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    links = _words("affiliation_links")
    words += [p for c in office.children if c.dep_ == "prep" and c.lower_ in links for p in c.subtree]
    for tok in words:
        for start, end, actor_id, kind in sides:
            if start <= tok.idx < end and kind in _STATE_KINDS:
                return actor_id
    return None


def _located(doc: Doc, mention: Mention) -> bool:
    """'In Paris, President X said': a place named after a place preposition is where, not whose."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].lower_ in _place_prepositions()


def side_mentions(mentions: Iterable[tuple[int, int, str, str]]) -> list[Mention]:
    """Of (start, end, id, kind) mentions, those of countries, places and organisations, in text order."""
    return sorted(m for m in mentions if m[3] in _SIDE_KINDS)
