"""The SQLite store: migrations, idempotent adds, one transaction per document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docket.record import Actor, Commitment, Document, Event, Mention, Quantity, Record, Source, Timex
from docket.store import open_store
from docket.store.migrations import MIGRATIONS, latest_version
from docket.store.sqlite import COUNTED_TABLES, StoreError

TEXT = "Washington and Baghdad agreed on Friday that hundreds of troops will leave by September 2025."


def sample_record(text: str = TEXT) -> Record:
    doc = Document.from_text(text, published=dt.date(2024, 9, 7), title="t", outlet="o")
    return Record(
        document=doc,
        timexes=[
            Timex(
                id="t1",
                text="on Friday",
                start=32,
                end=41,
                type="DATE",
                value="2024-09-06",
                anchor="document",
                earliest=dt.date(2024, 9, 6),
                latest=dt.date(2024, 9, 6),
            ),
            Timex(
                id="t2",
                text="September 2025",
                start=79,
                end=93,
                type="DATE",
                value="2025-09",
                earliest=dt.date(2025, 9, 1),
                latest=dt.date(2025, 9, 30),
            ),
        ],
        quantities=[
            Quantity(
                id="q1",
                text="hundreds of troops",
                start=47,
                end=65,
                low=200,
                high=999,
                approx=True,
                noun="troops",
            )
        ],
        actors=[
            Actor(
                id="USA",
                name="United States",
                kind="country",
                mentions=[Mention(text="Washington", start=0, end=10)],
            ),
            Actor(
                id="IRQ", name="Iraq", kind="country", mentions=[Mention(text="Baghdad", start=15, end=22)]
            ),
        ],
        sources=[Source(id="s1", text="Wire", start=0, end=0, kind="organization", name="Wire")],
        events=[
            Event(
                id="e1",
                type="AGREE",
                action="agree",
                text="agreed",
                start=23,
                end=29,
                agents=["USA", "IRQ"],
                time="t1",
                status="occurred",
                certainty="certain",
            )
        ],
        commitments=[
            Commitment(
                id="c1",
                obligor=["USA"],
                parties=["USA", "IRQ"],
                action="withdraw",
                quantity="q1",
                deadline="t2",
                status="agreed",
                start=0,
                end=len(text),
            )
        ],
    )


def test_new_store_is_migrated_to_latest(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.db") as store:
        assert store.schema_version() == latest_version() == len(MIGRATIONS)
        names = [r[0] for r in store.db.execute("SELECT name FROM schema_migrations ORDER BY version")]
        assert names == [m[0] for m in MIGRATIONS]
    with open_store(tmp_path / "d.db") as store:  # reopening applies nothing twice
        assert store.db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_add_twice_changes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.db") as store:
        first = store.add(sample_record())
        counts = store.counts()
        again = store.add(sample_record())
        assert first.added and not again.added
        assert store.counts() == counts
        assert counts["documents"] == 1 and counts["timexes"] == 2 and counts["actor_mentions"] == 2


def test_record_round_trips(tmp_path: Path) -> None:
    rec = sample_record()
    with open_store(tmp_path / "d.db") as store:
        store.add(rec, origin="a.txt")
        back = store.record(rec.document.id)
    assert back == rec
    assert back is not None and back.to_json() == rec.to_json()


def test_failed_add_leaves_nothing_half_written(tmp_path: Path) -> None:
    rec = sample_record()
    # two events with one id: the second insert fails after documents and timexes were written
    rec.events.append(rec.events[0])
    with open_store(tmp_path / "d.db") as store:
        result = store.add(rec)
        assert not result.added and result.error is not None and "IntegrityError" in result.error
        assert all(n == 0 for n in store.counts().values())
        good = sample_record(TEXT + " Officials said.")
        assert store.add(good).added
        assert store.counts()["documents"] == 1


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not a database at all, just some bytes" * 20)
    with pytest.raises(StoreError, match="not a docket store"):
        open_store(bad)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "x.db")


def test_counted_tables_exist(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.db") as store:
        assert set(store.counts()) == set(COUNTED_TABLES)
