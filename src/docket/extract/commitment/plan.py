"""A plan's commitments as a whole: elided stages, stage numbers, relative deadlines, twins."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from docket.extract.commitment.cues import object_phrase, stage_cue
from docket.extract.commitment.parts import Candidate, plan_words
from docket.extract.commitment.rules import Deadline, deadline_phrase, next_timex_id
from docket.extract.common.commitment_words import rules
from docket.extract.common.counted import counted_from, event_date
from docket.extract.common.counting import anchors, derived_deadline
from docket.extract.common.state import Extraction, lower_words, state
from docket.extract.event.index import Index
from docket.record import Event, Timex

# A deadline counted from the agreement and a date named elsewhere for the same action are
# one deadline when they fall this close ("over the next twelve months, and no later than
# the end of September 2025").
SAME_DEADLINE_DAYS = 31


def _prep_of(doc: Doc, timex: Timex) -> Token | None:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    current = span.root
    for _ in range(4):
        if current.dep_ == "prep" or current.head.i == current.i:
            return current
        current = current.head
    return None


def elided(doc: Doc, cands: list[Candidate], index: Index) -> list[Candidate]:
    """'hundreds ... by September next year and the rest by the end of 2026': the second half
    repeats the action for another object and deadline. Returns the added candidates."""
    used = {c.deadline.timex.id for c in cands if c.deadline is not None}
    added: list[Candidate] = []
    # only a timex in the sentence of a candidate with a deadline can add one
    spans = [(c.sent.start_char, c.sent.end_char) for c in cands if c.deadline is not None]
    for timex in index.found.timexes:
        if timex.id in used or not any(a <= timex.start < b for a, b in spans):
            continue
        if deadline_phrase(doc, timex) is None:
            continue
        prep = _prep_of(doc, timex)
        if prep is None:
            continue
        holder = prep.head
        for cand in cands:
            if cand.deadline is None or not (cand.sent.start_char <= timex.start < cand.sent.end_char):
                continue
            trigger = cand.trigger.token
            obj: Token | None = None
            if holder.pos_ in ("NOUN", "PROPN") and holder.dep_ == "conj":
                if trigger.i in {t.i for t in holder.head.subtree}:
                    obj = holder
            elif holder.i == trigger.i:
                obj = next(
                    (c for c in trigger.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None
                )
            where = _other_place(trigger, prep) if obj is None and holder.i == trigger.i else None
            thing: str | None
            if obj is not None:
                tokens, thing = list(obj.subtree), object_phrase(obj)
            elif where is not None:
                tokens, thing = [*where.subtree, *prep.subtree], cand.object
            else:
                continue
            clone = replace(
                cand,
                deadline=Deadline(timex, 1, relative=False),
                object=thing,
                quantity=next(iter(index.quantities_in(tokens)), None),
                stage_cue=stage_cue(tokens),
                stage=None,
                conditions=list(cand.conditions),
                region=tokens,
            )
            added.append(clone)
            used.add(timex.id)
            # the elided half is the clone's: its words no longer number the first half's stage
            taken = {t.i for t in tokens}
            cand.region = [t for t in cand.region if t.i not in taken]
            cand.stage_cue = stage_cue(cand.region)
            break
    return added


def _other_place(trigger: Token, prep: Token) -> Token | None:
    """'It will be launched in Europe on December 2 and in Japan on December 10': the place joined
    to the act's first dated phrase ("and in Japan") that the second date ("on December 10") is for;
    the same act, done there by then."""
    for child in trigger.children:
        if child.dep_ != "prep" or child.i >= prep.i:
            continue
        for conj in child.conjuncts:
            if conj.pos_ == "ADP" and child.i < conj.i < prep.i:
                return conj
    return None


def number_stages(cands: list[Candidate]) -> None:
    """Numbered stages of one plan: several deadlines of one sentence, or neighbours with stage cues."""
    groups: list[list[Candidate]] = []
    for cand in cands:
        last = groups[-1] if groups else None
        neighbour = last is not None and cand.sent.start - last[-1].sent.end <= 1
        same_side = last is not None and (
            not cand.obligor or not last[-1].obligor or bool(set(cand.obligor) & set(last[-1].obligor))
        )
        if last is not None and (
            last[-1].sent == cand.sent or (cand.stage_cue is not None and neighbour and same_side)
        ):
            last.append(cand)
        else:
            groups.append([cand])
    for group in groups:
        dated = [c for c in group if c.deadline is not None]
        keys = sorted({_order_key(c) for c in dated})
        explicit = [c for c in group if isinstance(c.stage_cue, int)]
        staged = any(t.lemma_.lower() in plan_words() for c in explicit for t in c.sent)
        if len(keys) < 2 and not (explicit and len(group) > 1) and not staged:
            continue
        for c in group:
            if isinstance(c.stage_cue, int):
                c.stage = c.stage_cue
            elif c.deadline is not None and len(keys) >= 2 and _order_key(c) in keys:
                c.stage = len(keys) if c.stage_cue == "last" else keys.index(_order_key(c)) + 1


def stage_by_window(cands: list[Candidate]) -> None:
    """'All US soldiers are to have left the base by September 15' in an article whose first stage
    ends in September: a deadline inside a numbered stage's month (or the same deadline) is that
    stage's. Only for a side the stage binds, and only when one stage fits."""
    staged = [c for c in cands if c.stage is not None and c.deadline is not None]
    for cand in cands:
        if cand.stage is not None or cand.deadline is None or cand.stage_cue is not None:
            continue
        fits = {
            s.stage
            for s in staged
            if s.deadline is not None
            and (not cand.obligor or not s.obligor or set(cand.obligor) & set(s.obligor))
            and (
                (s.deadline.timex.value, s.deadline.timex.mod)
                == (cand.deadline.timex.value, cand.deadline.timex.mod)
                or _within(cand.deadline.timex, s.deadline.timex)
            )
        }
        if len(fits) == 1:
            cand.stage = fits.pop()
    for cand in cands:
        if cand.stage is not None or cand.deadline is not None or cand.stage_cue is not None:
            continue
        # "During a first phase ..., Hamas is to free 33 hostages. Israeli forces are to pull back
        # ...": an undated action told right after a stage's sentence is part of that stage
        before = {s.stage for s in staged if 0 <= cand.sent.start - s.sent.end <= 1}
        if len(before) == 1:
            cand.stage = before.pop()


