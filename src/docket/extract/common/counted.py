"""What a deadline given as a span counts from: "within 90 days of signing", "42 days after the truce
takes effect", "for 120 days from March 18", "72 hours after the pullback".

The event is the one the text names after the span; its day is a date inside those words, else the
date of a sentence that tells of the same event (its words, by lemma). Where the text dates it
nowhere, the deadline stays a span whose anchor is ``unknown``. The words live in
``data/deadlines.yaml``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from docket.extract.common.counting import anchors, day_of, derived_deadline
from docket.extract.common.state import per_doc, state, text_of, token_bounds
from docket.record import Timex

# a span's TIMEX3 mod, and the mod of the day it ends on
_POINT_MODS = {
    "MORE_THAN": "AFTER",
    "LESS_THAN": "BEFORE",
    "EQUAL_OR_MORE": "ON_OR_AFTER",
    "EQUAL_OR_LESS": "ON_OR_BEFORE",
}


@dataclass(frozen=True)
class Counted:
    """The event a span counts from, as the text names it after the span."""

    text: str  # "signing", "the truce takes effect"
    start: int
    end: int
    link: str  # the word joining it to the span: of, after, from ...
    lemmas: tuple[str, ...]  # its words that name the event


@dataclass(frozen=True)
class _Words:
    links: frozenset[str]
    of_needs: tuple[tuple[str, ...], ...]
    stops: frozenset[str]
    most: int
    weak: frozenset[str]
    forward: frozenset[str]
    of_like: frozenset[str]
    asides: frozenset[str]
    silent_endings: tuple[str, ...]
    noun_endings: tuple[str, ...]


@cache
def _words() -> _Words:
    a = anchors()
    return _Words(
        links=frozenset(str(w) for w in a["anchor_links"]),
        of_needs=tuple(tuple(str(p).split()) for p in a["of_needs"]),
        stops=frozenset(str(w) for w in a["anchor_stops"]),
        most=int(a["anchor_most_words"]),
        weak=frozenset(str(w) for w in a["anchor_weak_words"]),
        forward=frozenset(str(w) for w in a["told_after_links"]),
        of_like=frozenset(str(w) for w in a["of_like_links"]) | {"of"},
        asides=frozenset(str(w) for w in a["aside_openers"]),
        silent_endings=tuple(str(w) for w in a["event_nouns"]["silent_endings"]),
        noun_endings=tuple(str(w) for w in a["event_nouns"]["endings"]),
    )


def _token_at(doc: Doc, char: int) -> Token | None:
    """The first token starting at or after ``char``."""
    starts = per_doc(doc, "token_starts", lambda: [start for start, _ in token_bounds(doc)])
    at = bisect.bisect_left(starts, char)
    return doc[at] if at < len(doc) else None


def counted_from(doc: Doc, span: Timex) -> Counted | None:
    """The event named right after a span ("90 days *of signing*"), if one is."""
    words = _words()
    first = _token_at(doc, span.end)
    if first is not None and first.lower_ in words.asides and first.i + 1 < len(doc):
        first = doc[first.i + 1]  # "3 month (starting February 27th)"
    if first is None or first.lower_ not in words.links:
        return None
    if first.lower_ in words.of_like:
        text = text_of(doc)
        before = text[max(0, span.start - 40) : span.start].lower().split()
        if not any(tuple(before[-len(p) :]) == p for p in words.of_needs):
            return None  # "the 90 days of talks": no start named
    sent_end = first.sent.end
    dated = [(t.start, t.end) for t in state(doc).timexes if t.start >= span.end]
    tokens: list[Token] = []
    for tok in first.doc[first.i + 1 : sent_end]:
        inside = any(a <= tok.idx < b for a, b in dated)  # "the signing on June 27, 2025"
        if (not inside and (tok.lower_ in words.stops or tok.is_punct)) or len(tokens) >= words.most:
            break
        if tok.is_space:
            continue
        tokens.append(tok)
    lemmas = tuple(
        t.lemma_.lower() for t in tokens if t.lower_ not in words.weak and t.lemma_.lower() not in words.weak
    )
    if not tokens or not lemmas:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Counted(text_of(doc)[start:end], start, end, first.lower_, lemmas)


def _alike(a: str, b: str) -> bool:
    """One lemma is the other or begins it ("pull" / "pullback", "withdraw" / "withdrawal"), or the
    other is a noun made of it ("rule" / "ruling", "approve" / "approval", "vote" / "voting")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4:
        return False
    if long.startswith(short):
        return True
    words = _words()
    stems = [short[: -len(e)] for e in words.silent_endings if short.endswith(e)]
    return any(long == stem + end for stem in stems for end in words.noun_endings)


def _dated(t: Timex) -> bool:
    if t.type not in ("DATE", "TIME") or t.ends or t.duration is not None:
        return False  # a range, or a date counted from another event
    return day_of(t) is not None or len(t.value) == 7


def event_date(doc: Doc, counted: Counted, before: int) -> Timex | None:
    """The timex that dates the event: a date inside its words ("from March 18"), else the date of
    the nearest sentence telling of it (before ``before`` first, then after), nearest its words."""
    timexes = state(doc).timexes
    inside = [t for t in timexes if counted.start <= t.start < counted.end and _dated(t)]
    if inside:
        return inside[0]
    need = min(2, len(counted.lemmas))
    found: list[tuple[int, int, Timex]] = []
    for sent in doc.sents:
        hits: list[Token] = []
        wanted = list(counted.lemmas)
        for tok in sent:
            if counted.start <= tok.idx < counted.end or tok.is_punct:
                continue
            lemma = tok.lemma_.lower()
            match = next((w for w in wanted if _alike(w, lemma) or _alike(w, tok.lower_)), None)
            if match is not None:
                wanted.remove(match)
                hits.append(tok)
        if len(hits) < need:
            continue
        dated = [t for t in timexes if sent.start_char <= t.start < sent.end_char and _dated(t)]
        if not dated:
            continue
        at = hits[0].idx
        best = min(dated, key=lambda t: abs(t.start - at))
        # sentences before the commitment first, the nearest of them; then those after
        order = (0, before - sent.start_char) if sent.start_char < before else (1, sent.start_char - before)
        found.append((*order, best))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]


def counted_dates(doc: Doc) -> list[Timex]:
    """The days that spans counted from a dated event fall on: "Three days after the armistice" (the
    armistice dated 11 November 1918) is 14 November 1918, kept beside the span (ids ``c1``, ``c2`` ...;
    the record numbers them on after the timexes). Needs the doc's sentences and lemmas."""
    found = state(doc)
    out: list[Timex] = []
    for span in found.timexes:
        if span.type != "DURATION":
            continue
        counted = counted_from(doc, span)
        if counted is None or counted.link not in _words().forward:
            continue
        anchor = event_date(doc, counted, span.start)
        if anchor is None:
            continue
        derived = derived_deadline(span, anchor, found.published, f"c{len(out) + 1}", counted.text)
        if derived is not None and derived.type == "DATE":
            end = counted.end
            # "more than three months after": after that day (TIMEX3 mods of a span, then of a point)
            mod = _POINT_MODS.get(span.mod or "", span.mod)
            update = {"text": text_of(doc)[span.start : end], "end": end, "mod": mod}
            out.append(derived.model_copy(update=update))
    return out
