"""Commitments told through forms other than a verb of promise (issue 13): an act named by a noun
that a side says will begin on a day, what an authority directs a side to do, and a noun of
undertaking whose act is a noun ("made a firm commitment for a full withdrawal"). Sentences
written for these tests; each checks what an analyst would: who is bound, to what, by when, and
that look-alikes (forecasts by others, past facts, undated starts, demands) bind nobody."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docket.record import Record


def _bound_to(rec: Record, action: str) -> tuple[list[str], str | None]:
    """Who the first commitment to ``action`` binds, and its deadline's value."""
    found = [c for c in rec.commitments if c.action == action]
    assert found, [(c.obligor, c.action) for c in rec.commitments]
    value = next((t.value for t in rec.timexes if t.id == found[0].deadline), None)
    return found[0].obligor, value


@pytest.mark.parametrize(
    ("text", "action", "obligor", "deadline"),
    [
        (
            "Halvard Mining Corp said drilling will begin during the second quarter.",
            "drill",
            "halvard",
            "1987-Q2",
        ),
        (
            "Brisk Metals Ltd said construction of the smelter is scheduled to begin in May.",
            "build",
            "brisk-metals",
            "1987-05",
        ),
        (
            "Pellworth Holdings said production at the mine is to start in 1989.",
            "produce",
            "pellworth",
            "1989",
        ),
        # a gerund or a noun of an act that a named side will begin
        (
            "Halvard Mining Corp will begin mailing the offer to shareholders at the end of next week.",
            "mail",
            "halvard",
            "1987-W12",
        ),
        ("Brisk Metals Ltd is scheduled to begin production in May.", "produce", "brisk-metals", "1987-05"),
        # a future passive in what a company or a state says of its own act, with its day
        (
            "Halvard Mining Corp said the new shaft will be completed in May.",
            "complete",
            "halvard",
            "1987-05",
        ),
        ("Britain said the troops will be withdrawn by March.", "withdraw", "GBR", "1987-03"),
        # a verb of time made an act by its object
        ("Cameroon is to take full administrative control of the peninsula in 1989.", "take", "CMR", "1989"),
    ],
)
def test_a_side_bound_by_what_it_says_of_its_own_act(
    extract: Callable[..., Record], text: str, action: str, obligor: str, deadline: str
) -> None:
    bound, due = _bound_to(extract(text, "1987-03-10"), action)
    assert bound and bound[0].startswith(obligor), bound
    assert due == deadline


def test_a_withdrawal_a_state_says_will_begin_binds_that_state(extract: Callable[..., Record]) -> None:
    assert _bound_to(extract("Israel said the withdrawal will begin in May.", "2005-03-10"), "withdraw") == (
        ["ISR"],
        "2005-05",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said production will start in 1989.",  # a forecast by nobody bound
        "Halvard Mining Corp said drilling began in May.",  # a past fact
        "Halvard Mining Corp said drilling will begin.",  # no day it is set for
        "Halvard Mining Corp said drilling could begin in May.",  # a possibility
        "Halvard Mining Corp began mailing the offer last week.",  # a past fact
        "Analysts expect Brisk Metals Ltd to begin production in May.",  # a forecast
        "Analysts said the plant will be closed by June.",  # nobody bound says it
        "Halvard Mining Corp said the results will be announced on Monday.",  # an announcement merely set
        "Halvard Mining Corp said the new shaft was completed in May.",  # a past fact
        "The talks will take place in June.",  # a verb of time, no act
        # an order not yet given binds nobody yet
        "Immigration officials said they will order the relatives of Elian Gonzalez to turn the boy over.",
    ],
)
def test_what_binds_nobody_yet(extract: Callable[..., Record], text: str) -> None:
    rec = extract(text, "1987-03-10")
    assert rec.commitments == [], [(c.obligor, c.action) for c in rec.commitments]


def test_what_an_authority_directs_a_company_to_do_binds_the_company(extract: Callable[..., Record]) -> None:
    text = "The court directed Halvard Mining Corp to sell its stake in Brisk Metals by June 1."
    bound, due = _bound_to(extract(text, "2011-03-10"), "sell")
    assert bound and bound[0].startswith("halvard"), bound
    assert due == "2011-06-01"


def test_a_span_an_order_gives_with_no_anchor_stays_a_span(extract: Callable[..., Record]) -> None:
    rec = extract("The regulator ordered Halvard Mining Corp to clear the site within 30 days.", "2011-03-10")
    ordered = next(c for c in rec.commitments if c.action == "clear")
    timex = next(t for t in rec.timexes if t.id == ordered.deadline)
    assert timex.value == "P30D"
    assert timex.anchor == "unknown"  # never a date guessed from the report


def test_a_commitment_for_a_withdrawal_binds_who_made_it(extract: Callable[..., Record]) -> None:
    text = "Syria made a firm commitment for a full withdrawal of its forces from Lebanon."
    assert _bound_to(extract(text, "2005-03-10"), "withdraw")[0] == ["SYR"]


@pytest.mark.parametrize(
    "text",
    [
        "Syria rejected calls for a withdrawal of its forces.",  # a demand refused
        "The United States urged a commitment to the withdrawal of troops.",  # a demand, nobody committed
        "The general ordered his troops to attack the town.",  # an order of force, not an undertaking
    ],
)
def test_demands_for_a_withdrawal_bind_nobody(extract: Callable[..., Record], text: str) -> None:
    rec = extract(text, "2005-03-10")
    assert rec.commitments == [], [(c.obligor, c.action) for c in rec.commitments]
