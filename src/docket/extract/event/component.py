"""The event stage (spaCy component ``docket_event``).

Finds what happened: verbal and nominal triggers (``data/events.yaml``) typed with
PLOVER's categories, with agents, patients, location, time and quantity from the
dependency parse, a status from tense, aspect and modality, and the certainty and
sources that the earlier stages report. A withdrawal that is only promised is left
to the commitment stage: PLOVER's RETREAT is for one that happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from docket.extract.certainty import component as certainty_stage
from docket.extract.common.commitment_words import deadline_words
from docket.extract.common.commitment_words import rules as commitment_rules
from docket.extract.common.state import char_spans, state
from docket.extract.event.index import Index
from docket.extract.event.rules import (
    Trigger,
    argument_tokens,
    grammar,
    own_tokens,
    rules,
    trigger,
    trigger_words,
)
from docket.extract.event.status import (
    be_to_verb,
    governing_verb,
    nominal_status,
    status_certainty,
    verb_status,
    weaker,
)
from docket.extract.source import component as source_stage
from docket.record import Event, Polarity

# A RETREAT that did not happen (promised, planned, possible) is a commitment or nothing.
RETREAT_STATUSES = frozenset({"occurred", "ongoing", "denied"})
# Relations through which a nominal event is the object of an agreement or a talk.
AGREEMENT_TYPES = frozenset({"AGREE", "CONSULT", "REQUEST"})
# Nominal events that name an agreement the article reports elsewhere as well.
AGREEMENT_NOUN_TYPES = frozenset({"AGREE"})


def _role_map(key: str) -> dict[str, str]:
    table = rules()["roles"][key]
    assert isinstance(table, dict)
    return table


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _inherited_subject(token: Token) -> Token | None:
    """For a verb without a subject (conjunct, infinitive, participle): its head verb."""
    if token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
        return token.head
    return None


class Arguments:
    def __init__(self) -> None:
        self.agents: list[str] = []
        self.patients: list[str] = []
        self.location: list[str] = []

    @staticmethod
    def _add(target: list[str], ids: list[str]) -> None:
        for actor_id in ids:
            if actor_id not in target:
                target.append(actor_id)

    def take(self, role: str | None, pobj: Token, index: Index) -> None:
        """What a preposition's object names, in the role the preposition gives it (``location``,
        ``agents`` or ``patients`` in the data; no role, nothing)."""
        if role == "location":
            self._add(self.location, index.places_in(_place_tokens(pobj)))
        elif role in ("agents", "patients"):
            target = self.agents if role == "agents" else self.patients
            self._add(target, index.actors_in(argument_tokens(pobj)))


def _place_tokens(head: Token) -> list[Token]:
    """Where a place phrase points: 'Ain al-Asad air base in western Iraq' names Iraq too."""
    return own_tokens(head)


def verb_arguments(token: Token, index: Index, event_type: str, depth: int = 0) -> Arguments:
    roles = rules()["roles"]
    args = Arguments()
    intransitive = event_type in roles["intransitive_types"]
    for child in token.children:
        dep = child.dep_
        if dep in ("nsubj",):
            args._add(args.agents, index.actors_in(argument_tokens(child)))
            for appos in (c for c in child.children if c.dep_ == "appos" and not args.agents):
                # "DOHA — Israel and Hamas have agreed": the parser hangs the sides on the dateline
                args._add(args.agents, index.actors_in(argument_tokens(appos)))
            inner = trigger(child) if depth == 0 else None
            if inner is not None and inner.nominal and not args.agents:
                # "negotiations with Washington concluded": the sides of the talks conclude them
                args._add(args.agents, noun_arguments(child, index, inner.type).agents)
        elif dep == "agent":
            for pobj in _pobjs(child):
                args._add(args.agents, index.actors_in(argument_tokens(pobj)))
        elif dep in ("dobj", "nsubjpass"):
            tokens = argument_tokens(child)
            if intransitive and dep == "dobj":
                # "left Ain al-Asad air base in Iraq's western Anbar province": where from
                places = index.places_in(_place_tokens(child))
                args._add(args.location, places)
                args._add(args.agents, [a for a in index.actors_in(tokens) if a not in places])
            elif (intransitive or _passive_agent(token)) and dep == "nsubjpass":
                # "the coalition was formed in 2014": what forms is what the passive names
                args._add(args.agents, index.actors_in(tokens))
            else:
                args._add(args.patients, index.actors_in(tokens))
        elif dep == "prep":
            role = _role_map("verb_prepositions").get(child.lower_)
            if event_type in roles["targeting_types"]:
                # "firing rockets into Israel", "strikes on Gaza": the place hit is the patient
                role = _role_map("target_prepositions").get(child.lower_, role)
            for pobj in _pobjs(child):
                args.take(role, pobj, index)
    if not args.agents and depth < 3:
        head = _inherited_subject(token)
        if head is not None:
            inherited = verb_arguments(head, index, event_type, depth + 1)
            args.agents = inherited.agents
            if intransitive and not args.location:
                # "invaded Iraq ..., and withdrew its troops": the place is the head's object
                args.location = index.places_in(
                    [t for c in _children(head, ("dobj",)) for t in argument_tokens(c)]
                )
    return args


def _passive_agent(token: Token) -> bool:
    spec = rules()["verbs"].get(token.lemma_.lower()) or {}
    return bool(spec.get("passive_agent"))


def _whole_object_patients(token: Token, index: Index, event_type: str) -> list[str]:
    """'revoked the agreement that allowed US troops to stay': for these types, the sides the
    object's whole phrase names are what the event is done to."""
    if event_type not in rules()["roles"]["whole_object_types"]:
        return []
    found: list[str] = []
    for child in token.children:
        if child.dep_ == "dobj":
            found.extend(a for a in index.actors_in(list(child.subtree)) if a not in found)
    return found


