"""An act a side must do by a day or bear a loss ("will lose farm payments unless they succeed in
setting up the database by April 2007") binds that side, by that day; a condition with no day, or
one on what others do, binds nobody. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from docket.record import Record


def _found(rec: Record) -> list[tuple[list[str], str, str | None]]:
    values = {t.id: t.value for t in rec.timexes}
    return [(c.obligor, c.action, values.get(c.deadline or "")) for c in rec.commitments]


def test_an_act_done_by_a_day_or_a_loss_binds_the_side(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Romania and Bulgaria will lose farm payments unless they succeed in setting up an "
        "operational database for animals called IACS by April 2007.",
        "2006-09-26",
    )
    # bound to set the database up, by April 2007 (through the name "called IACS"), not to "succeed"
    assert _found(rec) == [(["ROU", "BGR"], "set up", "2007-04")]


def test_a_fee_paid_by_a_day_or_the_deal_fails_binds_the_payer(extract: Callable[..., Record]) -> None:
    rec = extract("The merger collapses unless Halvard Mining Corp pays the fee by Friday.", "2024-09-04")
    assert [(o, d) for o, _a, d in _found(rec)] == [(["halvard-mining-corp"], "2024-09-06")]


def test_a_condition_with_no_day_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Halvard Mining Corp will lose the licence unless it sells the unit.", "2024-09-04")
    assert not [c for c in rec.commitments if c.action == "sell"]


def test_what_others_do_by_a_day_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Halvard Mining Corp will close the plant unless sales improve by June.", "2024-09-04")
    assert not [c for c in rec.commitments if c.action == "improve"]
