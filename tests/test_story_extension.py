"""An agreement extended to a new end ("will remain in effect until February 18") moves the deadlines
of its open commitments due at the old end (constructed records)."""

from __future__ import annotations

import datetime as dt

from docket.record import Record
from docket.story import Index, Status, due, index_records
from test_story_builders import Article

D = dt.date.fromisoformat


def _truce(*, fulfilled_before: bool = False) -> list[Record]:
    """A truce of 27 November 2024: Israel withdraws and Hezbollah pulls back within 60 days
    (26 January 2025); a committee reports by 15 December; Lebanon deploys with no date."""
    a = Article(
        "Under the truce, Israel will withdraw its forces from southern Lebanon within 60 days and "
        "Hezbollah will pull its fighters back north of the Litani within 60 days. A monitoring committee "
        "will report by December 15. Lebanon will deploy its army in the south.",
        "2024-11-27",
    )
    a.actor("ISR", "country", "Israel")
    a.actor("LBN", "country", "Lebanon")
    a.actor("hezbollah", "group", "Hezbollah")
    end = dict(earliest=D("2024-11-27"), latest=D("2025-01-26"))
    t1 = a.timex("60 days", "P60D", **end)  # type: ignore[arg-type]
    t2 = a.timex("60 days", "P60D", nth=1, **end)  # type: ignore[arg-type]
    t3 = a.timex("December 15", "2024-12-15", earliest=D("2024-12-15"), latest=D("2024-12-15"))
    a.commit(
        "Israel will withdraw its forces from southern Lebanon within 60 days",
        ["ISR"],
        "withdraw",
        deadline=t1,
        parties=["ISR", "LBN"],
        object="its forces",
    )
    a.commit(
        "Hezbollah will pull its fighters back north of the Litani within 60 days",
        ["hezbollah"],
        "withdraw",
        deadline=t2,
        parties=["hezbollah", "ISR", "LBN"],
        object="its fighters",
    )
    a.commit(
        "A monitoring committee will report by December 15",
        ["LBN"],
        "report",
        deadline=t3,
        parties=["ISR", "LBN"],
    )
    a.commit("Lebanon will deploy its army in the south", ["LBN"], "deploy", parties=["ISR", "LBN"])
    out = [a.record()]
    if fulfilled_before:
        done = Article(
            "Hezbollah completed the pullback of its fighters on Monday, Lebanon said.", "2025-01-21"
        )
        done.actor("hezbollah", "group", "Hezbollah")
        done.actor("LBN", "country", "Lebanon")
        on = done.timex("Monday", "2025-01-20", earliest=D("2025-01-20"), latest=D("2025-01-20"))
        done.event("completed the pullback", "withdraw", agents=["hezbollah"], location=["LBN"], time=on)
        out.append(done.record())
    return out


def _extension(text: str, published: str, end: str, value: str | None = None, **kw: object) -> Record:
    """A report that the agreement lasts until ``end`` (or by the span ``value``)."""
    a = Article(text, published)
    a.actor("ISR", "country", "Israel")
    a.actor("LBN", "country", "Lebanon")
    a.actor("USA", "country", "White House", name="United States")
    sources = [a.source("the White House", kind="organization")] if "White House" in text else []
    t = a.timex(end, value or end, **kw)  # type: ignore[arg-type]
    phrase = text[text.index("The") : text.index(end) + len(end)]
    a.commit(
        phrase,
        ["ISR", "LBN"],
        "extend",
        deadline=t,
        parties=["ISR", "LBN", "USA"],
        object="The arrangement between Lebanon and Israel",
        sources=sources,
        status="in_force",
    )
    return a.record()


FEB_18 = dict(earliest=D("2025-02-18"), latest=D("2025-02-18"))
EXTENDED = (
    "BEIRUT - The arrangement between Lebanon and Israel will remain in effect until February 18, 2025, "
    "the White House said."
)


def _by_action(index: Index, as_of: str) -> dict[tuple[str, str], Status]:
    out: dict[tuple[str, str], Status] = {}
    for s in due(index.commitments, D(as_of)):
        dl = s.item.deadline.latest.isoformat() if s.item.deadline and s.item.deadline.latest else "-"
        out[(f"{'+'.join(s.item.obligor)} {s.item.action}", dl)] = s
    return out


