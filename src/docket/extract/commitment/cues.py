"""Cues around a commitment: its conditions, its reported status and its stage."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from docket.extract.common.commitment_words import rules
from docket.extract.common.state import lower_lemmas, lower_words, per_sentence, space_flags
from docket.extract.event.rules import grammar, noun_phrase, phrase_text


@cache
def _phrase_words(phrase: str) -> list[str]:
    return phrase.lower().split()


def _phrase_in(words: list[str], phrase: str) -> bool:
    target = _phrase_words(phrase)
    n = len(target)
    if not n:
        return True
    first = target[0]
    if first not in words:
        return False
    # only where the first word is: the slices elsewhere cannot equal the phrase
    return any(w == first and words[i : i + n] == target for i, w in enumerate(words))


def sentence_words(sent: Span) -> tuple[list[str], list[str]]:
    """Lower-case words and lemmas of a sentence."""
    doc = sent.doc
    words, lemmas, spaces = lower_words(doc), lower_lemmas(doc), space_flags(doc)
    kept = [i for i in range(sent.start, sent.end) if not spaces[i]]
    return [words[i] for i in kept], [lemmas[i] for i in kept]


@cache
def _status_phrases() -> tuple[tuple[str, str], ...]:
    """(status, phrase) of every status cue, in the table's order."""
    cues: dict[str, list[str]] = rules()["status_cues"]
    return tuple((status, phrase) for status, phrases in cues.items() for phrase in phrases)


def status_in(sent: Span) -> str | None:
    """The strongest reported status a sentence states about an agreement, if any."""
    status: str | None = per_sentence(sent, "sentence_status", _status_in)
    return status


def _status_in(sent: Span) -> str | None:
    words, lemmas = sentence_words(sent)
    present = set(words) | set(lemmas)
    order: list[str] = rules()["status_order"]
    found: list[str] = []
    for status, phrase in _status_phrases():
        if status in found:
            continue
        target = _phrase_words(phrase)
        # a phrase whose first word is in neither list cannot match (an empty one always does)
        if target and target[0] not in present:
            continue
        if _phrase_in(words, phrase) or _phrase_in(lemmas, phrase):
            found.append(status)
    if not found:
        return None
    if "preliminary" in found and "in_force" not in found and "approved" not in found:
        return "preliminary"
    return max(found, key=order.index)


def document_status(sents: list[Span]) -> str | None:
    """A preliminary cue anywhere holds the whole article's agreement back; else the strongest."""
    found = [s for s in (status_in(sent) for sent in sents) if s is not None]
    if not found:
        return None
    if "preliminary" in found and "in_force" not in found and "approved" not in found:
        return "preliminary"
    order: list[str] = rules()["status_order"]
    return max(found, key=order.index)


def _strip(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    return tokens


def conditions_in(sent: Span) -> list[tuple[str, Token]]:
    """(condition text, governing token) of every condition stated in a sentence."""
    table = rules()["conditions"]
    out: list[tuple[str, Token]] = []
    object_lemmas = set(table["object"])
    markers = [m.split() for m in table["clause_markers"]]
    first_words = {m[0] for m in markers}
    lowers, lemmas = lower_words(sent.doc), lower_lemmas(sent.doc)
    # (a marker's first word is the token's own: only those tokens, and the lemmas, can start one)
    wanted = [
        i for i in range(sent.start, sent.end) if lowers[i] in first_words or lemmas[i] in object_lemmas
    ]
    for token in (sent.doc[i] for i in wanted):
        # "requires final approval": a condition; "required all forces to leave": an obligation
        if (
            token.lemma_.lower() in object_lemmas
            and token.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
        ):
            for child in token.children:
                if child.dep_ == "dobj":
                    tokens = _strip(list(child.subtree))
                    if tokens:
                        out.append((phrase_text(tokens), token))
        if token.lower_ in first_words:
            for marker in markers:
                if lowers[token.i : token.i + len(marker)] != marker:
                    continue
                # "if X ...": the marker hangs on the clause; "provided (that) X ...": the clause on it
                clause_head = token.head
                if (token.dep_ == "prep" or token.pos_ == "VERB") and clause_head.dep_ not in (
                    "advcl",
                    "ccomp",
                    "conj",
                ):
                    clause_head = token
                if clause_head.dep_ not in ("advcl", "ccomp", "conj", "prep") and clause_head.pos_ != "VERB":
                    continue
                tokens = _strip([t for t in clause_head.subtree if t.i >= token.i + len(marker)])
                openers = set(table.get("clause_openers", []))
                while tokens and tokens[0].lower_ in openers:
                    tokens = tokens[1:]
                # a condition is a clause ("if the Taliban keep ..."), not a phrase
                if tokens and any(t.pos_ in ("VERB", "AUX") for t in tokens):
                    out.append((phrase_text(tokens), clause_head))
                break
    for phrase in table["object_prepositions"]:
        words = phrase.split()
        for i in range(sent.start, sent.end):
            if lowers[i : i + len(words)] != words:
                continue
            token = sent.doc[i]
            last = sent.doc[token.i + len(words) - 1]
            pobjs = [c for c in last.children if c.dep_ == "pobj"]
            if pobjs:
                tokens = _strip(list(pobjs[0].subtree))
                out.append((phrase_text(tokens), last))
    return out


def about_the_plan(governor: Token) -> bool:
    """A condition whose subject is the plan or agreement itself applies to all its commitments."""
    nouns = set(rules()["plan_nouns"])
    for child in governor.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in nouns:
            return True
    return governor.lemma_.lower() in nouns


def stage_cue(tokens: list[Token]) -> int | str | None:
    """An explicit stage number ('first phase', 'initially') or 'last' ('the remaining forces')."""
    ordinals: dict[str, int | str] = rules()["stages"]["ordinal"]
    for token in tokens:
        cue = ordinals.get(token.lower_)
        if cue is not None:
            return cue
    return None


def object_phrase(head: Token) -> str:
    """'its fighters and weapons', 'Ain al-Asad and their headquarters': the head and its conjuncts."""
    tokens = noun_phrase(head)
    for child in head.children:
        # "the return of prisoners", "the number of troops", "operations against ISIS": the phrase
        # belongs to the thing
        if (
            child.dep_ == "prep"
            and child.lower_ in grammar("object_kept_prepositions")
            and child.i == tokens[-1].i + 1
        ):
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            if pobjs:
                tokens = tokens + [t for t in head.doc[child.i : pobjs[0].i + 1] if not t.is_space]
    for conj in head.conjuncts:
        if conj.i > head.i:
            tokens = tokens + [t for t in head.doc[tokens[-1].i + 1 : conj.i + 1] if not t.is_space]
    text = phrase_text(tokens)
    first = tokens[0] if tokens else None
    opens = first is not None and (first.is_sent_start or (first.i > 0 and first.nbor(-1).is_punct))
    if first is not None and opens and first.pos_ == "DET" and first.text.istitle():
        # "The arrangement … will remain in effect", "BEIRUT - The arrangement …": the capital is
        # the sentence's, not a name's
        text = text[:1].lower() + text[1:]
    return text
