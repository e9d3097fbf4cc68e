"""Deadline chains of three more stories (constructed records): moved, met early, met in part."""

from __future__ import annotations

import datetime as dt

from docket.record import Record
from docket.story import due, index_records
from test_story_builders import Article

D = dt.date.fromisoformat


def by_deadline(records: list[Record], as_of: str) -> dict[str, tuple[str, int | None, bool | None, bool]]:
    out = {}
    for s in due(index_records(records).commitments, D(as_of)):
        assert s.item.deadline is not None and s.item.deadline.latest is not None
        out[s.item.deadline.latest.isoformat()] = (s.status, s.days_left, s.on_time, s.partial)
    return out


# -- Afghanistan: 14 months -> Sept 11 -> Aug 31 -> done Aug 30 ----------------------------------


def afghanistan() -> list[Record]:
    doha = Article(
        "The United States agreed to withdraw all its forces within 14 months, officials said.", "2020-02-29"
    )
    doha.actor("USA", "country", "The United States")
    t = doha.timex("within 14 months", "P14M")
    doha.commit("withdraw all its forces within 14 months", ["USA"], "withdraw", deadline=t)
    biden = Article(
        "Biden said all US troops would leave Afghanistan by Sept. 11, after the May 1 deadline.",
        "2021-04-14",
    )
    biden.actor("USA", "country", "US")
    t = biden.timex("Sept. 11", "2021-09-11", earliest=D("2021-09-11"), latest=D("2021-09-11"))
    biden.commit("all US troops would leave Afghanistan by Sept. 11", ["USA"], "withdraw", deadline=t)
    july = Article(
        "Biden said the US military mission in Afghanistan will conclude on August 31st.", "2021-07-08"
    )
    july.actor("USA", "country", "US")
    t = july.timex("August 31st", "2021-08-31", earliest=D("2021-08-31"), latest=D("2021-08-31"))
    july.commit(
        "the US military mission in Afghanistan will conclude on August 31st", ["USA"], "withdraw", deadline=t
    )
    done = Article(
        "The last US military plane left Kabul on Monday, completing the withdrawal.", "2021-08-31"
    )
    done.actor("USA", "country", "US")
    t = done.timex("Monday", "2021-08-30", earliest=D("2021-08-30"), latest=D("2021-08-30"))
    done.event("left", "withdraw", agents=["USA"], time=t)
    return [doha.record(), biden.record(), july.record(), done.record()]


def test_afghanistan_duration_deadline_counts_from_the_report() -> None:
    got = by_deadline(afghanistan()[:1], "2021-01-01")
    assert got == {"2021-04-29": ("pending", 118, None, False)}


def test_afghanistan_each_move_supersedes_the_deadline_before() -> None:
    got = by_deadline(afghanistan(), "2021-09-30")
    assert got["2021-04-29"][0] == "superseded"
    assert got["2021-09-11"][0] == "superseded"
    assert got["2021-08-31"][:1] == ("fulfilled",)
    assert got["2021-08-31"][2] is True  # done on Aug 30: on time


def test_afghanistan_status_depends_on_the_day_asked() -> None:
    records = afghanistan()
    assert by_deadline(records, "2021-03-01") == {"2021-04-29": ("pending", 59, None, False)}
    got = by_deadline(records, "2021-05-10")
    assert got["2021-04-29"][0] == "superseded"
    assert got["2021-09-11"] == ("pending", 124, None, False)
    assert "2021-08-31" not in got


def test_afghanistan_supersession_links_both_ways() -> None:
    index = index_records(afghanistan())
    by_latest = {c.deadline.latest: c for c in index.commitments if c.deadline and c.deadline.latest}
    first, second, third = (by_latest[D(x)] for x in ("2021-04-29", "2021-09-11", "2021-08-31"))
    assert first.superseded_by == second.id and second.supersedes == (first.id,)
    assert second.superseded_by == third.id
    assert len(index.stories) == 1


# -- Niger: Sept 15, 2024, met early ------------------------------------------------------------


