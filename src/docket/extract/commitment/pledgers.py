"""Who made a pledge named only by a personal pronoun: 'She ... promised to conduct new elections',
'"We promise to bring to justice the murderers," she told the staff'.
"""

from __future__ import annotations

from spacy.tokens import Token

from docket.extract.commitment.gates import that_pledge
from docket.extract.commitment.parts import _actors, subjects
from docket.extract.common.commitment_words import rules
from docket.extract.event.index import Index


def pledger(token: Token, index: Index) -> list[str]:
    """Who a pledge in so many words binds where the parse names nobody: the side that pledges
    something to an act ("pledged $500 million to rebuild"); where the subject is a personal pronoun
    (``pledger_pronouns`` in the data): the person the actor stage took "he" or "she" for; for "I"
    or "we" inside a quotation, the person quoted. Empty when the text names no such person."""
    noun = that_pledge(token)
    if noun is not None:
        # "Acme gave a guarantee that no jobs would be cut": who holds, gives or makes it
        owners = [c for c in noun.children if c.dep_ == "poss"]
        return _actors(owners or [c for c in noun.head.children if c.dep_ == "nsubj"], index, set())
    table = rules()["pledger_pronouns"]
    if not _pledged_by_verb(token):
        return []
    pledge = token.head
    if token.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in pledge.children):
        # "Japan pledged $500 million to rebuild Haiti": who pledges acts, not what is pledged
        found = _actors([c for c in pledge.children if c.dep_ == "nsubj"], index, set())
        if found:
            return found
    third, first = {str(w) for w in table["person"]}, {str(w) for w in table["quoted"]}
    for subject in subjects(token):
        if subject.pos_ != "PRON":
            continue
        if subject.lower_ in third:
            where = [(subject.idx, subject.idx + len(subject.text))]
        elif subject.lower_ in first:
            quoted = [
                s
                for s in index.found.sources
                if any(c.start <= subject.idx < c.end for c in s.content) and s.name
            ]
            where = [(s.start, s.end) for s in quoted]
        else:
            continue
        people = [
            actor_id
            for start, end, actor_id, kind in index.mentions
            if kind == "person" and any(start < b and a < end for a, b in where)
        ]
        if people:
            # (as a person named as the subject does, the person acts for the country they serve)
            side = index.affiliation.get(people[0])
            return people[:1] + ([side] if side and side != people[0] else [])
    return []


def pledged_by(token: Token) -> bool:
    """The act is pledged in so many words: in the that-clause of a noun of undertaking ('gave
    assurances that it would keep the plant open'), or on a verb that pledges (see below)."""
    return that_pledge(token) is not None or _pledged_by_verb(token)


def _pledged_by_verb(token: Token) -> bool:
    """The act hangs on a verb that pledges in so many words (``explicit_pledge_heads``: 'promised to
    conduct ... and hold', 'committed to leading')."""
    heads = {str(w) for w in rules()["explicit_pledge_heads"]}
    current = token
    for _ in range(3):
        if current.head.i == current.i:
            return False
        if current.dep_ == "conj":
            current = current.head
            continue
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in heads:
            return True
        # "I am committed to leading"
        return current.dep_ == "pcomp" and current.head.head.lemma_.lower() in heads
    return False
