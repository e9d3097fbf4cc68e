"""A learned second reader of commitments (run by the component ``docket_commitment_model``).

The rules of ``docket_commitment`` stay the backbone. After them, a small text classifier
(spaCy's bag-of-words ``textcat_multilabel``, trained by ``scripts/train_commitment_model.py``
on the development part of the real set only) scores each sentence in which the rules found no
commitment: does it state one? Where it is confident, the sentence's commitment is built from
what the other stages found there, with the commitment stage's own parts (the obligor: the
actor that is the subject of the bound verb, or of the verb that reports it; the action: the
verb after a word of obligation, or with a future modal; the deadline: the rules' deadline
phrase, else the sentence's one future date). A past fact or a state binds no one. Where the
rules did find a commitment, the model adds none in that sentence (it would only restate it),
nor one of the same act in the sentences next to it; ``data/commitment_model.yaml``'s
``gating: article`` instead keeps it out of any article in which the rules found one. A drop
threshold above 0 would also let it remove the rules' commitments in sentences it is sure
state none (the shipped model's is 0: dev cross-validation found that removing lost more than
it gained). The thresholds come with the model (``docket.json``).

The classifier reads a sentence as words the stages have already normalised: an actor
mention is ``ACTOR_<kind>``, a date ``TIMEX_FUTURE`` or ``TIMEX_PAST``, a duration
``TIMEX_DURATION``, a number ``NUM``, any other word its lower-case lemma; then the classes of
``data/commitment_model.yaml`` its words belong to, the statuses of the events in it, and
``SUBJECT_ACTOR`` when an actor is a subject. ``data/commitment_model.yaml``'s ``enabled`` says
whether the pipeline runs it (off: dev cross-validation found it no better than the rules); the
DOCKET_COMMITMENT_MODEL setting switches it on (1) or off (0) for a run.

A second kind of model reads clauses instead of sentences (``kind: clause`` in the data;
``clauses.py``): each broad candidate, a forward-looking clause whose subject is a side, is
scored on structured feature words, and may be added, or drop the rules' commitment of its own
act. Dev cross-validation (372 articles, 5 folds) put it at F1 0.554 (P 0.707 R 0.455), below the
sentence model (0.570) and barely above the rules (0.551), so ``kind`` stays ``sentence``; the
clause model ships beside it (``models/commitment_clause/``) for the retraining to decide.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy
from spacy.attrs import DEP, IDX, IS_PUNCT, IS_SPACE, LIKE_NUM, SENT_START
from spacy.tokens import Doc, Span, Token

from docket import data
from docket.extract.commitment.component import _commitment, _region
from docket.extract.commitment.cues import document_status
from docket.extract.commitment.gates import _blocked, _itinerary, _lemmas, _open_rules
from docket.extract.commitment.parts import Candidate, object_of, obligor, subjects
from docket.extract.commitment.plan import resolve_relative
from docket.extract.commitment.pledgers import pledged_by
from docket.extract.commitment.rules import Deadline, best_deadline
from docket.extract.common.commitment_words import rules
from docket.extract.common.state import Extraction, lower_lemmas, state
from docket.extract.event.index import Index
from docket.extract.event.rules import Trigger, argument_tokens, grammar, trigger
from docket.record import Commitment, Timex

LABEL = "COMMITMENT"
MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models" / "commitment"
CLAUSE_DIR = MODEL_DIR.with_name("commitment_clause")  # the clause model (clauses.py)
KINDS = ("sentence", "clause")
META = "docket.json"
WEIGHTS = "weights.json"
EMPTY = "EMPTY"  # the one word of a sentence with none


@dataclass(frozen=True)
class SentenceModel:
    """The trained classifier, read as the linear model it is, and the two scores that decide
    what it does.

    spaCy's bag-of-words classifier over single words scores a sentence as
    ``sigmoid(bias + sum of weight(word) * count(word))``; the training script reads each
    word's weight off the trained ``textcat`` (``weights.json``, checked against it by the
    tests), so that a sentence is scored without building a Doc for it.
    """

    bias: float
    weights: dict[str, float]
    add: float  # at or above: a sentence states a commitment the rules missed
    drop: float  # below: the rules' commitment in the sentence is dropped

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> SentenceModel:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        table = json.loads((path / WEIGHTS).read_text(encoding="utf-8"))
        return cls(float(table["bias"]), table["words"], float(meta["add"]), float(meta["drop"]))

    def score(self, words: Sequence[str]) -> float:
        """The probability that a sentence (as :func:`sentence_words`) states a commitment."""
        total = self.bias + sum(map(self.weights.get, words or [EMPTY], itertools.repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(min(total, 50.0), -50.0)))

    def scores(self, sentences: Sequence[Sequence[str]]) -> list[float]:
        return [self.score(words) for words in sentences]


def kind() -> str:
    """Which model revises the rules (``data/commitment_model.yaml``'s ``kind``)."""
    chosen = str(data.load("commitment_model.yaml").get("kind", "sentence"))
    if chosen not in KINDS:
        raise ValueError(f"commitment_model.yaml: kind must be one of {KINDS}, not {chosen!r}")
    return chosen


@cache
def default_model() -> SentenceModel | None:
    """The model of the data's ``kind`` shipped in the package, loaded once; None when it is not
    there."""
    where = CLAUSE_DIR if kind() == "clause" else MODEL_DIR
    if not (where / META).exists():
        return None
    return SentenceModel.load(where)


def _when(timex: Timex, published: dt.date | None) -> str:
    if timex.type == "DURATION":
        return "TIMEX_DURATION"
    if published is None or timex.latest is None:
        return "TIMEX"
    return "TIMEX_FUTURE" if timex.latest >= published else "TIMEX_PAST"


@cache
def cue_classes() -> dict[str, str]:
    """Each word of ``data/commitment_model.yaml``'s classes, with its class's name."""
    table = data.load("commitment_model.yaml")["cues"]
    return {str(word).lower(): f"CUE_{name}" for name, words in table.items() for word in words}


def _token_range(starts: list[int], start: int, end: int) -> range:
    """The tokens (by index) whose first character lies in [start, end)."""
    return range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))


