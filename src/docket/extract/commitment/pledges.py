"""Commitments the event stage has no trigger for: open verbs ("pledged to", "will be paid", "is to")
found in a sentence, and which of them look forward.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import DEP, HEAD, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from docket.extract.commitment.gates import (
    _be_to,
    _blocked,
    _bound_by_terms,
    _has_subject,
    _heads,
    _held_until,
    _lemmas,
    _money_pledge,
    _obligated,
    _on_pain,
    _open_rules,
    _pledged,
    _scheduled,
    _time_given,
    aspect_only,
    dated_plan,
    meeting_set,
    must_aux,
    that_pledge,
    told_done,
)
from docket.extract.commitment.parts import (
    begun_by,
    group_sides,
    pledged_noun,
    speaks_for_a_side,
    starting_side,
    subjects,
)
from docket.extract.commitment.pledgers import pledged_by
from docket.extract.common.commitment_words import rules
from docket.extract.common.state import (
    lower_lemmas,
    lower_words,
    per_doc,
)
from docket.extract.event.component import agreement_context
from docket.extract.event.index import Index
from docket.extract.event.rules import Trigger, argument_tokens, grammar, trigger
from docket.extract.event.rules import rules as event_rules
from docket.extract.event.status import nominal_status, verb_status

FORWARD = frozenset({"planned", "expected", "agreed"})


# dependencies through which a verb can be what a side pledges or is given time for
_OPEN_DEPS = ("xcomp", "conj", "pcomp", "advcl", "relcl", "acl")


def _open_positions(doc: Doc) -> list[int]:
    """The tokens that may be an open act (see :func:`_open_hits`), found on the doc's arrays: a
    verb in a clause of its own or one of ``will_verbs``, or a noun of money."""
    table = _open_rules()
    money = rules()["open_actions"]["money_nouns"]
    acts = rules()["open_actions"]["act_nouns"]
    begun = rules()["open_actions"]["begun_acts"]
    strings = doc.vocab.strings
    deps = {strings.add(d) for d in _OPEN_DEPS}
    pos, dep, head = (doc.to_array(a).tolist() for a in (POS, DEP, HEAD))
    lemmas, lowers = lower_lemmas(doc), lower_words(doc)
    modals = _lemmas("future_modals")
    # the verbs a "will"/"would" (or a "must": see _bound_by_terms) hangs on
    modals = modals | frozenset(str(w) for w in rules()["bound_by_terms"]["modals"])
    willed = {i + head[i] for i, word in enumerate(lowers) if word in modals}
    out: list[int] = []
    light = _light_rules()[0]
    for i, lemma in enumerate(lemmas):
        if pos[i] == VERB:
            if (lemma not in _empty_acts() or lemma in light or lemma in _acts_if_pledged()) and (
                dep[i] in deps or lemma in table["will_verbs"] or i in willed
            ):
                out.append(i)
        elif lemma in money or lemma in acts or lemma in begun:
            out.append(i)
    return out


@cache
def _empty_acts() -> frozenset[str]:
    """Verbs that name no act of their subject's own unless pledged (``not_acts``, ``given_acts``)."""
    table = _open_rules()
    return table["not_acts"] | table["given_acts"]


@cache
def _acts_if_pledged() -> frozenset[str]:
    table = _open_rules()
    return table["pledged_acts"] | table["given_acts"]


@cache
def _light_rules() -> tuple[frozenset[str], dict[str, str]]:
    table = rules()["light_acts"]
    return frozenset(str(w) for w in table["verbs"]), {str(k): str(v) for k, v in table["nouns"].items()}


def _light_object(token: Token) -> Token | None:
    """'the governments would make the first tariff cut next year', 'will make the assessments': the
    object through which a verb of no meaning of its own names its act (``light_acts`` in the data)."""
    verbs, nouns = _light_rules()
    if token.lemma_.lower() not in verbs:
        return None
    return next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)


def _light_act(token: Token) -> str | None:
    """The act a light verb's object stands for ("make the first cut": cut), or None."""
    noun = _light_object(token)
    return None if noun is None else _light_rules()[1][noun.lemma_.lower()]


def _effort_of(token: Token, index: Index) -> bool:
    """'the United States said it would work with North Korea to remove it from the list': the act a
    named side says it will work for (``effort_heads``) is the one it binds itself to."""
    head = token.head
    if head.i == token.i or token.dep_ not in ("xcomp", "advcl") or head.pos_ != "VERB":
        return False
    if head.lemma_.lower() not in _open_rules()["effort_heads"]:
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return False
    modals = _lemmas("future_modals")
    return any(c.dep_ == "aux" and c.lower_ in modals for c in head.children) and _named_subject(head, index)


