"""The temporal grammar: word classes and token patterns from data/timex.yaml, and the matcher.

Text is cut into *pieces*: spaCy's tokens, further split at inner hyphens and
slashes ("mid-2025" -> "mid", "-", "2025") so that patterns see the parts. A
piece (or a phrase of up to four pieces) belongs to the classes the data file
lists it under, or to a shape class read from its characters (YEAR, DAYNUM ...).
A pattern is a sequence of classes; at each piece the longest match wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from docket import data

MAX_PHRASE = 5
# Characters at which a token is split into pieces, kept as pieces themselves.
# a clock time written against its "am"/"pm" ("12PM", "1:00AM") splits before it
_SPLIT = re.compile(r"(?<=\w)([-–/])(?=\w)|(?<=[a-zA-Z]\.)(?=\d)|(?<=\d)(?=[aApP]\.?[mM]\.?$)")
_MAY_SPLIT = re.compile(r"[-–/.]|\d[aApP]\.?[mM]\.?$")
_DIGITS = re.compile(r"\d+")
# The most digits a number in a time expression is read with ("in 20 years", "20240907").
_MAX_DIGITS = 18
_CLOCK = re.compile(r"^([01]?\d|2[0-4])[:.]([0-5]\d)$")
_ORDNUM = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_DECADE = re.compile(r"^(\d{1,3}0)'?s$")
_QNUM = re.compile(r"^[qQ]([1-4])$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_FRACTION = re.compile(r"^([1-3])/([2-4])$")


@dataclass(frozen=True)
class Piece:
    text: str
    lower: str
    start: int
    end: int
    token: int  # index of the spaCy token it comes from
    space_before: bool  # whitespace (or text start) right before it


@dataclass(frozen=True)
class Slot:
    """One element of a match: its class, what it means, and the pieces it covers."""

    cls: str
    value: Any
    first: int
    last: int  # inclusive piece index


@dataclass
class Match:
    kind: str
    first: int
    last: int  # inclusive
    slots: list[Slot] = field(default_factory=list)

    def get(self, cls: str) -> Slot | None:
        for slot in self.slots:
            if slot.cls == cls:
                return slot
        return None

    def all(self, cls: str) -> list[Slot]:
        return [slot for slot in self.slots if slot.cls == cls]


@dataclass(frozen=True)
class Element:
    cls: str
    optional: bool


@dataclass(frozen=True)
class Pattern:
    kind: str
    elements: tuple[Element, ...]
    order: int


@dataclass(frozen=True)
class Grammar:
    lexicon: dict[str, dict[str, Any]]  # phrase -> {class: value}
    prefixes: frozenset[str]  # every proper beginning of a phrase, to stop looking early
    patterns: tuple[Pattern, ...]
    by_first: dict[str, tuple[Pattern, ...]]
    rules: dict[str, Any]
    # by pattern order: the classes its first two elements take, where neither is optional
    openings: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        return frozenset(str(w) for w in self.rules.get(key, []))


@cache
def grammar(name: str = "timex.yaml") -> Grammar:
    raw = data.load(name)
    lexicon: dict[str, dict[str, Any]] = {}
    for cls, words in raw["classes"].items():
        for word, value in words.items():
            lexicon.setdefault(str(word).lower(), {})[cls] = value
    patterns: list[Pattern] = []
    for entry in raw["patterns"]:
        elements = tuple(Element(e.rstrip("?"), e.endswith("?")) for e in str(entry["seq"]).split())
        patterns.append(Pattern(str(entry["kind"]), elements, len(patterns)))
    by_first: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        for cls in _first_classes(pattern.elements):
            by_first.setdefault(cls, []).append(pattern)
    rules = {k: v for k, v in raw.items() if k not in ("classes", "patterns")}
    prefixes = frozenset(_phrase_prefixes(lexicon))
    openings = {
        p.order: (_expand(p.elements[0].cls), _expand(p.elements[1].cls))
        for p in patterns
        if len(p.elements) > 1 and not p.elements[0].optional and not p.elements[1].optional
    }
    by_pattern = {k: tuple(v) for k, v in by_first.items()}
    return Grammar(lexicon, prefixes, tuple(patterns), by_pattern, rules, openings)


def _phrase_prefixes(lexicon: dict[str, dict[str, Any]]) -> Iterable[str]:
    """The beginnings of multi-word phrases, as the matcher builds them word by word."""
    for phrase in lexicon:
        words = phrase.split(" ")
        for n in range(1, len(words)):
            yield " ".join(words[:n])
        # phrases written without spaces inside ("new year's", "twenty-first") are built piece by piece
        for cut in range(1, len(phrase)):
            if not phrase[cut - 1].isalnum() or not phrase[cut].isalnum():
                yield phrase[:cut].rstrip()


def _first_classes(elements: Sequence[Element]) -> list[str]:
    out: list[str] = []
    for element in elements:
        out.extend(_expand(element.cls))
        if not element.optional:
            break
    return out


# Classes that stand for others.
_ALIASES: dict[str, tuple[str, ...]] = {"NUMBER": ("NUM", "NUMWORD")}


def _expand(cls: str) -> tuple[str, ...]:
    return _ALIASES.get(cls, (cls,))


def pieces_of(tokens: Iterable[tuple[str, int, bool]]) -> list[Piece]:
    """Pieces from (token text, start char, space before) triples."""
    out: list[Piece] = []
    for index, (text, start, space) in enumerate(tokens):
        if not text.strip():
            continue
        keep_whole = not _MAY_SPLIT.search(text) or text.lower() in grammar().lexicon or _shape_classes(text)
        if keep_whole:
            out.append(Piece(text, text.lower(), start, start + len(text), index, space))
            continue
        pos = 0
        first = True
        for part in _split(text):
            if part:
                out.append(
                    Piece(part, part.lower(), start + pos, start + pos + len(part), index, space and first)
                )
                first = False
            pos += len(part)
    return out


def _split(text: str) -> list[str]:
    parts: list[str] = []
    last = 0
    for m in _SPLIT.finditer(text):
        parts.append(text[last : m.start()])
        if m.group(1):
            parts.append(m.group(1))
        last = m.end()
    parts.append(text[last:])
    return parts


@lru_cache(maxsize=1 << 16)
def _shape_classes(text: str) -> dict[str, Any]:
    """Classes read from a piece's characters: numbers, years, clock times, ordinals ..."""
    out: dict[str, Any] = {}
    if _DIGITS.fullmatch(text):
        if len(text) > _MAX_DIGITS:
            return out  # no time expression counts so far; int() refuses past 4,300 digits
        number = int(text)
        out["NUM"] = number
        if len(text) == 4:
            out["YEAR"] = number
        if 1 <= number <= 31 and len(text) <= 2:
            out["DAYNUM"] = number
        if 1 <= number <= 12 and len(text) == 2:
            out["MONTHNUM"] = number
        return out
    m = _CLOCK.match(text)
    if m and ":" in text:
        out["CLOCK"] = (int(m.group(1)), int(m.group(2)))
        return out
    m = _ORDNUM.match(text.lower())
    if m and 1 <= int(m.group(1)) <= 31:
        out["ORDNUM"] = int(m.group(1))
        return out
    m = _DECADE.match(text)
    if m:
        out["DECADE"] = m.group(1)
        return out
    m = _QNUM.match(text)
    if m:
        out["QNUM"] = int(m.group(1))
        return out
    m = _FRACTION.match(text)
    if m and int(m.group(1)) < int(m.group(2)):
        out["FRACTION"] = int(m.group(1)) / int(m.group(2))
        return out
    m = _SLASH.match(text)
    if m:
        out["DATESLASH"] = (int(m.group(1)), int(m.group(2)), m.group(3))
    return out


