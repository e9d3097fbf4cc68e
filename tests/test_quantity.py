"""The quantity stage: numbers, approximations, ranges, vague amounts, units and counted nouns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket import data
from docket.extract.common.state import state
from docket.extract.quantity.parse import digits_value, words_value
from docket.pipeline import blank_with_stages
from docket.record import Document, Quantity, Record

Extract = Callable[..., Record]


@pytest.fixture(scope="module")
def extract(nlp: Language) -> Extract:
    """The pipeline up to the actor stage: what later stages do is not tested here."""
    from docket import pipeline

    later = pipeline.STAGES[pipeline.STAGES.index("docket_actor") + 1 :]

    def run(text: str, published: str = "2024-09-07") -> Record:
        document = Document.from_text(text, published=dt.date.fromisoformat(published))
        with nlp.select_pipes(disable=[s for s in later if s in nlp.pipe_names]):
            return pipeline.extract(document, nlp)

    return run


# (sentence, expected quantities: the fields that matter for each, in order)
GOLDEN: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "The US has approximately 2,500 troops in Iraq and 900 in neighbouring Syria.",
        [
            {
                "text": "approximately 2,500 troops",
                "value": 2500,
                "approx": True,
                "noun": "troops",
                "mod": "about",
            },
            {"text": "900", "value": 900, "approx": False, "noun": "troops", "unit": "count"},
        ],
    ),
    (
        "The first phase involves hundreds of US military personnel.",
        [
            {
                "text": "hundreds of US military personnel",
                "low": 200,
                "high": 999,
                "approx": True,
                "noun": "personnel",
            }
        ],
    ),
    (
        "The strike killed three US servicemembers and wounded dozens more.",
        [
            {"text": "three US servicemembers", "value": 3, "noun": "servicemembers"},
            {"text": "dozens more", "low": 24, "high": 99, "approx": True, "noun": "servicemembers"},
        ],
    ),
    (
        "Between 2,000 and 2,500 troops will stay, and 250 to 350 advisers may remain.",
        [
            {
                "text": "Between 2,000 and 2,500 troops",
                "value": None,
                "low": 2000,
                "high": 2500,
                "noun": "troops",
            },
            {"text": "250 to 350 advisers", "value": None, "low": 250, "high": 350, "noun": "advisers"},
        ],
    ),
    (
        "Up to 1,200 soldiers, at least 40 civilians and more than 300 fighters were counted.",
        [
            {"value": 1200, "high": 1200, "mod": "up_to", "approx": True, "noun": "soldiers"},
            {"value": 40, "low": 40, "mod": "at_least", "noun": "civilians"},
            {"value": 300, "low": 300, "mod": "more_than", "noun": "fighters"},
        ],
    ),
    (
        "Thousands of people fled, tens of thousands of refugees crossed, and a few officials stayed.",
        [
            {"low": 2000, "high": 9999, "noun": "people"},
            {"low": 20000, "high": 99999, "noun": "refugees"},
            {"low": 2, "high": 5, "noun": "officials"},
        ],
    ),
    (
        "Two hundred and fifty marines landed while twenty-five others waited 30 km away.",
        [
            {"text": "Two hundred and fifty marines", "value": 250, "noun": "marines"},
            {"value": 25, "noun": "marines"},
            {"text": "30 km", "value": 30, "unit": "km", "noun": "km"},
        ],
    ),
    (
        "The fund received $5 billion, up 12% on the year, and 3.5 million euros in aid.",
        [
            {"text": "$5 billion", "value": 5_000_000_000, "unit": "money", "currency": "USD"},
            {"text": "12%", "value": 12, "unit": "percent"},
            {"text": "3.5 million euros", "value": 3_500_000, "unit": "money", "currency": "EUR"},
        ],
    ),
    (
        "The mission will cost 2 to 3 million dollars and involve some 4,000 personnel.",
        [
            {"low": 2_000_000, "high": 3_000_000, "unit": "money", "currency": "USD"},
            {"text": "some 4,000 personnel", "value": 4000, "approx": True},
        ],
    ),
    (
        "About 900 US service members are deployed at two bases.",
        [
            {"text": "About 900 US service members", "value": 900, "noun": "service members"},
            {"text": "two bases", "value": 2, "noun": "bases"},
        ],
    ),
    # not quantities: a year, a name with a number, "one" as a pronoun
    ("One of the officials said the unit left Air Base 101 in 2019.", []),
    ("Talks will resume next week, officials said.", []),
]


def _check(found: list[Quantity], expected: list[dict[str, Any]], text: str) -> None:
    assert len(found) == len(expected), [q.text for q in found]
    for q, want in zip(found, expected, strict=True):
        assert text[q.start : q.end] == q.text
        for key, value in want.items():
            assert getattr(q, key) == value, (q.text, key)


@pytest.mark.parametrize(("text", "expected"), GOLDEN, ids=[t[:40] for t, _ in GOLDEN])
def test_golden_sentences(extract: Extract, text: str, expected: list[dict[str, Any]]) -> None:
    _check(extract(text).quantities, expected, text)


def test_ids_and_doc_spans(nlp: Any) -> None:
    doc = nlp("Some 300 troops and 20 tanks moved.")
    quantities = state(doc).quantities
    assert [q.id for q in quantities] == ["q1", "q2"]
    assert [s.text for s in doc.spans["docket_quantity"]] == ["Some 300 troops", "20 tanks"]


def test_numbers_inside_timexes_are_not_quantities() -> None:
    """The timex stage runs first; a number inside one of its timexes is a time, not an amount."""
    from spacy.language import Language
    from spacy.tokens import Doc

    from docket.record import Timex

    @Language.component("fake_timex_for_test")
    def fake_timex(doc: Doc) -> Doc:
        start = doc.text.index("2026")
        state(doc).timexes = [
            Timex(id="t1", text="2026", start=start, end=start + 4, type="DATE", value="2026")
        ]
        return doc

    nlp = blank_with_stages([])
    nlp.add_pipe("fake_timex_for_test")
    nlp.add_pipe("docket_quantity")
    doc = nlp("By the end of 2026 troops leave, and 2,500 troops stay.")
    assert [(q.text, q.value) for q in state(doc).quantities] == [("2,500 troops", 2500)]


def test_works_without_a_model() -> None:
    nlp = blank_with_stages(["docket_quantity"])
    doc = nlp("approximately 2,500 troops in Iraq and 900 in Syria; hundreds of US personnel")
    got = [(q.text, q.value, q.low, q.noun) for q in state(doc).quantities]
    assert got == [
        ("approximately 2,500 troops", 2500, None, "troops"),
        ("900", 900, None, "troops"),
        ("hundreds of US personnel", None, 200, "personnel"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,500", 2500),
        ("900", 900),
        ("2.5", 2.5),
        ("1,000,000", 1_000_000),
        ("5bn", 5_000_000_000),
        ("3m", 3_000_000),
    ],
)
def test_digits_value(text: str, value: float) -> None:
    assert digits_value(text) == value


@pytest.mark.parametrize("text", ["2,50", "abc", "", "1,2345", "5xyz", "--"])
def test_digits_value_refuses_what_is_not_a_number(text: str) -> None:
    assert digits_value(text) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three", 3),
        ("twenty five", 25),
        ("two hundred and fifty", 250),
        ("a hundred", 100),
        ("two thousand five hundred", 2500),
        ("two dozen", 24),
        ("one million two hundred thousand", 1_200_000),
    ],
)
def test_words_value(words: str, value: int) -> None:
    assert words_value(words.split()) == value


def test_words_value_refuses_other_words() -> None:
    assert words_value(["three", "troops"]) is None
    assert words_value([]) is None


def test_quantity_data_follows_its_schema() -> None:
    d = data.load("quantity.yaml")
    for low, high in d["vague"].values():
        assert 0 < low < high
    for spec in d["modifiers"].values():
        assert spec["mod"] in {"about", "more_than", "less_than", "at_least", "up_to", "exact"}
        assert spec.get("bound") in {None, "low", "high"}
    assert all(isinstance(v, int) for v in d["numbers"].values())
    assert all(isinstance(w, str) and w == w.lower() for w in d["counted_nouns"])


# -- properties ---------------------------------------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _say(n: int) -> str:
    """English words for 0 <= n < 1,000,000 (our own reference, to check the parser against)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + _say(n % 100))
    return _say(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + _say(n % 1000))