def _location_in_phrases(token: Token, index: Index, positions: frozenset[int]) -> list[str]:
    """'killed by Israeli fire in southern Lebanon': a place phrase anywhere in the event's own words."""
    preps = {k for k, v in _role_map("verb_prepositions").items() if v == "location"}
    found: list[str] = []
    for tok in own_tokens(token, positions):
        if tok.dep_ == "prep" and tok.lower_ in preps and tok.i != token.i:
            for pobj in _pobjs(tok):
                found.extend(a for a in index.places_in(_place_tokens(pobj)) if a not in found)
    return found


def noun_arguments(token: Token, index: Index, event_type: str) -> Arguments:
    args = Arguments()
    roles = rules()["roles"]
    preps = _role_map("noun_prepositions")
    intransitive = event_type in roles["intransitive_types"]
    children = list(token.children)
    for child in token.children:
        # "attacks by militants on US forces": the parser often hangs "on ..." on the militants
        if child.dep_ == "prep" and child.lower_ in roles["reattach_prepositions"]:
            children.extend(
                g for p in child.children if p.dep_ == "pobj" for g in p.children if g.dep_ == "prep"
            )
    for child in children:
        if child.dep_ == "prep":
            role = preps.get(child.lower_)
            if role is None:
                continue
            if role == "agents" and child.lower_ == grammar("of") and not intransitive:
                role = "patients"  # "the invasion of Iraq"
            for pobj in _pobjs(child):
                args.take(role, pobj, index)
        elif child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
            args._add(args.agents, index.actors_in(argument_tokens(child)))
    return args


# Relations through which an event is what another event is about ("agree on withdrawal",
# "negotiations on reducing the coalition", "an agreement to withdraw").
ABOUT_DEPS = frozenset({"pobj", "prep", "pcomp", "dobj", "nsubjpass", "acl", "xcomp", "compound", "conj"})


def _report_time(token: Token, index: Index, positions: frozenset[int]) -> str | None:
    """'US forces have completed their withdrawal ..., the ministry said on Saturday': a fresh
    fact without a date of its own is dated by its report."""
    reports = {str(w) for w in rules()["roles"]["report_verbs"]}
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return None
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in reports:
            report = current.head
            own = [t for t in own_tokens(report, positions) if t.i not in {x.i for x in current.subtree}]
            return index.best_time(own)
        if current.dep_ in ("ccomp", "advcl", "relcl", "conj") and current.i != token.i:
            return None
        current = current.head
    return None


def _bare_types() -> set[str]:
    return {str(w) for w in rules()["roles"]["bare_nominal_types"]}


