"""Stories of real reporting (constructed records): moved dates of several promises of one side,
a delay reported a week after the last date, deeds that complete every stage, arrangements that
end without renewal, and each status said in words."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from docket.cli import app
from docket.record import Record
from docket.store.sqlite import Store
from docket.story import index_records, status_on
from docket.story.tracked import Tracked
from test_story_builders import Article

D = dt.date.fromisoformat


def _election(text: str, published: str, *dated: tuple[str, str, str, str]) -> Record:
    """An article of the council setting dates: (phrase, object, date phrase, value)."""
    a = Article(text, published)
    a.actor("RUR", "country", "Ruritania")
    for phrase, obj, when, value in dated:
        t = a.timex(when, value, earliest=D(value), latest=D(value))
        a.commit(phrase, ["RUR"], "hold", object=obj, deadline=t)
    if "pushed back" in text:
        a.event("pushed back", "delay", type="REJECT", status="occurred")
    return a.record()


def _by_object(items: list[Tracked], day: dt.date) -> dict[tuple[str, str], str]:
    return {
        (t.object or "", t.deadline.value if t.deadline and t.deadline.value else ""): status_on(
            t, day
        ).status
        for t in items
    }


def test_promises_of_other_kinds_are_neither_restated_nor_moved_by_each_other() -> None:
    first = _election(
        "Ruritania will hold the municipal elections on December 11. "
        "The presidential runoff is set for December 11.",
        "2025-08-09",
        (
            "Ruritania will hold the municipal elections on December 11",
            "the municipal elections",
            "December 11",
            "2025-12-11",
        ),
        (
            "The presidential runoff is set for December 11",
            "the presidential runoff",
            "December 11",
            "2025-12-11",
        ),
    )
    later = _election(
        "The council pushed back the presidential runoff to January 3.",
        "2025-09-07",
        (
            "The council pushed back the presidential runoff to January 3",
            "the presidential runoff",
            "January 3",
            "2026-01-03",
        ),
    )
    index = index_records([first, later])
    got = _by_object(index.commitments, D("2025-09-08"))
    assert got == {
        ("the municipal elections", "2025-12-11"): "pending",
        ("the presidential runoff", "2025-12-11"): "superseded",
        ("the presidential runoff", "2026-01-03"): "pending",
    }


def _first_round_moved() -> tuple[Record, Record]:
    """December 27 for the first round (November 18), pushed back to January 8 (November 25)."""
    first = _election(
        "Ruritania will hold the first round on December 27, the prime minister said.",
        "2025-11-18",
        (
            "Ruritania will hold the first round on December 27",
            "the first round",
            "December 27",
            "2025-12-27",
        ),
    )
    later = _election(
        "The council pushed back the first round to January 8.",
        "2025-11-25",
        (
            "The council pushed back the first round to January 8",
            "the first round",
            "January 8",
            "2026-01-08",
        ),
    )
    return first, later


def _sides(text: str, published: str) -> Article:
    """An article naming the two sides, Ruritania and Freedonia."""
    a = Article(text, published)
    a.actor("RUR", "country", "Ruritania", "Ruritanian")
    a.actor("FRE", "country", "Freedonia")
    return a


def _day(a: Article, phrase: str, value: str, nth: int = 0) -> str:
    return a.timex(phrase, value, nth=nth, earliest=D(value), latest=D(value))


def test_a_report_of_a_delay_moves_the_date_a_week_after_the_last_one() -> None:
    first, later = _first_round_moved()
    index = index_records([first, later])
    got = _by_object(index.commitments, D("2025-11-26"))
    assert got == {
        ("the first round", "2025-12-27"): "superseded",
        ("the first round", "2026-01-08"): "pending",
    }
    old = next(t for t in index.commitments if t.deadline and t.deadline.value == "2025-12-27")
    words = status_on(old, D("2025-11-26")).why()
    assert words.startswith("superseded by ") and "due 2026-01-08" in words and "2025-11-25" in words
    # the chain of moves, first to last, with each report's day
    assert [(x[1], x[3]) for x in old.chain] == [("2025-12-27", "2025-11-18"), ("2026-01-08", "2025-11-25")]


def _withdrawal() -> Record:
    a = _sides(
        "Ruritania will withdraw its troops from Freedonia. "
        "The first phase will withdraw a third of the troops by the end of March.",
        "2025-03-13",
    )
    a.commit("Ruritania will withdraw its troops from Freedonia", ["RUR"], "withdraw", object="its troops")
    t = a.timex("the end of March", "2025-03", mod="END", earliest=D("2025-03-21"), latest=D("2025-03-31"))
    a.commit("The first phase will withdraw a third of the troops", ["RUR"], "withdraw", deadline=t, stage=1)
    return a.record()


def test_a_report_that_the_last_troops_left_fulfils_every_stage_due_and_the_undated_promise() -> None:
    done = _sides(
        "The last Ruritanian troops left Freedonia on Tuesday, ending the occupation.", "2025-04-27"
    )
    done.event("left", "withdraw", agents=["RUR"], time=_day(done, "Tuesday", "2025-04-26"))
    index = index_records([_withdrawal(), done.record()])
    statuses = {t.stage: status_on(t, D("2025-04-28")) for t in index.commitments}
    assert {k: s.status for k, s in statuses.items()} == {None: "fulfilled", 1: "fulfilled"}
    assert statuses[1].on_time is False
    why = statuses[None].why()
    assert (
        why.startswith("fulfilled: report ")
        and "(2025-04-27)" in why
        and "The last Ruritanian troops left" in why
    )


def test_a_call_for_a_withdrawal_is_no_deed() -> None:
    asked = Article("The resolution calls for the complete withdrawal of Ruritania's troops.", "2025-03-20")
    asked.actor("RUR", "country", "Ruritania")
    asked.event("withdrawal", "withdraw", agents=["RUR"])
    index = index_records([_withdrawal(), asked.record()])
    assert {status_on(t, D("2025-03-21")).status for t in index.commitments} == {"unknown", "pending"}


def test_a_signing_reported_done_fulfils_without_a_completion_word() -> None:
    a = _sides("Ruritania and Freedonia will sign the treaty on April 25.", "2025-04-13")
    t = _day(a, "April 25", "2025-04-25")
    a.commit("Ruritania and Freedonia will sign the treaty on April 25", ["RUR", "FRE"], "sign", deadline=t)
    b = _sides("The treaty of Ruritania and Freedonia was signed today in the capital.", "2025-04-25")
    b.event("signed", "sign", type="AGREE", agents=["RUR", "FRE"])
    [t] = index_records([a.record(), b.record()]).commitments
    assert status_on(t, D("2025-04-26")).status == "fulfilled"


def _corridor() -> Record:
    a = _sides(
        "Ruritania and Freedonia agreed that the grain corridor will remain in effect until May 18. "
        "Freedonia will open its ports to the convoys until May 18.",
        "2025-03-01",
    )
    t = _day(a, "May 18", "2025-05-18")
    a.commit(
        "the grain corridor will remain in effect until May 18",
        ["RUR", "FRE"],
        "continue",
        object="the grain corridor",
        deadline=t,
    )
    u = _day(a, "May 18", "2025-05-18", nth=1)
    a.commit(
        "Freedonia will open its ports to the convoys until May 18",
        ["FRE"],
        "open",
        object="its ports",
        deadline=u,
    )
    return a.record()


def test_an_arrangement_that_expired_unrenewed_has_ended_for_every_side() -> None:
    lapse = _sides(
        "The grain deal expired on Sunday after Ruritania declined to renew it, officials said.", "2025-05-20"
    )
    _day(lapse, "Sunday", "2025-05-18")
    index = index_records([_corridor(), lapse.record()])
    assert {status_on(t, D("2025-05-10")).status for t in index.commitments} == {"pending"}
    after = [status_on(t, D("2025-05-21")) for t in index.commitments]
    assert {s.status for s in after} == {"ended"}
    for s in after:
        assert s.why().startswith("ended: ran to its end on 2025-05-18; not renewed (report ")
        assert "declined to renew" in s.why()
    # before the report, nothing says it ended: the corridor was to last until then
    assert {status_on(t, D("2025-05-19")).status for t in index.commitments} == {"unknown", "overdue"}


def test_a_renewal_one_side_refuses_is_no_breach_by_the_others() -> None:
    no = _sides("Ruritania will not extend the grain deal, its minister said.", "2025-05-10")
    no.commit(
        "Ruritania will not extend the grain deal",
        ["RUR"],
        "extend",
        object="the grain deal",
        polarity="negative",
    )
    index = index_records([_corridor(), no.record()])
    before = {t.object: status_on(t, D("2025-05-15")).status for t in index.commitments}
    assert before == {"the grain corridor": "pending", "its ports": "pending"}
    after = {t.object: status_on(t, D("2025-05-19")).status for t in index.commitments}
    assert after == {"the grain corridor": "ended", "its ports": "ended"}


def test_a_background_fact_retold_months_later_is_one_timeline_entry() -> None:
    records = []
    for n, day in enumerate(("2025-01-10", "2025-06-02", "2025-11-20")):
        a = Article(f"Report {n}: the coalition was formed in 2014 to fight the insurgents.", day)
        a.actor("coalition", "organization", "coalition")
        t = a.timex("2014", "2014", earliest=D("2014-01-01"), latest=D("2014-12-31"))
        a.event("formed", "form", type="COOPERATE", agents=["coalition"], time=t)
        records.append(a.record())
    entries = [e for e in index_records(records).timeline if e.kind == "event"]
    assert len(entries) == 1 and len(entries[0].documents) == 3


def test_due_json_says_why_and_shows_the_chain(tmp_path: object) -> None:
    first, later = _first_round_moved()
    db = f"{tmp_path}/s.db"
    with Store(db) as store:
        for r in (first, later):
            store.add(r)
    result = CliRunner().invoke(app, ["due", "--db", db, "--as-of", "2025-11-26", "--json"])
    assert result.exit_code == 0, result.output
    rows = {c["deadline"]["value"]: c for c in json.loads(result.stdout)["commitments"]}
    assert rows["2025-12-27"]["status"] == "superseded"
    assert rows["2025-12-27"]["why"].startswith("superseded by ")
    assert (
        rows["2026-01-08"]["why"] == "pending: due 2026-01-08; no report yet says it was met, moved or broken"
    )
    chain = [link["deadline"] for link in rows["2026-01-08"]["chain"]]
    assert chain == ["2025-12-27", "2026-01-08"]
    # on the day of the first report, the later one is not known: no chain, no move
    early = CliRunner().invoke(app, ["due", "--db", db, "--as-of", "2025-11-20", "--json"])
    [only] = json.loads(early.stdout)["commitments"]
    assert (only["status"], only["chain"]) == ("pending", [])


def test_the_last_convoy_crossing_the_border_fulfils_the_withdrawal() -> None:
    promise = _sides("Ruritania will withdraw its troops from Freedonia by May 31.", "2025-03-01")
    by = _day(promise, "May 31", "2025-05-31")
    promise.commit(
        "Ruritania will withdraw its troops from Freedonia by May 31", ["RUR"], "withdraw", deadline=by
    )
    done = _sides(
        "The last Ruritanian convoy crossed the border on Sunday, officials in Freedonia said.", "2025-05-26"
    )
    _day(done, "Sunday", "2025-05-25")
    [t] = index_records([promise.record(), done.record()]).commitments
    s = status_on(t, D("2025-05-27"))
    assert (s.status, s.on_time) == ("fulfilled", True)
    assert s.fulfilled_by[0].on == D("2025-05-25")
    assert "crossed the border" in s.why()
    # a convoy that is not the last is a step, not the deed
    step = _sides(
        "A Ruritanian convoy crossed the border on Sunday, officials in Freedonia said.", "2025-05-26"
    )
    [t] = index_records([promise.record(), step.record()]).commitments
    assert status_on(t, D("2025-05-27")).status == "pending"


def _reactor(text: str, published: str, day: str, *others: tuple[str, str]) -> Record:
    """Ruritania's promise to shut down its reactor, told beside other sides (``others``: id, name)."""
    a = Article(text, published)
    a.actor("RUR", "country", "Ruritania")
    for aid, name in others:
        a.actor(aid, "country", name)
    t = _day(a, day.split("|")[0], day.split("|")[1])
    a.commit("shut down its nuclear reactor", ["RUR"], "shut down", object="its nuclear reactor", deadline=t)
    return a.record()


