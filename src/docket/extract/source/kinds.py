"""What kind of source a phrase names: a named person, an anonymous one, an organisation.

``describe`` reads the phrase's parse (entity types, the head word, its modifiers) against
the vocabularies in ``sources.yaml`` and the actors the actor stage found, and returns the
source's kind, name, role, affiliation, count, rank and the reason given for anonymity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from docket import data
from docket.extract.common.offsets import actor_mentions
from docket.extract.common.state import (
    entities_within,
    entity_at,
    lower_lemmas,
    lower_words,
    per_doc,
    per_sentence,
    text_of,
)
from docket.record import Actor

DETERMINERS = frozenset({"DET"})


@dataclass(frozen=True)
class Description:
    kind: str | None  # named, anonymous, organization; None when no source docket keeps
    name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    count: int | None = None
    rank: str | None = None
    pronoun: bool = False  # "he", "they": to be resolved to an earlier source
    document: bool = False  # "the report": the outlet that published it
    definite: bool = False  # "the official": may point back to an earlier source
    head: str = ""  # the head word's lemma


@dataclass(frozen=True)
class Tables:
    person_nouns: frozenset[str]
    spokesperson_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    document_nouns: frozenset[str]
    outlets: dict[str, str]
    ranks: frozenset[str]
    count_words: dict[str, int]
    anonymity_markers: tuple[tuple[str, ...], ...]
    affiliation_words: dict[str, str]
    outlet_nouns: frozenset[str]
    relay_participles: frozenset[str]
    author_preps: frozenset[str]


@cache
def tables() -> Tables:
    t = data.load("sources.yaml")
    return Tables(
        person_nouns=frozenset(t["person_nouns"]),
        spokesperson_nouns=frozenset(t["spokesperson_nouns"]),
        organization_nouns=frozenset(t["organization_nouns"]),
        document_nouns=frozenset(t["document_nouns"]),
        outlets={str(k).lower(): str(v) for k, v in t["outlets"].items()},
        ranks=frozenset(t["ranks"]),
        count_words={str(k).lower(): int(v) for k, v in t["count_words"].items()},
        anonymity_markers=tuple(tuple(m) for m in t["anonymity_markers"]),
        affiliation_words={str(k).lower(): str(v) for k, v in t["affiliation_words"].items()},
        outlet_nouns=frozenset(t["outlet_nouns"]),
        relay_participles=frozenset(t["relay_participles"]),
        author_preps=frozenset(t["author_preps"]),
    )


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def outlet_name(text: str) -> str | None:
    """The canonical name of a news outlet written as ``text``, if it is a known one."""
    key = re.sub(r"\s+", " ", text.strip().lower())
    key = re.sub(r"^the ", "", key) if key not in tables().outlets else key
    return tables().outlets.get(key)


def _without_determiner(span: Span) -> str:
    toks = list(span)
    while toks and toks[0].pos_ in DETERMINERS:
        toks = toks[1:]
    return span.doc[toks[0].i : toks[-1].i + 1].text if toks else span.text


def _is_code(ident: str | None) -> bool:
    return ident is not None and len(ident) == 3 and ident.isupper()


def affiliation_of(doc: Doc, start: int, end: int, actors: Sequence[Actor]) -> str | None:
    """The country or body a phrase at chars [start, end) belongs to.

    From the actor stage's mentions inside the phrase: a country first (a country itself,
    or the country a person or body belongs to), else a body; places do not count. The
    table of country words in ``sources.yaml`` stands in while that stage finds nothing.
    """
    found: list[tuple[int, int, str]] = []  # (0 for a country, position, id)
    for actor, m in actor_mentions(doc, actors).overlapping(start, end):
        if actor.kind == "place" or (actor.kind == "person" and not actor.affiliation):
            continue
        ident = actor.affiliation if actor.kind != "country" and actor.affiliation else actor.id
        found.append((0 if _is_code(ident) else 1, m.start, ident))
    if found:
        return min(found)[2]
    words = tables().affiliation_words
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.pos_ == "PRON" or (tok.text.islower() and len(tok.text) <= 3):
            continue  # "us" the pronoun is not "US" the country
        code = words.get(tok.text.lower())
        if code:
            return code
    return None


def sentence_country(doc: Doc, start: int, end: int, actors: Sequence[Actor]) -> str | None:
    """The country named nearest to chars [start, end) in their sentence.

    A named official's country when the phrase gives none ("Foreign Minister X said
    Israel would ...", "... President X said at the White House").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return None
    sent = span.sent
    # the sentence itself, else the one before it in its paragraph
    windows = [(sent.start_char, sent.end_char)]
    para_start = text_of(doc).rfind("\n", 0, sent.start_char) + 1
    if sent.start > 0:  # the sentence before, in the same paragraph
        prev = doc[sent.start - 1].sent
        if prev.start_char >= para_start:
            windows.append((prev.start_char, prev.end_char))
    mentions = actor_mentions(doc, actors)
    for low, high in windows:
        best: tuple[int, str] | None = None
        for actor, m in mentions.starting_in(low, high):
            if actor.kind != "country" or (m.start < end and start < m.end):
                continue
            gap = start - m.end if m.end <= start else m.start - end
            if best is None or gap < best[0]:
                best = (gap, actor.id)
        if best is not None:
            return best[1]
    return None


