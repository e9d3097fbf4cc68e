"""docket batch: streaming inputs, parallel workers, batched writes, resumable journal, errors file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from docket.batch import BatchError, BatchOptions, run_batch
from docket.batch.runner import BatchSummary
from docket.cli import app
from docket.ingest import ReadOptions
from docket.record import Record, text_id

TOWNS = ("Mosul", "Basra", "Kirkuk", "Erbil", "Najaf", "Tikrit", "Ramadi", "Fallujah", "Samarra", "Karbala")


def article_text(n: int) -> str:
    """A short English article, different for every n."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"Officials said on Monday that {100 + n} trucks carrying aid crossed into the province near "
        f"{town} after the two governments agreed to reopen the road. The ministry expects convoy "
        f"number {n} to reach the city before the end of the month, a spokesman told reporters."
    )


def write_jsonl(path: Path, numbers: range, published: str = "2024-09-07") -> list[str]:
    """One article a line; returns the documents' ids in order."""
    lines = [
        json.dumps({"text": article_text(n), "published": published, "title": f"Convoy {n}"}) for n in numbers
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return [text_id(article_text(n)) for n in numbers]


def stored_ids(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT id FROM documents")]
    finally:
        con.close()


def parquet_ids(folder: Path) -> list[str]:
    ids: list[str] = []
    for part in sorted(folder.glob("part-*.parquet")):
        ids.extend(pq.read_table(part, columns=["id"]).column("id").to_pylist())
    return ids


def parquet_records(folder: Path) -> list[str]:
    return [
        r
        for p in sorted(folder.glob("part-*.parquet"))
        for r in pq.read_table(p).column("record").to_pylist()
    ]


def options(tmp_path: Path, inputs: list[Path], **kw: object) -> BatchOptions:
    base: dict[str, object] = {"batch_size": 4, "commit_every": 8, "read": ReadOptions()}
    base.update(kw)
    return BatchOptions(inputs=tuple(inputs), **base)  # type: ignore[arg-type]


def test_batch_into_sqlite_stores_every_article_once_and_lists_bad_ones(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(10))
    with feed.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"text": article_text(3), "published": "2024-09-07"}) + "\n")  # a repeat
        fh.write(json.dumps({"text": article_text(99)}) + "\n")  # no date
    story = tmp_path / "one.txt"
    story.write_text("---\npublished: 2024-09-08\n---\n" + article_text(50), encoding="utf-8")
    db = tmp_path / "news.db"
    seen: list[BatchSummary] = []

    summary = run_batch(options(tmp_path, [feed, story], db=str(db)), seen.append)

    assert summary.stored == 11 and summary.failed == 2 and summary.already == 1
    assert sorted(stored_ids(db)) == sorted([*ids, text_id(article_text(50))])
    assert seen and seen[-1].processed == 13
    errors = [json.loads(line) for line in (tmp_path / "news.db.errors.jsonl").read_text().splitlines()]
    assert [e["origin"] for e in errors] == [f"{feed}:11", f"{feed}:13"]
    assert "not valid JSON" in errors[0]["error"] and "publication date" in errors[1]["error"]
    assert all(e["fix"] for e in errors)

    again = run_batch(options(tmp_path, [feed, story], db=str(db)))
    assert again.stored == 0 and again.already == 12
    assert len(stored_ids(db)) == 11
    # The errors file lists each bad article once, however often the batch runs.
    assert len((tmp_path / "news.db.errors.jsonl").read_text().splitlines()) == 2


def test_stored_record_is_what_read_extracts(tmp_path: Path, extract: object) -> None:
    from docket.store import open_store

    feed = tmp_path / "news.jsonl"
    (doc_id,) = write_jsonl(feed, range(1))
    db = tmp_path / "news.db"
    run_batch(options(tmp_path, [feed], db=str(db)))
    with open_store(db) as store:
        got = store.record(doc_id)
    assert got is not None
    want = extract(article_text(0), "2024-09-07")  # type: ignore[operator]
    assert isinstance(want, Record)
    assert got.document.text == want.document.text and got.document.title == "Convoy 0"
    assert got.model_dump(exclude={"document"}) == want.model_dump(exclude={"document"})


def test_batch_into_parquet_partitions(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(20))
    out = tmp_path / "out"
    summary = run_batch(options(tmp_path, [feed], out=out, commit_every=8))
    assert summary.stored == 20
    parts = sorted(p.name for p in out.glob("part-*.parquet"))
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    table = pq.read_table(out / "part-00000.parquet")
    assert table.column_names == [
        "id",
        "origin",
        "published",
        "title",
        "outlet",
        "url",
        "language",
        "chars",
        "record",
    ]
    row = table.slice(0, 1).to_pylist()[0]
    record = Record.model_validate_json(row["record"])
    assert row["id"] == record.document.id == ids[0] and row["origin"] == f"{feed}:1"
    assert str(row["published"]) == "2024-09-07" and row["chars"] == len(article_text(0))
    assert parquet_ids(out) == ids
    # A second run writes no partition: everything is in the journal.
    assert run_batch(options(tmp_path, [feed], out=out)).stored == 0
    assert parquet_ids(out) == ids


