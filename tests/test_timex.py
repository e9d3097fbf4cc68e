"""The timex stage: robustness (Hypothesis), calendar arithmetic, anchoring and tense with the parser."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket import data
from docket.extract.common.state import set_published, state
from docket.extract.timex.base import weekday_date
from docket.extract.timex.grammar import grammar
from docket.pipeline import blank_with_stages
from docket.record import Record, Timex
from docket.timex3 import Point, add_months, nth_weekday, of_grain, shift

_DATE = (
    r"(\d{2,4}|XXXX)(-(\d{2}|Q[1-4]|QX|H[12]|SP|SU|FA|WI|W\d{2}|WXX|XX)(-(\d{2}|WE|[1-7]|XX))?)?"
    r"(T(\d{2}:\d{2}|MO|AF|EV|NI))?"
)
# PXX: a length whose unit is unknown too ("a while"), as TimeBank writes it
_DURATION = r"P(X(Y|M|W|D|DE|CE|Q|X)|TX(H|M|S)|(\d+[YMWDQ])+(T(\d+[HMS])+)?|T(\d+[HMS])+)"
# a year before the common era, as TIMEX3 writes it ("264 BC": BC0264)
_ERA = r"BC\d{4}"
VALUE = {
    "DATE": re.compile(rf"^({_DATE}|{_ERA}|PRESENT_REF|PAST_REF|FUTURE_REF)$"),
    "TIME": re.compile(rf"^{_DATE}$"),
    "DURATION": re.compile(rf"^{_DURATION}$"),
    "SET": re.compile(rf"^({_DURATION}|{_DATE})$"),
}
MODS = {None, "START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"}
MODS |= {"BEFORE", "AFTER"}


@pytest.fixture(scope="module")
def tokens_only() -> Language:
    return blank_with_stages(["docket_timex"])


def tag(nlp: Language, text: str, dct: dt.date | None) -> list[Timex]:
    doc = nlp(set_published(nlp.make_doc(text), dct))
    return list(state(doc).timexes)


def check_well_formed(text: str, found: list[Timex]) -> None:
    last_end = -1
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.start >= last_end, "timexes overlap"
        last_end = timex.end
        assert VALUE[timex.type].match(timex.value), (timex.text, timex.type, timex.value)
        assert timex.mod in MODS
        if timex.earliest and timex.latest:
            assert timex.earliest <= timex.latest
        assert timex.anchor is None or timex.anchor == "document" or timex.anchor.startswith("t")


# -- Hypothesis: any text, any date -----------------------------------------------------------

WORDS: list[str] = sorted(
    {w for words in data.load("timex.yaml")["classes"].values() for w in words if isinstance(w, str)}
    | {
        "the",
        "of",
        "in",
        "by",
        "was",
        "will",
        "said",
        "ago",
        "later",
        "2026",
        "1999",
        "12",
        "31",
        "9/11/2001",
        "2024-02-29",
        "10:30",
        "1990s",
        "-",
        ",",
        ".",
        "troops",
        "mid-2025",
        "third-quarter",
        "F-16",
        "2,500",
    }
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=200), day=st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
)
def test_any_text_gives_well_formed_timexes(tokens_only: Language, text: str, day: dt.date | None) -> None:
    check_well_formed(text, tag(tokens_only, text, day))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    day=st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
)
@example(words=["12", "b.c"], day=None)  # a year before the common era: BC0012
def test_time_words_in_any_order_give_well_formed_timexes(
    tokens_only: Language, words: list[str], day: dt.date | None
) -> None:
    text = " ".join(words)
    check_well_formed(text, tag(tokens_only, text, day))


@pytest.mark.parametrize("digits", [19, 4301, 5000])
def test_a_number_of_thousands_of_digits_is_no_time(tokens_only: Language, digits: int) -> None:
    text = f"The troops will leave in {'9' * digits} years, by 2026."
    found = tag(tokens_only, text, dt.date(2024, 9, 7))
    check_well_formed(text, found)
    assert [t.text for t in found] == ["2026"]


EDGE_TEXT = (
    "next year, last week, tomorrow, yesterday, the next decade, in three years, two years ago, next March, "
    "last Friday, next winter, last fall, Christmas, the following year, a year earlier, next quarter, "
    "Dec. 31, Jan. 1, 10 p.m. Friday, tonight, 2 millennia later"
)


@pytest.mark.parametrize(
    "day", [dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(9999, 12, 25), dt.date(9999, 12, 31)]
)
def test_the_ends_of_the_calendar_give_no_error(tokens_only: Language, day: dt.date) -> None:
    found = tag(tokens_only, EDGE_TEXT, day)
    check_well_formed(EDGE_TEXT, found)
    assert any(t.text == "Dec. 31" for t in found)


# -- calendar arithmetic ----------------------------------------------------------------------


@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.integers(-240, 240))
def test_month_shift_round_trips(day: dt.date, n: int) -> None:
    month = of_grain(day, "M")
    assert shift(shift(month, "M", n), "M", -n) == month
    quarter = of_grain(day, "Q")
    assert shift(shift(quarter, "Q", n), "Q", -n) == quarter


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(["D", "W", "M", "Q", "H", "Y", "DE"]),
)
def test_a_period_contains_its_day(day: dt.date, grain: str) -> None:
    first, last = of_grain(day, grain).bounds()
    assert first <= day <= last


@given(
    st.dates(dt.date(1900, 1, 8), dt.date(2100, 12, 24)), st.integers(1, 7), st.sampled_from([-1, 0, 1, None])
)
def test_weekday_names_land_on_that_weekday_within_a_week(
    day: dt.date, weekday: int, rel: int | None
) -> None:
    got = weekday_date(weekday, day, rel, None)
    assert got.isoweekday() == weekday
    assert abs((got - day).days) <= 7
    if rel == 1:
        assert got > day
    if rel == -1:
        assert got < day


def test_calendar_edges() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 15)
    assert Point(2020, week=53).bounds() == (dt.date(2020, 12, 28), dt.date(2021, 1, 3))
    assert Point(2024, season="WI").bounds() == (dt.date(2024, 12, 1), dt.date(2025, 2, 28))
    assert Point(2023, season="WI").bounds()[1] == dt.date(2024, 2, 29)
    assert shift(Point(2024, quarter=1), "Q", -1) == Point(2023, quarter=4)
    assert shift(Point(2024, 2, 29), "Y", 1) == Point(2025, 2, 28)
    assert of_grain(dt.date(2021, 1, 1), "W") == Point(2020, week=53)
    assert nth_weekday(2024, 11, 4, 4) == dt.date(2024, 11, 28)
    assert nth_weekday(2024, 5, 1, -1) == dt.date(2024, 5, 27)
    assert Point(2026, decade=202).value() == "202"


# -- the grammar's data ---------------------------------------------------------------------


def test_the_grammar_data_is_well_formed() -> None:
    raw = data.load("timex.yaml")
    classes = set(raw["classes"]) | {"YEAR", "DAYNUM", "MONTHNUM", "NUM", "NUMBER", "CLOCK", "DECADE"}
    classes |= {"DATESLASH", "ORDNUM", "QNUM", "FRACTION"}
    for pattern in raw["patterns"]:
        for element in str(pattern["seq"]).split():
            assert element.rstrip("?") in classes, element
    kinds = {p.kind for p in grammar().patterns}
    from docket.extract.timex.resolve import _HANDLERS

    assert kinds <= set(_HANDLERS)
    for key in ("not_year_after", "not_year_before", "year_range", "tense_words", "future_aux"):
        assert key in raw


# -- the stage in a pipeline ------------------------------------------------------------------


def test_the_stage_runs_on_a_blank_english_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("docket_timex")
    doc = nlp(set_published(nlp.make_doc("Troops leave by the end of 2026."), dt.date(2024, 9, 7)))
    (timex,) = state(doc).timexes
    assert (timex.value, timex.mod, timex.latest) == ("2026", "END", dt.date(2026, 12, 31))
    assert [s.text for s in doc.spans["docket_timex"]] == ["the end of 2026"]


def test_ids_run_in_text_order(tokens_only: Language) -> None:
    found = tag(tokens_only, "In 2003 and 2011, and last year.", dt.date(2024, 9, 7))
    assert [t.id for t in found] == ["t1", "t2", "t3"]


def test_later_is_anchored_on_the_time_mentioned_before(tokens_only: Language) -> None:
    text = "The US invaded Iraq in 2003 and withdrew in 2011. Forces returned three years later."
    found = tag(tokens_only, text, dt.date(2024, 9, 7))
    later = next(t for t in found if t.text == "three years later")
    withdrawal = next(t for t in found if t.text == "2011")
    assert later.value == "2014" and later.anchor == withdrawal.id
    assert withdrawal.anchor is None
    assert next(t for t in found if t.text == "2003").anchor is None


def test_ago_is_anchored_on_the_document(tokens_only: Language) -> None:
    found = tag(tokens_only, "In 2011 they left. Two years ago they returned.", dt.date(2024, 9, 7))
    ago = next(t for t in found if t.text == "Two years ago")
    assert (ago.value, ago.anchor) == ("2022", "document")


@pytest.fixture(scope="module")
def parsed(nlp: Language) -> Callable[[str], list[Timex]]:
    def run(text: str) -> list[Timex]:
        doc = nlp(set_published(nlp.make_doc(text), dt.date(2024, 9, 7)))
        return list(state(doc).timexes)

    return run


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (
            "The agreement, which was finalized after long talks in January, is in force.",
            "January",
            "2024-01",
        ),
        ("The last American troops will leave Iraq in January.", "January", "2025-01"),
        ("The base was handed over on Friday.", "Friday", "2024-09-06"),
        ("The base will be handed over on Friday.", "Friday", "2024-09-13"),
        ("Elections were held in November.", "November", "2023-11"),
        ("Elections are planned to be held in November.", "November", "2024-11"),
        ("The president-elect, who takes office on Monday, spoke.", "Monday", "2024-09-09"),
        ("The mandate expires on June 30, the council said.", "June 30", "2025-06-30"),
        ("The troops had left by May 1.", "May 1", "2024-05-01"),
        # a present passive is no past: the nearest October
        ("The case is heard in October by the appeals court.", "October", "2024-10"),
        ("The case was heard in October by the appeals court.", "October", "2023-10"),
        # a participle of a plan verb after its noun, with "for": ahead; a record "set on" a day: past
        ("The agenda of a summit set for Geneva in March was published.", "March", "2025-03"),
        ("The record set on March 3 still stands.", "March 3", "2024-03-03"),
        # an infinitive under a present plan, or under a present "be", is as firmly ahead as "will"
        ("The sale is scheduled to close Friday.", "Friday", "2024-09-13"),
        ("The shares are to resume trading Thursday.", "Thursday", "2024-09-12"),
        ("The sale was scheduled to close Friday.", "Friday", "2024-09-06"),
        ("He may close the sale Friday.", "Friday", "2024-09-06"),
    ],
)
def test_tense_of_the_governing_verb_picks_past_or_future(
    parsed: Callable[[str], list[Timex]], text: str, words: str, value: str
) -> None:
    found = [t for t in parsed(text) if t.text == words]
    assert found and found[0].value == value


def test_full_pipeline_reference_paragraph(extract: Callable[..., Record]) -> None:
    text = (
        "The plan involves the withdrawal of US troops in the first year (with a deadline of September "
        "next year), with the remaining forces to be withdrawn by the end of 2026. The US currently has "
        "approximately 2,500 troops in Iraq and 900 in neighboring Syria."
    )
    record = extract(text, "2024-09-07")
    values = {t.text: (t.type, t.value, t.mod) for t in record.timexes}
    assert values["the first year"] == ("DURATION", "P1Y", None)
    assert values["September next year"] == ("DATE", "2025-09", None)
    assert values["the end of 2026"] == ("DATE", "2026", "END")
    assert values["currently"] == ("DATE", "PRESENT_REF", None)
    assert not any(t.text in ("2,500", "900") for t in record.timexes)


# -- the sample and golden articles: every "must" timex, with a floor --------------------------

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted([*ROOT.glob("src/docket/data/sample/*/*.txt"), *ROOT.glob("tests/golden/articles/*/*.txt")])
MUST_FLOOR = 0.97  # share of the articles' "must" timexes found with the right type, value, mod and latest


def _must_hits(path: Path, nlp: Language) -> tuple[int, int, list[str]]:
    import yaml

    from docket import pipeline
    from docket.ingest import Problem, ReadOptions, read_inputs

    expected = path.with_name(path.name[: -len(".txt")] + ".expected.yaml")
    if not expected.exists():
        return 0, 0, []
    musts = (yaml.safe_load(expected.read_text(encoding="utf-8")).get("timexes") or {}).get("must") or []
    item = next(iter(read_inputs([path], ReadOptions())))
    assert not isinstance(item, Problem)
    found = pipeline.extract(item.document, nlp).timexes
    hits, missed = 0, []
    for want in musts:
        start, end = want["start"], want["start"] + len(want["text"])
        ok = any(
            t.start < end
            and start < t.end
            and t.type == want["type"]
            and t.value == str(want["value"])
            and t.mod == want.get("mod")
            and ("latest" not in want or t.latest == want["latest"])
            for t in found
        )
        hits += ok
        if not ok:
            missed.append(f"{path.name}: {want['text']!r} want {want['value']}")
    return hits, len(musts), missed


@pytest.mark.skipif(not ARTICLES, reason="no sample articles in this checkout")
def test_sample_articles_must_timexes(nlp: Language) -> None:
    hits = total = 0
    missed: list[str] = []
    for path in ARTICLES:
        h, t, m = _must_hits(path, nlp)
        hits, total, missed = hits + h, total + t, missed + m
    assert total > 0
    assert hits / total >= MUST_FLOOR, "\n".join(missed)


def test_decades_and_centuries_shift_by_whole_units() -> None:
    decade = of_grain(dt.date(2024, 9, 7), "DE")
    assert shift(decade, "DE", 1).value() == "203"
    assert shift(decade, "DE", -3).value() == "199"
    assert shift(decade, "CE", -1).value() == "192"
    assert shift(decade, "Y", 1) == decade  # a year is no whole decade
    century = of_grain(dt.date(2024, 9, 7), "CE")
    assert shift(century, "CE", -1).value() == "19"
    assert shift(century, "DE", 5) == century
