"""What companies undertake, as business reports say it: sentences written for these tests (issue
13). Each checks what an analyst would: which company is bound, to what, by when."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docket.record import Record


def _bound(rec: Record, action: str) -> tuple[list[str], str | None, str | None]:
    """Who is bound to the first commitment of this action, to what object, and by when."""
    by_action = {c.action: c for c in reversed(rec.commitments)}
    assert action in by_action, [(c.obligor, c.action) for c in rec.commitments]
    c = by_action[action]
    when = {t.id: t.value for t in rec.timexes}.get(c.deadline or "")
    return c.obligor, c.object, when


# --- companies the model does not tag


def test_a_company_named_beside_its_kind_is_bound(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The online auction site Bidmart agreed to purchase the photo app Snapwire for $300 million. "
        "Bidmart has 900 employees."
    )
    obligor, thing, when = _bound(rec, "buy")
    assert obligor == ["bidmart"]
    assert thing and "Snapwire" in thing
    assert when is None
    assert any(a.id == "bidmart" and len(a.mentions) == 2 for a in rec.actors)


@pytest.mark.parametrize(
    ("text", "published", "company", "when"),
    [
        # the bare name of a company the article also writes with a corporate suffix
        (
            "Pellworth Holdings Ltd reported a first-quarter loss on Tuesday. "
            "Pellworth agreed to sell its Leeds plant by June.",
            "2025-03-10",
            "pellworth-holdings-ltd",
            "2025-06",
        ),
        # a name the wire marks is the whole name, where the model tags only its last words
        (
            "West German car instrument maker <VDO Adolf Schindling AG> said it agreed to sell its "
            "display unit to Thomson-CSF by June.",
            "1987-03-03",
            "vdo-adolf-schindling-ag",
            "1987-06",
        ),
    ],
)
def test_a_company_named_as_the_wire_writes_it_is_bound(
    extract: Callable[..., Record], text: str, published: str, company: str, when: str
) -> None:
    obligor, _, deadline = _bound(extract(text, published), "sell")
    assert obligor[0] == company
    assert deadline == when


def test_a_name_led_by_a_common_word_is_no_company(extract: Callable[..., Record]) -> None:
    rec = extract("The minister Jonas Berg said Norway would close the border by Friday.", "2025-03-10")
    assert not any(a.kind == "organization" and "berg" in a.id for a in rec.actors)


# --- joint undertakings bind the partner too


def test_a_merger_agreed_binds_both_companies(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Mining Corp agreed to merge with Brisk Metals Ltd by the end of June.", "2025-03-10"
    )
    obligor, _, when = _bound(rec, "merge")
    assert obligor == ["halvard-mining-corp", "brisk-metals-ltd"]
    assert when == "2025-06"


def test_an_agreement_with_a_partner_to_develop_binds_both(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Control Data Corp announced an agreement with MIPS Computer Systems Inc to jointly develop machines."
    )
    obligor, thing, when = _bound(rec, "develop")
    assert obligor == ["control-data-corp", "mips-computer-systems-inc"]
    assert thing == "machines"
    assert when is None


def test_a_contract_entered_with_a_partner_binds_both(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Pacad Inc said it has reached an agreement to enter into a contract with Okamoto Riken Gomu Co Ltd."
    )
    obligor, _, _ = _bound(rec, "enter")
    assert obligor == ["pacad-inc", "okamoto-riken-gomu-co-ltd"]


def test_a_sale_to_a_buyer_binds_only_the_seller(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Mining Corp agreed to sell its copper unit to Brisk Metals Ltd, which it competes with."
    )
    obligor, _, _ = _bound(rec, "sell")
    assert obligor == ["halvard-mining-corp"]


def test_they_after_a_list_of_companies_binds_each(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The European Commission said it has dropped legal action against West Germany's Lufthansa, "
        "Alitalia of Italy and Olympic Airways of Greece after they agreed to change practices that restrict "
        "competition."
    )
    obligor, thing, when = _bound(rec, "change")
    assert {"lufthansa", "alitalia", "olympic-airways"} <= set(obligor)
    assert thing == "practices"
    assert when is None


# --- what a plan or a deal calls on a company to do


def test_a_plan_that_calls_for_a_company_to_act_binds_it(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Mining Corp and Brisk Metals Ltd revised their deal on Friday. The plan still calls for "
        "Halvard to combine its copper mines with Brisk's by March and to spin off its coal business.",
        "2025-10-06",
    )
    obligor, thing, when = _bound(rec, "merge")
    assert obligor[0].startswith("halvard") and any(o.startswith("brisk") for o in obligor)
    assert thing == "its copper mines"
    assert when == "2026-03"
    obligor, thing, _ = _bound(rec, "spin off")
    assert len(obligor) == 1 and obligor[0].startswith("halvard")
    assert thing == "its coal business"


def test_analysts_who_call_for_a_company_to_act_bind_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Analysts call for Halvard Mining Corp to sell its coal business by March.", "2025-10-06")
    assert rec.commitments == []


def test_it_said_by_the_directors_is_their_company(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Mining Corp's independent directors backed the bid on Monday. The directors said "
        "it will reimburse the bidders up to $8 million of their expenses by December 1.",
        "2025-10-06",
    )
    obligor, thing, when = _bound(rec, "reimburse")
    assert obligor == ["halvard-mining-corp"]
    assert thing == "the bidders"
    assert when == "2025-12-01"
