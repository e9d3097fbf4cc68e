"""A range told as one time, the part of a day named by the sun, and a time of day after its day.

Rows written for these tests (issue 15). The document date is Saturday 2024-09-07 unless a
row says otherwise; the tagger runs on spaCy's tokens alone.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket.extract.common.state import set_published, state
from docket.extract.timex.ranges import common_value
from docket.pipeline import blank_with_stages
from docket.record import Timex

DCT = "2024-09-07"


class Window(NamedTuple):
    text: str
    words: str  # the range's words, opener included
    value: str
    earliest: str
    latest: str
    ends: tuple[str, str]  # the words of its two ends
    dct: str = DCT


W = Window
WINDOWS: list[Window] = [
    # between ... and ...
    W("The vote is due between October 21 and 31, officials said.", "between October 21 and 31", "2024-10",
      "2024-10-21", "2024-10-31", ("October 21", "31")),
    W("Troops will leave between 3 and 9 November.", "between 3 and 9 November", "2024-11", "2024-11-03",
      "2024-11-09", ("3", "9 November")),
    W("The talks were held between March 5-9, 1918 in Bucharest.", "between March 5-9, 1918", "1918-03",
      "1918-03-05", "1918-03-09", ("March 5", "9, 1918")),
    W("Congo will hold the vote between the 21st and the 31st of October.",
      "between the 21st and the 31st of October", "2024-10", "2024-10-21", "2024-10-31",
      ("the 21st", "the 31st of October")),
    W("Voting runs between 21st and 31st October.", "between 21st and 31st October", "2024-10", "2024-10-21",
      "2024-10-31", ("21st", "31st October")),
    W("Elections will be held between January 2025 and March 2025.", "between January 2025 and March 2025",
      "2025", "2025-01-01", "2025-03-31", ("January 2025", "March 2025")),
    W("The siege lasted between 1941 and 1944.", "between 1941 and 1944", "194", "1941-01-01", "1944-12-31",
      ("1941", "1944")),
    W("The census runs between 2 December 2024 and 15 January 2025.",
      "between 2 December 2024 and 15 January 2025", "202", "2024-12-02", "2025-01-15",
      ("2 December 2024", "15 January 2025")),
    # from ... to / until / through ...
    W("Israel will reopen the crossing from March to May.", "from March to May", "2025", "2025-03-01",
      "2025-05-31", ("March", "May")),
    W("The offices close from December 24 to 26 this year.", "from December 24 to 26", "2024-12",
      "2024-12-24", "2024-12-26", ("December 24", "26")),
    W("The truce held from 12 to 14 July 1950 on the front.", "from 12 to 14 July 1950", "1950-07",
      "1950-07-12", "1950-07-14", ("12", "14 July 1950")),
    W("Talks run from the 3rd to the 9th of July 2025.", "from the 3rd to the 9th of July 2025", "2025-07",
      "2025-07-03", "2025-07-09", ("the 3rd", "the 9th of July 2025")),
    W("The pullout runs from October 21st to 31st.", "from October 21st to 31st", "2024-10", "2024-10-21",
      "2024-10-31", ("October 21st", "31st")),
    W("The army fought there from May 15 to August 16, 1988.", "from May 15 to August 16, 1988", "1988",
      "1988-05-15", "1988-08-16", ("May 15", "August 16, 1988")),
    W("The strike lasted from 1984 until 1985.", "from 1984 until 1985", "198", "1984-01-01", "1985-12-31",
      ("1984", "1985")),
    W("The base stays open from June 2025 through December 2026.", "from June 2025 through December 2026",
      "202", "2025-06-01", "2026-12-31", ("June 2025", "December 2026")),
    W("From 15 to 22 February 1984, the offensive went on.", "From 15 to 22 February 1984", "1984-02",
      "1984-02-15", "1984-02-22", ("15", "22 February 1984")),
    # a dash, or "through", with no opener
    W("The fair runs 21–31 October in Paris.", "21–31 October", "2024-10", "2024-10-21", "2024-10-31",
      ("21", "31 October")),
    W("The fair was held on 2-4 May 2023 in Paris.", "2-4 May 2023", "2023-05", "2023-05-02", "2023-05-04",
      ("2", "4 May 2023")),
    W("The division held the line (26-30 November 1950) at Kunuri.", "26-30 November 1950", "1950-11",
      "1950-11-26", "1950-11-30", ("26", "30 November 1950")),
    W("Shops in the zone open Monday through Friday.", "Monday through Friday", "2024-09", "2024-09-02",
      "2024-09-06", ("Monday", "Friday")),
    # ordinals with no month at either end: the month the text named last
    W("The vote is due in October, between the 21st and the 31st.", "between the 21st and the 31st",
      "2024-10", "2024-10-21", "2024-10-31", ("the 21st", "the 31st")),
    W("Elections were held in March 2023. The count ran from the 3rd to the 9th.", "from the 3rd to the 9th",
      "2023-03", "2023-03-03", "2023-03-09", ("the 3rd", "the 9th")),
    W("The revolt (February-March 1794) failed.", "February-March 1794", "1794", "1794-02-01", "1794-03-31",
      ("February", "March 1794")),
]  # fmt: skip

# two times the text does not tell as one range
NOT_WINDOWS: list[str] = [
    "The government postponed the vote from March to May.",
    "The deadline was pushed back from May 1 to May 15.",
    "Officials moved the summit from Monday to Friday.",
    "The council delayed the launch from June 2025 to March 2026.",
    "Sales rose from March to May.",
    "The talks began on March 3 and the vote came on May 5.",
    "They met on Monday and on Friday.",
    "Prices fell 5 to 9 percent in the week to 21 March.",
    "The plan was brought forward from 2027 to 2026.",
    "The ceasefire was extended from January 26 until February 18.",
    "In May he finished between 2nd and 5th.",
    "He came 2nd and 3rd in the races in May.",
    "The vote is set for between the 21st and the 31st.",
]

# a part of the day named by the sun, a time of day after its day
DAYPARTS: list[tuple[str, str, str, str | None]] = [
    ("The attack began at dawn on Friday.", "dawn", "2024-09-06TMO", "document"),
    ("The strike hit before dawn on Tuesday.", "dawn", "2024-09-03TMO", "document"),
    ("They left at dusk on Monday.", "dusk", "2024-09-02TEV", "document"),
    ("Troops moved in at dawn.", "dawn", "2024-09-07TMO", "document"),
    ("The curfew starts at sunset.", "sunset", "2024-09-07TEV", "document"),
    ("Fighting went on until nightfall on Thursday.", "nightfall", "2024-09-05TEV", "document"),
    ("The convoy set off at first light on Wednesday.", "first light", "2024-09-04TMO", "document"),
    ("Shelling resumed on Friday at dawn.", "dawn", "2024-09-06TMO", "t1"),
    ("The talks ended on Tuesday at noon.", "noon", "2024-09-03T12:00", "t1"),
    ("Talks ended on Tuesday, at 5pm.", "5pm", "2024-09-03T17:00", "t1"),
    ("The rebels struck on 3 May 2024 at dawn.", "dawn", "2024-05-03TMO", "t1"),
    ("Voting closed on Thursday at midnight.", "midnight", "2024-09-05T24:00", "t1"),
    ("The ceasefire started at 12PM local time on Friday.", "12PM", "2024-09-06T12:00", "document"),
    ("Talks ended at midnight (2200 GMT) on Friday.", "midnight", "2024-09-06T24:00", "document"),
    ("The strike began at noon on Thursday.", "noon", "2024-09-05T12:00", "document"),
]
# the same words naming no time of day
NOT_DAYPARTS: list[str] = [
    "Golden Dawn won seats in the vote.",
    "It was the dawn of a new era.",
    "Dawn reported the attack on Monday.",
    "The Dusk Brigade claimed the attack.",
    "Sunset clauses were added to the law.",
]


@cache
def tagger() -> Language:
    """The tagger alone, on spaCy's tokens."""
    return blank_with_stages(["docket_timex"])


