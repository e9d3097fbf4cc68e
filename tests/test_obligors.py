"""Who is bound, as reports name them (issue 13, item 5): sentences written for these tests, a few
for each family: people who act for a state, undertakings won from a side, quoted pronouns, seats
of power, look-alike names, groups and pairs of sides, and companies named in context."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docket.record import Commitment, Record


def _find(rec: Record, action: str) -> Commitment:
    found = [c for c in rec.commitments if c.action == action]
    assert found, [(c.obligor, c.action) for c in rec.commitments]
    return found[0]


def _actor(rec: Record, actor_id: str) -> str | None:
    """The affiliation of an actor of the record."""
    return next((a.affiliation for a in rec.actors if a.id == actor_id), None)


# --- a person acting for a state is the state (COMMITMENTS.md), as well as the person


def test_leaders_the_report_names_without_their_country_bind_their_states(
    extract: Callable[..., Record],
) -> None:
    rec = extract(
        "President Mahmoud Abbas and Prime Minister Ehud Olmert agreed to meet every two weeks until the "
        "end of the year."
    )
    c = _find(rec, "meet")
    assert {"ISR", "PSE"} <= set(c.obligor)
    assert _actor(rec, "ehud-olmert") == "ISR"


def test_a_surname_alone_is_read_as_the_figure_of_that_name(extract: Callable[..., Record]) -> None:
    rec = extract("Olmert pledged on Monday to free 250 prisoners by Friday.")
    c = _find(rec, "release")
    assert "ISR" in c.obligor


def test_a_figure_of_two_sides_stands_for_the_one_the_report_names(extract: Callable[..., Record]) -> None:
    rec = extract("Donald Tusk said the European Union would decide on the extension by Friday.")
    assert _actor(rec, "donald-tusk") == "eu"


def test_the_reports_own_words_for_a_persons_country_come_first(extract: Callable[..., Record]) -> None:
    # (a name the table does not hold stays as the report has it)
    rec = extract("Ruritanian Prime Minister Ada Kessel pledged to hold elections by June.")
    assert _actor(rec, "ada-kessel") == "RUR" or _actor(rec, "ada-kessel") is None


# --- an undertaking won from a side binds that side


def test_an_undertaking_won_from_a_side_binds_the_giver(extract: Callable[..., Record]) -> None:
    rec = extract("Britain won assurances from the US administration that the base would be closed by June.")
    c = _find(rec, "close")
    assert c.obligor == ["USA"]


def test_assurances_from_a_capital_bind_its_state(extract: Callable[..., Record]) -> None:
    rec = extract("Kyiv secured assurances from Moscow that Russian troops would leave the region by March.")
    c = _find(rec, "withdraw")
    assert c.obligor == ["RUS"]


# --- a pronoun in a quotation is not the body of who is quoted


def test_they_in_a_quote_is_not_the_speakers_institute(extract: Callable[..., Record]) -> None:
    rec = extract(
        'North Korea agreed on Wednesday to disable its reactor. "The biggest question is about their '
        'enrichment," said Gary Samore, an analyst with the Council on Foreign Relations in New York. '
        '"They have agreed to provide a declaration by the end of the year."'
    )
    c = _find(rec, "provide")
    assert "council-on-foreign-relations" not in c.obligor
    assert c.obligor == ["PRK"]


# --- seats of power by context; look-alike names


def test_capitals_stand_for_their_governments(extract: Callable[..., Record]) -> None:
    rec = extract("Kinshasa and Kigali agreed to withdraw their troops from the border by June.")
    c = _find(rec, "withdraw")
    assert set(c.obligor) == {"COD", "RWA"}


def test_a_capital_where_something_happens_is_no_side(extract: Callable[..., Record]) -> None:
    rec = extract("The leaders met in Paris and agreed that Syria will withdraw its troops by March.")
    c = _find(rec, "withdraw")
    assert c.obligor == ["SYR"]
    assert "FRA" not in c.parties


def test_the_government_in_a_capital_is_that_capitals_state(extract: Callable[..., Record]) -> None:
    rec = extract("The government in Kinshasa pledged to pay the soldiers by Friday.")
    assert [c.obligor for c in rec.commitments] == [["COD"]]


def test_the_seat_of_a_body_stands_for_the_body_the_report_is_about(extract: Callable[..., Record]) -> None:
    rec = extract("The European Union said on Monday that Brussels would release the funds by March.")
    c = _find(rec, "release")
    assert c.obligor == ["eu"]
    belgium = extract("Belgium's parliament met. Brussels would release the funds by March, it said.")
    assert all("eu" not in c.obligor for c in belgium.commitments)


def test_congo_is_the_congo_the_report_names(extract: Callable[..., Record]) -> None:
    kinshasa = extract("Congo agreed with Rwanda to withdraw its troops within 90 days. Kinshasa will pay.")
    assert "COD" in _find(kinshasa, "withdraw").obligor
    brazzaville = extract(
        "Congo said it would hold the vote by June, officials in Brazzaville said. Brazzaville will also "
        "pay its debts by 2026."
    )
    assert all("COD" not in c.obligor for c in brazzaville.commitments)
    assert any("COG" in c.obligor for c in brazzaville.commitments)


# --- groups named by a plural noun, and "they" after them


def test_a_group_of_countries_is_the_countries_the_report_lists(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Fifteen countries in the region have agreed to cut tariffs by 10 pct by 1996. A statement said the "
        "governments would make the first cut next year. In 1996 they would assess the impact of the "
        "reductions and work out a new timetable by the year 2000. The trade area groups the Comoros, "
        "Djibouti, Ethiopia, Kenya, Lesotho, Malawi and Zimbabwe."
    )
    listed = {"COM", "DJI", "ETH", "KEN", "LSO", "MWI", "ZWE"}
    assert set(_find(rec, "cut").obligor) == listed
    assert set(_find(rec, "assess").obligor) == listed


def test_a_group_with_no_list_binds_nobody_named(extract: Callable[..., Record]) -> None:
    rec = extract("Several countries have agreed to cut tariffs by 1996, Kenya said.")
    assert all(c.obligor != ["KEN", "UGA"] for c in rec.commitments)


# --- companies and institutions named by their kind


@pytest.mark.parametrize(
    ("text", "action", "bound"),
    [
        # the company named before
        (
            "Acme Motors posted a loss on Monday. The company said it will close its Leeds plant by the end "
            "of next year.",
            "close",
            ["acme-motors"],
        ),
        # the one that acted, not the one acted on
        (
            "Halvard Bank said it had sold its stake in Brisk Metals Ltd. The company said it would close "
            "its Leeds plant by the end of next year.",
            "close",
            ["halvard-bank"],
        ),
        # the bank named with its country
        (
            "Norway's central bank intervened on Friday. The bank is committed to defending the crown until "
            "the end of the year.",
            "defend",
            ["NOR"],
        ),
    ],
)
def test_the_company_or_the_bank_is_the_one_named_before(
    extract: Callable[..., Record], text: str, action: str, bound: list[str]
) -> None:
    assert _find(extract(text), action).obligor == bound


def test_a_surname_several_figures_share_is_the_one_of_the_side_named(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Britain will leave on Friday, Johnson said. Johnson pledged to free the prisoners by June."
    )
    assert "GBR" in _find(rec, "release").obligor


# --- two sides named by a common noun; topics and deals are no sides


@pytest.mark.parametrize(
    ("text", "action", "bound"),
    [
        # "the two countries": the two named together last, not the one named most
        (
            "Ethiopia and Eritrea signed the accord on Monday, and Sudan welcomed it. Under the accord, the "
            "two countries will reopen the border by June. Sudan, Egypt and Kenya will observe the process. "
            "Sudan and Egypt later met again.",
            "reopen",
            ["ETH", "ERI"],
        ),
        # "the parties"
        (
            "Israel and Hamas agreed to a truce on Sunday. The parties will exchange hostages within 72 "
            "hours.",
            "exchange",
            ["ISR", "hamas"],
        ),
        # "the two companies"
        (
            "XM Satellite Radio and Sirius Satellite Radio announced a deal on Monday. The two companies "
            "will merge by the end of the year.",
            "merge",
            ["xm-satellite-radio", "sirius-satellite-radio"],
        ),
        # a capital naming a deal is where it was made
        (
            "Under the Minsk agreement, Ukraine and Russia agreed to pull back heavy weapons within two "
            "weeks. Both sides will also free all prisoners by March.",
            "release",
            ["UKR", "RUS"],
        ),
    ],
)
def test_two_sides_named_by_a_common_noun_are_the_two_named_together(
    extract: Callable[..., Record], text: str, action: str, bound: list[str]
) -> None:
    assert _find(extract(text), action).obligor == bound


def test_a_topic_is_no_actor(extract: Callable[..., Record]) -> None:
    rec = extract("Brexit will take effect by October 31, the government said.")
    assert all(a.id != "brexit" for a in rec.actors)
    assert all("brexit" not in c.obligor for c in rec.commitments)


# --- a passive with no agent


def test_a_passive_announced_by_a_body_binds_the_body(extract: Callable[..., Record]) -> None:
    rec = extract("The Pentagon said on Monday that the remaining troops would be withdrawn by June.")
    assert _find(rec, "withdraw").obligor == ["USA"]


def test_a_passive_a_person_tells_of_binds_the_plans_side(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The United States agreed to end the mission in two stages. An Iraqi adviser, Hussein Allawi, said "
        "that the mission would be wound up entirely in September 2026."
    )
    assert all("hussein-allawi" not in c.obligor for c in rec.commitments)


def test_a_company_of_a_country_is_a_company_of_that_country(extract: Callable[..., Record]) -> None:
    rec = extract(
        "The Commission dropped its case against Alitalia of Italy and Olympic Airways of Greece on Monday. "
        "West Germany's Lufthansa said it would cut fares by June."
    )
    affiliations = {a.id: (a.kind, a.affiliation) for a in rec.actors}
    assert affiliations["alitalia"] == ("organization", "ITA")
    assert affiliations["olympic-airways"] == ("organization", "GRC")
    assert affiliations["lufthansa"] == ("organization", "DEU")


# --- members of a country that are not its state


@pytest.mark.parametrize(
    ("text", "action", "group", "state"),
    [
        (
            "Most Japanese companies have decided not to renew their term contracts with Iran.",
            "renew",
            "japanese-companies",
            "JPN",
        ),
        (
            "More than 130 U.S. mayors have pledged to meet the Kyoto targets by 2012.",
            "meet",
            "us-mayors",
            "USA",
        ),
    ],
)
def test_companies_or_mayors_of_a_country_are_not_its_state(
    extract: Callable[..., Record], text: str, action: str, group: str, state: str
) -> None:
    c = _find(extract(text, "2005-05-22"), action)
    assert c.obligor == [group]
    assert state not in c.obligor


@pytest.mark.parametrize(
    ("text", "action", "state"),
    [
        ("U.S. troops will leave Iraq by the end of 2026.", "withdraw", "USA"),
        ("Japanese officials pledged to cut tariffs by 2026.", "cut", "JPN"),
    ],
)
def test_troops_or_officials_of_a_country_still_bind_it(
    extract: Callable[..., Record], text: str, action: str, state: str
) -> None:
    assert _find(extract(text, "2025-03-10"), action).obligor == [state]


# --- land is never a side; a nominal act agreed to binds who agreed


def test_land_handed_over_is_not_who_hands_it_over(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Officials marked the formal handover of the Bakassi peninsula from Nigeria to Cameroon. "
        "Nigeria finally agreed to the handover by June.",
        "2005-03-10",
    )
    c = _find(rec, "hand over")
    assert c.obligor == ["NGA"]
    assert not any("bakassi" in o for o in c.obligor)


def test_a_pullout_agreed_to_binds_who_agreed(extract: Callable[..., Record]) -> None:
    assert _find(
        extract("Norway agreed to a pullout of its troops by June.", "2005-03-10"), "withdraw"
    ).obligor == ["NOR"]


def test_a_partner_in_an_act_done_jointly_is_bound_too(extract: Callable[..., Record]) -> None:
    text = "Control Data announced an agreement with MIPS Computer Systems Inc. to {}develop machines."
    both = _find(extract(text.format("jointly "), "1989-10-30"), "develop")
    assert both.obligor[0] == "control-data" and any(o.startswith("mips") for o in both.obligor)
    # a customer the act is done for is no partner
    alone = "Control Data announced an agreement to develop machines for MIPS Computer Systems Inc."
    assert _find(extract(alone, "1989-10-30"), "develop").obligor == ["control-data"]


# --- an office of a state or a province binds it: the title names no side, the sentence does


def test_a_governor_named_by_a_bare_title_binds_the_state_the_sentence_names(
    extract: Callable[..., Record],
) -> None:
    rec = extract(
        "Under Ohio state law, Republican Dana Pellow, the current governor, has until October 28 to "
        "release plans for a special election."
    )
    c = _find(rec, "release")
    assert {"dana-pellow", "ohio"} <= set(c.obligor)
    assert _actor(rec, "dana-pellow") == "ohio"


def test_a_title_with_no_office_gives_no_side(extract: Callable[..., Record]) -> None:
    # (a place named after "in" is where, and an adviser holds no office of it)
    rec = extract("In Ohio, Dana Pellow, the campaign adviser, promised to release plans by October 28.")
    assert _actor(rec, "dana-pellow") is None
    rec = extract("In Ohio, Dana Pellow, the governor, promised to release plans by October 28.")
    assert _actor(rec, "dana-pellow") is None


def test_an_office_given_in_the_clause_binds_its_country(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Congress named Carlos Ramon Mendoza as the new temporary president of Bolivia on Thursday. In his "
        "speech, Mendoza promised to call elections within 150 days."
    )
    assert _actor(rec, "carlos-ramon-mendoza") == "BOL"
    c = _find(rec, "call")
    assert "BOL" in c.obligor


def test_a_role_given_in_the_clause_that_is_no_office_binds_no_state(extract: Callable[..., Record]) -> None:
    rec = extract("Congress named Carlos Ramon Mendoza as the new adviser of Bolivia on Thursday.")
    assert _actor(rec, "carlos-ramon-mendoza") is None


# --- who a subject stands for: a unit's parent, a name set off after a possessive, "which"


def test_a_unit_binds_its_parent_with_it(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Engineering Inc said its Brisk Environmental Inc unit agreed to build a waste plant in "
        "Ohio by June."
    )
    c = _find(rec, "build")
    assert "halvard-engineering-inc" in c.obligor


def test_a_partner_is_no_unit_and_binds_alone(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Halvard Engineering Inc said its Brisk Environmental Inc partner agreed to build a waste plant in "
        "Ohio by June."
    )
    c = _find(rec, "build")
    assert c.obligor == ["brisk-environmental-inc"]


def test_a_name_set_off_after_a_possessive_is_who_acts_not_the_owner(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Pellworth and Cineplex's other major shareholder, financier Charles Bronfman, have agreed to "
        "tender their holdings by May 1."
    )
    c = _find(rec, "tender")
    assert "charles-bronfman" in c.obligor
    assert "cineplex" not in c.obligor


def test_an_owned_noun_without_a_name_keeps_its_owner(extract: Callable[..., Record]) -> None:
    rec = extract("Cineplex's chairman has agreed to sell the Leeds plant by May 1.")
    c = _find(rec, "sell")
    assert "cineplex" in c.obligor


def test_which_stands_for_the_noun_its_clause_hangs_on(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Miller Brewing Co. leads the market. It is followed by Stroh Brewery Co., which has agreed to "
        "sell its assets to Coors by June."
    )
    c = _find(rec, "sell")
    assert c.obligor == ["stroh-brewery-co"]


def test_which_in_a_cleft_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract('Ruairi Bradaigh said, "It is the British government which will pay for such a force."')
    assert all("GBR" not in c.obligor for c in rec.commitments)


# --- an office named without a name, and "it said" after the company


def test_the_office_alone_is_its_holder_named_before_and_his_state(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Bolivian President Carlos Ramon Mendoza took office on Monday. The new president promised to "
        "call elections within 150 days."
    )
    c = _find(rec, "call")
    assert {"carlos-ramon-mendoza", "BOL"} <= set(c.obligor)


def test_the_office_alone_with_no_holder_named_binds_nobody(extract: Callable[..., Record]) -> None:
    rec = extract("Bolivia is in crisis. The prime minister pledged to hold a referendum by June.")
    assert all("BOL" not in c.obligor for c in rec.commitments)


def test_it_said_binds_the_company_before_it(extract: Callable[..., Record]) -> None:
    rec = extract("Acme Corp posted a loss. It said the remaining staff would be withdrawn by June.")
    c = _find(rec, "withdraw")
    assert c.obligor == ["acme-corp"]


def test_he_said_binds_nobody_by_the_pronoun(extract: Callable[..., Record]) -> None:
    rec = extract("John Pellow visited Acme Corp. He said the remaining staff would be withdrawn by June.")
    assert all("acme-corp" not in c.obligor for c in rec.commitments)


# --- a province's own government binds the province, the country's government the country


def test_the_government_of_a_province_binds_the_province(extract: Callable[..., Record]) -> None:
    for text in (
        "Canada's budget is due. The government of Quebec agreed to give $10 billion to Montreal by June.",
        "Canada's budget is due. The Quebec government has agreed to give $10 billion to Montreal by June.",
    ):
        c = _find(extract(text), "give")
        assert c.obligor == ["quebec"], text


def test_a_countrys_government_giving_to_a_province_binds_the_country(extract: Callable[..., Record]) -> None:
    c = _find(extract("The Canadian government has agreed to give $10 billion to Quebec by June."), "give")
    assert c.obligor == ["CAN"]


# --- "we" in a quote is who says it, and the side a person speaks for


def test_we_in_a_quote_told_by_she_is_the_speaker_and_her_state(extract: Callable[..., Record]) -> None:
    rec = extract(
        'Secretary of State Madeleine Albright visited Kenya. "We will bring the murderers to justice by '
        'June," she said.'
    )
    c = _find(rec, "bring")
    assert "USA" in c.obligor


def test_they_in_a_quote_is_not_the_speaker(extract: Callable[..., Record]) -> None:
    rec = extract(
        'Secretary of State Madeleine Albright visited Kenya. "They will bring the murderers to justice by '
        'June," she said.'
    )
    assert all("USA" not in c.obligor for c in rec.commitments)


# --- a title that names a body makes the body the person's side


def test_a_body_in_the_title_is_the_persons_side(extract: Callable[..., Record]) -> None:
    rec = extract("John Pellow, president of Acme Corp, pledged to repay the loan by June.")
    assert _actor(rec, "john-pellow") == "acme-corp"
    assert "acme-corp" in _find(rec, "repay").obligor
    rec = extract("World Bank President Barber Conable pledged to send a mission to Brazil next week.")
    assert _actor(rec, "barber-conable") == "world-bank"


def test_a_body_named_beside_the_person_is_not_his(extract: Callable[..., Record]) -> None:
    rec = extract("John Pellow, the adviser, met Acme Corp and pledged to repay the loan by June.")
    assert _actor(rec, "john-pellow") is None


# --- states of the wire years that no longer exist are sides under the codes they bore


def test_a_state_that_no_longer_exists_binds_with_its_partner(extract: Callable[..., Record]) -> None:
    rec = extract("Yugoslavia and Kuwait have agreed to open trade offices in each other's capitals by June.")
    c = _find(rec, "open")
    assert {"YUG", "KWT"} <= set(c.obligor)


def test_the_soviet_union_is_a_side_of_its_own(extract: Callable[..., Record]) -> None:
    rec = extract("The Soviet Union pledged to cut its grain purchases by half by 1990.")
    c = _find(rec, "cut")
    assert c.obligor == ["SUN"]


# --- an organ of a state (its army, a ministry, the cabinet) binds the state


@pytest.mark.parametrize(
    ("text", "action", "state"),
    [
        (
            "Sri Lanka's tea workers went on strike. A Cabinet committee promised to speed up procedures.",
            "speed up",
            "LKA",
        ),
        (
            "Britain has agreed to pay compensation. The Army and the Ministry of Defence will hand over the "
            "base to the Iraqi authorities by June.",
            "hand over",
            "GBR",
        ),
    ],
)
def test_an_organ_of_a_state_binds_the_state(
    extract: Callable[..., Record], text: str, action: str, state: str
) -> None:
    assert _find(extract(text), action).obligor == [state]


def test_a_group_named_army_stays_the_group(extract: Callable[..., Record]) -> None:
    rec = extract("The Lord's Resistance Army in Uganda has agreed to release the children by June.")
    c = _find(rec, "release")
    assert "UGA" not in c.obligor and c.obligor


# --- a company's home country never stands in for the company


def test_companies_set_off_after_their_countrys_noun_are_who_they_stands_for(
    extract: Callable[..., Record],
) -> None:
    said = "Rival United States airlines Delta Air Lines and Northwest Airlines announced that they will"
    bound = set(_find(extract(f"{said} merge by June."), "merge").obligor)
    assert bound >= {"delta-air-lines", "northwest-airlines"} and "USA" not in bound


# --- a joint subject binds both sides, also when the two names share their last word


def test_two_names_sharing_their_last_word_are_two_sides(extract: Callable[..., Record]) -> None:
    said = "European and African Union leaders met in Lisbon. The leaders agreed to fund a rapid force"
    assert {"eu", "au"} <= set(_find(extract(f"{said} by 2010."), "fund").obligor)


# --- a short form of a company's name, and a name the article writes as a company's own


def test_a_company_named_by_its_initials_is_the_company(extract: Callable[..., Record]) -> None:
    rec = extract(
        "<Halvard Marine Corp>, HMC, and <Brisk Metals Inc> have settled their dispute. Officials said "
        "HMC has agreed to sell its Leeds yard to Brisk by June 30."
    )
    assert _find(rec, "sell").obligor == ["halvard-marine-corp"]
    # initials of no name the article gives stay what they are
    rec = extract(
        "Halvard Shipping Corp and Brisk Metals Inc have settled their dispute. Officials said HMC has "
        "agreed to sell its Leeds yard to Brisk by June 30."
    )
    assert "halvard-shipping-corp" not in _find(rec, "sell").obligor


def test_the_company_after_its_initials_is_the_company_they_stand_for(
    extract: Callable[..., Record],
) -> None:
    rec = extract(
        "Northgate Dental Services Inc said a court has approved its offer for Ridley Clinics Inc. NDS "
        "runs dental offices in Leeds. The company said it plans to open 12 offices by the end of 1987.",
        "1987-03-02",
    )
    assert _find(rec, "open").obligor == ["northgate-dental-services-inc"]


def test_a_name_the_article_writes_as_a_companys_own_binds_the_company(
    extract: Callable[..., Record],
) -> None:
    rec = extract("Kestrel Corp makes its Vexo phones in Leeds. Vexo will close the Leeds plant by June 30.")
    assert _find(rec, "close").obligor == ["kestrel-corp"]
    # a company the other sold is no product of it
    rec = extract(
        "Kestrel Corp sold Vexo to Brisk Metals last year. Vexo will close the Leeds plant by June 30."
    )
    assert _find(rec, "close").obligor == ["vexo"]


def test_a_name_set_off_after_a_countrys_noun_is_who_acts(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Research In Motion Ltd. (RIM) co-chief executive Jim Balsillie has resigned. The review "
        "indicates that Canadian BlackBerry maker, RIM, has agreed to restate earnings for 2006 by "
        "March 31."
    )  # (the act in a rule's own form: this test is about who acts, with or without the model)
    assert _find(rec, "restate").obligor == ["rim"]
    rec = extract(
        "A current South Korea presidential candidate, Ahn Cheol-soo, has promised to allow freedom "
        "of choice of encryption technology."
    )
    assert "KOR" not in _find(rec, "allow").obligor
    # a state's own office holder still binds the state
    rec = extract("Britain's Foreign Secretary, Jack Straw, promised to release the report by June.")
    assert "GBR" in _find(rec, "release").obligor


def test_the_country_nearest_a_title_is_the_persons(extract: Callable[..., Record]) -> None:
    # a heading's word run on before the title is not his country
    rec = extract(
        'Iraq US President George W. Bush says the so-called "surge" strategy in Iraq is working. President '
        "Bush said the change of strategy in Iraq should allow the military to withdraw 20,000 troops on "
        "schedule by July this year.",
        "2008-01-12",
    )
    assert _actor(rec, "george-w-bush") == "USA"
    assert _find(rec, "withdraw").obligor == ["USA"]
    rec = extract("Israeli Prime Minister Ehud Olmert said the talks would resume.")
    assert _actor(rec, "ehud-olmert") == "ISR"


def test_he_opening_a_sentence_is_the_subject_of_the_one_before(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Michael Scanlon, the former partner of the lobbyist Jack Abramoff, pled guilty to conspiracy. "
        "He agreed to pay back US$ 19 million to a defrauded Indian tribe.",
        "2005-11-22",
    )
    assert _find(rec, "provide").obligor == ["michael-scanlon"]
    # a man named as the object before stays the one "he" stands for when no man is the subject
    rec = extract(
        "The judge sentenced Jack Abramoff on Monday. He agreed to pay back US$ 19 million to the tribe.",
        "2005-11-22",
    )
    assert _find(rec, "provide").obligor == ["jack-abramoff"]


def test_the_republic_of_china_is_taiwan_and_the_peoples_republic_china(
    extract: Callable[..., Record],
) -> None:
    rec = extract("The Republic of China promised to seek peace through dialogue by June.", "2005-01-20")
    assert _find(rec, "seek").obligor == ["TWN"]
    rec = extract("The People's Republic of China pledged to cut tariffs by June.", "2005-01-20")
    assert _find(rec, "cut").obligor == ["CHN"]


def test_a_name_the_wire_marks_is_a_company_not_its_country(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Sweden's <Nordbanken> banking group said it would sell the 4.2 mln B free shares by public "
        "auction on March 16.",
        "1987-03-06",
    )
    assert _find(rec, "sell").obligor == ["nordbanken"]


def test_a_side_given_something_is_not_bound_to_it_by_the_trained_filter_either(
    extract: Callable[..., Record],
) -> None:
    rec = extract(
        "The deal was reached during six party talks involving North Korea, the United States, Japan, "
        "China, South Korea and Russia. In return, North Korea will receive 50,000 metric tons of fuel oil.",
        "2007-02-13",
    )
    assert not [c for c in rec.commitments if c.action == "receive"]
    rec = extract("Germany agreed to receive 10,000 refugees by June.", "2007-02-13")
    assert _find(rec, "receive").obligor == ["DEU"]