def _named_before(doc: Doc, head: Token, actors: Sequence[Actor]) -> Actor | None:
    """The body named last before ``head`` whose name ends in the same word."""
    word = head.lemma_.lower()
    best: tuple[int, Actor] | None = None
    for actor in actors:
        if actor.kind != "organization" or actor.name.split()[-1].lower() not in (word, head.lower_):
            continue
        for m in actor.mentions:
            if m.end <= head.idx and (best is None or m.start > best[0]):
                best = (m.start, actor)
    return best[1] if best else None


def _modified_before(doc: Doc, head: Token, actors: Sequence[Actor]) -> str | None:
    """ "the army" after "Lebanon's army": the country that modified the same word before."""
    at: dict[str, list[int]] = per_doc(doc, "lemma_positions", lambda: _positions(lower_lemmas(doc)))
    same = at.get(head.lemma_.lower(), [])
    for i in reversed(same[: bisect.bisect_left(same, head.i)]):  # the same word before, nearest first
        tok = doc[i]
        for child in tok.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                found = affiliation_of(doc, child.idx, child.idx + len(child.text), actors)
                if _is_code(found):
                    return found
    return None


def _positions(words: Sequence[str]) -> dict[str, list[int]]:
    """Where each word stands, in order."""
    out: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        out.setdefault(word, []).append(i)
    return out


def _country_first(own: str | None, around: str | None) -> str | None:
    """The phrase's own affiliation if it is a country, else the country around it, else its own."""
    if _is_code(own):
        return own
    return around or own


def _count(head: Token) -> int | None:
    t = tables()
    for child in head.children:
        if child.dep_ == "nummod":
            word = child.text.lower().replace(",", "")
            if word.isdecimal():  # not isdigit: superscripts ("²") are digits int() refuses
                return int(word)
            if word in t.count_words:
                return t.count_words[word]
    if head.tag_ in ("NN", "NNP"):
        return 1
    return None


def _rank(head: Token) -> str | None:
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.text.lower() in tables().ranks:
            return child.text.lower()
    return None


def _person_entity(span: Span, head: Token, actors: Sequence[Actor]) -> Span | None:
    """The person a source phrase names.

    A PERSON entity holding the head or in apposition to it ("Mali's foreign minister,
    Abdoulaye Diop"); not one the actor stage knows as a country, body or place, nor a
    mere possessor ("Netanyahu's office").
    """
    doc = span.doc
    mentions = actor_mentions(doc, actors)
    # the actor stage knows people the tagger does not (a mention lying in the span's tokens
    # shares a character with it)
    for actor, m in mentions.overlapping(span.start_char, span.end_char):
        if actor.kind != "person":
            continue
        named = doc.char_span(m.start, m.end, alignment_mode="expand")
        inside = named is not None and named.start >= span.start and named.end <= span.end
        if named is not None and inside and named.start <= head.i < named.end:
            return named
    not_people = ("country", "organization", "place")
    ents = [
        e
        for e in entities_within(doc, span.start, span.end)
        if e.label_ == "PERSON"
        and not any(a.kind in not_people for a, _ in mentions.overlapping(e.start_char, e.end_char))
    ]
    for ent in ents:
        if ent.start <= head.i < ent.end:
            return ent
    for ent in ents:
        if ent.root.dep_ == "appos" and ent.root.head.i == head.i:
            return ent
    return None


def _title_of(person: Span, actors: Sequence[Actor]) -> str | None:
    """The title the actor stage gave the person named here, if any."""
    for actor, _ in actor_mentions(person.doc, actors).overlapping(person.start_char, person.end_char):
        if actor.kind == "person" and actor.title:
            return actor.title
    return None


def _role_of_named(span: Span, ent: Span, head: Token) -> str | None:
    """The role around a name: its apposition ("X, adviser to ..."), else the title before it."""
    doc = span.doc
    after = doc[ent.end : span.end]
    words = [t for t in after if not (t.is_punct or t.is_space)]
    while words and words[0].pos_ in DETERMINERS:  # "X, the head of ..." -> "head of ..."
        words = words[1:]
    if words:
        return doc[words[0].i : words[-1].i + 1].text
    before = [t for t in doc[span.start : ent.start] if t.pos_ not in DETERMINERS and not t.is_punct]
    if before:
        return doc[before[0].i : before[-1].i + 1].text
    return None


