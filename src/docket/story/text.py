"""Small views into a document's text that the merge needs: sentences, words, places."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
_WORD = re.compile(r"\w+", re.UNICODE)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The character span of the sentence(s) holding text[start:end], by punctuation and blank lines."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = 0
    for m in _END.finditer(text, 0, start):
        left = m.end()
    after = _END.search(text, end)
    right = after.start() + 1 if after else len(text)
    return left, min(right, len(text))


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def says_complete(text: str, start: int, end: int, cues: frozenset[str]) -> bool:
    """Does the sentence around [start, end) carry one of the completion cue words?"""
    if not cues:
        return True
    left, right = sentence_bounds(text, start, end)
    return bool(words(text[left:right]) & cues)


def quote(text: str, start: int, end: int, limit: int) -> str:
    """The sentence around [start, end) as a status quotes it: one line, cut to about ``limit``
    characters around the words (an ellipsis where cut)."""
    if not text:
        return ""
    left, right = sentence_bounds(text, start, end)
    lo, hi = left, right
    if hi - lo > limit:
        lo = max(left, min(start - limit // 3, hi - limit))
        hi = min(right, lo + limit)
    said = " ".join(text[lo:hi].split())
    return ("…" if lo > left else "") + said.rstrip(".") + ("…" if hi < right else "")


def by_some(text: str, end: int, counts: tuple[str, ...], groups: tuple[str, ...]) -> bool:
    """Is the deed ending at ``end`` told as done by a counted part of a group ("ratified by seven
    current member states", "by 12 of the 25 members"): one of ``counts`` or a number after "by",
    then up to four words to one of ``groups``?"""
    if not groups:
        return False
    return _by_some(counts, groups).match(text[end : end + 120]) is not None


@cache
def _by_some(counts: tuple[str, ...], groups: tuple[str, ...]) -> re.Pattern[str]:
    """The words of :func:`by_some` after a deed, built once for its words."""
    count = "|".join([r"\d+", *(re.escape(c) for c in counts)])
    group = "|".join(re.escape(g) for g in sorted(groups, key=len, reverse=True))
    return re.compile(
        rf"^(?:\s+\w+){{0,2}}?\s+by\s+(?:only\s+|just\s+)?(?:{count})\b"
        rf"(?:\s+[\w-]+){{0,4}}?\s+(?:{group})\b",
        re.IGNORECASE,
    )


def names_after(text: str, end: int, nouns: tuple[str, ...], words: int = 3) -> bool:
    """Do the words right after ``end`` name one of ``nouns`` ("left the European Union", "pulled out
    of the alliance"): after "of" or "from", up to ``words`` words on, in the same clause?"""
    return bool(nouns) and _names_after(nouns, words).match(text[end : end + 120].lower()) is not None


@cache
def _names_after(nouns: tuple[str, ...], words: int) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"^(?:\s+(?:out|of|from))*(?:\s+[\w'-]+){{0,{words}}}?\s+(?:{alternation})\b")


def asked_for(text: str, start: int, cues: tuple[str, ...], window: int) -> bool:
    """Is the act at ``start`` asked for rather than done: one of the ``cues`` ("calls for",
    "demanded") in its sentence within ``window`` characters before it?"""
    if not cues or not text:
        return False
    left, _right = sentence_bounds(text, start, start)
    before = " ".join(_WORD.findall(text[max(left, start - window) : start].lower()))
    return any(f" {cue} " in f" {before} " for cue in cues)


def right_after(text: str, start: int, cues: tuple[str, ...]) -> bool:
    """Does the word at ``start`` come right after one of ``cues``, in its sentence ("voted to
    approve")?"""
    if not cues or not text:
        return False
    left, _right = sentence_bounds(text, start, start)
    before = " ".join(_WORD.findall(text[left:start].lower()))
    return any(f" {before}".endswith(f" {cue}") for cue in cues)


def nearest_place(
    start: int,
    end: int,
    mentions: Sequence[tuple[int, int, str]],
    window: int,
) -> str | None:
    """The actor of the nearest mention after [start, end) within ``window`` characters.

    ``mentions`` are (start, end, actor id) of countries and places: "2,500 troops
    in Iraq" is about Iraq. A mention before the count ("US troops") names whose
    they are, not where, so it is not taken.
    """
    after = [(m0 - end, actor) for m0, _m1, actor in mentions if end <= m0 <= end + window]
    return min(after)[1] if after else None