def sentence_words(doc: Doc, found: Extraction) -> list[list[str]]:
    """Each sentence of the doc (in the order of ``doc.sents``) as the classifier reads it (see
    the module's docstring): its words, then the classes its words belong to, then what the
    stages found in it."""
    if not len(doc):
        return []
    table = doc.to_array([IDX, IS_SPACE, IS_PUNCT, LIKE_NUM, DEP, SENT_START])
    starts = table[:, 0].tolist()
    marks: dict[int, str] = {}  # token index -> the word standing for the item starting there
    skip = (table[:, 1] != 0) | (table[:, 2] != 0)  # spaces, punctuation and the rest of an item
    by_actor: list[int] = []
    for actor in found.actors:
        for mention in actor.mentions:
            inside = _token_range(starts, mention.start, mention.end)
            if inside:
                marks[inside[0]] = f"ACTOR_{actor.kind}"
                skip[inside.start + 1 : inside.stop] = True
                by_actor.extend(inside)
    for timex in found.timexes:
        inside = _token_range(starts, timex.start, timex.end)
        if inside:
            marks[inside[0]] = _when(timex, found.published)
            skip[inside.start + 1 : inside.stop] = True
    words = list(lower_lemmas(doc))
    for i in numpy.flatnonzero(table[:, 3]).tolist():
        words[i] = "NUM"
    for i, word in marks.items():
        words[i] = word
    # the sentences as doc.sents makes them: from the first token and each marked start
    bounds = [0, *(i for i in numpy.flatnonzero(table[:, 5] == 1).tolist() if i)]
    kept = numpy.flatnonzero(~skip)
    cuts = [*numpy.searchsorted(kept, bounds).tolist(), len(kept)]
    kept_list = kept.tolist()
    out = [[words[i] for i in kept_list[a:b]] for a, b in itertools.pairwise(cuts)]
    classes = cue_classes()
    extra = [{classes[w] for w in sentence if w in classes} for sentence in out]
    strings = doc.vocab.strings
    subject = (table[:, 4] == strings.add("nsubj")) | (table[:, 4] == strings.add("nsubjpass"))
    for i in by_actor:
        if subject[i]:
            extra[bisect.bisect_right(bounds, i) - 1].add("SUBJECT_ACTOR")
    for event in found.events:
        at = bisect.bisect_right(starts, event.start) - 1
        if at >= 0:
            extra[bisect.bisect_right(bounds, at) - 1].add(f"EVENT_{event.status}")
    return [sentence + sorted(more) for sentence, more in zip(out, extra, strict=True)]


