"""The event stage: PLOVER type and action, arguments, time, status, and what is not an event."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from docket import data
from docket.extract.common.state import Extraction
from docket.record import EVENT_TYPES, Event
from test_event_support import T, run_stages

COUNTRIES = {
    "Ruritania": ("RUR", "country"),
    "Ruritanian": ("RUR", "country"),
    "Freedonia": ("FRE", "country"),
    "Freedonian": ("FRE", "country"),
    "Sylvania": ("SYL", "country"),
}


def events(found: Extraction, action: str) -> list[Event]:
    return [e for e in found.events if e.action == action]


def the_time(found: Extraction, event: Event) -> str | None:
    by_id = {t.id: t for t in found.timexes}
    return by_id[event.time].value if event.time else None


def test_trigger_data_maps_to_plover_categories() -> None:
    table = data.load("events.yaml")
    for kind in ("verbs", "nouns"):
        for lemma, spec in table[kind].items():
            assert isinstance(lemma, str) and lemma == lemma.lower(), lemma
            assert spec["type"] in EVENT_TYPES, (lemma, spec["type"])
            assert isinstance(spec["action"], str) and spec["action"], lemma
            for refined in (spec.get("by_object") or {}).values():
                assert refined["type"] in EVENT_TYPES


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML keeps the last one silently)."""


def _no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[object, object]:
    keys = [loader.construct_object(k) for k, _ in node.value]
    doubled = {k for k in keys if keys.count(k) > 1}
    assert not doubled, f"keys given twice: {doubled}"
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


@pytest.mark.parametrize("name", ["events.yaml", "commitments.yaml"])
def test_rule_files_name_each_word_once_and_hold_no_booleans(name: str) -> None:
    loaded = yaml.load(Path(data.path(name)).read_text(encoding="utf-8"), Loader=_StrictLoader)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                assert not isinstance(key, bool), f"{name}: a bare on/no/yes key reads as a boolean"
                walk(value)
        elif isinstance(node, list):
            for item in node:
                assert not isinstance(item, bool), f"{name}: a bare on/no/yes word reads as a boolean"
                walk(item)

    walk(loaded)


def test_past_invasion_and_withdrawal_with_their_own_years(nlp: Language) -> None:
    text = "Ruritania invaded Freedonia in 1998 and withdrew its troops in 2004."
    found = run_stages(
        nlp,
        text,
        actors=COUNTRIES,
        timexes=[T("1998", "DATE", "1998"), T("2004", "DATE", "2004")],
    )
    (invasion,) = events(found, "invade")
    assert (invasion.type, invasion.agents, invasion.patients) == ("ASSAULT", ["RUR"], ["FRE"])
    assert (the_time(found, invasion), invasion.status) == ("1998", "occurred")
    (withdrawal,) = events(found, "withdraw")
    assert withdrawal.type == "RETREAT"
    assert withdrawal.agents == ["RUR"]  # the subject of the first verb carries over
    assert withdrawal.location == ["FRE"]  # the country invaded is the country left
    assert (the_time(found, withdrawal), withdrawal.status) == ("2004", "occurred")
    assert text[withdrawal.start : withdrawal.end] == "withdrew"


def test_nominal_attack_that_happened(nlp: Language) -> None:
    text = "Rocket and drone attacks on Sylvanian bases killed four soldiers last week."
    found = run_stages(nlp, text, actors={"Sylvanian": ("SYL", "country")})
    (attack,) = events(found, "attack")
    assert attack.type == "ASSAULT"
    assert attack.text == "attacks"
    assert attack.status == "occurred"
    assert "SYL" in attack.patients
    (killing,) = events(found, "kill")
    assert killing.status == "occurred"


def test_promised_withdrawal_is_not_a_retreat_event(nlp: Language) -> None:
    text = "Ruritania will withdraw its troops from Freedonia by March 2026."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[T("March 2026", "DATE", "2026-03")])
    assert events(found, "withdraw") == []
    assert [c.action for c in found.commitments] == ["withdraw"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ruritania could announce the agreement next week.", "possible"),
        ("Ruritania did not announce the agreement.", "denied"),
        ("Ruritania will announce the agreement next week.", "planned"),
        ("Ruritania announced the agreement on Monday.", "occurred"),
        ("Ruritania is announcing the agreement.", "ongoing"),
    ],
)
def test_status_from_tense_aspect_and_modality(nlp: Language, text: str, status: str) -> None:
    found = run_stages(nlp, text, actors=COUNTRIES)
    (announcement,) = [e for e in events(found, "announce") if e.text.lower().startswith("announc")]
    assert announcement.status == status
    if status == "possible":
        assert announcement.certainty == "possible"
    if status == "denied":
        assert announcement.polarity == "negative"


def test_agreement_between_two_capitals_names_both_parties(nlp: Language) -> None:
    text = "Ruritania and Freedonia signed an agreement on Friday."
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[T("Friday", "DATE", "2024-09-06")])
    signing = [e for e in found.events if e.type == "AGREE" and e.action == "sign"]
    assert len(signing) == 1
    assert set(signing[0].agents) == {"RUR", "FRE"}
    assert signing[0].status == "occurred"  # the signing happened; "agreed" is for an agreement reached
    assert the_time(found, signing[0]) == "2024-09-06"


def test_the_target_of_an_attack_is_its_patient(nlp: Language) -> None:
    text = "The base was hit amid attacks by Sylvanian militias on Freedonian forces."
    found = run_stages(
        nlp,
        text,
        actors={"Sylvanian": ("SYL", "country"), "Freedonian": ("FRE", "country")},
    )
    (attack,) = events(found, "attack")
    assert "SYL" in attack.agents
    assert "FRE" in attack.patients
    assert "FRE" not in attack.agents


def test_every_event_is_a_view_into_the_text(nlp: Language) -> None:
    text = (
        "Ruritania invaded Freedonia in 1998. Talks between Ruritania and Freedonia began in May. "
        "The handover of the base took place on Monday."
    )
    found = run_stages(nlp, text, actors=COUNTRIES, timexes=[T("Monday", "DATE", "2024-09-02")])
    assert found.events
    for event in found.events:
        assert text[event.start : event.end] == event.text
        assert event.type in EVENT_TYPES
    assert [e.action for e in found.events if e.type == "RETREAT"] == ["hand over"]


def test_without_a_parser_the_stages_find_nothing_and_do_not_fail() -> None:
    from docket.extract.common.state import state
    from docket.pipeline import blank_with_stages

    nlp = blank_with_stages(("docket_event", "docket_commitment"))
    doc = nlp("Ruritania will withdraw its troops by March 2026.")
    assert state(doc).events == [] and state(doc).commitments == []
    assert list(doc.spans["docket_event"]) == [] and list(doc.spans["docket_commitment"]) == []