def _named_report(doc: Doc, token: Token) -> bool:
    """'According to Farhad Farhad, ... negotiations have concluded': a named source reports it."""
    start = token.idx
    found = state(doc)
    by_id = {s.id: s for s in found.sources}
    return any(
        by_id[s].kind == "named" for s in sources_of(doc, start, start + len(token.text)) if s in by_id
    )


def _unnamed_types() -> set[str]:
    return {str(w) for w in rules()["roles"]["unnamed_types"]}


def _when_words() -> set[str]:
    return {str(w) for w in rules()["roles"]["when_words"]}


def _about_prepositions() -> set[str]:
    return {str(w) for w in rules()["roles"]["about_prepositions"]}


def _trigger_type(token: Token) -> str | None:
    """The PLOVER type a word can stand for, whatever its arguments."""
    table = rules()
    lemma = token.lemma_.lower()
    spec = table["verbs"].get(lemma) if token.pos_ == "VERB" else table["nouns"].get(lemma)
    return str(spec["type"]) if spec else None


def agreement_context(token: Token) -> bool:
    """An event that an agreement, a talk or a request is about: not one that happened."""
    current = token
    for _ in range(6):
        if current.head.i == current.i or current.dep_ not in ABOUT_DEPS:
            return False
        if current.dep_ == "prep" and current.lower_ not in _about_prepositions():
            return False
        current = current.head
        if _trigger_type(current) in AGREEMENT_TYPES:
            return True
        if current.pos_ == "VERB" and current.dep_ != "prep":
            return False
    return False


