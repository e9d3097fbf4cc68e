"""Ranges of days and the bare day at one end of them, and lengths told "before" or "after" a time.

Each row: a text, the words of one timex in it, its value and what it was resolved
against (``document``, an earlier or later timex's id, or None for a date carrying
its own year). The document date is 2024-09-07.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from spacy.language import Language

from docket.extract.common.state import set_published, state
from docket.pipeline import blank_with_stages
from docket.record import Timex

DCT = dt.date(2024, 9, 7)


class Row(NamedTuple):
    text: str
    words: str
    value: str
    anchor: str | None


R = Row
RANGES: list[Row] = [
    # the bare day after a range link takes the month (and year) of the first end, which it names
    R("Talks were held between March 5-9, 1918 in Bucharest.", "9, 1918", "1918-03-09", None),
    R("The vote is due between October 21 and 31, officials said.", "31", "2024-10-31", "t1"),
    R("The offices close from December 24 to 26 this year.", "26", "2024-12-26", "t1"),
    R("The truce held from 12 to 14 July 1950 on the front.", "12", "1950-07-12", "t2"),
    R("The fair was held on 2-4 May 2023 in Paris.", "2", "2023-05-02", "t2"),
    # the bare day before a range link takes the month of the far end, which it names
    R("The fair runs 21–31 October in Paris.", "21", "2024-10-21", "t2"),
    R("The division held the line (26-30 November 1950) at Kunuri.", "26", "1950-11-26", "t2"),
    R("From 15 to 22 February 1984, the offensive went on.", "15", "1984-02-15", "t2"),
    # both ends are timexes
    R("The fair runs 21–31 October in Paris.", "31 October", "2024-10-31", "document"),
    R("Talks were held between March 5-9, 1918 in Bucharest.", "March 5", "1918-03-05", "t2"),
    # a number in a range of other things is no day
    R("Prices rose 5 to 9 percent in the week to 21 March.", "21 March", "2024-03-21", "document"),
    # "two years before," / "a week after," closing a clause: that far from the time told about
    R(
        "The war began in 1948. Two years before, the French had refused to talk.",
        "Two years before",
        "1946",
        "t1",
    ),
    R("The war began in 1950. A year after, the front froze.", "A year after", "1951", "t1"),
]
# a part of a relative year: one time with its first and last day
PARTS: list[tuple[str, str, str, str, str]] = [
    ("The plant will reopen in the first half of next year.", "the first half of next year", "2025-H1",
     "2025-01-01", "2025-06-30"),
    ("Sales fell in the third quarter of last year.", "the third quarter of last year", "2023-Q3",
     "2023-07-01", "2023-09-30"),
    ("The second half of this year will be hard.", "The second half of this year", "2024-H2",
     "2024-07-01", "2024-12-31"),
    ("Next year's first quarter looks good.", "Next year's first quarter", "2025-Q1",
     "2025-01-01", "2025-03-31"),
]  # fmt: skip
CLOCK: list[Row] = [
    # a clock time written against its "am"/"pm", with the day named after it
    R("The ceasefire started at 12PM local time on Friday.", "12PM", "2024-09-06T12:00", "document"),
    R("The meeting began at 5pm on Monday.", "5pm", "2024-09-02T17:00", "document"),
    R("He was shot at 1:00AM yesterday.", "1:00AM yesterday", "2024-09-06T01:00", "document"),
    R("The curfew began at 10PM on 3 May 2024.", "10PM", "2024-05-03T22:00", "document"),
    R("Talks ended at midnight (2200 GMT) on Friday.", "midnight", "2024-09-06T24:00", "document"),
    R("The strike began at noon on Thursday.", "noon", "2024-09-05T12:00", "document"),
]
NOT_DAYS: list[str] = [
    "He scored 3 - 1 on Saturday.",
    "The team won 21 to 14 in the final.",
    "Between 5 and 9 people were hurt.",
    "Eight trading days after the crash, the index fell.",
]


@pytest.fixture(scope="module")
def tokens_only() -> Language:
    return blank_with_stages(["docket_timex"])


def tag(nlp: Language, text: str) -> list[Timex]:
    return list(state(nlp(set_published(nlp.make_doc(text), DCT))).timexes)


@pytest.mark.parametrize("row", RANGES, ids=[f"{r.text[:40]}|{r.words}" for r in RANGES])
def test_range_row(tokens_only: Language, row: Row) -> None:
    found = tag(tokens_only, row.text)
    hits = [t for t in found if t.text.rstrip(",") == row.words]
    assert hits, f"{row.words!r} not found; got {[(t.text, t.value) for t in found]}"
    assert (hits[0].value, hits[0].anchor) == (row.value, row.anchor)


@pytest.mark.parametrize(("text", "words", "value", "earliest", "latest"), PARTS)
def test_part_of_a_relative_year(
    tokens_only: Language, text: str, words: str, value: str, earliest: str, latest: str
) -> None:
    found = [t for t in tag(tokens_only, text) if t.text == words]
    assert found, [(t.text, t.value) for t in tag(tokens_only, text)]
    assert (found[0].value, found[0].earliest, found[0].latest) == (
        value,
        dt.date.fromisoformat(earliest),
        dt.date.fromisoformat(latest),
    )


@pytest.mark.parametrize("row", CLOCK, ids=[r.text[:40] for r in CLOCK])
def test_clock_row(tokens_only: Language, row: Row) -> None:
    test_range_row(tokens_only, row)


@pytest.mark.parametrize("text", NOT_DAYS)
def test_numbers_that_are_no_days(tokens_only: Language, text: str) -> None:
    found = tag(tokens_only, text)
    assert not [t for t in found if t.text.strip(",").isdigit()], [(t.text, t.value) for t in found]