# --- building a commitment the rules missed


def _verb_under(token: Token) -> Token | None:
    """The verb a word of obligation governs: 'agreed to cut', 'committed to defending'."""
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ in ("pcomp", "pobj") and grandchild.pos_ == "VERB":
                    return grandchild
    return None


def _bound_verb(sent: Span) -> Token | None:
    """The verb the sentence binds someone to: the action after a word of obligation ('agreed
    to cut', 'is committed to defending', 'is to be sold'), else a verb with a future modal
    ('will close'), else the verb a report introduces ('said it would ...'), else the root."""
    pledges = {str(w).lower() for w in rules()["obligation_heads"]}
    modals = {str(w).lower() for w in rules()["future_modals"]}
    be = grammar("be")
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in pledges and token.pos_ in ("VERB", "AUX", "ADJ"):
            verb = _verb_under(token)
            if verb is not None:
                return verb
        if lemma == be and rules()["be_to"]:
            for child in token.children:
                if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in child.children):
                    return child
    for token in sent:
        if token.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in modals for c in token.children
        ):
            return token
    root = sent.root
    if cue_classes().get(root.lemma_.lower()) == "CUE_REPORT":
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                root = child
                break
    # a past fact ("the last aircraft took off", "has revoked the agreement") or a state ("is") binds
    # no one
    binds = pledges | {str(w) for w in data.load("commitment_model.yaml")["perfect_binds"]}
    perfect = root.lemma_.lower() not in binds and any(
        c.dep_ == "aux" and c.lemma_.lower() == grammar("have") for c in root.children
    )  # ("has pledged swift action" is a pledge, told in the perfect as pledges are)
    if root.pos_ != "VERB" or root.tag_ == "VBD" or root.lemma_.lower() == be or perfect:
        return None
    return root


def _refused() -> frozenset[str]:
    """Verbs that state no act of their own side: wishes, demands, threats."""
    return _lemmas("wish_heads") | _lemmas("demand_heads") | _open_rules()["threats"]


@cache
def _no_acts() -> frozenset[str]:
    """Verbs that name no act a side could be bound to (``empty_verbs``), and stances."""
    empty = {str(w).lower() for w in data.load("commitment_model.yaml")["empty_verbs"]}
    return frozenset(empty) | _open_rules()["stance_acts"]


def _act_of(verb: Token | None) -> Token | None:
    """The act a verb of timing stands for: 'would begin drafting a bill' binds to draft it, 'will
    continue to meet' to meet."""
    if verb is None or verb.lemma_.lower() not in _open_rules()["aspect_verbs"]:
        return verb
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB":
            return child
    return verb


def _named(tokens: list[Token], index: Index) -> list[str]:
    """The actors (of any mention, sources included) whose mention overlaps the tokens."""
    spans = [(t.idx, t.idx + len(t.text)) for t in tokens if not t.is_space]
    return [
        actor.id
        for actor in index.found.actors
        if actor.kind != "person" and any(m.start < e and s < m.end for m in actor.mentions for s, e in spans)
    ]


