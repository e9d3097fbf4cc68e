"""Merging many reports: restatements, moved deadlines, fulfilment, disagreements (constructed records)."""

from __future__ import annotations

import datetime as dt

from docket.record import Record
from docket.story import Index, Status, due, index_records
from test_story_builders import Article

D = dt.date.fromisoformat


def statuses(index: Index, as_of: str) -> dict[str, Status]:
    """Status per deadline label (value, plus mod when given)."""
    out: dict[str, Status] = {}
    for s in due(index.commitments, D(as_of)):
        dl = s.item.deadline
        assert dl is not None
        out[f"{dl.value} {dl.mod}" if dl.mod else str(dl.value)] = s
    return out


# -- one article -----------------------------------------------------------------------


def reference_like() -> Record:
    a = Article(
        "Washington and Baghdad agreed that hundreds of US troops will leave by September next year "
        "and the rest by the end of 2026, officials said. The US has about 2,500 troops in Iraq.",
        "2024-09-07",
    )
    a.actor("USA", "country", "Washington", "US")
    a.actor("IRQ", "country", "Baghdad", "Iraq")
    s = a.source("officials")
    t1 = a.timex("September next year", "2025-09", earliest=D("2025-09-01"), latest=D("2025-09-30"))
    t2 = a.timex("the end of 2026", "2026", mod="END", earliest=D("2026-09-01"), latest=D("2026-12-31"))
    a.commit(
        "hundreds of US troops will leave by September next year",
        ["USA"],
        "withdraw",
        stage=1,
        deadline=t1,
        status="preliminary",
        sources=[s],
    )
    a.commit(
        "the rest by the end of 2026",
        ["USA"],
        "withdraw",
        stage=2,
        deadline=t2,
        status="preliminary",
        object="the rest",
        sources=[s],
    )
    a.quantity("about 2,500 troops", 2500, "troops", approx=True)
    return a.record()


def test_one_article_passed_deadline_is_overdue_and_next_one_pending_with_days_left() -> None:
    index = index_records([reference_like()])
    got = statuses(index, "2026-11-29")
    assert got["2025-09"].status == "overdue"
    assert got["2025-09"].days_left == -425
    assert got["2026 END"].status == "pending"
    assert got["2026 END"].days_left == 32
    d = got["2026 END"].as_dict()
    assert d["deadline"] == {
        "value": "2026",
        "mod": "END",
        "latest": "2026-12-31",
        "earliest": "2026-09-01",
        "text": "the end of 2026",
    }
    doc = reference_like().document
    assert d["documents"] == [doc.id]
    ev = d["evidence"][0]
    assert doc.text[ev["start"] : ev["end"]] == "the rest by the end of 2026"
    assert d["sources"][0]["text"] == "officials"


def test_before_the_first_report_a_commitment_is_not_known() -> None:
    index = index_records([reference_like()])
    assert due(index.commitments, D("2024-09-01")) == []
    assert {s.status for s in due(index.commitments, D("2024-09-07"))} == {"pending"}


def test_within_keeps_what_falls_due_soon_and_what_is_overdue() -> None:
    index = index_records([reference_like()])
    soon = due(index.commitments, D("2026-11-29"), within=30)
    assert [s.status for s in soon] == ["overdue"]
    soon = due(index.commitments, D("2026-11-29"), within=40)
    assert [s.status for s in soon] == ["overdue", "pending"]


# -- the Iraq story -----------------------------------------------------------------------


def iraq_story() -> list[Record]:
    one = reference_like()
    two = Article(
        "Iraq's defence minister said the first phase would end by September 2025 and the second phase "
        "would run until September 2026.",
        "2024-09-09",
    )
    two.actor("IRQ", "country", "Iraq")
    two.actor("USA", "country", "US")
    m = two.source("Iraq's defence minister", kind="named", name="Thabet al-Abbasi")
    t1 = two.timex("September 2025", "2025-09", earliest=D("2025-09-01"), latest=D("2025-09-30"))
    t2 = two.timex("September 2026", "2026-09", earliest=D("2026-09-01"), latest=D("2026-09-30"))
    two.commit(
        "the first phase would end by September 2025", ["USA"], "withdraw", stage=1, deadline=t1, sources=[m]
    )
    two.commit(
        "the second phase would run until September 2026",
        ["USA"],
        "withdraw",
        stage=2,
        deadline=t2,
        sources=[m],
    )
    three = Article(
        "A convoy of US vehicles left Ain al-Asad on Monday. Troops will be brought down from about 2,500 "
        "to fewer than 500 by September 2026. Shafaq News speaks of a cut from around 2,000 troops.",
        "2025-08-19",
    )
    three.actor("USA", "country", "US")
    tm = three.timex("Monday", "2025-08-18", earliest=D("2025-08-18"), latest=D("2025-08-18"))
    t3 = three.timex("September 2026", "2026-09", earliest=D("2026-09-01"), latest=D("2026-09-30"))
    three.event("left", "withdraw", agents=["USA"], time=tm)
    three.commit(
        "brought down from about 2,500 to fewer than 500 by September 2026", ["USA"], "withdraw", deadline=t3
    )
    three.quantity("about 2,500", 2500, "troops", approx=True)
    three.quantity("fewer than 500", 500, "troops", mod="less_than")
    three.quantity("around 2,000 troops", 2000, "troops", approx=True)
    four = Article(
        "The coalition has completed its mission in federal areas, a commander said on Wednesday. "
        "Its forces are now in the Kurdistan Region.",
        "2025-11-27",
    )
    four.actor("coalition", "group", "The coalition", led_by="USA")
    four.event("completed its mission", "conclude", type="CONSULT", agents=["coalition"])
    five = Article(
        "US forces have completed their withdrawal from Ain al-Asad, the defence ministry said on Saturday.",
        "2026-01-18",
    )
    five.actor("USA", "country", "US")
    tw = five.timex("Saturday", "2026-01-17", earliest=D("2026-01-17"), latest=D("2026-01-17"))
    five.event("completed their withdrawal", "withdraw", agents=["USA"], time=tw)
    return [one, two.record(), three.record(), four.record(), five.record()]


