"""The parts of a commitment read off the parse: who is bound, what, how many, where."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from docket.extract.actor.names import corporate
from docket.extract.commitment.cues import object_phrase
from docket.extract.commitment.rules import Deadline
from docket.extract.common.commitment_words import rules
from docket.extract.common.state import per_doc, text_of
from docket.extract.event.index import Index, dateline, in_subject, obligor_words
from docket.extract.event.rules import Trigger, argument_tokens, grammar, noun_phrase, phrase_text
from docket.extract.event.rules import rules as event_rules
from docket.gazetteer import slug

# relative pronouns (Penn tags): "which", "who", "that" standing for the noun their clause hangs on
_RELATIVE_TAGS = frozenset({"WDT", "WP"})


@dataclass
class Candidate:
    trigger: Trigger
    region: list[Token]
    sent: Span
    deadline: Deadline | None = None
    obligor: list[str] = field(default_factory=list)
    object: str | None = None
    quantity: str | None = None
    stage_cue: int | str | None = None
    stage: int | None = None
    conditions: list[str] = field(default_factory=list)
    # the clause the action is stated through ("the first phase would ... be completed by")
    governor: Token | None = None
    # words of other reports of the same commitment in the article (merged twins)
    context: list[Token] = field(default_factory=list)
    # who is given time to do the action ("giving Israel three more weeks to complete its withdrawal")
    grantee: Token | None = None


def intransitive_types() -> set[str]:
    return {str(t) for t in event_rules()["roles"]["intransitive_types"]}


def plan_words() -> set[str]:
    return {str(w) for w in rules()["stages"]["plan_words"]}


def subjects(token: Token) -> list[Token]:
    """The subject of a verb, or of the verb it depends on ('are scheduled to have left');
    'required all foreign forces to leave': the forces leave."""
    found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found and token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        # "with hundreds of troops departing by September": the troops depart
        return [token.head]
    current = token
    for _ in range(3):
        if (
            not found
            and current.dep_ == "pcomp"
            and current.head.dep_ == "prep"
            and current.head.head.pos_
            in (
                "VERB",
                "ADJ",
            )
        ):
            # "the bank is committed to defending the crown": the subject of what the act hangs on
            current = current.head.head
            found = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                not found
                and current.dep_ in ("xcomp", "conj", "advcl", "acomp")
                and current.head.i != current.i
            ):
                current = current.head
                found = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
            continue
        if found or current.dep_ not in ("xcomp", "conj", "advcl", "acomp") or current.head.i == current.i:
            break
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in current.children)
        if current.dep_ == "xcomp" or (current.dep_ == "advcl" and infinitive):
            # "instructs it to wind down": the object is told to act
            found = [c for c in current.head.children if c.dep_ == "dobj"]
        current = current.head
        found = found or [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [t for s in found for t in _past_dateline(s)]


def _past_dateline(subject: Token) -> list[Token]:
    """'NAIROBI, Kenya (AP) _ Albright promised to ...': the parser may make the dateline the
    subject; who acts is the name it hangs on it."""
    text = text_of(subject.doc)
    if not dateline(text, subject.idx, subject.idx + len(subject.text)):
        return [subject]
    return [c for c in subject.children if c.dep_ == "appos"]


def _is_place(head: Token, index: Index) -> bool:
    """'leave Iraq', 'vacated Air Base 101': a place left, not a thing withdrawn."""
    tokens = argument_tokens(head)
    return head.pos_ == "PROPN" and bool(index.places_in(tokens) or index.actors_in(tokens))


def _left_place(head: Token, index: Index) -> bool:
    """'leave Ain al-Asad', 'leave the base', 'leave the south': a place left, not a thing moved."""
    return _is_place(head, index) or head.lemma_.lower() in grammar("place_nouns")


def _actors(heads: list[Token], index: Index, places: set[str]) -> list[str]:
    ids: list[str] = []
    bodies = {str(w) for w in rules()["state_bodies"]}
    states = {str(w) for w in rules()["state_nouns"]}
    kinds = index.kinds()
    for head in heads:
        offices: set[str | None] = set()  # the places that bind here as states do
        if head.tag_ in _RELATIVE_TAGS and head.head.dep_ == "relcl" and head.head.head.dep_ != "attr":
            # "Stroh Brewery Co., which has agreed to sell": the noun it stands for (not a cleft's
            # "it is the government which will pay": a claim about who, no undertaking)
            head = head.head.head
        if head.lemma_.lower() in _words("land_nouns"):
            continue  # "the handover of the Bakassi peninsula": land handed over, whatever its name's tag
        group = _national_group(head, index)
        if group is not None:
            if group not in ids:
                ids.append(group)
            continue
        found = index.actors_in(_named_tokens(head, index))
        if head.pos_ == "NOUN" and head.lemma_.lower() in _words("owned_units"):
            # "Combustion Engineering said its C-E Environmental unit agreed to": the parent acts
            # through its unit
            owners = [a for c in head.children if c.dep_ == "poss" for a in index.actors_in([c])]
            found = list(dict.fromkeys(owners + found))
        if not found and head.tag_ == "NN" and head.lemma_.lower() in _words("office_nouns"):
            found = _office_holder_before(head, index)  # "the president promised to call elections"
        if not found and head.pos_ == "NOUN":
            # "the social networking site Facebook agreed": the name in apposition to the subject
            found = index.actors_in([t for c in head.children if c.dep_ == "appos" for t in noun_phrase(c)])
        said_by = _speaker(head) if head.pos_ == "PRON" and not found else None
        organs = {str(w) for w in rules()["organ_nouns"]}
        if said_by is not None and (
            said_by.lemma_.lower() in rules()["speaking_bodies"]
            or said_by.lemma_.lower() in _words("company_nouns")
            or {said_by.lemma_.lower(), said_by.lower_} & organs
        ):
            head = said_by  # "the government has said it will choose ...": it is the government
        if said_by is not None and head.lower_ in _words("speaker_pronouns"):
            # "'We promise to bring them to justice,' she told workers": who speaks, and his side
            found = index.mentioned([said_by])
        if not found:
            found = group_sides(head, index)
        if (
            head.lemma_.lower() in bodies
            or (head.tag_ == "NN" and head.lemma_.lower() in states)
            or _state_organ(head, found, index)
        ):
            # "the Government intends to repeal ...": the government of the country named with it,
            # else of the country of who says so, else of the country the report is about
            # ("the Biden administration": the country its person or body stands for)
            # (a body's country counts even when only its name says it: "the US Bush Administration")
            own = [a for a in found if kinds.get(a) == "place"] if head.lemma_.lower() in bodies else []
            if own:
                # "the government of Quebec", "the Aceh provincial government": a province's own
                found = own[:1]
                offices.add(own[0])
            else:
                found = [a if kinds.get(a) == "country" else index.affiliation.get(a, "") for a in found]
                found = [a for a in found if kinds.get(a) == "country" or a in index.states]
                found = list(dict.fromkeys(found))
                ranked = index.ranked_countries()
                speaker = _speaker_country(head, index)
                if not found and (speaker or ranked):
                    found.append(speaker or ranked[0])
        if not found and head.lemma_.lower() in rules()["collective_nouns"]:
            found = _named_before(head, index)
        if not found and (
            head.lemma_.lower() in _words("company_nouns")
            or (said_by is head and {head.lemma_.lower(), head.lower_} & organs)
        ):
            # "the company will ...", and "the directors said it will reimburse them": the company
            found = _company_before(head, index)
        # "Larry Hogan, the current governor, has until ...": a province a person holds office in
        # binds as a state does, though it is a place
        offices |= {index.affiliation.get(a) for a in found if kinds.get(a) == "person"}
        for actor_id in found:
            if actor_id not in ids and (actor_id not in places or actor_id in offices):
                ids.append(actor_id)
    for actor_id in list(ids):
        leader = index.led_by.get(actor_id)
        if leader and leader not in ids:
            ids.append(leader)
    return ids


def group_sides(head: Token, index: Index) -> list[str]:
    """'Fifteen countries have agreed to ...', 'Each nation will set up ...': the sides a group noun
    (``group_nouns``) stands for, the ones the article lists (or the two it names); also 'the
    governments said they will'; 'the two leaders agreed to' (``pair_group_nouns``): the two countries
    where the article names just two. Empty for any other noun, and where the article names no sides."""
    if head.lemma_.lower() in _words("pair_group_nouns"):
        ranked = index.ranked_countries()
        counted = any(c.lower_ in _words("pair_group_words") for c in head.children)
        return ranked if counted and len(ranked) == 2 else []
    each = any(c.dep_ == "det" and c.lower_ in _words("each_determiners") for c in head.children)
    if head.lemma_.lower() not in _words("group_nouns") or not (head.tag_ in ("NNS", "NNPS") or each):
        return []
    definite = {str(w) for w in rules()["collective_determiners"]}
    return index.group(definite=each or any(c.dep_ == "det" and c.lower_ in definite for c in head.children))


def _named_tokens(head: Token, index: Index) -> list[Token]:
    """The words naming who a subject is; 'MCA and Cineplex's other major shareholder, financier
    Charles Bronfman, ...': a noun owned by a side and set off with a name is who the name says, not
    the owner (the one that bears the possessive)."""
    tokens = argument_tokens(head)
    kinds = index.kinds()
    for noun in (head, *(c for c in head.conjuncts if c.i > head.i)):
        appos = [c for c in noun.children if c.dep_ == "appos"]
        if noun.pos_ != "NOUN" or not appos:
            continue
        named = [t for a in appos for q in (a, *a.conjuncts) for t in noun_phrase(q)]
        owners = [t for t in noun_phrase(noun) if any(c.tag_ == "POS" for c in t.children)]
        named_ids = index.actors_in(named)
        if named_ids and not any(kinds.get(a) == "country" for a in named_ids):
            # "Canadian BlackBerry maker, RIM, will have to restate", "a South Korea presidential
            # candidate, Ahn Cheol-soo, has promised": the name says who, not the country before it
            owners += [
                c
                for c in noun_phrase(noun)
                if c.i < noun.i
                and c.dep_ in ("amod", "compound", "nmod")
                and (ids := index.actors_in([c]))
                and all(kinds.get(a) == "country" for a in ids)
            ]
        if not owners or not named_ids:
            continue
        dropped = {t.i for o in owners for t in o.subtree}
        tokens = [t for t in tokens if t.i not in dropped] + named
    return tokens


def _state_organ(head: Token, found: list[str], index: Index) -> bool:
    """'The Army and the Ministry of Defence will ...', 'a Cabinet committee promised ...': an organ
    of a state (``state_organs``) heads the subject, or modifies it, and whatever the words name is
    a country or that organ itself ('ministry-of-defence'), not a group of another name."""
    organs = _words("state_organs")
    words = [head, *(c for c in head.children if c.dep_ == "compound")]
    if not any(w.lemma_.lower() in organs for w in words):
        return False
    kinds = index.kinds()
    return all(kinds.get(a) == "country" or a.split("-")[0] in organs for a in found)


def _office_holder_before(head: Token, index: Index) -> list[str]:
    """'President Evo Morales ... The president promised to call elections': the person named last
    before the office noun with it in his title, and the side he acts for; none when no such
    person has a side."""
    if not any(c.dep_ == "det" and c.lower_ in _words("company_determiners") for c in head.children):
        return []
    word = head.lemma_.lower()
    best: tuple[int, list[str]] | None = None
    for actor in index.found.actors:
        if actor.kind != "person" or not actor.affiliation or not actor.title:
            continue
        if word not in actor.title.lower().split():
            continue
        before = [m.start for m in actor.mentions if m.end <= head.idx]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), [actor.id, actor.affiliation])
    return best[1] if best else []


def _national_group(head: Token, index: Index) -> str | None:
    """'Most Japanese companies have decided', 'more than 130 U.S. mayors have pledged': members of
    a country that are not its state (``national_groups``) are a group of their own, named by the
    country's word and the noun ('japanese-companies', 'us-mayors'); not the country."""
    if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in _words("national_groups"):
        return None
    kinds = index.kinds()
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
            continue
        named = index.actors_in([child])
        if named and all(kinds.get(a) == "country" for a in named):
            return slug(f"{child.text.replace('.', '')} {head.text}")
    return None