class Matcher:
    """Finds the grammar's patterns in a list of pieces."""

    def __init__(self, pieces: Sequence[Piece], gram: Grammar | None = None) -> None:
        self.pieces = pieces
        self.gram = gram or grammar()
        self._cache: dict[int, list[tuple[str, Any, int]]] = {}

    def classes_at(self, i: int) -> list[tuple[str, Any, int]]:
        """(class, value, pieces used) for the words and phrases starting at piece i."""
        hit = self._cache.get(i)
        if hit is not None:
            return hit
        found: list[tuple[str, Any, int]] = []
        if i < len(self.pieces):
            lex = self.gram.lexicon
            key = ""
            for n in range(MAX_PHRASE):
                j = i + n
                if j >= len(self.pieces):
                    break
                piece = self.pieces[j]
                # a phrase's words are joined as written: "new year's day", "twenty-first"
                key = (
                    piece.lower
                    if not n
                    else (f"{key} {piece.lower}" if piece.space_before else key + piece.lower)
                )
                entry = lex.get(key)
                if entry:
                    found.extend((cls, value, n + 1) for cls, value in entry.items())
                if key not in self.gram.prefixes:
                    break
            for cls, value in _shape_classes(self.pieces[i].text).items():
                found.append((cls, value, 1))
            spoken = self._spoken_year(i)
            if spoken is not None:
                found.append(("YEAR", spoken[0], spoken[1]))
        self._cache[i] = found
        return found

    def _word_value(self, i: int, cls: str) -> Any:
        if i >= len(self.pieces):
            return None
        return self.gram.lexicon.get(self.pieces[i].lower, {}).get(cls)

    def _spoken_year(self, i: int) -> tuple[int, int] | None:
        """A year said in words, as transcripts write it ("nineteen ninety-six"): (year, pieces used)."""
        century = self._word_value(i, "SPOKENCENTURY")
        tens = self._word_value(i + 1, "NUMWORD")
        if century is None or not isinstance(tens, int) or not 10 <= tens <= 99:
            return None
        used = 2
        if tens % 10 == 0 and tens >= 20 and i + 3 < len(self.pieces) and self.pieces[i + 2].lower == "-":
            ones = self._word_value(i + 3, "NUMWORD")
            if isinstance(ones, int) and 1 <= ones <= 9:
                tens, used = tens + ones, 4
        return int(century) * 100 + tens, used

    def has(self, i: int, cls: str) -> bool:
        return any(c == cls for c, _, _ in self.classes_at(i))

    def candidates(self, i: int) -> list[Match]:
        """Every match starting at piece i, longest first (the grammar's order among equals)."""
        firsts = {c for c, _, _ in self.classes_at(i)}
        found: list[tuple[int, int, Match]] = []
        patterns = {p.order: p for c in firsts for p in self.gram.by_first.get(c, ())}
        openings = self.gram.openings
        for order, pattern in patterns.items():
            opening = openings.get(order)
            if opening is not None and not self._opens(i, *opening):
                continue
            for end, slots in self._match(pattern.elements, 0, i, []):
                found.append((-end, order, Match(pattern.kind, i, end - 1, slots)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [match for _, _, match in found]

    def _opens(self, i: int, first: tuple[str, ...], second: tuple[str, ...]) -> bool:
        """Whether a pattern whose first two elements (neither optional) are of the classes
        ``first`` and ``second`` can start at piece i: most cannot, and this says so sooner
        than trying the whole pattern."""
        for cls, _, used in self.classes_at(i):
            if cls in first and any(after in second for after, _, _ in self.classes_at(i + used)):
                return True
        return False

    def _match(
        self, elements: Sequence[Element], k: int, i: int, slots: list[Slot]
    ) -> Iterable[tuple[int, list[Slot]]]:
        if k == len(elements):
            if i > 0 and slots:
                yield i, slots
            return
        element = elements[k]
        wanted = _expand(element.cls)
        for cls, value, used in self.classes_at(i):
            if cls in wanted:
                slot = Slot(element.cls if element.cls in _ALIASES else cls, value, i, i + used - 1)
                yield from self._match(elements, k + 1, i + used, [*slots, slot])
        if element.optional:
            yield from self._match(elements, k + 1, i, slots)
