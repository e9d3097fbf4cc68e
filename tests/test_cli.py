"""The commands as a user runs them: output, exit codes, error lines, the store they leave."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.commands.common import EXTRACT_BATCH

ARTICLE = (
    "Niger and the United States agreed on Sunday that American forces will leave the country "
    "no later than Sept. 15, 2024, the two governments said in a joint statement. About 1,000 US "
    "troops are stationed at two bases, officials said."
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def article(folder: Path, name: str, text: str = ARTICLE, published: str | None = "2024-05-20") -> Path:
    p = folder / name
    head = f"---\npublished: {published}\ntitle: {name}\noutlet: Test Wire\n---\n" if published else ""
    p.write_text(head + text, encoding="utf-8")
    return p


def rows(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def test_read_json_prints_one_record_a_line(runner: CliRunner, tmp_path: Path) -> None:
    a = article(tmp_path, "a.txt")
    b = article(tmp_path, "b.txt", ARTICLE + " The pullout has begun.")
    res = runner.invoke(app, ["read", str(a), str(b), "--json"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().split("\n")
    assert len(lines) == 2
    recs = [json.loads(line) for line in lines]
    assert recs[0]["document"]["published"] == "2024-05-20"
    assert recs[0]["document"]["chars"] == len(ARTICLE) == len(recs[0]["document"]["text"])
    assert recs[0]["document"]["title"] == "a.txt"
    assert set(recs[0]) == {"document", "timexes", "quantities", "actors", "sources", "events", "commitments"}


def test_read_published_option_for_a_bare_text(runner: CliRunner, tmp_path: Path) -> None:
    a = article(tmp_path, "a.txt", published=None)
    res = runner.invoke(app, ["read", str(a), "--published", "2024-09-07", "--json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["document"]["published"] == "2024-09-07"


def test_read_summary_is_readable(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(app, ["read", str(article(tmp_path, "a.txt"))])
    assert res.exit_code == 0
    assert "a.txt" in res.stdout and "published 2024-05-20" in res.stdout


def test_missing_date_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    bad = article(tmp_path, "bare.txt", published=None)
    good = article(tmp_path, "good.txt")
    res = runner.invoke(app, ["read", str(bad), str(good), "--json"])
    assert res.exit_code == 1
    err = res.stderr.strip().split("\n")
    assert len(err) == 1
    assert "bare.txt" in err[0] and "--published" in err[0]
    assert "Traceback" not in res.output
    assert json.loads(res.stdout)["document"]["title"] == "good.txt"  # the good file still went through


def test_read_many_keeps_the_order_and_each_record(runner: CliRunner, tmp_path: Path) -> None:
    # more articles than are extracted together, with unreadable ones between them
    paths = []
    for n in range(EXTRACT_BATCH + 3):
        paths.append(article(tmp_path, f"a{n:02d}.txt", ARTICLE + f" {n + 2} convoys left."))
        if n % 7 == 3:
            paths.append(article(tmp_path, f"bare{n:02d}.txt", published=None))
    res = runner.invoke(app, ["read", *map(str, paths), "--json"])
    assert res.exit_code == 1
    titles = [json.loads(line)["document"]["title"] for line in res.stdout.strip().split("\n")]
    assert titles == [p.name for p in paths if p.name.startswith("a")]
    assert len(res.stderr.strip().split("\n")) == len(paths) - len(titles)
    last_article = [p for p in paths if p.name.startswith("a")][-1]
    alone = json.loads(runner.invoke(app, ["read", str(last_article), "--json"]).stdout)
    last = json.loads(res.stdout.strip().split("\n")[-1])
    assert last["document"].pop("copy_of")  # (the same article with another number: a copy of the first)
    assert alone["document"].pop("copy_of") is None
    assert alone == last


def test_bad_date_option_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(app, ["read", str(article(tmp_path, "a.txt")), "--published", "07/09/2024"])
    assert res.exit_code == 2
    assert "YYYY-MM-DD" in res.output


def test_add_twice_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "arts"
    folder.mkdir()
    article(folder, "a.txt")
    article(folder, "b.txt", ARTICLE.replace("Sunday", "Monday"))
    db = tmp_path / "s.db"
    first = runner.invoke(app, ["add", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "2 added, 0 already stored, 0 failed" in first.stdout
    before = rows(db)
    second = runner.invoke(app, ["add", str(folder), "--db", str(db)])
    assert second.exit_code == 0
    assert "0 added, 2 already stored" in second.stdout
    assert rows(db) == before
    assert before["documents"] == 2


def test_add_stores_nothing_for_a_bad_file_but_keeps_the_good(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    good = article(tmp_path, "good.txt")
    db = tmp_path / "s.db"
    res = runner.invoke(app, ["add", str(tmp_path / "empty.txt"), str(good), "--db", str(db)])
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr and "empty" in res.stderr
    assert rows(db)["documents"] == 1


def test_db_defaults_to_env(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    res = runner.invoke(app, ["add", str(article(tmp_path, "a.txt"))], env={"DOCKET_DB": str(db)})
    assert res.exit_code == 0
    assert rows(db)["documents"] == 1


def test_schema_prints_json_schema(runner: CliRunner) -> None:
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    assert schema["title"] == "docket record"
    assert "Commitment" in schema["$defs"]


def test_demo_stores_the_sample_story(runner: CliRunner, tmp_path: Path) -> None:
    from conftest import SAMPLE

    db = tmp_path / "demo.db"
    n = len(list((SAMPLE / "iraq").glob("*.txt")))
    assert n >= 6
    res = runner.invoke(app, ["demo", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert f"{n} new articles" in res.stdout
    assert rows(db)["documents"] == n
    again = runner.invoke(app, ["demo", "--db", str(db)])
    assert "0 new articles" in again.stdout


def test_console_script_errors_have_no_traceback(tmp_path: Path) -> None:
    """The real command in a fresh process: exit codes and a single error line."""
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\x00\x01\x02")
    env = {**os.environ, "DOCKET_DB": str(tmp_path / "s.db")}
    res = subprocess.run(
        [sys.executable, "-m", "docket", "read", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "x.bin" in res.stderr and "Traceback" not in res.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "docket", "read"], capture_output=True, text=True, env=env, check=False
    )
    assert usage.returncode == 2


def test_read_uses_a_user_actors_file(runner: CliRunner, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "organizations:\n"
        "  - {id: sahel-watch, name: Sahel Watch, kind: organization, aliases: [Sahel Watch]}\n",
        encoding="utf-8",
    )
    text = ARTICLE + " Sahel Watch, a monitoring group, welcomed the deal."
    a = article(tmp_path, "a.txt", text)
    plain = json.loads(runner.invoke(app, ["read", str(a), "--json"]).stdout)
    assert "sahel-watch" not in {x["id"] for x in plain["actors"]}
    res = runner.invoke(app, ["read", str(a), "--json"], env={"DOCKET_ACTORS": str(user)})
    assert res.exit_code == 0, res.output
    actors = {x["id"]: x for x in json.loads(res.stdout)["actors"]}
    assert actors["sahel-watch"]["kind"] == "organization"
    assert actors["sahel-watch"]["mentions"][0]["text"] == "Sahel Watch"
