"""What news reports guess or tell as done, not what a side owes (issue 13, precision): a belief
about a side's act, a likelihood or a capacity, a recommendation, a deal still proposed, talks
merely scheduled, an act done in the deciding, what a side is given, a deed told beside a pledge.
Sentences written for these tests; each must-not-fire sentence has a still-must-fire twin with the
same act."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docket.record import Record

NOT_BOUND_AND_BOUND = [
    (  # a belief of others, in either voice
        "Many commentators believe that Corbin will soon resign and hand the party over to Vance.",
        "Corbin agreed to resign and hand the party over to Vance by June.",
        "resign",
    ),
    (
        "It is believed that the Norwegian army will deploy up to 2,000 troops next year.",
        "The Norwegian army will deploy up to 2,000 troops next year.",
        "deploy",
    ),
    (  # a likelihood or a capacity
        "The commander said 20,000 Norwegian troops may be able to leave Kosovo by the summer of 2026.",
        "The commander said 20,000 Norwegian troops will leave Kosovo by the summer of 2026.",
        "withdraw",
    ),
    (
        "Analysts say it would be unlikely that Acme Motors would close the plant this year.",
        "Acme Motors said it would close the plant this year.",
        "close",
    ),
    (
        "Officials said Sweden would likely release the prisoners on March 23.",
        "Officials said Sweden would release the prisoners on March 23.",
        "release",
    ),
    (  # a recommendation to a side
        "The general recommends that Norway withdraw a marine unit by the end of September.",
        "Norway agreed to withdraw a marine unit by the end of September.",
        "withdraw",
    ),
    (  # a deal still proposed
        "Under the proposed deal, Norway would hand over 900 rifles to Sweden by June.",
        "Under the deal, Norway will hand over 900 rifles to Sweden by June.",
        "hand over",
    ),
    (  # an allegation
        "The complaint alleges that Acme Motors agreed to pay Brisk Metals a fee of 7 million dollars.",
        "Acme Motors agreed to pay Brisk Metals a fee of 7 million dollars.",
        "provide",
    ),
    (  # once promised, no more
        "Norway once promised to release the prisoners by 2010.",
        "Norway promised to release the prisoners by 2010.",
        "release",
    ),
    (  # talks merely scheduled; talks a side agreed to hold
        "Norway will talk with Sweden on Monday.",
        "Norway agreed to talk with Sweden on Monday.",
        "talk",
    ),
    (
        "Talks between Norway and Sweden will start on February 27 in Oslo.",
        "Norway and Sweden agreed that talks between them will start on February 27 in Oslo.",
        "talk",
    ),
    # an act done in the deciding, unless it has a date
    (
        "The Liberal Party decided to cancel its primaries in three provinces.",
        "The Liberal Party decided to cancel its primaries in three provinces by June.",
        "cancel",
    ),
    (
        "The European Commission has announced its decision to fine Halvard Mining 90 million euros.",
        "The European Commission has announced it will fine Halvard Mining 90 million euros by June.",
        "fine",
    ),
    (
        "The Swedish government has decided to suspend a scheduled shipment of aid.",
        "The Swedish government has decided to suspend a scheduled shipment of aid until June.",
        "suspend",
    ),
    (
        "The government of Norway has decided to halt the military operation in the north.",
        "The government of Norway has decided to halt the military operation in the north by Friday.",
        "halt",
    ),
    (  # what a side will be given is the giver's act, unless the side pledged to take it
        "In return, Norway will receive 50,000 tonnes of grain by March.",
        "In return, Norway agreed to receive 5,000 refugees by March.",
        "receive",
    ),
    (
        "Sweden is due to receive 40 million dollars in aid this year.",
        "Sweden agreed to receive 40 former detainees this year.",
        "receive",
    ),
    (  # a deed told in the past beside the pledge it came with
        "Halvard Mining agreed to pay back 19 million dollars to the town and entered into a settlement.",
        "Halvard Mining agreed to pay back 19 million dollars by June and enter into a settlement by July.",
        "enter",
    ),
    (  # talks named as the occasion of another act
        "Norway agreed during the talks to cut its tariffs by June.",
        "Norway agreed to talk with Sweden on Monday.",
        "talk",
    ),
]


@pytest.mark.parametrize(("not_bound", "bound", "action"), NOT_BOUND_AND_BOUND)
def test_a_guess_or_a_deed_binds_nobody_and_the_same_act_owed_still_does(
    extract: Callable[..., Record], not_bound: str, bound: str, action: str
) -> None:
    rec = extract(not_bound, "2025-03-10")
    assert [c.action for c in rec.commitments if c.action == action] == [], rec.commitments
    rec = extract(bound, "2025-03-10")
    assert any(c.action == action for c in rec.commitments), rec.commitments


def test_a_side_that_decided_to_send_troops_is_still_bound(extract: Callable[..., Record]) -> None:
    rec = extract("NATO decided to send 2,000 more troops to Afghanistan.", "2025-03-10")
    assert [(c.obligor, c.action) for c in rec.commitments] == [(["nato"], "send")]


def test_the_pledge_beside_a_deed_told_still_binds(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Mining agreed to pay back 19 million dollars to the town and entered into a settlement.",
        "2025-03-10",
    )
    assert [c.action for c in rec.commitments] == ["provide"], rec.commitments


def test_talks_a_side_agreed_to_hold_are_one_commitment(extract: Callable[..., Record]) -> None:
    rec = extract("Norway agreed to hold talks with Sweden on Monday.", "2025-03-10")
    assert [(c.obligor, c.action) for c in rec.commitments] == [(["NOR"], "hold")], rec.commitments
