"""The PostgreSQL store: the dialect layer (no server needed) and the store against a real server.

The server fixture uses Debian's postgresql (installing it with apt-get when run as
root and it is missing), initdb's a cluster in a temporary folder, starts it on
127.0.0.1 on a free port and stops it at the end. Tests skip, saying why, only
where no server can be had.
"""

from __future__ import annotations

import datetime as dt
import glob
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.record import Document, Record
from docket.store.postgres import redact, translate
from docket.store.sqlite import StoreError

ARTICLE = (
    "Niger and the United States agreed on Sunday that American forces will leave the country "
    "no later than Sept. 15, 2024, the two governments said in a joint statement. About 1,000 US "
    "troops are stationed at two bases, officials said."
)

# -- the dialect layer --------------------------------------------------------------------------


def test_placeholders_become_psycopg_ones_outside_strings_only() -> None:
    got = translate("SELECT id FROM t WHERE a = ? AND b LIKE '%?%' AND c = ? || '%'")
    assert got == "SELECT id FROM t WHERE a = %s AND b LIKE '%%?%%' AND c = %s || '%%'"
    assert translate("SELECT '50%' FROM t", has_params=False) == "SELECT '50%' FROM t"


def test_comments_are_dropped_so_their_quotes_do_not_count() -> None:
    sql = "CREATE TABLE t (\n id TEXT, -- the reader's id?\n n INTEGER\n)"
    assert translate(sql, has_params=False) == "CREATE TABLE t (rowid BIGSERIAL, \n id TEXT, \n n INTEGER\n)"


def test_sqlite_types_and_functions() -> None:
    ddl = translate(
        "CREATE TABLE IF NOT EXISTS m (version INTEGER PRIMARY KEY, v REAL,"
        " at TEXT DEFAULT (datetime('now')))",
        has_params=False,
    )
    assert ddl is not None
    assert ddl.startswith("CREATE TABLE IF NOT EXISTS m (rowid BIGSERIAL, version BIGSERIAL PRIMARY KEY, ")
    assert "v DOUBLE PRECISION" in ddl and "datetime" not in ddl and "now()" in ddl
    q = translate("SELECT json_extract(q.data, '$.mod'), max(1, q.start - ?), max(rowid) FROM q")
    assert q == "SELECT (q.data::json ->> 'mod'), greatest(1, q.start - %s), max(rowid) FROM q"


def test_pragmas_and_transactions() -> None:
    assert translate("PRAGMA user_version") == "SELECT coalesce(max(version), 0) FROM schema_migrations"
    assert translate("PRAGMA user_version = 3") is None
    assert translate("PRAGMA journal_mode = WAL") is None
    assert translate("PRAGMA query_only = ON") == "SET default_transaction_read_only = on"
    assert translate("BEGIN IMMEDIATE") == "BEGIN"


def test_redact_hides_the_password() -> None:
    assert redact("postgresql://me:secret@db:5432/news") == "postgresql://me:***@db:5432/news"
    assert redact("postgresql://me@db/news") == "postgresql://me@db/news"


@given(st.text(alphabet="ab ?%'\"-\n(),", max_size=60))
def test_translate_never_crashes_and_keeps_every_placeholder(sql: str) -> None:
    out = translate(sql)
    if out is not None and "'" not in sql and '"' not in sql and "--" not in sql:
        assert out.count("%s") == sql.count("?")


# -- a real server -----------------------------------------------------------------------------


