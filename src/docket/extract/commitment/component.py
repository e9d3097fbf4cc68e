"""The commitment stage (spaCy component ``docket_commitment``).

What an actor is bound or has promised to do, and by when. A commitment is an
action from ``data/commitments.yaml`` that looks forward (a modal, "is to", a plan,
an agreement) and has a deadline phrase ("by", "no later than", "within" ...) or an
obligation cue ("agreed to", "pledged to"). A past event, a wish, a question, a
possibility or one side's demand is not a commitment. Several deadlines of one plan
in a sentence (or in neighbouring sentences with a stage cue) become numbered stages;
a relative deadline becomes a derived timex counted from the agreement.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import DEP, HEAD, POS
from spacy.language import Language
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from docket.extract.commitment.cues import (
    about_the_plan,
    conditions_in,
    document_status,
    stage_cue,
    status_in,
)
from docket.extract.commitment.extension import extension_candidates
from docket.extract.commitment.parts import Candidate, object_of, obligor, plan_words, quantity_of, subjects
from docket.extract.commitment.plan import elided, merge, number_stages, resolve_relative, stage_by_window
from docket.extract.commitment.rules import Deadline, anchors, best_deadline, rules
from docket.extract.common.state import (
    Extraction,
    char_spans,
    lower_lemmas,
    lower_words,
    per_doc,
    sentence_ids,
    state,
)
from docket.extract.event.component import agreement_context, assess, sources_of
from docket.extract.event.rules import Index, Trigger, argument_tokens, grammar, trigger, trigger_words
from docket.extract.event.status import nominal_status, verb_status, weaker
from docket.record import Commitment, Event, Timex

FORWARD = frozenset({"planned", "expected", "agreed"})
# Event statuses of an action that a commitment tells instead; the agreement itself, and talks
# or meetings set for a date, stay events as well.
FOLDED_STATUSES = frozenset({"planned"})
KEPT_TYPES = frozenset({"AGREE", "CONSULT"})
# Dependencies through which a governing verb's mood reaches the action.
GOVERNED = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "acl", "pcomp", "advcl"}
)


@cache
def _lemmas(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in rules()[key])


def _heads(token: Token) -> list[Token]:
    """The chain of words that govern a token, up to the clause it belongs to."""
    chain: list[Token] = []
    current = token
    for _ in range(8):
        if current.head.i == current.i or current.dep_ not in GOVERNED:
            break
        current = current.head
        chain.append(current)
    return chain


def _blocked(token: Token) -> bool:
    """A wish, a demand, a possibility or a question: not a commitment."""
    wish, demand = _lemmas("wish_heads"), _lemmas("demand_heads") | _lemmas("unsettled_heads")
    possible = _lemmas("possible_modals")
    stops = _lemmas("deadline_nouns")
    proposed = _lemmas("demand_heads")  # (a proposal, a bill, an offer: what is asked, not agreed)
    for head in [token, *_heads(token)]:
        if head.lemma_.lower() in stops:
            break  # "the deadline for the withdrawal had not changed": said of the deadline
        if head.dep_ == "relcl" and head.head.lemma_.lower() in demand:
            return True  # "a bill that would withdraw troops by March 2008": what a proposal would do
        forms = {head.lemma_.lower(), head.lower_}
        if head.i != token.i and forms & (wish | demand) and not _plan_demands(head):
            return True
        if head.i != token.i and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in proposed for c in head.children
        ):
            return True  # "McCaw's proposal requires the company to begin an auction": if it is accepted
        if (
            head.i != token.i
            and head.lemma_.lower() in _lemmas("forecast_heads")
            and not any(c.dep_ == "auxpass" for c in head.children)
        ):
            return True  # "Ford expects to complete the acquisition by June 30": a forecast
        if any(c.lower_ in _lemmas("not_yet") for c in head.children):
            return True  # "has yet to release the names"
        # "to see if Smith would release his delegates", "unless he was to send"; the mark of the first
        # of two joined acts opens both ("whether to bring its troops home or redeploy them")
        marked = [head, head.head] if head.dep_ == "conj" else [head]
        if any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _lemmas("open_marks")
            for m in marked
            for c in m.children
        ):
            return True
        if any(c.dep_ == "aux" and c.lower_ in possible for c in head.children):
            return True
        if _unreal(head):
            return True
        if any(c.dep_ == "advmod" and c.lower_ in _lemmas("habit_adverbs") for c in head.children):
            return True  # "the 40% usually required to form a majority government": a rule of thumb
        if head.lemma_ == grammar("be") and any(
            c.dep_ == "prep" and c.lower_ in _lemmas("turn_words") for c in head.children
        ):
            return True  # "it is up to Israelis and Palestinians to advance the process": whose turn it is
        if any(c.dep_ == "advmod" and c.lower_ in _lemmas("hedge_adverbs") for c in head.children):
            return True  # "this will hopefully come with the deployment of the mission": a hope
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ in ("VERB", "AUX"):
            if head.i == token.i and (_pledged(token) or _held_until(token)):
                continue  # "pledged not to take military action": a negative commitment
            return True
        # "the talks had been scheduled to close", "had pledged to": a plan overtaken by events
        if head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ == grammar("had") for c in head.children
        ):
            return True
    return sentence_ids(token.doc)[token.i] in _questions(token.doc)


def _plan_calls(token: Token) -> bool:
    """'The plan still calls for LIN to combine its cellular properties with BellSouth's': a side
    a plan or a deal calls on to act, with a to-infinitive of its own."""
    head = token.head
    return (
        head.i != token.i
        and token.dep_ in ("advcl", "xcomp")
        and _has_subject(token)
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        and head.lemma_.lower() in _lemmas("demand_heads")
        and _plan_demands(head)
    )


def _held_until(token: Token) -> bool:
    """'the governments said they will not transfer policing to the executive until 2008': an act a
    side says it will hold back until a date it names (``held_until`` in the data) binds it."""
    if not any(c.dep_ == "aux" and c.lower_ in _lemmas("future_modals") for c in token.children):
        return False
    if any(c.dep_ == "auxpass" for c in token.children):
        return False  # "the truce will not be extended until February 18": no side holds back
    terms = rules()["extensions"]
    if token.lemma_.lower() in {str(w) for key in ("moving", "lasting") for w in terms[key]}:
        return False  # "will not extend the truce until ...": "until" is the term's end
    dated = {t.start for t in state(token.doc).timexes if t.type == "DATE"}
    return any(
        c.dep_ == "prep" and c.lower_ in _lemmas("held_until") and any(t.idx in dated for t in c.subtree)
        for c in token.children
    )


def _unreal(head: Token) -> bool:
    """What a side would have done ('Norway would have withdrawn its troops by June if ...'), what
    an act would amount to ('as it would be opening its patents to rivals'), what a side would be
    unable to do: a counterfactual or an argument, not an undertaking; and an act judged ('a
    Norwegian pullout would be seen as a blow')."""
    table = rules()["unreal"]
    modals = {str(w) for w in table["modals"]}
    if not any(c.dep_ == "aux" and c.lower_ in modals for c in head.children):
        if head.pos_ == "NOUN" and head.dep_ == "nsubjpass":
            return head.head.lemma_.lower() in {str(w) for w in table["judged_verbs"]}
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == grammar("have") for c in head.children):
        return True  # "would have withdrawn"
    marks = {str(w) for w in table["reason_marks"]}
    return head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in head.children)


