"""What only looks like a date: names of groups, places, laws and products that hold a date or a number.

Each text of NOT_DATES must yield no timex at all; each row of STILL_DATES is a
date next to a name-like word that must still be read as the date. The document
date is 2024-09-07.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from docket.extract.common.state import set_published, state
from docket.pipeline import blank_with_stages
from docket.record import Timex

DCT = dt.date(2024, 9, 7)

NOT_DATES: list[str] = [
    # groups named after a day
    "The March 23 Movement attacked Goma.",
    "Fighters of the M23, or March 23 Movement, withdrew.",
    "The 14 March Alliance won the vote.",
    "The March 14 coalition rejected the plan.",
    "The 8 March alliance backed the president.",
    "The April 6 Youth Movement called a protest.",
    "The 26th of July Movement took Havana.",
    "The 6 April Movement marched again.",
    "The 15 May Brigade joined the fight.",
    "The 17 February Coalition called for calm.",
    "The 23 March Front rejected the deal.",
    "The 9 May Party won two seats.",
    "The 12 June Committee met in secret.",
    "The 25 January Battalion was disbanded.",
    "The 20 February Militia held the road.",
    "The 3 July Union struck.",
    "The 18 October Bloc walked out.",
    "The 1 November Regiment paraded.",
    # places named after a day
    "Protesters gathered in 6 October Square.",
    "The march started on 9 April Street.",
    "He lives on July 26 Avenue.",
    "The 1 May Stadium was full.",
    "The 30 June Bridge was closed.",
    "Patients were taken to the 6 October University Hospital.",
    "Flights left from the 23 April Airport.",
    "The convoy used 14 July Boulevard.",
    "The 5 June Camp housed refugees.",
    # laws, resolutions and numbered things
    "The Security Council passed Resolution 2254.",
    "Resolution 1701 ended the war.",
    "UN Security Council Resolution 2334 was adopted.",
    "Flight 1549 landed on the Hudson.",
    "The Boeing 747 flew low.",
    "Route 2020 was closed.",
    "Article 2001 of the code was cited.",
    "Bill 2019 failed in the senate.",
    "The decree 2020 was annulled.",
    "It was listed as item 2015.",
    "Room 1204 was searched.",
    # classes, products and events
    "The Class of 2020 graduated online.",
    "Members of the class of 1998 met again.",
    "He still runs Windows 2000.",
    "The Expo 2020 site was empty.",
    # days written as a name
    "The 7/7 inquiry reported its findings.",
    "The 9/11 Commission published its report.",
    "The G20 met in Rome.",
    "The F-16 crashed.",
]

# (text, words, value): a date next to a word that can head a name is still the date
STILL_DATES: list[tuple[str, str, str]] = [
    ("The talks on 6 October in the square failed.", "6 October", "2024-10-06"),
    ("The March 23 deadline passed.", "March 23", "2024-03-23"),
    ("The group met on 14 March.", "14 March", "2024-03-14"),
    ("The movement was founded in March 2011.", "March 2011", "2011-03"),
    ("The class met in 1998.", "1998", "1998"),
    ("The 2020 Olympics were delayed.", "2020", "2020"),
]


@pytest.fixture(scope="module")
def tokens_only() -> Language:
    return blank_with_stages(["docket_timex"])


def tag(nlp: Language, text: str) -> list[Timex]:
    return list(state(nlp(set_published(nlp.make_doc(text), DCT))).timexes)


def test_the_table_is_large_enough() -> None:
    assert len(NOT_DATES) >= 40


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(tokens_only: Language, text: str) -> None:
    found = tag(tokens_only, text)
    assert found == [], [(t.text, t.value) for t in found]


@pytest.mark.parametrize(("text", "words", "value"), STILL_DATES)
def test_still_a_date(tokens_only: Language, text: str, words: str, value: str) -> None:
    found = [t for t in tag(tokens_only, text) if t.text == words]
    assert found and found[0].value == value, [(t.text, t.value) for t in tag(tokens_only, text)]
