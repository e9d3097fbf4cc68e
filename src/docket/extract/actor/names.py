"""Companies the model did not tag, found by how the article writes them.

Three ways, read from ``data/actors_roles.yaml``:

- a name in apposition to a noun of what kind of organisation it is ("the social networking site
  Facebook agreed", "the drugmaker Pfizer said"): ``organization_descriptors``;
- the bare name of an organisation the article also writes with a corporate suffix ("Chevron
  Corp ... Chevron will drill"): ``corporate_suffixes``;
- the initials of an organisation's name ("<San Miguel Corp>, SMC, ...", "Family Health System Inc
  ... FHS administers"), with or without its suffix.

Every other place the article writes the same name (the same words, capitalised as there) is a
mention of the same organisation, unless something else claimed it already.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from spacy.tokens import Doc, Token

from docket.extract.actor.match import roles_data
from docket.extract.common.offsets import Claimed
from docket.extract.common.state import state

# entity labels of words that may still be an untagged company's name (the model's guesses at a
# person, a place or a work for a company's one-word name are common; a date or number never is)
_NAME_LABELS = frozenset({"", "ORG", "PERSON", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC"})


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in roles_data().get(key, []))


def _name_run(token: Token) -> tuple[int, int] | None:
    """The capitalised proper nouns that end at ``token`` ("Royal Dutch Shell"), as token indices."""
    doc = token.doc
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or not token.is_alpha:
        return None
    start = token.i
    while start > 0:
        prev = doc[start - 1]
        if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or not prev.is_alpha or prev.head.i != token.i:
            break
        start -= 1
    return start, token.i + 1


def _described(doc: Doc) -> Iterator[tuple[int, int]]:
    """'the social networking site Facebook', 'drugmaker Pfizer': a proper noun in apposition to,
    or led by, a noun of ``organization_descriptors``."""
    kinds = _words("organization_descriptors")
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ not in _NAME_LABELS:
            continue
        head = token.head
        described = token.dep_ == "appos" and head.pos_ == "NOUN" and head.lemma_.lower() in kinds
        described = described or any(
            c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in kinds and c.i == token.i - 1
            for c in token.children
        )
        if described:
            run = _name_run(token)
            if run is not None and not any(doc[k].ent_type_ == "ORG" for k in range(*run)):
                yield run


def _suffixed_bare(named: Mapping[str, str]) -> dict[str, str]:
    """'Chevron Corp' -> 'Chevron': the names of organisations (id -> name) written with a
    corporate suffix, without it (only when what is left is a capitalised name), and their ids."""
    suffixes = _words("corporate_suffixes")
    out: dict[str, str] = {}
    for actor_id, name in named.items():
        words = name.replace(",", " ").split()
        while words and words[-1].lower().rstrip(".") in suffixes:
            words.pop()
        if words and len(words) < len(name.split()) and all(w[:1].isupper() for w in words):
            out.setdefault(" ".join(words), actor_id)
    return out


def corporate(name: str) -> bool:
    """Whether a name ends with a word that says it is a company ("Brisk Environmental Inc")."""
    words = name.replace(",", " ").split()
    return bool(words) and words[-1].lower().rstrip(".") in _words("corporate_suffixes")


def _acronyms(name: str) -> set[str]:
    """'San Miguel Corp' -> SMC, 'Research In Motion Ltd.' -> RIM, 'Family Health System Inc' -> FHS
    (or FHSI): the initials of a name's capitalised words, with and without the corporate suffixes
    that end it; only of three letters or more (two are too often another's)."""
    suffixes = _words("corporate_suffixes")
    split = name.replace(",", " ").replace("-", " ").split()
    words = [w for w in split if w[:1].isupper() and w.rstrip(".").isalpha()]
    bare = list(words)
    while bare and bare[-1].lower().rstrip(".") in suffixes:
        bare.pop()
    return {"".join(w[0] for w in ws).upper() for ws in (words, bare) if len(ws) >= 3}


def short_forms(named: Mapping[str, str]) -> dict[str, str]:
    """The other names an article writes its organisations by (id -> name given): the name without
    its corporate suffix ('Chevron' of 'Chevron Corp') and its initials ('SMC' of 'San Miguel Corp'),
    each with the id of the organisation it names (the first named, when two share one)."""
    out = _suffixed_bare(named)
    for actor_id, name in named.items():
        for acronym in sorted(_acronyms(name)):
            out.setdefault(acronym, actor_id)
    return out


def _places(doc: Doc, words: list[str], starts: Mapping[str, list[int]]) -> Iterator[tuple[int, int]]:
    """Where the doc writes these words as whole tokens (token indices); ``starts``: the positions
    of each word of the doc."""
    n = len(words)
    for i in starts.get(words[0], []):
        if i + n <= len(doc) and all(doc[i + k].text == words[k] for k in range(1, n)):
            if i + n < len(doc) and doc[i + n].text[:1].isupper() and doc[i + n].is_alpha:
                continue  # "Chevron" in "Chevron Oil Ltd": part of a longer name
            yield i, i + n


def untagged_organisations(
    doc: Doc, named: Mapping[str, str], taken: Claimed, known: Mapping[int, object]
) -> dict[str, tuple[str | None, list[tuple[int, int]]]]:
    """Names of organisations the model missed: name -> (the id of the organisation already found
    that it names, or None for a new one; the character spans of its mentions).

    ``named``: the organisations found so far (id -> name); ``taken``: spans other actors hold;
    ``known``: the token indices of names the gazetteer knows (never taken over)."""
    names: dict[str, str | None] = dict(short_forms(named))
    for start, end in _described(doc):
        if not any(k in known for k in range(start, end)):
            names.setdefault(doc[start:end].text, None)
    out: dict[str, tuple[str | None, list[tuple[int, int]]]] = {}
    if not names:
        return out
    starts: dict[str, list[int]] = {}
    for token in doc:
        if token.text[:1].isupper():
            starts.setdefault(token.text, []).append(token.i)
    for name, actor_id in names.items():
        spans = []
        for start, end in _places(doc, name.split(), starts):
            if any(k in known for k in range(start, end)):
                continue
            first, last = doc[start], doc[end - 1]
            span = (first.idx, last.idx + len(last.text))
            if not taken.meets(*span):
                spans.append(span)
        if spans:
            out[name] = (actor_id, spans)
    return out


def marked_start(doc: Doc, first: int, last: int) -> int:
    """Where a name the wire marked ("<VDO Adolf Schindling AG>") begins, when the model found only
    its last words ("Adolf Schindling AG") inside the marks: the token the marked name starts at."""
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    for mark_start, mark_end in state(doc).marked_names:
        if mark_start < start and end <= mark_end:
            span = doc.char_span(mark_start, mark_end, alignment_mode="expand")
            if span is not None and span.start < first:
                return span.start
    return first
