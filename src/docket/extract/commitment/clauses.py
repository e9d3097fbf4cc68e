"""Broad commitment candidates, and what a classifier reads of each (the clause model).

The rules propose a commitment only where a cue of theirs stands. Here every clause that
looks forward and whose subject is a side the article names is a candidate: a verb with a
future or obligation modal ("will withdraw", "must repay"), an infinitive under a verb or noun
of pledging or planning ("agreed to cut", "plans to close", "is to be sold", "has 30 days to
leave"), the second of two joined acts ("will withdraw and hand over"), and a nominal act with
a deadline of its own ("the withdrawal of troops by March"). The obligor is found as the rules
find it (the subject, the agent of a passive, the subject of the verb that governs or reports
it, a pronoun back to its actor); a clause whose obligor resolves to no side is no candidate.
Each candidate is one (obligor, act, deadline) unit.

A candidate is read as structured feature words (``features``): how it looks forward
(``READ=MODAL_will``, ``READ=TO_agree``, ``READ=NOMINAL``), its verb and the classes of
``data/commitment_model.yaml`` the verb and its governors belong to (``UNDER_WISH``,
``UNDER_POSSIBLE``, ``UNDER_REPORT``), the kind of its obligor and subject, its deadline and
the tense of the sentence's dates, negation, quotation, a condition, the rules' own gates
(``BLOCKED``: a wish, a demand, a possibility, a past plan) and whether the rules read a
commitment there (``RULES_HAVE_IT``, ``RULES_SAME_ACT``). The classifier (spaCy's
bag-of-words text classifier over these words, trained by ``scripts/train_commitment_model.py
--kind clause`` on the real set's development part) is read back as a linear model; see
``model.py`` for how its score adds and drops commitments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from docket import data
from docket.extract.commitment.component import _commitment, _region
from docket.extract.commitment.cues import document_status
from docket.extract.commitment.gates import _blocked, _heads, _itinerary
from docket.extract.commitment.model import (
    SentenceModel,
    _deadline,
    _no_acts,
    _numbered,
    _obligor,
    _refused,
    _sentences_of,
    _when,
    cue_classes,
)
from docket.extract.commitment.parts import Candidate, object_of, subjects
from docket.extract.commitment.plan import resolve_relative
from docket.extract.commitment.rules import Deadline, best_deadline
from docket.extract.common.state import state
from docket.extract.event.index import Index, _quoted
from docket.extract.event.rules import Trigger, argument_tokens, trigger
from docket.record import Commitment, Timex


@dataclass
class Clause:
    """One broad candidate: the commitment it would be, in which sentence, read as words."""

    cand: Candidate
    sentence: int
    features: list[str]


@cache
def _table() -> dict[str, frozenset[str]]:
    """``data/commitment_model.yaml``'s ``clauses``: the words that make a clause look forward."""
    table = data.load("commitment_model.yaml")["clauses"]
    return {str(k): frozenset(str(w).lower() for w in v) for k, v in table.items()}