def _plan_demands(head: Token) -> bool:
    """'The plan calls for the withdrawal of all troops by March': what a plan or a deal demands is
    what it binds its sides to, not one side's demand."""
    plans = _lemmas("plan_nouns") | _lemmas("deadline_nouns")
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in plans for c in head.children)


def _questions(doc: Doc) -> set[int]:
    """The sentences (by :func:`sentence_ids`) that ask a question."""

    def make() -> set[int]:
        ids = sentence_ids(doc)
        return {ids[s.start] for s in doc.sents if "?" in s.text.strip()[-3:]}

    found: set[int] = per_doc(doc, "question_sentences", make)
    return found


def _has_subject(token: Token) -> bool:
    return any(c.dep_.startswith("nsubj") for c in token.children)


def _scheduled(token: Token) -> bool:
    """'Acme is due to close its plant in June', 'is scheduled to repay': an act set for a time."""
    head = token.head
    table = _open_rules()
    if head.lemma_.lower() in table["passive_schedule_heads"] and not (
        any(c.dep_ == "auxpass" for c in head.children) and token.lemma_.lower() in table["will_verbs"]
    ):
        # "Ford expects to close the plant": a forecast; "Biden was expected to address the nation":
        # an appearance; "Ford is expected to close the plant in May": an act set for a time
        return False
    return (
        token.dep_ == "xcomp"
        and head.lemma_.lower() in table["schedule_heads"]
        and token.lemma_.lower() not in table["aspect_verbs"]
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        # "Israel had been due to complete its withdrawal": a plan overtaken by events
        and not any(c.lower_ == grammar("had") for c in head.head.children)
    )


@cache
def _open_rules() -> dict[str, frozenset[str]]:
    table = rules()["open_actions"]
    return {str(k): frozenset(str(w) for w in v) for k, v in table.items() if isinstance(v, list)}


# dependencies through which a verb can be what a side pledges or is given time for
_OPEN_DEPS = ("xcomp", "conj", "pcomp", "advcl", "relcl", "acl")


def _open_positions(doc: Doc) -> list[int]:
    """The tokens that may be an open act (see :func:`_open_hits`), found on the doc's arrays: a
    verb in a clause of its own or one of ``will_verbs``, or a noun of money."""
    table = _open_rules()
    money = rules()["open_actions"]["money_nouns"]
    acts = rules()["open_actions"]["act_nouns"]
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
            if (lemma not in table["not_acts"] or lemma in light) and (
                dep[i] in deps or lemma in table["will_verbs"] or i in willed
            ):
                out.append(i)
        elif lemma in money or lemma in acts:
            out.append(i)
    return out


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


def _pledged(token: Token) -> bool:
    """The verb is what a pledge, an agreement or a decision is about ('agreed to acquire',
    'pledged not to attack', 'committed to pursuing')."""
    table = _open_rules()
    head = token.head
    if head.i == token.i or token.pos_ != "VERB":
        return False
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    if token.dep_ == "xcomp" and head.lemma_.lower() in table["pledge_heads"]:
        # "agreed to acquire"; "pledged converting Hagia Sophia to a mosque"
        return infinitive or token.tag_ == "VBG"
    if (
        token.dep_ == "ccomp"
        and head.lemma_.lower() in table["that_heads"]
        and any(c.dep_ == "aux" and c.lower_ in _lemmas("future_modals") for c in token.children)
    ):
        return True  # "promised that it would not build", "assured Yeltsin that Ukraine would not join"
    if infinitive and _pledge_holder(token) is not None:
        return True  # "his pledge to introduce a bill", "signed a definitive agreement to acquire Jaguar"
    if _plan_calls(token):
        return True  # "the plan calls for LIN to combine its cellular properties with BellSouth's"
    if _scheduled(token) or (
        infinitive and token.dep_ in ("acl", "advcl") and head.lemma_.lower() in _lemmas("deadline_nouns")
    ):
        return True  # "is due to close in June"; "the deadline for Iran to halt enrichment is August 31"
    if _be_to(token):
        # "the company is to sell", "cash requirements are to be provided by Thomson"; not "the
        # cabinet is to meet tomorrow": a meeting merely set
        lemma = token.lemma_.lower()
        # ("Cameroon is to take over the peninsula": a particle makes an act of a verb of time)
        particle = any(c.dep_ == "prt" for c in token.children)
        return (lemma not in table["aspect_verbs"] or particle) and lemma not in table["meeting_verbs"]
    if token.dep_ == "conj" and not _has_subject(token):
        return _pledged(head)  # "agreed to disable its reactor ... and not to transfer materials"
    # "committed to pursuing", "committing themselves to purchase"
    to_heads = table["to_heads"]
    return token.dep_ == "pcomp" and head.lower_ == grammar("to") and head.head.lemma_.lower() in to_heads


