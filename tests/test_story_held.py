"""Votes reported held, read by docket from short reports written for this test: a vote held on
its day fulfils the state's promise to hold it, while a plan ("will be held"), a first round
beside the runoff, a referendum beside an election and a vote in another country do not; and a
date moved in new words ("another delay", "a new date of") supersedes the one before it, even in
the same report; a vote called off ("the junta cancelled the presidential election") is broken,
one that "may be cancelled" still owed, and a run-off that "went ahead" kept (docket.story.held,
docket.story.merge)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from docket import pipeline
from docket.record import Document, Record
from docket.story import due, index_records
from docket.story.status import Status

D = dt.date.fromisoformat


def read(nlp: Language, reports: list[tuple[str, str]]) -> list[Record]:
    return [pipeline.extract(Document.from_text(text, published=D(day)), nlp) for day, text in reports]


def votes(records: list[Record], day: str) -> dict[str, Status]:
    """The state's votes docket follows on ``day``, by deadline, from the reports published by then."""
    known = [r for r in records if r.document.published is not None and r.document.published <= D(day)]
    return {
        s.item.deadline.value or "": s
        for s in due(index_records(known).commitments, D(day))
        if s.item.action == "hold" and s.item.deadline is not None
    }


@pytest.fixture(scope="module")
def peru(nlp: Language) -> list[Record]:
    return read(
        nlp,
        [
            (
                "2025-03-03",
                "Peru's electoral board met on Monday. The presidential election is scheduled for May 4, "
                "and the runoff is scheduled for June 15.",
            ),
            ("2025-04-20", "Peru's presidential election will be held on May 4, the electoral board said."),
            ("2025-05-05", "Ecuador's presidential election was held on May 4, officials in Quito said."),
            (
                "2025-05-06",
                "Early returns in Peru's presidential election held on May 4 show that no candidate won "
                "a majority.",
            ),
        ],
    )


def test_a_vote_held_on_its_day_fulfils_the_promise_and_says_why(peru: list[Record]) -> None:
    got = votes(peru, "2025-05-07")
    assert got["2025-05-04"].status == "fulfilled"
    why = got["2025-05-04"].why()
    assert why.startswith("fulfilled: report ") and "(2025-05-06)" in why and "held on May 4" in why
    assert got["2025-06-15"].status == "pending"  # the runoff is still to come


def test_a_vote_said_to_come_fulfils_nothing(peru: list[Record]) -> None:
    assert votes(peru, "2025-04-21")["2025-05-04"].status == "pending"


def test_a_vote_in_another_country_fulfils_nothing(peru: list[Record]) -> None:
    # on May 5 only Ecuador's vote is reported held: Peru's is overdue until its own report
    assert votes(peru, "2025-05-05")["2025-05-04"].status == "overdue"


def test_a_first_round_held_late_is_not_the_runoff(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-03-03",
                "Chile's electoral board met on Monday. The first round of the presidential election is "
                "scheduled for May 4, and the runoff is scheduled for May 14.",
            ),
            (
                "2025-05-12",
                "Chile's electoral board reported early returns in the first round of the presidential "
                "election, which was held on May 10 after a week of unrest.",
            ),
        ],
    )
    got = votes(records, "2025-05-13")
    assert got["2025-05-04"].status == "fulfilled"  # held six days late: late, not another vote
    assert got["2025-05-14"].status == "pending"


def test_a_referendum_held_is_not_the_election(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-03-03",
                "Kenya's electoral commission said the constitutional referendum is scheduled for April 6, "
                "and the parliamentary elections are scheduled for April 10.",
            ),
            ("2025-04-11", "Kenya's constitutional referendum was held on April 6, and turnout was high."),
        ],
    )
    got = votes(records, "2025-04-11")
    assert got["2025-04-06"].status == "fulfilled"
    assert got["2025-04-10"].status == "overdue"


def test_a_new_date_in_new_words_supersedes_the_one_the_same_report_gave(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-03-03",
                "Nepal's election commission said the referendum is scheduled for April 6.\n\nLater on "
                "Monday the commission announced another delay: the referendum now has a new date of "
                "May 18.",
            ),
        ],
    )
    got = votes(records, "2025-03-04")
    assert got["2025-04-06"].status == "superseded"
    assert got["2025-05-18"].status == "pending"
    assert [link[1] for link in got["2025-04-06"].item.chain] == ["2025-04-06", "2025-05-18"]
    assert got["2025-04-06"].why().startswith("superseded by ")


