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

from docket.cli import app
from docket.store import open_store
from docket.web import synthetic

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

    from docket.web import storyview

    def broken(store: Any) -> Any:
        raise RuntimeError("bad rules")

    monkeypatch.setattr(storyview, "build_index", broken)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    got = runner.invoke(app, ["serve", "--db", str(db)])
    assert got.exit_code == 0
    assert "merging the stories failed (RuntimeError: bad rules)" in got.output
