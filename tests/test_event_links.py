"""Events: what makes one worth reporting, agreements told twice, the sides of "the two
governments", dated agreements, new trigger words and their exclusions, the host of a pullout."""

from __future__ import annotations

from spacy.language import Language

from docket.extract.common.state import Extraction
from docket.record import Event
from test_event_support import T, run_stages

COUNTRIES = {
    "Ruritania": ("RUR", "country"),
    "Ruritanian": ("RUR", "country"),
    "Freedonia": ("FRE", "country"),
    "Freedonian": ("FRE", "country"),
}
MONDAY = T("on Monday", "DATE", "2024-09-02", earliest="2024-09-02", latest="2024-09-02")


def actions(found: Extraction) -> list[str]:
    return [e.action for e in found.events]


def of(found: Extraction, action: str) -> Event:
    (event,) = [e for e in found.events if e.action == action]
    return event


def test_an_event_with_no_side_and_no_time_is_not_reported(nlp: Language) -> None:
    found = run_stages(nlp, "The withdrawal is already largely complete.", actors=COUNTRIES)
    assert found.events == []


def test_an_attack_is_reported_even_when_no_one_is_named(nlp: Language) -> None:
    found = run_stages(nlp, "Missile and drone attacks continued.", actors=COUNTRIES)
    assert actions(found) == ["attack"]


def test_the_two_governments_are_the_two_countries_the_article_names_most(nlp: Language) -> None:
    text = (
        "Ruritania and Freedonia announced on Monday that Ruritanian troops would go home. "
        "In a joint statement, the two governments said the move reflects Freedonia's progress."
    )
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    statement = of(found, "agree")
    assert set(statement.agents) == {"RUR", "FRE"}
    assert statement.time == "t1"  # dated by the report the article opens with


def test_a_dated_agreement_occurred_and_an_undated_one_is_agreed(nlp: Language) -> None:
    dated = run_stages(
        nlp,
        "Ruritania and Freedonia agreed in May that the troops would leave.",
        actors=COUNTRIES,
        timexes=[T("in May", "DATE", "2024-05", earliest="2024-05-01", latest="2024-05-31")],
    )
    assert of(dated, "agree").status == "occurred"
    undated = run_stages(nlp, "Ruritania and Freedonia have agreed to a ceasefire.", actors=COUNTRIES)
    assert of(undated, "agree").status == "agreed"


def test_an_agreement_signed_or_named_as_a_frame_is_one_event(nlp: Language) -> None:
    signed = run_stages(
        nlp, "Ruritania and Freedonia signed an agreement on Monday.", actors=COUNTRIES, timexes=[MONDAY]
    )
    assert actions(signed) == ["sign"]
    framed = run_stages(
        nlp,
        "Ruritania and Freedonia signed a deal on Monday. "
        "Under the agreement, Ruritania will free prisoners.",
        actors=COUNTRIES,
        timexes=[MONDAY],
    )
    assert "agree" not in actions(framed)


def test_words_that_only_look_like_events_are_left_out(nlp: Language) -> None:
    text = (
        "Ruritania met its commitments on Monday. Ruritanian citizens were left behind on Monday. "
        "Only one Ruritanian command was left at the base on Monday. "
        "Ruritanian troops will leave within a year, provided Freedonia keeps the peace."
    )
    found = run_stages(
        nlp, text, actors=COUNTRIES, timexes=[MONDAY, T("on Monday", "DATE", "2024-09-02", nth=1)]
    )
    assert "meet" not in actions(found)
    assert "provide" not in actions(found)
    assert [e for e in found.events if e.type == "RETREAT" and e.status == "occurred"] == []


def test_a_deal_struck_is_an_agreement_and_a_plane_taking_off_a_departure(nlp: Language) -> None:
    found = run_stages(
        nlp,
        "The deal between Ruritania and Freedonia was struck on Monday. "
        "The last Ruritanian aircraft took off from Freedonia on Monday.",
        actors=COUNTRIES,
        timexes=[MONDAY, T("on Monday", "DATE", "2024-09-02", nth=1)],
    )
    assert of(found, "agree").type == "AGREE"
    took_off = of(found, "withdraw")
    assert (took_off.type, took_off.agents, took_off.location) == ("RETREAT", ["RUR"], ["FRE"])


