"""Forms of news that story reports state commitments in: a body's duty by a day it is told ("the
tribunal must declare a winner by September 6"), a duty under a state's law ("under Mexican law a
president-elect must be declared by September 6th"), a side named beside its subject ("its
paramilitary wing, the Ulster Freedom Fighters, is to stand down ..."), a vote a side will hold on a
day ("Haiti will hold the elections on November 6"). Each real form is found,
with a look-alike that binds nobody. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from docket.record import Record


def _found(rec: Record) -> list[tuple[list[str], str, str | None]]:
    values = {t.id: t.value for t in rec.timexes}
    return [(c.obligor, c.action, values.get(c.deadline or "")) for c in rec.commitments]


def test_a_duty_by_a_told_day_binds_the_body(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The Halvard Electoral Commission has heard the complaints. It must certify a winner by October 3.",
        "2024-09-04",
    )
    assert [(a, d) for _o, a, d in _found(rec)] == [("certify", "2024-10-03")]
    assert rec.commitments[0].obligor == ["halvard-electoral-commission"]


def test_a_duty_with_no_day_binds_nobody(extract: Callable[..., Record]) -> None:
    # as often another side's demand as a duty
    rec = extract("The Halvard Electoral Commission must certify a winner, the rivals said.", "2024-09-04")
    assert not [c for c in rec.commitments if c.action.startswith("certify")]


def test_a_duty_with_a_vague_time_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Halvard Mining Corp must rethink its plans soon.", "2024-09-04")
    assert not rec.commitments


def test_a_duty_of_a_named_body_as_agent_binds_it(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The result must be certified by the Halvard Electoral Commission by October 3.", "2024-09-04"
    )
    assert [(o, d) for o, _a, d in _found(rec)] == [(["halvard-electoral-commission"], "2024-10-03")]


def test_a_must_of_a_company_or_state_stays_a_demand(extract: Callable[..., Record]) -> None:
    # "Iran must halt enrichment by April 30": as often another side's demand (see the real forms)
    assert not extract("Halvard Mining Corp must sell the unit by June 30.", "2024-09-04").commitments
    assert not extract("The plant must be sold by November 2006.", "2006-02-21").commitments


def test_a_side_named_beside_its_subject_is_bound(extract: Callable[..., Record]) -> None:
    # "its paramilitary wing, the Ulster Freedom Fighters, is to stand down ...": the wing named
    rec = extract(
        "The Halvard Party said its youth wing, the Halvard Youth League, will close its offices by June 1.",
        "2007-11-11",
    )
    assert _found(rec) == [(["halvard-youth-league"], "close", "2008-06-01")]


def test_an_unnamed_part_of_a_side_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The Halvard Party said its youth wing, a club of students, will close its offices by June 1.",
        "2007-11-11",
    )
    assert not rec.commitments


def test_a_duty_under_a_states_law_binds_the_state(extract: Callable[..., Record]) -> None:
    rec = extract("Under Iraq's constitution, the elections must be held by January 31.", "2006-08-06")
    assert _found(rec) == [(["IRQ"], "hold", "2007-01-31")]


def test_a_duty_under_a_law_of_nobody_named_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Under the law, the elections must be held by January 31.", "2006-08-06")
    assert not rec.commitments


def test_a_duty_under_a_states_law_with_no_day_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Under Mexican law a president-elect must be declared.", "2006-08-06")
    assert not rec.commitments


def test_a_vote_a_side_will_hold_on_a_day_binds_it(extract: Callable[..., Record]) -> None:
    rec = extract("Haiti will hold the elections on November 6.", "2005-03-13")
    assert _found(rec) == [(["HTI"], "hold", "2005-11-06")]


def test_talks_on_a_day_or_a_vote_hoped_for_bind_nobody(extract: Callable[..., Record]) -> None:
    assert not extract("Ireland will hold talks on May 3.", "2005-03-13").commitments
    assert not extract("Ireland hopes to hold a referendum on May 3.", "2005-03-13").commitments
    assert not extract("Ireland will hold a referendum on the treaty.", "2005-03-13").commitments


def test_the_subjects_own_name_in_brackets_is_no_side(extract: Callable[..., Record]) -> None:
    rec = extract("The value added tax (VAT) will increase to 19% from the beginning of 2007.", "2005-11-11")
    assert not [c for c in rec.commitments if "vat" in c.obligor]