def describe(doc: Doc, start: int, end: int, head_i: int, actors: Sequence[Actor]) -> Description:
    """Describe the source phrase at chars [start, end) whose head is token ``head_i``."""
    t = tables()
    span = doc.char_span(start, end, alignment_mode="expand")
    head = doc[head_i]
    if span is None:
        return Description(kind=None)
    lemma = _lemma(head)
    if head.pos_ == "PRON":
        return Description(kind=None, pronoun=True, head=lemma)
    affiliation = affiliation_of(doc, start, end, actors)
    outlet = outlet_name(span.text) or outlet_name(_without_determiner(span))
    if outlet is not None:
        return Description(kind="organization", name=outlet, head=lemma)
    person = _person_entity(span, head, actors)
    if person is not None:
        if person.start <= head.i < person.end:
            role = _role_of_named(span, person, head)
        else:  # the name in apposition: the role is the phrase before it
            before = [
                x for x in doc[span.start : person.start] if x.pos_ not in DETERMINERS and not x.is_punct
            ]
            role = doc[before[0].i : before[-1].i + 1].text if before else None
        role = role or _title_of(person, actors)
        return Description(
            kind="named",
            name=person.text,
            role=role,
            affiliation=_country_first(affiliation, sentence_country(doc, start, end, actors)),
            count=1,
            head=lemma,
        )
    appos = [c for c in head.children if c.dep_ == "appos" and _lemma(c) in t.person_nouns]
    if head.pos_ == "PROPN" and appos and outlet is None:
        # "Talaat, a representative of the region": a name the tagger did not take for a person
        first = min(x.i for x in head.subtree if x.i <= head.i and (x.pos_ == "PROPN" or x.i == head.i))
        role_toks = [x for x in appos[0].subtree if x.pos_ not in DETERMINERS or x.i != appos[0].left_edge.i]
        return Description(
            kind="named",
            name=doc[first : head.i + 1].text,
            role=doc[role_toks[0].i : role_toks[-1].i + 1].text if role_toks else None,
            affiliation=_country_first(affiliation, sentence_country(doc, start, end, actors)),
            count=1,
            head=lemma,
        )
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or (
        not any(c.dep_ in ("det", "nummod") for c in head.children) and head.tag_ in ("NNS",)
    )
    if lemma in t.document_nouns:
        return Description(kind="organization", name=None, document=definite, definite=definite, head=lemma)
    if lemma in t.spokesperson_nouns:
        body = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN"]
        if body:
            name = doc[body[0].left_edge.i : body[-1].i + 1].text
            return Description(
                kind="organization", name=name, role=lemma, affiliation=affiliation, head=lemma
            )
    if lemma in t.person_nouns:
        rank = _rank(head)
        if affiliation is None:  # "administration officials", "a ministry source": whose body
            for word in head.children:
                if word.dep_ != "compound" or _lemma(word) not in t.organization_nouns:
                    continue
                earlier = _named_before(doc, word, actors)
                affiliation = _modified_before(doc, word, actors) or (
                    earlier.affiliation if earlier else None
                )
        return Description(
            kind="anonymous",
            role=f"{rank} {lemma}" if rank else lemma,
            affiliation=affiliation,
            count=_count(head),
            rank=rank,
            definite=definite,
            head=lemma,
        )
    if head.ent_type_ in ("ORG", "NORP", "GPE") or lemma in t.organization_nouns:
        ent = entity_at(doc, head.i)
        name = ent.text if ent is not None else _without_determiner(span)
        if ent is None and lemma in t.organization_nouns:
            earlier = _named_before(doc, head, actors) if definite else None
            if earlier is not None:  # "the council" after "the UN Security Council"
                name, affiliation = earlier.name, affiliation or earlier.affiliation
            affiliation = affiliation or _modified_before(doc, head, actors)
            affiliation = _country_first(affiliation, sentence_country(doc, start, end, actors))
        return Description(
            kind="organization", name=name, affiliation=affiliation, definite=definite, head=lemma
        )
    return Description(kind=None, head=lemma)


def anonymity_reason(sent: Span) -> str | None:
    """The reason a sentence gives for not naming its sources, if any.

    From the first marker ("on condition of anonymity", "not authorized") to the end of
    the clause that holds it.
    """
    reason: str | None = per_sentence(sent, "anonymity_reason", _anonymity_reason)
    return reason


def _anonymity_reason(sent: Span) -> str | None:
    words = lower_words(sent.doc)[sent.start : sent.end]
    present = set(words)
    for marker in tables().anonymity_markers:
        n = len(marker)
        if n and marker[0] not in present:
            continue  # it cannot start anywhere
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != marker:
                continue
            tok = sent[i]
            clause = tok.head if tok.head.i != tok.i else tok
            while clause.dep_ in ("prep", "pobj") and clause.head.i != clause.i:
                clause = clause.head
            toks = [x for x in clause.subtree if not x.is_punct or x.i > sent[i].i]
            start = min(x.i for x in toks)
            end = max(x.i for x in toks) + 1
            while end > start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
                end -= 1
            while start < end and sent.doc[start].pos_ in ("PRON", "DET") and sent.doc[start].dep_ != "nsubj":
                start += 1
            return sent.doc[start:end].text
    return None
