"""Commitments stated plainly whose side is named by a pronoun or a form the rules missed (issue 13):
sentences written for these tests, each with near-misses that must bind nobody."""

from __future__ import annotations

from collections.abc import Callable

from docket.record import Record


def _bound(rec: Record) -> list[tuple[list[str], str]]:
    return [(c.obligor, c.action) for c in rec.commitments]


def _binds(extract: Callable[..., Record], text: str, obligor: list[str], action: str) -> None:
    rec = extract(text)
    assert (obligor, action) in _bound(rec), (text, _bound(rec))


def _nobody_bound(extract: Callable[..., Record], *texts: str) -> None:
    for text in texts:
        rec = extract(text)
        assert rec.commitments == [], (text, _bound(rec))


def test_she_who_promised_is_bound_as_herself(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Marta Kowalczyk arrived at the rally at eight. She spoke about the strike and promised to hold "
        "a new vote on the charter and publish the accounts."
    )
    bound = _bound(rec)
    assert (["marta-kowalczyk"], "hold") in bound, bound
    assert (["marta-kowalczyk"], "publish") in bound, bound


def test_we_in_a_quote_is_the_person_quoted(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Foreign Minister Anna Lindqvist visited the flooded towns on Tuesday.\n\n"
        '"We promise to rebuild every bridge the river took," Lindqvist told the villagers.'
    )
    assert (["anna-lindqvist"], "rebuild") in _bound(rec), _bound(rec)


def test_a_pronoun_that_only_asks_or_hopes_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Marta Kowalczyk arrived at the rally at eight. She asked the council to hold a new vote, "
        "and she hopes to publish the accounts."
    )
    assert rec.commitments == [], _bound(rec)


def test_a_promise_told_as_kept_long_ago_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Marta Kowalczyk spoke at the rally. In 2019 she had promised to hold a new vote, and she held it."
    )
    assert rec.commitments == [], _bound(rec)


def test_a_pledge_reported_in_the_past_perfect_binds(extract: Callable[..., Record]) -> None:
    _binds(
        extract,
        "Halvard Corp said it had agreed to sell its Leeds plant to Brisk Metals Ltd by June.",
        ["halvard-corp"],
        "sell",
    )
    _binds(
        extract,
        "Russia and Ukraine had agreed to exchange 90 prisoners, officials told reporters.",
        ["RUS", "UKR"],
        "exchange",
    )


def test_a_pledge_in_the_past_perfect_told_by_the_writer_is_overtaken(extract: Callable[..., Record]) -> None:
    rec = extract("Spain had promised to withdraw its troops by June, but the deadline passed.")
    assert rec.commitments == [], _bound(rec)
    rec = extract("He said the talks had been scheduled to close on Friday.")
    assert rec.commitments == [], _bound(rec)


def test_an_act_named_by_a_noun_that_a_side_commits_to_binds_it(extract: Callable[..., Record]) -> None:
    _binds(
        extract,
        "Halvard Corp agreed to a reduction of its stake in Brisk Metals Ltd.",
        ["halvard-corp"],
        "reduce",
    )
    _binds(extract, "India reiterated its commitment to a freeze on nuclear tests.", ["IND"], "freeze")
    # "of" names the act only when a side holds the noun ("the pledge of a donor" names the side)
    _binds(
        extract,
        "Halvard Corp's pledge of a reduction of its stake in Brisk Metals Ltd by June 30 was welcomed.",
        ["halvard-corp"],
        "reduce",
    )


def test_an_act_named_by_a_noun_asked_for_forecast_or_not_pledged_binds_nobody(
    extract: Callable[..., Record],
) -> None:
    _nobody_bound(
        extract,
        "The unions called for an increase of 5 percent.",
        "Analysts expect an increase in prices.",
        "Critics mocked the pledge of a reduction in prices by June 30.",  # held by no side
        "Halvard Corp reported an increase in profits.",
        "The Law Council of Australia has criticised both major parties for failing to commit to increases "
        "in legal aid funding.",
    )


def test_letting_allowing_or_keeping_pledged_in_so_many_words_binds(extract: Callable[..., Record]) -> None:
    rec = extract("The Taliban pledged not to let al-Qaeda operate in Afghanistan.")
    found = [c for c in rec.commitments if c.obligor == ["taliban"] and c.action == "let"]
    assert found and found[0].polarity == "negative", _bound(rec)
    _binds(extract, "Iran agreed to allow inspectors into the site by Friday.", ["IRN"], "allow")


def test_letting_allowing_or_keeping_without_a_pledge_binds_nobody(extract: Callable[..., Record]) -> None:
    _nobody_bound(
        extract,
        "The Bank of Japan decided to keep interest rates unchanged.",
        "Acme Motors will continue to make cars in Leeds.",
        "The deal would allow Iran to sell oil.",
        "Japan hopes to help Ukraine rebuild its power grid.",
    )


def test_a_deal_to_act_that_a_side_reached_binds_it(extract: Callable[..., Record]) -> None:
    _binds(extract, "Acme Motors reached a deal to sell its truck unit to Volvo.", ["acme-motors"], "sell")
    _nobody_bound(
        extract,
        "Acme Motors rejected a deal to sell its truck unit.",
        "Acme Motors has a plan to sell its truck unit.",
    )


def test_who_pledges_money_to_an_act_is_bound_to_it(extract: Callable[..., Record]) -> None:
    _binds(extract, "Japan pledged $500 million to rebuild Haiti.", ["JPN"], "rebuild")
    rec = extract("Japan urged China to spend $500 million to rebuild Haiti.")
    assert rec.commitments == [], _bound(rec)


def test_an_assurance_or_commitment_that_a_side_will_act_binds_it(extract: Callable[..., Record]) -> None:
    _binds(
        extract,
        "Acme Motors made a commitment that it would close the plant by June.",
        ["acme-motors"],
        "close",
    )
    _binds(
        extract,
        "Acme Motors gave assurances that it would keep the Leeds plant open until 2020.",
        ["acme-motors"],
        "keep",
    )
    _binds(
        extract, "Acme Motors gave a guarantee that no jobs would be cut before 2025.", ["acme-motors"], "cut"
    )


def test_a_that_clause_of_no_undertaking_binds_nobody(extract: Callable[..., Record]) -> None:
    _nobody_bound(
        extract,
        "Analysts feared that Acme Motors would keep the plant open.",
    )


def test_a_pronoun_for_a_minister_binds_the_minister_and_her_country(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Swedish Foreign Minister Anna Lindqvist visited the flooded towns on Tuesday. She promised to "
        "rebuild every bridge by the end of the year."
    )
    found = [c.obligor for c in rec.commitments if c.action == "rebuild"]
    assert found and "anna-lindqvist" in found[0] and "SWE" in found[0], _bound(rec)
