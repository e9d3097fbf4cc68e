"""An agreement carried to a new end with no action named: what the commitment stage reads, and what
the story makes of it (the real pipeline)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from docket.record import Record
from docket.story import due, index_records

Extract = Callable[..., Record]


def _extensions(rec: Record) -> list[tuple[str, str | None, str | None, list[str]]]:
    """(action, object, deadline value, obligor) of the commitments to carry an agreement on."""
    timexes = {t.id: t for t in rec.timexes}
    return [
        (c.action, c.object, timexes[c.deadline].value if c.deadline else None, c.obligor)
        for c in rec.commitments
        if c.action in ("continue", "extend")
    ]


@pytest.mark.parametrize(
    ("text", "action", "thing", "value"),
    [
        (
            "The arrangement between Lebanon and Israel will remain in effect until February 18, 2025, "
            "the White House said.",
            "continue",
            "the arrangement",
            "2025-02-18",
        ),
        (
            "The ceasefire will stay in force until February 18, officials said.",
            "continue",
            "the ceasefire",
            "2025-02-18",
        ),
        ("The deal will run until March 18, officials said.", "continue", "the deal", "2025-03-18"),
        (
            "The truce was extended until February 18, the White House said.",
            "extend",
            "the truce",
            "2025-02-18",
        ),
        ("The mandate was renewed until June 30, 2025.", "extend", "the mandate", "2025-06-30"),
        (
            "The deadline was pushed back to February 18, officials said.",
            "extend",
            "the deadline",
            "2025-02-18",
        ),
        ("The grain deal was extended by 120 days, Turkey said.", "extend", "the grain deal", "P120D"),
        ("The government extended the deadline until February 18.", "extend", "the deadline", "2025-02-18"),
    ],
)
def test_an_agreement_carried_to_an_end_is_a_commitment_about_the_agreement(
    extract: Extract, text: str, action: str, thing: str, value: str
) -> None:
    [(got_action, got_object, got_value, _who)] = _extensions(extract(text, "2025-01-27"))
    assert (got_action, got_object, got_value) == (action, thing, value)


def test_the_sides_the_agreement_names_are_bound(extract: Extract) -> None:
    rec = extract(
        "Qatar said the truce between Israel and Hamas would remain in effect until Thursday morning.",
        "2023-11-27",
    )
    [(_action, thing, _value, who)] = _extensions(rec)
    assert thing == "the truce" and set(who) == {"ISR", "hamas"}


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire remained in effect until February 18, the army said.",
        "The ceasefire had remained in effect until February 18, when fighting resumed.",
        "The truce could remain in effect until February 18, a diplomat said.",
        "The truce will not be extended until February 18, officials said.",
        "Lebanon wants the truce extended until February 18.",
        "The truce was extended last month to January 20, officials said.",
        "The conversion period will run from April 20, 2025 to March 20, 2026.",
        "The troops will remain in the south until February 18, officials said.",
        # captors who move their own ultimatum (a twin: "The government extended the deadline ...")
        "The kidnappers extended the deadline until February 18.",
    ],
)
def test_no_new_end_in_the_past_a_possibility_a_denial_or_a_wish(extract: Extract, text: str) -> None:
    assert _extensions(extract(text, "2025-01-27")) == []


TERMS = (
    "Under the truce, Israel will withdraw its forces from southern Lebanon within 60 days, while the "
    "Lebanese army deploys in the south."
)


def test_through_the_pipeline_the_extension_moves_the_withdrawal(extract: Extract) -> None:
    first = extract(TERMS, "2024-11-27")
    later = extract(
        "The arrangement between Lebanon and Israel will remain in effect until February 18, 2025, "
        "the White House said on Sunday.",
        "2025-01-27",
    )
    rows = due(index_records([first, later]).commitments, dt.date(2025, 2, 10))
    got = {
        (s.item.action, s.item.deadline.latest.isoformat()): s
        for s in rows
        if s.item.deadline and s.item.deadline.latest
    }
    assert got[("withdraw", "2025-01-26")].status == "superseded"
    assert (got[("withdraw", "2025-02-18")].status, got[("withdraw", "2025-02-18")].days_left) == (
        "pending",
        8,
    )
    assert got[("deploy", "2025-02-18")].status == "pending"


def test_remained_in_effect_tells_the_past_and_moves_nothing(extract: Extract) -> None:
    """Reported on February 20, 'remained in effect until February 18' is later than the 60 days'
    end (January 26), but says what was, not a new term."""
    first = extract(TERMS, "2024-11-27")
    later = extract(
        "The arrangement between Lebanon and Israel remained in effect until February 18.", "2025-02-20"
    )
    rows = due(index_records([first, later]).commitments, dt.date(2025, 2, 25))
    withdraw = [s for s in rows if s.item.action == "withdraw"]
    assert [(s.item.deadline.latest, s.status) for s in withdraw if s.item.deadline] == [
        (dt.date(2025, 1, 26), "overdue")
    ]


def test_an_extension_by_a_span_is_counted_from_the_old_end(extract: Extract) -> None:
    """'extended by 23 days' on January 27: 23 days after the 60 days' end (January 26)."""
    first = extract(TERMS, "2024-11-27")
    later = extract(
        "The arrangement between Lebanon and Israel was extended by 23 days, the White House said.",
        "2025-01-27",
    )
    rows = due(index_records([first, later]).commitments, dt.date(2025, 2, 10))
    moved = [s for s in rows if s.item.action == "withdraw" and s.status == "pending"]
    assert [(s.item.deadline.latest, s.days_left) for s in moved if s.item.deadline] == [
        (dt.date(2025, 2, 18), 8)
    ]