def test_moves_of_an_executive_in_new_words_make_a_chain(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-04-07",
                "Britain's prime minister unveiled a plan to restore a power-sharing executive in the "
                "province by a deadline of November 24.",
            ),
            (
                "2025-10-14",
                "Britain's new roadmap gives dates for the steps to devolution, and the power-sharing "
                "government would take power on March 26, 2026.",
            ),
            (
                "2026-03-26",
                "Britain said a delay has been agreed, and a new target date of the 8th of May has been "
                "set for the restoration of power sharing.",
            ),
        ],
    )
    got = {
        s.item.deadline.value: s
        for s in due(index_records(records).commitments, D("2026-03-27"))
        if s.item.action == "restore" and s.item.deadline is not None
    }
    assert {day: s.status for day, s in got.items()} == {
        "2025-11-24": "superseded",
        "2026-03-26": "superseded",
        "2026-05-08": "pending",  # "the 8th of May", set in March: this May, not last
    }
    assert [link[1] for link in got["2025-11-24"].item.chain] == ["2025-11-24", "2026-03-26", "2026-05-08"]


def test_a_runoff_the_candidates_will_face_on_a_day_is_set_for_it(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-08-22",
                "Ghana's two presidential candidates will face each other in a run-off election October "
                "29th after the first round failed to produce a winner.",
            ),
            (
                "2025-11-16",
                "Ghana's electoral commission announced the results of the run-off vote held on October 29.",
            ),
        ],
    )
    assert votes(records, "2025-08-23")["2025-10-29"].status == "pending"
    assert votes(records, "2025-11-16")["2025-10-29"].status == "fulfilled"


def test_polling_closed_on_the_day_fulfils_the_snap_election(nlp: Language) -> None:
    records = read(
        nlp,
        [
            ("2025-02-10", "Laos's prime minister said the snap election will be held on March 9."),
            (
                "2025-03-09",
                "Voters in Laos chose a new lower house in the snap election today. Turnout was steady "
                "across the country.\n\nPolling closed at 4 p.m. local time, with results expected later.",
            ),
        ],
    )
    assert votes(records, "2025-03-08")["2025-03-09"].status == "pending"
    assert votes(records, "2025-03-09")["2025-03-09"].status == "fulfilled"


def test_referendums_held_and_lost_were_held(nlp: Language) -> None:
    # a referendum that rejects the treaty was still held: the promise to hold it is kept
    records = read(
        nlp,
        [
            ("2025-05-20", "Malta's referendum on the new treaty is scheduled for May 25."),
            (
                "2025-06-04",
                "The treaty was approved in four countries before being rejected in referendums held in "
                "Malta on May 25 and in Cyprus on May 29.",
            ),
        ],
    )
    assert votes(records, "2025-05-21")["2025-05-25"].status == "pending"
    assert votes(records, "2025-06-04")["2025-05-25"].status == "fulfilled"


def test_a_date_someone_merely_expects_moves_no_set_date(nlp: Language) -> None:
    records = read(
        nlp,
        [
            ("2025-07-20", "Fiji's king decreed that the general election will take place on October 12."),
            (
                "2025-09-08",
                "Fiji's caretaker prime minister expects the general election to be held in November, "
                "a news agency reported.",
            ),
            ("2025-09-20", "Fiji's general election has been postponed to November 23, the king said."),
        ],
    )
    on_sept_10 = votes(records, "2025-09-10")
    assert on_sept_10["2025-10-12"].status == "pending"  # a guess of November moves nothing
    on_sept_21 = votes(records, "2025-09-21")
    assert on_sept_21["2025-10-12"].status == "superseded"  # a postponement does
    assert on_sept_21["2025-11-23"].status == "pending"


# -- votes called off, votes that went ahead ------------------------------------------------

SET = ("2025-02-01", "Fiji's presidential election is scheduled for April 27, the electoral commission said.")


@pytest.fixture(scope="module")
def coup(nlp: Language) -> list[Record]:
    return read(
        nlp,
        [
            SET,
            (
                "2025-03-25",
                "Soldiers seized power in Fiji on Thursday. The junta cancelled the presidential election "
                "and suspended the constitution.",
            ),
        ],
    )


def test_an_election_the_junta_cancelled_is_broken_and_says_why(coup: list[Record]) -> None:
    assert votes(coup, "2025-03-01")["2025-04-27"].status == "pending"
    got = votes(coup, "2025-03-26")["2025-04-27"]
    assert got.status == "broken"
    assert got.why().startswith("broken: report ") and "cancelled the presidential election" in got.why()
    assert votes(coup, "2025-05-01")["2025-04-27"].status == "broken"  # not merely overdue


def test_an_election_that_may_be_cancelled_is_still_owed(nlp: Language) -> None:
    records = read(
        nlp,
        [SET, ("2025-03-25", "Fiji's opposition warned that the presidential election may be cancelled.")],
    )
    assert votes(records, "2025-03-26")["2025-04-27"].status == "pending"


