"""Several processes on one store, and processes killed midway, as a user would run them.

- Four writers (two `docket add`, two `docket batch`) create and fill one new SQLite store at
  the same moment, with a reader (`docket due`, the viewer) open meanwhile: the schema is made
  once, every article is stored once, nobody sees an error.
- `docket add` killed with SIGKILL after its first commit leaves a store that opens and passes
  `PRAGMA integrity_check`; the same command run again stores the rest.
- A two-worker `docket batch` killed with SIGKILL leaves no worker behind.
- A batch's journal does not outlive its store: delete the store, run the batch again, and
  everything is stored again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from docket.cli import app
from docket.commands.common import EXTRACT_BATCH
from docket.store import open_store
from docket.web.app import create_app
from test_batch import article_text, stored_ids, write_jsonl

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc (Linux)")

OWN = 4  # articles only one writer has
SHARED = range(100, 103)  # articles every writer has


def docket(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "docket", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def folder(root: Path, name: str, numbers: list[int]) -> Path:
    d = root / name
    d.mkdir()
    for n in numbers:
        # no newline at the end: the same text, so the same document, as in a JSON line
        text = f"---\npublished: 2024-09-07\n---\n{article_text(n)}"
        (d / f"a{n}.txt").write_text(text, encoding="utf-8")
    return d


def has_open(pid: int, path: Path) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


def wait_until(ready: object, what: str, procs: list[subprocess.Popen[bytes]], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not ready():  # type: ignore[operator]
        for p in procs:
            if p.poll() is not None:
                raise AssertionError(f"ended before {what}: {p.communicate()}")
        if time.monotonic() > deadline:
            for p in procs:
                p.kill()
            raise AssertionError(f"never {what}")
        time.sleep(0.05)


def documents(db: Path) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # no table yet
        return 0
    finally:
        con.close()


def test_four_writers_create_one_new_store_at_once_with_a_reader_open(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    mine = [[w * 10 + k for k in range(OWN)] for w in range(4)]
    adds = [folder(tmp_path, f"w{w}", [*mine[w], *SHARED]) for w in (0, 1)]
    feeds = [tmp_path / f"w{w}.jsonl" for w in (2, 3)]
    for w, feed in zip((2, 3), feeds, strict=True):
        lines = [
            json.dumps({"text": article_text(n), "published": "2024-09-07"}) for n in [*mine[w], *SHARED]
        ]
        feed.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    # Hold the new, empty file locked until every writer has opened it: they then all make the
    # schema at the same moment.
    gate = sqlite3.connect(db, isolation_level=None)
    gate.execute("BEGIN EXCLUSIVE")
    writers = [docket("add", str(d), "--db", str(db), cwd=tmp_path) for d in adds]
    writers += [docket("batch", str(f), "--db", str(db), "--quiet", cwd=tmp_path) for f in feeds]
    try:
        wait_until(lambda: all(has_open(p.pid, db) for p in writers), "opened the store", writers)
        time.sleep(0.2)  # past opening, into their first statement
    finally:
        gate.execute("ROLLBACK")
        gate.close()
    # a reader while they write: `docket due` over and over, and the viewer
    reads = 0
    viewer_store = None
    while any(p.poll() is None for p in writers):
        if documents(db) and viewer_store is None:
            viewer_store = open_store(db)
            client = TestClient(create_app(viewer_store, today=dt.date(2024, 12, 1)))
        if viewer_store is not None:
            assert client.get("/api/stories").status_code == 200
        due = subprocess.run(
            [sys.executable, "-m", "docket", "due", "--db", str(db), "--as-of", "2024-12-01"],
            capture_output=True,
            cwd=tmp_path,
        )
        assert due.returncode == 0, due.stderr.decode()
        reads += 1
    if viewer_store is not None:
        viewer_store.close()
    outs = [p.communicate() for p in writers]
    for p, (_, err) in zip(writers, outs, strict=True):
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err and b"docket:" not in err, err.decode()
    assert reads >= 1
    added = sum(int(out.split()[0]) for out, _ in outs)
    total = 4 * OWN + len(SHARED)
    assert added == total  # each article stored by exactly one writer
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == total
    # nothing doubled: the same rows as one writer adding everything
    alone = tmp_path / "alone.db"
    res = CliRunner().invoke(app, ["add", *map(str, adds), "--db", str(alone)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(
        app, ["batch", *map(str, feeds), "--db", str(alone), "--quiet", "--journal", str(tmp_path / "j")]
    )
    assert res.exit_code == 0, res.output
    with open_store(db) as together, open_store(alone) as one:
        assert together.counts() == one.counts()
        assert together.db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
            one.db.execute("SELECT version FROM schema_migrations").fetchall()
        )


def test_add_killed_after_its_first_commit_leaves_a_sound_store_a_rerun_completes(tmp_path: Path) -> None:
    n = 3 * EXTRACT_BATCH  # (add stores a batch of articles to a commit: kill it after the first)
    articles = folder(tmp_path, "in", list(range(n)))
    db = tmp_path / "d.db"
    proc = docket("add", str(articles), "--db", str(db), cwd=tmp_path)
    wait_until(lambda: documents(db) >= 1, "stored one article", [proc])
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before = documents(db)
    assert 1 <= before < n
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    res = CliRunner().invoke(app, ["add", str(articles), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"{n - before} added, {before} already stored, 0 failed")
    assert documents(db) == n


def children(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        for child, parent in parents.items():
            if parent == p and child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_batch_killed_with_sigkill_leaves_no_worker_behind(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, range(400))
    db = tmp_path / "news.db"
    proc = docket(
        "batch", str(feed), "--db", str(db), "--workers", "2", "--batch-size", "2", "--commit-every", "2",
        "--quiet", cwd=tmp_path,
    )  # fmt: skip
    wait_until(lambda: documents(db) >= 2, "stored two articles", [proc])
    workers = children(proc.pid)
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)  # the batch alone: it cannot stop its workers
    proc.wait(timeout=30)
    deadline = time.monotonic() + 60
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "workers outlived their batch"


def test_deleting_the_store_and_running_the_batch_again_stores_everything(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_jsonl(feed, range(5))
    db = tmp_path / "news.db"
    runner = CliRunner()
    res = runner.invoke(app, ["batch", str(feed), "--db", str(db), "--quiet"])
    assert res.stdout.startswith("5 stored, 0 already there, 0 failed"), res.output
    for path in tmp_path.glob("news.db*"):
        if "journal" not in path.name and "errors" not in path.name:
            path.unlink()  # the store (and its WAL files); the journal stays beside it
    res = runner.invoke(app, ["batch", str(feed), "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("5 stored, 0 already there, 0 failed"), res.output
    assert sorted(stored_ids(db)) == sorted(ids)
