"""`docket serve`: the command's checks, its defaults, and a real server answering over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import synthetic
from docket.cli import app
from docket.store import open_store

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "story.db"
    with open_store(path) as store:
        for rec in synthetic.story():
            store.add(rec)
    return path


def test_missing_store_is_bad_input_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    got = runner.invoke(app, ["serve", "--db", str(missing)])
    assert got.exit_code == 1
    assert str(missing) in got.output and "docket add" in got.output
    assert not missing.exists()  # serving never creates a store


def test_bad_port_is_usage_error(db: Path) -> None:
    assert runner.invoke(app, ["serve", "--db", str(db), "--port", "0"]).exit_code == 2
    assert runner.invoke(app, ["serve", "--db", str(db), "--port", "http"]).exit_code == 2


def test_defaults_bind_localhost_8321(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(asgi: Any, host: str, port: int, **kw: Any) -> None:
        seen.update(app=asgi, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    got = runner.invoke(app, ["serve", "--db", str(db)])
    assert got.exit_code == 0, got.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8321)
    assert "http://127.0.0.1:8321/" in got.output


def test_db_comes_from_docket_db_env(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setenv("DOCKET_DB", str(db))
    got = runner.invoke(app, ["serve"])
    assert got.exit_code == 0, got.output
    assert str(db) in got.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_over_http(db: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from docket.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        got = None
        for _ in range(300):
            try:
                got = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        assert got is not None, proc.stdout.read().decode() if proc.stdout else ""
        assert got.status_code == 200
        assert "Content-Security-Policy" in got.headers
        assert synthetic.STORY_TEXTS[0][1] in got.text
        assert (
            httpx.get(f"http://127.0.0.1:{port}/static/vendor/chart.umd.min.js", timeout=5).status_code == 200
        )
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_failing_story_merge_does_not_stop_the_viewer(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from docket.index import live

    def broken(store: Any) -> Any:
        raise RuntimeError("bad rules")

    monkeypatch.setattr(live, "build_index", broken)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    got = runner.invoke(app, ["serve", "--db", str(db)])
    assert got.exit_code == 0
    assert "merging the stories failed (RuntimeError: bad rules)" in got.output


def while_served(db: Path, monkeypatch: pytest.MonkeyPatch, check: Any, *args: str) -> None:
    """Run ``check(client)`` on the app `docket serve ARGS` serves, while it serves."""
    import uvicorn
    from fastapi.testclient import TestClient

    def fake_run(asgi: Any, host: str, port: int, **kw: Any) -> None:
        check(TestClient(asgi, base_url=f"http://{host}:{port}"))

    monkeypatch.setattr(uvicorn, "run", fake_run)
    got = runner.invoke(app, ["serve", "--db", str(db), *args])
    assert got.exit_code == 0, (got.output, got.exception)


def test_viewer_answers_only_the_host_names_it_was_started_for(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def loopback(client: Any) -> None:
        for host in ("127.0.0.1:8321", "localhost:8321", "LOCALHOST:8321", "[::1]:8321"):
            assert client.get("/", headers={"host": host}).status_code == 200, host
            assert client.get("/api/stories", headers={"host": host}).status_code == 200, host
        # DNS rebinding: a page of another site whose name now points at 127.0.0.1
        for host in (
            "evil.example:8321",
            "evil.example",
            "127.0.0.1:9999",
            "localhost",
            "",
            "127.0.0.1.evil.example",
        ):
            got = client.get("/api/stories", headers={"host": host})
            assert got.status_code == 400, host
            assert "Unknown host" in got.text and "stories" not in got.text
            assert got.headers["Content-Security-Policy"]
        assert client.get("/static/app.css", headers={"host": "evil.example:8321"}).status_code == 400

    def shared(client: Any) -> None:
        for host in ("10.1.2.3:9000", "news.lan:9000", "127.0.0.1:9000"):
            assert client.get("/", headers={"host": host}).status_code == 200, host
        for host in ("10.1.2.3:8321", "news.lan", "other.lan:9000"):
            assert client.get("/", headers={"host": host}).status_code == 400, host

    while_served(db, monkeypatch, loopback)
    while_served(db, monkeypatch, shared, "--host", "10.1.2.3", "--port", "9000", "--allow-host", "news.lan")