def _named_subject(token: Token, index: Index) -> bool:
    """The subject is a side itself ('Boeing will buy', 'it said it would close'), or a group of the
    sides the article names ('each nation will cut'), not a thing ('investment agreements with
    China will transfer technology')."""
    bodies, organs = _lemmas("state_bodies"), _lemmas("organ_nouns")
    return any(
        s.pos_ == "PRON"
        or index.actors_in([s])
        or s.lemma_.lower() in bodies
        or (s.lemma_.lower() in organs and bool(index.actors_in(argument_tokens(s))))
        or (_of_members(s) and bool(index.actors_in(argument_tokens(s))))
        or bool(group_sides(s, index))
        # "its paramilitary wing, the Ulster Freedom Fighters, is to stand down": named beside it
        # (not the subject's own name in brackets: "the value added tax (VAT) will increase")
        or any(a.dep_ == "appos" and a.doc[a.i - 1].text != "(" and index.actors_in([a]) for a in s.children)
        for s in subjects(token)
    )


def _held_vote(token: Token) -> bool:
    """'Haiti will hold the elections on November 6': a vote (``held_votes``) a side holds."""
    votes = _lemmas("held_votes")
    return token.lemma_.lower() in _lemmas("held_verbs") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in votes for c in token.children
    )


def _duty_body(token: Token, index: Index) -> bool:
    """The subject (or the passive's agent) is a body that holds an office by law ("the Federal
    Electoral Tribunal", "it" for it): ``duty_bodies`` in the data, a word of the body's name."""
    bodies = frozenset(str(w) for w in rules()["bound_by_terms"]["duty_bodies"])
    agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    kinds = index.kinds()
    for side in [*subjects(token), *agents]:
        named = index.actors_in([side]) if side.pos_ == "PRON" else index.actors_in(argument_tokens(side))
        if any(kinds.get(a) != "country" and bodies & set(a.split("-")) for a in named):
            return True
    return False


def _of_members(subject: Token) -> bool:
    """'all EU members', 'NATO member states': the members of a body (``member_nouns``), who are its
    sides."""
    members = _lemmas("member_nouns")
    return subject.lemma_.lower() in members or any(
        c.dep_ == "compound" and c.lemma_.lower() in members for c in subject.children
    )


def _named_agent(token: Token, index: Index) -> bool:
    """'are to be provided by Thomson': the passive's agent is a side."""
    agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return any(index.actors_in(argument_tokens(a)) for a in agents)


def _future_passive(token: Token, index: Index) -> bool:
    """'It will be launched', 'troops will be sent': a passive said of the future, with no side named
    as its agent."""
    modals = _lemmas("future_modals")
    if not any(c.dep_ == "aux" and c.lower_ in modals for c in token.children):
        return False
    return any(c.dep_ == "auxpass" for c in token.children) and not _named_agent(token, index)


def _announcer(token: Token, index: Index) -> Token | None:
    """'Microsoft announced the release dates ... It will be launched in Europe on December 2': the
    named side that announced, in the sentence before, what a future passive's pronoun stands for."""
    if not _future_passive(token, index):
        return None
    subject = [c for c in token.children if c.dep_ == "nsubjpass"]
    if not subject or subject[0].lower_ not in _lemmas("announced_pronouns"):
        return None
    sent = token.sent
    for _ in range(2):  # "Microsoft announced the dates. The console will be in shops on ... It will be"
        if sent.start == 0:
            return None
        sent = token.doc[sent.start - 1].sent
        if sent.root.lemma_.lower() in _lemmas("announcer_verbs"):
            named = [
                c for c in sent.root.children if c.dep_ == "nsubj" and index.actors_in(argument_tokens(c))
            ]
            return named[0] if named else None
    return None


def _started(token: Token, index: Index) -> Token | None:
    """'Acme will begin mailing the materials', 'it is to start drilling in May': a gerund act whose
    start a named side sets for the future (see :func:`starting_side`)."""
    head = token.head
    if token.dep_ != "xcomp" or token.tag_ != "VBG" or head.i == token.i:
        return None
    if head.lemma_.lower() not in {str(w) for w in rules()["open_actions"]["start_verbs"]}:
        return None
    return starting_side(head, index)


