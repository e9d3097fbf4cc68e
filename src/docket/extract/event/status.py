"""An event's status (occurred, ongoing, planned, expected, possible, denied) and certainty.

Status comes from the verb group: tense, aspect, modals, negation, and the verb that
governs an infinitive ("aim to establish", "is to be carried out"). A nominal event
("the withdrawal of ...") takes the status of the verb that governs it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from docket.extract.event.rules import grammar, rules

CERTAINTY_ORDER = ("possible", "probable", "certain")


def _status_words() -> dict[str, Any]:
    words = rules()["status"]
    assert isinstance(words, dict)
    return words


def _aux(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass", "neg")]


def is_negated(token: Token) -> bool:
    negations = set(_status_words()["negations"])
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in negations) for c in token.children)


def verb_status(token: Token, depth: int = 0) -> str:
    """The status of the event a verb stands for."""
    words = _status_words()
    if is_negated(token):
        return "denied"
    aux = _aux(token)
    lemmas = [a.lower_ for a in aux]
    if any(m in lemmas for m in words["possible_modals"]):
        return "possible"
    if any(m in lemmas for m in words["planned_modals"]):
        return "planned"
    infinitive = any(a.tag_ == "TO" for a in aux)
    head = token.head
    aspect = {*words["ongoing_heads"], *words["done_heads"]}
    begun = token.tag_ == "VBG" and token.dep_ == "xcomp" and head.lemma_.lower() in aspect
    if begun and not infinitive and depth < 4:
        # "Hezbollah began firing rockets on October 8", "had finished pulling its forces back":
        # as real as the beginning or the end
        return verb_status(head, depth + 1)
    if token.tag_ == "VB" and not aux and token.dep_ == "ccomp" and head.i != token.i:
        # "to make Israel leave", "help them leave": a bare infinitive is wanted, not done
        return "planned"
    if infinitive or token.dep_ in ("xcomp",):
        # "is to be carried out", "aim to establish", "due to leave"
        if head.lemma_ in words["expected_heads"]:
            return "expected"
        if head.i != token.i and depth < 4:
            governing = verb_status(head, depth + 1)
            if governing in ("possible", "denied"):
                return governing
        return "planned"
    marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
    if token.dep_ == "advcl" and marks & set(words["pending_marks"]) and head.i != token.i and depth < 4:
        # "will keep coordinating until all forces have left", "once the troops have left": as
        # pending as the clause it waits on
        governing = verb_status(head, depth + 1)
        if governing in ("planned", "expected", "possible"):
            return governing
    if token.dep_ in ("ccomp", "relcl", "advcl", "conj") and head.i != token.i and depth < 4:
        modal = head_modality(head)
        if modal is not None:
            return modal
        if token.dep_ in ("advcl", "conj") and not aux and token.tag_ in ("VBP", "VBZ", "VB"):
            # "Israel will withdraw ..., while the Lebanese army deploys": one plan, one mood
            shared = verb_status(head, depth + 1)
            if shared in ("planned", "expected", "possible"):
                return shared
    if token.tag_ == "VBG" and any(a.lemma_ == grammar("be") for a in aux):
        return "ongoing"
    if token.tag_ == "VBG" and not aux and depth < 4:
        # "with hundreds of troops departing by September": the clause's mood is its head's
        above = governing_verb(token)
        if above is not None:
            return verb_status(above, depth + 1)
    if token.tag_ == "VBN" and token.dep_ == "acl":
        # "with the complete withdrawal expected by ..."
        return "expected" if token.lemma_ in words["expected_heads"] else "occurred"
    return "occurred"


def be_to_verb(verb: Token) -> Token | None:
    """'are to open', 'is to end': the verb that 'be to' governs."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in child.children):
            return child
    return None


def head_modality(head: Token) -> str | None:
    """possible/planned when the governing verb carries a modal ('could allow ... to remain')."""
    words = _status_words()
    lemmas = [a.lower_ for a in _aux(head)]
    if any(m in lemmas for m in words["possible_modals"]):
        return "possible"
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a nominal."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def nominal_status(token: Token, planned_context: bool) -> str:
    """The status of a nominal event, from the verb that governs it."""
    words = _status_words()
    if is_negated(token):
        return "denied"
    asked = governing_verb(token)
    if asked is not None and asked.lemma_.lower() in words["unsettled_heads"]:
        return "possible"  # "requested an extension to June 30", "backed a delay": asked for, not agreed
    if planned_context:
        return "planned"
    for child in token.children:
        if child.lemma_.lower() in words["planned_words"]:
            return "planned"
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ in words["expected_heads"]:
            return "expected"
    verb = governing_verb(token)
    if verb is None:
        return "occurred"
    if token.dep_ == "nsubj" and verb.lemma_ == grammar("be") and be_to_verb(verb) is not None:
        return "planned"  # "talks are to open on March 10"
    sentence_words = {t.lemma_.lower() for t in token.sent}
    if verb.lemma_.lower() in words["ongoing_heads"] and verb_status(verb) == "occurred":
        return "ongoing"
    past = verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and not any(a.tag_ in ("VBZ", "VBP", "MD") for a in _aux(verb))
    )
    expected = verb.lemma_.lower() in words["expected_heads"]
    if expected and (token.dep_ == "nsubjpass" or any(c.dep_ == "xcomp" for c in verb.children)):
        # "the evacuation was expected to be completed by mid-2025", "an announcement is expected"
        return "expected"
    if verb.lemma_.lower() in words["planned_heads"] and not past:
        return "planned"
    status = verb_status(verb)
    if status == "occurred" and sentence_words & set(words["planned_words"]) and verb.tag_ in ("VBZ", "VBP"):
        return "planned"
    return status


def status_certainty(status: str) -> str:
    """What a status alone says about certainty, when no certainty stage answers."""
    if status == "possible":
        return "possible"
    if status in ("planned", "expected", "agreed"):
        return "probable"
    return "certain"


def weaker(a: str, b: str) -> str:
    """The weaker of two certainties; 'unknown' gives way to the other."""
    if a == "unknown":
        return b
    if b == "unknown":
        return a
    return a if CERTAINTY_ORDER.index(a) <= CERTAINTY_ORDER.index(b) else b
