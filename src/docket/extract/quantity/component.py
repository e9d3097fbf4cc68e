"""The quantity stage (spaCy component ``docket_quantity``).

Finds numbers in digits and words, approximations, ranges and vague amounts
("hundreds" as 200-999), with their unit (count, money, percent or a unit of
measure) and the counted noun, also when it is left out ("2,500 troops in Iraq
and 900 in Syria": 900 troops). Numbers inside a time expression found by the
timex stage (or a date entity of the model) are not quantities; "2,500" in
"2,500 troops" is never a time.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.common.state import char_spans, lower_words, sentence_ids, state
from docket.extract.quantity.parse import Found, Vocab, parse_at, vocab
from docket.record import Quantity

# entity labels of the model that mean "a time, not an amount"
_TIME_LABELS = frozenset({"DATE", "TIME"})


def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens inside a timex of the timex stage or a date/time entity of the model."""
    blocked: set[int] = set()
    for timex in state(doc).timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    if doc.has_annotation("ENT_IOB"):
        labels = numpy.array([doc.vocab.strings.add(label) for label in _TIME_LABELS], dtype=numpy.uint64)
        blocked.update(numpy.flatnonzero(numpy.isin(doc.to_array(ENT_TYPE), labels)).tolist())
    return blocked


def _is_identifier(doc: Doc, found: Found) -> bool:
    """A number naming something ("Air Base 101", "Resolution 1701"), not an amount."""
    if found.start == 0 or not found.plain_digits:
        return False
    before = doc[found.start - 1]
    return before.is_title and not before.is_sent_start and before.is_alpha


def _in_score(doc: Doc, item: Found) -> bool:
    """A side of a score or tally ("voted 19-15", "the 80-19 vote"), not an amount."""

    def tight_dash(k: int) -> bool:
        return (
            0 < k < len(doc) - 1
            and doc[k].text in {"-", "–"}
            and doc[k - 1].whitespace_ == ""
            and (doc[k].whitespace_ == "")
        )

    s, e = item.start, item.end
    before = tight_dash(s - 1) and doc[s - 2].like_num
    after = tight_dash(e) and doc[e + 1].like_num
    return item.plain_digits and (before or after)


def find(doc: Doc, v: Vocab | None = None) -> list[Found]:
    """Every quantity of the doc, in text order."""
    v = v or vocab()
    blocked = _blocked_tokens(doc)
    words = lower_words(doc)
    found: list[Found] = []
    i = 0
    while i < len(doc):
        # parse_at's own first test, on the doc's memo of words instead of a Token per word
        if i in blocked or not (v.may_start(words[i]) or "-" in words[i]):
            i += 1
            continue
        item = parse_at(doc, i, v)
        if item is None:
            i += 1
            continue
        number_tokens = range(item.start, item.end)
        if any(t in blocked for t in number_tokens) or _dropped(doc, item, v):
            i += 1
            continue
        found.append(item)
        i = item.end
    _fill_ellipses(doc, found, v)
    return found


def _dropped(doc: Doc, item: Found, v: Vocab) -> bool:
    if item.adjective or _is_identifier(doc, item) or _in_score(doc, item):
        return True
    if item.plain_digits and item.noun is None and item.value is not None and item.unit is None:
        low, high = v.year_range
        if low <= item.value <= high:
            return True  # a year the timex stage did not claim
    weak = doc[item.start].lower_ in v.weak and item.end == item.start + 1
    return weak and item.noun is None


def _same_sentence(doc: Doc, a: int, b: int) -> bool:
    if doc.has_annotation("SENT_START"):
        ids = sentence_ids(doc)
        return ids[a] == ids[b]
    return not any(doc[k].text in {".", "!", "?"} for k in range(a, b))


def _fill_ellipses(doc: Doc, found: list[Found], v: Vocab) -> None:
    """A count with no noun takes one from its sentence.

    In order: the count before it ("2,500 troops in Iraq and 900 in Syria"), the count it
    is a part of ("766 of an estimated 950 soldiers"), a counted noun shortly before it
    ("US troops, about 1,000 of whom"), the count it runs to ("from 20 to 30 advisers").
    """
    for n, item in enumerate(found):
        if item.noun is not None or item.unit not in (None, "count"):
            continue
        prev = _unit_before(doc, found[:n], item)
        if prev is not None:  # "2,500 troops in Iraq and 900 in Syria", "64 mln dlrs vs 50 mln"
            item.noun, item.unit, item.currency = prev.noun, prev.unit, prev.currency
            continue
        noun = _noun_after(doc, found[n + 1 :], item, v.of_words)
        noun = (
            noun or _listed_noun_before(doc, item, v) or _noun_after(doc, found[n + 1 :], item, v.range_words)
        )
        if noun is not None:
            item.noun, item.unit = noun, "count"


def _unit_before(doc: Doc, before: list[Found], item: Found) -> Found | None:
    """The closest earlier quantity of the sentence that says what it counts or measures.

    One of the same order of magnitude comes first: in "64 mln dlrs, up 12 pct from 57 mln"
    the 57 mln are dollars, not percent.
    """
    known = [
        p
        for p in reversed(before)
        if (p.noun is not None or p.unit not in (None, "count")) and _same_sentence(doc, p.start, item.start)
    ]
    big = _size(item) >= 1000
    return next((p for p in known if (_size(p) >= 1000) == big), known[0] if known else None)


def _size(item: Found) -> float:
    return float(item.value if item.value is not None else item.low if item.low is not None else 0)


def _noun_after(doc: Doc, after: list[Found], item: Found, links: frozenset[str]) -> str | None:
    if not after or after[0].noun is None or after[0].unit != "count":
        return None
    gap = [doc[k].lower_ for k in range(item.end, after[0].start)]
    return after[0].noun if len(gap) == 1 and gap[0] in links else None


def _listed_noun_before(doc: Doc, item: Found, v: Vocab) -> str | None:
    for k in range(item.start - 1, max(-1, item.start - 13), -1):
        if not _same_sentence(doc, k, item.start):
            return None
        if (doc[k].lower_,) in v.nouns:
            return doc[k].lower_
    return None


class QuantityStage:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = state(doc)
        found.quantities = [self._record(doc, n, item) for n, item in enumerate(find(doc), 1)]
        char_spans(
            doc, "docket_quantity", [(q.start, q.end, q.noun or q.unit or "") for q in found.quantities]
        )
        return doc

    @staticmethod
    def _record(doc: Doc, n: int, item: Found) -> Quantity:
        span = doc[item.start : item.end]  # (Doc.text joins every token: slice a span instead)
        start, end = span.start_char, span.end_char
        return Quantity(
            id=f"q{n}",
            text=span.text,
            start=start,
            end=end,
            value=item.value,
            low=item.low,
            high=item.high,
            approx=item.approx,
            noun=item.noun,
            unit=item.unit,
            currency=item.currency,
            mod=item.mod,
        )


@Language.factory("docket_quantity", assigns=["doc._.docket"])
def make_quantity_stage(nlp: Language, name: str) -> QuantityStage:
    return QuantityStage(nlp, name)