def _itinerary(token: Token, index: Index) -> bool:
    """'President Bush is due to leave Saudi Arabia on Tuesday': a person's journey set for a day
    (``journey_verbs`` with a person as subject) is a schedule, not an undertaking; 'Britain is due
    to leave the EU on March 29' is."""
    table = _open_rules()
    if token.pos_ != "VERB" or token.lemma_.lower() not in table["journey_verbs"]:
        return False
    if token.head.lemma_.lower() in table["pledge_heads"] | _lemmas("obligation_heads"):
        return False  # "the president pledged to leave office in May"
    kinds = index.kinds()
    named = [a for s in subjects(token) for a in index.actors_in(argument_tokens(s))]
    return any(kinds.get(a) == "person" for a in named)  # (a leader brings his state along)


def _ultimatum(token: Token) -> bool:
    """'The kidnappers gave the government 24 hours to withdraw its troops', 'the protesters give
    the government three days to meet them': time given by captors, protesters or fighters
    (``ultimatum_givers``) is a demand, not an obligation; given by a court, a deal or a law it is
    one."""
    givers = _lemmas("ultimatum_givers")
    heads = _lemmas("grant_heads") | _lemmas("time_given_heads")
    for head in _heads(token)[:3]:
        if head.lemma_.lower() in heads and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in givers for c in head.children
        ):
            return True
    return False


def _be_to(token: Token) -> bool:
    """'is to leave', 'are to be withdrawn': be + to + verb, which binds like an obligation; not
    'it will be difficult to close the books', 'would be hard-pressed to come up with', where the
    infinitive hangs on what the subject is (an adjective or a noun of "be")."""
    head = token.head
    if token.dep_ != "xcomp" or head.i == token.i or head.lemma_ != grammar("be") or not rules()["be_to"]:
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return False
    return not any(c.dep_ in ("acomp", "attr") for c in head.children)


def _pledge_holder(token: Token) -> Token | None:
    """'Obama's pledge to introduce a bill', 'Ford signed a definitive agreement to acquire Jaguar',
    'Assad made a commitment to withdraw': the act is the to-infinitive of a noun of undertaking
    (``pledge_nouns``); the side bound is the noun's possessor, else the subject of the verb that
    signs, reaches or makes it (``pledge_noun_verbs``). None when the text names no such side."""
    table = _open_rules()
    noun = token.head
    if token.dep_ != "acl" or noun.i == token.i or noun.lemma_.lower() not in table["pledge_nouns"]:
        return None
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners[0]
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == grammar("of")
        and noun.head.head.lemma_.lower() in table["pledge_holders"]
    ):
        noun = noun.head.head  # "signed a letter of intent to acquire"
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in table["pledge_noun_verbs"]:
        return None
    found = [c for c in subjects(verb) if c.lower_ not in table["pledge_nouns"]]
    return found[0] if found else None


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


def _bound_by_terms(token: Token) -> bool:
    """'Under the deal, Iran must ship its enriched uranium abroad by March': "must" binds the side
    where the clause says whose terms bind it (``bound_by_terms`` in the data); a "must" alone is as
    often another side's demand ("Iran must suspend enrichment, the US said")."""
    table = rules()["bound_by_terms"]
    if not any(c.dep_ == "aux" and c.lower_ in table["modals"] for c in token.children):
        return False
    terms = _lemmas("plan_nouns") | frozenset(str(w) for w in table["nouns"])
    return any(
        c.dep_ == "prep"
        and c.lower_ in table["prepositions"]
        and any(p.lemma_.lower() in terms for p in c.children)
        for c in token.children
    )


def _named_subject(token: Token, index: Index) -> bool:
    """The subject is a side itself ('Boeing will buy', 'it said it would close'), not a thing
    ('investment agreements with China will transfer technology')."""
    bodies, organs = _lemmas("state_bodies"), _lemmas("organ_nouns")
    return any(
        s.pos_ == "PRON"
        or index.actors_in([s])
        or s.lemma_.lower() in bodies
        or (s.lemma_.lower() in organs and bool(index.actors_in(argument_tokens(s))))
        for s in subjects(token)
    )


def _money_pledge(token: Token) -> bool:
    """'The IMF approved a US$750 million loan', 'announced a $3 billion aid package', 'has pledged
    $1 billion in aid': money a side approves or pledges, that it is bound to hand over."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in rules()["open_actions"]["money_nouns"]:
        return False
    verb = _money_verb(token)
    return verb is not None and verb.lemma_.lower() in _open_rules()["money_verbs"]


def _money_governor(token: Token) -> Token | None:
    """The verb a noun of money is the object of ("pledged $5 billion in loans"), for a noun of money."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in rules()["open_actions"]["money_nouns"]:
        return None
    return _money_verb(token)


def _money_verb(token: Token) -> Token | None:
    """The verb whose object a noun of money is: 'approved a loan', 'pledged $1 billion in aid', 'an
    aid package of 500 million'."""
    current = token
    if current.dep_ == "pobj" and current.head.dep_ == "prep":
        current = current.head.head
    if current.dep_ != "dobj" or current.head.pos_ != "VERB":
        return None
    return current.head


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


