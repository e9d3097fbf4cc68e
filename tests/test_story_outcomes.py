"""Broken promises, one event told by several reports, actors across articles (constructed records)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docket.index.query import story_index
from docket.record import Record
from docket.store.sqlite import Store
from docket.story import Tracked, due, index_records, status_on
from test_story_builders import Article

D = dt.date.fromisoformat


def pledge(published: str = "2024-01-10") -> Record:
    a = Article("Ruritania will release all prisoners by March 2024, the ministry said.", published)
    a.actor("RUR", "country", "Ruritania")
    t = a.timex("March 2024", "2024-03", earliest=D("2024-03-01"), latest=D("2024-03-31"))
    a.commit("Ruritania will release all prisoners by March 2024", ["RUR"], "release", deadline=t)
    return a.record()


def test_a_later_delay_breaks_the_promise_from_its_report_on() -> None:
    no = Article("Ruritania delayed the release of the prisoners, officials said.", "2024-02-20")
    no.actor("RUR", "country", "Ruritania")
    no.event("delayed", "delay", type="REJECT", agents=["RUR"])
    index = index_records([pledge(), no.record()])
    [t] = index.commitments
    assert status_on(t, D("2024-02-01")).status == "pending"
    after = status_on(t, D("2024-02-20"))
    assert after.status == "broken"
    assert after.broken_by[0].document == no.record().document.id


def test_a_negative_commitment_breaks_the_open_promise() -> None:
    no = Article("Ruritania will not release the prisoners, the minister said.", "2024-02-25")
    no.actor("RUR", "country", "Ruritania")
    no.commit("Ruritania will not release the prisoners", ["RUR"], "release", polarity="negative")
    [s] = due(index_records([pledge(), no.record()]).commitments, D("2024-04-01"))
    assert s.status == "broken"


def _plant_not(text: str, promise: str, year: str | None = None) -> Record:
    """A later article (February 20) that Acme will not close the plant (until ``year``)."""
    a = Article(text, "2024-02-20")
    a.actor("ACME", "organization", "Acme")
    kw: dict[str, object] = {"object": "the plant", "polarity": "negative"}
    if year is not None:
        kw["deadline"] = a.timex(year, year, earliest=D(f"{year}-01-01"), latest=D(f"{year}-12-31"))
    a.commit(promise, ["ACME"], "close", **kw)
    return a.record()


def _plant_by_march() -> Record:
    a = Article("Acme will close the plant by March 2024, the company said.", "2024-01-10")
    a.actor("ACME", "organization", "Acme")
    t = a.timex("March 2024", "2024-03", earliest=D("2024-03-01"), latest=D("2024-03-31"))
    a.commit("Acme will close the plant by March 2024", ["ACME"], "close", object="the plant", deadline=t)
    return a.record()


def _by_date(items: list[Tracked], day: str) -> dict[str | None, str]:
    return {s.item.deadline.value if s.item.deadline else None: s.status for s in due(items, D(day))}


def test_a_promise_not_to_act_until_a_day_moves_the_date_instead_of_breaking_it() -> None:
    later = _plant_not(
        "Acme will not close the plant until 2025, its chief said.",
        "Acme will not close the plant until 2025",
        "2025",
    )
    index = index_records([_plant_by_march(), later])
    assert _by_date(index.commitments, "2024-02-01") == {"2024-03": "pending"}
    after = _by_date(index.commitments, "2024-04-01")
    assert after == {"2024-03": "superseded", "2025": "pending"}
    assert {s.status for s in due(index.commitments, D("2026-01-02"))} == {"superseded", "overdue"}


def test_a_promise_never_to_act_breaks_the_open_promise_even_with_a_day() -> None:
    never = _plant_not(
        "Acme will never close the plant, not before 2025 and not after it, its chief said.",
        "Acme will never close the plant, not before 2025 and not after it",
        "2025",
    )
    plain = _plant_not("Acme will not close the plant, its chief said.", "Acme will not close the plant")
    for no in (never, plain):
        [s] = due(index_records([_plant_by_march(), no]).commitments, D("2024-04-01"))
        assert s.status == "broken"


def test_a_commitment_without_deadline_is_unknown() -> None:
    a = Article("Ruritania will release all prisoners, the ministry said.", "2024-01-10")
    a.actor("RUR", "country", "Ruritania")
    a.commit("Ruritania will release all prisoners", ["RUR"], "release")
    [s] = due(index_records([a.record()]).commitments, D("2024-04-01"))
    assert (s.status, s.days_left) == ("unknown", None)


def test_a_deed_by_someone_else_fulfils_nothing() -> None:
    other = Article("Freedonia completed the release of all prisoners.", "2024-03-05")
    other.actor("FRE", "country", "Freedonia")
    other.event("completed the release", "release", type="CONCEDE", agents=["FRE"])
    [s] = due(index_records([pledge(), other.record()]).commitments, D("2024-04-01"))
    assert s.status == "overdue"


def test_restating_the_same_deadline_merges_and_keeps_every_source() -> None:
    again = Article("Ruritania is to release all prisoners by March 2024, a diplomat said.", "2024-01-12")
    again.actor("RUR", "country", "Ruritania")
    s = again.source("a diplomat")
    t = again.timex("March 2024", "2024-03", earliest=D("2024-03-01"), latest=D("2024-03-31"))
    again.commit(
        "Ruritania is to release all prisoners by March 2024", ["RUR"], "release", deadline=t, sources=[s]
    )
    index = index_records([pledge(), again.record()])
    [t_] = index.commitments
    assert len(t_.documents) == 2
    assert [src.text for src in t_.sources] == ["a diplomat"]
    assert index.contradictions == []


def _told(published: str, day: str, text: str) -> Record:
    a = Article(text, published)
    a.actor("RUR", "country", "Ruritania")
    a.actor("FRE", "country", "Freedonia")
    t = a.timex(
        day,
        f"2024-05-{day.split()[-1]:0>2}",
        earliest=D(f"2024-05-{day.split()[-1]:0>2}"),
        latest=D(f"2024-05-{day.split()[-1]:0>2}"),
    )
    a.event("attacked", "attack", type="ASSAULT", agents=["RUR"], patients=["FRE"], time=t)
    return a.record()


def test_one_event_told_by_two_reports_is_one_timeline_entry() -> None:
    one = _told("2024-05-04", "May 3", "Ruritania attacked Freedonia on May 3.")
    two = _told("2024-05-05", "May 3", "On May 3 Ruritania attacked Freedonia's border posts.")
    three = _told("2024-05-20", "May 19", "Ruritania attacked Freedonia again on May 19.")
    index = index_records([one, two, three])
    events = [e for e in index.timeline if e.kind == "event"]
    assert [e.when.value for e in events] == ["2024-05-03", "2024-05-19"]
    assert events[0].documents == (one.document.id, two.document.id)
    assert len(index.stories) == 1


def test_actors_merge_across_articles() -> None:
    index = index_records([pledge(), pledge("2024-01-11")])
    [rur] = [a for a in index.actors if a.id == "RUR"]
    assert len(rur.documents) == 2
    assert rur.mentions == 2


def test_unrelated_stories_stay_apart() -> None:
    far = Article("Freedonia and Sylvania will sign a trade deal by June 2030.", "2029-01-01")
    far.actor("FRE", "country", "Freedonia")
    far.actor("SYL", "country", "Sylvania")
    t = far.timex("June 2030", "2030-06", earliest=D("2030-06-01"), latest=D("2030-06-30"))
    far.commit("will sign a trade deal by June 2030", ["FRE", "SYL"], "sign", deadline=t)
    index = index_records([pledge(), far.record()])
    assert len(index.stories) == 2
    assert len({c.story for c in index.commitments}) == 2


def test_rejecting_a_suggestion_breaks_nothing() -> None:
    no = Article("A Ruritanian official rejected the suggestion that prisoners were held.", "2024-02-20")
    no.actor("RUR", "country", "Ruritanian")
    no.event("rejected", "reject", type="REJECT", agents=["RUR"])
    [t] = index_records([pledge(), no.record()]).commitments
    assert status_on(t, D("2024-04-01")).status == "overdue"


def test_not_done_by_the_deadline_is_broken_but_a_denial_before_it_is_not() -> None:
    early = Article("Ruritania has not released the prisoners yet, officials said.", "2024-02-01")
    early.actor("RUR", "country", "Ruritania")
    early.event("released", "release", type="CONCEDE", agents=["RUR"], polarity="negative")
    late = Article("Ruritania did not release the prisoners by the deadline, officials said.", "2024-04-03")
    late.actor("RUR", "country", "Ruritania")
    late.event("release", "release", type="CONCEDE", agents=["RUR"], polarity="negative")
    [t] = index_records([pledge(), early.record()]).commitments
    assert status_on(t, D("2024-04-05")).status == "overdue"
    [t] = index_records([pledge(), early.record(), late.record()]).commitments
    assert status_on(t, D("2024-04-02")).status == "overdue"
    assert status_on(t, D("2024-04-05")).status == "broken"


def test_a_commitment_to_go_on_until_a_day_is_unknown_once_that_day_has_passed() -> None:
    a = Article(
        "Ruritania will maintain the border patrols until March 2024, the ministry said.", "2024-01-10"
    )
    a.actor("RUR", "country", "Ruritania")
    t = a.timex("March 2024", "2024-03", earliest=D("2024-03-01"), latest=D("2024-03-31"))
    a.commit("Ruritania will maintain the border patrols until March 2024", ["RUR"], "maintain", deadline=t)
    [lasting] = index_records([a.record()]).commitments
    assert (status_on(lasting, D("2024-03-31")).status, status_on(lasting, D("2024-03-31")).days_left) == (
        "pending",
        0,
    )
    after = status_on(lasting, D("2024-04-10"))
    assert (after.status, after.days_left) == ("unknown", -10)
    # a promise to do something by that day is overdue, as before
    [release] = index_records([pledge()]).commitments
    assert status_on(release, D("2024-04-10")).status == "overdue"


def _senate_votes() -> list[Record]:
    plan = Article("The Senate of Ruritania is expected to ratify the treaty on May 27.", "2024-05-13")
    plan.actor("RUR", "country", "Ruritania")
    t = plan.timex("May 27", "2024-05-27", earliest=D("2024-05-27"), latest=D("2024-05-27"))
    plan.commit(
        "The Senate of Ruritania is expected to ratify the treaty on May 27", ["RUR"], "ratify", deadline=t
    )
    vote = Article("The Ruritanian Senate voted to approve the treaty on Friday.", "2024-05-28")
    vote.actor("RUR", "country", "Ruritanian")
    on = vote.timex("Friday", "2024-05-24", earliest=D("2024-05-24"), latest=D("2024-05-24"))
    # the parser reads the act after "voted to" as a plan: the vote that passed it did it
    vote.event("approve", "approve", type="AGREE", status="planned", agents=["RUR"], time=on)
    return [plan.record(), vote.record()]


def test_a_body_that_voted_to_approve_the_treaty_ratified_it(tmp_path: Path) -> None:
    records = _senate_votes()
    [s] = due(index_records(records).commitments, D("2024-05-28"))
    assert s.status == "fulfilled"
    with Store(tmp_path / "votes.db") as store:  # the same from a store
        for r in records:
            store.add(r, r.document.id)
        [stored] = due(story_index(store).commitments(known_by=D("2024-05-28")), D("2024-05-28"))
    assert stored.status == "fulfilled"


def _reactor_by_april() -> Record:
    a = Article("Ruritania will shut down its nuclear reactor by April 14, the ministry said.", "2025-02-13")
    a.actor("RUR", "country", "Ruritania")
    t = a.timex("April 14", "2025-04-14", earliest=D("2025-04-14"), latest=D("2025-04-14"))
    a.commit(
        "will shut down its nuclear reactor", ["RUR"], "close down", object="its nuclear reactor", deadline=t
    )
    return a.record()


def _said(text: str, published: str) -> Record:
    a = Article(text, published)
    a.actor("RUR", "country", "Ruritania")
    return a.record()


def test_a_reactor_reported_shut_down_is_fulfilled_with_no_completion_word() -> None:
    done = _said(
        "Inspectors confirmed that Ruritania shut down its nuclear reactor on Saturday.", "2025-07-16"
    )
    [t] = index_records([_reactor_by_april(), done]).commitments
    assert status_on(t, D("2025-04-16")).status == "overdue"
    got = status_on(t, D("2025-07-17"))
    assert got.status == "fulfilled" and got.on_time is False  # late, but done
    assert "shut down its nuclear reactor" in got.why()


def test_a_reactor_ruritania_agreed_to_shut_down_is_not_yet_shut() -> None:
    plan = _said("Ruritania agreed again to shut down its nuclear reactor, officials said.", "2025-07-16")
    later = _said("Officials said the nuclear reactor will be shut down soon.", "2025-07-18")
    [t] = index_records([_reactor_by_april(), plan, later]).commitments
    assert status_on(t, D("2025-07-19")).status == "overdue"


def _exit_by(day: str, published: str) -> Record:
    a = Article(f"Ruritania will leave the union on {day}, the prime minister said.", published)
    a.actor("RUR", "country", "Ruritania")
    t = a.timex(day, "2026-01-31", earliest=D("2026-01-31"), latest=D("2026-01-31"))
    a.commit("will leave the union", ["RUR"], "withdraw", object="the union", deadline=t)
    return a.record()


def _left(text: str) -> Record:
    a = Article(text, "2026-02-01")
    a.actor("RUR", "country", "Ruritania")
    a.event("left", "withdraw", agents=["RUR"])
    return a.record()


def test_leaving_a_union_is_done_at_once_but_troops_leaving_a_town_are_a_step() -> None:
    [t] = index_records(
        [_exit_by("January 31", "2025-11-02"), _left("Ruritania left the union on Friday.")]
    ).commitments
    assert status_on(t, D("2026-02-02")).status == "fulfilled"
    step = _left("Ruritania's troops left the town on Friday.")
    [t] = index_records([_exit_by("January 31", "2025-11-02"), step]).commitments
    assert status_on(t, D("2026-02-02")).status == "overdue"


def test_a_promise_to_remove_outposts_is_kept_by_the_completed_withdrawal_from_them() -> None:
    a = Article("Ruritania will remove its outposts in the north, the ministry said.", "2025-02-01")
    a.actor("RUR", "country", "Ruritania")
    a.commit("will remove its outposts in the north", ["RUR"], "remove", object="its outposts in the north")
    done = Article("Ruritania has completed its withdrawal from the outposts in the north.", "2025-08-23")
    done.actor("RUR", "country", "Ruritania")
    done.event("withdrawal", "withdraw", agents=["RUR"])
    [t] = index_records([a.record(), done.record()]).commitments
    assert status_on(t, D("2025-03-01")).status == "unknown"
    assert status_on(t, D("2025-08-24")).status == "fulfilled"


def _winner_by(published: str, text: str, more: str = "") -> Record:
    a = Article(text + more, published)
    a.actor("RUR", "country", "Ruritania")
    t = a.timex("September 6", "2025-09-06", earliest=D("2025-09-06"), latest=D("2025-09-06"))
    a.commit("must declare the president-elect", ["RUR"], "declare", object="the winner", deadline=t)
    return a.record()


def test_a_winner_declared_after_the_vote_of_july_2_keeps_the_promise_to_declare_one() -> None:
    promise = _winner_by(
        "2025-07-06",
        "Calderon was declared the winner of the count on Thursday. ",
        "Ruritania's tribunal must declare the president-elect by September 6.",
    )
    done = Article(
        "After two months of wrangling following the July 2 vote, Calderon has been declared president-elect "
        "of Ruritania by the electoral court.",
        "2025-09-06",
    )
    done.actor("RUR", "country", "Ruritania")
    [t] = index_records([promise, done.record()]).commitments
    # the words in the report that makes the promise tell of another deed
    assert status_on(t, D("2025-07-07")).status == "pending"
    got = status_on(t, D("2025-09-06"))
    assert got.status == "fulfilled" and got.on_time is True  # on September 6, not "the July 2 vote"


def test_arms_reported_decommissioned_keep_the_promise_but_not_decommissioned_do_not() -> None:
    a = Article("Ruritania will decommission its arsenal, its leaders said.", "2025-07-27")
    a.actor("RUR", "country", "Ruritania")
    a.commit("will decommission its arsenal", ["RUR"], "decommission", object="its arsenal")
    no = _said(
        "Ruritania's arms are to be put beyond use but not decommissioned, officials said.", "2025-08-10"
    )
    yes = _said("Inspectors said the arms of Ruritania have now been decommissioned.", "2025-09-26")
    [t] = index_records([a.record(), no, yes]).commitments
    assert status_on(t, D("2025-08-11")).status == "unknown"
    assert status_on(t, D("2025-09-26")).status == "fulfilled"
