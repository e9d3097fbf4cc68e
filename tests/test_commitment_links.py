"""Commitments linked across words and sentences: an implied coalition leader, a pronoun
obligor, stages by window and by neighbouring sentence, what leaves and from where, the host
as a party, and a deadline stated on the verb of pledging."""

from __future__ import annotations

from spacy.language import Language

from docket.extract.common.state import Extraction
from docket.record import Commitment
from test_event_support import T, run_stages

ACTORS = {
    "Ruritania": ("RUR", "country"),
    "Ruritanian": ("RUR", "country"),
    "Freedonia": ("FRE", "country"),
    "Freedonian": ("FRE", "country"),
    "coalition": ("coalition", "organization"),
    "Minusta": ("minusta", "organization"),
}

SEPT_2025 = T("September 2025", "DATE", "2025-09", earliest="2025-09-01", latest="2025-09-30")
SEPT_2026 = T("September 2026", "DATE", "2026-09", earliest="2026-09-01", latest="2026-09-30")


def by_action(found: Extraction, action: str) -> list[Commitment]:
    return [c for c in found.commitments if c.action == action]


def test_a_coalition_is_led_by_the_country_whose_forces_the_article_names(nlp: Language) -> None:
    text = (
        "The coalition will leave the base by September 2025. Ruritanian troops arrived there in 2014, "
        "and Ruritanian forces still guard it. Freedonian officials said the timetable holds."
    )
    found = run_stages(nlp, text, actors=ACTORS, timexes=[SEPT_2025])
    (leave,) = by_action(found, "withdraw")
    assert set(leave.obligor) == {"coalition", "RUR"}


def test_no_leader_is_implied_when_two_countries_forces_are_named_alike(nlp: Language) -> None:
    text = (
        "The coalition will leave the base by September 2025. Ruritanian troops and Freedonian troops "
        "arrived there in 2014."
    )
    found = run_stages(nlp, text, actors=ACTORS, timexes=[SEPT_2025])
    (leave,) = by_action(found, "withdraw")
    assert leave.obligor == ["coalition"]


def test_a_pronoun_told_to_act_stands_for_the_organisation_named_before_it(nlp: Language) -> None:
    text = (
        "The resolution ends the mandate of the mission, Minusta, and instructs it to withdraw its "
        "personnel by December 31, 2023."
    )
    deadline = T("December 31, 2023", "DATE", "2023-12-31", earliest="2023-12-31", latest="2023-12-31")
    found = run_stages(nlp, text, actors=ACTORS, timexes=[deadline])
    (withdraw,) = by_action(found, "withdraw")
    assert withdraw.obligor == ["minusta"]


def test_a_deadline_inside_a_stage_belongs_to_that_stage(nlp: Language) -> None:
    text = (
        "The pullout has two stages. In the first, Ruritanian troops will leave Freedonia by September 2025, "
        "and in the second, Ruritanian advisers will leave Freedonia by September 2026. "
        "All Ruritanian soldiers are scheduled to have left the northern base by September 15, 2025."
    )
    sept_15 = T("September 15, 2025", "DATE", "2025-09-15", earliest="2025-09-15", latest="2025-09-15")
    found = run_stages(nlp, text, actors=ACTORS, timexes=[SEPT_2025, SEPT_2026, sept_15])
    stages = {}
    for c in by_action(found, "withdraw"):
        deadline = next(t for t in found.timexes if t.id == c.deadline)
        stages[deadline.value] = c.stage
    assert stages == {"2025-09": 1, "2026-09": 2, "2025-09-15": 1}


def test_an_undated_action_right_after_a_stage_is_part_of_it(nlp: Language) -> None:
    text = (
        "During a first phase lasting 42 days, Freedonia is to free 30 hostages. "
        "Ruritanian forces are to pull back from populated areas of the strip."
    )
    found = run_stages(nlp, text, actors=ACTORS, timexes=[T("42 days", "DURATION", "P42D")])
    (free,) = by_action(found, "release")
    (pull,) = by_action(found, "withdraw")
    assert free.stage == 1
    assert pull.stage == 1
    assert pull.object == "Ruritanian forces from populated areas of the strip"


