"""Whether a verb binds its subject: blocked (negated, asked, conditional, only planned), pledged,
obliged, promised, given time.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from docket.extract.commitment.parts import pledge_noun_holder, pledged_noun, subjects
from docket.extract.common.commitment_words import rules
from docket.extract.common.state import (
    per_doc,
    sentence_ids,
    state,
)
from docket.extract.event.index import Index
from docket.extract.event.rules import argument_tokens, grammar

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
        if head.i != token.i and forms & _lemmas("failed_heads"):
            return True  # "criticised both parties for failing to commit to increases": not done
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
        if _guessed(head, token):
            return True
        if head.dep_ == "conj" and any(_guessed(h, head) for h in [head.head, *_heads(head.head)]):
            return True  # the first of two joined acts guessed guesses both: "will retire and hand over"
        if any(c.lower_ in _lemmas("not_yet") for c in head.children):
            return True  # "has yet to release the names"
        # "to see if Smith would release his delegates", "unless he was to send"; the mark of the first
        # of two joined acts opens both ("whether to bring its troops home or redeploy them")
        marked = [head, head.head] if head.dep_ == "conj" else [head]
        if any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _lemmas("open_marks")
            for m in marked
            for c in m.children
        ) and not _on_pain(token):  # ("unless they set up the database by April": bound, on pain of a loss)
            return True
        relatives = _lemmas("open_relatives")
        if any(
            c.dep_ == "prep" and c.lower_ in relatives and any(p.tag_ == "WDT" for p in c.children)
            for c in head.children
        ):
            return True  # "concessions, without which AMC has said it would close the plant": a threat
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
        if head.dep_ == "acomp" and any(c.dep_ == "neg" for c in head.head.children):
            return True  # "he was not committed to introducing the changes": a pledge denied
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ in ("VERB", "AUX"):
            if head.i == token.i and (_pledged(token) or _held_until(token)):
                continue  # "pledged not to take military action": a negative commitment
            return True
        # "the talks had been scheduled to close", "had pledged to": a plan overtaken by events (but
        # "he said the creditors had agreed to reschedule": reported speech, told in the past)
        if (
            head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == grammar("had") for c in head.children)
            and not _backshifted(head)
        ):
            return True
    return sentence_ids(token.doc)[token.i] in _questions(token.doc)


def _backshifted(verb: Token) -> bool:
    """'He said Paris Club creditors had agreed to reschedule the debt': a pledge in the pluperfect
    that is what a report says (a clause of one of ``backshift_reports``) is told as it stands."""
    if verb.lemma_.lower() not in _lemmas("obligation_heads"):
        return False
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _lemmas("backshift_reports")


def _guessed(head: Token, token: Token) -> bool:
    """A belief, a likelihood, a deal still proposed or an act of the past: 'commentators believe
    that Howard will soon retire', 'Bush would likely talk with Martin', 'troops may be able to
    leave', 'under the proposed deal, the United States would provide ...', 'reforms that once
    promised to empower citizens'."""
    if head.i != token.i and head.lemma_.lower() in _lemmas("belief_heads"):
        return True
    adverbs = {c.lower_ for c in head.children if c.dep_ == "advmod"}
    if adverbs & _lemmas("former_adverbs") or (head.i == token.i and adverbs & _lemmas("done_adverbs")):
        return True  # "reforms that once promised to", "was extended previously": past, not owed
    likely = _lemmas("likelihood_words")
    if head.i != token.i and head.lower_ in likely:
        return True
    if any(c.dep_ in ("advmod", "acomp") and c.lower_ in likely for c in head.children):
        return True
    unagreed, plans = _lemmas("unagreed_marks"), _lemmas("plan_nouns")
    return any(
        c.dep_ == "prep"
        and any(
            o.dep_ == "pobj"
            and o.lemma_.lower() in plans
            and any(m.dep_ == "amod" and m.lower_ in unagreed for m in o.children)
            for o in c.children
        )
        for c in head.children
    )


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