def _dated_only(doc: Doc) -> dict[int, int]:
    """The open acts that bind only with a deadline of their own (see :func:`_open_hits`), and the
    weakest rank of deadline phrase that will do."""
    found: dict[int, int] = per_doc(doc, "dated_only_acts", dict)
    return found


def _open_hits(doc: Doc, taken: set[int], index: Index) -> list[Trigger]:
    """Acts of any verb that a side pledges or agrees to, or that a named side says it will do
    (``open_actions`` in the data); the words of ``events.yaml`` are read by :func:`trigger`."""
    table = _open_rules()
    not_acts, will_verbs = set(table["not_acts"]), set(table["will_verbs"])
    aliases = rules()["open_actions"]["aliases"]
    modals = _lemmas("future_modals")
    out: list[Trigger] = []
    money = rules()["open_actions"]["money_nouns"]
    acts = rules()["open_actions"]["act_nouns"]
    dated_only = _dated_only(doc)
    for token in (doc[i] for i in _open_positions(doc)):
        if token.i not in taken and _money_pledge(token):
            if token.lemma_.lower() in table["dated_money"]:
                dated_only[token.i] = 1  # "declared a dividend ..., payable April 15": only with its day
            out.append(Trigger(token, "PLEDGE", str(money[token.lemma_.lower()]), nominal=True))
            continue
        if token.i not in taken and token.pos_ == "NOUN" and token.lemma_.lower() in acts:
            act = Trigger(token, "PLEDGE", str(acts[token.lemma_.lower()]), nominal=True)
            if _planned_act(act):
                # "the sale of the plant is expected to close by June 30": only with a day (a span
                # counted from nothing the text dates names none)
                dated_only[token.i] = 1
                per_doc(doc, "day_only_acts", set).add(token.i)
                out.append(act)
            continue
        if token.i in taken or token.pos_ != "VERB":
            continue
        light = _light_act(token)
        lemma = light or token.lemma_.lower()
        if lemma in not_acts:
            continue
        if lemma in table["threats"] and not any(c.dep_ == "neg" for c in token.children):
            continue  # "vowed to avenge the killings": a threat
        pledged = _pledged(token) or _time_given(token) is not None or _effort_of(token, index)
        if not pledged and token.dep_ == "conj" and token.head.i in {t.token.i for t in out}:
            # "agreed to cut tariffs ... and work out a new timetable", "would close ... and cut"
            pledged = not _has_subject(token)
        willed = (
            any(c.dep_ == "aux" and c.lower_ in modals for c in token.children) or _bound_by_terms(token)
        ) and _named_subject(token, index)
        if willed and lemma not in will_verbs:
            if lemma in table["aspect_verbs"] or lemma in _lemmas("demand_heads") | _lemmas("wish_heads"):
                willed = False  # "his term will end in December", "would urge the sponsors to"
            elif not pledged:
                # "the government has said it will choose the owner by April" (but "promised that it
                # would not join" is bound by the promise, dated or not)
                dated_only[token.i] = 1
        if _scheduled(token):
            if not _named_subject(token, index) or lemma in table["meeting_verbs"]:
                continue  # nobody named; or a meeting merely scheduled (a person's journey: _candidates)
            dated_only[token.i] = 3  # "is due to close its plant in June": set for a time it names
        announcer = None if pledged or lemma not in will_verbs else _announcer(token, index)
        if announcer is not None:
            willed = True
            dated_only[token.i] = 3  # "It will be launched in Europe on December 2": for the time it names
            per_doc(doc, "announced_acts", dict)[token.i] = announcer
        owner = None if pledged or willed or announcer is not None else _passive_owner(token, index)
        if owner is not None:
            willed = True
            per_doc(doc, "announced_acts", dict)[token.i] = owner  # who is bound: see obligor()
        if not (pledged or willed):
            continue
        passive = any(c.dep_ == "auxpass" for c in token.children)
        if passive and not _named_agent(token, index) and announcer is None and owner is None:
            continue  # "CGCT is to be sold", "it will be launched in Europe": who acts is not said
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


def _granted(token: Token) -> tuple[Token, Token] | None:
    """'giving Israel three more weeks to complete its withdrawal', 'gives Israel a 90-day window to
    withdraw': the side given time for the action, and the time given."""
    grants, spans = _lemmas("grant_heads"), _lemmas("grant_spans")
    for head in _heads(token)[:3]:
        if head.lemma_.lower() not in grants or head.pos_ != "VERB":
            continue
        given = [c for c in head.children if c.dep_ == "dative"]
        time = [c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in spans]
        if given and time:
            return given[0], time[0]
    return None


