"""The certainty stage (spaCy component ``docket_certainty``): how sure, and whether not.

Cues are data (``certainty.yaml``): hedges ("expected", "could", "there is a
possibility"), status words ("preliminary", "still requires final approval"), report
adverbs ("reportedly") and negations ("not", "denied"). The stage records every cue in
``state(doc).cues``; :func:`assess` tells the certainty (FactBank's CT, PR, PS, Uu as
certain, probable, possible, unknown) and polarity of any span from the cues that
govern it in the parse: those inside it, on the path from its head to the sentence
root, and the auxiliaries, negations and adverbs hanging on that path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from docket import data
from docket.extract.common.offsets import OffsetIndex
from docket.extract.common.state import Cue, char_spans, lower_words, per_doc, state
from docket.record import Certainty, Polarity

NEGATIVE = "negative"
# Children of the head's path whose words bear on it: "could", "not", "reportedly", "expected".
# Arguments whose determiner can negate the event: "no agreement", "neither side".
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Clauses that carry their own modality: a hedge above a relative or adverbial clause
# ("proposed a drawdown that Baghdad refused") does not reach into it.
CLAUSE_STOP_DEPS = frozenset({"relcl", "advcl", "parataxis"})
MODIFIER_DEPS = frozenset(
    {"aux", "auxpass", "neg", "advmod", "mark", "amod", "acomp", "attr", "acl", "npadvmod"}
)


@dataclass(frozen=True)
class CuePattern:
    slots: tuple[frozenset[str], ...]  # one set of lower-case alternatives per word
    kind: str
    value: str
    pos: str | None = None


@cache
def patterns() -> tuple[CuePattern, ...]:
    table = data.load("certainty.yaml")
    out: list[CuePattern] = []
    for item in table["cues"]:
        slots = tuple(frozenset(alt for alt in word.split("|")) for word in str(item["words"]).split())
        out.append(
            CuePattern(slots=slots, kind=str(item["kind"]), value=str(item["value"]), pos=item.get("pos"))
        )
    return tuple(out)


@cache
def ranking() -> tuple[str, ...]:
    return tuple(data.load("certainty.yaml")["ranking"])


@cache
def _by_first_word() -> dict[str, tuple[CuePattern, ...]]:
    """The patterns each first word can start, longest first (ties in the table's order)."""
    index: dict[str, list[CuePattern]] = {}
    for pat in sorted(patterns(), key=lambda p: -len(p.slots)):
        for word in pat.slots[0]:
            index.setdefault(word, []).append(pat)
    return {word: tuple(pats) for word, pats in index.items()}


def find_cues(doc: Doc) -> list[Cue]:
    """Every certainty cue in ``doc``, longest first where two start at one token.

    Left to right, a cue takes the longest pattern that starts at a token not already
    inside an earlier cue.
    """
    found: list[Cue] = []
    index = _by_first_word()
    words = lower_words(doc)
    size = len(words)
    tagged = doc.has_annotation("POS")
    free_from = 0  # tokens before this one are inside a cue found already
    for i, word in enumerate(words):
        if i < free_from:
            continue
        for pat in index.get(word, ()):
            n = len(pat.slots)
            if i + n > size:
                continue
            if not all(words[i + k] in pat.slots[k] for k in range(1, n)):
                continue
            if pat.pos and tagged and doc[i].pos_ != pat.pos:
                continue
            last = doc[i + n - 1]
            found.append(Cue(start=doc[i].idx, end=last.idx + len(last.text), kind=pat.kind, value=pat.value))
            free_from = i + n
            break
    return found


def _scope_tokens(doc: Doc, start_char: int, end_char: int) -> set[int]:
    """Token indices whose cues govern the span: the span, its head's path up, their modifiers."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return set()
    inside = {t.i for t in span}
    if not doc.has_annotation("DEP"):
        # no parse: the span and what precedes it in its sentence (or the whole doc)
        sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
        return inside | set(range(sent_start, span.start))
    scope = set(inside)
    # a cue that is the event word itself ("proposed", "rejected") tells what happened,
    # not how sure it is
    scope.discard(span.root.i)
    tok: Token = span.root
    while True:
        if tok.i != span.root.i:
            scope.add(tok.i)
        for child in tok.children:
            if child.i in inside:
                continue
            if child.dep_ in MODIFIER_DEPS:
                scope.add(child.i)
            if child.dep_ in ARGUMENT_DEPS:  # "no agreement had been signed"
                scope.update(d.i for d in child.children if d.dep_ in ("det", "neg"))
        if tok.head.i == tok.i or tok.dep_ in CLAUSE_STOP_DEPS:
            break
        if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            break  # a coordinated clause with its own subject has its own modality
        tok = tok.head
    return scope


def cues_for(doc: Doc, start_char: int, end_char: int) -> list[Cue]:
    """The cues of ``state(doc).cues`` (or found now) that govern [start_char, end_char)."""
    cues = state(doc).cues or per_doc(doc, "cues", lambda: find_cues(doc))
    scope = _scope_tokens(doc, start_char, end_char)
    if not scope:
        return []
    memo: dict[tuple[int, int], OffsetIndex] = per_doc(doc, "cue_index", dict)
    key = (id(cues), len(cues))
    if key not in memo:  # the cues are found once; an index of where they lie, built once too
        memo.clear()
        memo[key] = OffsetIndex([(c.start, c.end) for c in cues])
    where = memo[key]
    chosen = {n for i in scope for n in where.overlapping(doc[i].idx, doc[i].idx + len(doc[i].text))}
    return [cues[n] for n in sorted(chosen)]


def combine(cues: Iterable[Cue]) -> tuple[Certainty, Polarity]:
    """The least sure value among the cues (certain when none), negative if any negates."""
    order = ranking()
    level = 0
    polarity: Polarity = "positive"
    for cue in cues:
        if cue.value == NEGATIVE:
            polarity = "negative"
        elif cue.value in order:
            level = max(level, order.index(cue.value))
    value = order[level]
    assert value in ("certain", "probable", "possible", "unknown")
    return value, polarity  # type: ignore[return-value]


def assess(doc: Doc, start_char: int, end_char: int) -> tuple[Certainty, Polarity]:
    """Certainty and polarity of the text at [start_char, end_char) of ``doc``.

    >>> # "The agreement could be announced": ("possible", "positive")
    """
    return combine(cues_for(doc, start_char, end_char))


class CertaintyStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.cues = find_cues(doc)
        char_spans(doc, "docket_certainty", [(c.start, c.end, c.value) for c in found.cues])
        return doc


@Language.factory("docket_certainty", assigns=["doc._.docket"])
def make_certainty_stage(nlp: Language, name: str) -> CertaintyStage:
    return CertaintyStage(nlp, name)