def _bindir() -> Path | None:
    env = os.environ.get("DOCKET_PG_BINDIR")
    if env:
        return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _install() -> str | None:
    """Install Debian's postgresql; returns why it cannot be had, or None."""
    if os.name != "posix" or os.geteuid() != 0:
        return "PostgreSQL is not installed, and installing it needs root"
    if shutil.which("apt-get") is None:
        return "PostgreSQL is not installed, and there is no apt-get to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            return f"apt-get could not install postgresql: {done.stderr.strip()[-300:]}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server of its own on 127.0.0.1: yields the URL of its 'postgres' database."""
    pytest.importorskip("psycopg")
    bindir = _bindir()
    if bindir is None:
        why = _install()
        if why:
            pytest.skip(why)
        bindir = _bindir()
        if bindir is None:
            pytest.skip("postgresql was installed but initdb is not found; set DOCKET_PG_BINDIR")
    user: str | None = None
    if os.geteuid() == 0:  # initdb refuses root: run the server as the package's user
        try:
            import pwd

            pwd.getpwnam("postgres")
            user = "postgres"
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
    home = Path(tempfile.mkdtemp(prefix="docket-pg-"))
    if user:
        shutil.chown(home, user)
    data, port = home / "data", _free_port()
    run = {"user": user, "capture_output": True, "text": True, "timeout": 120, "check": False}
    init = subprocess.run(
        [str(bindir / "initdb"), "-D", str(data), "-U", "docket", "--auth=trust", "-E", "UTF8", "--no-sync"],
        **run,
    )
    if init.returncode != 0:
        shutil.rmtree(home, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[-300:]}")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={home} -c fsync=off"
    start = subprocess.run(
        [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-o", options, "-w", "start"],
        **run,
    )
    if start.returncode != 0:
        log = (home / "log").read_text(errors="replace")[-300:] if (home / "log").exists() else ""
        shutil.rmtree(home, ignore_errors=True)
        pytest.skip(f"the PostgreSQL server did not start: {start.stderr.strip()[-200:]} {log}")
    try:
        yield f"postgresql://docket@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], **run)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture()
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the server."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def record(nlp: object) -> Record:
    from docket import pipeline

    return pipeline.extract(Document.from_text(ARTICLE, published=dt.date(2024, 5, 20)), nlp)  # type: ignore[arg-type]


@pytest.mark.postgres
def test_postgres_store_has_the_same_schema_and_round_trips_a_record(pg_url: str, record: Record) -> None:
    from docket.store import open_store
    from docket.store.migrations import latest_version
    from docket.store.postgres import PostgresStore

    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.schema_version() == latest_version()
        assert store.add(record, "niger.txt").added
        assert not store.add(record, "again.txt").added
        assert store.record(record.document.id) == record
        assert list(store.records()) == [record]
        counts = store.counts()
    assert counts["documents"] == 1
    assert counts["timexes"] == len(record.timexes) and counts["commitments"] == len(record.commitments)
    assert counts["actor_mentions"] == sum(len(a.mentions) for a in record.actors)
    # Opening again migrates nothing and keeps the data.
    with open_store(pg_url) as store:
        assert store.schema_version() == latest_version()
        assert store.document_ids() == [record.document.id]


@pytest.mark.postgres
def test_same_counts_as_sqlite(pg_url: str, record: Record, tmp_path: Path) -> None:
    from docket.store import open_store

    with open_store(pg_url) as pg, open_store(tmp_path / "x.db") as lite:
        for store in (pg, lite):
            store.add(record)
        assert pg.counts() == lite.counts()
        assert pg.record(record.document.id) == lite.record(record.document.id)


def _writer(url: str, texts: list[str]) -> int:
    from docket.store import open_store

    records = [(Record(document=Document.from_text(t, published=dt.date(2024, 1, 1))), None) for t in texts]
    with open_store(url) as store:
        return sum(r.added for r in store.add_many(records))


@pytest.mark.postgres
def test_many_writers_store_each_document_once(pg_url: str) -> None:
    texts = [f"Report number {n} on the talks." for n in range(30)]
    shares = [texts[0:20], texts[10:30], texts[5:25]]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        added = pool.starmap(_writer, [(pg_url, share) for share in shares])
    assert sum(added) == 30
    from docket.store import open_store

    with open_store(pg_url) as store:
        assert store.counts()["documents"] == 30


@pytest.mark.postgres
def test_batch_into_postgres_and_resume(pg_url: str, tmp_path: Path) -> None:
    from docket.batch import run_batch
    from docket.store import open_store
    from test_batch import options, write_jsonl

    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(8))
    journal = tmp_path / "pg.journal.jsonl"
    first = run_batch(options(tmp_path, [feed], db=pg_url, journal=journal, errors=tmp_path / "e.jsonl"))
    assert first.stored == 8
    journal.write_text("")  # even without the journal, the store keeps each document once
    again = run_batch(options(tmp_path, [feed], db=pg_url, journal=journal, errors=tmp_path / "e.jsonl"))
    assert again.stored == 0 and again.already == 8
    with open_store(pg_url) as store:
        assert sorted(store.document_ids()) == sorted(ids)


def test_unreachable_server_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    from docket.store import open_store

    port = _free_port()
    with pytest.raises(
        StoreError, match=r"postgresql://me:\*\*\*@127.0.0.1:\d+/x: cannot connect to PostgreSQL"
    ):
        open_store(f"postgresql://me:pw@127.0.0.1:{port}/x")


@pytest.mark.postgres
def test_story_queries_give_the_same_answers_as_sqlite(pg_url: str, record: Record, tmp_path: Path) -> None:
    """The story index (docket due, timeline, stories) runs on PostgreSQL through the same layer."""
    from docket.index.query import story_index
    from docket.store import open_store
    from docket.store.documents import find_documents

    with open_store(pg_url) as pg, open_store(tmp_path / "x.db") as lite:
        answers = []
        for store in (pg, lite):
            store.add(record, "niger.txt")
            index = story_index(store)
            again = story_index(store)  # read back from the saved tables
            answers.append(
                (
                    [s.id for s in index.stories()],
                    [s.id for s in again.stories()],
                    [t.id for t in again.commitments()],
                    len(again.timeline()),
                    [d.id for d in find_documents(store, record.document.id[:8])],
                    [r.json() for r in again.due(dt.date(2026, 11, 29), with_json=True)],
                    list(again.timeline_json(limit=2, offset=1)),
                    list(again.timeline_json(offset=1)),
                )
            )
        assert answers[0] == answers[1]
        assert answers[0][4] == [record.document.id]
        assert answers[0][5] and answers[0][6] == answers[0][7][:2]


@pytest.mark.postgres
def test_story_index_updated_for_new_articles_on_postgres(
    pg_url: str, extract: Callable[..., Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The update of the saved index for new articles (keys, LIKE, IN lists) runs on PostgreSQL and
    gives what SQLite's whole merge gives."""
    from docket.index import incremental
    from docket.index.query import story_index
    from docket.store import open_store

    texts = [
        (
            "Niger and the United States agreed that US troops will withdraw by September 15, 2024.",
            "2024-05-20",
        ),
        ("The US military said it will complete its withdrawal from Niger by September 15.", "2024-06-10"),
        ("The United States completed its withdrawal of troops from Niger on August 5.", "2024-08-06"),
    ]
    records = [extract(text, day) for text, day in texts]
    ran: list[bool] = []
    real = incremental.update

    def spy(*args: Any) -> bool:
        ran.append(real(*args))
        return ran[-1]

    monkeypatch.setattr(incremental, "update", spy)
    with open_store(pg_url) as pg, open_store(tmp_path / "whole.db") as lite:
        for n, rec in enumerate(records):
            pg.add(rec, f"{n}.txt")
            lite.add(rec, f"{n}.txt")
            story_index(pg)
        got, want = story_index(pg), story_index(lite, rebuild=True)
        day = dt.date(2024, 9, 20)
        assert [r.json() for r in got.due(day, with_json=True)] == [
            r.json() for r in want.due(day, with_json=True)
        ]
        assert list(got.timeline_json()) == list(want.timeline_json())
        assert [s.documents for s in got.stories()] == [s.documents for s in want.stories()]
    assert True in ran