def _on_pain(token: Token) -> bool:
    """'will lose a quarter of farm payments unless they succeed in setting up the database by April
    2007': an act a side must do by a day or bear a loss (``on_pain`` in the data) binds it."""
    table = rules().get("on_pain") or {}
    marks = {str(w) for w in table.get("marks") or ()}
    heads = {str(w) for w in table.get("heads") or ()}
    if token.lemma_.lower() in heads:
        return False  # "succeed in setting up": the act is what follows
    clause = token
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.lemma_.lower() in heads:
        clause = token.head.head  # "succeed in setting up"
    elif token.dep_ == "xcomp" and token.head.lemma_.lower() in heads:
        clause = token.head  # "manage to sell"
    if not any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children) or not _has_subject(clause):
        return False
    dated = {t.start for t in state(token.doc).timexes if t.type == "DATE"}
    return any(t.idx in dated for t in token.subtree)


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
        and not aspect_only(token)
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        # "Israel had been due to complete its withdrawal": a plan overtaken by events
        and not any(c.lower_ == grammar("had") for c in head.head.children)
    )


def meeting_set(token: Token) -> bool:
    """'The Council is due to close its discussions on June 12': a verb of time whose object names a
    meeting (``set_meetings``) tells when the meeting is, like a verb of meeting."""
    table = rules()["open_actions"]["set_meetings"]
    if token.lemma_.lower() not in {str(w) for w in table["verbs"]}:
        return False
    objects = {str(w) for w in table["objects"]}
    return any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in token.children)


def aspect_only(token: Token) -> bool:
    """A verb that tells when something happens ('talks are to begin', 'the vote will take place'), not
    an act, unless its object makes one ('is to take full administrative control'; ``aspect_acts``)."""
    lemma = token.lemma_.lower()
    if lemma not in _open_rules()["aspect_verbs"]:
        return False
    acts = {str(w) for w in rules()["open_actions"]["aspect_acts"].get(lemma, [])}
    return not any(c.dep_ == "dobj" and c.lemma_.lower() in acts for c in token.children)


@cache
def _open_rules() -> dict[str, frozenset[str]]:
    table = rules()["open_actions"]
    return {str(k): frozenset(str(w) for w in v) for k, v in table.items() if isinstance(v, list)}


def told_done(token: Token) -> bool:
    """A verb in the simple past is a deed told, not an act pledged: "agreed to pay back $19 million
    and entered into a plea agreement" (but "agreed to pay back the loan and hand over its records";
    and "would close its plant ... and cut 4,000 jobs", where the past and the plain verb are one word)."""
    return token.tag_ == "VBD" and token.lower_ != token.lemma_.lower()


def _barred(token: Token) -> bool:
    """'The rebels will be prohibited from recruiting soldiers', 'it is barred from discharging
    pollutants': an act a side is barred from (``barred_heads``, in the passive, not told as past) binds
    the side not to do it."""
    table = _open_rules()
    head = token.head
    if token.dep_ != "pcomp" or head.i == token.i or head.lower_ not in table["barred_prepositions"]:
        return False
    verb = head.head
    if verb.lemma_.lower() not in table["barred_heads"]:
        return False
    return any(c.dep_ == "auxpass" and c.tag_ != "VBD" for c in verb.children) and not any(
        c.dep_ == "auxpass" and c.tag_ == "VBN" and any(a.lower_ == grammar("had") for a in verb.children)
        for c in verb.children
    )