def _named_before(head: Token, index: Index) -> list[str]:
    """'The leaders also pledged to end farm subsidies': the sides a group named by a common noun
    stands for, where the article last named them with the same noun ("the leaders of the G8
    nations", "G8 leaders")."""
    definite = {str(w) for w in rules()["collective_determiners"]}
    if not any(c.dep_ in ("det", "predet") and c.lower_ in definite for c in head.children):
        return []
    lemma = head.lemma_.lower()
    doc = head.doc
    kinds = index.kinds()
    nearest: list[str] = []
    for i in range(head.i - 1, -1, -1):
        if doc[i].lemma_.lower() == lemma and doc[i].pos_ == "NOUN":
            found = index.actors_in(argument_tokens(doc[i]))
            blocs = [a for a in found if kinds.get(a) == "organization"]
            if blocs:
                return blocs  # a body the group forms ("G8 leaders") names it best
            nearest = nearest or found
    return nearest


def _company_before(head: Token, index: Index) -> list[str]:
    """'Acme Motors posted a loss. The company will close its Leeds plant': the organisation a
    definite common noun of its kind stands for (data/obligors.yaml, company_nouns)."""
    if not any(c.dep_ == "det" and c.lower_ in _words("company_determiners") for c in head.children):
        return []
    if any(c.dep_ in ("amod", "compound") and c.pos_ != "ADJ" for c in head.children):
        return []  # "the parent company", "the holding group": another one
    doc = head.doc
    lemma = head.lemma_.lower()
    kinds = index.kinds()
    sents = list(doc.sents)
    at = next(n for n, s in enumerate(sents) if s.start <= head.i < s.end)
    earliest = sents[max(0, at - int(obligor_words().get("company_window") or 3))].start_char
    for i in range(head.i - 1, -1, -1):
        if doc[i].idx < earliest:
            break
        if doc[i].lemma_.lower() == lemma and doc[i].pos_ == "NOUN":
            named = index.actors_in(noun_phrase(doc[i]))
            if named:
                return named  # "Norway's central bank intervened ... The bank is committed to ..."
    before = sorted(
        m
        for m in index.mentions
        if earliest <= m[0] and m[1] <= head.idx and kinds.get(m[2]) == "organization"
    )  # by where they stand (the index holds them actor by actor): the last is the nearest
    if not before:
        return []
    # one whose name holds the noun ("Halvard Bank ... the bank"), else one named as a subject
    # ("Halvard Bank sold its stake in Brisk Metals. The company ..."), else the nearest
    owned = owned_names(doc, index)
    before = [m for m in before if m[2] not in owned] or before
    text = text_of(doc)
    holding = [m for m in before if lemma in text[m[0] : m[1]].lower()]
    acting = [m for m in before if in_subject(doc, m[0], m[1])]
    return [(holding or acting or before)[-1][2]]