def _time_given(token: Token) -> tuple[Token, list[Token]] | None:
    """'Microsoft has until January 25 to respond', 'was given until December 15 to comply', 'the
    company has 30 days to find a buyer': the side that has the time, and the words that say until
    when (a date after 'until', or a span of time)."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    if token.dep_ in ("xcomp", "advcl"):
        holder = token.head
    elif token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in _lemmas("grant_spans"):
        holder = token.head.head
    else:
        return None
    if holder.i == token.i or holder.lemma_.lower() not in _lemmas("time_given_heads"):
        return None
    until = {str(w) for w in rules()["extensions"]["until_words"]}
    spans = _lemmas("grant_spans")
    when = [c for c in holder.children if c.dep_ == "prep" and c.lower_ in until]
    when += [c for c in holder.children if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in spans]
    sides = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
    if holder.lemma_.lower() in _lemmas("grant_heads") and not any(
        c.dep_ == "nsubjpass" for c in holder.children
    ):
        # "the Commission gave Microsoft until June 1 to comply": the side given the time
        given = [c for c in holder.children if c.dep_ in ("dative", "dobj") and c.lemma_.lower() not in spans]
        sides = given or sides
    if not when or not sides:
        return None
    return sides[0], when


def _given_deadline(words: list[Token], index: Index) -> Deadline | None:
    """The date (or the span, counted like 'within') that a side was given for an act."""
    tokens = [t for w in words for t in w.subtree]
    ids = set(index.timexes_in(tokens))
    timexes = [t for t in index.found.timexes if t.id in ids and t.value not in rules()["vague_values"]]
    for timex in timexes:
        if timex.type in ("DATE", "TIME"):
            return Deadline(timex, 1, relative=False)
    for timex in timexes:
        if timex.type == "DURATION":
            return Deadline(timex, 1, relative=True)
    return None


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


def _obligated(token: Token) -> bool:
    """Bound in so many words: 'agreed to withdraw', 'pledged the withdrawal', 'is to end'."""
    obligation = _lemmas("obligation_heads")
    head = token.head
    if head.i == token.i:
        return False
    if _money_pledge(token) or _pledge_holder(token) is not None or _plan_calls(token):
        return True
    if token.dep_ == "conj" and token.pos_ == "VERB" and not _has_subject(token):
        return _obligated(head)  # "agreed to disable ... and not to transfer"
    if token.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass") and head.lemma_.lower() in obligation:
        # "agreed to withdraw", "pledged the withdrawal", "the withdrawal was supposed to"; "has to
        # pay" binds, "only to have the family withdraw the request" tells what others did
        infinitive = token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if infinitive or head.lemma_.lower() not in _lemmas("infinitive_heads"):
            return True
    if token.dep_ in ("pobj", "pcomp") and head.head.lemma_.lower() in obligation:
        return True  # "committed to the withdrawal", "agreed on the withdrawal", "committed X to ending"
    return _be_to(token)


def _promised(token: Token) -> bool:
    """'Washington would begin talks', 'Lebanon's army will send troops': a named side says it will."""
    modals = _lemmas("future_modals")
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for current in (verb, verb.head):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in current.children):
            return True
        if current.dep_ == "advcl" and current.head.lemma_.lower() in _open_rules()["effort_heads"]:
            continue  # "would work with North Korea to remove it": what the side will work for
        if current.dep_ not in ("xcomp", "dobj", "conj"):
            break
        if current.dep_ == "xcomp" and _purpose(current):
            break  # "the page will track the articles to provide you with news": what it is for
    return False


def _purpose(token: Token) -> bool:
    """An infinitive that tells what the act it hangs on is for ('will track the articles to provide
    information'), not an act of its own: its head is no verb of timing, pledge or effort."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return False
    table = _open_rules()
    binding = _lemmas("aspect_heads") | _lemmas("obligation_heads")
    binding |= table["pledge_heads"] | table["effort_heads"]
    return token.head.lemma_.lower() not in binding


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
        if (current.dep_ not in ATTACH and not timing) or current.head.i == current.i:
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
            return None
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
            return Deadline(dated[0], 1, relative=False) if dated else None
    return None


def _region(token: Token, nested: set[int]) -> list[Token]:
    """The trigger's subtree, without the subtrees of other triggers inside it."""
    out: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        out.append(current)
        for child in current.children:
            if child.i in nested:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _governing_region(token: Token, nested: set[int]) -> list[Token]:
    """Where the deadline of an action stated through another verb is ('will finish withdrawing by',
    'the withdrawal would be finished no later than')."""
    money = _money_governor(token)
    if money is not None:
        # "China has pledged $5 billion in loans to Africa by 2009": the pledge's phrases
        return [t for t in _region(money, nested | {token.i}) if t.i != token.i]
    head = token.head
    if head.i == token.i or token.dep_ not in ("xcomp", "nsubj", "nsubjpass", "dobj", "pobj", "pcomp"):
        return []
    if token.dep_ in ("pobj", "pcomp"):
        head = head.head
    if token.dep_ == "pcomp" and head.lemma_.lower() not in _lemmas("obligation_heads"):
        return []  # "committed the coalition to ending its mission no later than ...": only a pledge's
    if head.pos_ not in ("VERB", "AUX"):
        return []
    if token.dep_ == "xcomp" and head.lemma_.lower() not in _lemmas("aspect_heads"):
        return []
    regions = [t for t in _region(head, nested | {token.i}) if t.i != token.i]
    for conj in head.children:
        if conj.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in conj.children):
            regions.extend(_region(conj, nested | {token.i}))
    return regions


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


def _stage_words(doc: Doc, hits: list[Trigger]) -> list[Trigger]:
    """'the second phase would ... run until September 2026': a numbered stage of the plan whose
    action the article named before (or, failing that, names after)."""
    words = plan_words()
    ordinals = rules()["stages"]["ordinal"]
    out: list[Trigger] = []
    for i, lemma in enumerate(lower_lemmas(doc)):
        if lemma not in words:
            continue
        token = doc[i]
        if token.pos_ != "NOUN":
            continue
        if not any(c.lower_ in ordinals for c in token.children):
            continue
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX"):
            continue
        before = [h for h in hits if h.token.i < token.i]
        model = before[-1] if before else next(iter(hits), None)
        if model is not None:
            out.append(Trigger(token, model.type, model.action, nominal=True))
    return out


def _from_now(deadline: Deadline) -> bool:
    """'within the next 12 months': a span said from the day of the report."""
    now_words = {str(w) for w in anchors()["from_now_words"]}
    return bool(now_words & set(deadline.timex.text.lower().split()))