def test_a_pullout_from_a_base_is_from_the_host_country(nlp: Language) -> None:
    text = (
        "Freedonia ordered Ruritanian troops out in March. Freedonia's army took over the bases. "
        "Ruritanian forces completed their withdrawal from Air Base 7 on Monday."
    )
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    withdrawal = of(found, "withdraw")
    assert withdrawal.agents == ["RUR"]
    assert "FRE" in withdrawal.location


def test_a_pledged_action_is_not_an_event_that_happened(nlp: Language) -> None:
    text = "The statement committed Ruritania to ending its mission in Freedonia on Monday."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    assert [e for e in found.events if e.type == "RETREAT" and e.status == "occurred"] == []


def test_the_sides_hung_on_a_dateline_still_agree(nlp: Language) -> None:
    actors = {**COUNTRIES, "DOHA": ("QAT", "country")}
    found = run_stages(
        nlp, "DOHA — Ruritania and Freedonia have agreed to a ceasefire in the south.", actors=actors
    )
    agreement = of(found, "agree")
    assert set(agreement.agents) == {"RUR", "FRE"}


def test_an_action_begun_is_as_real_as_its_beginning(nlp: Language) -> None:
    text = "Sylvanian militias began firing rockets into Freedonia on Monday."
    actors = {**COUNTRIES, "Sylvanian militias": ("sylvanian-militias", "group")}
    found = run_stages(nlp, text, actors=actors, timexes=[MONDAY])
    firing = of(found, "attack")
    assert firing.status == "occurred"
    assert firing.agents == ["sylvanian-militias"]
    assert firing.patients == ["FRE"]


def test_what_was_formed_is_what_forms(nlp: Language) -> None:
    actors = {**COUNTRIES, "coalition": ("coalition", "organization")}
    found = run_stages(
        nlp,
        "The coalition was formed in 2014 to fight the insurgents.",
        actors=actors,
        timexes=[T("2014", "DATE", "2014")],
    )
    assert of(found, "form").agents == ["coalition"]


def test_who_carries_out_attacks_makes_them(nlp: Language) -> None:
    actors = {**COUNTRIES, "Sylvanian militias": ("sylvanian-militias", "group")}
    found = run_stages(
        nlp,
        "Sylvanian militias carried out four attacks in 2025.",
        actors=actors,
        timexes=[T("2025", "DATE", "2025")],
    )
    assert of(found, "attack").agents == ["sylvanian-militias"]


def test_revoking_an_agreement_is_done_to_the_sides_it_names(nlp: Language) -> None:
    text = "Freedonia revoked on Monday the agreement that allowed Ruritanian troops to stay."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    revoke = of(found, "revoke")
    assert (revoke.agents, revoke.patients) == (["FRE"], ["RUR"])


def test_a_place_in_the_event_s_own_words_is_its_location(nlp: Language) -> None:
    text = "Twenty people were killed by Ruritanian fire in Freedonia on Monday."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    killed = of(found, "kill")
    assert killed.agents == ["RUR"]
    assert killed.location == ["FRE"]


def test_an_action_finished_happened_and_it_stands_for_the_speaker(nlp: Language) -> None:
    text = "Ruritania said on Monday it had finished pulling its forces back across the river."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    pulled = of(found, "withdraw")
    assert (pulled.type, pulled.status, pulled.agents) == ("RETREAT", "occurred", ["RUR"])


def test_a_coalition_acts_with_the_country_whose_forces_the_article_names(nlp: Language) -> None:
    actors = {**COUNTRIES, "coalition": ("coalition", "organization")}
    text = (
        "The coalition completed its mission in Freedonia on Monday. Ruritanian troops moved north, "
        "and Ruritanian advisers stayed."
    )
    found = run_stages(nlp, text, actors=actors, timexes=[MONDAY])
    assert set(of(found, "complete").agents) == {"coalition", "RUR"}
    once = run_stages(
        nlp,
        "The coalition completed its mission in Freedonia on Monday. Ruritanian troops moved north.",
        actors=actors,
        timexes=[MONDAY],
    )
    assert of(once, "complete").agents == ["coalition"]  # named once: not enough to say who leads