def test_an_extension_moves_the_open_commitments_due_at_the_old_end() -> None:
    ext = _extension(EXTENDED, "2025-01-27", "February 18, 2025", "2025-02-18", **FEB_18)
    index = index_records([*_truce(), ext])
    got = _by_action(index, "2025-02-10")
    for who in ("ISR withdraw", "hezbollah withdraw"):
        old, new = got[(who, "2025-01-26")], got[(who, "2025-02-18")]
        assert old.status == "superseded" and old.item.superseded_by == new.item.id
        assert new.item.supersedes == (old.item.id,)
        assert (new.status, new.days_left) == ("pending", 8)
        # the extending report is the evidence, with its source
        assert new.item.documents == (ext.document.id,)
        [ev] = new.item.evidence
        assert ext.document.text[ev.start : ev.end].startswith("The arrangement between Lebanon and Israel")
        assert [s.text for s in new.item.sources] == ["the White House"]
        # the promise stays what it was: who, what
        assert new.item.object == old.item.object
    # other deadlines (already passed) and undated commitments do not move
    assert got[("LBN report", "2024-12-15")].status == "overdue"
    assert not any(k == ("LBN report", "2025-02-18") for k in got)
    assert got[("LBN deploy", "-")].status == "unknown"
    # before the extension was reported, nothing had moved
    before = _by_action(index, "2025-01-25")
    assert before[("ISR withdraw", "2025-01-26")].status == "pending"
    assert ("ISR withdraw", "2025-02-18") not in before


def test_a_commitment_fulfilled_before_the_extension_stays_fulfilled() -> None:
    ext = _extension(EXTENDED, "2025-01-27", "February 18, 2025", "2025-02-18", **FEB_18)
    index = index_records([*_truce(fulfilled_before=True), ext])
    got = _by_action(index, "2025-02-10")
    done = got[("hezbollah withdraw", "2025-01-26")]
    assert done.status == "fulfilled" and done.on_time
    assert ("hezbollah withdraw", "2025-02-18") not in got
    assert got[("ISR withdraw", "2025-02-18")].status == "pending"


def test_a_deed_after_the_extension_fulfils_the_moved_commitment_on_time() -> None:
    ext = _extension(EXTENDED, "2025-01-27", "February 18, 2025", "2025-02-18", **FEB_18)
    left = Article(
        "Israel completed its withdrawal from southern Lebanon on Monday, Lebanon said.", "2025-02-18"
    )
    left.actor("ISR", "country", "Israel")
    left.actor("LBN", "country", "Lebanon")
    on = left.timex("Monday", "2025-02-17", earliest=D("2025-02-17"), latest=D("2025-02-17"))
    left.event("completed its withdrawal", "withdraw", agents=["ISR"], location=["LBN"], time=on)
    index = index_records([*_truce(), ext, left.record()])
    got = _by_action(index, "2026-11-29")
    moved = got[("ISR withdraw", "2025-02-18")]
    assert moved.status == "fulfilled" and moved.on_time
    assert [f.document for f in moved.fulfilled_by] == [left.record().document.id]
    assert got[("ISR withdraw", "2025-01-26")].status == "superseded"


def test_an_extension_by_a_span_counts_from_the_old_end() -> None:
    text = "The arrangement between Lebanon and Israel was extended by 23 days, the White House said."
    ext = _extension(text, "2025-01-27", "23 days", "P23D")
    got = _by_action(index_records([*_truce(), ext]), "2025-02-10")
    assert got[("ISR withdraw", "2025-01-26")].status == "superseded"
    assert got[("ISR withdraw", "2025-02-18")].status == "pending"


def test_an_end_before_the_old_one_extends_nothing() -> None:
    text = (
        "The arrangement between Lebanon and Israel will remain in effect until January 10, officials said."
    )
    ext = _extension(
        text, "2025-01-05", "January 10", "2025-01-10", earliest=D("2025-01-10"), latest=D("2025-01-10")
    )
    got = _by_action(index_records([*_truce(), ext]), "2025-01-20")
    assert got[("ISR withdraw", "2025-01-26")].status == "pending"
    assert got[("hezbollah withdraw", "2025-01-26")].status == "pending"
    assert ("ISR withdraw", "2025-01-10") not in got


