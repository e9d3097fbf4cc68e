"""The article view's cutting of text into highlighted segments, and the span parameter: properties."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from fastapi import HTTPException
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.web.article import KINDS, Mark, segments
from docket.web.guards import parse_day, parse_span


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(min_size=1, max_size=80))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        kind = draw(st.sampled_from(KINDS))
        marks.append(Mark(kind, f"{kind[0]}{i}", a, b, text[a:b], "v"))
    return text, marks


@given(text_and_marks())
@settings(max_examples=200, deadline=None)
def test_segments_rebuild_the_text_and_cover_each_item_exactly(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    pos = 0
    covered: dict[str, list[tuple[int, int]]] = {m.id: [] for m in marks}
    for s in segs:
        for m in s.marks:
            covered[m.id].append((pos, pos + len(s.text)))
        pos += len(s.text)
    for m in marks:
        got = covered[m.id]
        assert got, m
        assert got[0][0] == m.start and got[-1][1] == m.end
        assert all(x[1] == y[0] for x, y in itertools.pairwise(got))  # no gap inside an item


@given(text_and_marks(), st.data())
@settings(max_examples=200, deadline=None)
def test_target_marks_exactly_the_chosen_item(case: tuple[str, list[Mark]], data: st.DataObject) -> None:
    text, marks = case
    if not marks:
        return
    chosen = data.draw(st.sampled_from(marks))
    pos = 0
    for s in segments(text, marks, chosen.id):
        inside = chosen.start <= pos and pos + len(s.text) <= chosen.end
        assert s.target == inside
        pos += len(s.text)


@given(st.text(min_size=1, max_size=60), st.data())
@settings(max_examples=100, deadline=None)
def test_span_targets_exactly_its_characters(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    segs = segments(text, [], span=(a, b))
    assert "".join(s.text for s in segs if s.target) == text[a:b]


def test_narrowest_item_is_the_link_target() -> None:
    text = "US troops leave by 2026."
    wide = Mark("commitment", "c1", 0, len(text), text, "USA withdraw")
    narrow = Mark("time", "t1", 19, 23, "2026", "2026")
    seg = next(s for s in segments(text, [wide, narrow]) if s.text == "2026")
    assert seg.primary is narrow and seg.kinds == ["time", "commitment"]
    assert seg.title == "time: 2026; commitment: USA withdraw"


@given(st.text(max_size=20), st.integers(0, 100))
def test_parse_span_accepts_only_start_end_inside(value: str, size: int) -> None:
    try:
        got = parse_span(value, size)
    except HTTPException as exc:
        assert exc.status_code == 400
        return
    assert got is not None and 0 <= got[0] < got[1] <= size
    assert value == f"{got[0]}-{got[1]}"


@pytest.mark.parametrize("value", ["5-3", "0-0", "-1-4", "1-999", "a-b", "1 - 2"])
def test_parse_span_refuses(value: str) -> None:
    with pytest.raises(HTTPException):
        parse_span(value, 50)


@given(st.one_of(st.text(max_size=12), st.dates().map(lambda d: d.isoformat())))
def test_parse_day_takes_only_iso_days(value: str) -> None:
    default = dt.date(2000, 1, 1)
    try:
        got = parse_day(value, default)
    except HTTPException as exc:
        assert exc.status_code == 400
        return
    assert got == default if value == "" else got.isoformat() == value