def _said_passive(token: Token, index: Index) -> Token | None:
    """'Chevron said the well will be completed in May', 'the ministry said the troops are to be
    withdrawn by March', 'the men will be executed on Thursday, according to a government official': a
    passive said of the future with no agent, in what a named side says, binds the side that says it
    (only with a time of its own: see :func:`_open_hits`)."""
    passive = any(c.dep_ == "auxpass" for c in token.children) and not _named_agent(token, index)
    ahead = _future_passive(token, index) or (passive and _be_to(token))
    # ("the troops are to be withdrawn": the subject and the clause are the "are"'s)
    clause = token.head if ahead and _be_to(token) else token
    speaker = _according_to(token, index) if ahead else None
    said = clause.head
    if speaker is None:
        if clause.dep_ != "ccomp" or said.i == clause.i or not ahead:
            return None
        if said.lemma_.lower() not in {str(w) for w in event_rules()["roles"]["report_verbs"]}:
            return None
        speaker = next((c for c in said.children if c.dep_ == "nsubj"), None)
    subject = next((c for c in clause.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None or subject.pos_ == "PRON":
        return None  # "It will be launched on December 2": see _announcer
    table = rules()["open_actions"]
    acts = {**table["act_nouns"], **table["begun_acts"]}
    if trigger(subject) is not None or subject.lemma_.lower() in acts:
        return None  # "the withdrawal would be completed by 15 September": the act is the subject's
    return speaker if speaker is not None and speaks_for_a_side(speaker, index) else None


def _according_to(token: Token, index: Index) -> Token | None:
    """'..., according to an Iraqi government official': who the clause is told by (``according_to``
    in the data: the word the phrase opens with)."""
    words = {str(w) for w in rules()["open_actions"]["according_to"]}
    phrases = [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]
    return next((t for c in phrases for t in c.subtree if t.dep_ == "pobj"), None)


def _passive_owner(token: Token, index: Index) -> Token | None:
    """'€100 million of the EU aid will be given to Georgia', 'Britain's troops will be sent', 'power of
    the kingdom of Nepal shall be returned', 'the minimum wage in New Zealand will be increased': a
    future passive with no agent whose subject a state or body owns binds the owner (``owned_passive``
    in the data: the verbs, the kinds of owner, and what a state sets within its borders)."""
    table = rules()["owned_passive"]
    if token.lemma_.lower() not in table["verbs"] or not _future_passive(token, index):
        return None
    if any(c.dep_ == "dobj" for c in token.children):
        return None  # "the Ombudsman will be given more power": the subject receives, nobody gives
    kinds, owner_deps, states = index.kinds(), set(table["deps"]), _lemmas("state_nouns")

    def owns(word: Token, allowed: list[str]) -> bool:
        named = index.actors_in(argument_tokens(word))
        return bool(named) and all(kinds.get(a) in allowed for a in named)

    for subject in (c for c in token.children if c.dep_ == "nsubjpass"):
        parts = {
            c.lower_: [p for p in c.children if p.dep_ == "pobj"]
            for c in subject.children
            if c.dep_ == "prep"
        }
        for whole in parts.get(grammar("of"), []):
            # "power of the kingdom of Nepal", "troops of the African Union"
            if (whole.pos_ == "PROPN" or whole.lemma_.lower() in states) and owns(whole, table["kinds"]):
                return whole
        # the subject, or what it is a part of ("100 million of the EU aid")
        for head in [subject, *parts.get(grammar("of"), [])]:
            for owner in (c for c in head.children if c.dep_ in owner_deps and c.pos_ == "PROPN"):
                if owns(owner, table["kinds"]):
                    return owner
        if subject.lemma_.lower() in table["set_in"]:
            for prep, places in parts.items():
                found = [p for p in places if prep in table["set_in_prepositions"] and owns(p, ["country"])]
                if found:
                    return found[0]
    return None


def _terms_owner(token: Token, index: Index) -> Token | None:
    """'Under Mexican law a president-elect must be declared by September 6th': a passive that a
    state's terms bind (``bound_by_terms``: "under" its law, its constitution) binds that state."""
    if not _bound_by_terms(token) or not any(c.dep_ == "auxpass" for c in token.children):
        return None
    table = rules()["bound_by_terms"]
    terms = _lemmas("plan_nouns") | frozenset(str(w) for w in table["nouns"])
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in table["prepositions"]):
        for noun in (p for p in prep.children if p.lemma_.lower() in terms):
            for owner in (o for o in noun.children if o.dep_ in ("amod", "poss", "compound")):
                if any(index.kinds().get(a) == "country" for a in index.actors_in([owner])):
                    return owner
    return None


def _dated_only(doc: Doc) -> dict[int, int]:
    """The open acts that bind only with a deadline of their own (see :func:`_open_hits`), and the
    weakest rank of deadline phrase that will do."""
    found: dict[int, int] = per_doc(doc, "dated_only_acts", dict)
    return found


def _open_hits(doc: Doc, taken: set[int], index: Index) -> list[Trigger]:
    """Acts of any verb that a side pledges or agrees to, or that a named side says it will do
    (``open_actions`` in the data); the words of ``events.yaml`` are read by :func:`trigger`."""
    table = _open_rules()
    not_acts, will_verbs = _empty_acts(), set(table["will_verbs"])
    aliases = rules()["open_actions"]["aliases"]
    modals = _lemmas("future_modals")
    out: list[Trigger] = []
    money = rules()["open_actions"]["money_nouns"]
    acts = rules()["open_actions"]["act_nouns"]
    begun = rules()["open_actions"]["begun_acts"]
    dated_only = _dated_only(doc)
    for i in taken:
        if doc[i].pos_ == "VERB" and dated_plan(doc[i]):
            dated_only[i] = 1  # "unveiled their plan to withdraw the troops by May": only with its day
    for token in (doc[i] for i in _open_positions(doc)):
        if token.i not in taken and _money_pledge(token):
            if token.lemma_.lower() in table["dated_money"]:
                dated_only[token.i] = 1  # "declared a dividend ..., payable April 15": only with its day
            out.append(Trigger(token, "PLEDGE", str(money[token.lemma_.lower()]), nominal=True))
            continue
        if token.i not in taken and token.pos_ == "NOUN" and token.lemma_.lower() in acts:
            act = Trigger(token, "PLEDGE", str(acts[token.lemma_.lower()]), nominal=True)
            if _obligated(token):
                # "the Greens have committed to an immediate increase of $140 million", "reiterated its
                # commitment to a cut in output": the act pledged in so many words, dated or not
                out.append(act)
            elif _planned_act(act):
                # "the sale of the plant is expected to close by June 30": only with a day (a span
                # counted from nothing the text dates names none)
                dated_only[token.i] = 1
                per_doc(doc, "day_only_acts", set).add(token.i)
                out.append(act)
            continue
        if token.i not in taken and token.pos_ == "NOUN" and token.lemma_.lower() in begun:
            speaker = begun_by(token, index)
            if speaker is not None:
                # "Chevron said drilling will begin during the second quarter": only with its time
                dated_only[token.i] = 3
                per_doc(doc, "announced_acts", dict)[token.i] = speaker  # who is bound: see obligor()
                out.append(Trigger(token, "PLEDGE", str(begun[token.lemma_.lower()]), nominal=True))
            continue
        if token.i in taken or token.pos_ != "VERB":
            continue
        light = _light_act(token)
        lemma = light or token.lemma_.lower()
        if lemma in not_acts and not (lemma in _acts_if_pledged() and pledged_by(token)):
            continue  # ("agreed to allow inspectors into the site" names an act; "will allow" none)
        doers = table["threat_doers"]
        force = lemma in doers and any(
            c.dep_ == "dobj" and c.lemma_.lower() in table["threats"] for c in token.children
        )
        if (lemma in table["threats"] or force) and not any(c.dep_ == "neg" for c in token.children):
            continue  # "vowed to avenge the killings", "pledged to carry out more attacks": a threat
        pledged = _pledged(token) or _time_given(token) is not None or _effort_of(token, index)
        if pledged and dated_plan(token):
            dated_only[token.i] = 1  # "announced plans to cut 7,000 jobs by the end of 2007"
        pledged = pledged or _on_pain(token)  # "unless they set up the database by April 2007"
        if not pledged and token.dep_ == "conj" and token.head.i in {t.token.i for t in out}:
            # "agreed to cut tariffs ... and work out a new timetable", "would close ... and cut"
            pledged = not _has_subject(token) and not told_done(token)
        willed = (
            any(c.dep_ == "aux" and c.lower_ in modals for c in token.children) or _bound_by_terms(token)
        ) and _named_subject(token, index)
        if not willed and must_aux(token) and _duty_body(token, index):
            # "The tribunal must declare a winner by September 6": the duty of an office, by a day it
            # is told (not "Iran must suspend enrichment by March", as often another side's demand)
            willed = True
            dated_only[token.i] = min(dated_only.get(token.i, 1), 1)
        if willed and lemma not in will_verbs:
            if aspect_only(token) or lemma in _lemmas("demand_heads") | _lemmas("wish_heads"):
                willed = False  # "his term will end in December", "would urge the sponsors to"
            elif not pledged and not _bound_by_terms(token):
                # "the government has said it will choose the owner by April" (but "promised that it
                # would not join" is bound by the promise, and "under the treaty, all members must
                # approve it" by the terms, dated or not)
                dated_only[token.i] = 2 if _held_vote(token) else 1
        starter = _started(token, index)
        if starter is not None and not (pledged or willed) and lemma not in table["meeting_verbs"]:
            # "Acme will begin mailing the materials at the end of this week": set for the time it names
            willed = True
            dated_only[token.i] = 3
        if _scheduled(token):
            if not _named_subject(token, index) or lemma in table["meeting_verbs"] or meeting_set(token):
                continue  # nobody named; or a meeting merely scheduled (a person's journey: _candidates)
            dated_only[token.i] = 3  # "is due to close its plant in June": set for a time it names
        announcer = None if pledged or lemma not in will_verbs else _announcer(token, index)
        if announcer is None and (not pledged or _be_to(token)) and lemma not in table["meeting_verbs"]:
            announcer = _said_passive(token, index)  # "Chevron said the well will be completed in May"
        if announcer is not None:
            willed = True
            dated_only[token.i] = 3  # "It will be launched in Europe on December 2": for the time it names
            per_doc(doc, "announced_acts", dict)[token.i] = announcer
        owner = None if pledged or willed or announcer is not None else _passive_owner(token, index)
        if owner is None and not (pledged or willed or announcer is not None):
            owner = _terms_owner(token, index)
            if owner is not None:
                dated_only[token.i] = min(dated_only.get(token.i, 1), 1)
        if owner is not None:
            willed = True
            per_doc(doc, "announced_acts", dict)[token.i] = owner  # who is bound: see obligor()
        if not (pledged or willed):
            continue
        passive = any(c.dep_ == "auxpass" for c in token.children)
        # "CGCT is to be sold", "it will be launched in Europe": who acts is not said (but "Acme gave a
        # guarantee that no jobs would be cut" names who gives it)
        unnamed = not _named_agent(token, index) and announcer is None and owner is None
        if passive and unnamed and that_pledge(token) is None:
            continue
        if token.head.lemma_ == grammar("be") and not (_named_subject(token, index) or passive):
            continue  # "some 600 trucks are to enter Gaza each day": nobody named is bound
        particle = (
            None
            if light
            else next(
                (
                    c.lower_
                    for c in token.children
                    if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in table["adverb_particles"])
                ),
                None,
            )
        )
        action = str(aliases.get(lemma, lemma))
        if particle:
            action = f"{action} {particle}"
        out.append(Trigger(token, "PLEDGE", action, nominal=False))
    return out