def read(text: str, dct: str = DCT) -> tuple[list[Timex], list[Timex]]:
    nlp = tagger()
    found = state(nlp(set_published(nlp.make_doc(text), dt.date.fromisoformat(dct))))
    return list(found.timexes), list(found.ranges)


@pytest.mark.parametrize("row", WINDOWS, ids=[w.words for w in WINDOWS])
def test_a_range_is_one_time_with_its_first_and_last_day(row: Window) -> None:
    timexes, ranges = read(row.text, row.dct)
    hits = [r for r in ranges if r.text == row.words]
    assert hits, (
        f"no range {row.words!r}; ranges {[r.text for r in ranges]}, timexes {[t.text for t in timexes]}"
    )
    window = hits[0]
    assert (window.value, window.earliest, window.latest) == (
        row.value,
        dt.date.fromisoformat(row.earliest),
        dt.date.fromisoformat(row.latest),
    )
    by_id = {t.id: t for t in timexes}
    assert window.ends is not None
    assert tuple(by_id[e].text.rstrip(",") for e in window.ends) == row.ends


@pytest.mark.parametrize("text", NOT_WINDOWS)
def test_two_times_that_are_no_range(text: str) -> None:
    _, ranges = read(text)
    assert ranges == [], [r.text for r in ranges]