def test_a_promise_told_again_beside_other_sides_is_moved_not_doubled() -> None:
    # told to China and Japan, then to Korea and Russia: the sides named beside it differ, the
    # promise in its own words does not, so the later date moves the earlier one
    first = _reactor(
        "Ruritania agreed with China and Japan to shut down its nuclear reactor by April 14. China "
        "and Japan will supply fuel.",
        "2025-02-13",
        "April 14|2025-04-14",
        ("CHN", "China"),
        ("JPN", "Japan"),
    )
    later = _reactor(
        "Under a new timetable agreed with Korea and Russia, Ruritania will shut down its nuclear reactor "
        "by July 31. Korea and Russia urged patience.",
        "2025-04-20",
        "July 31|2025-07-31",
        ("KOR", "Korea"),
        ("RUS", "Russia"),
    )
    got = _by_object(index_records([first, later]).commitments, D("2025-04-21"))
    assert got == {
        ("its nuclear reactor", "2025-04-14"): "superseded",
        ("its nuclear reactor", "2025-07-31"): "pending",
    }


def test_a_third_of_the_troops_by_a_day_does_not_date_the_whole_withdrawal() -> None:
    a = _sides("Ruritania will withdraw its troops from Freedonia, the president said.", "2025-03-05")
    a.commit(
        "will withdraw its troops from Freedonia", ["RUR"], "withdraw", object="its troops from Freedonia"
    )
    b = _sides(
        "Ruritania will withdraw a third of the troops from Freedonia by March 31, officials said.",
        "2025-03-12",
    )
    t = _day(b, "March 31", "2025-03-31")
    b.commit(
        "will withdraw a third of the troops", ["RUR"], "withdraw", object="a third of the troops", deadline=t
    )
    got = _by_object(index_records([a.record(), b.record()]).commitments, D("2025-04-10"))
    assert got == {
        ("its troops from Freedonia", ""): "unknown",
        ("a third of the troops", "2025-03-31"): "overdue",
    }


def test_a_promise_its_article_tells_twice_in_the_same_words_is_one() -> None:
    # the third sentence tells the pull-back again without its place: the same promise, not the
    # date of the undated withdrawal
    a = _sides(
        "Ruritania will withdraw its troops from Freedonia. Ruritania will pull back to the border by "
        "Tuesday. The troops will pull back by Tuesday, officials said.",
        "2025-03-07",
    )
    a.commit(
        "will withdraw its troops from Freedonia", ["RUR"], "withdraw", object="its troops from Freedonia"
    )
    for nth, words in enumerate(("will pull back to the border by Tuesday", "will pull back by Tuesday")):
        t = _day(a, "Tuesday", "2025-03-11", nth=nth)
        a.commit(words, ["RUR"], "pull back", object="its troops", deadline=t)
    got = _by_object(index_records([a.record()]).commitments, D("2025-03-08"))
    assert got == {("its troops from Freedonia", ""): "unknown", ("its troops", "2025-03-11"): "pending"}
