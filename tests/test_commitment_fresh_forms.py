"""Forms of commitment seen in fresh news text (issue 13, real set round seven): sentences written
for these tests. Each form has a sentence that binds and a look-alike that must not."""

from __future__ import annotations

from collections.abc import Callable

from docket.record import Commitment, Record


def _acts(rec: Record, action: str) -> list[Commitment]:
    return [c for c in rec.commitments if c.action == action]


def _deadline(rec: Record, c: Commitment) -> str | None:
    return next((t.value for t in rec.timexes if t.id == c.deadline), None)


def test_a_plan_a_company_announces_with_a_deadline_binds_it(extract: Callable[..., Record]) -> None:
    rec = extract("Halvard Airlines announced plans to cut 4,000 jobs by the end of 2026.", "2025-03-10")
    found = _acts(rec, "cut")
    assert found, rec.commitments
    assert found[0].obligor == ["halvard-airlines"]
    assert _deadline(rec, found[0]) == "2026"


def test_a_plan_with_no_deadline_is_an_intent_not_a_commitment(extract: Callable[..., Record]) -> None:
    rec = extract("Halvard Airlines announced plans to cut 4,000 jobs.", "2025-03-10")
    assert _acts(rec, "cut") == []


def test_a_states_own_plan_to_withdraw_by_a_month_binds_it(extract: Callable[..., Record]) -> None:
    rec = extract("Britain unveiled a plan to withdraw its troops from Basra by May.", "2007-02-21")
    found = _acts(rec, "withdraw")
    assert found and found[0].obligor == ["GBR"]
    assert _deadline(rec, found[0]) == "2007-05"


def test_a_plan_someone_else_proposes_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("The opposition proposed a plan to withdraw the troops by May.", "2007-02-21")
    assert all(not c.obligor for c in rec.commitments), rec.commitments


def test_by_a_deadline_of_a_date_is_the_deadline(extract: Callable[..., Record]) -> None:
    rec = extract("Israel agreed to withdraw its troops by a deadline of March 1.", "2007-02-01")
    found = _acts(rec, "withdraw")
    assert found and found[0].obligor == ["ISR"]
    assert _deadline(rec, found[0]) == "2007-03-01"


def test_a_deadline_set_for_a_side_binds_that_side(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The EU set a deadline of July 21 for Microsoft to provide complete technical information.",
        "2006-07-12",
    )
    found = _acts(rec, "provide")
    assert found and found[0].obligor == ["microsoft"]
    assert _deadline(rec, found[0]) == "2006-07-21"


def test_a_deadline_a_side_demands_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("The rebels demanded a deadline of June 1 for Israel to withdraw its troops.", "2006-05-12")
    assert _acts(rec, "withdraw") == []


def test_a_deadline_set_for_a_report_names_no_act(extract: Callable[..., Record]) -> None:
    rec = extract("The EU set a deadline of July 21 for its report on the market.", "2006-07-12")
    assert rec.commitments == []
