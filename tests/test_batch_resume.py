"""A batch killed midway (SIGKILL, Ctrl-C) and run again stores every document exactly once.

The input comes through a named pipe the test writes to, so the kill lands while
the batch is surely midway: it has stored what it was given and waits for more.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from test_batch import article_text, parquet_ids, stored_ids, write_jsonl

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")

TOTAL = 40
FIRST = 24  # articles the killed run is given


def journaled(path: Path) -> int:
    if not path.exists():
        return 0
    count = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError, KeyError):
            count += len(json.loads(line)["done"])
    return count


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "docket", "batch", *args, "--quiet"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches its workers too
    )


def feed_pipe(fifo: Path, proc: subprocess.Popen[bytes], lines: list[str]) -> int:
    """Open the pipe once the batch reads it, write ``lines``, and return the open descriptor."""
    deadline = time.monotonic() + 120
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO or proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the batch never opened its input: {proc.stderr!r}") from None
            time.sleep(0.05)
    os.set_blocking(fd, True)
    os.write(fd, "".join(line + "\n" for line in lines).encode())
    return fd


def wait_for(journal: Path, count: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while journaled(journal) < count:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
            raise AssertionError(f"the batch stored {journaled(journal)} of {count} in time: {err.decode()}")
        time.sleep(0.05)


def lines_of(numbers: range) -> list[str]:
    return [json.dumps({"text": article_text(n), "published": "2024-09-07"}) for n in numbers]


@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_midway_then_resume_stores_each_document_once_in_sqlite(tmp_path: Path, workers: int) -> None:
    fifo = tmp_path / "incoming.jsonl"
    os.mkfifo(fifo)
    db = tmp_path / "news.db"
    journal = tmp_path / "news.db.journal.jsonl"
    args = ["--db", str(db), "--workers", str(workers), "--batch-size", "2", "--commit-every", "2"]
    proc = start([str(fifo), *args], tmp_path)
    fd = feed_pipe(fifo, proc, lines_of(range(FIRST)))
    try:
        wait_for(journal, 8, proc)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        os.close(fd)
    assert proc.returncode == -signal.SIGKILL
    before = stored_ids(db)
    assert 8 <= len(before) <= FIRST

    everything = tmp_path / "all.jsonl"
    ids = write_jsonl(everything, range(TOTAL))
    resumed = start([str(everything), *args], tmp_path)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    assert out.decode().startswith(f"{TOTAL - len(before)} stored, {len(before)} already there, 0 failed")
    after = stored_ids(db)
    assert sorted(after) == sorted(ids) and len(after) == len(set(after)) == TOTAL


def test_sigkill_with_batches_in_flight_then_resume_parquet(tmp_path: Path) -> None:
    fifo = tmp_path / "incoming.jsonl"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    args = ["--out", str(out), "--workers", "2", "--batch-size", "2", "--commit-every", "2"]
    proc = start([str(fifo), *args], tmp_path)
    fd = feed_pipe(fifo, proc, lines_of(range(FIRST)))
    try:
        wait_for(out / "journal.jsonl", 6, proc)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        os.close(fd)
    written = parquet_ids(out)
    assert 6 <= len(written) < FIRST  # some batches were still in the workers
    everything = tmp_path / "all.jsonl"
    ids = write_jsonl(everything, range(TOTAL))
    resumed = start([str(everything), *args], tmp_path)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    got = parquet_ids(out)
    assert sorted(got) == sorted(ids) and len(got) == len(set(got)) == TOTAL


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_keeps_what_was_written_and_says_how_to_resume(tmp_path: Path, workers: int) -> None:
    fifo = tmp_path / "incoming.jsonl"
    os.mkfifo(fifo)
    db = tmp_path / "news.db"
    args = ["--db", str(db), "--workers", str(workers), "--batch-size", "2", "--commit-every", "2"]
    proc = start([str(fifo), *args], tmp_path)
    fd = feed_pipe(fifo, proc, lines_of(range(10)))
    try:
        wait_for(tmp_path / "news.db.journal.jsonl", 4, proc)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(fd)
    assert proc.returncode == 130, err.decode()  # on failure, say what the batch printed
    assert "run the same command again to resume" in err.decode()
    stored = stored_ids(db)
    assert 4 <= len(stored) <= 10 and journaled(tmp_path / "news.db.journal.jsonl") == len(stored)


class _SignalOnStatement:
    """The store's connection, sending this process SIGINT right after the ``nth`` statement that
    begins with ``verb`` has run (as a Ctrl-C would land just then)."""

    def __init__(self, db: Any, verb: str, nth: int = 2) -> None:
        self._db, self._verb, self._left = db, verb, nth

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def _ran(self, sql: str) -> None:
        if sql.lstrip().upper().startswith(self._verb):
            self._left -= 1
            if self._left == 0:
                os.kill(os.getpid(), signal.SIGINT)

    def execute(self, sql: str, *args: Any) -> Any:
        out = self._db.execute(sql, *args)
        self._ran(sql)
        return out

    def executemany(self, sql: str, *args: Any) -> Any:
        out = self._db.executemany(sql, *args)
        self._ran(sql)
        return out


@pytest.mark.parametrize("moment", ["BEGIN", "SAVEPOINT", "INSERT", "RELEASE", "COMMIT", "journal line"])
def test_ctrl_c_at_any_moment_of_a_write_exits_130_with_the_resume_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    from typer.testing import CliRunner

    from docket.batch import runner
    from docket.batch.journal import Journal
    from docket.cli import app

    if moment == "journal line":
        append, calls = Journal.append, [0]

        def interrupted_append(self: Journal, objects: Any) -> None:
            calls[0] += 1
            if calls[0] == 2:  # the second write's line, about to be written
                os.kill(os.getpid(), signal.SIGINT)
            append(self, objects)

        monkeypatch.setattr(Journal, "append", interrupted_append)
    else:
        open_store = runner._open_store

        def signalling_store(db: str) -> Any:
            sink = open_store(db)
            sink.store.db = _SignalOnStatement(sink.store.db, moment)
            return sink

        monkeypatch.setattr(runner, "_open_store", signalling_store)

    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(10))
    db = tmp_path / "news.db"
    journal = tmp_path / "news.db.journal.jsonl"
    args = ["batch", str(feed), "--db", str(db), "--batch-size", "2", "--commit-every", "2", "--quiet"]
    cut = CliRunner().invoke(app, args)
    assert cut.exit_code == 130, cut.output
    assert "run the same command again to resume" in cut.stderr
    stored = stored_ids(db)
    # the write the Ctrl-C came in is kept whole, with its journal line, or not at all
    assert 2 <= len(stored) < 10 and len(stored) % 2 == 0
    assert journaled(journal) == len(stored)

    monkeypatch.undo()
    resumed = CliRunner().invoke(app, args)
    assert resumed.exit_code == 0, resumed.output
    assert resumed.stdout.startswith(f"{10 - len(stored)} stored, {len(stored)} already there, 0 failed")
    after = stored_ids(db)
    assert sorted(after) == sorted(ids) and len(after) == len(set(after))
