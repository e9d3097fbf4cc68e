"""The actor stage: mentions resolved to canonical actors, on short sentences of our own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket.pipeline import blank_with_stages
from docket.record import Actor, Document, Record

Extract = Callable[..., Record]


@pytest.fixture(scope="module")
def extract(nlp: Language) -> Extract:
    """The pipeline up to the actor stage: what later stages do is not tested here."""
    from docket import pipeline

    later = pipeline.STAGES[pipeline.STAGES.index("docket_actor") + 1 :]

    def run(text: str, published: str = "2024-09-07") -> Record:
        document = Document.from_text(text, published=dt.date.fromisoformat(published))
        with nlp.select_pipes(disable=[s for s in later if s in nlp.pipe_names]):
            return pipeline.extract(document, nlp)

    return run


def by_id(record: Record) -> dict[str, Actor]:
    return {a.id: a for a in record.actors}


def mention_texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_mentions_are_spans_of_the_text(extract: Extract) -> None:
    text = "Talks between Washington and Baghdad resumed, the Pentagon said; Iraqi officials agreed."
    record = extract(text)
    for actor in record.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_capitals_and_seats_stand_for_the_state(extract: Extract) -> None:
    record = extract(
        "The Pentagon and the Kremlin traded accusations, while talks between Washington and Baghdad went on."
    )
    actors = by_id(record)
    assert mention_texts(actors["USA"]) == ["Pentagon", "Washington"]
    assert [m.role for m in actors["USA"].mentions] == ["Pentagon", "government"]
    assert mention_texts(actors["RUS"]) == ["Kremlin"]
    assert mention_texts(actors["IRQ"]) == ["Baghdad"]
    assert all(a.kind != "person" for a in record.actors)


def test_short_forms_and_demonyms(extract: Extract) -> None:
    record = extract(
        "The U.S. and Iraq signed it; American and Iraqi troops, and US officials, watched in Syria."
    )
    actors = by_id(record)
    assert mention_texts(actors["USA"]) == ["U.S.", "American", "US"]
    assert mention_texts(actors["IRQ"]) == ["Iraq", "Iraqi"]
    assert mention_texts(actors["SYR"]) == ["Syria"]
    assert actors["USA"].name == "United States" and actors["USA"].kind == "country"


def test_washington_state_and_george_washington_are_not_the_us(extract: Extract) -> None:
    record = extract(
        "Officials in Washington state said the storm hit Seattle. A statue of George Washington fell."
    )
    assert "USA" not in by_id(record)
    persons = [a for a in record.actors if a.kind == "person"]
    assert [p.name for p in persons] == ["George Washington"]


def test_led_coalition_and_its_bare_mentions(extract: Extract) -> None:
    record = extract("US-led coalition forces left the base. The coalition said more troops would follow.")
    actors = by_id(record)
    coalition = actors["coalition"]
    assert coalition.led_by == "USA"
    assert coalition.name == "US-led coalition"
    assert mention_texts(coalition) == ["US-led coalition forces", "coalition"]
    assert mention_texts(actors["USA"]) == ["US"]


def test_backed_groups_keep_the_backer_apart(extract: Extract) -> None:
    record = extract("The base came under attack by Iran-backed militants on Tuesday.")
    actors = by_id(record)
    militants = actors["iran-backed-militants"]
    assert (militants.kind, militants.backed_by) == ("group", "IRN")
    assert mention_texts(actors["IRN"]) == ["Iran"]


def test_a_known_group_can_have_a_backer(extract: Extract) -> None:
    record = extract(
        "Saudi-led forces struck Sanaa, and Iran-backed Houthi fighters fired rockets at Israel."
    )
    actors = by_id(record)
    assert actors["houthis"].backed_by == "IRN"
    assert actors["saudi-led-forces"].led_by == "SAU"
    assert mention_texts(actors["YEM"]) == ["Sanaa"]
    assert "ISR" in actors


def test_armed_groups_and_organisations_by_alias(extract: Extract) -> None:
    record = extract("ISIL and Daesh remnants were named by the UN, NATO and Reuters.")
    actors = by_id(record)
    assert mention_texts(actors["isis"]) == ["ISIL", "Daesh"]
    assert actors["isis"].kind == "group"
    assert actors["un"].kind == actors["nato"].kind == actors["reuters"].kind == "organization"


def test_the_european_community_is_the_union_it_became(extract: Extract) -> None:
    """1980s wire copy names the EEC or the European Community; a story tracks one actor."""
    record = extract(
        "European Community ministers and the EEC's partners met; the EC Commission said so.", "1987-03-02"
    )
    actors = by_id(record)
    assert mention_texts(actors["eu"])[:2] == ["European Community", "EEC"]
    assert mention_texts(actors["european-commission"]) == ["EC Commission"]
    assert actors["european-commission"].affiliation == "eu"


def test_an_honorific_names_a_person_the_model_read_as_an_organisation(extract: Extract) -> None:
    record = extract("The court further ordered Ms Roache to pay half the court's costs.", "2007-08-30")
    actors = by_id(record)
    assert actors["roache"].kind == "person"
    assert mention_texts(actors["roache"]) == ["Roache"]


def test_person_with_title_and_country_before_the_name(extract: Extract) -> None:
    text = (
        "Iraqi Defence Minister Thabet al-Abbasi met the envoy. Abbasi said the talks were useful. He added."
    )
    record = extract(text)
    person = by_id(record)["thabet-al-abbasi"]
    assert person.kind == "person"
    assert (person.title, person.affiliation) == ("Defence Minister", "IRQ")
    assert mention_texts(person) == ["Thabet al-Abbasi", "Abbasi", "He"]
    assert sum(a.kind == "person" for a in record.actors) == 1


def test_person_with_an_apposition(extract: Extract) -> None:
    record = extract('"We are ready," said Jean Dupont, a senior adviser to the French president, on Monday.')
    person = by_id(record)["jean-dupont"]
    assert person.title == "a senior adviser to the French president"
    assert person.affiliation == "FRA"


def test_pronoun_goes_to_the_nearest_person_before_it(extract: Extract) -> None:
    record = extract(
        "Mr. Biden spoke with President Erdogan of Turkey. Biden later told reporters he was hopeful."
    )
    actors = by_id(record)
    assert mention_texts(actors["biden"]) == ["Biden", "Biden", "he"]
    assert actors["erdogan"].title == "President"
    assert actors["erdogan"].affiliation == "TUR"


def test_surname_mentions_merge_with_the_full_name(extract: Extract) -> None:
    record = extract("Prime Minister Mohammed Shia al-Sudani spoke first. Later, Sudani met the ambassador.")
    persons = [a for a in record.actors if a.kind == "person"]
    assert [p.id for p in persons] == ["mohammed-shia-al-sudani"]
    assert mention_texts(persons[0])[-1] == "Sudani"


def test_unknown_organisations_and_places_from_entities(extract: Extract) -> None:
    record = extract("The Higher Military Commission met at Air Base 201 and in the Green Zone.")
    actors = by_id(record)
    assert actors["higher-military-commission"].kind == "organization"
    assert actors["air-base-201"].kind == "place"
    assert actors["green-zone"].kind == "place"


def test_actor_spans_on_the_doc(nlp: object) -> None:
    from docket.pipeline import load

    doc = load()("Talks between Washington and Baghdad resumed.")
    assert [(s.text, s.label_) for s in doc.spans["docket_actor"]] == [
        ("Washington", "USA"),
        ("Baghdad", "IRQ"),
    ]


def test_works_without_a_model() -> None:
    nlp = blank_with_stages(["docket_actor"])
    from docket.extract.common.state import state

    doc = nlp("US-led coalition forces and Iraqi troops left; ISIS fighters stayed near Baghdad.")
    actors = {a.id: a for a in state(doc).actors}
    assert {"USA", "IRQ", "isis", "coalition"} <= set(actors)
    assert actors["coalition"].led_by == "USA"


def test_user_actors_file_through_the_stage_config(tmp_path: Path) -> None:
    from docket.extract.common.state import state

    user = tmp_path / "mine.yaml"
    user.write_text("organizations:\n  - {id: tigris-watch, name: Tigris Watch, aliases: [Tigris Watch]}\n")
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("docket_actor", config={"actors_file": str(user)})
    doc = nlp("Tigris Watch said Iraq agreed.")
    assert [a.id for a in state(doc).actors] == ["tigris-watch", "IRQ"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "-led", "US-", "Washington-backed", "he he he"])
def test_odd_texts_do_not_crash(extract: Extract, text: str) -> None:
    record = extract(text)
    for actor in record.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_an_organisation_named_after_its_country(extract: Extract) -> None:
    record = extract(
        "After talks in Niamey, the US Defense Department and Niger's defence ministry said it was done."
    )
    actors = by_id(record)
    department = actors["us-defense-department"]
    assert (department.kind, department.affiliation) == ("organization", "USA")
    assert "US" in mention_texts(actors["USA"])
    assert mention_texts(actors["NER"]) == ["Niamey", "Niger"]


def test_a_body_inside_a_longer_name_is_not_that_body(extract: Extract) -> None:
    record = extract('"Talks must go on," National Security Council spokesman Brian Hughes said.')
    actors = by_id(record)
    assert "un-security-council" not in actors
    assert actors["national-security-council"].kind == "organization"
    hughes = actors["brian-hughes"]
    assert hughes.title == "National Security Council spokesman"
    assert hughes.affiliation == "national-security-council"


def test_titled_names_the_model_calls_organisations_are_persons(extract: Extract) -> None:
    record = extract("The delegation included Assistant Secretary of State Molly Phee and two generals.")
    persons = [a for a in record.actors if a.kind == "person"]
    assert [p.name for p in persons] == ["Molly Phee"]


def test_datelines_in_capitals_name_the_country(extract: Extract) -> None:
    record = extract("BAGHDAD - Iraq and the United States agreed on Friday.")
    actors = by_id(record)
    assert mention_texts(actors["IRQ"]) == ["BAGHDAD", "Iraq"]
    assert mention_texts(actors["USA"]) == ["United States"]
    assert all(a.kind in {"country"} for a in record.actors)


def test_a_name_set_off_after_a_role(extract: Extract) -> None:
    record = extract("India's delegate, Chandni Raina, rejected the agreement as soon as it was adopted.")
    person = by_id(record)["chandni-raina"]
    assert (person.kind, person.title, person.affiliation) == ("person", "delegate", "IND")


def test_a_role_set_off_before_a_name(extract: Extract) -> None:
    record = extract("The chief negotiator, Adam Smith Jones, said the text was final.")
    assert by_id(record)["adam-smith-jones"].title == "chief negotiator"


def test_capitalised_bodies_the_model_missed(extract: Extract) -> None:
    text = "It was in line with the work of the US-Iraq Higher Military Commission, he said."
    actors = by_id(extract(text))
    commission = actors["higher-military-commission"]
    assert commission.kind == "organization"
    assert commission.affiliation is None  # two countries: no single affiliation
    assert {"USA", "IRQ"} <= set(actors)


def test_pronouns_follow_gender_from_honorifics(extract: Extract) -> None:
    record = extract("Mrs. Clinton met Mr. Trump. She said he was wrong, and her aides agreed with him.")
    actors = by_id(record)
    assert mention_texts(actors["clinton"]) == ["Clinton", "She", "her"]
    assert mention_texts(actors["trump"]) == ["Trump", "he", "him"]


def test_lowercase_words_are_never_persons(extract: Extract) -> None:
    record = extract("The drug diprivan was approved, officials said.")
    assert all(a.kind != "person" for a in record.actors)


_PIECES = st.sampled_from(
    [
        "US",
        "U.S.",
        "-led",
        "-backed",
        "Iran",
        "coalition",
        "forces",
        "militants",
        "Washington",
        "Baghdad",
        "Mr.",
        "Farhad",
        "Al Sudani",
        "he",
        "she",
        "his",
        ",",
        ".",
        "the",
        "Pentagon",
        "ISIS",
        "Prime Minister",
        "adviser to the",
        "Iraqi",
        "said",
        "\n",
        "-",
        "'s",
        "Reuters",
        "of",
        "Council",
        "Higher Commission",
    ]
)


@given(st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=20).map(" ".join)))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_sound_actors(extract: Extract, text: str) -> None:
    record = extract(text)
    ids = [a.id for a in record.actors]
    assert len(ids) == len(set(ids))
    for actor in record.actors:
        assert actor.mentions
        assert actor.id == actor.id.strip() and actor.id
        for m in actor.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text


def test_a_body_of_an_organisation_names_it_too(extract: Extract) -> None:
    actors = by_id(extract("The UN Security Council voted on Friday, and the Security Council met again."))
    assert mention_texts(actors["un"]) == ["UN"]
    assert mention_texts(actors["un-security-council"]) == ["UN Security Council", "Security Council"]
    assert actors["un-security-council"].affiliation == "un"


def test_a_title_is_not_an_organisation(extract: Extract) -> None:
    record = extract("Secretary of State Mike Pompeo witnessed the signing in Doha.")
    actors = by_id(record)
    assert "state" not in actors
    assert actors["mike-pompeo"].title == "Secretary of State"
    assert mention_texts(actors["QAT"]) == ["Doha"]


def test_a_name_followed_by_the_kind_of_body(extract: Extract) -> None:
    record = extract(
        "In an interview broadcast by the Al-Hadath television channel on Sunday, the minister spoke."
    )
    assert by_id(record)["al-hadath"].kind == "organization"


def test_a_demonym_inside_a_place_name_is_not_the_country(extract: Extract) -> None:
    record = extract("Ships crossed the Indian Ocean while Indian officials watched.")
    actors = by_id(record)
    assert mention_texts(actors["IND"]) == ["Indian"]
    assert actors["indian-ocean"].kind == "place"


def test_a_name_shown_to_be_a_place_stays_a_place(extract: Extract) -> None:
    text = (
        "Troops left Ain al-Asad air base on Monday. Ain al-Asad, in the desert, is now Iraqi. "
        "They flew to Bagram Airfield."
    )
    actors = by_id(extract(text))
    assert actors["ain-al-asad"].kind == "place"
    assert mention_texts(actors["ain-al-asad"]) == ["Ain al-Asad", "Ain al-Asad"]
    assert actors["bagram-airfield"].kind == "place"
    assert all(a.kind != "person" for a in actors.values())


def test_regions_are_places_not_countries(extract: Extract) -> None:
    actors = by_id(extract("Troops left the Sahel and the Middle East, but stayed in West Africa."))
    assert [actors[k].kind for k in ("sahel", "middle-east", "west-africa")] == ["place"] * 3


def test_hyphenated_titles(extract: Extract) -> None:
    actors = by_id(extract("It followed a recommendation from Secretary-General Antonio Guterres."))
    assert actors["antonio-guterres"].title == "Secretary-General"


def test_a_governing_coalition_is_not_the_military_one(extract: Extract) -> None:
    record = extract("The ruling coalition met, and a coalition government was formed.")
    assert "coalition" not in by_id(record)


def test_initials_and_a_bare_name_are_the_company_named_in_full(extract: Callable[..., Record]) -> None:
    """'<San Miguel Corp>, SMC, ...', 'Cyclops Corp ... Cyclops': one company, not three."""
    rec = extract(
        "<Halvard Marine Corp>, HMC, said it would buy <Cyclops Corp> for 90 dlrs a share. HMC said "
        "Cyclops agreed to the price."
    )
    ids = {a.id for a in rec.actors}
    assert "halvard-marine-corp" in ids and "hmc" not in ids
    assert "cyclops" not in ids
