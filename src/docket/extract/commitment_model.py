"""A learned second reader of commitments (spaCy component ``docket_commitment_model``).

The rules of ``docket_commitment`` stay the backbone. After them, a small text classifier
(spaCy's bag-of-words ``textcat_multilabel``, trained by ``scripts/train_commitment_model.py``
on the development part of the real set only) scores each sentence: does it state a
commitment? Where it is confident and the rules found nothing, the sentence's commitment is
built from what the other stages found there (the obligor: the actor that is the subject of
the bound verb; the action: that verb; the deadline: the rules' deadline phrase, else the
sentence's one future date). Where it is very sure a sentence states none, the rules'
commitment there is dropped. The thresholds for both come with the model (``docket.json``).

The classifier reads a sentence as words the stages have already normalised: an actor
mention is ``ACTOR_<kind>``, a date ``TIMEX_FUTURE`` or ``TIMEX_PAST``, a duration
``TIMEX_DURATION``, a number ``NUM``, any other word its lower-case lemma. It is switched on
and off by the DOCKET_COMMITMENT_MODEL setting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from docket import data
from docket.extract.commitment import _commitment, _region
from docket.extract.commitment_cues import document_status
from docket.extract.commitment_parts import Candidate, object_of, obligor, subjects
from docket.extract.commitment_rules import Deadline, best_deadline, rules
from docket.extract.event_rules import Index, Trigger, trigger
from docket.extract.state import Extraction, char_spans, state
from docket.record import Commitment, Timex

LABEL = "COMMITMENT"
MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "commitment"
META = "docket.json"


@dataclass(frozen=True)
class SentenceModel:
    """The trained classifier and the two scores that decide what it does."""

    nlp: Language
    add: float  # at or above: a sentence the rules missed states a commitment
    drop: float  # below: the rules' commitment in the sentence is dropped

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> SentenceModel:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        return cls(spacy.load(path / "textcat"), float(meta["add"]), float(meta["drop"]))

    def scores(self, sentences: Sequence[Sequence[str]]) -> list[float]:
        """The probability that each sentence (as :func:`sentence_words`) states a commitment."""
        if not sentences:
            return []
        docs = [Doc(self.nlp.vocab, words=list(words) or ["EMPTY"]) for words in sentences]
        textcat: Any = self.nlp.get_pipe("textcat_multilabel")
        return [float(row[0]) for row in textcat.model.ops.to_numpy(textcat.predict(docs))]


@cache
def default_model() -> SentenceModel | None:
    """The model shipped in the package, loaded once; None when it is not there."""
    if not (MODEL_DIR / META).exists():
        return None
    return SentenceModel.load(MODEL_DIR)


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


def sentence_words(sent: Span, found: Extraction) -> list[str]:
    """The sentence as the classifier reads it (see the module's docstring): its words, then
    the classes its words belong to."""
    marks: dict[int, str] = {}  # character offset -> word standing for the item starting there
    spans: list[tuple[int, int]] = []
    for actor in found.actors:
        for mention in actor.mentions:
            if sent.start_char <= mention.start < sent.end_char:
                marks[mention.start] = f"ACTOR_{actor.kind}"
                spans.append((mention.start, mention.end))
    actor_spans = list(spans)
    for timex in found.timexes:
        if sent.start_char <= timex.start < sent.end_char:
            marks[timex.start] = _when(timex, found.published)
            spans.append((timex.start, timex.end))
    words: list[str] = []
    for token in sent:
        if token.is_space or token.is_punct:
            continue
        at = token.idx
        if at in marks:
            words.append(marks[at])
        elif any(s <= at < e for s, e in spans):
            continue
        elif token.like_num:
            words.append("NUM")
        else:
            words.append(token.lemma_.lower() or token.lower_)
    classes = cue_classes()
    extra = {classes[w] for w in words if w in classes}
    extra |= {f"EVENT_{e.status}" for e in found.events if sent.start_char <= e.start < sent.end_char}
    if any(t.dep_ in ("nsubj", "nsubjpass") and any(s <= t.idx < e for s, e in actor_spans) for t in sent):
        extra.add("SUBJECT_ACTOR")
    return words + sorted(extra)


# --- building a commitment the rules missed


def _bound_verb(sent: Span) -> Token | None:
    """The verb the sentence binds someone to: the action after a verb of obligation
    ('agreed to cut'), else a verb with a future modal ('will close'), else the root."""
    pledges = {str(w).lower() for w in rules()["obligation_heads"]}
    modals = {str(w).lower() for w in rules()["future_modals"]}
    for token in sent:
        if token.lemma_.lower() in pledges and token.pos_ in ("VERB", "AUX", "ADJ"):
            for child in token.children:
                if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                    return child
    for token in sent:
        if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in modals for c in token.children):
            return token
    root = sent.root
    return root if root.pos_ in ("VERB", "AUX") else None


def _deadline(doc: Doc, sent: Span, found: Extraction) -> Deadline | None:
    """The rules' deadline phrase in the sentence ('by June 30'), else its one future date."""
    inside = [t for t in found.timexes if sent.start_char <= t.start < sent.end_char]
    best = best_deadline(doc, inside)
    if best is not None and not best.relative:
        return best
    future = [
        t
        for t in inside
        if t.type in ("DATE", "TIME")
        and found.published is not None
        and t.earliest is not None
        and t.earliest > found.published
    ]
    return Deadline(future[0], 99, relative=False) if len(future) == 1 else None


def build(doc: Doc, sent: Span, index: Index, status: str | None, cid: str) -> Commitment | None:
    """The commitment a sentence states, from what the stages found in it; None without an obligor."""
    verb = _bound_verb(sent)
    if verb is None:
        return None
    hit = trigger(verb) or Trigger(verb, "", verb.lemma_.lower(), nominal=False)
    cand = Candidate(trigger=hit, region=_region(verb, set()), sent=sent)
    cand.obligor = obligor(cand, index)
    if not cand.obligor:
        # "X said it would ...": the subject of the clause that reports it
        for subject in subjects(sent.root):
            cand.obligor = index.actors_in(subject.subtree)
    if not cand.obligor:
        return None
    cand.object = object_of(cand, index)
    cand.deadline = _deadline(doc, sent, index.found)
    return _commitment(doc, cand, index, status, cid)


def revise(doc: Doc, model: SentenceModel) -> list[Commitment]:
    """The rules' commitments, less those the model rejects, plus those it adds (numbered anew)."""
    found = state(doc)
    sents = list(doc.sents)
    scores = model.scores([sentence_words(s, found) for s in sents])
    kept: list[Commitment] = []
    for c in found.commitments:
        at = [p for p, s in zip(scores, sents, strict=True) if s.start_char <= c.start < s.end_char]
        if not at or max(at) >= model.drop:
            kept.append(c.model_copy())
    taken = [(c.start, c.end) for c in found.commitments]
    added: list[Commitment] = []
    index: Index | None = None
    for score, sent in zip(scores, sents, strict=True):
        if score < model.add or any(s < sent.end_char and sent.start_char < e for s, e in taken):
            continue
        index = index or Index(doc, found)
        made = build(doc, sent, index, document_status(sents), "c0")
        if made is not None:
            added.append(made)
    out = sorted(kept + added, key=lambda c: c.start)
    for number, c in enumerate(out, start=1):
        c.id = f"c{number}"
    return out


class CommitmentModelStage:
    def __init__(self, nlp: Language, name: str, enabled: bool) -> None:
        self.name = name
        self.enabled = enabled
        self.model: SentenceModel | None = None

    def __call__(self, doc: Doc) -> Doc:
        model = self.model or default_model()
        if not self.enabled or model is None or not doc.has_annotation("DEP"):
            return doc
        found = state(doc)
        found.commitments = revise(doc, model)
        char_spans(doc, "docket_commitment", [(c.start, c.end, c.action) for c in found.commitments])
        return doc


@Language.factory("docket_commitment_model", assigns=["doc._.docket"], default_config={"enabled": None})
def make_commitment_model_stage(nlp: Language, name: str, enabled: bool | None) -> CommitmentModelStage:
    if enabled is None:
        from docket import settings

        enabled = settings.load().commitment_model
    return CommitmentModelStage(nlp, name, bool(enabled))