def test_iraq_first_stage_fulfilled_late_with_both_reports_as_evidence() -> None:
    records = iraq_story()
    index = index_records(records)
    got = statuses(index, "2026-11-29")
    first = got["2025-09"]
    assert first.status == "fulfilled"
    assert first.on_time is False
    assert not first.partial
    assert [f.document for f in first.fulfilled_by] == [records[3].document.id, records[4].document.id]
    # restated by the defence minister: one commitment, two reports
    assert first.item.documents == (records[0].document.id, records[1].document.id)


def test_iraq_a_convoy_leaving_is_a_step_not_the_fulfilment() -> None:
    index = index_records(iraq_story()[:3])
    assert statuses(index, "2025-10-01")["2025-09"].status == "overdue"


def test_iraq_september_2026_overdue_and_end_of_2026_pending() -> None:
    records = iraq_story()
    got = statuses(index_records(records), "2026-11-29")
    assert got["2026-09"].status == "overdue"
    assert got["2026-09"].fulfilled_by == ()
    assert got["2026 END"].status == "pending"
    assert got["2026 END"].days_left == 32
    # the August 2025 report restates the defence minister's date, not a new one
    assert records[2].document.id in got["2026-09"].item.documents


def test_iraq_disagreements_listed_side_by_side() -> None:
    records = iraq_story()
    index = index_records(records)
    kinds = {x.kind: x for x in index.contradictions}
    counts = kinds["quantity"]
    assert {c.value for c in counts.claims} == {"2,500", "2,000"}
    assert all(c.documents == (records[2].document.id,) for c in counts.claims)
    dl = kinds["deadline"]
    assert [c.value for c in dl.claims] == ["2026 END", "2026-09"]
    assert dl.claims[1].sources[0].name == "Thabet al-Abbasi"
    got = statuses(index, "2026-11-29")
    assert got["2026 END"].item.contradicts == (got["2026-09"].item.id,)


def test_iraq_articles_form_one_story() -> None:
    index = index_records(iraq_story())
    assert len(index.stories) == 1
    story = index.stories[0]
    assert len(story.documents) == 5
    assert story.first == D("2024-09-07")
    assert {c.story for c in index.commitments} == {story.id}


# -- an extension of the agreement gives the withdrawal a new date -----------------------------


def _truce_story() -> list[Record]:
    first = Article("Ruritania will withdraw its forces from the border area within 60 days.", "2024-11-27")
    first.actor("RUR", "country", "Ruritania")
    t1 = first.timex("within 60 days", "2025-01-26", earliest=D("2025-01-26"), latest=D("2025-01-26"))
    first.commit("Ruritania will withdraw its forces", ["RUR"], "withdraw", deadline=t1)
    later = Article(
        "The truce will continue to apply until February 18, giving Ruritania three more weeks to "
        "complete its withdrawal.",
        "2025-01-27",
    )
    later.actor("RUR", "country", "Ruritania")
    later.actor("FRE", "country", "Freedonia")
    t2 = later.timex("February 18", "2025-02-18", earliest=D("2025-02-18"), latest=D("2025-02-18"))
    later.commit(
        "The truce will continue to apply until February 18", ["RUR", "FRE"], "continue", deadline=t2
    )
    later.commit("to complete its withdrawal", ["RUR"], "withdraw", deadline=t2)
    return [first.record(), later.record()]


def test_the_extended_truce_date_moves_the_withdrawal_deadline() -> None:
    index = index_records(_truce_story())
    rows = due(index.commitments, D("2025-02-01"))
    [old] = [
        s
        for s in rows
        if s.item.action == "withdraw" and str(s.item.deadline and s.item.deadline.value) == "2025-01-26"
    ]
    [new] = [
        s
        for s in rows
        if s.item.action == "withdraw" and str(s.item.deadline and s.item.deadline.value) == "2025-02-18"
    ]
    assert old.status == "superseded" and old.item.superseded_by == new.item.id
    assert new.status == "pending" and new.days_left == 17
    [truce] = [s for s in rows if s.item.action == "continue"]
    assert truce.status == "pending"
