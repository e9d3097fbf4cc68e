"""One story per thread (issue 14, item 3): a promise told again months later, its dates moved and
its first thread closed meanwhile, stays in the story of its first report; another act of the same
side does not join it. Short articles written for these tests, read by the whole pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docket.index.query import story_index
from docket.record import Record
from docket.store import open_store
from docket.story import index_records

FIRST = "Kenya will hold its first democratic elections by February 28, the government said on Monday."
AGAIN = "Kenya will now hold the first democratic elections on March 5, the government said on Thursday."


def test_a_promise_told_again_ten_months_later_its_thread_long_closed_is_one_story(
    extract: Callable[..., Record],
) -> None:
    first, again = extract(FIRST, "2025-01-13"), extract(AGAIN, "2025-11-20")
    index = index_records([first, again])
    assert [sorted(s.documents) for s in index.stories] == [sorted([first.document.id, again.document.id])]
    assert len(index.commitments) == 2  # two dates, two commitments of one story
    assert len({c.story for c in index.commitments}) == 1


def test_another_act_of_the_same_side_months_later_is_another_story(extract: Callable[..., Record]) -> None:
    vote = extract(
        "Kenya will hold a referendum on the new constitution by May 1, the government said.", "2025-01-13"
    )
    poll = extract(
        "Kenya will hold parliamentary elections by March 1, the government said on Thursday.", "2025-09-18"
    )
    index = index_records([vote, poll])
    assert sorted(s.documents for s in index.stories) == sorted([[vote.document.id], [poll.document.id]])


def test_a_store_updated_for_the_later_report_gives_the_whole_merge(
    extract: Callable[..., Record], tmp_path: Path
) -> None:
    first, again = extract(FIRST, "2025-01-13"), extract(AGAIN, "2025-11-20")
    with open_store(tmp_path / "grown.db") as grown:
        grown.add(first, origin="first.txt")
        story_index(grown)
        grown.add(again, origin="again.txt")
        got = [(s.id, s.documents) for s in story_index(grown).stories()]
    with open_store(tmp_path / "whole.db") as whole:
        whole.add(first, origin="first.txt")
        whole.add(again, origin="again.txt")
        want = [(s.id, s.documents) for s in story_index(whole).stories()]
    assert got == want
    assert len(got) == 1 and len(got[0][1]) == 2


PEACE = (
    "Angola's government delayed the vote again on Friday. The elections were agreed in a peace deal that "
    "ended the civil war in 2002."
)
MISSION = (
    "The United Nations mission in Angola has monitored the peace since the war ended in 2002. "
    "Campaigning began on Thursday."
)


def test_a_background_fact_retold_a_year_later_is_one_timeline_entry_with_both_reports(
    extract: Callable[..., Record], tmp_path: Path
) -> None:
    """ "The war ended in 2002": one report names no one who ended it, the next puts the UN mission in
    the sentence; the same fact, one entry with both reports, and their reports one story."""
    peace, mission = extract(PEACE, "2005-07-01"), extract(MISSION, "2006-06-29")
    index = index_records([peace, mission])
    ended = [e for e in index.timeline if e.kind == "event" and e.when is not None and e.when.value == "2002"]
    assert len(ended) == 1
    assert set(ended[0].documents) == {peace.document.id, mission.document.id}
    assert len(index.stories) == 1
    # a store that held the first report when the second came gives the same
    with open_store(tmp_path / "grown.db") as grown:
        grown.add(peace, origin="peace.txt")
        story_index(grown)
        grown.add(mission, origin="mission.txt")
        assert [s.documents for s in story_index(grown).stories()] == [s.documents for s in index.stories]
