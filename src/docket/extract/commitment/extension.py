"""An agreement's term carried to an end: "the arrangement will remain in effect until February 18".

The sentence names no action, only the agreement (or its deadline) and the end. It
becomes a commitment whose object is the agreement: to ``continue`` when a state lasts
("will remain in effect until", "will run until"), to ``extend`` when the term is
changed ("was extended until", "renewed until", "pushed back to", "extended by 60
days"), so the story stage can move the deadlines of that agreement's open commitments
(:mod:`docket.story.extension`). A state said of the past ("the truce remained in
effect until Friday"), and an end already past when reported, tell what was, not a
term, and are left out. The words live in ``data/commitments.yaml`` (``extensions``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from docket.extract.commitment.cues import object_phrase
from docket.extract.commitment.parts import Candidate, obligor
from docket.extract.commitment.rules import Deadline
from docket.extract.common.commitment_words import rules
from docket.extract.common.state import lower_lemmas
from docket.extract.event.index import Index
from docket.extract.event.rules import Trigger, grammar
from docket.record import Timex

# the tags of a verb said of the past on its own ("remained", "had run")
_PAST_TAGS = frozenset({"VBD", "VBN"})


@dataclass(frozen=True)
class _Spec:
    nouns: frozenset[str]
    stages: frozenset[str]
    lasting: frozenset[str]
    moving: frozenset[str]
    until: frozenset[str]
    by: frozenset[str]
    moving_by: frozenset[str]
    term: frozenset[str]
    states: frozenset[str]
    state_nouns: frozenset[str]
    state_preps: frozenset[str]
    since: frozenset[str]
    modals: frozenset[str]
    lasting_action: str
    moving_action: str
    type: str


def _words(raw: object) -> frozenset[str]:
    assert isinstance(raw, list)
    return frozenset(str(w).lower() for w in raw)


@cache
def _spec() -> _Spec:
    raw = rules()["extensions"]
    return _Spec(
        nouns=_words(rules()["plan_nouns"]) | _words(raw["nouns"]),
        stages=_words(rules()["stages"]["plan_words"]),
        lasting=_words(raw["lasting"]),
        moving=_words(raw["moving"]),
        until=_words(raw["until_words"]),
        by=_words(raw["by_words"]),
        moving_by=_words(raw["moving_span_words"]),
        term=_words(raw["term_words"]),
        states=_words(raw["states"]),
        state_nouns=_words(raw["state_nouns"]),
        state_preps=_words(raw["state_prepositions"]),
        since=_words(raw["from_words"]),
        modals=_words(rules()["future_modals"]),
        lasting_action=str(raw["lasting_action"]),
        moving_action=str(raw["moving_action"]),
        type=str(raw["type"]),
    )


def _agreement(verb: Token, moving: bool) -> Token | None:
    """The agreement the verb is said of: its subject, or what is extended ("renewed the mandate");
    a stage of it stands for it ("the first phase of the ceasefire will remain in effect")."""
    spec = _spec()
    deps = ("nsubj", "nsubjpass", "dobj") if moving else ("nsubj", "nsubjpass")
    for child in verb.children:
        if child.dep_ not in deps:
            continue
        if child.lemma_.lower() in spec.nouns:
            return child
        if child.lemma_.lower() in spec.stages:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == grammar("of"):
                    whole = [p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in spec.nouns]
                    if whole:
                        return child
    return None


def _ultimatum(verb: Token) -> bool:
    """'The kidnappers extended the deadline for the execution to Friday': captors, protesters or
    fighters (``ultimatum_givers``) who move their own ultimatum bind nobody to anything."""
    givers = _words(rules()["ultimatum_givers"])
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in givers for c in verb.children)


def _chain(verb: Token) -> list[Token]:
    """The verb and the verbs it runs on through ("will continue to apply until")."""
    out = [verb]
    current = verb
    for _ in range(3):
        nxt = next((c for c in current.children if c.dep_ == "xcomp"), None)
        if nxt is None:
            break
        out.append(nxt)
        current = nxt
    return out


def _said_of_the_past(verb: Token) -> bool:
    """'remained in effect', 'had run until': no modal of the future, and a past form."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _spec().modals for a in aux):
        return False
    if any(a.tag_ in _PAST_TAGS for a in aux):
        return True
    return verb.tag_ in _PAST_TAGS


