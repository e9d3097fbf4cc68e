"""What states, governments and international bodies undertake, as news reports put it: sentences
written for these tests, one or more per family of rules (issue 13). Each checks what an analyst
would: who is bound, to what, by when; and what binds nobody."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import deadline_value
from docket.record import Record
from test_commitment_real_forms import _find

PUBLISHED = "2024-05-02"

MET = "The presidents of Chile and Peru met in Lima on Monday."

# (text, action, obligors, deadline)
BOUND = [
    # a future passive with no agent binds the state or body that owns its subject (`owned_passive`)
    (
        "Only 200 million euros of the European Union aid will be given to Moldova next year.",
        "give",
        {"eu"},
        "2025",
    ),
    (
        "About 3,000 United Nations troops will be sent to the border region by March.",
        "send",
        {"un"},
        "2025-03",
    ),
    ("Troops of the African Union will be sent to the border region next month.", "send", {"au"}, "2024-06"),
    (
        "Executive power of the kingdom of Nepal shall from this day be returned to the people.",
        "return",
        {"NPL"},
        "2024-05-02",
    ),
    (
        "The minimum wage in New Zealand will be increased by 5% on 1 April, 2025.",
        "increase",
        {"NZL"},
        "2025-04-01",
    ),
    # "each nation will ..." binds every country the article lists (`each_determiners`), also where
    # the list names them only in its leaders' titles
    pytest.param(
        "The presidents of Chile, Peru and Bolivia met in Lima on Monday. "
        "Each country will cut its import tariffs by 2027.",
        "cut",
        {"CHL", "PER", "BOL"},
        "2027",
    ),
    pytest.param(
        "Chilean President Ana Rojas, Peruvian President Luis Quispe and Bolivian President Juan "
        "Mamani met in Lima on Monday. Each nation will cut its import tariffs by 2027.",
        "cut",
        {"CHL", "PER", "BOL"},
        "2027",
    ),
    # a group of the sides a meeting names binds every one of them ("each side", "the two leaders")
    (f"{MET} Each side will cut its import tariffs by 2027.", "cut", {"CHL", "PER"}, "2027"),
    (f"{MET} The sides will cut their import tariffs by 2027.", "cut", {"CHL", "PER"}, "2027"),
    (f"{MET} Both sides will cut their import tariffs by 2027.", "cut", {"CHL", "PER"}, "2027"),
    (f"{MET} The two countries will cut their import tariffs by 2027.", "cut", {"CHL", "PER"}, "2027"),
    (f"{MET} The two leaders agreed to cut their import tariffs by 2027.", "cut", {"CHL", "PER"}, "2027"),
    (
        "The presidents of Chile, Peru and Bolivia met in Lima on Monday. "
        "All three governments will cut their import tariffs by 2027.",
        "cut",
        {"CHL", "PER", "BOL"},
        "2027",
    ),
    # "the governments" where the article names just two countries binds both
    (
        "Irish Taoiseach Mary Byrne and British Prime Minister John Carter met in Scotland on Monday. "
        "The governments said they will not transfer policing powers to the new executive until 2026.",
        "transfer",
        {"IRL", "GBR"},
        "2026",
    ),
    # an act a side says it will not do until a date binds it, negated (`held_until`)
    ("Norway said it would not lift the fishing ban before June.", "lift", {"NOR"}, "2024-06"),
    # the date of a pledge of money is the pledge's ("pledged $5 billion in loans ... by 2009"); a span
    # that holds its phrase ("over five years") is a deadline
    ("China has pledged $5 billion in loans to Kenya by 2026.", "lend", {"CHN"}, "2026"),
    ("Japan will provide $1 billion to Indonesia over five years.", "provide", {"JPN"}, "P5Y"),
    # "is to" with a verb of time that a particle makes an act
    ("The Iraqi government is to take over security in Basra next month.", "take over", {"IRQ"}, "2024-06"),
    # a nominal act agreed to, and plans announced, bind who agreed or announced
    ("Syria has agreed to a full withdrawal from Lebanon by October.", "withdraw", {"SYR"}, "2024-10"),
    ("Spain announced plans to close its embassy in Kabul by June.", "close", {"ESP"}, "2024-06"),
    # "must" binds where the clause names the terms that bind (`bound_by_terms`)
    ("Under the deal, Iran must ship its enriched uranium abroad by March.", "ship", {"IRN"}, "2025-03"),
    # ... dated or not; and where a clause of it names the terms coming into force (`in_force`), the
    # members of a body named with them being its sides (`member_nouns`)
    ("Under the deal, Iran must ship its enriched uranium abroad.", "ship", {"IRN"}, None),
    (
        "Romania signed the accession treaty. In order for the treaty to come into effect, all EU "
        "members must approve it.",
        "approve",
        {"eu"},
        None,
    ),
    ("Before the agreement can enter into force, Norway must ratify it.", "ratify", {"NOR"}, None),
    # "make the first cut" binds like "cut" (`light_acts`), by the time said of the cut
    ("Britain said it would make the first tariff cut next year.", "cut", {"GBR"}, "2025"),
    ("Egypt said it would make the first repayment of the loan next month.", "repay", {"EGY"}, "2024-06"),
]


@pytest.mark.parametrize(("text", "action", "obligors", "deadline"), BOUND)
def test_what_a_state_or_body_is_bound_to(
    extract: Callable[..., Record], text: str, action: str, obligors: set[str], deadline: str | None
) -> None:
    rec = extract(text, PUBLISHED)
    c = _find(rec, action)
    assert set(c.obligor) == obligors
    assert deadline_value(rec, c) == deadline


def test_an_act_held_back_until_a_date_is_a_negative_commitment(extract: Callable[..., Record]) -> None:
    rec = extract("Norway said it would not lift the fishing ban before June.", PUBLISHED)
    assert _find(rec, "lift").polarity == "negative"


UNBOUND = [
    "The Commonwealth Ombudsman will be given more power to oversee prisons.",  # who receives
    "John Smith's car will be sold next week.",  # a person's belongings
    "Egypt said it would make an offer for the port next month.",  # an offer, not an undertaking
    "Prices in Lagos shops will be cut next week.",  # a city sets no prices
    "Israel will not withdraw until the hostages are freed.",  # held back on a condition, not a date
    "Norway did not lift the fishing ban until 2020.",  # the past
    "Iran must ship its enriched uranium abroad by March, the US said.",  # another side's demand
    "Norway must ratify the treaty.",  # no terms said to bind
    "In order for the talks to succeed, Norway must ratify the treaty.",  # a purpose, no terms in force
    "Iran will ship its enriched uranium abroad.",  # a bare "will" of an open act binds only with a date
    # a group subject binds only sides the article names, and only to what it will do
    "Each country will cut its import tariffs by 2027.",  # no sides named
    "Both sides will cut their import tariffs by 2027.",
    f"{MET} Both sides hope to cut their import tariffs by 2027.",  # a hope
    f"{MET} The two countries could cut their import tariffs by 2027.",  # a possibility
    f"{MET} Analysts said both sides will struggle to cut their import tariffs by 2027.",  # a difficulty
    "Chile, Peru and Bolivia met in Lima. The leaders pledged to end farm subsidies by 2027.",  # not two
]


@pytest.mark.parametrize("text", UNBOUND)
def test_what_binds_no_state_or_body(extract: Callable[..., Record], text: str) -> None:
    assert extract(text, PUBLISHED).commitments == []
