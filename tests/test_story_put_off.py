"""Acts set for a day in other words than a date ahead: a day already missed ("should have been held
before last Thursday"), a delay by a span ("another six month delay"), a nomination set for a day.
Short reports written for this test (docket.story.schedules)."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from docket import pipeline
from docket.record import Document, Record
from docket.story import due, index_records

D = dt.date.fromisoformat

MISSED = (
    "Protesters marched in Freetown over delayed elections in Sierra Leone. The elections, which "
    "should have been held before last Thursday, were agreed in a peace deal signed in 2003.\n\n"
    "The government has announced another six month delay before the elections can take place."
)


def _record(nlp: Language, text: str, day: str) -> Record:
    return pipeline.extract(Document.from_text(text, published=D(day)), nlp)


def _held(records: list[Record], day: str) -> dict[str, str]:
    return {
        s.item.deadline.value or "": s.status
        for s in due(index_records(records).commitments, D(day))
        if s.item.action == "hold" and s.item.deadline is not None
    }


def test_a_day_missed_is_the_deadline_and_a_delay_by_a_span_moves_it(nlp: Language) -> None:
    # published on Friday 2025-07-04: "last Thursday" is July 3; six months later, January 3
    record = _record(nlp, MISSED, "2025-07-04")
    assert _held([record], "2025-07-05") == {"2025-07-03": "superseded", "2026-01-03": "pending"}
    assert _held([record], "2026-02-01")["2026-01-03"] == "overdue"


def test_a_year_the_sentence_names_in_passing_is_no_missed_day(nlp: Language) -> None:
    record = _record(nlp, MISSED, "2025-07-04")
    assert "2003" not in _held([record], "2025-07-05")


def test_a_delay_with_no_day_set_before_sets_none(nlp: Language) -> None:
    text = "Sierra Leone's government announced another six month delay before the elections can take place."
    assert _held([_record(nlp, text, "2025-07-04")], "2025-07-05") == {}


def test_a_nomination_set_for_a_day_is_pending_until_then(nlp: Language) -> None:
    text = (
        "Under the agreement, an election in Northern Ireland will be held in March. On March 14, the "
        "nomination of the Executive will take place, the British government said."
    )
    record = _record(nlp, text, "2025-10-14")
    nominated = [
        s for s in due(index_records([record]).commitments, D("2025-10-15")) if s.item.action == "nominate"
    ]
    assert [(s.item.deadline.value if s.item.deadline else None, s.status) for s in nominated] == [
        ("2026-03-14", "pending")
    ]


def _approve(nlp: Language, later: str) -> str:
    first = _record(
        nlp,
        "Romania signed the accession treaty. In order for the treaty to come into effect, all EU "
        "members must approve it.",
        "2025-04-30",
    )
    said = f"Romania's parliament ratified the accession treaty on Tuesday. {later}"
    second = _record(nlp, said, "2025-05-20")
    found = [
        s.status
        for s in due(index_records([first, second]).commitments, D("2025-05-21"))
        if s.item.action == "approve"
    ]
    assert len(found) == 1
    return found[0]


def test_a_deed_of_a_counted_part_of_a_group_is_not_the_groups(nlp: Language) -> None:
    some = "The treaty has already been ratified by seven member states of the European Union."
    assert _approve(nlp, some) == "unknown"
    every = "The treaty has now been ratified by all member states of the European Union."
    assert _approve(nlp, every) == "fulfilled"


def test_a_vote_not_held_is_owed_until_a_new_date_is_set(nlp: Language) -> None:
    first = _record(nlp, "Chad's presidential election is scheduled for March 2.", "2025-01-10")
    # nothing told for six months after the day: then a new date
    later = _record(nlp, "Chad's presidential election is now scheduled for November 9.", "2025-09-01")
    assert _held([first], "2025-04-01") == {"2025-03-02": "overdue"}
    assert _held([first, later], "2025-09-02") == {"2025-03-02": "superseded", "2025-11-09": "pending"}
