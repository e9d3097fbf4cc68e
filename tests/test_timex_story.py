"""The time a text tells about: a story told of another year anchors its underspecified dates on it.

Each row is a short text, the words of one timex in it, the value an analyst writes
down, and what it was resolved against (``document``, the id of an earlier timex, or
None for a date that carries its own year). The document date is 2024-09-07 unless
the row says otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket.extract.common.state import set_published, state
from docket.pipeline import blank_with_stages
from docket.record import Timex

DCT = "2024-09-07"


class Row(NamedTuple):
    text: str
    words: str
    value: str
    anchor: str | None
    dct: str = DCT


R = Row
STORY: list[Row] = [
    # a day and month after a dated event belong to the year the story tells about
    R(
        "The war began on 9 September 1914. On 7 August, French troops invaded Togoland.",
        "7 August",
        "1914-08-07",
        "t1",
    ),
    R("The king fled on 20 June 1791. He was arrested late on 21 June.", "21 June", "1791-06-21", "t1"),
    R("The siege began in 1775. In December, the army attacked Quebec.", "December", "1775-12", "t1"),
    R("The army entered the city in 1812. In the winter, it retreated.", "winter", "1812-WI", "t1"),
    R(
        "The army entered the city in 1812. At the end of the year, it retreated.",
        "the end of the year",
        "1812",
        "t1",
    ),
    R(
        "In 1950 the army crossed the border. By August, it held most of the south.",
        "August",
        "1950-08",
        "t1",
    ),
    R("Germany invaded Poland in 1939. In the spring, the army moved west.", "spring", "1939-SP", "t1"),
    R("The treaty of 1648 ended the war. In October, the armies went home.", "October", "1648-10", "t1"),
    R("The rising of 1798 failed. In May, the rebels gathered.", "May", "1798-05", "t1"),
    R("The dynasty fell in 1644. In April, rebels took the capital.", "April", "1644-04", "t1"),
    R("The republic was declared in 1931. In July, the generals rose.", "July", "1931-07", "t1"),
    # a story moves on: after late December, January is the next year's
    R(
        "Washington crossed the river on December 26, 1776. On January 3, the army won.",
        "January 3",
        "1777-01-03",
        "t1",
    ),
    R("The offensive began on 20 November 1917. In January, the front froze.", "January", "1918-01", "t1"),
    R("Paris fell on 14 June 1940. On 22 June, France signed the armistice.", "22 June", "1940-06-22", "t1"),
    R(
        "The march began on 2 March 1965. On 25 March, it reached the capital.",
        "25 March",
        "1965-03-25",
        "t1",
    ),
    R(
        "The airlift began on 26 June 1948. By late July, a plane landed every few minutes.",
        "late July",
        "1948-07",
        "t1",
    ),
    # the story's time carries on: each date sets it for the next
    R(
        "The siege began in 1775. In November, it went on. On December 31, the army attacked.",
        "December 31",
        "1775-12-31",
        "t2",
    ),
    R(
        "The rebels rose in 1916. In April, they seized the post office. On 29 April, they surrendered.",
        "29 April",
        "1916-04-29",
        "t2",
    ),
    # the day after, the year before: counted from the story's time
    R(
        "On 10 November 1918 Romania re-entered the war. The next day, the treaty was annulled.",
        "The next day",
        "1918-11-11",
        "t1",
    ),
    R(
        "The offensive began on 18 September 1918. A day later the French took the village.",
        "A day later",
        "1918-09-19",
        "t1",
    ),
    R("The war ended in 1918. Two years earlier, the army had mutinied.", "Two years earlier", "1916", "t1"),
    R("Germany invaded Poland in 1939. That year the war spread.", "That year", "1939", "t1"),
    R(
        "The border was closed on 3 May 1961. Three days later, the crisis broke.",
        "Three days later",
        "1961-05-06",
        "t1",
    ),
    # "the previous April", "the next spring": counted from the story's time ("the" stands before the match)
    R(
        "On 2 March 1918 the Germans gave up the salient seized in the previous April.",
        "previous April",
        "1917-04",
        "t1",
    ),
    R(
        "In 1777 the army camped at Valley Forge. The next spring, the army emerged.",
        "next spring",
        "1778-SP",
        "t1",
    ),
    R("In 1920 the army repeated its successes from the previous year.", "the previous year", "1919", "t1"),
    # a modal told in the past looks ahead of the story's time, not of the writing
    R(
        "In 1793 the king died. The queen would follow him to the guillotine on 16 October.",
        "16 October",
        "1793-10-16",
        "t1",
    ),
    R(
        "In 1982 the alliance grew. It is expected to dominate a summit in Washington in April.",
        "April",
        "2025-04",
        "document",
    ),
    # words of the time of writing keep the publication date, inside a story too
    R(
        "The treaty was signed in 1648. Historians still argue about it today.",
        "today",
        "2024-09-07",
        "document",
    ),
    R("The war ended in 1953. Veterans met in Seoul yesterday.", "yesterday", "2024-09-06", "document"),
    R("The war ended in 1953. Veterans met in Seoul last week.", "last week", "2024-W35", "document"),
    R("The war ended in 1953. The last veterans met this year.", "this year", "2024", "document"),
    R(
        "The war ended in 1953. Seventy years ago, the guns fell silent.",
        "Seventy years ago",
        "1954",
        "document",
    ),
    R("The war began in 1950. Veterans will meet in Seoul in March.", "March", "2025-03", "document"),
    # news: a date told in the year of writing keeps the publication date as its anchor
    R("Talks failed in July 2024. In August, the rebels attacked.", "August", "2024-08", "document"),
    R("The ministry said on Friday that the talks failed in August.", "August", "2024-08", "document"),
    R(
        "The company was founded in 1985. Shares rose 5% on Friday. In August, sales fell.",
        "August",
        "2024-08",
        "document",
    ),
    R(
        "Officials said yesterday that talks from 1990 had failed. A new round began in June.",
        "June",
        "2024-06",
        "document",
    ),
    R(
        "The plant closed in 1998. The firm said on Friday it would reopen in January.",
        "January",
        "2025-01",
        "document",
    ),
    R("The ministry said on Tuesday the troops will leave in March.", "March", "2025-03", "document"),
    # a pair or a range of dates gives its year to its first end, which names the far end as its anchor
    R("The troops left from May 15 to August 16, 1988 and the rest later.", "May 15", "1988-05-15", "t2"),
    R("The rest left from November 15 to February 15, 1989.", "November 15", "1988-11-15", "t2"),
    R("Talks were held between March 5-9, 1918 in Bucharest.", "March 5", "1918-03-05", "t2"),
    R("The decrees (February-March 1794) failed.", "February", "1794-02", "t2"),
    R("They fought in August and September 1914 in the east.", "August", "1914-08", "t2"),
    R("Franco tried again in January and February 1937.", "January", "1937-01", "t2"),
    R("The battle of Brody (July 29 - August 2, 1920) was lost.", "July 29", "1920-07-29", "t2"),
    R("Fighting raged from 1 to 9 May 2024 in the north.", "9 May 2024", "2024-05-09", None),
    # a year before the common era
    R("In 264 BC, Carthage was a great power.", "264 BC", "BC0264", None),
    R("The city fell in 146 B.C. after a long siege.", "146 B.C.", "BC0146", None),
    R("The war (218 BC - 201 BC) is remembered for Cannae.", "201 BC", "BC0201", None),
    # a date after "since" tells where a comparison starts, not the time of the story
    R(
        "The war of 1920 saw the largest cavalry battle since 1813. In August, the front broke.",
        "August",
        "1920-08",
        "t1",
    ),
    # a date decades away is an aside until a second date near it shows the story has moved
    R(
        "The army attacked on 2 August 1920. Documents found in 2004 prove it. On 17 August, it won.",
        "17 August",
        "1920-08-17",
        "t1",
    ),
    R(
        "The war began in 1914. By 1950 it was forgotten; in 1951 a museum opened. In May, it closed.",
        "May",
        "1951-05",
        "t3",
    ),
    # a look back from the story's time does not move it
    R(
        "The army advanced in 1920, repeating its successes from the previous year. In September, it won.",
        "September",
        "1920-09",
        "t1",
    ),
    # a part of a day named with its year
    R(
        "On the night of April 18, 1775, General Gage sent 700 men.",
        "the night of April 18, 1775",
        "1775-04-18TNI",
        None,
    ),
    R(
        "The operation was complete by the morning of December 28, 1979.",
        "the morning of December 28, 1979",
        "1979-12-28TMO",
        None,
    ),
    R(
        "On the night of 10 August 1792, insurgents stormed the palace.",
        "the night of 10 August 1792",
        "1792-08-10TNI",
        None,
    ),
    # the n-th day of a period: the day named just before, the day of writing, or counted from the start
    R(
        "On 21 July, the fifth day of the rebellion, the rebels took the base.",
        "the fifth day",
        "2024-07-21",
        "t1",
    ),
    R("In Saudi Arabia, today is the eighth day of the operation.", "the eighth day", "2024-09-07", "t1"),
    R("It's the second day of an offensive by the police.", "the second day", "2024-09-07", "document"),
    R(
        "The truce began on 3 May 2024. On the fifth day of the truce, talks resumed.",
        "the fifth day",
        "2024-05-07",
        "t1",
    ),
    R(
        "The siege began on 1 March 1781. By the tenth day of the siege, food ran out.",
        "the tenth day",
        "1781-03-10",
        "t1",
    ),
    R("On the first day, attempts to keep order failed.", "the first day", "XXXX-XX-XX", None),
    # the n-th week of a period: seven days counted from its start, named by the ISO week it begins
    R(
        "The talks began on 3 March 2025. In the third week of talks, the sides agreed on a map.",
        "the third week",
        "2025-W12",
        "t1",
    ),
    R(
        "The strike began on 2 June 2025. By the second week of the strike, the plant had closed.",
        "the second week",
        "2025-W24",
        "t1",
    ),
    R(
        "The siege began on 1 March 1781. In the first week of the siege, the wells held.",
        "the first week",
        "1781-W09",
        "t1",
    ),
    R("Shares fell in the third week of trading.", "the third week", "P1W", None),
    # news said in April: a plan named by a noun lies ahead, a modal or "will" keeps its future
    R("The board announced a review in June.", "June", "2024-06", "document", "2024-04-10"),
    R("The minister will attend the vote in March.", "March", "2025-03", "document", "2024-04-10"),
    R("The army said it would leave in January.", "January", "2025-01", "document", "2024-04-10"),
    R("The army said it would leave by February.", "February", "2025-02", "document", "2024-04-10"),
    # more stories: a season, a holiday, a clock time and a part of a year counted from the story's time
    R("The siege began in 1870. The city held out through the winter.", "winter", "1870-WI", "t1"),
    R("The revolt broke out in 1857. By Christmas, it was over.", "Christmas", "1857-12-25", "t1"),
    R(
        "The armistice was signed on 11 November 1918. It took effect at 11 a.m.",
        "11 a.m.",
        "1918-11-11T11:00",
        "t1",
    ),
    R(
        "The campaign opened in 1943. In the first quarter, the army stalled.",
        "the first quarter",
        "1943-Q1",
        "t1",
    ),
    R(
        "The siege began in 1453. At the end of the year, the city was quiet.",
        "the end of the year",
        "1453",
        "t1",
    ),
    R(
        "The coup came on 18 Brumaire, 9 November 1799. The next day, he was consul.",
        "The next day",
        "1799-11-10",
        "t1",
    ),
    R(
        "The war broke out in 1870. Four years later, the treaty was signed.",
        "Four years later",
        "1874",
        "t1",
    ),
    R("The empire fell in 1806. A decade earlier, it had looked strong.", "A decade earlier", "1796", "t1"),
    # a date carrying its own year is never moved, whatever the story
    R(
        "The war began in 1914. The armistice came on 11 November 1918.",
        "11 November 1918",
        "1918-11-11",
        None,
    ),
    R("The war began in 1914. Talks resumed in March 2024.", "March 2024", "2024-03", None),
    R("The war began in 1914. It ended in 1918.", "1918", "1918", None),
]


@pytest.fixture(scope="module")
def tokens_only() -> Language:
    return blank_with_stages(["docket_timex"])


def tag(nlp: Language, text: str, dct: str) -> list[Timex]:
    doc = nlp(set_published(nlp.make_doc(text), dt.date.fromisoformat(dct)))
    return list(state(doc).timexes)


@pytest.mark.parametrize("row", STORY, ids=[r.text[:50] for r in STORY])
def test_story_row(tokens_only: Language, row: Row) -> None:
    found = tag(tokens_only, row.text, row.dct)
    hits = [t for t in found if t.text.rstrip(",") == row.words]
    assert hits, f"{row.words!r} not found; got {[(t.text, t.value) for t in found]}"
    assert (hits[0].value, hits[0].anchor) == (row.value, row.anchor)


def test_a_story_anchor_names_a_timex_of_the_text(tokens_only: Language) -> None:
    found = tag(tokens_only, STORY[0].text, DCT)
    ids = {t.id for t in found}
    assert all(t.anchor in ids or t.anchor in (None, "document") for t in found)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
_OPENERS = [
    "The war began in {story}.",
    "On 9 September {story} the army crossed the river.",
    "Talks failed in {story}.",
    "Officials said yesterday that the plan of {story} had failed.",
    "",
]


@settings(max_examples=60, deadline=None)
@given(
    story=st.integers(min_value=1100, max_value=2150),
    year=st.integers(min_value=1100, max_value=2150),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
    opener=st.sampled_from(_OPENERS),
    written=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_anchoring_never_moves_a_date_with_its_own_year(
    tokens_only: Language, story: int, year: int, month: int, day: int, opener: str, written: dt.date
) -> None:
    said = f"{day} {_MONTHS[month - 1]} {year}"
    text = f"{opener.format(story=story)} In March, the army moved. On {said} the treaty was signed."
    found = [t for t in tag(tokens_only, text, written.isoformat()) if t.text == said]
    assert found, text
    assert found[0].value == f"{year:04d}-{month:02d}-{day:02d}"
    assert found[0].anchor is None
