"""An analyst's corrections: made from the command line, kept apart from extraction, applied on every
build of the story index, undoable, listed with who, when and why, and carried by the exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.data import path as data_path
from docket.index.query import story_index
from docket.record import Record
from docket.store import open_store
from test_story_builders import Article
from test_story_chains import D, afghanistan
from test_story_merge import iraq_story

runner = CliRunner()
ANN = {"DOCKET_ANALYST": "Ann Analyst"}
SAMPLE = Path(data_path("sample")) / "iraq"


def cli(*args: str, code: int = 0, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=ANN if env is None else env)
    assert result.exit_code == code, result.output
    return result.output


def cli_json(*args: str) -> Any:
    return json.loads(cli(*args, "--json"))


def due(db: str, day: str = "2026-11-29") -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in cli_json("due", "--db", db, "--as-of", day)["commitments"]}


def add_records(db: str, records: list[Record]) -> None:
    with open_store(db) as store:
        for rec in records:
            store.add(rec)


def stories(db: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = cli_json("stories", "--db", db)["stories"]
    return out


def one(rows: dict[str, dict[str, Any]], **wanted: Any) -> dict[str, Any]:
    """The one commitment whose fields have these values (deadline: its value and mod)."""
    found = [
        c
        for c in rows.values()
        if all(
            (c[k] if k != "deadline" else c["deadline"] and c["deadline"]["value"]) == v
            for k, v in wanted.items()
        )
    ]
    assert len(found) == 1, [(c["action"], c["deadline"]) for c in rows.values()]
    return found[0]


def test_every_correction_outlives_re_extraction_and_rebuilds(tmp_path: Path) -> None:
    """The issue's test: correct an obligor, reject a commitment, add a missed one and merge two
    stories; read every article again and rebuild the index; every correction still holds."""
    db = str(tmp_path / "story.db")
    cli("add", str(SAMPLE), "--db", db)
    add_records(db, afghanistan())
    rows = due(db)
    exit_2026 = one(rows, action="withdraw", deadline="2026")
    mission = one(rows, action="continue")
    assert exit_2026["obligor"] == ["coalition", "USA"]
    before = stories(db)
    assert len(before) == 2

    said = cli("fix", exit_2026["id"], "--obligor", "European Union", "--note", "per the EU", "--db", db)
    assert said.startswith("correction 1: obligor of ") and "European Union (eu)" in said
    cli("reject", mission["id"], "--note", "a standing mission, not a promise", "--db", db)
    with open_store(db) as store:
        text = store.db.execute(
            "SELECT text FROM documents WHERE origin LIKE '%05-pentagon-statement.txt'"
        ).fetchone()[0]
    sentence = "US soldiers would be out of Ain al-Asad air base in Anbar province by mid-September"
    start = text.index(sentence)
    added = cli(
        "add-commitment",
        "05-pentagon-statement.txt",
        "--span",
        f"{start}:{start + len(sentence)}",
        "--obligor",
        "USA",
        "--action",
        "leave",
        "--object",
        "Ain al-Asad air base",
        "--deadline",
        "2025-09 MID",
        "--note",
        "missed: Iraqi officials' word",
        "--db",
        db,
    )
    added_id = added.split("added ")[1].split()[0]
    cli("merge", before[0]["id"], before[1]["id"], "--note", "one withdrawal", "--db", db)

    def holds() -> None:
        rows = due(db)
        assert rows[exit_2026["id"]]["obligor"] == ["eu"]
        assert rows[exit_2026["id"]]["corrections"][0]["by"] == "Ann Analyst"
        assert rows[exit_2026["id"]]["corrections"][0]["note"] == "per the EU"
        assert rows[mission["id"]]["status"] == "rejected"
        assert rows[mission["id"]]["why"].startswith("rejected: analyst Ann Analyst, correction 2")
        new = rows[added_id]
        assert (new["obligor"], new["action"], new["object"]) == (["USA"], "leave", "Ain al-Asad air base")
        assert (new["deadline"]["value"], new["deadline"]["mod"]) == ("2025-09", "MID")
        # it joins the merge like any report: a later article tells it was done
        assert new["status"] == "fulfilled" and new["why"].startswith("fulfilled: report ")
        assert new["evidence"][0]["end"] - new["evidence"][0]["start"] == len(sentence)
        merged = stories(db)
        assert len(merged) == 1
        assert set(merged[0]["documents"]) == {d for s in before for d in s["documents"]}
        listed = cli_json("corrections", "--db", db)["corrections"]
        assert [c["kind"] for c in listed] == ["fix", "reject", "add", "merge"]
        assert all(c["holds_on"] for c in listed)

    holds()
    # every article read and extracted again
    with open_store(db) as store:
        store.db.execute("DELETE FROM documents")
        store.db.commit()
    assert due(db) == {}
    cli("add", str(SAMPLE), "--db", db)
    add_records(db, afghanistan())
    holds()
    # a rebuild of the index, and an index saved by other rules
    with open_store(db) as store:
        story_index(store, rebuild=True)
    holds()
    with open_store(db) as store:
        store.db.execute("UPDATE story_state SET value = 'other-rules' WHERE key = 'fingerprint'")
        store.db.commit()
    holds()
    # undone, the obligor is docket's again; the undoing is listed
    said = cli("corrections", "undo", "1", "--db", db, env={"DOCKET_ANALYST": "Bo"})
    assert said.startswith("correction 1 undone by Bo")
    assert due(db)[exit_2026["id"]]["obligor"] == ["coalition", "USA"]
    first = cli_json("corrections", "--db", db)["corrections"][0]
    assert first["undone"] is True and first["undone_by"] == "Bo"


def test_a_deadline_history_and_an_analysts_fulfilment(tmp_path: Path) -> None:
    db = str(tmp_path / "afg.db")
    add_records(db, afghanistan())
    rows = due(db, "2021-12-01")
    last = one(rows, deadline="2021-08-31")
    assert [(h["deadline"], h["reported_on"]) for h in last["history"]] == [
        ("P14M", "2020-02-29"),
        ("2021-09-11", "2021-04-14"),
        ("2021-08-31", "2021-07-08"),
    ]
    assert last["status"] == "fulfilled"
    # the timeline's deadline entry tells the history in words
    entries = cli_json("timeline", "--db", db)["entries"]
    deadline = next(e for e in entries if e["kind"] == "deadline" and e["item"] == last["id"])
    assert deadline["why"].startswith("deadline history: P14M (report ")
    assert " → 2021-09-11 (report " in deadline["why"] and deadline["why"].count("→") == 2

    # an analyst moves the last deadline and says when it was done
    cli("fix", last["id"], "--deadline", "2021-08-30", "--status", "fulfilled", "--on", "2021-08-30",
        "--note", "https://example.org/kabul", "--db", db)  # fmt: skip
    fixed = due(db, "2021-12-01")[last["id"]]
    assert fixed["deadline"]["latest"] == "2021-08-30"
    assert fixed["history"][-1] == {
        "item": last["id"],
        "deadline": "2021-08-30",
        "document": None,
        "reported_on": fixed["corrections"][0]["at"][:10],
        "correction": 1,
        "by": "Ann Analyst",
    }
    assert fixed["status"] == "fulfilled" and fixed["on_time"] is True
    assert (
        fixed["why"]
        == 'fulfilled: analyst Ann Analyst, correction 2 (2021-08-30): "https://example.org/kabul"'
    )
    table = cli("due", "--db", db, "--as-of", "2021-12-01")
    history = table.split("Deadline histories\n")[1]
    assert history.startswith("  United States: withdraw: P14M (report ")
    assert "→ 2021-08-31 (report " in history
    assert history.rstrip().endswith(
        "→ 2021-08-30 (analyst Ann Analyst, correction 1),"
        " fulfilled (analyst Ann Analyst, correction 2 (2021-08-30))"
    )


def test_a_later_report_that_disagrees_with_a_correction_is_listed_not_overridden(tmp_path: Path) -> None:
    db = str(tmp_path / "iraq.db")
    records = iraq_story()
    add_records(db, records[:1])
    rows = due(db)
    leave = one(rows, deadline="2025-09")
    cli("fix", leave["id"], "--deadline", "2025-10", "--obligor", "IRQ", "--db", db)
    before = cli_json("due", "--db", db, "--as-of", "2026-11-29")["contradictions"]
    assert [x for x in before if x["kind"] == "correction"] == []  # the report the analyst read
    add_records(db, records[1:])  # the defence minister restates the first phase: by September 2025
    after = cli_json("due", "--db", db, "--as-of", "2026-11-29")
    row = next(c for c in after["commitments"] if c["id"] == leave["id"])
    assert row["deadline"]["value"] == "2025-10" and row["obligor"] == ["IRQ"]  # the analyst's word stands
    theirs = [x for x in after["contradictions"] if x["kind"] == "correction"]
    assert theirs, after["contradictions"]
    claims = {c["value"]: c["documents"] for x in theirs for c in x["claims"]}
    assert claims["IRQ (analyst Ann Analyst, correction 1)"] == []
    assert claims["USA"] == [records[1].document.id]
    assert claims["2025-10 (analyst Ann Analyst, correction 2)"] == []
    assert claims["2025-09"] == [records[1].document.id]
    assert all(x["id"] in row["contradictions"] for x in theirs)
    table = cli("due", "--db", db, "--as-of", "2026-11-29")
    assert "correction" in table and "2025-10 (analyst Ann Analyst, correction 2)" in table


def test_split_takes_an_article_out_of_its_story_and_as_of_keeps_corrections(tmp_path: Path) -> None:
    db = str(tmp_path / "iraq.db")
    records = iraq_story()
    add_records(db, records)
    (story,) = stories(db)
    moved = records[-1].document.id
    said = cli("split", story["id"], moved[:10], "--note", "another conflict", "--db", db)
    assert "taken out of story" in said
    after = stories(db)
    assert len(after) == 2
    assert [s["documents"] for s in after if moved in s["documents"]] == [[moved]]
    # on an earlier day, from the reports known then, the corrections hold too
    rows = due(db)
    some = next(iter(rows.values()))
    cli("reject", some["id"], "--db", db)
    day = some["reported_on"]
    assert due(db, day)[some["id"]]["status"] == "rejected"


def test_exports_carry_who_when_and_why(tmp_path: Path) -> None:
    db = str(tmp_path / "one.db")
    add_records(db, iraq_story()[:1])
    item = next(iter(due(db)))
    cli("confirm", item, "--note", "checked against the statement", "--db", db)
    out = cli("export", "--format", "csv", "--db", db, "--as-of", "2026-11-29")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == item)
    assert row["confirmed"] == "true" and row["rejected"] == "false"
    assert row["corrections"].startswith("#1 confirm by Ann Analyst at 20")
    assert row["corrections"].endswith(": checked against the statement")
    assert row["obligor_names"] == "United States"
    payload = json.loads(cli("export", "--format", "json", "--db", db, "--as-of", "2026-11-29"))
    (made,) = payload["corrections"]
    assert (made["kind"], made["by"], made["note"]) == (
        "confirm",
        "Ann Analyst",
        "checked against the statement",
    )
    assert made["at"] and made["item"] == item
    exported = next(c for c in payload["commitments"] if c["id"] == item)
    assert exported["confirmed"] is True and exported["corrections"][0]["id"] == 1


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["fix", "knothere", "--stage", "2"], 1, "no commitment 'knothere'"),
        (["fix", "ITEM", "--deadline", "next spring"], 1, "is not a date"),
        (["fix", "ITEM", "--stage", "two"], 1, "stage 'two' is not a number"),
        (["fix", "ITEM", "--status", "fulfilled"], 1, "needs --on DATE"),
        (["fix", "ITEM", "--obligor", "Atlantis Federation"], 1, "no actor docket knows"),
        (["fix", "ITEM"], 1, "nothing to fix"),
        (["merge", "STORY"], 1, "merge takes two or more different stories"),
        (["merge", "STORY", "nope"], 1, "no story 'nope'"),
        (["corrections", "undo", "9"], 1, "no correction 9"),
        (["corrections", "redo", "1"], 2, "usage: docket corrections"),
    ],
)
def test_a_correction_that_cannot_be_made_is_refused_in_one_line(
    tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    db = str(tmp_path / "one.db")
    add_records(db, iraq_story()[:1])
    item = next(iter(due(db)))
    (story,) = stories(db)
    args = [{"ITEM": item, "STORY": story["id"]}.get(a, a) for a in args]
    result = runner.invoke(app, [*args, "--db", db], env=ANN)
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.output
    assert cli_json("corrections", "--db", db)["corrections"] == []


def test_a_correction_needs_a_name(tmp_path: Path) -> None:
    db = str(tmp_path / "one.db")
    add_records(db, iraq_story()[:1])
    item = next(iter(due(db)))
    result = runner.invoke(app, ["reject", item, "--db", db], env={"DOCKET_ANALYST": ""})
    assert result.exit_code == 2
    assert "--by NAME" in result.output
    assert "by Cy" in cli("reject", item, "--by", "Cy", "--db", db, env={})


def test_tables_name_actors_and_never_print_a_question_mark(tmp_path: Path) -> None:
    a = Article("Someone promised to rebuild the bridge by 2027.", "2026-01-05")
    t = a.timex("2027", "2027", earliest=D("2027-01-01"), latest=D("2027-12-31"))
    a.commit("promised to rebuild the bridge by 2027", [], "rebuild", deadline=t)
    db = str(tmp_path / "one.db")
    add_records(db, [*iraq_story()[:1], a.record()])
    table = cli("due", "--db", db, "--as-of", "2026-11-29")
    assert "United States" in table and "unknown obligor" in table and " ? " not in table
    assert "USA" in cli("due", "--db", db, "--as-of", "2026-11-29", "--ids")


def test_a_rejected_event_leaves_the_timeline_and_fulfils_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "afg.db")
    add_records(db, afghanistan())
    last = one(due(db, "2021-12-01"), deadline="2021-08-31")
    assert last["status"] == "fulfilled"
    entries = cli_json("timeline", "--db", db)["entries"]
    (left,) = [e for e in entries if e["kind"] == "event"]
    fixed = runner.invoke(app, ["fix", left["item"], "--stage", "1", "--db", db], env=ANN)
    assert fixed.exit_code == 1 and "is an event: reject or confirm it" in fixed.output
    said = cli("reject", left["item"], "--note", "the plane left; the troops had not all gone", "--db", db)
    assert said.startswith(f"correction 1: {left['item']} rejected by Ann Analyst")
    assert due(db, "2021-12-01")[last["id"]]["status"] == "overdue"
    assert [e for e in cli_json("timeline", "--db", db)["entries"] if e["kind"] == "event"] == []
    (made,) = cli_json("corrections", "--db", db)["corrections"]
    assert (made["item_kind"], made["holds_on"]) == ("event", left["item"])
    refused = runner.invoke(app, ["fix", "vnothere", "--stage", "1", "--db", db], env=ANN)
    assert refused.exit_code == 1 and "no event 'vnothere'" in refused.output
    cli("corrections", "undo", "1", "--db", db)
    assert due(db, "2021-12-01")[last["id"]]["status"] == "fulfilled"