def _modal(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _table()["modals"]:
            return child.lower_
    return None


def _infinitive_governor(verb: Token) -> Token | None:
    """The verb or noun of pledging or planning an infinitive hangs on ('agreed to cut', 'plans
    to close', 'is to be sold', 'has 30 days to leave')."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return None
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("xcomp", "acl", "advcl", "ccomp", "relcl"):
        return None
    if head.lemma_.lower() in _table()["governors"]:
        return head
    if head.dep_ in ("dobj", "nsubj", "attr") and head.head.lemma_.lower() in _table()["governors"]:
        return head.head  # "has 30 days to leave": the days hang on "has"
    return None


def _reading(token: Token, readings: dict[int, str]) -> str | None:
    """How a verb's clause looks forward ('MODAL_will', 'TO_agree', 'CONJ'), or None."""
    if token.pos_ != "VERB":
        return None
    modal = _modal(token)
    if modal is not None:
        return f"MODAL_{modal}"
    governor = _infinitive_governor(token)
    if governor is not None:
        return f"TO_{governor.lemma_.lower()}"
    if token.dep_ == "conj" and token.head.i in readings:
        return "CONJ"  # "will withdraw and hand over": the second act of the first's clause
    return None


def _within(token: Token, timexes: list[Timex], after: int) -> list[Timex]:
    lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    return [t for t in timexes if lo <= t.start and t.end <= hi and t.start >= after]


def _nominal_deadline(token: Token, doc: Doc, timexes: list[Timex]) -> Deadline | None:
    """A deadline phrase in the phrase of a noun of an act ('the withdrawal of troops by March')."""
    if token.pos_ != "NOUN":
        return None
    hit = trigger(token)
    if hit is None or not hit.nominal:
        return None
    inside = _within(token, timexes, token.idx)
    return best_deadline(doc, inside) if inside else None


def clause_candidates(doc: Doc, index: Index, ruled: dict[int, set[str]] | None = None) -> list[Clause]:
    """Every broad candidate of the doc (see the module's docstring), with its feature words;
    ``ruled`` gives, by sentence index, the acts the rules read there."""
    found = index.found
    ruled = ruled or {}
    out: list[Clause] = []
    readings: dict[int, str] = {}
    for number, sent in enumerate(doc.sents):
        timexes = [t for t in found.timexes if sent.start_char <= t.start < sent.end_char]
        for token in sent:
            reading = _reading(token, readings)
            deadline = None
            if reading is None:
                deadline = _nominal_deadline(token, doc, timexes)
                if deadline is None:
                    continue
                reading = "NOMINAL"
            readings[token.i] = reading
            if token.lemma_.lower() in _no_acts():
                continue
            if reading.startswith("MODAL_") and token.lemma_.lower() in _table()["scheduled"]:
                continue  # "the results will be announced on Monday": a schedule
            hit = trigger(token) or Trigger(token, "", token.lemma_.lower(), nominal=reading == "NOMINAL")
            cand = Candidate(trigger=hit, region=_region(token, set()), sent=sent)
            cand.obligor = _obligor(cand, index)
            if not cand.obligor:
                continue
            if deadline is None:
                inside = _within(token, timexes, -1)
                deadline = (best_deadline(doc, inside) if inside else None) or _deadline(doc, sent, found)
            cand.deadline = deadline
            if deadline is not None and deadline.relative:
                resolve_relative([cand], found, found.events, doc)
            cand.object = object_of(cand, index)
            words = features(cand, reading, index, timexes, ruled.get(number, set()))
            out.append(Clause(cand, number, words))
    return out


def features(cand: Candidate, reading: str, index: Index, timexes: list[Timex], acts: set[str]) -> list[str]:
    """The words the clause classifier reads of one candidate (see the module's docstring)."""
    classes = cue_classes()
    verb = cand.trigger.token
    lemma = verb.lemma_.lower()
    marks = _table()["condition_marks"]
    words = {f"READ={reading}", f"VERB={lemma}", f"DEP={verb.dep_}", f"TYPE={cand.trigger.type or 'NONE'}"}
    if reading.startswith("TO_"):
        words.add("READ=TO")
    if lemma in classes:
        words.add(f"VERB_{classes[lemma]}")
    chain = _heads(verb)
    for head in chain[:4]:
        cls = classes.get(head.lemma_.lower())
        if cls is not None:
            words.add(f"UNDER_{cls}")
    for head in [verb, *chain[:4]]:
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in head.children):
            words.add("UNDER_CONDITION")
    top = chain[0] if chain else verb
    words |= {f"TAG={verb.tag_}", f"HEAD_TAG={top.tag_}"}
    around = [*verb.children, *top.children]
    if any(c.dep_ == "neg" for c in around):
        words.add("NEG")
    if any(c.dep_ == "auxpass" for c in verb.children):
        words.add("PASSIVE")
    if any(c.dep_ == "aux" and c.lemma_.lower() in _table()["perfect"] for c in around):
        words.add("PERFECT")
    words |= {f"GOV={head.lemma_.lower()}" for head in chain[:2]}
    kinds = index.kinds()
    words |= {f"SUBJ={kinds.get(a, 'other')}" for a in cand.obligor}
    said_of = subjects(verb)
    words |= {f"SUBJW={s.lemma_.lower()}" for s in said_of}
    if any(s.pos_ == "PRON" for s in said_of):
        words.add("SUBJ=pronoun")
    direct = {a for s in said_of for a in index.actors_in(argument_tokens(s))}
    words.add("SUBJ_DIRECT" if direct & set(cand.obligor) else "SUBJ_INDIRECT")
    if len(cand.obligor) > 1:
        words.add("SUBJ=several")
    published = index.found.published
    if cand.deadline is not None:
        words |= {"HAS_DEADLINE", f"DEADLINE_{_when(cand.deadline.timex, published)}"}
        if cand.deadline.relative:
            words.add("DEADLINE_RELATIVE")
    else:
        words.add("NO_DEADLINE")
    words |= {f"SENT_{_when(t, published)}" for t in timexes}
    if _quoted(verb.doc.text, verb.idx):
        words.add("QUOTED")
    if _blocked(verb):
        words.add("BLOCKED")
    if lemma in _refused():
        words.add("REFUSED")
    if _itinerary(verb, index):
        words.add("ITINERARY")
    if acts:
        words.add("RULES_HAVE_IT")
        if cand.trigger.action.lower() in acts:
            words.add("RULES_SAME_ACT")
    words |= {f"EVENT_{e.status}" for e in index.found.events if e.start <= verb.idx < e.end}
    return sorted(words)