def owned_names(doc: Doc, index: Index) -> dict[str, str]:
    """'Microsoft has extended the warranty on its Xbox 360 video game console': names the article
    writes (anywhere, tagged there or not) as another organisation's own, with a possessive before
    the name or the noun it names, are its products or units (name's id -> the owner's id): never
    what 'the company' stands for, nor bound in their owner's stead."""
    owned: dict[str, str] = per_doc(doc, "owned_names", lambda: _owned_names(doc, index))
    return owned


def _owned_names(doc: Doc, index: Index) -> dict[str, str]:
    kinds = index.kinds()
    text = text_of(doc)
    # (a name that says it is a company, "its Brisk Environmental Inc partner", is no product)
    names = {
        text[m[0] : m[1]]: m[2]
        for m in index.mentions
        if m[3] == "organization" and not corporate(text[m[0] : m[1]])
    }
    out: dict[str, str] = {}
    for name, actor_id in names.items():
        at = text.find(name)
        while at != -1 and actor_id not in out:
            span = doc.char_span(at, at + len(name), alignment_mode="expand")
            at = text.find(name, at + 1)
            if span is None:
                continue
            noun = span.root
            while noun.dep_ in ("compound", "nmod") and noun.head.i != noun.i:
                noun = noun.head
            owners = [c for c in noun.children if c.dep_ == "poss" and c.i < span.start]
            owning = [a for o in owners for a in index.actors_in([o]) if a != actor_id]
            owner = next((a for a in owning if kinds.get(a) == "organization"), None)
            if owner is not None:
                out[actor_id] = owner
    return out