def _condition_object(token: Token) -> bool:
    """'requires final approval': a condition of an agreement, not an event."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in commitment_rules()["conditions"]["object"]


def _deadline_child(token: Token, index: Index) -> bool:
    first_words = {
        words[0]
        for words, _rank, _relative in deadline_words()
        if words[0] not in grammar("weak_deadline_words")
    }
    return any(
        c.dep_ == "prep" and c.lower_ in first_words and index.timexes_in(list(c.subtree))
        for c in token.children
    )


def _two_sided(token: Token) -> bool:
    spec = rules()["nouns"].get(token.lemma_.lower()) or {}
    return bool(spec.get("two_sides"))


def _pledged(token: Token) -> bool:
    """'committed the coalition to ending its mission', 'pledged to withdraw': bound, not done."""
    pledges = {str(w) for w in commitment_rules()["obligation_heads"]}
    current = token
    for _ in range(3):
        if current.head.i == current.i or current.dep_ not in ("xcomp", "pcomp", "pobj", "prep"):
            return False
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current.lemma_.lower() in pledges
    return False


def _lead_report_time(doc: Doc, index: Index, positions: frozenset[int]) -> str | None:
    """The time of the report an article opens with ("X and Y announced on Friday that ...")."""
    reports = {str(w) for w in rules()["roles"]["report_verbs"]}
    for sent in list(doc.sents)[:2]:
        for tok in sent:
            if tok.lemma_.lower() in reports and tok.pos_ == "VERB":
                found = index.best_time(own_tokens(tok, positions))
                if found is not None:
                    return found
    return None


def _restated_agreement(hit: Trigger) -> bool:
    """An agreement named as the frame of what follows ("Under the agreement, ...", "the deadline
    under the ceasefire"), or as what a verb of agreeing acts on ("signed an agreement", "the
    deal was signed", "agreed to a ceasefire", "the Doha agreement signed in February"): the
    verb, or an earlier report, is the event."""
    if hit.type not in AGREEMENT_NOUN_TYPES:
        return False
    token = hit.token
    if token.dep_ == "pobj" and token.head.lower_ in grammar("frame_prepositions"):
        return True
    head = trigger(token.head) if token.head.i != token.i else None
    if (
        token.dep_ in ("dobj", "nsubjpass")
        and head is not None
        and (head.type == hit.type or not head.nominal)
    ):
        # "signed an agreement"; "revoked the agreement", "ending its cooperation agreement": what
        # another event acts on, not an agreement made
        return True
    determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
    if determiners & set(grammar("definite")) and not any(
        c.dep_ == "prep" and c.lower_ in _role_map("noun_prepositions") for c in token.children
    ):
        # "That joint statement, dated ...", "the joint statement was issued on ...": named again
        return True
    if token.dep_ == "pobj" and token.head.head.i != token.head.i:
        # "have agreed to a ceasefire": what is agreed is the agreement itself
        verb = trigger(token.head.head)
        if verb is not None and not verb.nominal and verb.type == hit.type:
            return True
    return any(c.dep_ == "acl" and _trigger_type(c) == hit.type for c in token.children)


def _lookup(module: Any, name: str) -> Callable[..., Any] | None:
    found = getattr(module, name, None)
    return found if callable(found) else None


def assess(doc: Doc, start: int, end: int, status: str) -> tuple[str, Polarity]:
    """Certainty and polarity from the certainty stage, capped by what the status says."""
    implied = status_certainty(status)
    polarity: Polarity = "negative" if status == "denied" else "positive"
    external = _lookup(certainty_stage, "assess")
    if external is None:
        return implied, polarity
    try:
        got = external(doc, start, end)
        value, pol = str(got[0]), str(got[1])
    except (TypeError, ValueError, IndexError):
        return implied, polarity
    if pol == "negative":
        polarity = "negative"
    return weaker(value, implied) if status != "occurred" else value, polarity


def sources_of(doc: Doc, start: int, end: int) -> list[str]:
    """The sources the source stage attributes a span to; else those whose content covers it."""
    external = _lookup(source_stage, "sources_for")
    if external is not None:
        try:
            return [str(s) for s in external(doc, start, end)]
        except (TypeError, ValueError):
            pass
    found = state(doc)
    return [s.id for s in found.sources if any(c.start <= start and end <= c.end for c in s.content)]


def _is_mention_of_earlier_event(found: Trigger, args: Arguments, seen: set[str]) -> bool:
    """'the agreement', 'the handover' after it was reported: the same event, not a new one."""
    if not (found.nominal and found.action in seen):
        return False
    determiners = {c.lower_ for c in found.token.children if c.dep_ in ("det", "poss")}
    return bool(determiners & set(grammar("definite"))) and not (args.agents or args.patients)


def _host_types() -> set[str]:
    return {str(w) for w in rules()["roles"]["host_types"]}


def _host(index: Index, exclude: set[str]) -> str | None:
    """The country an article is most about (one of its two main countries), other than the
    sides of an event."""
    return next((a for a in index.ranked_countries()[:2] if a not in exclude), None)


def find_events(doc: Doc) -> list[Event]:
    found = state(doc)
    index = Index(doc, found)
    kinds = index.kinds()
    events: list[Event] = []
    seen: set[str] = set()
    hits = [h for h in (trigger(t) for t in trigger_words(doc)) if h is not None]
    positions = frozenset(h.token.i for h in hits)
    for hit in hits:
        token = hit.token
        statement_time: str | None = None
        if hit.nominal:
            args = noun_arguments(token, index, hit.type)
            if _condition_object(token) or _restated_agreement(hit):
                continue
            planned = agreement_context(token) or _deadline_child(token, index)
            status = nominal_status(token, planned)
            verb = governing_verb(token)
            status_words = rules()["status"]
            if not args.agents and verb is not None:
                aspect = set(status_words["ongoing_heads"]) | set(status_words["done_heads"])
                stated = (
                    token.head.dep_ == "prep" and token.head.lower_ in status_words["statement_prepositions"]
                )
                if hit.type == "AGREE" and (_trigger_type(verb) == "AGREE" or stated):
                    # "agreements have been reached between Washington and Baghdad",
                    # "in a joint statement, X and Y said" (not "X mediated the deal")
                    args.agents = verb_arguments(verb, index, hit.type).agents
                    if stated:
                        # "In a joint statement, the two governments said ...": dated by the
                        # statement's own report, else by the report the article leads with
                        statement_time = index.best_time(own_tokens(verb, positions)) or _lead_report_time(
                            doc, index, positions
                        )
                elif verb.lemma_.lower() in aspect and token.dep_ in ("dobj", "nsubjpass", "pobj"):
                    # "US forces have completed their withdrawal"
                    args.agents = verb_arguments(verb, index, hit.type).agents
                elif (
                    verb.lemma_.lower() in status_words["perform_heads"]
                    and token.head.i == verb.i
                    and (token.dep_ in ("dobj", "nsubjpass"))
                ):
                    # "ISIS carried out four attacks" (not "opened talks after months of attacks")
                    args.agents = verb_arguments(verb, index, hit.type).agents
        else:
            args = verb_arguments(token, index, hit.type)
            args._add(
                args.patients,
                [a for a in _whole_object_patients(token, index, hit.type) if a not in args.agents],
            )
            if not args.location:
                args.location = _location_in_phrases(token, index, positions)
            status = (
                "planned"
                if token.tag_ in ("VBG", "VB") and (agreement_context(token) or _pledged(token))
                else verb_status(token)
            )
        if hit.type == "RETREAT" and status not in RETREAT_STATUSES:
            continue
        if _is_mention_of_earlier_event(hit, args, seen):
            continue
        tokens = own_tokens(token, positions)
        time = index.best_time(tokens) or statement_time
        if time is None and not hit.nominal:
            head = _inherited_subject(token)
            if head is not None and head.dep_ != "xcomp":
                time = index.best_time(own_tokens(head, positions))
            elif token.dep_ == "relcl" and any(c.lower_ in _when_words() for c in token.children):
                # "The war began on October 7, 2023, when fighters attacked ...": the time of the head
                time = index.best_time(own_tokens(token.head.head, positions))
        if time is None and hit.nominal and token.dep_ in ("dobj", "nsubjpass", "nsubj"):
            # "opened negotiations with Washington in January", "the handover took place on Monday":
            # the verb that does or reports the event dates it (unless it is an event of its own)
            verb = governing_verb(token)
            if (
                verb is not None
                and verb.i == token.head.i
                and (token.dep_ != "nsubj" or trigger(verb) is None)
            ):
                time = index.best_time(own_tokens(verb, positions))
                planned_verb = be_to_verb(verb) if token.dep_ == "nsubj" else None
                if time is None and planned_verb is not None:
                    # "Talks ... are to open on March 10": dated by what they are to do
                    time = index.best_time(own_tokens(planned_verb, positions))
        if time is None and status in ("occurred", "ongoing", "agreed"):
            time = _report_time(token, index, positions)
        dated = index.best_time(tokens) is not None
        if (
            hit.type == "AGREE"
            and hit.action == "agree"
            and status == "occurred"
            and (hit.nominal or not dated)
        ):
            # "have reached an understanding": an agreement in force; "agreed in May": a dated act
            status = "agreed"
        if (
            hit.type in _host_types()
            and any(kinds.get(a) != "person" for a in args.agents)
            and not any(kinds.get(a) == "country" for a in args.location)
        ):
            # "completed its withdrawal from Air Base 201": a pullout is from the host country
            host = _host(index, set(args.agents) | set(args.patients))
            if host is not None:
                args.location.append(host)
        quantities = index.quantities_in(tokens)
        bare = not (args.agents or args.patients or args.location or time or quantities)
        if hit.nominal and bare and hit.type not in _bare_types():
            continue  # "the announcement", "talks": a mention without who, where or when
        if hit.nominal and not args.agents and _two_sided(token):
            # "In a joint statement, ...": by the two sides the article is about
            args.agents = index.main_countries(2)
        for agent in list(args.agents):
            # "the coalition has completed its mission": its leader acts with it
            leader = index.led_by.get(agent)
            if leader and leader not in args.agents:
                args.agents.append(leader)
        unnamed = not (args.agents or args.patients or time) and hit.type not in _unnamed_types()
        if unnamed and (hit.nominal or not _named_report(doc, token)):
            # "the withdrawal is largely complete", "asked not to be named": no one, no when; kept
            # only when it is a verb of its own that someone named reports
            continue
        start, end = token.idx, token.idx + len(token.text)
        certainty, polarity = assess(doc, start, end, status)
        events.append(
            Event(
                id=f"e{len(events) + 1}",
                type=hit.type,
                action=hit.action,
                text=token.text,
                start=start,
                end=end,
                agents=args.agents,
                patients=[p for p in args.patients if p not in args.agents],
                location=args.location,
                time=time,
                quantity=quantities[0] if quantities else None,
                status=status,
                certainty=certainty,
                polarity=polarity,
                sources=sources_of(doc, start, end),
            )
        )
        seen.add(hit.action)
    return events


class EventStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.events = find_events(doc) if doc.has_annotation("DEP") else []
        char_spans(doc, "docket_event", [(e.start, e.end, e.type) for e in found.events])
        return doc


@Language.factory("docket_event", assigns=["doc._.docket"])
def make_event_stage(nlp: Language, name: str) -> EventStage:
    return EventStage(nlp, name)
