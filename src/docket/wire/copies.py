"""Is this article an outlet's copy of an earlier one?

An agency's report reaches readers through many outlets, each with its own headline,
some trimmed to the first paragraphs, some padded with an outlet's own lines, a word
changed here and there. Two outlets writing about the same event in their own words
share names, numbers and phrases, but few runs of five words in a row.

So a text is cut into shingles (every run of :data:`SHINGLE` words, lower-cased,
numbers kept: two earnings reports from one template differ in their figures), each
hashed to 61 bits. A sketch keeps the shingles whose hash is divisible by
:data:`SAMPLE` (Broder's "mod m" sample): two texts share about 1/SAMPLE of the
shingles they share, so the sketch finds candidates by a few look-ups, trimmed copies
included, and it can be kept in a store's index. A candidate is then measured on all
its shingles: it is a copy when most of the shorter text's shingles are in the longer
(:data:`MIN_CONTAINMENT`; what trimming or padding leaves) and the shared shingles are
a fair part of the longer one too (:data:`MIN_RESEMBLANCE`; a short statement quoted
whole inside a long article is not a copy of it).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from docket import data

SHINGLE = 5
SAMPLE = 4
# Of the shorter text's shingles, the share found in the longer for it to be a copy.
MIN_CONTAINMENT = 0.7
# Of the longer text's shingles, the share found in the shorter (a copy trimmed to its
# lead still carries a fifth of the original).
MIN_RESEMBLANCE = 0.15
# Texts with fewer shingles than this are too short to tell a copy from a common phrase.
MIN_SHINGLES = 20
# Sketch keys two texts must share before they are compared in full.
MIN_SHARED_KEYS = 2
# Of the figures in one text, the share the other must carry too (in whichever direction agrees
# best): two reports from one template ("balances fell to 3.467 billion dlrs") differ in them.
MIN_FIGURES_KEPT = 0.75
# Texts with fewer distinct figures than this are not compared by their figures.
MIN_FIGURES = 3
_WORD = re.compile(r"\w+|%", re.UNICODE)
_FIGURE = re.compile(r"\d")


@cache
def _same_word() -> dict[str, str]:
    """House-style variants read as the wire's form ("percent" as "pct"), from data/wire.yaml."""
    out: dict[str, str] = {}
    for forms in data.load("wire.yaml")["same_word"]:
        for form in forms:
            out[str(form).lower()] = str(forms[0]).lower()
    return out


def words(text: str) -> list[str]:
    """The text's words, lower-cased, each house-style variant read as the wire's form."""
    same = _same_word()
    out = []
    for w in _WORD.findall(text):
        low = w.lower()
        out.append(same.get(low, low))
    return out


def figures(text: str) -> frozenset[str]:
    """The distinct numbers written in the text (tokens with a digit)."""
    return frozenset(w for w in _WORD.findall(text) if _FIGURE.search(w))


# Shingle hashes: each word's CRC-32, combined over the run as a polynomial modulo a Mersenne
# prime (2**61 - 1), rolled along the text; the same in every process, unlike hash().
_MOD = (1 << 61) - 1
_BASE = 1_000_003


def shingles(text: str) -> frozenset[int]:
    """The hashes of every run of SHINGLE words of ``text``."""
    ids: dict[str, int] = {}
    values = []
    for w in words(text):
        v = ids.get(w)
        if v is None:
            v = ids[w] = zlib.crc32(w.encode("utf-8")) + 1
        values.append(v)
    if not values:
        return frozenset()
    if len(values) < SHINGLE:
        h = 0
        for v in values:
            h = (h * _BASE + v) % _MOD
        return frozenset([h])
    top = pow(_BASE, SHINGLE - 1, _MOD)
    h = 0
    for v in values[:SHINGLE]:
        h = (h * _BASE + v) % _MOD
    out = {h}
    for i in range(SHINGLE, len(values)):
        h = ((h - values[i - SHINGLE] * top) * _BASE + values[i]) % _MOD
        out.add(h)
    return frozenset(out)


def sketch(hashes: Iterable[int]) -> list[int]:
    """The sampled keys of a text's shingles, sorted: what a store indexes to find copies."""
    return sorted(h for h in hashes if h % SAMPLE == 0)


@dataclass(frozen=True)
class Likeness:
    containment: float  # shared / shingles of the shorter text
    resemblance: float  # shared / shingles of the longer text
    shared: int
    figures_kept: float = 1.0  # of one text's figures, the share the other has (the better way round)

    @property
    def is_copy(self) -> bool:
        return (
            self.shared >= MIN_SHINGLES
            and self.containment >= MIN_CONTAINMENT
            and self.resemblance >= MIN_RESEMBLANCE
            and self.figures_kept >= MIN_FIGURES_KEPT
        )


