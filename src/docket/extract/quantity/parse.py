"""The quantity grammar: numbers in digits and words, modifiers, ranges, vague amounts, units.

A small grammar over spaCy tokens, with every word read from ``data/quantity.yaml``::

    quantity := [modifier] [opener] [currency] core [range-word core] [unit] [ellipsis | noun]
    core     := digits [scale] | number-words | vague-amount

It works on a tokenizer-only Doc too (no tags, no parse): the counted noun then
comes from the vocabulary of counted nouns. :func:`words_value` and
:func:`digits_value` are the pure parsers underneath.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc

from docket import data

Number = int | float

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")
_DIGIT_RANGE = re.compile(
    r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[-–]((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$"
)


def _phrases(words: Any) -> dict[tuple[str, ...], Any]:
    """Data keys (multi-word strings) as token tuples: 'more than' -> ('more', 'than')."""
    if isinstance(words, Mapping):
        return {tuple(str(k).lower().split()): v for k, v in words.items()}
    return {tuple(str(w).lower().split()): True for w in words}


@dataclass(frozen=True)
class Vocab:
    numbers: Mapping[str, int]
    scales: Mapping[str, int]
    scale_suffixes: Mapping[str, int]
    one_words: frozenset[str]
    joiners: frozenset[str]
    weak: frozenset[str]
    vague: Mapping[tuple[str, ...], tuple[int, int]]
    modifiers: Mapping[tuple[str, ...], Mapping[str, Any]]
    range_words: frozenset[str]
    openers: Mapping[str, str]
    ellipsis: frozenset[str]
    currency_symbols: Mapping[str, str]
    currency_words: Mapping[tuple[str, ...], str]
    percent: Mapping[tuple[str, ...], bool]
    units: Mapping[tuple[str, ...], str]
    nouns: Mapping[tuple[str, ...], bool]
    noun_window: int
    noun_stops: frozenset[str]
    noun_joiners: frozenset[str]
    of_words: frozenset[str]
    year_range: tuple[int, int]
    starters: frozenset[str] = frozenset()

    def may_start(self, word: str) -> bool:
        """Whether a quantity can start with this (lower-cased) word: a cheap filter before parsing."""
        return word[:1].isdigit() or word in self.starters


@cache
def vocab() -> Vocab:
    d: Mapping[str, Any] = data.load("quantity.yaml")
    low, high = d["year_range"]
    v = Vocab(
        numbers={str(k): int(v) for k, v in d["numbers"].items()},
        scales={str(k): int(v) for k, v in d["scales"].items()},
        scale_suffixes={str(k): int(v) for k, v in d["scale_suffixes"].items()},
        one_words=frozenset(d["one_words"]),
        joiners=frozenset(d["joiners"]),
        weak=frozenset(d["weak_numbers"]),
        vague={k: (int(v[0]), int(v[1])) for k, v in _phrases(d["vague"]).items()},
        modifiers=_phrases(d["modifiers"]),
        range_words=frozenset(str(w) for w in d["range_words"]),
        openers={str(k): str(v) for k, v in d["range_openers"].items()},
        ellipsis=frozenset(d["ellipsis_words"]),
        currency_symbols={str(k): str(v) for k, v in d["currency_symbols"].items()},
        currency_words={k: str(v) for k, v in _phrases(d["currency_words"]).items()},
        percent=_phrases(d["percent_words"]),
        units={k: str(v) for k, v in _phrases(d["units"]).items()},
        nouns=_phrases(d["counted_nouns"]),
        noun_window=int(d["noun_window"]),
        noun_stops=frozenset(str(w) for w in d["noun_stops"]),
        noun_joiners=frozenset(str(w) for w in d["noun_joiners"]),
        of_words=frozenset(d["of_words"]),
        year_range=(int(low), int(high)),
    )
    words = set(v.numbers) | set(v.scales) | set(v.one_words) | set(v.openers) | set(v.currency_symbols)
    words |= {key[0] for table in (v.vague, v.modifiers) for key in table}
    return replace(v, starters=frozenset(w.lower() for w in words))


def _num(value: float) -> Number:
    return int(value) if float(value).is_integer() and abs(value) < 1e18 else value


def digits_value(text: str) -> Number | None:
    """'2,500' -> 2500, '2.5' -> 2.5, '5bn' -> 5000000000; None if ``text`` is not a number."""
    v = vocab()
    if _DIGITS.match(text):
        return _num(float(text.replace(",", "")))
    m = _DIGITS_SUFFIX.match(text.lower())
    if m and m.group(2) in v.scale_suffixes:
        return _num(float(m.group(1).replace(",", "")) * v.scale_suffixes[m.group(2)])
    return None


def words_value(words: Sequence[str]) -> Number | None:
    """The value of a number written in words: ['two', 'hundred', 'and', 'fifty'] -> 250."""
    v = vocab()
    total = current = 0
    seen = False
    for n, raw in enumerate(words):
        word = raw.lower()
        if word in v.numbers:
            current += v.numbers[word]
            seen = True
        elif word in v.scales:
            scale = v.scales[word]
            if scale < 1000:
                current = max(current, 1) * scale
            else:
                total += max(current, 1) * scale
                current = 0
            seen = True
        elif word in v.one_words and n + 1 < len(words) and words[n + 1].lower() in v.scales and n == 0:
            current = 1
        elif word in v.joiners or word in {"-", "‑"}:
            continue
        else:
            return None
    return total + current if seen else None


@dataclass
class Found:
    """One quantity, in token indices (end exclusive) and values."""

    start: int
    end: int
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    approx: bool = False
    mod: str | None = None
    unit: str | None = None
    currency: str | None = None
    noun: str | None = None
    elliptical: bool = False
    plain_digits: bool = False  # one digit token with no comma or decimal point (could be a year)
    adjective: bool = False  # part of a hyphenated adjective: "a four-way race"


@dataclass
class _Core:
    end: int
    value: Number | None
    low: Number | None = None
    high: Number | None = None
    vague: bool = False
    scaled: bool = False
    plain: bool = False
    factor: int = 1  # the scale the core was multiplied by: 1000000 for "3 million"


_INDEXES: dict[int, dict[str, list[tuple[tuple[str, ...], Any]]]] = {}


def _index(table: Mapping[tuple[str, ...], Any]) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    """The table's entries by first word, longest first (the tables live as long as the process)."""
    index = _INDEXES.get(id(table))
    if index is None:
        index = {}
        for key, value in sorted(table.items(), key=lambda kv: -len(kv[0])):
            index.setdefault(key[0], []).append((key, value))
        _INDEXES[id(table)] = index
    return index