def _candidates(doc: Doc, index: Index) -> list[Candidate]:
    actions = _lemmas("actions")
    hits = [h for h in (trigger(t) for t in trigger_words(doc)) if h is not None and h.action in actions]
    hits += _open_hits(doc, {h.token.i for h in hits}, index)
    stage_hits = _stage_words(doc, hits)
    stage_tokens = {h.token.i for h in stage_hits}
    positions = {h.token.i for h in hits} | stage_tokens
    pending: list[Candidate] = []
    for hit in sorted(hits + stage_hits, key=lambda h: h.token.i):
        token = hit.token
        granted = _granted(token)
        grantee = granted[0] if granted is not None else _pledge_holder(token)
        given = _time_given(token) if grantee is None else None
        if given is not None:
            grantee = given[0]
        if _blocked(token) or not (grantee is not None or _forward(hit)):
            continue
        if _itinerary(token, index) or _ultimatum(token) or hit.action in _open_rules()["stance_acts"]:
            continue  # (a refusal or a stance is no act anyone is bound to)
        if hit.nominal and token.dep_ == "nsubjpass" and token.head.lemma_.lower() in _lemmas("held_verbs"):
            plan = _lemmas("plan_nouns") | _lemmas("plan_verbs")
            if hit.type in rules()["self_object_types"] and not any(
                t.lemma_.lower() in plan for t in token.sent
            ):
                continue  # "Talks will be held on the matter, beginning in November": merely scheduled
        if (
            hit.nominal
            and token.dep_ == "nsubjpass"
            and hit.type in rules()["self_object_types"]
            and token.head.lemma_.lower() in _lemmas("scheduled_verbs")
            and not any(t.lemma_.lower() in _lemmas("plan_verbs") for t in token.sent)
        ):
            continue  # "Further talks are planned for next month": merely scheduled, nobody bound
        region = _region(token, positions - {token.i})
        deadline = _deadline_in(doc, region, index, token, bare=token.pos_ == "VERB")
        governor = token.head if token.i in stage_tokens else None
        if deadline is None:
            extra = _governing_region(token, positions - {token.i})
            if extra:
                head = _money_governor(token) or (
                    token.head.head if token.dep_ in ("pobj", "pcomp") else token.head
                )
                deadline = _deadline_in(doc, extra, index, head)
                for conj in (c for c in head.children if c.dep_ == "conj"):
                    deadline = deadline or _deadline_in(doc, extra, index, conj)
                region = region + extra
        if deadline is None and given is not None:
            deadline = _given_deadline(given[1], index)
        if deadline is None and granted is not None:
            deadline = _given_deadline([granted[1]], index)  # "a 90-day window to withdraw"
        if deadline is None:
            deadline = _deadline_noun(token, index)
        needs = _dated_only(doc).get(token.i)
        if needs is not None and (deadline is None or deadline.rank > needs):
            continue  # any act a side says it will do, only with a day it is to be done by
        if (
            deadline is not None
            and deadline.relative
            and token.i in per_doc(doc, "day_only_acts", set)
            and not _from_now(deadline)
        ):
            continue  # (a span said from now, "within the next 12 months", dates the act)
        cand = Candidate(
            trigger=hit, region=region, sent=token.sent, deadline=deadline, governor=governor, grantee=grantee
        )
        pending.append(cand)
    _share_deadlines(pending)
    _grant_deadlines(pending)
    _sentence_stages(pending)
    out: list[Candidate] = []
    for cand in pending:
        token = cand.trigger.token
        promised = _promised(token)
        if cand.deadline is None and not _obligated(token) and not promised:
            continue  # (time given without a date sets no deadline either)
        cand.obligor = obligor(cand, index)
        if cand.deadline is None and not _obligated(token) and not cand.obligor:
            continue  # "will"/"would" alone binds only a named side
        cand.object = object_of(cand, index)
        # "hundreds of troops departing by ...": the count is on the noun the clause hangs on
        counted = cand.region + (list(token.head.subtree) if token.dep_ == "acl" else [])
        cand.quantity = quantity_of(counted, index)
        # "All remaining troops are to leave": the subject may hang on "are", outside the region
        cand.stage_cue = cand.stage_cue or stage_cue(
            cand.region + [t for s in subjects(token) for t in s.subtree]
        )
        out.append(cand)
    return out


def _sentence_stages(cands: list[Candidate]) -> None:
    """'... is due to end by September 2026, the second and final phase of the timetable': the
    one action of a sentence that names a numbered phase is that phase."""
    ordinals = rules()["stages"]["ordinal"]
    words = plan_words()
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_sentence.setdefault(cand.sent.start, []).append(cand)
    for group in by_sentence.values():
        if len(group) != 1:
            continue
        sent = group[0].sent
        named = [t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in words]
        numbers = [ordinals[c.lower_] for t in named for c in t.children if c.lower_ in ordinals]
        numbers += [
            ordinals[g.lower_] for t in named for c in t.children for g in c.conjuncts if g.lower_ in ordinals
        ]
        exact = [n for n in numbers if isinstance(n, int)]
        if len(named) == 1 and exact:
            group[0].stage_cue = exact[0]


def _share_deadlines(cands: list[Candidate]) -> None:
    """'wind down its operations, hand over its tasks and withdraw its personnel ... by December 31',
    'Israel will withdraw ... over the next 60 days, while the Lebanese army deploys': actions
    coordinated in one clause share its deadline."""
    by_token = {c.trigger.token.i: c for c in cands}
    for _ in range(2):
        for cand in cands:
            if cand.deadline is not None:
                continue
            token = cand.trigger.token
            if any(c.dep_ == "neg" for c in token.children):
                continue  # "... by December 31, and not to transfer materials": a ban has no end
            linked = [c.i for c in token.children if c.dep_ == "conj"]
            if token.dep_ in ("conj", "advcl"):
                linked.append(token.head.i)
            for i in linked:
                other = by_token.get(i)
                if other is not None and other.deadline is not None:
                    cand.deadline = other.deadline
                    break


