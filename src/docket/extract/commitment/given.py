"""Deadlines a sentence gives a commitment: granted time ("given 30 days to"), a date attached to the
verb, a deadline noun.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from docket.extract.commitment.gates import _lemmas, stated_deadline
from docket.extract.commitment.parts import Candidate
from docket.extract.commitment.pledges import _light_object
from docket.extract.commitment.rules import Deadline, best_deadline
from docket.extract.common.commitment_words import rules
from docket.extract.event.index import Index
from docket.extract.event.rules import grammar
from docket.record import Timex


def _event_deadline(region: list[Token], index: Index) -> Deadline | None:
    """ "at the Bucharest Summit, to be held later this year": the act is due at an event of the
    region whose own clause of holding or scheduling dates it."""
    told = rules()["event_time"]
    preps = {str(w) for w in told["prepositions"]}
    verbs = _lemmas("held_verbs") | _lemmas("scheduled_verbs")
    for prep in region:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for event in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in event.children:
                if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in verbs:
                    continue
                ids = set(index.timexes_in(list(clause.subtree)))
                vague = rules()["vague_values"]
                for timex in index.found.timexes:
                    if timex.id in ids and timex.type in ("DATE", "TIME") and timex.value not in vague:
                        return Deadline(timex, int(told["rank"]), relative=False)
    return None


def _start_on_agreeing(doc: Doc, token: Token, index: Index) -> Deadline | None:
    """ "signed a contract to join the network starting April 1": a time of starting hung after the
    act on the verb of agreeing (`plan_verbs`) that governs it is the act's, for an agreeing does
    not start."""
    verb = next((v for v in list(token.ancestors)[:3] if v.lemma_.lower() in _lemmas("plan_verbs")), None)
    if verb is None:
        return None
    for clause in verb.children:
        if (
            clause.dep_ != "advcl"
            or clause.i < token.i
            or clause.lemma_.lower() not in _lemmas("aspect_heads")
        ):
            continue
        ids = set(index.timexes_in(list(clause.subtree)))
        found = best_deadline(
            doc, [t for t in index.found.timexes if t.id in ids and t.type in ("DATE", "TIME")]
        )
        if found is not None:
            return found
    return None


def _given_deadline(words: list[Token], index: Index, tokens: list[Token] | None = None) -> Deadline | None:
    """The date (or the span, counted like 'within') that a side was given for an act; a span runs
    from the giving ("has one month to present his list", told now: a month from the report)."""
    tokens = tokens if tokens is not None else [t for w in words for t in w.subtree]
    ids = set(index.timexes_in(tokens))
    timexes = [t for t in index.found.timexes if t.id in ids and t.value not in rules()["vague_values"]]
    for timex in timexes:
        if timex.type in ("DATE", "TIME"):
            return Deadline(timex, 1, relative=False)
    for timex in timexes:
        if timex.type == "DURATION":
            holder = words[0].head
            return Deadline(timex, 1, True, granted=_told_now(holder), given_on=_day_given(holder, index))
    return None


def _told_now(verb: Token) -> bool:
    """Time given told as now ("has one month to", "has been given 60 days to", "has agreed to give
    Iran two more weeks"): it runs from the writing. "was given 60 days" with no day runs from a
    day the text does not give."""
    while verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head  # "agreed to give": the verb that tells it
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT for c in verb.children):
        return True  # "has been given", "has agreed to give": done now
    # "has one month": the time left now; "the accord gives Israel a window" says what it gives,
    # from whenever the accord starts
    return verb.tag_ in _PRESENT and verb.lemma_.lower() not in _lemmas("grant_heads")


# The parser's tags of a verb in the present ("has", "have").
_PRESENT = frozenset({"VBZ", "VBP"})


def _day_given(holder: Token, index: Index) -> Timex | None:
    """The day a span of time was given, when the giving's clause dates it: "were recalled on May 15
    and given six weeks to form an executive", "on Monday gave the company 30 days to comply"."""
    verbs = [holder] + ([holder.head] if holder.dep_ == "conj" else [])
    tokens = [t for v in verbs for c in v.children if c.dep_ in _DAY_DEPS for t in c.subtree]
    ids = set(index.timexes_in(tokens))
    vague = rules()["vague_values"]
    dated = (t for t in index.found.timexes if t.id in ids and t.type in ("DATE", "TIME"))
    return next((t for t in dated if t.value not in vague), None)


# How a date hangs on the verb of giving ("on May 15", "Monday").
_DAY_DEPS = frozenset({"prep", "npadvmod"})


def self_granted(token: Token, index: Index) -> Deadline | None:
    """The giving of time is itself the act ("agreed to give Iran two more weeks to comply"): it lasts
    as long as the time given, so it is due when that time runs out."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _lemmas("grant_heads"):
        return None
    spans = _lemmas("grant_spans")
    for span in (c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in spans):
        own = [t for t in span.subtree if not any(a.dep_ in ("acl", "relcl") for a in _up_to(t, span))]
        return _given_deadline([span], index, own)
    return None


def _up_to(token: Token, top: Token) -> list[Token]:
    """The token and its heads up to (not including) ``top``."""
    out: list[Token] = []
    while token.i != top.i and token.head.i != token.i:
        out.append(token)
        token = token.head
    return out


def _grant_deadlines(cands: list[Candidate]) -> None:
    """Time given for an action runs to the date its sentence sets ('the arrangement will continue
    until February 18, giving Israel three more weeks to complete its withdrawal')."""
    for cand in cands:
        if cand.grantee is None or (cand.deadline is not None and not cand.deadline.relative):
            continue  # (a date the sentence sets wins over the span given: "three more weeks")
        dated = [
            c.deadline
            for c in cands
            if c is not cand and c.sent == cand.sent and c.deadline is not None and not c.deadline.relative
        ]
        if dated:
            cand.deadline = dated[0]


# Dependencies along which a deadline phrase belongs to the action (not to a clause inside it).
ATTACH = frozenset(
    {
        "prep",
        "pobj",
        "dobj",
        "nsubj",
        "nsubjpass",
        "compound",
        "conj",
        "npadvmod",
        "advmod",
        "appos",
        "amod",
        "nummod",
        "poss",
        "det",
        "pcomp",
        "xcomp",
        "aux",
        "auxpass",
        "cc",
        "quantmod",
        "nmod",
        "agent",
        "punct",  # the parser sometimes hangs a phrase on a comma
    }
)


def _attached(doc: Doc, timex_start: int, token: Token) -> bool:
    """The timex hangs on the action through phrases, not through a clause of its own
    ('Under the agreement, announced on Tuesday, Israel will withdraw ...')."""
    span = doc.char_span(timex_start, timex_start + 1, alignment_mode="expand")
    if span is None:
        return False
    # "Hamas is to free ...": a phrase on "is" belongs to the action it introduces
    anchors = {token.i}
    light = _light_object(token)
    if light is not None:
        anchors.add(light.i)  # "would make the first tariff cut next year": the time of the cut
    raised = token
    while raised.dep_ in ("xcomp", "acomp") and raised.head.i != raised.i:
        raised = raised.head
        anchors.add(raised.i)
    current = span[0]
    for _ in range(12):
        if current.i in anchors:
            return True
        # "the complete withdrawal expected by the end of 2026": a participle of timing
        timing = (
            current.lemma_.lower() in _lemmas("aspect_heads")
            and current.pos_ in ("VERB", "AUX", "ADJ")
            and current.dep_ in ("acl", "advcl", "xcomp", "prep", "amod", "acomp", "conj")
        )
        # "a database for animals called IACS by April 2007": a naming participle is part of its noun,
        # and the parser hangs on it the phrase that follows the name
        naming = current.dep_ == "acl" and current.lemma_.lower() in _lemmas("naming_verbs")
        if (current.dep_ not in ATTACH and not timing and not naming) or current.head.i == current.i:
            return False
        current = current.head
    return False


def _deadline_in(
    doc: Doc, tokens: list[Token], index: Index, anchor: Token, *, bare: bool = False
) -> Deadline | None:
    """The deadline among the timexes of ``tokens`` attached to ``anchor``; with ``bare``, a time
    with no phrase before it that hangs on the act itself will do."""
    ids = set(index.timexes_in(tokens))
    timexes = [t for t in index.found.timexes if t.id in ids and _attached(doc, t.start, anchor)]
    found = best_deadline(doc, timexes)
    return _bare_deadline(doc, timexes, anchor) if found is None and bare else found


def _bare_deadline(doc: Doc, timexes: list[Timex], anchor: Token) -> Deadline | None:
    """'will cut 5,000 jobs next year': a date with no phrase before it that hangs on the act
    itself (``bare_deadline`` in the data), the weakest of deadlines."""
    bare = rules()["bare_deadline"]
    deps = {str(d) for d in bare["deps"]}
    light = _light_object(anchor)
    anchors = {anchor.i} if light is None else {anchor.i, light.i}
    for timex in timexes:
        if timex.type not in ("DATE", "TIME") or timex.value in rules()["vague_values"]:
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in deps and root.head.i in anchors:
            return Deadline(timex, int(bare["rank"]), relative=False)
    return None


def _deadline_noun(token: Token, index: Index) -> Deadline | None:
    """'the Aug. 31 date set for the end of the mission', 'the May 1 deadline for the withdrawal'."""
    nouns = _lemmas("deadline_nouns")
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            break
        current = current.head
        if current.pos_ == "NOUN" and current.lemma_.lower() in nouns:
            # "the Aug. 31 date", "the date for the departure, September 15"
            left = [t for t in current.subtree if t.i != current.i]
            if current.dep_ == "nsubj" and current.head.lemma_ == grammar("be"):
                # "the deadline for Iran to halt enrichment is August 31"
                left += [t for c in current.head.children if c.dep_ == "attr" for t in c.subtree]
            if current.dep_ == "pobj" and current.head.dep_ == "prep":
                # "set January 31 as the date by which all troops had to leave"
                setter = current.head.head
                inside = {t.i for t in current.head.subtree}
                left += [t for t in setter.subtree if t.i not in inside and t.i != setter.i]
            ids = set(index.timexes_in(left))
            dated = [t for t in index.found.timexes if t.id in ids and t.type in ("DATE", "TIME")]
            if not dated:
                # "the date for the departure of all forces, September 15, still stands"
                end = max(t.i for t in current.subtree) + 1
                gap = end
                while gap < len(current.doc) and current.doc[gap].is_punct:
                    gap += 1
                if gap > end and gap < len(current.doc):
                    start = current.doc[gap].idx
                    dated = [
                        t for t in index.found.timexes if t.start == start and t.type in ("DATE", "TIME")
                    ]
            if dated:
                return Deadline(dated[0], 1, relative=False)
            break  # ("the deadline, during which time Iran must halt ..., is on April 30")
    return _deadline_stated(token, index)


def _deadline_stated(token: Token, index: Index) -> Deadline | None:
    """'The second deadline is on November 27, in which the Assembly would gather to elect ...', 'the
    deadline is August 31, when Iran will halt ...': a clause hung on the date (or on the "is") of a
    deadline noun's sentence is the act due by it."""
    copula = stated_deadline(token)
    if copula is None:
        return None
    own = {t.i for t in token.subtree}
    sides = [c for c in copula.children if c.dep_ in ("attr", "prep")]
    stated = [t for c in sides for t in c.subtree if t.i not in own]
    ids = set(index.timexes_in(stated))
    dated = [
        t
        for t in index.found.timexes
        if t.id in ids and t.type in ("DATE", "TIME") and t.value not in rules()["vague_values"]
    ]
    return Deadline(dated[0], 1, relative=False) if dated else None