def _obligor(cand: Candidate, index: Index) -> list[str]:
    """Who the bound verb binds (commitment_parts.obligor), else the first actor named as the
    subject of a verb that governs it ('X said it would', 'X is committed to')."""
    found = obligor(cand, index)
    current = cand.trigger.token
    for _ in range(6):
        if found:
            break
        said_of = subjects(current)
        for subject in said_of:
            found = found or index.actors_in(argument_tokens(subject))
        if not found and any(s.pos_ == "PROPN" for s in said_of):
            # "the city announced the FAA and the NTSB were to investigate": a side the actor
            # stage does not know acts, not the one that tells of it
            break
        if current.head.i == current.i:
            break
        current = current.head
    if not found and current.pos_ == "VERB":
        # "Norland Steel Corp said it agreed to sell ...": a company that tells of its own deal is
        # the source of the report (which the index leaves out, as it does a news agency) and the
        # side bound
        for subject in subjects(current):
            found = found or _named(argument_tokens(subject), index)
    kinds = index.kinds()
    found = [
        a for a in found if kinds.get(a) != "place"
    ]  # "the city of Calabasas announced": a place binds nobody
    if found and all(kinds.get(a) == "person" for a in found):
        # a person speaks for a side: the one country the sentence names ("Talabani has pledged
        # to work with all factions to rebuild Iraq")
        sent = cand.sent
        named = {
            m[2] for m in index.mentions if m[3] == "country" and sent.start_char <= m[0] < sent.end_char
        }
        if len(named) == 1:
            found = [*found, *named]
    return found


def _deadline(doc: Doc, sent: Span, found: Extraction) -> Deadline | None:
    """The rules' deadline phrase in the sentence ('by June 30'), else its one future date, else
    its one span of time."""
    inside = [t for t in found.timexes if sent.start_char <= t.start < sent.end_char]
    best = best_deadline(doc, inside)
    if best is not None:
        return best  # a span is counted from its event by the caller (resolve_relative)
    future = [
        t
        for t in inside
        if t.type in ("DATE", "TIME")
        and found.published is not None
        and t.earliest is not None
        and t.earliest > found.published
    ]
    if len(future) == 1:
        return Deadline(future[0], 99, relative=False)
    spans = [t for t in inside if t.type == "DURATION"]
    # no date: the sentence's one span ('for two more years'), counted from its event where it can be
    return Deadline(spans[0], 99, relative=True) if len(spans) == 1 and not future else None


def candidate(doc: Doc, sent: Span, index: Index) -> Candidate | None:
    """The commitment a sentence states, from what the stages found in it; None without an obligor."""
    verb = _act_of(_bound_verb(sent))
    if verb is None or _blocked(verb) or {verb.lemma_.lower(), verb.lower_} & _refused():
        return None  # a wish, a demand, a possibility, "will not", what a bill would do
    if verb.lemma_.lower() in _no_acts() or _itinerary(verb, index):
        # no act named ("would be hard-pressed to", "we will do so"), a stance ("will welcome the
        # prime minister") or a person's journey, as for the rules' commitments
        return None
    if verb.lemma_.lower() in _open_rules()["given_acts"] and not pledged_by(verb):
        return None  # "North Korea will receive 50,000 tons": the givers' act, as for the rules
    hit = trigger(verb) or Trigger(verb, "", verb.lemma_.lower(), nominal=False)
    cand = Candidate(trigger=hit, region=_region(verb, set()), sent=sent)
    cand.obligor = _obligor(cand, index)
    if not cand.obligor:
        return None
    cand.object = object_of(cand, index)
    cand.deadline = _deadline(doc, sent, index.found)
    if cand.deadline is not None and cand.deadline.relative:
        resolve_relative([cand], index.found, index.found.events, doc)
    return cand


GATINGS = ("article", "sentence")


def switched_on() -> bool:
    """Whether the pipeline runs the model when DOCKET_COMMITMENT_MODEL is unset
    (``data/commitment_model.yaml``'s ``enabled``)."""
    return bool(data.load("commitment_model.yaml").get("enabled", True))