def test_an_extension_of_another_agreement_in_the_store_moves_nothing_here() -> None:
    """A truce between Israel and Hamas extended the same day: Lebanon's deadlines stay."""
    gaza = Article(
        "Hamas will free 33 hostages within 42 days under the Gaza truce, and Israel will release "
        "Palestinian prisoners, Qatar said.",
        "2024-12-15",
    )
    gaza.actor("hamas", "group", "Hamas")
    gaza.actor("ISR", "country", "Israel")
    gaza.actor("QAT", "country", "Qatar")
    t = gaza.timex("42 days", "P42D", earliest=D("2024-12-15"), latest=D("2025-01-26"))
    gaza.commit(
        "Hamas will free 33 hostages within 42 days",
        ["hamas"],
        "release",
        deadline=t,
        parties=["hamas", "ISR"],
    )
    ext = Article(
        "The truce between Israel and Hamas will remain in effect until March 1, Qatar said.", "2025-01-27"
    )
    ext.actor("hamas", "group", "Hamas")
    ext.actor("ISR", "country", "Israel")
    ext.actor("QAT", "country", "Qatar")
    t2 = ext.timex("March 1", "2025-03-01", earliest=D("2025-03-01"), latest=D("2025-03-01"))
    ext.commit(
        "The truce between Israel and Hamas will remain in effect until March 1",
        ["ISR", "hamas"],
        "extend",
        deadline=t2,
        object="The truce between Israel and Hamas",
        parties=["ISR", "hamas"],
    )
    index = index_records([*_truce(), gaza.record(), ext.record()])
    got = _by_action(index, "2025-02-10")
    assert got[("ISR withdraw", "2025-01-26")].status == "overdue"
    assert got[("hezbollah withdraw", "2025-01-26")].status == "overdue"
    assert not any(dl == "2025-03-01" and key.endswith("withdraw") for key, dl in got)
    # the Gaza truce's own commitment moves with its extension
    assert got[("hamas release", "2025-01-26")].status == "superseded"
    assert got[("hamas release", "2025-03-01")].status == "pending"


def test_a_second_extension_moves_what_the_first_moved() -> None:
    first = _extension(EXTENDED, "2025-01-27", "February 18, 2025", "2025-02-18", **FEB_18)
    text = "The arrangement between Lebanon and Israel will remain in effect until March 10, officials said."
    second = _extension(
        text, "2025-02-16", "March 10", "2025-03-10", earliest=D("2025-03-10"), latest=D("2025-03-10")
    )
    got = _by_action(index_records([*_truce(), first, second]), "2025-03-01")
    assert got[("ISR withdraw", "2025-01-26")].status == "superseded"
    feb, mar = got[("ISR withdraw", "2025-02-18")], got[("ISR withdraw", "2025-03-10")]
    assert feb.status == "superseded" and feb.item.superseded_by == mar.item.id
    assert mar.status == "pending"


def test_a_later_move_of_the_same_promise_follows_the_extension() -> None:
    """Extended to February 18 on January 27, then moved to March 1 for Israel alone on February 10:
    60 days -> February 18 -> March 1, each linked to the next."""
    ext = _extension(EXTENDED, "2025-01-27", "February 18, 2025", "2025-02-18", **FEB_18)
    moved = Article(
        "Israel will withdraw its forces from southern Lebanon by March 1, officials said.", "2025-02-10"
    )
    moved.actor("ISR", "country", "Israel")
    moved.actor("LBN", "country", "Lebanon")
    t = moved.timex("March 1", "2025-03-01", earliest=D("2025-03-01"), latest=D("2025-03-01"))
    moved.commit(
        "Israel will withdraw its forces from southern Lebanon by March 1",
        ["ISR"],
        "withdraw",
        deadline=t,
        parties=["ISR", "LBN"],
        object="its forces",
    )
    got = _by_action(index_records([*_truce(), ext, moved.record()]), "2025-02-20")
    first, feb, mar = (got[("ISR withdraw", d)] for d in ("2025-01-26", "2025-02-18", "2025-03-01"))
    assert first.item.superseded_by == feb.item.id and feb.item.supersedes == (first.item.id,)
    assert feb.status == "superseded" and feb.item.superseded_by == mar.item.id
    assert first.item.id not in mar.item.supersedes
    assert mar.status == "pending"
    # Hezbollah's pullback moved with the agreement only, and is now due
    hezbollah = got[("hezbollah withdraw", "2025-02-18")]
    assert (hezbollah.status, hezbollah.days_left) == ("overdue", -2)
