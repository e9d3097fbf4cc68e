"""Deadline phrases and relative deadlines: the data's schema, date arithmetic, derived timexes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from docket import data
from docket.extract.commitment.rules import next_timex_id
from docket.extract.common.commitment_words import deadline_words
from docket.extract.common.counting import add_duration, derived_deadline
from docket.record import CommitmentStatus, Timex

STATUSES = set(CommitmentStatus.__args__)  # type: ignore[attr-defined]


def test_commitment_data_schema() -> None:
    table = data.load("commitments.yaml")
    events = data.load("events.yaml")
    specs = [spec for kind in ("verbs", "nouns") for spec in events[kind].values()]
    # a particle or an object may make another action of one word ("hand in", "wound up")
    specs += [
        r for spec in specs for key in ("by_particle", "by_object") for r in (spec.get(key) or {}).values()
    ]
    actions = {spec["action"] for spec in specs}
    assert set(table["actions"]) <= actions  # every committable action has a trigger
    for phrase in table["deadlines"]:
        assert phrase["words"] and all(isinstance(w, str) for w in phrase["words"]), phrase
        assert isinstance(phrase["rank"], int)
        assert isinstance(phrase.get("relative", False), bool)
    assert set(table["status_cues"]) <= STATUSES
    assert set(table["status_order"]) == STATUSES
    assert table["default_status"] in STATUSES
    for key in (
        "obligation_heads",
        "aspect_heads",
        "wish_heads",
        "demand_heads",
        "plan_nouns",
        "deadline_nouns",
    ):
        assert all(isinstance(w, str) and w == w.lower() for w in table[key]), key


def test_longer_deadline_phrases_are_tried_first() -> None:
    lengths = [len(words) for words, _rank, _relative in deadline_words()]
    assert lengths == sorted(lengths, reverse=True)
    assert (("no", "later", "than"), 0, False) in deadline_words()
    assert any(words == ("within",) and relative for words, _rank, relative in deadline_words())


days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@given(days, st.integers(min_value=0, max_value=5000))
def test_adding_days_and_weeks(day: dt.date, n: int) -> None:
    assert add_duration(day, f"P{n}D") == day + dt.timedelta(days=n)
    assert add_duration(day, f"P{n}W") == day + dt.timedelta(weeks=n)


@given(days, st.integers(min_value=0, max_value=600))
def test_adding_months_lands_in_the_right_month(day: dt.date, n: int) -> None:
    end = add_duration(day, f"P{n}M")
    assert end is not None
    months = (end.year - day.year) * 12 + end.month - day.month
    assert months == n
    assert end.day <= day.day  # 31 January + 1 month is the last day of February


@given(days, st.text(max_size=12))
def test_other_values_are_not_durations(day: dt.date, value: str) -> None:
    result = add_duration(day, value)
    assert result is None or value.startswith("P")


def test_known_relative_deadlines() -> None:
    assert add_duration(dt.date(2020, 2, 29), "P135D") == dt.date(2020, 7, 13)
    assert add_duration(dt.date(2020, 2, 29), "P14M") == dt.date(2021, 4, 29)
    assert add_duration(dt.date(2024, 11, 27), "P60D") == dt.date(2025, 1, 26)
    assert add_duration(dt.date(2024, 1, 31), "P1M") == dt.date(2024, 2, 29)


def _timex(tid: str, value: str, kind: str = "DATE", day: dt.date | None = None) -> Timex:
    return Timex(
        id=tid, text=value, start=0, end=len(value), type=kind, value=value, earliest=day, latest=day
    )  # type: ignore[arg-type]


def test_derived_deadline_is_anchored_on_the_agreement() -> None:
    signed = _timex("t1", "2020-02-29", day=dt.date(2020, 2, 29))
    window = _timex("t2", "P135D", kind="DURATION")
    derived = derived_deadline(window, signed, dt.date(2020, 3, 1), "t9")
    assert derived is not None
    assert (derived.id, derived.type, derived.value, derived.anchor) == ("t9", "DATE", "2020-07-13", "t1")
    assert derived.latest == dt.date(2020, 7, 13)
    assert (derived.start, derived.end) == (window.start, window.end)


def test_derived_deadline_without_an_anchor_stays_a_span_of_unknown_start() -> None:
    # COMMITMENTS.md: "no anchor in the text -> the duration kept, anchor: unknown" (the article's
    # date is not a guess to make)
    window = _timex("t2", "P1Y", kind="DURATION")
    derived = derived_deadline(window, None, dt.date(2024, 9, 28), "t3")
    assert derived is not None
    assert (derived.type, derived.value, derived.anchor) == ("DURATION", "P1Y", "unknown")
    assert derived.latest is None


def test_derived_deadline_from_a_month_is_a_month() -> None:
    signed = _timex("t1", "2020-02")
    derived = derived_deadline(_timex("t2", "P14M", kind="DURATION"), signed, dt.date(2021, 4, 15), "t5")
    assert derived is not None
    assert (derived.value, derived.earliest, derived.latest) == (
        "2021-04",
        dt.date(2021, 4, 1),
        dt.date(2021, 4, 30),
    )


@given(st.lists(st.integers(min_value=1, max_value=500), unique=True))
def test_next_timex_id_is_free(numbers: list[int]) -> None:
    timexes = [_timex(f"t{n}", "2020") for n in numbers]
    new = next_timex_id(timexes)
    assert new not in {t.id for t in timexes}
    assert new == f"t{max(numbers, default=0) + 1}"
