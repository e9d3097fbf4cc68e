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

from spacy.language import Language
from spacy.tokens import Doc, Token

from docket.extract.commitment.cues import (
    about_the_plan,
    conditions_in,
    document_status,
    stage_cue,
    status_in,
)
from docket.extract.commitment.extension import extension_candidates
from docket.extract.commitment.gates import (
    _blocked,
    _decided_deed,
    _granted,
    _itinerary,
    _lemmas,
    _money_governor,
    _obligated,
    _open_rules,
    _pledge_holder,
    _promised,
    _time_given,
    _ultimatum,
)
from docket.extract.commitment.given import (
    _deadline_in,
    _deadline_noun,
    _event_deadline,
    _given_deadline,
    _grant_deadlines,
    _start_on_agreeing,
    self_granted,
)
from docket.extract.commitment.parts import Candidate, object_of, obligor, plan_words, quantity_of, subjects
from docket.extract.commitment.plan import elided, merge, number_stages, resolve_relative, stage_by_window
from docket.extract.commitment.pledgers import pledger
from docket.extract.commitment.pledges import _dated_only, _forward, _open_hits
from docket.extract.commitment.rules import Deadline
from docket.extract.common.commitment_words import rules
from docket.extract.common.counting import anchors
from docket.extract.common.state import (
    Extraction,
    char_spans,
    lower_lemmas,
    per_doc,
    state,
)
from docket.extract.event.component import assess, sources_of
from docket.extract.event.index import Index
from docket.extract.event.rules import Trigger, grammar, subtree_without, trigger, trigger_words
from docket.extract.event.status import weaker
from docket.record import Commitment, Event

# Event statuses of an action that a commitment tells instead; the agreement itself, and talks
# or meetings set for a date, stay events as well.
FOLDED_STATUSES = frozenset({"planned"})
KEPT_TYPES = frozenset({"AGREE", "CONSULT"})


def _region(token: Token, nested: set[int]) -> list[Token]:
    """The trigger's subtree, without the subtrees of other triggers inside it."""
    return subtree_without(token, lambda child: child.i in nested)


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


def _day_of_telling(token: Token, deadline: Deadline, index: Index) -> bool:
    """A past day told with "on" or bare, the only day of a sentence whose main verb is past: it
    dates the agreeing ("agreed to buy Instagram for $1 billion Monday"), not the act agreed."""
    timex = deadline.timex
    published = index.found.published
    if deadline.relative or deadline.rank < int(rules()["told_day_rank"]) or published is None:
        return False
    if timex.type not in ("DATE", "TIME") or timex.latest is None or timex.latest >= published:
        return False
    sent = token.sent
    if sent.root.tag_ != "VBD" or token.i == sent.root.i or sent.root not in token.ancestors:
        return False
    inside = [t for t in index.found.timexes if sent.start_char <= t.start < sent.end_char]
    return len([t for t in inside if t.type != "DURATION"]) == 1


def _from_now(deadline: Deadline) -> bool:
    """'within the next 12 months': a span said from the day of the report."""
    now_words = {str(w) for w in anchors()["from_now_words"]}
    return bool(now_words & set(deadline.timex.text.lower().split()))


def _talks_dated(hit: Trigger, token: Token, deadline: Deadline | None) -> bool:
    """Talks merely scheduled: 'the negotiations will start on February 27' (talks that start),
    'he will talk to Hu this week' (a side that will talk on a day), with no side obliged and no
    plan in the sentence; 'Osterlich would begin talks', 'talks are to open on March 10' and
    'agreed to talk on Monday' still bind."""
    if hit.type not in rules()["self_object_types"] or _obligated(token):
        return False
    if any(t.lemma_.lower() in _lemmas("plan_nouns") | _lemmas("plan_verbs") for t in token.sent):
        return False
    if hit.nominal:
        return token.dep_ == "nsubj" and token.head.lemma_ != grammar("be")
    return deadline is not None


def _talks_of_another_act(hit: Trigger, token: Token, positions: set[int]) -> bool:
    """Talks that are no act of their own: the occasion of one ('we agreed during the talks to
    initiate efforts'), or what a verb that is itself the act holds ('agreed to hold talks on Monday':
    one act, told by the verb)."""
    if not hit.nominal or hit.type not in rules()["self_object_types"]:
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _lemmas("occasion_prepositions"):
        return True
    held = token.head.lemma_.lower() in _lemmas("held_verbs")
    return token.dep_ == "dobj" and held and token.head.i in positions


def _candidates(doc: Doc, index: Index) -> list[Candidate]:
    actions = _lemmas("actions")
    hits = [h for h in (trigger(t) for t in trigger_words(doc)) if h is not None and h.action in actions]
    hits += _open_hits(doc, {h.token.i for h in hits}, index)
    stage_hits = _stage_words(doc, hits)
    stage_tokens = {h.token.i for h in stage_hits}
    positions = {h.token.i for h in hits} | stage_tokens
    pending: list[Candidate] = []
    told: set[int] = set()  # acts whose only day was the day of the telling
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
            deadline = self_granted(token, index)  # "agreed to give Iran two more weeks"
        if deadline is None:
            deadline = _deadline_noun(token, index)
        if deadline is None:
            deadline = _event_deadline(region, index)
        if deadline is None:
            deadline = _start_on_agreeing(doc, token, index)
        needs = _dated_only(doc).get(token.i)
        if needs is not None and (deadline is None or deadline.rank > needs):
            continue  # any act a side says it will do, only with a day it is to be done by
        if deadline is not None and _day_of_telling(token, deadline, index):
            deadline = None  # (the act stays what it was, with no deadline)
            told.add(token.i)
        if (
            deadline is not None
            and deadline.relative
            and token.i in per_doc(doc, "day_only_acts", set)
            and not _from_now(deadline)
        ):
            continue  # (a span said from now, "within the next 12 months", dates the act)
        if _talks_dated(hit, token, deadline) or _talks_of_another_act(hit, token, positions):
            continue
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
        undated = cand.deadline is None and token.i not in told
        if undated and not _obligated(token) and not promised:
            continue  # (time given without a date sets no deadline either)
        if undated and _decided_deed(token, cand.trigger.action):
            continue  # "decided to cancel the primaries": done in the deciding
        cand.obligor = obligor(cand, index)
        if not cand.obligor and _obligated(token):
            cand.obligor = pledger(token, index)  # "She ... promised to hold new elections"
        if undated and not _obligated(token) and not cand.obligor:
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