def likeness(
    a: frozenset[int],
    b: frozenset[int],
    figures_a: frozenset[str] = frozenset(),
    figures_b: frozenset[str] = frozenset(),
) -> Likeness:
    if not a or not b:
        return Likeness(0.0, 0.0, 0)
    shared = len(a & b)
    small, large = sorted((len(a), len(b)))
    return Likeness(shared / small, shared / large, shared, figures_kept(figures_a, figures_b))


def figures_kept(a: frozenset[str], b: frozenset[str]) -> float:
    shares = [len(x & y) / len(x) for x, y in ((a, b), (b, a)) if len(x) >= MIN_FIGURES]
    if len(shares) < 2:
        return 1.0  # one text has too few figures to tell
    return max(shares)


def is_copy(a: str, b: str) -> bool:
    """Is one of two texts a copy of the other (same report, trimmed, padded or retitled)?"""
    return likeness(shingles(a), shingles(b), figures(a), figures(b)).is_copy


@dataclass(frozen=True)
class Known:
    """A document already seen, as copy detection needs it."""

    id: str
    published: dt.date | None
    copy_of: str | None  # its own original, when it is itself a copy
    hashes: frozenset[int]
    figures: frozenset[str] = frozenset()

    @classmethod
    def of(cls, doc_id: str, text: str, published: dt.date | None, copy_of: str | None = None) -> Known:
        return cls(doc_id, published, copy_of, shingles(text), figures(text))

    def likeness(self, other: Known) -> Likeness:
        return likeness(self.hashes, other.hashes, self.figures, other.figures)


def comes_first(a: Known, b: Known) -> bool:
    """Is ``a`` the original of the pair? The earlier published; on the same day, ``a`` (seen first)."""
    if a.published is None or b.published is None or a.published == b.published:
        return True
    return a.published < b.published


def original_of(new: Known, candidates: Iterable[Known]) -> tuple[str | None, list[str]]:
    """(the id ``new`` is a copy of, or None; ids of earlier-seen documents that are copies of ``new``).

    ``new`` copies the first-published candidate it matches (through to that one's own original);
    candidates published after ``new`` that match it become its copies instead.
    """
    matched = [c for c in candidates if c.id != new.id and new.likeness(c).is_copy]
    if not matched:
        return None, []
    earlier = [c for c in matched if comes_first(c, new)]
    if earlier:
        first = min(earlier, key=lambda c: (c.published or dt.date.min, c.id))
        return first.copy_of or first.id, []
    return None, [c.id for c in matched]


class CopyIndex:
    """Copy detection over documents held in memory (``docket read`` of many articles, tests,
    benchmarks); the store keeps the same sketch in a table (:mod:`docket.wire.stored`)."""

    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self.by_key: dict[int, list[str]] = {}

    def candidates(self, hashes: frozenset[int]) -> list[Known]:
        counts: dict[str, int] = {}
        for key in sketch(hashes):
            for doc_id in self.by_key.get(key, ()):
                counts[doc_id] = counts.get(doc_id, 0) + 1
        return [self.known[d] for d, n in counts.items() if n >= MIN_SHARED_KEYS]

    def add(self, doc_id: str, text: str, published: dt.date | None) -> str | None:
        """Remember a document; returns the id of the document it is a copy of, if any.

        A document already known as an original that turns out to be a later copy of this
        one is re-marked as this one's copy.
        """
        if doc_id in self.known:
            return self.known[doc_id].copy_of
        new = Known.of(doc_id, text, published)
        copy_of, later = original_of(new, self.candidates(new.hashes))
        new = Known(doc_id, published, copy_of, new.hashes, new.figures)
        for other in later:
            self._point(other, doc_id)
        self.known[doc_id] = new
        for key in sketch(new.hashes):
            self.by_key.setdefault(key, []).append(doc_id)
        return copy_of

    def _point(self, old_original: str, new_original: str) -> None:
        for doc_id, item in list(self.known.items()):
            if doc_id == old_original or item.copy_of == old_original:
                self.known[doc_id] = Known(item.id, item.published, new_original, item.hashes, item.figures)

    def copy_of(self, doc_id: str) -> str | None:
        item = self.known.get(doc_id)
        return item.copy_of if item is not None else None