def ruled_acts(starts: list[int], commitments: Sequence[Commitment]) -> dict[int, set[str]]:
    """Sentence index -> the acts (lower case) the commitments read in it."""
    ruled: dict[int, set[str]] = {}
    for c in commitments:
        for i in _sentences_of(starts, c):
            ruled.setdefault(i, set()).add(c.action.lower())
    return ruled


@dataclass(frozen=True)
class Scored:
    """A candidate as the choice needs it: its score, its sentence and the commitment it would be."""

    score: float
    sentence: int
    commitment: Commitment


def choose(
    commitments: Sequence[Commitment],
    starts: list[int],
    scored: Sequence[Scored],
    add: float,
    drop: float,
    near: int,
) -> list[Commitment]:
    """The rules' commitments less those whose own clause scores below ``drop``, with each
    candidate scoring ``add`` or more in a sentence where the rules read none and read no
    commitment of the same act within ``near`` sentences (one per act and obligor)."""
    ruled = ruled_acts(starts, commitments)
    kept = []
    for c in commitments:
        at = set(_sentences_of(starts, c))
        same = [
            s.score for s in scored if s.sentence in at and s.commitment.action.lower() == c.action.lower()
        ]
        if not same or max(same) >= drop:
            kept.append(c.model_copy())
    added: list[Commitment] = []
    seen: set[tuple[int, str, tuple[str, ...]]] = set()
    for s in sorted(scored, key=lambda s: (s.sentence, -s.score)):
        act = s.commitment.action.lower()
        key = (s.sentence, act, tuple(s.commitment.obligor))
        if s.score < add or s.sentence in ruled or key in seen:
            continue
        if any(act in ruled.get(j, ()) for j in range(s.sentence - near, s.sentence + near + 1)):
            continue  # the rules read this act next door
        seen.add(key)
        added.append(s.commitment.model_copy())
    if not added and len(kept) == len(commitments):
        return list(commitments)
    return _numbered(kept + added)


@dataclass(frozen=True)
class Built:
    """A candidate as the choice reads it: its words, its sentence, the commitment it would be."""

    features: list[str]
    sentence: int
    commitment: Commitment


def built_clauses(doc: Doc) -> tuple[list[int], list[Built]]:
    """The doc's sentence starts, and each broad candidate with the commitment it would be."""
    found = state(doc)
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    index = Index(doc, found)
    clauses = clause_candidates(doc, index, ruled_acts(starts, found.commitments))
    if not clauses:
        return starts, []
    status = document_status(sents)
    return starts, [
        Built(c.features, c.sentence, _commitment(doc, c.cand, index, status, "c0")) for c in clauses
    ]


def scored(model: SentenceModel, built: Sequence[Built]) -> list[Scored]:
    return [Scored(model.score(b.features), b.sentence, b.commitment) for b in built]


def revise_clauses(doc: Doc, model: SentenceModel, near: int) -> list[Commitment]:
    """The doc's commitments as the clause model revises the rules' (see :func:`choose`)."""
    found = state(doc)
    known = len(found.timexes)
    starts, built = built_clauses(doc)
    out = choose(found.commitments, starts, scored(model, built), model.add, model.drop, near)
    # a candidate's span counted from its event made a date; keep only those of the chosen
    used = {c.deadline for c in out}
    found.timexes = found.timexes[:known] + [t for t in found.timexes[known:] if t.id in used]
    return out