@pytest.mark.parametrize(("text", "words", "value", "anchor"), DAYPARTS, ids=[d[0][:40] for d in DAYPARTS])
def test_a_time_of_day_takes_its_day(text: str, words: str, value: str, anchor: str | None) -> None:
    timexes, _ = read(text)
    hits = [t for t in timexes if t.text == words]
    assert hits, [(t.text, t.value) for t in timexes]
    assert (hits[0].type, hits[0].value, hits[0].anchor) == ("TIME", value, anchor)


@pytest.mark.parametrize("text", NOT_DAYPARTS)
def test_the_sun_words_in_names_are_no_time(text: str) -> None:
    timexes, _ = read(text)
    assert not [t for t in timexes if t.type == "TIME"], [(t.text, t.value) for t in timexes]


def test_a_range_of_the_record_names_its_ends_and_the_record_numbers_it_on() -> None:
    from docket.pipeline import record_from_doc
    from docket.record import Document

    text = "The vote is due between October 21 and 31. Results come on November 4."
    document = Document.from_text(text, published=dt.date(2024, 9, 7))
    doc = tagger()(set_published(tagger().make_doc(text), document.published))
    record = record_from_doc(doc, document)
    assert [t.id for t in record.timexes] == ["t1", "t2", "t3", "t4"]
    window = record.timexes[-1]
    assert (window.text, window.ends) == ("between October 21 and 31", ["t1", "t2"])


@pytest.mark.parametrize(
    ("first", "last", "value"),
    [
        ("2024-10-21", "2024-10-31", "2024-10"),
        ("2025-03", "2025-05", "2025"),
        ("2024-12-02", "2025-01-15", "202"),
        ("1898", "1902", None),
        ("1941", "1944", "194"),
        ("1805", "1899", "18"),
    ],
)
def test_the_value_of_a_range_is_the_unit_holding_both_ends(first: str, last: str, value: str | None) -> None:
    assert common_value(first, last) == value


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    story=st.integers(min_value=1200, max_value=2100),
    year=st.integers(min_value=1200, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
    first=st.integers(min_value=1, max_value=14),
    length=st.integers(min_value=1, max_value=14),
    opener=st.sampled_from(["between {a} and {b}", "from {a} to {b}", "{a}–{b}"]),
    written=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_a_range_carrying_its_own_year_is_never_moved(
    story: int,
    year: int,
    month: int,
    first: int,
    length: int,
    opener: str,
    written: dt.date,
) -> None:
    """Whatever the story's time and the day of writing, "between 3 and 9 May 1950" is those days."""
    last = first + length
    said = opener.format(a=first, b=f"{last} {_MONTHS[month - 1]} {year}")
    text = f"The war began in {story}. In March, the army moved. The talks ran {said} in the capital."
    _, ranges = read(text, written.isoformat())
    assert [(r.earliest, r.latest) for r in ranges] == [
        (dt.date(year, month, first), dt.date(year, month, last))
    ], text


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(min_value=1200, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
    part=st.sampled_from([("dawn", "MO"), ("dusk", "EV"), ("noon", "12:00"), ("midnight", "24:00")]),
    written=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_a_time_of_day_on_a_dated_day_keeps_that_day(
    year: int, month: int, day: int, part: tuple[str, str], written: dt.date
) -> None:
    said = f"{day} {_MONTHS[month - 1]} {year}"
    text = f"The rebels struck on {said} at {part[0]}."
    timexes, _ = read(text, written.isoformat())
    hits = [t for t in timexes if t.text == part[0]]
    assert hits, [(t.text, t.value) for t in timexes]
    assert hits[0].value == f"{year:04d}-{month:02d}-{day:02d}T{part[1]}"