def _order_key(c: Candidate) -> str:
    assert c.deadline is not None
    t = c.deadline.timex
    return str(t.latest or t.value)


def _contains(words: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` starts at one of the positions of ``words`` (an empty one: if any)."""
    if not phrase:
        return bool(words)
    if phrase[0] not in words:
        return False
    n = len(phrase)
    return any(w == phrase[0] and words[i : i + n] == phrase for i, w in enumerate(words))


def _agreement_begins(sent: Span, cues: set[str]) -> bool:
    """A sentence where the agreement or a stage of it starts: "the truce begins on May 3"."""
    nouns = {str(w).lower() for w in rules()["plan_nouns"]} | plan_words()
    return any(
        tok.lemma_.lower() in cues
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in nouns for c in tok.children)
        for tok in sent
    )


def effect_timex(doc: Doc, found: Extraction) -> Timex | None:
    """The time the agreement takes effect, when the article says so."""
    weak = {str(c).lower() for c in rules()["effect_subject_cues"]}
    cues = [str(c).lower().split() for c in rules()["effect_cues"] if str(c).lower() not in weak]
    lowers = lower_words(doc)
    for sent in doc.sents:
        words = lowers[sent.start : sent.end]
        if not any(_contains(words, c) for c in cues) and not _agreement_begins(sent, weak):
            continue
        for timex in found.timexes:
            if sent.start_char <= timex.start < sent.end_char and timex.type in ("DATE", "TIME"):
                return timex
    return None


def _anchor(
    doc: Doc, cand: Candidate, effect: Timex | None, events: list[Event], by_id: dict[str, Timex]
) -> tuple[Timex | None, str | None]:
    """What a span counts from, and the words naming it: the event the text names after the span
    ("within 90 days of signing"), dated by the text or by nobody; else the agreement's taking
    effect, else the agreement's own time; else, for a span said from now ("over the next 25
    years") or time given with no day of giving ("has one month to"), the day of the report."""
    assert cand.deadline is not None
    counted = counted_from(doc, cand.deadline.timex)
    if counted is not None:
        return event_date(doc, counted, cand.sent.start_char), counted.text
    if cand.deadline.given_on is not None:  # "recalled on May 15 and given six weeks to"
        return cand.deadline.given_on, str(anchors()["given_anchor"])
    if effect is not None:
        return effect, str(anchors()["effect_anchor"])
    prior = [e for e in events if e.type == "AGREE" and e.time and e.start <= cand.trigger.token.idx]
    agreed = [e for e in events if e.type == "AGREE" and e.time]
    for event in prior[-1:] or agreed[:1]:
        if event.time and event.time in by_id:
            return by_id[event.time], event.text
    span = cand.deadline.timex
    published = state(doc).published
    now_words = {str(w) for w in anchors()["from_now_words"]}
    from_now = now_words & set(span.text.lower().split())
    if published is not None and (from_now or cand.deadline.granted):
        # "over the next 25 years", "has one month to": from the day of writing
        today = Timex(
            id="document",
            text="",
            start=0,
            end=0,
            type="DATE",
            value=published.isoformat(),
            earliest=published,
            latest=published,
        )
        return today, str(anchors()["report_anchor"])
    return None, None


def resolve_relative(cands: list[Candidate], found: Extraction, events: list[Event], doc: Doc) -> None:
    """Turn 'within 135 days' into the day it ends on, counted from the agreement."""
    by_id = {t.id: t for t in found.timexes}
    if not any(c.deadline is not None and c.deadline.relative for c in cands):
        return
    effect = effect_timex(doc, found)
    for cand in cands:
        if cand.deadline is None or not cand.deadline.relative:
            continue
        anchor, named = _anchor(doc, cand, effect, events, by_id)
        derived = derived_deadline(
            cand.deadline.timex, anchor, found.published, next_timex_id(found.timexes), named
        )
        if derived is not None:
            same = next((t for t in found.timexes if _restates(t, derived)), None)
            if same is None:
                found.timexes.append(derived)
                by_id[derived.id] = derived
            derived = same or derived
            cand.deadline = Deadline(derived, cand.deadline.rank, relative=True)


def _restates(known: Timex, derived: Timex) -> bool:
    """A date already counted the same way from the same span (another reading of one sentence)."""
    keys = ("start", "end", "type", "value", "anchor", "duration", "anchor_text")
    return known.duration is not None and all(getattr(known, k) == getattr(derived, k) for k in keys)


def merge(cands: list[Candidate]) -> list[Candidate]:
    """One commitment per action and deadline: keep the most specific report of it."""
    kept: list[Candidate] = []
    for cand in cands:
        twin = next((k for k in kept if _same(k, cand)), None)
        if twin is None:
            kept.append(cand)
            continue
        conditions = list(dict.fromkeys(twin.conditions + cand.conditions))
        context = twin.context + twin.region + cand.context + cand.region
        if _score(cand) > _score(twin):
            kept[kept.index(twin)] = cand
            cand.conditions, cand.context = conditions, context
        else:
            twin.conditions, twin.context = conditions, context
    return kept


def _words(text: str) -> set[str]:
    return {w for w in text.lower().split() if len(w) > 3}


def _day(timex: Timex) -> dt.date | None:
    return timex.latest


def _within(inner: Timex, outer: Timex) -> bool:
    """The narrower deadline falls inside the wider one, and the wider spans at most a month."""
    if None in (inner.earliest, inner.latest, outer.earliest, outer.latest):
        return False
    assert inner.earliest and inner.latest and outer.earliest and outer.latest
    if (outer.latest - outer.earliest).days > SAME_DEADLINE_DAYS:
        return False
    return outer.earliest <= inner.earliest and inner.latest <= outer.latest


def _same(a: Candidate, b: Candidate) -> bool:
    if a.trigger.action != b.trigger.action:
        return False
    if a.obligor and b.obligor and not set(a.obligor) & set(b.obligor):
        return False
    if a.deadline is None or b.deadline is None:
        return a.deadline is None and b.deadline is None and a.sent == b.sent
    ta, tb = a.deadline.timex, b.deadline.timex
    if a.object and b.object and not _words(a.object) & _words(b.object) and a.sent != b.sent:
        # two accounts that name different things ("all coalition forces" out of one base,
        # "hundreds of troops") stay apart; the stories stage weighs them
        return False
    if (ta.value, ta.mod) == (tb.value, tb.mod):
        return a.stage == b.stage or a.stage is None or b.stage is None
    if _within(ta, tb) or _within(tb, ta):
        # "by mid-September" and "no later than Sept. 15": one deadline, told twice
        return a.stage is None and b.stage is None
    if a.deadline.relative != b.deadline.relative:
        da, db = _day(ta), _day(tb)
        return da is not None and db is not None and abs((da - db).days) <= SAME_DEADLINE_DAYS
    return False


def _score(c: Candidate) -> int:
    narrow = c.deadline is not None and c.deadline.timex.earliest == c.deadline.timex.latest
    return (
        narrow * 2
        + (c.stage_cue is not None) * 3
        + (c.stage is not None) * 4
        + bool(c.obligor) * 2
        + bool(c.object)
        + bool(c.quantity)
        + (c.deadline is not None and not c.deadline.relative) * 4
        + (c.deadline is not None) * 4
    )
