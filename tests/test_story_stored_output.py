"""Whole-store answers from the saved story index: statuses told from its light form, JSON written
from its stored parts, the migration that adds them, and pages of `due` and `timeline` tables."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.index.query import story_index
from docket.index.stored import StoredIndex
from docket.record import Record
from docket.store import open_store
from docket.store.migrations import MIGRATIONS, latest_version
from docket.story.status import due
from test_due_cli import make_store
from test_story_builders import Article
from test_story_chains import afghanistan, lebanon, niger
from test_story_merge import iraq_story
from test_story_outcomes import pledge

D = dt.date.fromisoformat
runner = CliRunner()


def broken_pledge() -> list[Record]:
    no = Article("Ruritania delayed the release of the prisoners, officials said.", "2024-02-20")
    no.actor("RUR", "country", "Ruritania")
    no.event("delayed", "delay", type="REJECT", agents=["RUR"])
    return [pledge(), no.record()]


def no_deadline() -> Record:
    a = Article("Freedonia will hand over the base, its ministry said.", "2024-05-02")
    a.actor("FRE", "country", "Freedonia")
    a.commit("Freedonia will hand over the base", ["FRE"], "hand over")
    return a.record()


def accented() -> Record:
    a = Article(
        "Le Bénin retirera ses troupes du Sahel d’ici février 2026, a dit le ministère.", "2025-01-08"
    )
    a.actor("BEN", "country", "Bénin")
    t = a.timex("février 2026", "2026-02", earliest=D("2026-02-01"), latest=D("2026-02-28"))
    a.commit("Le Bénin retirera ses troupes du Sahel d’ici février 2026", ["BEN"], "withdraw", deadline=t)
    return a.record()


def every_kind() -> list[Record]:
    """Stories whose commitments, over the days asked, take every status."""
    return [*iraq_story(), *afghanistan(), *niger(), *lebanon(), *broken_pledge(), no_deadline(), accented()]


def out(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_store(tmp_path_factory.mktemp("kinds") / "kinds.db", every_kind())


DAYS = ["2021-04-01", "2021-09-30", "2024-02-01", "2024-03-05", "2025-02-01", "2026-11-29"]


def edges(index: StoredIndex) -> list[dt.date]:
    """Every day a stored status can change on, with the days either side."""
    days: set[dt.date] = set()
    for t in index.commitments():
        latest = t.deadline.latest if t.deadline else None
        outcomes = [o.published for o in (*t.fulfilments, *t.broken)]
        for day in (t.reported_on, latest, t.superseded_on, *outcomes):
            if day is not None:
                days.update(day + dt.timedelta(days=n) for n in (-1, 0, 1))
    return sorted(days)


def test_statuses_read_from_the_index_are_those_status_on_tells(store_path: str) -> None:
    seen: set[str] = set()
    with open_store(store_path) as store:
        index = story_index(store)
        days = edges(index)
        assert len(days) > 60
        for day in days:
            full = {t.id: t for t in index.commitments(known_by=day)}
            expected = due(list(full.values()), day)
            rows = index.due(day, with_json=True)
            assert [json.loads(r.json())["id"] for r in rows] == [s.item.id for s in expected]
            for row, status in zip(rows, expected, strict=True):
                assert row.json() == json.dumps(status.as_dict(), ensure_ascii=False)
                told, reports = row.told()
                assert (told.status, told.days_left, told.on_time) == (
                    status.status,
                    status.days_left,
                    status.on_time,
                )
                assert reports == len(status.item.documents)
                seen.add(row.status)
            soon = due(
                index.commitments(known_by=day, latest_by=day + dt.timedelta(days=30), open_on=day),
                day,
                within=30,
            )
            assert [r.json() for r in index.due(day, within=30, with_json=True)] == [
                json.dumps(s.as_dict(), ensure_ascii=False) for s in soon
            ]
    assert seen == {"pending", "overdue", "fulfilled", "broken", "superseded", "unknown"}


def test_due_json_keeps_accents_as_written(store_path: str) -> None:
    text = out("due", "--db", store_path, "--as-of", "2025-02-01", "--json")
    assert '"text": "février 2026"' in text and "\\u" not in text
    body = json.loads(text)
    [row] = [c for c in body["commitments"] if c["obligor"] == ["BEN"]]
    assert (row["status"], row["days_left"], row["deadline"]["value"]) == ("pending", 392, "2026-02")


def test_due_json_is_the_statuses_and_their_stories_disagreements(store_path: str) -> None:
    day = D("2026-11-29")
    with open_store(store_path) as store:
        index = story_index(store)
        statuses = due(index.commitments(known_by=day), day)
        told = [s.item.story for s in statuses if s.item.story]
        contradictions = [json.loads(x) for x in index.contradictions_json(stories=told)]
    expected = {"as_of": "2026-11-29", "commitments": [s.as_dict() for s in statuses]}
    expected["contradictions"] = contradictions
    assert out("due", "--db", store_path, "--as-of", "2026-11-29", "--json") == (
        json.dumps(expected, ensure_ascii=False) + "\n"
    )


def test_timeline_json_is_every_entry_and_disagreement(store_path: str) -> None:
    with open_store(store_path) as store:
        index = story_index(store)
        entries = [e.as_dict() for e in index.timeline()]
        contradictions = [x.as_dict() for x in index.contradictions()]
        story = index.stories()[0].id
        one = [e.as_dict() for e in index.timeline(story=story)]
    expected = {"story": None, "entries": entries, "contradictions": contradictions}
    assert out("timeline", "--db", store_path, "--json") == json.dumps(expected, ensure_ascii=False) + "\n"
    assert len(entries) > 40 and contradictions
    body = json.loads(out("timeline", "--db", store_path, "--story", story, "--json"))
    assert body["story"] == story and body["entries"] == one


def test_json_pages_follow_each_other(store_path: str) -> None:
    def ids(*args: str) -> list[str]:
        body = json.loads(out(*args, "--db", store_path, "--json"))
        key = "commitments" if args[0] == "due" else "entries"
        return [x.get("id") or f"{x['kind']}:{x['item']}:{x['when']}" for x in body[key]]

    for cmd in (["due", "--as-of", "2026-11-29"], ["timeline"]):
        whole = ids(*cmd)
        assert ids(*cmd, "--limit", "3") == whole[:3]
        assert ids(*cmd, "--limit", "3", "--offset", "3") == whole[3:6]
        assert ids(*cmd, "--offset", "4") == whole[4:]
        assert ids(*cmd, "--limit", "0") == whole


def test_a_table_of_a_large_answer_counts_it_and_shows_a_page(
    store_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docket.commands.story as story_commands

    monkeypatch.setattr(story_commands, "PAGE", 4)
    body = json.loads(out("due", "--db", store_path, "--as-of", "2026-11-29", "--json"))
    n = len(body["commitments"])
    counts = {s: sum(c["status"] == s for c in body["commitments"]) for s in ("fulfilled", "overdue")}
    table = out("due", "--db", store_path, "--as-of", "2026-11-29")
    assert f"{n} commitments known on 2026-11-29:" in table
    assert f"{counts['fulfilled']} fulfilled" in table and f"{counts['overdue']} overdue" in table
    assert f"Rows 1–4 of {n} (by deadline). Next: --offset 4." in table
    first = body["commitments"][0]
    assert first["deadline"]["value"] in table
    next_page = out("due", "--db", store_path, "--as-of", "2026-11-29", "--offset", "4")
    assert f"Rows 5–8 of {n}" in next_page and "Next: --offset 8." in next_page
    everything = out("due", "--db", store_path, "--as-of", "2026-11-29", "--limit", "0")
    assert "Rows " not in everything and "commitments known on" not in everything
    # one row a commitment, each starting with its deadline ("-" if none); wrapped lines start blank
    assert len(re.findall(r"^│ \S", everything, re.MULTILINE)) == n

    entries = json.loads(out("timeline", "--db", store_path, "--json"))["entries"]
    kinds = {k: sum(e["kind"] == k for e in entries) for k in ("event", "deadline")}
    table = out("timeline", "--db", store_path)
    assert f"{len(entries)} timeline entries:" in table
    assert f"{kinds['event']} event" in table and f"{kinds['deadline']} deadline" in table
    assert f"Rows 1–4 of {len(entries)} (in time order)." in table
    last = out("timeline", "--db", store_path, "--offset", str(len(entries) - 2))
    assert f"Rows {len(entries) - 1}–{len(entries)} of {len(entries)}" in last and "Next:" not in last


def test_a_small_answer_is_one_table_without_a_count(tmp_path: Path) -> None:
    db = make_store(tmp_path / "iraq.db", iraq_story())
    table = out("due", "--db", db, "--as-of", "2026-11-29")
    assert "Status on 2026-11-29" in table and "Rows " not in table and "known on" not in table
    assert "Reports disagree" in table
    assert "Rows " not in out("timeline", "--db", db)


def test_the_reports_column_counts_every_document_of_a_commitment(tmp_path: Path) -> None:
    db = make_store(tmp_path / "iraq.db", iraq_story())
    body = json.loads(out("due", "--db", db, "--as-of", "2026-11-29", "--json"))
    counts = [len(c["documents"]) for c in body["commitments"]]
    assert counts == [2, 2, 1]
    table = out("due", "--db", db, "--as-of", "2026-11-29")
    rows = [line for line in table.splitlines() if re.match(r"^│ \S", line)]
    assert [int(line.split("│")[-2]) for line in rows] == counts


def test_adding_reports_rewrites_the_stored_parts(tmp_path: Path) -> None:
    records = afghanistan()
    path = tmp_path / "afg.db"
    db = make_store(path, records[:1])
    before = json.loads(out("due", "--db", db, "--as-of", "2021-09-30", "--json"))["commitments"]
    assert [c["documents"] for c in before] == [[records[0].document.id]]
    make_store(path, records[1:])
    after = json.loads(out("due", "--db", db, "--as-of", "2021-09-30", "--json"))["commitments"]
    assert len(after) > 1
    documents = {d for c in after for d in c["documents"]}
    assert documents == {r.document.id for r in records if r.commitments}
    with sqlite3.connect(path) as db_file:
        stored = db_file.execute("SELECT count(*) FROM story_commitments WHERE head IS NULL").fetchone()
    assert stored == (0,)


def test_migration_adds_the_parts_and_drops_the_old_index(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)"
    )
    for version, (name, step) in enumerate(MIGRATIONS[:2], start=1):
        step(db)
        db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
        db.execute(f"PRAGMA user_version = {version}")
    db.execute("INSERT INTO story_state (key, value) VALUES ('fingerprint', 'an index saved before')")
    db.close()
    with open_store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == latest_version() >= 3
        columns = {r[1] for r in store.db.execute("PRAGMA table_info(story_commitments)")}
        assert {"light", "head", "body", "tail"} <= columns
        assert store.db.execute("SELECT count(*) FROM story_state").fetchone()[0] == 0
        for record in iraq_story():
            store.add(record)
        rows = story_index(store).due(D("2026-11-29"), with_json=True)
        assert rows and all(json.loads(r.json())["status"] == r.status for r in rows)


def test_stories_page_like_due(store_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import docket.commands.story as story_commands

    monkeypatch.setattr(story_commands, "PAGE", 2)
    every = [s["id"] for s in json.loads(out("stories", "--db", store_path, "--json"))["stories"]]
    assert len(every) > 3
    table = out("stories", "--db", store_path)
    assert table.startswith(f"{len(every)} stories.") and f"Rows 1–2 of {len(every)}" in table
    assert every[0] in table and every[2] not in table
    assert every[2] in out("stories", "--db", store_path, "--offset", "2")
    page = json.loads(out("stories", "--db", store_path, "--json", "--limit", "2", "--offset", "1"))
    assert [s["id"] for s in page["stories"]] == every[1:3]


def test_timeline_window_keeps_what_starts_in_it(store_path: str) -> None:
    every = json.loads(out("timeline", "--db", store_path, "--json"))["entries"]
    first = {id(e): e["earliest"] or e["latest"] or "" for e in every}
    inside = [e for e in every if "2024-11-01" <= first[id(e)] <= "2025-02-28"]
    assert 0 < len(inside) < len(every)
    window = ["--from", "2024-11-01", "--to", "2025-02-28"]
    body = json.loads(out("timeline", "--db", store_path, *window, "--json"))
    assert body["entries"] == inside
    after = json.loads(out("timeline", "--db", store_path, "--from", "2025-01-01", "--json"))["entries"]
    assert after == [e for e in every if first[id(e)] >= "2025-01-01"]
    table = out("timeline", "--db", store_path, *window)
    assert len(re.findall(r"^│ \S", table, re.MULTILINE)) == len(inside) < 100  # one page: no count
    # the disagreements listed are those of the window's stories, not the whole store's
    stories = {e["story"] for e in inside}
    expected = [x for x in body["contradictions"] if x["story"] in stories]
    assert 0 < len(expected) < len(body["contradictions"])
    assert len(re.findall(r"^  (quantity|deadline|date) ", table, re.MULTILINE)) == len(expected)


def test_timeline_window_needs_dates(store_path: str) -> None:
    result = runner.invoke(app, ["timeline", "--db", store_path, "--from", "last week"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
