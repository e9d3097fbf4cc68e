"""What companies undertake, as business reports say it: sentences written for these tests (issue
13). Each checks what an analyst would: which company is bound, to what, by when."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docket.record import Record

# (text, published, action, who is bound (each id begins so: "halvard" ~ "halvard-mining-corp"),
# the object, the deadline's value); one case per family of rules
BOUND = [
    # a company the model does not tag, named beside what kind of company it is
    (
        "The online auction site Bidmart agreed to purchase the photo app Snapwire for $300 million.",
        "2024-09-07",
        "buy",
        ["bidmart"],
        "the photo app Snapwire",
        None,
    ),
    # the bare name of a company the article also writes with a corporate suffix
    (
        "Pellworth Holdings Ltd reported a first-quarter loss on Tuesday. "
        "Pellworth agreed to sell its Leeds plant by June.",
        "2025-03-10",
        "sell",
        ["pellworth-holdings-ltd"],
        "its Leeds plant",
        "2025-06",
    ),
    # a name the wire marks is the whole name, where the model tags only its last words
    (
        "West German car instrument maker <VDO Adolf Schindling AG> said it agreed to sell its "
        "display unit to Thomson-CSF by June.",
        "1987-03-03",
        "sell",
        ["vdo-adolf-schindling-ag"],
        "its display unit",
        "1987-06",
    ),
    # a joint undertaking binds the partner named after "with"
    (
        "Halvard Mining Corp agreed to merge with Brisk Metals Ltd by the end of June.",
        "2025-03-10",
        "merge",
        ["halvard", "brisk"],
        None,
        "2025-06",
    ),
    (
        "Control Data Corp announced an agreement with MIPS Computer Systems Inc to jointly "
        "develop machines.",
        "1989-10-30",
        "develop",
        ["control-data-corp", "mips-computer-systems-inc"],
        "machines",
        None,
    ),
    (
        "Pacad Inc said it has reached an agreement to enter into a contract with Okamoto Riken Gomu Co Ltd.",
        "1987-03-20",
        "enter",
        ["pacad-inc", "okamoto-riken-gomu-co-ltd"],
        None,
        None,
    ),
    # ... but a buyer is no partner
    (
        "Halvard Mining Corp agreed to sell its copper unit to Brisk Metals Ltd, which it competes with.",
        "2024-09-07",
        "sell",
        ["halvard"],
        "its copper unit",
        None,
    ),
    # "they" after a list of companies the parser hangs on its first name
    (
        "The European Commission said it has dropped legal action against West Germany's Lufthansa, "
        "Alitalia of Italy and Olympic Airways of Greece after they agreed to change practices that "
        "restrict competition.",
        "1987-04-09",
        "change",
        ["lufthansa", "alitalia", "olympic-airways"],
        "practices",
        None,
    ),
    # "it" said by the directors is their company
    (
        "Halvard Mining Corp's independent directors backed the bid on Monday. The directors said "
        "it will reimburse the bidders up to $8 million of their expenses by December 1.",
        "2025-10-06",
        "reimburse",
        ["halvard-mining-corp"],
        "the bidders",
        "2025-12-01",
    ),
    # an act named by a noun binds with a span said from now ("within the next 12 months")
    (
        "After Halvard Mining Corp completes its acquisition of Brisk Metals Ltd within the next "
        "12 months, the impact will be felt in Leeds.",
        "2005-07-24",
        "acquire",
        ["halvard"],
        "Brisk Metals Ltd",
        "2006-07-24",
    ),
    # what a plan or a deal calls on a company to do binds it (and the partner of what it joins)
    (
        "Halvard Mining Corp and Brisk Metals Ltd revised their deal on Friday. The plan still calls for "
        "Halvard to combine its copper mines with Brisk's by March and to spin off its coal business.",
        "2025-10-06",
        "merge",
        ["halvard", "brisk"],
        "its copper mines",
        "2026-03",
    ),
    (
        "Halvard Mining Corp and Brisk Metals Ltd revised their deal on Friday. The plan still calls for "
        "Halvard to combine its copper mines with Brisk's by March and to spin off its coal business.",
        "2025-10-06",
        "spin off",
        ["halvard"],
        "its coal business",
        "2026-03",  # (the date of the act it is joined to)
    ),
]


@pytest.mark.parametrize(("text", "published", "action", "who", "thing", "when"), BOUND)
def test_a_company_is_bound_as_business_reports_say_it(
    extract: Callable[..., Record],
    text: str,
    published: str,
    action: str,
    who: list[str],
    thing: str | None,
    when: str | None,
) -> None:
    rec = extract(text, published)
    found = [c for c in rec.commitments if c.action == action]
    assert found, [(c.obligor, c.action) for c in rec.commitments]
    c = found[0]
    assert len(c.obligor) == len(who) and all(o.startswith(w) for o, w in zip(c.obligor, who, strict=True))
    assert c.object == thing
    assert {t.id: t.value for t in rec.timexes}.get(c.deadline or "") == when


def test_a_company_named_beside_its_kind_is_one_actor_each_time_it_is_named(
    extract: Callable[..., Record],
) -> None:
    rec = extract("The online auction site Bidmart agreed to buy Snapwire. Bidmart has 900 employees.")
    assert any(a.id == "bidmart" and a.kind == "organization" and len(a.mentions) == 2 for a in rec.actors)


def test_a_name_led_by_a_common_word_is_no_company(extract: Callable[..., Record]) -> None:
    rec = extract("The minister Jonas Berg said Norway would close the border by Friday.", "2025-03-10")
    assert not any(a.kind == "organization" and "berg" in a.id for a in rec.actors)


def test_analysts_who_call_for_a_company_to_act_bind_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Analysts call for Halvard Mining Corp to sell its coal business by March.", "2025-10-06")
    assert rec.commitments == []


def test_one_act_set_for_two_places_on_two_days_is_two_commitments(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Motors announced the release dates of its new van. "
        "It will be launched in Europe on December 2 and in Japan on December 10.",
        "2025-09-15",
    )
    days = {t.id: t.value for t in rec.timexes}
    launches = [(c.obligor, days.get(c.deadline or "")) for c in rec.commitments if c.action == "launch"]
    assert launches == [(["halvard-motors"], "2025-12-02"), (["halvard-motors"], "2025-12-10")]


def test_the_words_these_rules_read_are_lower_case_lists() -> None:
    from docket import data

    roles, table = data.load("actors_roles.yaml"), data.load("commitments.yaml")
    lists = [roles["organization_descriptors"], roles["corporate_suffixes"], *table["joint"].values()]
    for words in lists:
        assert words and all(isinstance(w, str) and w == w.lower() for w in words), words