def test_a_coup_told_years_later_breaks_the_vote_of_its_year_only(nlp: Language) -> None:
    records = read(
        nlp,
        [
            SET,
            ("2026-05-02", "Fiji's general election is scheduled for December 12, the junta said."),
            (
                "2027-01-10",
                "In 2025 the army seized power in Fiji and cancelled the upcoming elections, the former "
                "president said on Sunday.",
            ),
        ],
    )
    got = votes(records, "2027-01-11")
    assert got["2025-04-27"].status == "broken"
    assert got["2026-12-12"].status == "overdue"  # promised after the coup: not the vote it called off


def test_a_runoff_that_went_ahead_is_kept(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-05-03",
                "Fiji's electoral commission said that no candidate won a majority, and a run-off will be "
                "held on June 27.",
            ),
            ("2025-06-22", "The opposition candidate withdrew from Fiji's presidential run-off."),
            (
                "2025-06-28",
                "Fiji's presidential run-off went ahead on Friday with one candidate on the ballot.",
            ),
        ],
    )
    assert votes(records, "2025-06-23")["2025-06-27"].status == "pending"
    assert votes(records, "2025-06-29")["2025-06-27"].status == "fulfilled"


SET_KENYA = "Kenya's presidential election is scheduled for March 9, the electoral commission said."


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2025-03-12", "President Ruto won Sunday's presidential election with 58 percent of the vote."),
        ("2025-03-12", "Kenya's electoral commission declared Ruto the winner of the presidential election."),
        ("2025-03-09", "Polls opened across Kenya on Sunday morning in the presidential election."),
        ("2025-03-10", "Vote counting began in Kenya on Monday after the presidential election."),
        ("2025-03-11", "Early results showed Ruto winning the presidential election in Kenya."),
    ],
)
def test_a_vote_told_by_its_winner_results_or_count_is_held(nlp: Language, day: str, text: str) -> None:
    records = read(nlp, [("2025-02-01", SET_KENYA), (day, text)])
    assert votes(records, "2025-03-13")["2025-03-09"].status == "fulfilled"


def test_a_vote_moved_by_parliament_is_superseded(nlp: Language) -> None:
    records = read(
        nlp,
        [
            (
                "2025-02-01",
                "Kenya's presidential election is scheduled for June 26, the electoral commission said.",
            ),
            ("2025-04-20", "Kenya's parliament voted to move the presidential election to July 10."),
        ],
    )
    got = votes(records, "2025-04-21")
    assert got["2025-06-26"].status == "superseded"
    assert got["2025-07-10"].status == "pending"


def test_a_states_own_vote_told_to_other_sides_is_one_thread(nlp: Language) -> None:
    # the sides each report names beside the state (the UN, then the African Union) are no party to
    # its own election: the later date moves the earlier one
    records = read(
        nlp,
        [
            (
                "2025-02-01",
                "Kenya will hold parliamentary elections by June 30, the government told the United "
                "Nations on Friday. The United Nations welcomed the pledge.",
            ),
            (
                "2025-07-20",
                "Kenya will hold the parliamentary elections by October 15, the government told the "
                "African Union on Sunday. The African Union said it would send observers.",
            ),
        ],
    )
    got = votes(records, "2025-07-21")
    assert got["2025-06-30"].status == "superseded"
    assert got["2025-10-15"].status == "pending"


GENERAL = (
    "2025-08-25",
    "Kenya's general election is scheduled for September 18, the electoral commission said.",
)


def test_a_by_election_in_one_constituency_neither_moves_nor_is_the_general_vote(nlp: Language) -> None:
    records = read(
        nlp,
        [
            GENERAL,
            (
                "2025-09-08",
                "A candidate died in Kenya, and the electoral commission has delayed the vote in one "
                "constituency: a by-election is scheduled for October 2.",
            ),
            ("2025-09-18", "Kenyans are voting in today's general election, except in one constituency."),
        ],
    )
    got = votes(records, "2025-09-09")
    assert got["2025-09-18"].status == "pending"  # not superseded by the by-election's day
    assert got["2025-10-02"].status == "pending"
    got = votes(records, "2025-09-18")
    assert got["2025-09-18"].status == "fulfilled"  # "today's general election", told on its day
    assert got["2025-10-02"].status == "pending"


def test_a_vote_ahead_of_todays_report_is_not_held(nlp: Language) -> None:
    records = read(
        nlp,
        [
            GENERAL,
            ("2025-09-17", "Candidates made last appeals ahead of tomorrow's general election in Kenya."),
            (
                "2025-09-18",
                "The electoral commission postponed today's general election in Kenya, officials said.",
            ),
        ],
    )
    assert votes(records, "2025-09-18")["2025-09-18"].status != "fulfilled"