def niger() -> list[Record]:
    deal = Article(
        "The US agreed that its withdrawal from Niger will end no later than Sept. 15, 2024.", "2024-05-19"
    )
    deal.actor("USA", "country", "US")
    deal.actor("NER", "country", "Niger")
    t = deal.timex("Sept. 15, 2024", "2024-09-15", earliest=D("2024-09-15"), latest=D("2024-09-15"))
    deal.commit(
        "its withdrawal from Niger will end no later than Sept. 15, 2024",
        ["USA"],
        "withdraw",
        deadline=t,
        parties=["USA", "NER"],
    )
    base = Article(
        "The withdrawal of US forces from Air Base 101 in Niger is complete, ahead of schedule.", "2024-07-08"
    )
    base.actor("USA", "country", "US")
    base.actor("NER", "country", "Niger")
    base.event("withdrawal", "withdraw", agents=["USA"], location=["NER"])
    last = Article("The US has completed its withdrawal from Air Base 201 in Agadez, Niger.", "2024-08-05")
    last.actor("USA", "country", "US")
    last.actor("NER", "country", "Niger")
    last.event("completed its withdrawal", "withdraw", agents=["USA"], location=["NER"])
    return [deal.record(), base.record(), last.record()]


def test_niger_deadline_met_early() -> None:
    records = niger()
    [s] = due(index_records(records).commitments, D("2024-10-01"))
    assert s.status == "fulfilled" and s.on_time is True and not s.partial
    assert [f.document for f in s.fulfilled_by] == [records[1].document.id, records[2].document.id]
    assert s.fulfilled_by[0].on == D("2024-07-08")


def test_niger_before_the_first_report_of_completion_it_is_pending() -> None:
    [s] = due(index_records(niger()).commitments, D("2024-06-01"))
    assert (s.status, s.days_left) == ("pending", 106)


# -- Lebanon: 60 days -> Feb 18, 2025, five positions kept --------------------------------------


def lebanon() -> list[Record]:
    deal = Article(
        "Israel will withdraw its forces from southern Lebanon over the next 60 days.", "2024-11-26"
    )
    deal.actor("ISR", "country", "Israel")
    deal.actor("LBN", "country", "Lebanon")
    t = deal.timex("the next 60 days", "P60D", earliest=D("2024-11-27"), latest=D("2025-01-26"))
    deal.commit(
        "Israel will withdraw its forces from southern Lebanon over the next 60 days",
        ["ISR"],
        "withdraw",
        deadline=t,
    )
    tass = Article(
        "Israel is to complete its withdrawal from Lebanon by January 27, TASS said.", "2025-01-25"
    )
    tass.actor("ISR", "country", "Israel")
    tass.actor("LBN", "country", "Lebanon")
    s = tass.source("TASS", kind="organization", name="TASS")
    t = tass.timex("January 27", "2025-01-27", earliest=D("2025-01-27"), latest=D("2025-01-27"))
    tass.commit(
        "Israel is to complete its withdrawal from Lebanon by January 27",
        ["ISR"],
        "withdraw",
        deadline=t,
        sources=[s],
    )
    moved = Article(
        "The arrangement between Israel and Lebanon will continue until February 18, 2025.", "2025-01-27"
    )
    moved.actor("ISR", "country", "Israel")
    moved.actor("LBN", "country", "Lebanon")
    t = moved.timex("February 18, 2025", "2025-02-18", earliest=D("2025-02-18"), latest=D("2025-02-18"))
    moved.commit("will continue until February 18, 2025", ["ISR"], "withdraw", deadline=t)
    out = Article(
        "Israel pulled out of the border villages in Lebanon but keeps five positions.", "2025-02-18"
    )
    out.actor("ISR", "country", "Israel")
    out.actor("LBN", "country", "Lebanon")
    out.event("pulled out", "withdraw", agents=["ISR"])
    out.quantity("five positions", 5, "positions")
    return [deal.record(), tass.record(), moved.record(), out.record()]


def test_lebanon_one_day_apart_is_a_disagreement_not_a_move() -> None:
    index = index_records(lebanon()[:2])
    [x] = index.contradictions
    assert x.kind == "deadline"
    assert [c.value for c in x.claims] == ["P60D", "2025-01-27"]
    assert x.claims[1].sources[0].name == "TASS"


def test_lebanon_extension_supersedes_and_partial_withdrawal_is_recorded() -> None:
    got = by_deadline(lebanon(), "2025-03-01")
    assert got["2025-01-26"][0] == "superseded"
    assert got["2025-01-27"][0] == "superseded"
    status, _left, on_time, partial = got["2025-02-18"]
    assert (status, on_time, partial) == ("fulfilled", True, True)


def test_lebanon_between_the_deadlines_the_first_is_overdue() -> None:
    got = by_deadline(lebanon()[:2], "2025-01-26")
    assert got["2025-01-26"] == ("pending", 0, None, False)
    got = by_deadline(lebanon()[:2], "2025-01-27")
    assert got["2025-01-26"] == ("overdue", -1, None, False)
