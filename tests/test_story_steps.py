"""A pull-back to a place beside a full withdrawal, and an act set for a day that takes a span
(constructed records): two promises with their own dates, read alike from memory and a store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docket.index.query import story_index
from docket.record import Record
from docket.store import open_store
from docket.story import Tracked, due, index_records
from test_due_cli import make_store
from test_story_builders import Article

D = dt.date.fromisoformat


def promise() -> Record:
    a = Article("Ruritania will withdraw its troops from Freedonia, its president said.", "2005-03-06")
    a.actor("RUR", "country", "Ruritania")
    a.actor("FRE", "country", "Freedonia")
    a.commit("Ruritania will withdraw its troops from Freedonia", ["RUR"], "withdraw", object="its troops")
    return a.record()


def pull_back(span: str = "The movement would take six to ten days, he said.") -> Record:
    a = Article(
        f"Ruritania's troops would pull back to the eastern valley on Tuesday, the minister said. {span}",
        "2005-03-08",
    )
    a.actor("RUR", "country", "Ruritania")
    tuesday = a.timex("Tuesday", "2005-03-08", earliest=D("2005-03-08"), latest=D("2005-03-08"))
    if "ten days" in span:
        a.timex("ten days", "P10D", type="DURATION")
    a.commit(
        "Ruritania's troops would pull back to the eastern valley on Tuesday",
        ["RUR"],
        "withdraw",
        object="troops",
        deadline=tuesday,
    )
    return a.record()


def by_due(items: list[Tracked], day: str) -> dict[str | None, str]:
    """Each commitment's last day (None: undated) and its status on ``day``."""
    out: dict[str | None, str] = {}
    for s in due(items, D(day)):
        last = s.item.deadline.latest if s.item.deadline else None
        out[last.isoformat() if last else None] = s.status
    return out


def test_a_pull_back_to_a_place_is_not_the_undated_withdrawal_and_is_due_when_its_span_ends() -> None:
    items = index_records([promise(), pull_back()]).commitments
    assert by_due(items, "2005-03-09") == {None: "unknown", "2005-03-18": "pending"}
    assert by_due(items, "2005-03-20") == {None: "unknown", "2005-03-18": "overdue"}


def test_the_span_is_counted_from_the_day_and_says_so() -> None:
    [t] = [t for t in index_records([pull_back()]).commitments if t.deadline]
    assert t.deadline is not None
    assert (t.deadline.anchor, t.deadline.anchor_day, t.deadline.duration) == (
        "Tuesday",
        D("2005-03-08"),
        "P10D",
    )


def test_a_span_no_word_says_the_act_takes_leaves_the_day() -> None:
    other = pull_back("They had spent ten days in the north, he said.")
    [t] = index_records([other]).commitments
    assert t.deadline is not None and t.deadline.latest == D("2005-03-08")


@pytest.fixture
def stored(tmp_path: Path) -> str:
    return make_store(tmp_path / "s.db", [promise(), pull_back()])


def test_a_store_gives_the_pull_back_the_same_date_and_keeps_it_apart(stored: str) -> None:
    with open_store(stored) as store:
        items = story_index(store).commitments()
    assert by_due(items, "2005-03-09") == {None: "unknown", "2005-03-18": "pending"}