def _forward(hit: Trigger) -> bool:
    """The action looks forward: promised, planned, agreed, expected."""
    token = hit.token
    if _obligated(token):
        return True
    if hit.type == "PLEDGE" and hit.nominal:
        return True  # money approved or pledged (see _money_pledge)
    if hit.type == "PLEDGE" and token.dep_ == "conj":
        # "would close its plant ... and cut 4,000 jobs": as bound as the act it is joined to
        first = Trigger(token.head, hit.type, hit.action, nominal=False)
        return not _blocked(token.head) and _forward(first)
    if not hit.nominal:
        return (
            verb_status(token) in FORWARD or _bound_by_terms(token) or _held_until(token)
        )  # (a held-back act is "denied")
    if nominal_status(token, planned_context=False) in FORWARD or agreement_context(token):
        return True
    if pledged_noun(token) is not None:
        return True  # "made a firm commitment for a two-stage pullout"
    plan_nouns = _lemmas("plan_nouns") | _lemmas("deadline_nouns")
    for head in _heads(token):
        if head.lemma_.lower() in plan_nouns:
            return True
        if head.tag_ != "VBD" and any(
            c.lemma_.lower() in plan_nouns for c in head.children if c.dep_ == "nsubj"
        ):
            return True
        if head.pos_ in ("VERB", "AUX"):
            if verb_status(head) in FORWARD:
                return True
            return any(c.dep_ == "conj" and verb_status(c) in FORWARD for c in head.children)
    return False


def _planned_act(hit: Trigger) -> bool:
    """A noun of an act ('the sale', 'the merger') told as planned, agreed or expected, as the
    nouns of events.yaml are (:func:`_forward`)."""
    return _forward(Trigger(hit.token, "", hit.action, nominal=True))