def test_what_leaves_a_place_is_the_object_with_the_place_it_leaves(nlp: Language) -> None:
    text = "Ruritanian forces will leave the base by September 2025."
    found = run_stages(nlp, text, actors=ACTORS, timexes=[SEPT_2025])
    (leave,) = by_action(found, "withdraw")
    assert leave.object == "Ruritanian forces from the base"
    assert leave.obligor == ["RUR"]


def test_a_pullout_binds_its_side_to_the_host_even_under_a_deal_with_a_third_side(nlp: Language) -> None:
    actors = {**ACTORS, "Sylvanian militia": ("sylvanian-militia", "group")}
    text = (
        "Freedonia said on Monday that the deadline holds. Under the truce with the Sylvanian militia, "
        "Ruritania is to withdraw its forces from Freedonia by September 2025, officials in Freedonia said."
    )
    found = run_stages(nlp, text, actors=actors, timexes=[SEPT_2025])
    (withdraw,) = by_action(found, "withdraw")
    assert withdraw.obligor == ["RUR"]
    assert "FRE" in withdraw.parties


def test_a_deadline_on_the_verb_of_pledging_binds_the_pledged_action(nlp: Language) -> None:
    text = (
        'The statement committed the coalition to ending its military mission in Freedonia "no later '
        'than the end of September 2025".'
    )
    end = T(
        "the end of September 2025", "DATE", "2025-09", mod="END", earliest="2025-09-21", latest="2025-09-30"
    )
    found = run_stages(nlp, text, actors=ACTORS, timexes=[end])
    (ending,) = by_action(found, "end")
    deadline = next(t for t in found.timexes if t.id == ending.deadline)
    assert (deadline.value, deadline.mod) == ("2025-09", "END")


def test_who_describes_a_drawdown_is_not_bound_by_it(nlp: Language) -> None:
    text = (
        "A Freedonian source described the drawdown. In the second stage, running until September 2026, "
        "the number of troops will be brought down."
    )
    found = run_stages(nlp, text, actors=ACTORS, timexes=[SEPT_2026])
    assert all("FRE" not in c.obligor for c in found.commitments)


def test_a_promised_action_is_a_commitment_and_not_also_an_event(nlp: Language) -> None:
    text = (
        "Ruritania and Freedonia signed an agreement on Monday. Ruritania will support the Freedonian "
        "army until September 2025, and Freedonian troops will deploy in the south by September 2025."
    )
    monday = T("on Monday", "DATE", "2024-09-02", earliest="2024-09-02", latest="2024-09-02")
    found = run_stages(
        nlp, text, actors=ACTORS, timexes=[monday, SEPT_2025, T("September 2025", "DATE", "2025-09", nth=1)]
    )
    assert {c.action for c in found.commitments} == {"support", "deploy"}
    assert [e.action for e in found.events] == ["sign"]  # the agreement stays an event
    assert [e.id for e in found.events] == ["e1"]
    assert all(c.event == "e1" for c in found.commitments)


def test_talks_that_are_to_open_bind_both_sides_of_the_talks(nlp: Language) -> None:
    text = (
        "Ruritania and Freedonia signed an agreement on Monday. "
        "Talks between Freedonia and a Ruritanian delegation are to open on March 10."
    )
    monday = T("on Monday", "DATE", "2024-09-02", earliest="2024-09-02", latest="2024-09-02")
    march = T("March 10", "DATE", "2025-03-10", earliest="2025-03-10", latest="2025-03-10")
    found = run_stages(nlp, text, actors=ACTORS, timexes=[monday, march])
    (talks,) = by_action(found, "talk")
    assert set(talks.obligor) == {"FRE", "RUR"}
    assert talks.object == "Talks between Freedonia and a Ruritanian delegation"
    assert talks.deadline == "t2"
    talks_event = next(e for e in found.events if e.action == "talk")  # talks set for a date stay an event
    assert (talks_event.status, talks_event.time) == ("planned", "t2")
