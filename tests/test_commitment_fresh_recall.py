"""Forms of commitment seen in fresh news text (issue 13, recall, real set round seven): sentences written
for these tests. Each form has a sentence that binds and a look-alike that must not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import deadline_value
from docket.record import Commitment, Record


def _acts(rec: Record, action: str) -> list[Commitment]:
    return [c for c in rec.commitments if c.action == action]


# (sentence, published, action, obligor, deadline)
BINDING = [
    # a side's own plan, with a deadline of the act's own
    ("Halvard Airlines announced plans to cut 4,000 jobs by the end of 2026.", "2025-03-10", "cut",
     "halvard-airlines", "2026"),
    ("Britain unveiled a plan to withdraw its troops from Basra by May.", "2007-02-21", "withdraw", "GBR",
     "2007-05"),
    # "by a deadline of D"
    ("Israel agreed to withdraw its troops by a deadline of March 1.", "2007-02-01", "withdraw", "ISR",
     "2007-03-01"),
    # a deadline set for a side to act
    ("The EU set a deadline of July 21 for Microsoft to provide complete technical information.",
     "2006-07-12", "provide", "microsoft", "2006-07-21"),
    # a passive act ahead, told by a state's official or confirmed by the state
    ("The two men will be executed on Thursday, according to an Iraqi government official.", "2006-12-26",
     "execute", "IRQ", "2006-12-28"),
    ("The Iraqi government has confirmed that the former minister is to be executed by January 30.",
     "2006-12-26", "execute", "IRQ", "2007-01-30"),
]  # fmt: skip

# (sentence, published, action): look-alikes that bind nobody to the act
NOT_BINDING = [
    ("Halvard Airlines announced plans to cut 4,000 jobs.", "2025-03-10", "cut"),  # an intent, undated
    ("The rebels demanded a deadline of June 1 for Israel to withdraw its troops.", "2006-05-12", "withdraw"),
    ("The two men were executed on Thursday, according to an Iraqi government official.", "2006-12-26",
     "execute"),  # done
    ("The two men could be executed on Thursday, according to an Iraqi government official.", "2006-12-26",
     "execute"),  # possible
    ("The two men will be executed on Thursday, according to a lawyer.", "2006-12-26", "execute"),
    # working with someone is an act only when pledged in so many words
    ("Halvard Corp wants to work with Brisk Metals Ltd.", "2008-01-10", "work"),
    ("Halvard Corp has worked with Brisk Metals Ltd for years.", "2008-01-10", "work"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "action", "obligor", "deadline"), BINDING)
def test_the_form_binds_its_side_by_its_date(
    extract: Callable[..., Record], text: str, published: str, action: str, obligor: str, deadline: str
) -> None:
    rec = extract(text, published)
    found = _acts(rec, action)
    assert found, rec.commitments
    assert found[0].obligor == [obligor]
    assert deadline_value(rec, found[0]) == deadline


@pytest.mark.parametrize(("text", "published", "action"), NOT_BINDING)
def test_the_look_alike_binds_nobody(
    extract: Callable[..., Record], text: str, published: str, action: str
) -> None:
    rec = extract(text, published)
    assert _acts(rec, action) == [], rec.commitments


def test_a_plan_someone_else_proposes_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("The opposition proposed a plan to withdraw the troops by May.", "2007-02-21")
    assert all(not c.obligor for c in rec.commitments), rec.commitments


def test_a_deadline_set_for_a_report_names_no_act(extract: Callable[..., Record]) -> None:
    rec = extract("The EU set a deadline of July 21 for its report on the market.", "2006-07-12")
    assert rec.commitments == []


def test_a_pledge_to_work_with_a_partner_binds_both(extract: Callable[..., Record]) -> None:
    rec = extract("Halvard Corp agreed to work with Brisk Metals Ltd to develop new systems.", "2008-01-10")
    found = _acts(rec, "work")
    assert found and found[0].obligor == ["halvard-corp", "brisk-metals-ltd"]


def test_an_act_a_side_is_barred_from_binds_it_not_to_act(extract: Callable[..., Record]) -> None:
    rec = extract(
        "As part of the settlement, Halvard Corp will pay a fine. "
        "It also is prohibited from discharging pollutants.",
        "1987-03-02",
    )
    found = _acts(rec, "discharge")
    assert found and found[0].obligor == ["halvard-corp"]
    assert found[0].polarity == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Halvard Corp was banned from discharging pollutants for two years.",  # told as past
        "Halvard Corp is not prohibited from discharging pollutants.",  # not barred
        "Halvard Corp wants to be prohibited from discharging pollutants.",  # a wish
    ],
)
def test_a_bar_told_as_past_denied_or_wished_binds_nobody(extract: Callable[..., Record], text: str) -> None:
    assert _acts(extract(text, "1987-03-02"), "discharge") == []