def _match(doc: Doc, i: int, table: Mapping[tuple[str, ...], Any]) -> tuple[int, Any] | None:
    """The longest entry of ``table`` that starts at token i: (end, value)."""
    if i >= len(doc):
        return None
    for key, value in _index(table).get(doc[i].lower_, ()):
        n = len(key)
        if i + n <= len(doc) and all(doc[i + k].lower_ == key[k] for k in range(1, n)):
            return i + n, value
    return None


def _core(doc: Doc, i: int, v: Vocab) -> _Core | None:
    if i >= len(doc):
        return None
    vague = _match(doc, i, v.vague)
    if vague is not None:
        end, (low, high) = vague
        return _Core(end, None, low, high, vague=True)
    tok = doc[i]
    m = _DIGIT_RANGE.match(tok.text)
    if m:
        low, high = digits_value(m.group(1)), digits_value(m.group(2))
        if low is not None and high is not None and low <= high:
            return _Core(i + 1, None, low, high)
    value = digits_value(tok.text)
    if value is not None:
        end = i + 1
        factor = 1
        if end < len(doc):
            nxt = doc[end].lower_
            if nxt in v.scales and v.scales[nxt] >= 100:
                factor = v.scales[nxt]
            elif nxt in v.scale_suffixes and tok.whitespace_ == "" and doc[end].is_alpha:
                factor = v.scale_suffixes[nxt]
            if factor > 1:
                value, end = _num(value * factor), end + 1
        suffixed = _DIGITS.match(tok.text) is None
        plain = factor == 1 and tok.text.isdigit()
        return _Core(end, value, scaled=factor > 1 or suffixed, plain=plain, factor=factor)
    return _words_core(doc, i, v)


