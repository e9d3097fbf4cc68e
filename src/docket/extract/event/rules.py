"""Event triggers and argument helpers shared by the event and commitment stages.

The words live in ``data/events.yaml``; this module only interprets them over a
parsed spaCy ``Doc`` and the items the earlier stages found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from docket import data
from docket.extract.common.state import lower_lemmas, state

# Dependencies that open a clause of its own: an event's arguments stop there.
CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "xcomp", "acl", "pcomp", "parataxis", "csubj"})


# Through these a verb without a subject of its own shares the one above it
# ("the mission is due to end", "the troops will leave and hand over the base").
RAISING_DEPS = frozenset({"conj", "xcomp", "acomp"})


@dataclass(frozen=True)
class Trigger:
    token: Token
    type: str
    action: str
    nominal: bool


@cache
def rules() -> dict[str, Any]:
    loaded = data.load("events.yaml")
    assert isinstance(loaded, dict)
    return loaded


def grammar(key: str) -> Any:
    """A function word (or list of them) from the data's ``grammar`` block."""
    return rules()["grammar"][key]


def _has_particle(token: Token, particle: str | list[str]) -> bool:
    wanted = {particle} if isinstance(particle, str) else set(particle)
    # "pull out" (particle) and "pull its forces out of" (parsed as a preposition)
    return any(child.dep_ in ("prt", "prep", "advmod") and child.lower_ in wanted for child in token.children)


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of the heads of a verb's object (or passive subject), conjuncts included."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") or (
            child.dep_ == "prep" and child.lower_ in grammar("object_check_prepositions")
        ):
            heads = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [child]
            for head in heads:
                found.add(head.lemma_.lower())
                found.update(c.lemma_.lower() for c in head.conjuncts)
                found.update(c.lemma_.lower() for c in head.children if c.dep_ == "appos")
    if not any(c.dep_.startswith("nsubj") for c in token.children) and token.dep_ in RAISING_DEPS:
        # "the mission is due to end", "the presence ... and will end": the subject is higher up
        found.update(_object_lemmas(token.head) if token.head.i != token.i else set())
    return found


def trigger_words(doc: Doc) -> list[Token]:
    """The tokens whose lemma is a verb or noun trigger of the data, in order: the only
    tokens :func:`trigger` can take (found once per doc)."""
    memo = state(doc).memo
    found = memo.get("trigger_words")
    if found is None:
        table = rules()
        verbs, nouns = table["verbs"], table["nouns"]
        found = [i for i, lemma in enumerate(lower_lemmas(doc)) if lemma in verbs or lemma in nouns]
        memo["trigger_words"] = found
    return [doc[i] for i in found]


def trigger(token: Token) -> Trigger | None:
    """The event a token stands for, if its lemma is a trigger in the data."""
    lemma = token.lemma_.lower()
    table = rules()
    if lemma not in table["verbs"] and lemma not in table["nouns"]:
        return None  # neither a verb nor a noun trigger: no branch below can find one
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or infinitive:
        spec = table["verbs"].get(lemma)
        if spec is None or token.pos_ == "AUX":
            return None
        for particle, refined in (spec.get("by_particle") or {}).items():
            if _has_particle(token, particle):
                spec = refined
                break
        if "particle" in spec and not _has_particle(token, spec["particle"]):
            return None
        if "not_particles" in spec and _has_particle(token, spec["not_particles"]):
            return None  # "Americans left behind"
        if spec.get("active_only") and any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
            return None  # "only one US command was left at the base": what remains, not a departure
        if spec.get("needs_object") and not any(c.dep_ == "dobj" for c in token.children):
            return None  # "provided the Taliban keep their side": a condition, not aid
        lemmas = _object_lemmas(token) if ("objects" in spec or "by_object" in spec) else set()
        for noun, refined in (spec.get("by_object") or {}).items():
            if noun in lemmas:
                spec = refined
                break
        else:
            if "objects" in spec and not (lemmas & set(spec["objects"])):
                return None
        if "not_objects" in spec and _object_lemmas(token) & set(spec["not_objects"]):
            return None  # "met their commitments": not a meeting
        # "US-led", "remaining forces": participles used as modifiers are not events
        if token.dep_ in ("amod", "compound"):
            return None
        return Trigger(token, spec["type"], spec["action"], nominal=False)
    if token.pos_ in ("NOUN", "PROPN"):
        spec = table["nouns"].get(lemma)
        if spec is None:
            return None
        if "heads" in spec and token.head.lemma_.lower() not in spec["heads"]:
            return None
        if "needs" in spec and not {c.lemma_.lower() for c in token.children} & set(spec["needs"]):
            return None
        if "objects" in spec:
            of_heads = {
                p.lemma_.lower()
                for c in token.children
                if c.lower_ == grammar("of")
                for p in c.children
                if p.dep_ == "pobj"
            }
            if not of_heads & set(spec["objects"]):
                return None
        action = spec["action"]
        for child in token.children:
            refined = (spec.get("modifiers") or {}).get(child.lemma_.lower())
            if refined:
                action = refined
        return Trigger(token, spec["type"], action, nominal=True)
    return None


def subtree_without(token: Token, left_out: Callable[[Token], bool]) -> list[Token]:
    """The token's subtree in the text's order, less the subtree of each token ``left_out`` picks."""
    out: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(child for child in current.children if not left_out(child))
    return sorted(out, key=lambda t: t.i)


def own_tokens(token: Token, others: frozenset[int] = frozenset()) -> list[Token]:
    """The trigger's subtree without the clauses it governs and the events (``others``,
    token indices) inside it: their arguments are theirs."""
    return subtree_without(token, lambda child: child.dep_ in CLAUSE_DEPS or child.i in others)


def argument_tokens(head: Token) -> list[Token]:
    """A dependent's noun phrase: what precedes the head, the head, and its conjuncts.

    Prepositional phrases after the head are left out: "militants on US forces" names
    the militants, and the forces belong to the event, not to them.
    """
    out = noun_phrase(head)
    for child in head.children:
        # "a convoy of US military vehicles", "forces of NATO"
        if child.dep_ == "prep" and child.lower_ == grammar("of"):
            # ... and all those joined there: "the boards of both Thomson and Reuters"
            named = [q for p in child.children if p.dep_ == "pobj" for q in (p, *p.conjuncts) if q.i >= p.i]
            out.extend(t for q in named for t in noun_phrase(q))
    for conj in head.conjuncts:
        if conj.i > head.i:
            out.extend(noun_phrase(conj))
    return out


def phrase_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def noun_phrase(head: Token) -> list[Token]:
    """The head noun with what precedes it: 'the remaining forces', 'all US troops'."""
    left = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct",)]
    start = min((t.i for t in left), default=head.i)
    return [t for t in head.doc[start : head.i + 1] if not t.is_space]