def _pledged(token: Token) -> bool:
    """The verb is what a pledge, an agreement or a decision is about ('agreed to acquire',
    'pledged not to attack', 'committed to pursuing')."""
    table = _open_rules()
    head = token.head
    if head.i == token.i or token.pos_ != "VERB":
        return False
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    if token.dep_ == "xcomp" and head.lemma_.lower() in table["pledge_heads"]:
        if head.lemma_.lower() in table["directive_heads"] and any(c.dep_ == "aux" for c in head.children):
            return False  # "they will order the relatives to turn the boy over": no order given yet
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
    if that_pledge(token) is not None:
        return True  # "made a commitment that it would close the plant by June"
    if _barred(token):
        return True  # "will be prohibited from recruiting soldiers"
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
        return (
            (not aspect_only(token) or particle)
            and lemma not in table["meeting_verbs"]
            and not meeting_set(token)
        )
    if token.dep_ == "conj" and not _has_subject(token) and not told_done(token):
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
    if token.lemma_.lower() in _lemmas("be_to_idioms"):
        return False  # "Microsoft is to blame for the outage": a judgement, not an act
    return not any(c.dep_ in ("acomp", "attr") for c in head.children)


def _pledge_holder(token: Token) -> Token | None:
    """'Obama's pledge to introduce a bill', 'Ford signed a definitive agreement to acquire Jaguar',
    'Assad made a commitment to withdraw': the act is the to-infinitive of a noun of undertaking
    (``pledge_nouns``); the side bound is the noun's possessor, else the subject of the verb that
    signs, reaches or makes it (``pledge_noun_verbs``). None when the text names no such side."""
    table = _open_rules()
    noun = token.head
    # (the parser makes some of these infinitives a relative clause: "reached a deal to sell")
    if (
        token.dep_ not in ("acl", "relcl")
        or noun.i == token.i
        or noun.lemma_.lower() not in table["pledge_nouns"] | table["dated_plan_nouns"]
    ):
        return None
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    return pledge_noun_holder(noun)


def dated_plan(token: Token) -> bool:
    """'Delta announced plans to cut 7,000 jobs by the end of 2007': the act is the to-infinitive of a
    side's plan (``dated_plan_nouns``), which binds the side only with a deadline of the act's own."""
    plans = _open_rules()["dated_plan_nouns"]
    return token.head.lemma_.lower() in plans and _pledge_holder(token) is not None


def that_pledge(token: Token) -> Token | None:
    """'made a commitment that it would close the plant by June', 'gave assurances that it would keep
    the plant open', 'Acme's pledge that no jobs would be cut': the noun of undertaking (``that_nouns``)
    whose that-clause, said with "will"/"would", is the act; None for any other clause."""
    table = _open_rules()
    if not any(c.dep_ == "mark" and c.lower_ in table["that_marks"] for c in token.children):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in _lemmas("future_modals") for c in token.children):
        return None
    head = token.head
    if token.dep_ == "acl" and head.lemma_.lower() in table["that_nouns"]:
        return head
    if token.dep_ == "ccomp" and head.lemma_.lower() in table["pledge_noun_verbs"]:
        return next(
            (c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in table["that_nouns"]), None
        )
    return None


def must_aux(token: Token) -> bool:
    """A "must" (``bound_by_terms``' modals) hangs on ``token``."""
    modals = rules()["bound_by_terms"]["modals"]
    return any(c.dep_ == "aux" and c.lower_ in modals for c in token.children)


def _bound_by_terms(token: Token) -> bool:
    """'Under the deal, Iran must ship its enriched uranium abroad by March': "must" binds the side
    where the clause says whose terms bind it (``bound_by_terms`` in the data); a "must" alone is as
    often another side's demand ("Iran must suspend enrichment, the US said")."""
    table = rules()["bound_by_terms"]
    if not must_aux(token):
        return False
    if stated_deadline(token) is not None:
        return True  # "the first deadline is on May 1, during which time both sides must accept it"
    terms = _lemmas("plan_nouns") | frozenset(str(w) for w in table["nouns"])
    return any(
        c.dep_ == "prep"
        and c.lower_ in table["prepositions"]
        and any(p.lemma_.lower() in terms for p in c.children)
        for c in token.children
    ) or _terms_in_force(token, terms)