class Figures(Protocol):
    """A commitment score's figures (the real set's scorer, docket.evaluate.realset)."""

    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...
    @property
    def f1(self) -> float: ...


def ships(rules_alone: Figures, with_model: Figures) -> bool:
    """The ship rule (``data/commitment_model.yaml``'s ``ship_rule``), on dev cross-validation
    figures: the model's F1 is above the rules' by at least ``min_f1_gain``, and its precision below
    the rules' by no more than ``precision_per_recall`` times the recall it gains."""
    rule = data.load("commitment_model.yaml")["ship_rule"]
    gained = max(with_model.recall - rules_alone.recall, 0.0)
    lost = rules_alone.precision - with_model.precision
    return (
        with_model.f1 >= rules_alone.f1 + float(rule["min_f1_gain"])
        and lost <= float(rule["precision_per_recall"]) * gained
    )


def gating() -> tuple[str, int]:
    """Where the model may add (``data/commitment_model.yaml``'s ``gating``: "article" or
    "sentence") and, gating by sentence, how many sentences away a rule commitment of the same
    act keeps it from adding (``neighbours``)."""
    table = data.load("commitment_model.yaml")
    gate = str(table.get("gating", "article"))
    if gate not in GATINGS:
        raise ValueError(f"commitment_model.yaml: gating must be one of {GATINGS}, not {gate!r}")
    return gate, int(table.get("neighbours", 0))


def _sentences_of(starts: list[int], c: Commitment) -> range:
    """The sentences (by index, from their first characters) a commitment's evidence overlaps."""
    first = max(bisect.bisect_right(starts, c.start) - 1, 0)
    return range(first, max(bisect.bisect_left(starts, c.end), first + 1))


def revise(
    doc: Doc, model: SentenceModel, gate: str | None = None, near: int | None = None
) -> list[Commitment]:
    """The rules' commitments less those the model is sure are none, with the commitments of the
    sentences the model is sure state one where the rules read none: gating by article (``gate``,
    else the data's setting), only in an article where the rules read none; gating by sentence,
    in each sentence where they read none and read no commitment of the same act within
    ``near`` sentences of it (else the data's setting)."""
    found = state(doc)
    gate = gate or gating()[0]
    near = gating()[1] if near is None else near
    if found.commitments and model.drop <= 0.0 and gate == "article":
        return found.commitments
    sents = list(doc.sents)
    scores = model.scores(sentence_words(doc, found))
    kept = []
    for c in found.commitments:
        at = [p for p, s in zip(scores, sents, strict=True) if s.start_char <= c.start < s.end_char]
        if not at or max(at) >= model.drop:
            kept.append(c.model_copy())
    if found.commitments and gate == "article":
        return _numbered(kept)
    starts = [s.start_char for s in sents]
    ruled: dict[int, set[str]] = {}  # sentence index -> the acts the rules read in it
    for c in found.commitments:
        for i in _sentences_of(starts, c):
            ruled.setdefault(i, set()).add(c.action.lower())
    added: list[Commitment] = []
    index: Index | None = None
    status: list[str | None] = []  # the article's, worked out once when first needed
    for i, (score, sent) in enumerate(zip(scores, sents, strict=True)):
        if score < model.add or i in ruled:
            continue
        index = index or Index(doc, found)
        cand = candidate(doc, sent, index)
        if cand is None:
            continue
        near_acts = {a for j in range(i - near, i + near + 1) for a in ruled.get(j, ())}
        if cand.trigger.action.lower() in near_acts:
            continue  # the rules read this act next door
        status = status or [document_status(sents)]
        added.append(_commitment(doc, cand, index, status[0], "c0"))
    if not added and len(kept) == len(found.commitments):
        return found.commitments
    return _numbered(kept + added)


def _numbered(commitments: list[Commitment]) -> list[Commitment]:
    out = sorted(commitments, key=lambda c: c.start)
    for number, c in enumerate(out, start=1):
        c.id = f"c{number}"
    return out
