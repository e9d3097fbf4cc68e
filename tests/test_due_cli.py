"""`docket due / timeline / stories / diff` over a store of constructed records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.record import Record
from docket.store import open_store
from test_story_builders import Article
from test_story_chains import afghanistan
from test_story_merge import iraq_story, reference_like

runner = CliRunner()


def make_store(path: Path, records: list[Record], names: list[str] | None = None) -> str:
    with open_store(path) as store:
        for n, rec in enumerate(records):
            store.add(rec, origin=f"articles/{names[n]}" if names else None)
    return str(path)


def run(*args: str) -> dict[str, object]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    out: dict[str, object] = json.loads(result.stdout)
    return out


def test_due_json_on_the_reference_like_article(tmp_path: Path) -> None:
    db = make_store(tmp_path / "one.db", [reference_like()])
    out = run("due", "--db", db, "--as-of", "2026-11-29", "--json")
    assert out["as_of"] == "2026-11-29"
    rows = {c["deadline"]["value"]: c for c in out["commitments"]}  # type: ignore[attr-defined]
    assert rows["2025-09"]["status"] == "overdue"
    assert rows["2026"]["status"] == "pending"
    assert rows["2026"]["days_left"] == 32
    assert rows["2026"]["deadline"]["mod"] == "END"
    assert rows["2026"]["deadline"]["latest"] == "2026-12-31"
    assert rows["2026"]["obligor"] == ["USA"]
    assert rows["2026"]["stage"] == 2
    doc = reference_like().document
    assert rows["2026"]["documents"] == [doc.id]
    ev = rows["2026"]["evidence"][0]
    assert ev["document"] == doc.id
    assert doc.text[ev["start"] : ev["end"]] == "the rest by the end of 2026"


def test_due_within_and_table_output(tmp_path: Path) -> None:
    db = make_store(tmp_path / "one.db", [reference_like()])
    out = run("due", "--db", db, "--as-of", "2026-11-29", "--within", "30d", "--json")
    assert [c["status"] for c in out["commitments"]] == ["overdue"]  # type: ignore[attr-defined]
    result = runner.invoke(app, ["due", "--db", db, "--as-of", "2026-11-29"])
    assert result.exit_code == 0
    assert "overdue" in result.stdout and "pending" in result.stdout and "32" in result.stdout


def test_due_on_the_story_lists_outcomes_and_disagreements(tmp_path: Path) -> None:
    records = iraq_story()
    db = make_store(tmp_path / "iraq.db", records)
    out = run("due", "--db", db, "--as-of", "2026-11-29", "--json")
    rows = {c["deadline"]["value"]: c for c in out["commitments"]}  # type: ignore[attr-defined]
    assert rows["2025-09"]["status"] == "fulfilled"
    assert rows["2025-09"]["on_time"] is False
    assert [f["document"] for f in rows["2025-09"]["fulfilled_by"]] == [
        records[3].document.id,
        records[4].document.id,
    ]
    assert rows["2026-09"]["status"] == "overdue"
    assert (rows["2026"]["status"], rows["2026"]["days_left"]) == ("pending", 32)
    values = [sorted(c["value"] for c in x["claims"]) for x in out["contradictions"]]  # type: ignore[attr-defined]
    assert ["2,000", "2,500"] in values


def test_adding_an_article_updates_the_answer(tmp_path: Path) -> None:
    records = afghanistan()
    path = tmp_path / "afg.db"
    db = make_store(path, records[:2])
    out = run("due", "--db", db, "--as-of", "2021-09-30", "--json")
    assert sorted(c["status"] for c in out["commitments"]) == ["overdue", "superseded"]  # type: ignore[attr-defined]
    make_store(path, records[2:])
    out = run("due", "--db", db, "--as-of", "2021-09-30", "--json")
    statuses = sorted(c["status"] for c in out["commitments"])  # type: ignore[attr-defined]
    assert statuses == ["fulfilled", "superseded", "superseded"]


def test_timeline_in_time_order_at_each_precision(tmp_path: Path) -> None:
    db = make_store(tmp_path / "iraq.db", iraq_story())
    out = run("timeline", "--db", db, "--json")
    entries = out["entries"]
    assert isinstance(entries, list)
    firsts = [e["earliest"] for e in entries]
    assert firsts == sorted(firsts)
    deadlines = [e for e in entries if e["kind"] == "deadline"]
    assert [d["when"] for d in deadlines] == ["2025-09", "2026-09", "2026 END"]
    assert {d["precision"] for d in deadlines} == {"month", "year"}
    kinds = {e["kind"] for e in entries}
    assert {"event", "commitment", "deadline", "fulfilment"} <= kinds


def test_stories_and_story_option(tmp_path: Path) -> None:
    db = make_store(tmp_path / "two.db", iraq_story() + afghanistan())
    out = run("stories", "--db", db, "--json")
    stories = out["stories"]
    assert isinstance(stories, list) and len(stories) == 2
    afg = next(s for s in stories if s["first"] == "2020-02-29")
    assert len(afg["documents"]) == 4
    only = run("due", "--db", db, "--as-of", "2021-09-30", "--story", afg["id"], "--json")
    assert len(only["commitments"]) == 3  # type: ignore[arg-type]
    assert all(c["story"] == afg["id"] for c in only["commitments"])  # type: ignore[attr-defined]
    line = run("timeline", "--db", db, "--story", afg["id"], "--json")
    assert {e["story"] for e in line["entries"]} == {afg["id"]}  # type: ignore[attr-defined]


def test_diff_by_file_name_shows_the_moved_deadline(tmp_path: Path) -> None:
    names = ["doha.txt", "biden.txt", "july.txt", "done.txt"]
    db = make_store(tmp_path / "afg.db", afghanistan(), names)
    out = run("diff", "biden.txt", "--db", db, "--json")
    [moved] = out["moved"]  # type: ignore[misc]
    assert moved["latest"] == "2021-09-11"
    assert [x["latest"] for x in moved["supersedes"]] == ["2021-04-29"]
    done = run("diff", "done.txt", "--db", db, "--json")
    [kept] = done["fulfilled"]  # type: ignore[misc]
    assert kept["on_time"] is True
    first = run("diff", "articles/doha.txt", "--db", db, "--json")
    assert len(first["new"]) == 1  # type: ignore[arg-type]


def test_diff_reports_new_and_changed_numbers(tmp_path: Path) -> None:
    records = iraq_story()
    db = make_store(tmp_path / "iraq.db", records)
    out = run("diff", records[2].document.id[:10], "--db", db, "--json")
    changes = {n["text"]: n["change"] for n in out["numbers"]}  # type: ignore[attr-defined]
    assert changes["about 2,500"] == "same"
    assert changes["around 2,000 troops"] == "changed"
    assert out["contradictions"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["due", "--within", "soon"], 2, "30d"),
        (["due", "--as-of", "29/11/2026"], 2, "YYYY-MM-DD"),
        (["due", "--story", "nope"], 1, "docket stories"),
        (["diff", "nothing-like-this"], 1, "no such article"),
    ],
)
def test_bad_input_says_what_to_do(tmp_path: Path, args: list[str], code: int, words: str) -> None:
    db = make_store(tmp_path / "one.db", [reference_like()])
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == code
    assert words in result.output or words in (result.stderr or "")


def test_missing_store_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["due", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store there" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_empty_store_has_nothing_due(tmp_path: Path) -> None:
    db = make_store(tmp_path / "empty.db", [])
    out = run("due", "--db", db, "--as-of", "2026-11-29", "--json")
    assert out == {"as_of": "2026-11-29", "commitments": [], "contradictions": []}
    assert run("stories", "--db", db, "--json") == {"stories": []}


def test_article_without_commitments_gets_its_own_story(tmp_path: Path) -> None:
    a = Article("Nothing was promised here.", "2024-01-01")
    db = make_store(tmp_path / "x.db", [a.record()])
    [story] = run("stories", "--db", db, "--json")["stories"]  # type: ignore[misc]
    assert story["documents"] == [a.record().document.id]


def test_tables_for_people(tmp_path: Path) -> None:
    names = ["doha.txt", "biden.txt", "july.txt", "done.txt"]
    db = make_store(tmp_path / "afg.db", afghanistan(), names)
    timeline = runner.invoke(app, ["timeline", "--db", db])
    assert timeline.exit_code == 0
    assert "2021-09-11" in timeline.stdout and "moved" in timeline.stdout
    stories = runner.invoke(app, ["stories", "--db", db])
    assert stories.exit_code == 0 and "2020-02-29" in stories.stdout
    moved = runner.invoke(app, ["diff", "biden.txt", "--db", db])
    assert moved.exit_code == 0
    assert "moved" in moved.stdout and "(was P14M (2021-04-29))" in moved.stdout


def test_diff_table_marks_each_number(tmp_path: Path) -> None:
    records = iraq_story()
    db = make_store(tmp_path / "iraq.db", records)
    result = runner.invoke(app, ["diff", records[2].document.id[:12], "--db", db])
    assert result.exit_code == 0
    assert "around 2,000 troops [changed] (before: 2,500)" in result.stdout
    assert "about 2,500 [same]" in result.stdout