_BLANK = blank_with_stages(["docket_quantity"])


@given(st.integers(min_value=2, max_value=999_999))
@settings(max_examples=150, deadline=None)
def test_numbers_in_words_read_back(n: int) -> None:
    doc = _BLANK(f"They sent {_say(n)} soldiers home.")
    [q] = state(doc).quantities
    assert (q.value, q.noun) == (n, "soldiers")


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["troops", "bases", "officials"]))
@settings(max_examples=150, deadline=None)
def test_numbers_in_digits_read_back(n: int, noun: str) -> None:
    text = f"Officials said approximately {n:,} {noun} remain."
    doc = _BLANK(text)
    [q] = state(doc).quantities
    assert (q.value, q.approx, q.noun) == (n, True, noun)
    assert q.text == f"approximately {n:,} {noun}"


_WORDS = st.sampled_from(
    [
        "approximately",
        "about",
        "some",
        "more",
        "than",
        "up",
        "to",
        "at",
        "least",
        "between",
        "and",
        "to",
        "from",
        "hundreds",
        "dozens",
        "thousands",
        "a",
        "few",
        "several",
        "of",
        "one",
        "two",
        "twenty",
        "hundred",
        "thousand",
        "million",
        "$",
        "%",
        "percent",
        "euros",
        "km",
        "troops",
        "others",
        "more",
        "-",
        ",",
        ".",
        "2,500",
        "900",
        "3.5",
        "5bn",
        "2019",
        "US",
        "Base",
        "101",
        "the",
        "in",
    ]
)