def test_what_someone_is_made_or_must_do_has_not_happened(nlp: Language) -> None:
    text = (
        "Freedonia urged Osterlich on Monday to make Ruritania leave. "
        "The government did not set a date by which Ruritanian troops must leave."
    )
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    assert [e for e in found.events if e.type == "RETREAT"] == []


def test_an_announcement_that_is_expected_is_expected(nlp: Language) -> None:
    later = T("later this month", "DATE", "2024-09", mod="END", earliest="2024-09-21", latest="2024-09-30")
    found = run_stages(
        nlp, "An announcement is expected later this month.", actors=COUNTRIES, timexes=[later]
    )
    assert of(found, "announce").status == "expected"


def test_a_person_who_flees_is_not_placed_in_the_host_country(nlp: Language) -> None:
    actors = {**COUNTRIES, "Ashraf Lani": ("ashraf-lani", "person")}
    text = "Ruritania and Ruritania's allies met on Monday. President Ashraf Lani fled the country on Monday."
    found = run_stages(
        nlp, text, actors=actors, timexes=[MONDAY, T("on Monday", "DATE", "2024-09-02", nth=1)]
    )
    fled = of(found, "flee")
    assert fled.agents == ["ashraf-lani"]
    assert fled.location == []


def test_an_agreement_acted_on_or_named_again_is_not_a_new_agreement(nlp: Language) -> None:
    text = (
        "Freedonia revoked on Monday the agreement with Ruritania. "
        "This story was corrected to show that the joint statement was issued on Monday."
    )
    found = run_stages(
        nlp, text, actors=COUNTRIES, timexes=[MONDAY, T("on Monday", "DATE", "2024-09-02", nth=1)]
    )
    assert "agree" not in actions(found)
    assert "revoke" in actions(found)


def test_a_ministry_acts_for_its_country(nlp: Language) -> None:
    from docket.extract.common.state import state
    from docket.extract.event.index import Index
    from docket.record import Actor, Mention

    text = "The Defence Ministry announced the pullout from Ruritania on Monday."
    doc = nlp.make_doc(text)
    for _name, proc in nlp.pipeline:
        if not _name.startswith("docket_"):
            doc = proc(doc)
    where = text.index("Ruritania")
    state(doc).actors = [
        Actor(
            id="defence-ministry",
            name="Defence Ministry",
            kind="organization",
            affiliation="RUR",
            mentions=[Mention(text="Defence Ministry", start=4, end=20)],
        ),
        Actor(
            id="RUR",
            name="Ruritania",
            kind="country",
            mentions=[Mention(text="Ruritania", start=where, end=where + 9)],
        ),
    ]
    index = Index(doc, state(doc))
    assert index.actors_in(list(doc[1:3])) == ["defence-ministry", "RUR"]


def test_a_joint_statement_with_no_side_named_is_by_the_two_main_countries(nlp: Language) -> None:
    text = (
        "Ruritania will leave Freedonia, Ruritania and Freedonia said on Monday. "
        "In a joint statement issued after talks, officials said the pullout had begun."
    )
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    statement = of(found, "agree")
    assert set(statement.agents) == {"RUR", "FRE"}


def test_who_opens_talks_after_attacks_did_not_make_the_attacks(nlp: Language) -> None:
    text = "Ruritania opened talks with Freedonia on Monday after months of rocket attacks on its bases."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    assert "RUR" not in of(found, "attack").agents


def test_a_departure_waited_for_has_not_happened(nlp: Language) -> None:
    text = (
        "Ruritania said on Monday it would keep coordinating until all Ruritanian forces had left Freedonia."
    )
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[MONDAY])
    assert [e for e in found.events if e.type == "RETREAT"] == []