def _speaker(pronoun: Token) -> Token | None:
    """'the government has said it will ...': the subject of the verb that reports the pronoun's clause."""
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    if clause.head.lemma_.lower() not in {str(w) for w in event_rules()["roles"]["report_verbs"]}:
        return None
    return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)


def pledge_noun_holder(noun: Token) -> Token | None:
    """Who holds a noun of undertaking ('Obama's pledge', 'Ford signed a definitive agreement', 'Assad
    made a firm commitment'): its possessor, else the subject of the verb that signs, reaches or makes
    it (``pledge_noun_verbs``); None when the text names no such side."""
    table = rules()["open_actions"]
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


def pledged_noun(token: Token) -> Token | None:
    """'Assad made a firm commitment for a two-stage pullout', 'its commitment to the withdrawal of
    its troops', 'Acme's pledge of a reduction': the noun of undertaking whose act a noun of an act
    is (through one of ``pledge_noun_prepositions``; through "to" or "of" when a side holds the
    noun, since "the pledge of a donor" names who pledges, not what), or None."""
    table = rules()["open_actions"]
    if token.dep_ != "pobj":
        return None
    prep = token.head
    noun = prep.head
    if noun.lemma_.lower() not in table["pledge_nouns"]:
        return None
    if prep.lower_ in table["pledge_noun_prepositions"] and noun.pos_ == "NOUN":
        return noun
    owned = prep.lower_ in (grammar("to"), grammar("of")) and any(c.dep_ == "poss" for c in noun.children)
    return noun if owned else None


