"""docket.timex3: the one calendar of TIMEX3 values the time stage, the commitment stage and the
stories share (bounds of a value, a duration added to a day)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from docket.timex3 import add_duration, of_grain, value_bounds, value_day, value_month

days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2199, 12, 31))


@given(days, st.sampled_from(["D", "M", "Q", "H", "Y"]))
def test_a_value_written_from_a_period_has_that_period_s_bounds(day: dt.date, grain: str) -> None:
    period = of_grain(day, grain)
    assert value_bounds(period.value()) == period.bounds()
    first, last = period.bounds()
    assert first <= day <= last


def test_values_the_calendar_does_not_have_have_no_bounds() -> None:
    assert value_bounds("2025-02-30") is None
    assert value_bounds("2025-13") is None
    assert value_bounds("0000") is None
    assert value_bounds("2025-W10") is None  # a week is no deadline's bounds here
    assert value_bounds("2025-09-15T10:00") == (dt.date(2025, 9, 15), dt.date(2025, 9, 15))


def test_a_value_s_day_and_month() -> None:
    assert value_day("2025-09-15T10:00") == dt.date(2025, 9, 15)
    assert value_day("2025-09") is None
    assert value_month("2020-02") == dt.date(2020, 2, 1)
    assert value_month("2020-02-03") is None


def test_durations_added_to_a_day() -> None:
    day = dt.date(2024, 1, 31)
    assert add_duration(day, "P1M") == dt.date(2024, 2, 29)
    assert add_duration(day, "P2W") == dt.date(2024, 2, 14)
    assert add_duration(day, "P1Y") == dt.date(2025, 1, 31)
    # hours count only when the caller says how many make a day; minutes never
    assert add_duration(day, "PT72H") is None
    assert add_duration(day, "PT72H", hours_per_day=24) == dt.date(2024, 2, 3)
    assert add_duration(day, "PT5M", hours_per_day=24) is None
    assert add_duration(day, "P20000D", most=10_000) is None
    assert add_duration(dt.date(9999, 12, 1), "P1Y") is None  # off the calendar