def _inherit_obligors(cands: list[Candidate], doc: Doc, index: Index) -> None:
    """A passive or elided stage ('the remaining forces to be withdrawn') is bound like its plan:
    the obligor (and what is moved) of the nearest commitment or mention of the same action before it."""
    if all(c.trigger.type == "PLEDGE" or (c.obligor and c.object is not None) for c in cands):
        return  # (nothing to inherit: the mentions are not worth finding)
    actions = _lemmas("actions")
    mentions: list[tuple[int, str, list[str]]] = []
    objects: list[tuple[int, str, str]] = []
    for token in trigger_words(doc):
        hit = trigger(token)
        if hit is not None and hit.action in actions and not _blocked(token):
            probe = Candidate(trigger=hit, region=[token], sent=token.sent)
            ids = obligor(probe, index)
            if ids:
                mentions.append((token.i, hit.action, ids))
            thing = object_of(probe, index)
            if thing:
                objects.append((token.i, hit.action, thing))
    for cand in cands:
        if cand.object is None and cand.trigger.type != "PLEDGE":
            lemma = cand.trigger.token.lemma_
            earlier = [o for o in objects if o[1] == cand.trigger.action and o[0] < cand.trigger.token.i]
            alike = [o for o in earlier if doc[o[0]].lemma_ == lemma]
            if alike or earlier:
                cand.object = (alike or earlier)[-1][2]
        if cand.obligor or cand.trigger.type == "PLEDGE":
            continue  # (a pledge names who pledged; nobody else is bound by it)
        same = [m for m in mentions if m[1] == cand.trigger.action]
        before = [m for m in same if m[0] < cand.trigger.token.i]
        pick = before[-1] if before else (same[0] if same else None)
        if pick is not None:
            cand.obligor = list(pick[2])
            continue
        # a stage stated with another verb ("the number of troops will be brought down"): its plan's
        bound = [c for c in cands if c.obligor and c.trigger.token.i < cand.trigger.token.i]
        if bound:
            cand.obligor = list(bound[-1].obligor)


def _in_a_plan(cand: Candidate) -> bool:
    """An action of a plan or an agreement the sentence names ('the force would leave in two stages
    under the plan the two governments agreed'), even when nobody bound is named."""
    if cand.trigger.type == "PLEDGE":
        return False
    token = cand.trigger.token
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _lemmas("plan_verbs"):
        # "the undercover agent promised to pay": the one who pledged is no side the report names
        # (but "Freedonia has promised to pay" names one, though the actor stage does not know it)
        pledgers = subjects(token.head)
        if pledgers and not any(t.pos_ == "PROPN" for p in pledgers for t in p.subtree):
            return False
    words = _lemmas("plan_nouns") | _lemmas("plan_verbs") | plan_words()
    return cand.stage_cue is not None or any(t.lemma_.lower() in words for t in cand.sent)


def _agreement_for(cand: Candidate, events: list[Event]) -> Event | None:
    """The agreement a commitment belongs to: in its sentence, else the last before, else any;
    one with two parties first. A joint announcement or talk stands in when no agreement is named."""
    for types in (("AGREE",), ("CONSULT",)):
        pool = [e for e in events if e.type in types]
        same = [e for e in pool if cand.sent.start_char <= e.start < cand.sent.end_char]
        before = [e for e in pool if e.start < cand.sent.start_char][::-1]
        for group in (same, before, pool):
            with_parties = [e for e in group if len(set(e.agents + e.patients)) >= 2]
            if with_parties:
                return with_parties[0]
    agreements = [e for e in events if e.type == "AGREE"]
    return agreements[0] if agreements else None


def _attach_conditions(doc: Doc, cands: list[Candidate]) -> None:
    if not cands:
        return  # conditions are only ever attached to candidates
    plan_conditions: list[str] = []
    for sent in doc.sents:
        for text, governor in conditions_in(sent):
            inside = [c for c in cands if c.sent == sent]
            if inside:
                for c in inside:
                    c.conditions.append(text)
            elif about_the_plan(governor):
                plan_conditions.append(text)
    for cand in cands:
        cand.conditions = list(dict.fromkeys(cand.conditions + plan_conditions))


def find_commitments(doc: Doc) -> list[Commitment]:
    found = state(doc)
    index = Index(doc, found)
    cands = _candidates(doc, index)
    cands = sorted(cands + elided(doc, cands, index), key=lambda c: (c.sent.start, c.trigger.token.i))
    resolve_relative(cands, found, found.events, doc)
    number_stages(cands)
    _inherit_obligors(cands, doc, index)
    # nobody named is bound, outside a plan: a wish of the writer, a rule for "anyone", data due
    cands = [c for c in cands if c.obligor or _in_a_plan(c)]
    stage_by_window(cands)
    _attach_conditions(doc, cands)
    cands = _with_extensions(doc, index, cands)
    promised = {(c.trigger.token.idx, c.trigger.token.idx + len(c.trigger.token.text)) for c in cands}
    cands = merge(cands)
    # (the whole article's status matters only to the commitments found)
    doc_status = document_status(list(doc.sents)) if cands else None
    out: list[Commitment] = []
    cands.sort(key=lambda c: (c.sent.start, c.stage or 0, c.trigger.token.i))
    for cand in cands:
        out.append(_commitment(doc, cand, index, doc_status, f"c{len(out) + 1}"))
    # every side an agreement binds is a party to each of its commitments
    bound: dict[str, list[str]] = {}
    for c in out:
        if c.event is not None:
            bound.setdefault(c.event, []).extend(c.obligor)
    for c in out:
        if c.event is not None:
            c.parties = list(dict.fromkeys(c.parties + bound[c.event]))
    _fold_promised_events(found, promised, out)
    return out


def _with_extensions(doc: Doc, index: Index, cands: list[Candidate]) -> list[Candidate]:
    """Add the agreements carried to a (new) end; where a commitment was read off the same verbs
    already ("the arrangement will continue to apply until"), it stands."""
    taken = {c.trigger.token.i for c in cands}
    added = [cand for cand, verbs in extension_candidates(doc, index, _blocked) if not taken & set(verbs)]
    if not added:
        return cands
    # "the truce will be valid for 30 days": a term counted from the agreement, like "within"
    resolve_relative(added, index.found, index.found.events, doc)
    for cand in added:
        cand.conditions = list(
            dict.fromkeys(text for c in cands if c.sent == cand.sent for text in c.conditions)
        )
    return sorted(cands + added, key=lambda c: (c.sent.start, c.trigger.token.i))