def begun_by(noun: Token, index: Index) -> Token | None:
    """'Chevron said drilling will begin during the second quarter', 'it said production is to start in
    1988': the named side that says an act named by a noun will begin (``start_verbs`` in the data),
    who is bound to it; None unless the noun is the subject of a start said of the future."""
    table = rules()["open_actions"]
    starts = {str(w) for w in table["start_verbs"]}
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in starts:
        return starting_side(verb, index)  # "Chevron will begin production in May"
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i == noun.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    modals = {str(w) for w in rules()["future_modals"]}
    if verb.lemma_.lower() in starts:
        # "drilling will begin": a start said of the future
        if not any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children):
            return None
    else:
        # "drilling is to begin", "production is scheduled to start", "shipments are due to start"
        sets = {str(w) for w in table["schedule_heads"]} | {grammar("be")}
        governs = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
        started = [
            c
            for g in governs
            for c in g.children
            if c.dep_ == "xcomp" and c.lemma_.lower() in starts and any(a.tag_ == "TO" for a in c.children)
        ]
        if not started or not {g.lemma_.lower() for g in governs} & sets:
            return None
    # the clause is what a named side says ("Chevron said ..."; "..., the company said")
    reports = {str(w) for w in event_rules()["roles"]["report_verbs"]}
    said = verb.head
    if verb.dep_ != "ccomp" or said.lemma_.lower() not in reports:
        return None
    speaker = next((c for c in said.children if c.dep_ == "nsubj"), None)
    if speaker is None or not (speaker.pos_ == "PRON" or speaks_for_a_side(speaker, index)):
        return None
    return speaker


def starting_side(verb: Token, index: Index) -> Token | None:
    """'Chevron will begin production in May', 'Acme is scheduled to start mailing the materials', 'it
    said it will start drilling': the named side whose start of an act (``start_verbs``) is said of
    the future, or None."""
    modals = {str(w) for w in rules()["future_modals"]}
    sets = {str(w) for w in rules()["open_actions"]["schedule_heads"]} | {grammar("be")}
    planned = any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children) or (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in sets
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    )
    if not planned:
        return None
    return next((s for s in subjects(verb) if s.pos_ == "PRON" or speaks_for_a_side(s, index)), None)


def speaks_for_a_side(speaker: Token, index: Index) -> bool:
    """The subject of a verb of saying names an organisation or a state (``speaking_kinds``), not a
    person who may speak for a side the report does not name."""
    kinds = index.kinds()
    allowed = {str(w) for w in rules()["open_actions"]["speaking_kinds"]}
    named = index.actors_in(argument_tokens(speaker))
    return bool(named) and all(kinds.get(a) in allowed for a in named)


def _speaker_country(token: Token, index: Index) -> str | None:
    """'Australia's Foreign Minister says the Federal government will ...': the speaker's country."""
    reports = {str(w) for w in event_rules()["roles"]["report_verbs"]}
    kinds = index.kinds()
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
        if current.lemma_.lower() in reports:
            for speaker in (c for c in current.children if c.dep_ == "nsubj"):
                for actor_id in index.actors_in(argument_tokens(speaker)):
                    if kinds.get(actor_id) == "country":
                        return actor_id
            return None
    return None


