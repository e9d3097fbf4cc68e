"""What attributions are read over: the cue vocabulary, character spans, paragraphs and quoted regions,
and the trimming and merging of spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from docket import data
from docket.extract.common.offsets import Stretches
from docket.extract.common.state import per_doc, text_of

CharSpan = tuple[int, int]

QUOTE_CHARS = frozenset({'"', "“", "”", "«", "»", "``", "''"})
OPENING = frozenset({"“", "«", "``"})
CLOSING = frozenset({"”", "»"})  # '' opens and closes in some wire copy, as " does
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
RECIPIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
INNER_DEPS = frozenset({"ccomp", "advcl", "conj"})
EDGE_SKIP = frozenset({"PUNCT", "SPACE", "CCONJ"})


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; ``source`` is None for impersonal cues."""

    cue: CharSpan
    content: tuple[CharSpan, ...]
    source: CharSpan | None = None
    source_head: int | None = None  # token index of the source's head word
    recipient_head: int | None = None  # "told Reuters": the token of the one told
    shape: str = "verb"  # verb, phrase, impersonal


@dataclass(frozen=True)
class Vocabulary:
    cue_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    prep_content_verbs: dict[str, frozenset[str]]
    recipient_verbs: frozenset[str]
    clause_only_verbs: frozenset[str]
    phrase_cues: tuple[tuple[tuple[str, ...], str], ...]
    impersonal_cues: tuple[tuple[str, ...], ...]
    enumeration_verbs: frozenset[str]
    person_nouns: frozenset[str]
    cue_nouns: frozenset[str]
    colon_source_words: int
    byline_marks: frozenset[str]
    filler_subjects: frozenset[str]
    filler_verbs: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    table = data.load("sources.yaml")
    return Vocabulary(
        cue_verbs=frozenset(table["cue_verbs"])
        | frozenset(table["object_content_verbs"])
        | frozenset(table["prep_content_verbs"]),
        object_content_verbs=frozenset(table["object_content_verbs"]),
        prep_content_verbs={str(k): frozenset(v) for k, v in table["prep_content_verbs"].items()},
        recipient_verbs=frozenset(table["recipient_verbs"]),
        clause_only_verbs=frozenset(table["clause_only_verbs"]),
        phrase_cues=tuple((tuple(item["words"]), str(item["object"])) for item in table["phrase_cues"]),
        impersonal_cues=tuple(tuple(words) for words in table["impersonal_cues"]),
        enumeration_verbs=frozenset(table["enumeration_verbs"]),
        person_nouns=frozenset(table["person_nouns"]),
        cue_nouns=frozenset(table["cue_nouns"]),
        colon_source_words=int(table["colon_source_words"]),
        byline_marks=frozenset(table["byline_marks"]),
        filler_subjects=frozenset(table["filler_cues"]["subjects"]),
        filler_verbs=frozenset(table["filler_cues"]["verbs"]),
    )


def paragraphs(text: str) -> list[CharSpan]:
    """The (start, end) of each non-empty line of ``text``."""
    spans: list[CharSpan] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def quote_regions(doc: Doc) -> list[CharSpan]:
    """Character spans of quotations, marks included, joined over paragraph breaks.

    Straight quotes alternate open/close; a paragraph that ends inside a quote continues
    if the next paragraph opens with a quotation mark, else the quote ends with it.
    """
    regions: list[CharSpan] = []
    open_at: int | None = None
    last_end = 0
    continued = False  # the token before was a paragraph break inside an open quote
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text and open_at is not None and not continued:
                nxt = tok.i + 1
                while nxt < len(doc) and doc[nxt].is_space:
                    nxt += 1
                if nxt < len(doc) and doc[nxt].text in QUOTE_CHARS - CLOSING:
                    continued = True  # the quote goes on in the next paragraph
                else:
                    if last_end > open_at + 1:
                        regions.append((open_at, last_end))
                    open_at = None
            continue
        reopening = continued
        continued = False
        last_end = tok.idx + len(tok.text)
        if tok.text not in QUOTE_CHARS or reopening:
            continue
        if open_at is None:
            if tok.text not in CLOSING:
                open_at = tok.idx
        elif tok.text not in OPENING:
            if text_of(doc)[open_at + 1 : last_end - 1].strip(" ,.;:"):
                regions.append((open_at, last_end))
            open_at = None
    if open_at is not None and last_end > open_at + 1:
        regions.append((open_at, last_end))
    return regions


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _trim(doc: Doc, start: int, end: int) -> CharSpan | None:
    """Token range [start, end) without edge punctuation/space, as characters; None if empty."""
    while start < end and (doc[start].pos_ in EDGE_SKIP or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].pos_ in EDGE_SKIP or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token indices as [start, end) pairs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _spans(doc: Doc, indices: Iterable[int], min_chars: int = 2) -> list[CharSpan]:
    out: list[CharSpan] = []
    for start, end in _runs(indices):
        span = _trim(doc, start, end)
        if span is not None and span[1] - span[0] >= min_chars:
            out.append(span)
    return out


def _paragraph_of(paras: Stretches, char: int) -> CharSpan:
    found = paras.around(char)
    return found[0] if found else (0, 0)


def _clip(spans: Iterable[CharSpan], bounds: CharSpan) -> list[CharSpan]:
    return [(max(s, bounds[0]), min(e, bounds[1])) for s, e in spans if s < bounds[1] and e > bounds[0]]


def _with_quotes(content: list[CharSpan], quotes: Stretches, cue: CharSpan) -> list[CharSpan]:
    """Widen content to the quotes it touches, when the cue stands outside them."""
    out = list(content)
    touched = sorted({n for s, e in content for n in quotes.meeting(s, e)})  # the quotes it touches
    for q in (quotes[n] for n in touched):
        if q[0] <= cue[0] < q[1]:
            continue
        out = [(s, e) for s, e in out if not (q[0] <= s and e <= q[1])]
        out.append(q)
    return _merge(out)


def _merge(spans: Iterable[CharSpan]) -> list[CharSpan]:
    merged: list[CharSpan] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def noun_phrase(head: Token) -> tuple[int, int]:
    """The token range of ``head``'s phrase, without appositions, conjuncts and clauses."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("appos", "conj", "cc", "punct", "acl", "relcl", "advmod"):
            drop |= _subtree(child)
    keep = [i for i in _subtree(head) if i not in drop]
    return min(keep), max(keep) + 1


def paragraphs_of(doc: Doc) -> Stretches:
    """:func:`paragraphs` of the doc's text, found once per doc."""
    found: Stretches = per_doc(doc, "paragraphs", lambda: Stretches(paragraphs(text_of(doc))))
    return found