@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=25).map(" ".join)))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_sound_quantities(text: str) -> None:
    doc = _BLANK(text)
    for q in state(doc).quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        if q.value is not None:
            assert q.low is None or q.low <= q.value
            assert q.high is None or q.value <= q.high
        else:
            assert q.low is not None and q.high is not None


@pytest.mark.parametrize(
    ("text", "quoted", "value", "noun"),
    [
        (
            "Air Base 101 was handed over after 766 of an estimated 950 US soldiers had left.",
            "766",
            766,
            "soldiers",
        ),
        (
            "The junta revoked the accord on US troops, about 1,000 of whom are in Niger.",
            "about 1,000",
            1000,
            "troops",
        ),
        ("The 15-member council voted on Friday.", "15-member", 15, "member"),
        ("Thirteen US service members and 169 Afghans were killed.", "169 Afghans", 169, "Afghans"),
        (
            "Nearly 1,500 American and other coalition personnel remain.",
            "Nearly 1,500 American",
            1500,
            "personnel",
        ),
        (
            "The number of troops will go from about 2,500 to fewer than 500 advisers.",
            "about 2,500",
            2500,
            "troops",
        ),
    ],
)
def test_the_counted_noun_from_around_the_number(
    extract: Extract, text: str, quoted: str, value: int, noun: str
) -> None:
    found = [q for q in extract(text).quantities if q.start == text.index(quoted)]
    assert [(q.value, q.noun) for q in found] == [(value, noun)]


def test_units_name_what_is_measured(extract: Extract) -> None:
    text = "Along with 1,593 tons of equipment, more than 90 percent of the force left."
    got = [(q.text, q.value, q.unit, q.noun, q.mod) for q in extract(text).quantities]
    assert got == [
        ("1,593 tons", 1593, "t", "tons", None),
        ("more than 90 percent", 90, "percent", "percent", "more_than"),
    ]


def test_scores_and_hyphenated_adjectives_are_not_amounts(extract: Extract) -> None:
    text = "In a four-way race, the committee voted 19-15 after the 80-19 vote; the 15-member council met."
    assert [(q.text, q.value, q.noun) for q in extract(text).quantities] == [("15-member", 15, "member")]


def test_other_and_more_before_a_noun_are_not_ellipses(extract: Extract) -> None:
    text = "He met several other struggling companies, and dozens more."
    got = [(q.text, q.low, q.high, q.noun) for q in extract(text).quantities]
    assert got == [
        ("several other struggling companies", 3, 9, "companies"),
        ("dozens more", 24, 99, "companies"),
    ]


def test_reuters_style_abbreviations(extract: Extract) -> None:
    text = "Net profit was 64 mln dlrs, up 12 pct from 57 mln, and the dividend was 46 cts a share."
    got = [(q.text, q.value, q.unit, q.currency) for q in extract(text).quantities]
    assert got == [
        ("64 mln dlrs", 64_000_000, "money", "USD"),
        ("12 pct", 12, "percent", None),
        ("57 mln", 57_000_000, "money", "USD"),  # the dollars of the same order of magnitude
        ("46 cts", 46, "cent", None),
    ]


def test_money_ranges_repeat_the_symbol(extract: Extract) -> None:
    got = [
        (q.text, q.low, q.high, q.currency)
        for q in extract("It costs between $5 and $10 a share.").quantities
    ]
    assert got == [("between $5 and $10", 5, 10, "USD")]


def test_a_change_between_two_numbers_keeps_the_noun_before_them(extract: Extract) -> None:
    text = "The US will cut its forces in Afghanistan from about 13,000 to 8,600 within 135 days."
    got = [(q.text, q.value, q.noun) for q in extract(text).quantities]
    assert got[:2] == [("about 13,000", 13000, "forces"), ("8,600", 8600, "forces")]