def _words_core(doc: Doc, i: int, v: Vocab) -> _Core | None:
    words: list[str] = []
    j = i
    scaled = False
    while j < len(doc):
        low = doc[j].lower_
        parts = low.split("-") if "-" in low and len(low) > 1 else [low]
        if all(p in v.numbers or p in v.scales for p in parts):
            words.extend(parts)
            scaled = scaled or any(p in v.scales for p in parts)
            j += 1
        elif low in v.one_words and not words and j + 1 < len(doc) and doc[j + 1].lower_ in v.scales:
            words.append(low)
            j += 1
        elif (low in v.joiners or low in {"-", "‑"}) and words and j + 1 < len(doc):
            nxt = doc[j + 1].lower_
            if nxt in v.numbers and (low != "and" or words[-1] in v.scales):
                words.append(low)
                j += 1
            else:
                break
        else:
            break
    if not words:
        return None
    value = words_value(words)
    if value is None:
        return None
    factors = [v.scales[w] for w in words if w in v.scales and v.scales[w] >= 1000]
    return _Core(j, value, scaled=scaled, factor=max(factors, default=1))


def parse_at(doc: Doc, i: int, v: Vocab | None = None) -> Found | None:
    """The quantity starting at token i, or None."""
    v = v or vocab()
    if not v.may_start(doc[i].lower_) and "-" not in doc[i].text:
        return None
    j = i
    mod_spec: Mapping[str, Any] = {}
    modifier = _match(doc, j, v.modifiers)
    if modifier is not None:
        j, mod_spec = modifier
    closer = v.openers.get(doc[j].lower_) if j < len(doc) else None
    if closer is not None:
        j += 1
    currency: str | None = None
    if j < len(doc) and doc[j].text in v.currency_symbols:
        currency = v.currency_symbols[doc[j].text]
        j += 1
    core = _core(doc, j, v)
    if core is None:
        return None
    found = Found(start=i, end=core.end, value=core.value, low=core.low, high=core.high)
    opener_at = j - 1 - (currency is not None) if closer is not None else -1
    found.plain_digits = core.plain
    found.approx = core.vague
    # a range: "250 to 350", "between 2,000 and 2,500"
    k = core.end
    if not core.vague and core.value is not None and k < len(doc):
        joiner = doc[k].lower_
        if (closer is not None and joiner == closer) or (closer is None and joiner in v.range_words):
            k2 = k + 1
            if k2 < len(doc) and doc[k2].text in v.currency_symbols and doc[k2].text == doc[j - 1].text:
                k2 += 1  # "between $5 and $10"
            second = _core(doc, k2, v)
            if second is not None and not second.vague and second.value is not None:
                first = core.value
                # "2 to 3 million": the first number shares the second's scale
                if second.factor > 1 and core.factor == 1 and first * second.factor <= second.value:
                    first = _num(first * second.factor)
                if first <= second.value:
                    found.value, found.low, found.high, found.end = None, first, second.value, second.end
                    found.plain_digits = False
    if closer is not None and found.low is None and opener_at == i:
        found.start = i + 1  # "from 57 mln" with no "to ...": the opener is not part of it
    if mod_spec:
        found.mod = str(mod_spec.get("mod"))
        found.approx = found.approx or not mod_spec.get("exact", False)
        bound = mod_spec.get("bound")
        if found.value is not None and bound == "low":
            found.low = found.value
        elif found.value is not None and bound == "high":
            found.high = found.value
    if currency is not None:
        found.unit, found.currency = "money", currency
    _unit_and_noun(doc, found, core, v)
    return found


