"""The commitment stage: obligor, action, deadline, stages, conditions, status, evidence, precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket.extract.common.state import Extraction
from docket.record import Commitment, Timex
from test_event_support import Q, T, run_stages

ACTORS = {
    "Ruritania": ("RUR", "country"),
    "Ruritanian": ("RUR", "country"),
    "Freedonia": ("FRE", "country"),
    "Freedonian": ("FRE", "country"),
    "Osterlich": ("OST", "country"),
}


def deadline_of(found: Extraction, c: Commitment) -> Timex | None:
    return next((t for t in found.timexes if t.id == c.deadline), None)


STAGED = (
    "Ruritania and Freedonia have reached a preliminary understanding on the withdrawal of Ruritanian "
    "troops. Under the plan, several hundred Ruritanian soldiers will leave by June next year, "
    "and the rest by the end of 2027. The deal still requires final approval from both parliaments."
)


@pytest.fixture(scope="module")
def staged(nlp: Language) -> Extraction:
    return run_stages(
        nlp,
        STAGED,
        actors=ACTORS,
        timexes=[
            T("June next year", "DATE", "2025-06", earliest="2025-06-01", latest="2025-06-30"),
            T("the end of 2027", "DATE", "2027", mod="END", earliest="2027-09-01", latest="2027-12-31"),
        ],
        quantities=[Q("several hundred Ruritanian soldiers", low=300, high=900, noun="soldiers")],
    )


def test_a_plan_in_two_stages(staged: Extraction) -> None:
    stages = sorted((c for c in staged.commitments if c.stage), key=lambda c: c.stage or 0)
    assert [c.stage for c in stages] == [1, 2]
    first, second = stages
    assert first.action == second.action == "withdraw"
    assert first.obligor == ["RUR"]
    assert second.obligor == ["RUR"]  # the elided second half is bound like the first
    assert set(first.parties) == {"RUR", "FRE"}
    first_deadline, second_deadline = deadline_of(staged, first), deadline_of(staged, second)
    assert first_deadline is not None and first_deadline.value == "2025-06"
    assert second_deadline is not None and (second_deadline.value, second_deadline.mod) == ("2027", "END")
    assert second.object == "the rest"
    quantity = next(q for q in staged.quantities if q.id == first.quantity)
    assert quantity.text == "several hundred Ruritanian soldiers"


def test_status_condition_certainty_and_evidence_of_a_preliminary_plan(staged: Extraction) -> None:
    for c in staged.commitments:
        assert c.status == "preliminary"
        assert c.conditions == ["final approval from both parliaments"]
        assert c.certainty in ("probable", "possible")  # below certain: not yet approved
    first = next(c for c in staged.commitments if c.stage == 1)
    sentence = "Under the plan, several hundred Ruritanian soldiers will leave by June next year, "
    assert STAGED[first.start : first.end].startswith(sentence)
    assert STAGED[first.start : first.end].endswith("the end of 2027.")


def test_relative_deadline_counted_from_the_day_the_agreement_takes_effect(nlp: Language) -> None:
    text = (
        "A truce between Ruritania and Freedonia took effect at dawn on Wednesday. "
        "Under the agreement, Ruritania will pull its forces out of the border zone over the next 45 days."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[
            T("Wednesday", "DATE", "2024-11-27", earliest="2024-11-27", latest="2024-11-27"),
            T("the next 45 days", "DURATION", "P45D"),
        ],
        published="2024-11-28",
    )
    (c,) = found.commitments
    assert (c.action, c.obligor) == ("withdraw", ["RUR"])
    deadline = deadline_of(found, c)
    assert deadline is not None
    assert deadline.value == "2025-01-11"  # 27 November + 45 days
    assert deadline.latest == dt.date(2025, 1, 11)
    assert deadline.anchor == "t1"  # counted from the truce, not from the article's date
    assert deadline.id == "t3"  # the next free timex id
    assert (deadline.start, deadline.end) == (text.index("the next 45 days"), text.index(" days.") + 5)
    assert c.status == "in_force"


def test_two_relative_stages_with_a_condition(nlp: Language) -> None:
    text = (
        "Ruritania and Osterlich signed the accord on Saturday. Ruritania will cut its forces from "
        "12,000 to 6,000 within 120 days. All remaining Ruritanian troops are to leave within 12 months, "
        "provided that Osterlich keeps its side of the bargain."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[
            T("Saturday", "DATE", "2020-02-29", earliest="2020-02-29", latest="2020-02-29"),
            T("120 days", "DURATION", "P120D"),
            T("12 months", "DURATION", "P12M"),
        ],
        quantities=[Q("12,000", value=12000), Q("6,000", value=6000)],
        published="2020-03-01",
    )
    cut = next(c for c in found.commitments if c.action == "reduce")
    leave = next(c for c in found.commitments if c.action == "withdraw")
    assert (cut.stage, leave.stage) == (1, 2)
    cut_deadline, leave_deadline = deadline_of(found, cut), deadline_of(found, leave)
    assert cut_deadline is not None and cut_deadline.value == "2020-06-28"
    assert leave_deadline is not None and leave_deadline.value == "2021-02-28"
    assert next(q.text for q in found.quantities if q.id == cut.quantity) == "6,000"  # the target
    assert leave.conditions == ["Osterlich keeps its side of the bargain"]
    assert set(leave.parties) == {"RUR", "OST"}
    assert leave.status == "agreed"


@pytest.mark.parametrize(
    "text",
    [
        # a past event
        "Ruritania withdrew its troops from Freedonia by March 2021.",
        # a wish
        "Ruritania hopes to withdraw its troops from Freedonia by March 2021.",
        # a demand of one side
        "Freedonia demanded the withdrawal of Ruritanian troops by March 2021.",
        # a question
        "Will Ruritania withdraw its troops from Freedonia by March 2021?",
        # a possibility
        "Ruritania could withdraw its troops from Freedonia by March 2021.",
        # a denial
        "Ruritania will not withdraw its troops from Freedonia by March 2021.",
    ],
)
def test_what_is_not_a_commitment(nlp: Language, text: str) -> None:
    found = run_stages(nlp, text, actors=ACTORS, timexes=[T("March 2021", "DATE", "2021-03")])
    assert found.commitments == []


def test_a_pledge_without_a_date_and_a_statement_with_one(nlp: Language) -> None:
    text = (
        "Freedonia pledged to release the prisoners. "
        "The mission of the Ruritanian force will end no later than 31 December."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[T("31 December", "DATE", "2024-12-31", earliest="2024-12-31", latest="2024-12-31")],
    )
    release = next(c for c in found.commitments if c.action == "release")
    assert (release.obligor, release.deadline, release.object) == (["FRE"], None, "the prisoners")
    end = next(c for c in found.commitments if c.action == "end")
    assert end.obligor == ["RUR"]
    deadline = deadline_of(found, end)
    assert deadline is not None and deadline.value == "2024-12-31"
    for c in found.commitments:
        assert text[c.start : c.end].endswith(".")  # the evidence is whole sentences


def test_the_same_deadline_told_twice_is_one_commitment(nlp: Language) -> None:
    text = (
        "Ruritania will finish withdrawing its forces from Freedonia by mid-September. "
        "The two governments said the withdrawal would be completed no later than 15 September."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[
            T("mid-September", "DATE", "2024-09", mod="MID", earliest="2024-09-11", latest="2024-09-20"),
            T("15 September", "DATE", "2024-09-15", earliest="2024-09-15", latest="2024-09-15"),
        ],
    )
    assert len(found.commitments) == 1
    (c,) = found.commitments
    deadline = deadline_of(found, c)
    assert deadline is not None and deadline.value == "2024-09-15"  # the more precise report
    assert "FRE" in c.parties and c.obligor == ["RUR"]


def test_raised_subjects_and_object_control(nlp: Language) -> None:
    text = (
        "The remaining Ruritanian presence in the north is due to end by September 2026. "
        "The accord required all Osterlich forces to leave within 14 months."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[
            T("September 2026", "DATE", "2026-09", earliest="2026-09-01", latest="2026-09-30"),
            T("14 months", "DURATION", "P14M"),
        ],
    )
    end = next(c for c in found.commitments if c.action == "end")
    assert end.obligor == ["RUR"]
    assert end.object == "the remaining Ruritanian presence"
    leave = next(c for c in found.commitments if c.action == "withdraw")
    assert leave.obligor == ["OST"]  # the forces required to leave, not the accord
    assert leave.conditions == []  # "required ... to leave" binds; it is not a condition


def test_a_demanded_departure_is_not_a_commitment_but_a_pledged_one_is(nlp: Language) -> None:
    demanded = run_stages(
        nlp,
        "Freedonian militias demanded the departure of Ruritanian troops by the end of the year.",
        actors=ACTORS,
        timexes=[T("the end of the year", "DATE", "2024", mod="END", latest="2024-12-31")],
    )
    assert demanded.commitments == []
    pledged = run_stages(
        nlp,
        "Ruritania pledged the departure of its troops by the end of the year.",
        actors=ACTORS,
        timexes=[T("the end of the year", "DATE", "2024", mod="END", latest="2024-12-31")],
    )
    assert [(c.action, c.obligor) for c in pledged.commitments] == [("withdraw", ["RUR"])]


def test_a_dateline_is_not_a_party(nlp: Language) -> None:
    text = "OSTERLICH - Ruritania and Freedonia signed an accord on Saturday. Ruritania will withdraw by May."
    found = run_stages(
        nlp,
        text,
        actors={**ACTORS, "OSTERLICH": ("OST", "country")},
        timexes=[T("May", "DATE", "2025-05", earliest="2025-05-01", latest="2025-05-31")],
    )
    (c,) = found.commitments
    assert set(c.parties) == {"RUR", "FRE"}


SALAD = (
    "Ruritania Freedonia will would could not withdraw leave troops forces the agreement deal by within "
    "no later than until 2025 days months end of phase first second remaining if provided requires "
    "approval hopes demanded ? . , and pledged to is are was had been signed talks on"
)
WORDS = st.sampled_from(SALAD.split(" "))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=40))
def test_any_word_salad_gives_well_formed_commitments(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    timexes = [T("2025", "DATE", "2025")] if "2025" in words else []
    found = run_stages(nlp, text, actors=ACTORS, timexes=timexes)
    ids = {t.id for t in found.timexes}
    for c in found.commitments:
        assert 0 <= c.start <= c.end <= len(text)
        assert c.deadline is None or c.deadline in ids
        assert c.stage is None or c.stage >= 1
    for e in found.events:
        assert text[e.start : e.end] == e.text


def test_a_date_set_for_a_departure_and_a_recalled_deadline(nlp: Language) -> None:
    text = (
        "Osterlich ended its defence accord with Ruritania in November. The Osterlich government set "
        "January 31 as the date by which all Ruritanian troops had to leave. "
        "The withdrawal was supposed to be completed by Sunday."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[
            T("January 31", "DATE", "2025-01-31", earliest="2025-01-31", latest="2025-01-31"),
            T("Sunday", "DATE", "2025-01-26", earliest="2025-01-26", latest="2025-01-26"),
        ],
        published="2025-01-20",
    )
    by_value = {}
    for c in found.commitments:
        deadline = deadline_of(found, c)
        assert deadline is not None
        by_value[deadline.value] = c
    assert set(by_value) == {"2025-01-31", "2025-01-26"}
    leave = by_value["2025-01-31"]
    assert leave.obligor == ["RUR"]
    assert "OST" in leave.parties  # the host, though no agreement names both sides
    assert by_value["2025-01-26"].obligor == ["RUR"]  # bound like the earlier mention


def test_be_to_binds_without_a_date_and_objects_keep_their_conjuncts(nlp: Language) -> None:
    text = "Under the truce, Freedonia is to withdraw its fighters and weapons from the border."
    found = run_stages(nlp, text, actors=ACTORS)
    (c,) = found.commitments
    assert (c.action, c.obligor, c.deadline) == ("withdraw", ["FRE"], None)
    assert c.object == "its fighters and weapons"


def test_an_arrangement_that_continues_binds_both_sides_and_a_named_side_that_will(nlp: Language) -> None:
    text = (
        "The truce between Ruritania and Freedonia will continue until 18 February. "
        "Freedonia would abide by the extension, and Osterlich would begin talks on the return of prisoners."
    )
    found = run_stages(
        nlp,
        text,
        actors=ACTORS,
        timexes=[T("18 February", "DATE", "2025-02-18", earliest="2025-02-18", latest="2025-02-18")],
    )
    by_action = {c.action: c for c in found.commitments}
    assert set(by_action) == {"continue", "abide", "talk"}
    assert set(by_action["continue"].obligor) == {"RUR", "FRE"}
    deadline = deadline_of(found, by_action["continue"])
    assert deadline is not None and deadline.value == "2025-02-18"
    assert (by_action["abide"].obligor, by_action["abide"].object) == (["FRE"], "the extension")
    assert (by_action["talk"].obligor, by_action["talk"].object) == (["OST"], "the return of prisoners")
    assert by_action["talk"].deadline is None


def test_a_participle_after_its_noun_takes_the_noun_as_what_moves(extract) -> None:  # type: ignore[no-untyped-def]
    """'with hundreds of troops departing by September next year': troops depart, not September."""
    rec = extract(
        "The two governments agreed on a plan under which the force would leave in two stages, "
        "with hundreds of troops departing by September next year.",
        "2024-09-07",
    )
    deadlines = {t.id: t.value for t in rec.timexes}
    stage = [c for c in rec.commitments if deadlines.get(c.deadline or "") == "2025-09"]
    assert stage, rec.commitments
    assert stage[0].object == "troops"


# -- time given to a side: "giving X three more weeks to complete its withdrawal" -------------

GRANT = (
    "The truce between Ruritania and Freedonia will continue to apply until March 3, the mediators "
    "said on Sunday, giving Ruritania two more weeks to complete its withdrawal from the border area."
)


def test_time_given_for_an_action_binds_the_side_given_it_by_the_date_of_the_sentence(
    nlp: Language,
) -> None:
    found = run_stages(
        nlp,
        GRANT,
        actors=ACTORS,
        timexes=[
            T("March 3", "DATE", "2025-03-03", earliest="2025-03-03", latest="2025-03-03"),
            T("Sunday", "DATE", "2025-02-16", earliest="2025-02-16", latest="2025-02-16"),
            T("two more weeks", "DURATION", "P2W"),
        ],
        published="2025-02-17",
    )
    [withdraw] = [c for c in found.commitments if c.action == "withdraw"]
    assert withdraw.obligor == ["RUR"]
    # nothing named is moved; where from is said
    assert withdraw.object == "from the border area"
    deadline = deadline_of(found, withdraw)
    assert deadline is not None and deadline.value == "2025-03-03"
    # the truce's own extension stays a commitment of both sides
    [extension] = [c for c in found.commitments if c.action == "continue"]
    assert set(extension.obligor) == {"RUR", "FRE"}


def test_time_given_without_a_date_in_the_sentence_sets_no_deadline(nlp: Language) -> None:
    text = "The mediators gave Ruritania more time to complete its withdrawal from the border area."
    found = run_stages(nlp, text, actors=ACTORS, published="2025-02-17")
    assert all(c.deadline is None for c in found.commitments if c.action == "withdraw")


def test_a_wish_for_time_is_no_grant(nlp: Language) -> None:
    text = (
        "The truce will continue to apply until March 3, the mediators said, hoping the talks give "
        "Ruritania a chance to end the dispute."
    )
    march = T("March 3", "DATE", "2025-03-03", earliest="2025-03-03", latest="2025-03-03")
    found = run_stages(nlp, text, actors=ACTORS, timexes=[march], published="2025-02-17")
    assert not [c for c in found.commitments if c.action == "end"]