def obligor(cand: Candidate, index: Index) -> list[str]:
    """Who is bound: the owner of what is withdrawn, the subject that acts; and the partner of a
    joint undertaking."""
    found = _bound(cand, index)
    owned = owned_names(cand.sent.doc, index) if found else {}
    # "all Xbox 360 consoles are covered" (Microsoft's "its Xbox 360"): the owner is bound
    found = list(dict.fromkeys(owned.get(a, a) for a in found))
    if found and not cand.trigger.nominal:
        places = {a for a, kind in index.kinds().items() if kind == "place"}
        found += [p for p in _partners(cand.trigger.token, index, places) if p not in found]
    return found


def _bound(cand: Candidate, index: Index) -> list[str]:
    hit = cand.trigger
    token = hit.token
    kinds = index.kinds()
    places = {a for a, kind in kinds.items() if kind == "place"}
    if cand.grantee is not None:
        # "giving Israel three more weeks to complete its withdrawal": the side given the time
        given = _actors([cand.grantee], index, places)
        if given:
            return given
    giver = _undertaking_giver(token)
    if giver is not None:
        # "won agreement from the US administration that no citizen would be tried": who gave it
        given = _actors([giver], index, places)
        if given:
            return given
    announced = per_doc(token.doc, "announced_acts", dict).get(token.i)
    if announced is not None:
        # "Microsoft announced the release dates. It will be launched on December 2": who announced
        ids = _actors([announced], index, places)
        if ids:
            return ids
    heads: list[Token] = []
    if hit.nominal:
        sides = {str(w) for w in rules()["side_prepositions"]}
        # "the withdrawal of US troops", "the merger of Thomson and Reuters": whose; but not "its
        # acquisition of Brisk Metals", "a loan of $5 billion": what the undertaking is about
        joint = {str(w) for w in rules()["joint"]["acts"]}
        if hit.type != "PLEDGE" or hit.action in joint:
            sides.add(grammar("of"))
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in sides:
                # "the withdrawal of US troops"; "talks between the Taliban and Kabul": both sides
                heads.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("poss", "compound", "amod", "nmod"):
                heads.append(child)
        ids = _actors(heads, index, places)
        pledges = {str(w) for key in ("obligation_heads", "aspect_heads") for w in rules()[key]}
        if not ids and hit.type == "PLEDGE":
            # "the IMF approved a loan", "the United States has pledged $1 billion in aid": who did
            verb = token
            while verb.pos_ != "VERB" and verb.dep_ in ("pobj", "prep", "dobj") and verb.head.i != verb.i:
                verb = verb.head
            ids = _actors(subjects(verb), index, places)
        if not ids and token.dep_ == "dobj" and token.head.lemma_.lower() in pledges:
            # "Ruritania pledged the departure of its troops", "would begin talks": who pledged or
            # begins (not who described it)
            ids = _actors(subjects(token.head), index, places)
        to_head = token.head.head if token.dep_ == "pobj" and token.head.lower_ == grammar("to") else None
        if not ids and to_head is not None and to_head.lemma_.lower() in pledges:
            ids = _actors(subjects(to_head), index, places)  # "Syria has agreed to a full withdrawal"
        pledge = None if ids else pledged_noun(token)
        holder = None if pledge is None else pledge_noun_holder(pledge)
        if holder is not None:
            ids = _actors([holder], index, places)  # "Assad made a firm commitment for a pullout"
        speaker = None if ids else begun_by(token, index)
        if speaker is not None:
            ids = _actors([speaker], index, places)  # "Israel said the withdrawal will begin in May"
        return ids
    else:
        agent = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        # "CGCT is to be sold by the French government": the agent acts, the passive subject is sold
        heads = (
            agent if agent and any(c.dep_ == "auxpass" for c in token.children) else subjects(token) + agent
        )
        plan_nouns = {str(w) for w in rules()["plan_nouns"]}
        for subject in subjects(token):
            if subject.lemma_.lower() in plan_nouns:
                # "the ceasefire arrangement between Israel and Lebanon will continue": its sides
                ids = _actors([t for t in subject.subtree if t.dep_ in ("pobj", "conj")], index, places)
                if ids:
                    return ids
        for child in token.children:
            if child.dep_ != "dobj":
                continue
            if hit.type in intransitive_types() and _is_place(child, index):
                # "leave Iraq": a country left is where from, not who leaves
                places |= set(index.actors_in(argument_tokens(child)))
            elif not heads or hit.type in intransitive_types():
                # "withdraw US troops": whose troops; "free 33 Israeli hostages": not the captor
                heads.append(child)
    found = _actors(heads, index, places)
    if not found and token.dep_ == "acl" and token.head.dep_ == "dobj" and token.head.head.pos_ == "VERB":
        # "Spain announced plans to close its embassy by June": who announced the plans
        found = _actors(subjects(token.head.head), index, places)
    if not found and not agent and any(c.dep_ == "auxpass" for c in token.children):
        # "the Pentagon said the remaining troops would be withdrawn by June": a passive with no
        # agent binds the body or state that announces it (a person may only be telling of it)
        kinds = index.kinds()
        by = [r for r in _reporters(token) if not any(kinds.get(a) == "person" for a in index.actors_in([r]))]
        found = _actors(by, index, places)
    return found