def _fold_promised_events(found: Extraction, promised: set[tuple[int, int]], out: list[Commitment]) -> None:
    """A planned action that is a commitment is told by the commitment, not as an event of its own
    (PLOVER's RETREAT, and the other types of action, are for what happened); the agreement and
    scheduled talks stay events.
    The events left are numbered anew and the commitments follow their agreement's new id."""
    kept = [
        e
        for e in found.events
        if not (e.status in FOLDED_STATUSES and e.type not in KEPT_TYPES and (e.start, e.end) in promised)
    ]
    if len(kept) == len(found.events):
        return
    renamed: dict[str, str] = {}
    for i, event in enumerate(kept, start=1):
        renamed[event.id] = f"e{i}"
        event.id = f"e{i}"
    found.events = kept
    for c in out:
        c.event = renamed.get(c.event) if c.event is not None else None


def _most_mentioned_country(index: Index, exclude: set[str]) -> str | None:
    counts: dict[str, int] = {}
    for _start, _end, actor_id, kind in index.mentions:
        if kind == "country" and actor_id not in exclude:
            counts[actor_id] = counts.get(actor_id, 0) + 1
    return max(counts, key=lambda a: counts[a]) if counts else None


def _chars(doc: Doc, start: int, end: int) -> str | None:
    """The text between two character offsets (without building the whole text)."""
    if start >= end:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else None


def words_start_of(cand: Candidate) -> int:
    return min(t.idx for t in cand.region) if cand.region else cand.trigger.token.idx


def _commitment(doc: Doc, cand: Candidate, index: Index, doc_status: str | None, cid: str) -> Commitment:
    events = index.found.events
    token = cand.trigger.token
    start, end = token.idx, token.idx + len(token.text)
    agreement = _agreement_for(cand, events)
    kinds = index.kinds()
    parties = list(cand.obligor)
    if agreement is not None:
        parties = list(dict.fromkeys(agreement.agents + agreement.patients + parties))
    for e in events:
        # "Under the agreement signed with the Taliban in Doha": the sides of every agreement
        # the commitment's sentence names ("agreement" and "signed" are two events of one deal)
        if e.type == "AGREE" and cand.sent.start_char <= e.start < cand.sent.end_char:
            parties = list(dict.fromkeys(parties + e.agents + e.patients))
    # people sign for their side; the parties are the sides
    parties = [p for p in parties if kinds.get(p) != "person" or p in cand.obligor]
    sources = sources_of(doc, start, end) or sources_of(doc, words_start_of(cand), end)
    if not set(parties) - set(cand.obligor) - {index.led_by.get(o) for o in cand.obligor}:
        # no agreement with two named sides: the country left, and the country of who reports it
        countries = [a for a in index.actors_in(cand.region + cand.context) if kinds.get(a) == "country"]
        by_id = {s.id: s for s in index.found.sources}
        affiliations = [by_id[s].affiliation for s in sources if s in by_id and by_id[s].affiliation]
        parties = list(dict.fromkeys(parties + countries + [a for a in affiliations if a]))
    if cand.trigger.type in rules()["host_types"]:
        # a pullout binds its side towards the host, the country the article is most about
        # (named or not among the agreement's sides: a truce with Hezbollah binds Israel to Lebanon)
        leaders = {index.led_by.get(o) for o in cand.obligor}
        host = _most_mentioned_country(index, exclude=set(cand.obligor) | {x for x in leaders if x})
        if host and host not in parties:
            parties.append(host)
    status = status_in(cand.sent) or doc_status or rules()["default_status"]
    if doc_status == "preliminary" and status == "agreed":
        status = "preliminary"
    certainty, polarity = assess(doc, start, end, "planned")
    if status in ("preliminary", "proposed"):
        certainty = weaker(certainty, "probable")
    sent_text = cand.sent.text
    ev_start = cand.sent.start_char + len(sent_text) - len(sent_text.lstrip())
    ev_end = cand.sent.start_char + len(sent_text.rstrip())
    words = [t for t in cand.region if not t.is_space] or [token]
    words_start = min(t.idx for t in words)
    words_end = max(t.idx + len(t.text) for t in words)
    deadline_end = cand.deadline.timex.end if cand.deadline is not None else -1
    if cand.sent.start_char <= deadline_end <= cand.sent.end_char:
        # the words run to the deadline: "the remaining forces to be withdrawn by the end of 2026"
        words_end = max(end, deadline_end)
    return Commitment(
        id=cid,
        obligor=cand.obligor,
        parties=parties,
        action=cand.trigger.action,
        object=cand.object,
        stage=cand.stage,
        quantity=cand.quantity,
        deadline=cand.deadline.timex.id if cand.deadline else None,
        conditions=cand.conditions,
        status=status,
        certainty=certainty,
        polarity=polarity,
        sources=sources,
        start=ev_start,
        end=max(ev_end, ev_start),
        text=_chars(doc, words_start, words_end),
        event=agreement.id if agreement is not None else None,
    )


class CommitmentStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.commitments = find_commitments(doc) if doc.has_annotation("DEP") else []
        char_spans(doc, "docket_event", [(e.start, e.end, e.type) for e in found.events])
        char_spans(doc, "docket_commitment", [(c.start, c.end, c.action) for c in found.commitments])
        return doc


@Language.factory("docket_commitment", assigns=["doc._.docket"])
def make_commitment_stage(nlp: Language, name: str) -> CommitmentStage:
    return CommitmentStage(nlp, name)
