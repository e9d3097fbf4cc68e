"""Elections and a handover set for a day and moved, read by docket from short reports written for
this test: each move supersedes the date before it, a round keeps apart from the other, and a
report that the handover cannot happen on its day breaks it (docket.story.schedules)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from docket import pipeline
from docket.record import Document, Record
from docket.story import due, index_records

D = dt.date.fromisoformat

REPORTS = [
    (
        "2025-03-03",
        "Bolivia's electoral tribunal met on Monday. The presidential election is scheduled for May 4, "
        "and the runoff is scheduled for June 15.\n\nThe constitution mandates a handover of power on "
        "August 8.",
    ),
    (
        "2025-04-10",
        "Bolivia's electoral tribunal has postponed the presidential election from May 4 to May 18, "
        "officials said on Thursday.",
    ),
    (
        "2025-06-02",
        "The Bolivian constitution mandates a handover of power on August 8, but that will not be "
        "possible, the tribunal said.",
    ),
]


@pytest.fixture(scope="module")
def records(nlp: Language) -> list[Record]:
    return [pipeline.extract(Document.from_text(text, published=D(day)), nlp) for day, text in REPORTS]


def statuses(records: list[Record], day: str) -> dict[tuple[str, str], str]:
    known = [r for r in records if r.document.published is not None and r.document.published <= D(day)]
    out = {}
    for s in due(index_records(known).commitments, D(day)):
        if s.item.deadline is not None and s.item.action in ("hold", "hand over"):
            out[(s.item.action, s.item.deadline.value or "")] = s.status
    return out


def test_dates_set_for_an_election_are_pending(records: list[Record]) -> None:
    assert statuses(records, "2025-03-10") == {
        ("hold", "2025-05-04"): "pending",
        ("hold", "2025-06-15"): "pending",
        ("hand over", "2025-08-08"): "pending",
    }


def test_a_postponement_supersedes_the_first_date_and_leaves_the_runoff(records: list[Record]) -> None:
    got = statuses(records, "2025-04-11")
    assert got[("hold", "2025-05-04")] == "superseded"
    assert got[("hold", "2025-05-18")] == "pending"
    assert got[("hold", "2025-06-15")] == "pending"
    moved = next(
        s for s in due(index_records(records[:2]).commitments, D("2025-04-11")) if s.status == "superseded"
    )
    assert [link[1] for link in moved.item.chain] == ["2025-05-04", "2025-05-18"]
    assert "superseded by" in moved.why()


def test_a_handover_that_will_not_be_possible_is_broken(records: list[Record]) -> None:
    assert statuses(records, "2025-06-03")[("hand over", "2025-08-08")] == "broken"


def test_the_elections_are_the_state_the_sentence_names(nlp: Language) -> None:
    text = (
        "The United States will keep its troops in the region, Washington said. The United States "
        "and its allies back the vote. Iraq's elections are scheduled for January 30."
    )
    record = pipeline.extract(Document.from_text(text, published=D("2004-12-01")), nlp)
    held = [
        s.item for s in due(index_records([record]).commitments, D("2004-12-02")) if s.item.action == "hold"
    ]
    assert [(t.obligor, t.deadline.value if t.deadline else None) for t in held] == [(("IRQ",), "2005-01-30")]


def test_elections_no_state_holds_are_no_ones_commitment(nlp: Language) -> None:
    text = "The club's board said the elections are scheduled for March 3."
    record = pipeline.extract(Document.from_text(text, published=D("2025-01-10")), nlp)
    assert not [
        s for s in due(index_records([record]).commitments, D("2025-01-11")) if s.item.action == "hold"
    ]


def test_the_words_of_the_data_are_found_longest_first_and_none_finds_nothing() -> None:
    from docket.story.schedules import any_of

    found = any_of(("vote", "vote held", "held"))
    assert [m.group(0) for m in found.finditer("the vote held on sunday, a revote held later")] == [
        "vote held",
        "held",
    ]
    assert any_of(("vote", "vote held", "held")) is found  # built once for the same words
    assert any_of(()).search("any text at all") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Elections in Bolivia, originally set for January 8, will now take place on February 18, the "
            "electoral tribunal said.",
            {("hold", "2026-02-18"): "pending"},  # the day left behind is no deadline
        ),
        (
            "Bolivia's electoral tribunal said the presidential runoff must be held by December 20.",
            {("hold", "2025-12-20"): "pending"},
        ),
        (
            "The court's ruling opens the way for early elections on December 18 in Bolivia.",
            {("hold", "2025-12-18"): "pending"},  # a day ahead right after the act's noun sets it
        ),
        (
            "Bolivia's congress will vote on Tuesday, and the election as president of its speaker is set "
            "for November 22.",
            {},  # a person's election by a parliament is no election the state holds
        ),
    ],
)
def test_days_an_election_is_set_for_in_few_words(
    nlp: Language, text: str, want: dict[tuple[str, str], str]
) -> None:
    record = pipeline.extract(Document.from_text(text, published=D("2025-11-01")), nlp)
    assert statuses([record], "2025-11-02") == want