def _partners(token: Token, index: Index, places: set[str]) -> list[str]:
    """'Pacad reached an agreement to enter into a contract with Okamoto', 'agreed to merge with
    Brisk Metals', 'an agreement with MIPS to jointly develop machines': the partner a joint
    undertaking names after "with" is bound with the side that undertakes it (``joint`` in the
    data: the acts, and the nouns of a deal the partner may hang on)."""
    table = rules()["joint"]
    acts, nouns = {str(w) for w in table["acts"]}, {str(w) for w in table["nouns"]}
    marks = {str(w) for w in table["prepositions"]}
    hosts = [token] if token.lemma_.lower() in acts else []
    # "combine its cellular properties with BellSouth's": the partner may hang on what is joined
    hosts += [c for h in hosts for c in h.children if c.dep_ == "dobj"]
    # the deal a joint act enters into or forms ("enter into a contract with", "form a venture with");
    # not a deal another act names ("decided not to renew their contracts with Iran")
    hosts += [
        n
        for c in (token.children if hosts else ())
        for n in (c, *(p for p in c.children if p.dep_ == "pobj"))
        if c.dep_ in ("dobj", "prep") and n.pos_ == "NOUN" and n.lemma_.lower() in nouns
    ]
    if token.dep_ == "acl" and token.head.lemma_.lower() in nouns:
        hosts.append(token.head)  # "an agreement with MIPS to jointly develop"
    kinds = index.kinds()
    found: list[str] = []
    for host in hosts:
        for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ in marks):
            named = [q for p in prep.children if p.dep_ == "pobj" for q in (p, *p.conjuncts)]
            for actor_id in _actors(named, index, places):
                if kinds.get(actor_id) in ("organization", "country") and actor_id not in found:
                    found.append(actor_id)
    return found


def _reporters(token: Token) -> list[Token]:
    """The subject of the reporting verb a clause hangs on ("the Pentagon said that ...")."""
    reports = {str(w) for w in event_rules()["roles"]["report_verbs"]}
    current = token
    for _ in range(4):
        if current.head.i == current.i or current.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return []
        current = current.head
        if current.lemma_.lower() in reports:
            # "Acme posted a loss. It said the plant will be closed": "it", the company before it
            return [c for c in current.children if c.dep_ == "nsubj"]
    return []


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w) for w in obligor_words().get(key) or [])


def _undertaking_giver(token: Token) -> Token | None:
    """'won agreement from the US administration that no citizen would be tried', 'assurances from
    Moscow that the troops will leave': the one the undertaking came from (its noun phrase head)."""
    nouns, givers = _words("undertaking_nouns"), _words("undertaking_givers")
    current = token
    for _ in range(3):
        if current.dep_ not in ("acl", "ccomp", "xcomp", "conj", "relcl") or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "NOUN" and current.lemma_.lower() in nouns:
            for prep in current.children:
                if prep.dep_ == "prep" and prep.lower_ in givers:
                    return next((p for p in prep.children if p.dep_ == "pobj"), None)
            return None
    return None


