"""Bad data never breaks the store: numbers too large for it, non-strict JSON, one record that
cannot be stored among many (``docket add`` and ``docket batch`` go on and name it)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.record import Quantity, Record, Source
from docket.store import open_store
from docket.store.sqlite import Store
from test_batch import article_text, stored_ids, write_jsonl
from test_store import sample_record

HUGE = "9" * 310  # float() reads it as infinity
FILLER = (
    " The announcement followed weeks of talks between the two governments about the future of the"
    " mission, and diplomats said further meetings were planned in the capital."
)


def article(folder: Path, name: str, body: str, published: str = "2024-05-01") -> Path:
    p = folder / name
    p.write_text(f"---\ntitle: {name}\npublished: {published}\n---\n{body}{FILLER}\n", encoding="utf-8")
    return p


def strict(raw: str) -> Any:
    def refuse(token: str) -> Any:
        raise AssertionError(f"not JSON: {token}")

    return json.loads(raw, parse_constant=refuse)


def every_data_column(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if "data" in [c[1] for c in con.execute(f"PRAGMA table_info({r[0]})")]
        ]
        return [str(r[0]) for t in tables for r in con.execute(f"SELECT data FROM {t}")]
    finally:
        con.close()


def test_numbers_a_store_cannot_hold_are_dropped_and_the_text_kept() -> None:
    q = Quantity(
        id="q1", text=f"{HUGE} troops", start=0, end=317, value=float(HUGE), low=10**400, high=10**20
    )
    assert q.value is None and q.low is None  # not finite: dropped
    assert q.high == 1e20 and isinstance(q.high, float)  # beyond 64 bits: kept as a float
    assert Quantity(id="q", text="nan", start=0, end=3, value=float("nan")).value is None
    assert Source(id="s", text="x", start=0, end=1, kind="anonymous", count=10**19).count is None
    assert Source(id="s", text="x", start=0, end=1, kind="anonymous", count=12).count == 12


def test_a_310_digit_number_is_stored_and_every_command_reads_the_store(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "d.db"
    big = article(tmp_path, "big.txt", f"The ministry said {HUGE} troops would leave the base by June 2025.")
    many = article(
        tmp_path,
        "count.txt",
        f"{'1' * 20} officials said the government will withdraw 2,000 troops by July 2025.",
        "2024-05-02",
    )
    res = runner.invoke(app, ["add", str(big), str(many), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "2 added" in res.stdout
    for args in (
        ["due", "--as-of", "2025-01-01"],
        ["due", "--as-of", "2025-01-01", "--json"],
        ["stories"],
        ["timeline"],
        ["export", "--format", "json"],
        ["export", "--format", "csv", "--out", str(tmp_path / "csv")],
    ):
        res = runner.invoke(app, [*args, "--db", str(db)])
        assert res.exit_code == 0, (args, res.output)
    with open_store(db) as store:
        texts = [r[0] for r in store.db.execute("SELECT text FROM quantities WHERE value IS NULL")]
        assert any(HUGE in t for t in texts)  # the quantity is there, with its text, without a value
    for raw in every_data_column(db):
        strict(raw)


def test_a_store_holding_infinity_from_an_earlier_version_is_mended(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with open_store(db) as store:
        store.add(sample_record())
        data = json.loads(store.db.execute("SELECT data FROM quantities").fetchone()[0])
        raw = json.dumps({**data, "low": float("inf")})  # as docket wrote it before
        store.db.execute("UPDATE quantities SET value = ?, low = ?, data = ?", (float("inf"), None, raw))
        store.db.execute("DELETE FROM schema_migrations WHERE name = '005_strict_json'")
    with pytest.raises(AssertionError):
        strict(raw)
    res = CliRunner().invoke(app, ["stories", "--db", str(db)])  # opening it mends it
    assert res.exit_code == 0, res.output
    with open_store(db) as store:
        row = store.db.execute("SELECT value, low, data FROM quantities").fetchone()
    assert row[0] is None and row[1] is None and strict(row[2])["low"] is None


def test_one_record_the_store_refuses_is_left_out_and_the_others_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = sample_record("The bad one. " + article_text(1))
    insert = Store._insert

    def refusing(self: Store, record: Record, origin: str | None) -> None:
        insert(self, record, origin)  # written, then refused: the savepoint takes it back
        if record.document.id == bad.document.id:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(Store, "_insert", refusing)
    with open_store(tmp_path / "d.db") as store:
        results = store.add_many(
            [(sample_record(), "a"), (bad, "bad"), (sample_record(article_text(2)), "c")]
        )
        assert [r.added for r in results] == [True, False, True]
        assert results[1].error is not None and "OverflowError" in results[1].error
        assert store.counts()["documents"] == 2 and store.counts()["commitments"] == 2


def test_batch_skips_one_bad_article_names_it_and_stores_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_jsonl(feed, range(6))
    bad_id = ids[3]
    insert = Store._insert

    def refusing(self: Store, record: Record, origin: str | None) -> None:
        if record.document.id == bad_id:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        insert(self, record, origin)

    monkeypatch.setattr(Store, "_insert", refusing)
    db = tmp_path / "news.db"
    res = CliRunner().invoke(app, ["batch", str(feed), "--db", str(db), "--quiet"])
    assert res.exit_code == 1, res.output
    assert res.stdout.startswith("5 stored, 0 already there, 1 failed")
    named = [line for line in res.stderr.splitlines() if "OverflowError" in line]
    assert len(named) == 1 and f"{feed}:4" in named[0]  # the line names the article
    assert sorted(stored_ids(db)) == sorted(i for i in ids if i != bad_id)
    monkeypatch.setattr(Store, "_insert", insert)  # fixed: the rerun stores it, and only it
    res = CliRunner().invoke(app, ["batch", str(feed), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("1 stored, 5 already there, 0 failed")