def _new_end(chain: list[Token], index: Index, moving: bool) -> Timex | None:
    """The timex of the new end: a date ("until February 18"), or a span added to the old end
    ("extended by 60 days", "extended for another four months"; the story stage adds it)."""
    spec = _spec()
    by = spec.by | spec.moving_by if moving else spec.by
    for verb in chain:
        heads = [verb, *(c for c in verb.children if c.dep_ in ("advmod", "prt"))]
        for head in heads:
            for prep in head.children:
                word = prep.lower_
                if prep.dep_ not in ("prep", "agent") or word not in spec.until | by:
                    continue
                ids = set(index.timexes_in(prep.subtree))
                for timex in index.found.timexes:
                    if timex.id not in ids:
                        continue
                    if word in spec.until and timex.type in ("DATE", "TIME"):
                        return timex
                    if word in by and timex.type == "DURATION":
                        return timex
    return None


def _in_a_state(verb: Token) -> bool:
    """'will be valid', 'is in force': "be" with a state of lasting."""
    spec = _spec()
    if verb.lemma_ != grammar("be"):
        return False
    for child in verb.children:
        if child.dep_ == "acomp" and child.lemma_.lower() in spec.states:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in spec.state_preps
            and any(p.dep_ == "pobj" and p.lemma_.lower() in spec.state_nouns for p in child.children)
        ):
            return True
    return False


def _term(chain: list[Token], index: Index) -> Timex | None:
    """'will be valid for 30 days', 'will remain in force for 120 days': the span of a term."""
    for verb in chain:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in _spec().term:
                continue
            ids = set(index.timexes_in(prep.subtree))
            spans = [t for t in index.found.timexes if t.id in ids and t.type == "DURATION"]
            if spans:
                return spans[0]
    return None


def _from_a_start(chain: list[Token], index: Index) -> bool:
    """'will run from April 20, 1987 to March 20, 2002': a whole term, told from its first day."""
    for verb in chain:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in _spec().since and index.timexes_in(prep.subtree):
                return True
    return False


def _recalled(timex: Timex, index: Index) -> bool:
    """'The period was extended last month to February 18', told on February 19: an end already
    past when reported recalls an old extension, it sets no term."""
    published = index.found.published
    return published is not None and timex.latest is not None and timex.latest < published


def extension_candidates(
    doc: Doc, index: Index, blocked: Callable[[Token], bool]
) -> list[tuple[Candidate, list[int]]]:
    """Each extension in the document as a candidate commitment, with the token indices of the
    words that state it (a commitment found on them already says the same thing)."""
    spec = _spec()
    out: list[tuple[Candidate, list[int]]] = []
    lemmas = lower_lemmas(doc)
    for i, lemma in enumerate(lemmas):
        moving = lemma in spec.moving
        if not (moving or lemma in spec.lasting or lemma == grammar("be")):
            continue  # a Token is built only for these words
        verb = doc[i]
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if lemma == grammar("be") and not _in_a_state(verb):
            continue
        noun = _agreement(verb, moving)
        if noun is None or blocked(verb) or (moving and _ultimatum(verb)):
            continue
        if not moving and _said_of_the_past(verb):
            continue
        chain = _chain(verb)
        timex = _new_end(chain, index, moving)
        relative = False
        if timex is None and not moving:
            timex = _term(chain, index)  # "will be valid for 30 days": counted from the agreement
            relative = timex is not None
        if timex is None or _recalled(timex, index) or _from_a_start(chain, index):
            continue
        action = spec.moving_action if moving else spec.lasting_action
        trigger = Trigger(verb, spec.type, action, nominal=False)
        cand = Candidate(
            trigger=trigger,
            region=[t for t in verb.subtree if t.sent == verb.sent],
            sent=verb.sent,
            deadline=Deadline(timex, rank=1, relative=relative),
        )
        cand.obligor = obligor(cand, index)
        cand.object = object_phrase(noun)
        out.append((cand, [noun.i, *(t.i for t in chain)]))
    return out