def object_of(cand: Candidate, index: Index) -> str | None:
    """What the action is done to: the object, the passive subject, or what moves."""
    hit = cand.trigger
    token = hit.token
    if hit.nominal:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == grammar("of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return object_phrase(pobj)
        if cand.governor is not None:
            return _governed_object(cand.governor)
        for child in token.children:  # "talks on the return of prisoners"
            if child.dep_ == "prep" and child.lower_ in grammar("object_prepositions"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return object_phrase(pobj)
        if hit.type in rules()["self_object_types"]:
            # "Talks between the Taliban and an Afghan delegation are to open": the talks themselves
            words = [t for t in _phrase(token) if not t.is_space]
            return phrase_text(words) if len(words) > 1 else None
        if hit.type in intransitive_types():
            # "its withdrawal from southern Lebanon": nothing named moves, but where from is said
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in grammar("from_prepositions"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and _left_place(pobj, index):
                            return f"{grammar('from')} {object_phrase(pobj)}"
        return None
    if per_doc(token.doc, "announced_acts", dict).get(token.i) is not None and any(
        c.dep_ == "nsubjpass" and c.pos_ == "PRON" for c in token.children
    ):
        return None  # "It will be launched in Europe on December 2": "it" is not named here
    movers = [c for c in subjects(token) if c.pos_ != "PRON" and (c.head.i != token.i or c.dep_ == "nsubj")]
    for dep in ("dobj", "nsubjpass"):
        for child in token.children:
            if child.dep_ == dep and child.pos_ != "PRON":
                if (
                    hit.type in intransitive_types()
                    and dep == "dobj"
                    and movers
                    and _left_place(child, index)
                ):
                    # "coalition forces will leave Ain al-Asad": who leaves, and where from
                    return f"{object_phrase(movers[0])} {grammar('from')} {object_phrase(child)}"
                if hit.type in intransitive_types() and dep == "dobj" and _is_place(child, index):
                    break
                return object_phrase(child)
    if hit.type in intransitive_types() and movers:
        # "all coalition forces would pull out of Ain al-Asad", "pull back from populated areas"
        near = [
            *token.children,
            *(g for c in token.children if c.dep_ in ("prt", "advmod") for g in c.children),
        ]
        for child in near:
            if child.dep_ == "prep" and child.lower_ in grammar("from_prepositions"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and _left_place(pobj, index):
                        return f"{object_phrase(movers[0])} {grammar('from')} {object_phrase(pobj)}"
    # "the mission will end", "US troops will leave": what ends or moves is the subject
    spec = event_rules()["verbs"].get(token.lemma_.lower()) or {}
    if hit.type in intransitive_types() or "objects" in spec:
        for child in subjects(token):
            if child.pos_ != "PRON":
                return object_phrase(child)
    # "abide by the extension" (not "merge by the end of June": a time is no object)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in grammar("object_prepositions"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not index.timexes_in(list(pobj.subtree)):
                    return object_phrase(pobj)
    return None


def _phrase(head: Token) -> list[Token]:
    """A noun with all its dependents but the clauses inside it ("talks between X and Y")."""
    out: list[Token] = []
    stack = [head]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ not in PHRASE_STOPS)
    return sorted(out, key=lambda t: t.i)


PHRASE_STOPS = frozenset({"relcl", "acl", "ccomp", "advcl", "punct"})


def _governed_object(verb: Token) -> str | None:
    """'the first phase would cover Baghdad and ...': what a stage of a plan covers."""
    for candidate in [verb, *[c for c in verb.children if c.dep_ in ("acl", "conj")]]:
        for child in candidate.children:
            if child.dep_ == "dobj":
                tokens = sorted([child, *[t for c in child.conjuncts for t in c.subtree]], key=lambda t: t.i)
                start, end = tokens[0].left_edge.i, max(t.i for t in tokens) + 1
                return verb.doc[start:end].text
    for child in verb.children:
        if child.dep_ == "nsubj":
            for acl in child.children:
                if acl.dep_ == "acl":
                    return _governed_object(acl)
    return None


def quantity_of(region: list[Token], index: Index) -> str | None:
    """The quantity of the action: a target after 'to' ('from 13,000 to 8,600') before any other."""
    ids = index.quantities_in(region)
    by_id = {q.id: q for q in index.found.quantities}
    stages = plan_words()
    ids = [i for i in ids if (by_id[i].noun or "").lower().rstrip("s") not in stages]
    if not ids:
        return None
    doc = region[0].doc
    for qid in ids:
        q = by_id[qid]
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ == grammar("to"):
            return qid
    return ids[0]