def _terms_in_force(token: Token, terms: frozenset[str]) -> bool:
    """'In order for the treaty to come into effect, all EU members must approve it': a clause of
    ``token`` (not its subject or object) tells of terms coming into force (``in_force`` in the
    data), which the act is required for."""
    table = rules()["bound_by_terms"]["in_force"]
    verbs = frozenset(str(w) for w in table["verbs"])
    results = frozenset(str(w) for w in table["results"])
    for child in token.children:
        if child.dep_ not in ("prep", "advcl", "mark"):
            continue
        for word in child.subtree:
            if word.lemma_.lower() not in results:
                continue
            verb = word.head.head if word.head.pos_ == "ADP" else word.head
            if verb.lemma_.lower() not in verbs:
                continue
            named = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if verb.dep_ == "relcl":
                named.append(verb.head)  # "for the deal to take effect" (parsed as the deal's clause)
            if any(n.lemma_.lower() in terms for n in named):
                return True
    return False


def stated_deadline(token: Token) -> Token | None:
    """The "is" of 'the second deadline is on November 27, in which the Assembly would gather ...'
    that ``token``'s clause hangs on (through the date or the "is" itself), if any."""
    nouns = _lemmas("deadline_nouns")
    current = token
    for _ in range(4):
        if current.head.i == current.i or current.dep_ == "conj":
            return None  # ("the deadline is May 1, and Iran will halt ...": a clause of its own)
        current = current.head
        if current.lemma_ != grammar("be"):
            continue
        named = [c for c in current.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        return current if any(c.lemma_.lower() in nouns for c in named) else None
    return None


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


def _deadline_set_for(token: Token) -> tuple[Token, list[Token]] | None:
    """'The EU set a deadline of July 21 for Microsoft to provide the information': the side named
    as the to-infinitive's subject (after "for"), and the deadline noun a verb of
    ``deadline_setting_heads`` has as its object."""
    holder = token.head
    if token.dep_ != "advcl" or holder.i == token.i:
        return None
    if holder.lemma_.lower() not in _lemmas("deadline_setting_heads"):
        return None
    nouns = [c for c in holder.children if c.dep_ == "dobj" and c.lemma_.lower() in _lemmas("deadline_nouns")]
    sides = [c for c in token.children if c.dep_ == "nsubj"]
    if not nouns or not sides or not any(c.dep_ == "mark" for c in token.children):
        return None
    return sides[0], nouns


def _time_given(token: Token) -> tuple[Token, list[Token]] | None:
    """'Microsoft has until January 25 to respond', 'was given until December 15 to comply', 'the
    company has 30 days to find a buyer': the side that has the time, and the words that say until
    when (a date after 'until', or a span of time)."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    deadline = _deadline_set_for(token)
    if deadline is not None:
        return deadline
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


def _obligated(token: Token) -> bool:
    """Bound in so many words: 'agreed to withdraw', 'pledged the withdrawal', 'is to end'."""
    obligation = _lemmas("obligation_heads")
    head = token.head
    if head.i == token.i:
        return False
    if _money_pledge(token) or _pledge_holder(token) is not None or _plan_calls(token) or _on_pain(token):
        return True
    if pledged_noun(token) is not None:
        return True  # "made a firm commitment for a full withdrawal", "its commitment to a cut"
    if that_pledge(token) is not None:
        return True  # "gave assurances that it would keep the plant open until 2020"
    if _barred(token):
        return True  # "it is prohibited from discharging pollutants"
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


def _decided_deed(token: Token, action: str) -> bool:
    """'The party decided to cancel the primaries', 'its decision to fine the company': an act
    done in the deciding (``decided_deeds``); only said of an act with no date to do it by."""
    return (
        action in _lemmas("decided_deeds")
        and token.head.i != token.i
        and token.head.lemma_.lower() in _lemmas("decision_heads")
    )


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