def test_parquet_partition_without_journal_line_is_not_written_twice(tmp_path: Path) -> None:
    """A kill between renaming a partition into place and journaling it: the resume adopts it."""
    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(12))
    out = tmp_path / "out"
    run_batch(options(tmp_path, [feed], out=out, commit_every=4))
    journal = out / "journal.jsonl"
    lines = journal.read_text().splitlines()
    journal.write_text(lines[0] + "\n" + lines[1][:10])  # last line torn, one lost
    (out / ".part-00009.parquet.tmp").write_bytes(b"half a file")  # a partition being written
    summary = run_batch(options(tmp_path, [feed], out=out, commit_every=4))
    assert summary.stored == 0 and summary.already == 12
    assert sorted(parquet_ids(out)) == sorted(ids)
    assert not list(out.glob("*.tmp"))


def test_two_workers_give_the_same_records_as_one(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(12))
    one, two = tmp_path / "one", tmp_path / "two"
    run_batch(options(tmp_path, [feed], out=one, batch_size=3))
    summary = run_batch(options(tmp_path, [feed], out=two, batch_size=3, workers=2))
    assert summary.stored == 12
    assert parquet_records(one) == parquet_records(two)


def store_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in the order written, without the time each was added."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            if table.startswith("sqlite_") or table == "schema_migrations":
                continue
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "added_at"]
            names = ", ".join(f'"{c}"' for c in cols)
            rows[table] = list(con.execute(f"SELECT {names} FROM {table} ORDER BY rowid"))
        return rows
    finally:
        con.close()


def test_one_worker_stores_the_same_rows_as_two(tmp_path: Path) -> None:
    # One worker hands documents and records over as objects; two ship them as JSON.
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(10))
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run_batch(options(tmp_path, [feed], db=str(one), batch_size=3)).stored == 10
    assert run_batch(options(tmp_path, [feed], db=str(two), batch_size=3, workers=2)).stored == 10
    rows = store_rows(one)
    assert rows == store_rows(two)
    assert len(rows["documents"]) == 10 and rows["quantities"] and rows["actor_mentions"]


def test_a_job_done_here_or_shipped_gives_the_same_record() -> None:
    from docket.batch.work import PipelineSpec, job_of, process_batch
    from docket.record import Document

    document = Document.from_text(article_text(3))
    here = process_batch([job_of("a", document, shipped=False)], PipelineSpec())[0]
    shipped = process_batch([job_of("a", document)], PipelineSpec())[0]
    assert isinstance(here.record, Record) and isinstance(shipped.record, str)
    assert here.record.to_json() == shipped.record


def test_a_folder_of_mixed_inputs_and_a_feed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", range(3))
    import gzip

    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": article_text(10), "published": "2024-01-02"}) + "\n")
    (folder / "c.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<item><title>Aid</title><link>https://example.org/1</link><description>{article_text(20)}"
        "</description><pubDate>Tue, 10 Sep 2024 08:00:00 GMT</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    summary = run_batch(options(tmp_path, [folder], db=str(db)))
    assert summary.stored == 5 and summary.failed == 0
    con = sqlite3.connect(db)
    row = con.execute("SELECT published, outlet, url, origin FROM documents WHERE title = 'Aid'").fetchone()
    con.close()
    assert row == ("2024-09-10", "Wire", "https://example.org/1", f"{folder / 'c.rss'}#1")


def test_needs_exactly_one_output(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(1))
    with pytest.raises(BatchError, match="exactly one of --db DB or --out DIR"):
        run_batch(options(tmp_path, [feed]))
    with pytest.raises(BatchError, match="exactly one"):
        run_batch(options(tmp_path, [feed], db=str(tmp_path / "a.db"), out=tmp_path / "o"))


# -- the command --------------------------------------------------------------------------


def test_cli_batch_stores_and_reports(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(5))
    db = tmp_path / "news.db"
    res = CliRunner().invoke(app, ["batch", str(feed), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("5 stored, 0 already there, 0 failed")
    res = CliRunner().invoke(app, ["batch", str(feed), "--db", str(db), "--quiet"])
    assert res.exit_code == 0 and res.stdout.startswith("0 stored, 5 already there, 0 failed")


def test_cli_batch_bad_article_exit_1_and_errors_file(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(2))
    with feed.open("a") as fh:
        fh.write('{"text": 5}\n')
    res = CliRunner().invoke(app, ["batch", str(feed), "--out", str(tmp_path / "o"), "-q"])
    assert res.exit_code == 1
    assert "2 stored, 0 already there, 1 failed" in res.stdout
    assert f"see {tmp_path / 'o' / 'errors.jsonl'}" in res.stderr
    (line,) = (tmp_path / "o" / "errors.jsonl").read_text().splitlines()
    assert json.loads(line)["origin"] == f"{feed}:3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "exactly one of --db DB or --out DIR"),
        (["--db", "a.db", "--out", "o"], "exactly one of --db DB or --out DIR"),
        (["--db", "a.db", "--engine", "spark"], "unknown engine 'spark'"),
        (["--db", "a.db", "--scheduler", "tcp://x:1"], "--scheduler needs --engine dask"),
    ],
)
def test_cli_batch_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(1))
    res = CliRunner().invoke(app, ["batch", str(feed), *args])
    assert res.exit_code == 2
    assert message in res.stderr


def test_cli_batch_store_that_cannot_be_opened_exit_1(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(1))
    res = CliRunner().invoke(app, ["batch", str(feed), "--db", str(tmp_path / "nowhere" / "x.db"), "-q"])
    assert res.exit_code == 1
    assert "does not exist" in res.stderr
