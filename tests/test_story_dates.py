"""Calendar helpers of the story layer: bounds, precision, compatibility, spans, sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.story import dates, text
from docket.story.model import When
from docket.timex3 import value_bounds

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("value", "mod", "first", "last"),
    [
        ("2025-09", None, "2025-09-01", "2025-09-30"),
        ("2024-02", None, "2024-02-01", "2024-02-29"),
        ("2026", None, "2026-01-01", "2026-12-31"),
        ("2026", "END", "2026-09-01", "2026-12-31"),
        ("2025-09-15", None, "2025-09-15", "2025-09-15"),
        ("2025-Q3", None, "2025-07-01", "2025-09-30"),
        ("2025-H1", None, "2025-01-01", "2025-06-30"),
    ],
)
def test_bounds_filled_from_the_value(value: str, mod: str | None, first: str, last: str) -> None:
    w = dates.complete(When(value, mod))
    assert (w.earliest, w.latest) == (D(first), D(last))


def test_duration_deadline_runs_from_its_anchor() -> None:
    w = dates.complete(When("P14M", type="DURATION"), D("2020-02-29"))
    assert w.latest == D("2021-04-29")
    assert dates.complete(When("P60D", type="DURATION"), D("2024-11-27")).latest == D("2025-01-26")
    assert dates.complete(When("P60D", type="DURATION")).latest is None  # no anchor, no day


def test_given_bounds_are_kept() -> None:
    w = When("2026", "END", earliest=D("2026-10-01"), latest=D("2026-12-31"))
    assert dates.complete(w) == w


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("2025-09", None), ("2025-09", "END"), True),  # both end on 30 September
        (("2025-09-15", None), ("2025-09", None), True),  # a day inside the month
        (("2026-09", None), ("2026", "END"), False),  # September 2026 is not the end of 2026
        (("2025-01-26", None), ("2025-01-27", None), False),
    ],
)
def test_compatible_deadlines(a: tuple[str, str | None], b: tuple[str, str | None], same: bool) -> None:
    wa, wb = dates.complete(When(*a)), dates.complete(When(*b))
    assert dates.compatible(wa, wb) is same
    assert dates.compatible(wb, wa) is same
    assert dates.compatible(wa, None)


def test_precision_and_label() -> None:
    assert [dates.precision(v) for v in ("2025-09-15", "2025-09", "2026", "P6M", "PAST_REF", None)] == [
        "day",
        "month",
        "year",
        "duration",
        "other",
        "other",
    ]
    assert dates.label(When("2026", "END")) == "2026 END"
    assert dates.label(None) == ""


@pytest.mark.parametrize(("span", "days"), [("30d", 30), ("2w", 14), ("3m", 90), ("1y", 365), ("45", 45)])
def test_parse_span(span: str, days: int) -> None:
    assert dates.parse_span(span) == days


@given(st.text(max_size=12))
def test_parse_span_accepts_or_refuses_never_crashes(raw: str) -> None:
    try:
        days = dates.parse_span(raw)
    except ValueError as exc:
        assert "30d" in str(exc)
    else:
        assert days >= 0


@given(
    st.dates(min_value=D("1900-01-01"), max_value=D("2200-12-31")),
    st.sampled_from(["day", "month", "year"]),
)
def test_value_bounds_contain_the_day(day: dt.date, precision: str) -> None:
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    bounds = value_bounds(value)
    assert bounds is not None
    first, last = bounds
    assert first <= day <= last
    assert dates.precision(value) == precision


@given(st.text(max_size=20))
def test_value_bounds_never_crash(raw: str) -> None:
    got = value_bounds(raw)
    assert got is None or got[0] <= got[1]


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"'"), max_size=80), st.integers(0, 90), st.integers(0, 10))
def test_sentence_bounds_hold_the_span(body: str, start: int, width: int) -> None:
    start = min(start, len(body))
    end = min(start + width, len(body))
    left, right = text.sentence_bounds(body, start, end)
    assert 0 <= left <= start <= end <= max(right, end) <= len(body)


def test_sentence_bounds_split_on_stops_and_blank_lines() -> None:
    body = 'He left. "We are done," she said! Next one\n\nNew paragraph.'
    at = body.index("done")
    assert body[slice(*text.sentence_bounds(body, at, at + 4))] == '"We are done," she said!'
    at = body.index("New")
    assert body[slice(*text.sentence_bounds(body, at, at + 3))] == "New paragraph."


def test_nearest_place_takes_the_place_after_the_count() -> None:
    mentions = [(0, 2, "USA"), (25, 29, "IRQ"), (40, 45, "SYR")]
    assert text.nearest_place(6, 18, mentions, 80) == "IRQ"
    assert text.nearest_place(6, 18, mentions, 5) is None


_days = st.dates(min_value=D("2000-01-01"), max_value=D("2040-12-31"))


@given(_days, _days, st.one_of(st.none(), _days), st.one_of(st.none(), _days))
def test_status_on_any_day_is_one_of_the_six(
    latest: dt.date, as_of: dt.date, done: dt.date | None, moved: dt.date | None
) -> None:
    from docket.story.model import Evidence
    from docket.story.status import status_on
    from docket.story.tracked import STATUSES, Outcome, Tracked

    ev = Evidence("d1", 0, 5)
    t = Tracked(
        id="k1",
        obligor=("USA",),
        action="withdraw",
        object=None,
        stage=None,
        deadline=When("x", earliest=latest, latest=latest),
        reported_on=D("2000-01-01"),
        documents=("d1",),
        evidence=(ev,),
        fulfilments=(Outcome("d2", done, done, ev, "withdraw"),) if done else (),
        superseded_by="k2" if moved else None,
        superseded_on=moved,
    )
    s = status_on(t, as_of)
    assert s.status in STATUSES
    assert s.days_left == (latest - as_of).days
    if done is not None and done <= as_of:
        assert s.status == "fulfilled" and s.on_time == (done <= latest)
    elif moved is not None and moved <= as_of:
        assert s.status == "superseded"
    else:
        assert s.status == ("pending" if latest >= as_of else "overdue")