def _unit_and_noun(doc: Doc, found: Found, core: _Core, v: Vocab) -> None:
    k = found.end
    if found.unit is None:
        for table, kind in ((v.percent, "percent"), (v.currency_words, "money"), (v.units, "unit")):
            hit = _match(doc, k, table)
            if hit is None:
                continue
            end, value = hit
            if kind == "percent":
                found.unit, found.noun = "percent", "percent"
            elif kind == "money":
                found.unit, found.currency = "money", str(value)
                found.noun = doc[k:end].text.lower()
            else:
                found.unit, found.noun = str(value), doc[k:end].text.lower()
            found.end = end
            return
    elif found.unit == "money":
        hit = _match(doc, k, v.currency_words)
        if hit is not None:
            found.noun, found.end = doc[k : hit[0]].text.lower(), hit[0]
        return
    if k < len(doc) and doc[k].lower_ in v.ellipsis:
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        if doc.has_annotation("TAG"):
            ends = nxt is None or (
                nxt.pos_ not in {"ADJ", "NOUN", "PROPN", "NUM"} and nxt.tag_ not in {"VBG", "VBN"}
            )
        else:
            ends = nxt is None or nxt.is_punct or nxt.lower_ in v.noun_stops
        if ends:
            found.elliptical = True  # "dozens more.", "twenty-five others waited"
            found.end = k + 1
            return
        k += 1  # "several other struggling companies"
    if (core.vague or core.scaled) and k < len(doc) and doc[k].lower_ in v.of_words:
        k += 1
    _noun(doc, found, k, v)


def _noun(doc: Doc, found: Found, k: int, v: Vocab) -> None:
    """The counted noun: a listed word, else (with tags) the head of the noun phrase after the number."""
    limit = min(len(doc), k + v.noun_window)
    tagged = doc.has_annotation("TAG")
    first = k
    while k < limit:
        tok = doc[k]
        if k > found.start and tok.is_sent_start:
            return
        attached_hyphen = (
            tok.text == "-" and k == first and doc[k - 1].whitespace_ == "" and tok.whitespace_ == ""
        )
        if attached_hyphen:  # "a 15-member council" counts members; a "four-way race" counts nothing
            if k + 1 < len(doc) and (doc[k + 1].lower_,) in v.nouns:
                _set_noun(found, doc[k + 1].lower_, k + 2)
            else:
                found.adjective = True
            return
        if tok.lower_ in v.noun_joiners and k > first and k + 1 < limit:
            k += 1  # "1,500 American and other coalition personnel"
            continue
        if tok.lower_ in v.noun_stops or tok.is_punct:
            return
        listed = _match(doc, k, v.nouns)
        if listed is not None:
            _set_noun(found, doc[k : listed[0]].text.lower(), listed[0])
            return
        if tagged and tok.pos_ == "NOUN":
            last = k
            while (
                last + 1 < limit and doc[last + 1].pos_ == "NOUN" and doc[last + 1].lower_ not in v.noun_stops
            ):
                last += 1
            _set_noun(found, doc[last].lower_, last + 1)
            return
        if tagged and tok.pos_ == "PROPN" and (tok.tag_ == "NNPS" or _ends_phrase(doc, k + 1, v)):
            _set_noun(found, tok.text, k + 1)  # "169 Afghans", "thousands of Palestinians"
            return
        if tagged and tok.pos_ not in {"ADJ", "PROPN", "DET", "ADV", "NUM", "VERB", "X"}:
            return
        k += 1


def _ends_phrase(doc: Doc, k: int, v: Vocab) -> bool:
    return k >= len(doc) or doc[k].is_punct or doc[k].lower_ in v.noun_stops or doc[k].pos_ in {"VERB", "AUX"}


def _set_noun(found: Found, noun: str, end: int) -> None:
    found.noun, found.end = noun, end
    found.unit = found.unit or "count"
