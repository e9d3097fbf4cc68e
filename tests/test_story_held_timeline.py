"""A vote reported held is an entry of its story's timeline: the report and the day it gives, with
the status it gave the promise (``docket timeline``, ``--json``, the viewer's timeline). Short
reports written for this test (docket.story.held, docket.story.timeline)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language
from typer.testing import CliRunner

from docket import pipeline
from docket.cli import app
from docket.record import Document, Record
from docket.store import open_store
from docket.story import index_records
from docket.web.app import create_app

D = dt.date.fromisoformat

REPORTS = [
    ("2025-03-03", "Peru's electoral board met on Monday. The presidential election is scheduled for May 4."),
    (
        "2025-05-06",
        "Early returns in Peru's presidential election held on May 4 show that no candidate won a majority.",
    ),
    ("2025-05-08", "Ecuador's presidential election was held on May 4, officials in Quito said."),
]


@pytest.fixture(scope="module")
def records(nlp: Language) -> list[Record]:
    return [pipeline.extract(Document.from_text(text, published=D(day)), nlp) for day, text in REPORTS]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, records: list[Record]) -> Path:
    path = Path(tmp_path_factory.mktemp("held")) / "held.db"
    with open_store(path) as store:
        for rec in records:
            store.add(rec)
    return path


def test_a_vote_held_is_an_entry_of_the_story_whose_promise_it_keeps(records: list[Record]) -> None:
    index = index_records(records)
    [promise] = [t for t in index.commitments if t.action == "hold"]
    held = [e for e in index.timeline if e.kind == "held"]
    peru = next(e for e in held if "PER" in e.actors)
    # on the day the report gives, in the promise's story, with the status it gave the promise
    assert (peru.when.value, peru.dated_by, peru.story, peru.status) == (
        "2025-05-04",
        "time",
        promise.story,
        "fulfilled",
    )
    assert peru.item == promise.id and peru.documents == (records[1].document.id,)
    assert peru.why is not None and "(2025-05-06)" in peru.why and "held on May 4" in peru.why
    # a vote no promise was followed for is still told, held and nothing more
    ecuador = next(e for e in held if "ECU" in e.actors)
    assert (ecuador.when.value, ecuador.status) == ("2025-05-04", "occurred")


def test_the_timeline_command_lists_the_vote_held(db: Path, records: list[Record]) -> None:
    result = CliRunner().invoke(app, ["timeline", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    held = [e for e in json.loads(result.stdout)["entries"] if e["kind"] == "held"]
    assert sorted((e["when"], e["status"], e["documents"][0]) for e in held) == [
        ("2025-05-04", "fulfilled", records[1].document.id),
        ("2025-05-04", "occurred", records[2].document.id),
    ]
    table = CliRunner().invoke(app, ["timeline", "--db", str(db)])
    assert table.exit_code == 0 and "held" in table.stdout


def test_the_viewer_shows_the_vote_held_only_once_reported(db: Path) -> None:
    store = open_store(db)
    try:
        with TestClient(create_app(store, today=D("2025-06-01"))) as client:
            stories = client.get("/api/stories").json()["stories"]
            [peru] = [s for s in stories if s["first"] == "2025-03-03"]

            def kinds(as_of: str) -> list[tuple[str, str | None]]:
                rows = client.get("/api/timeline", params={"story": peru["id"], "as_of": as_of}).json()
                return [(r["kind"], r["status"]) for r in rows["timeline"] if r["kind"] == "held"]

            assert kinds("2025-06-01") == [("held", "fulfilled")]
            assert kinds("2025-05-05") == []  # the report of the vote came out on May 6
    finally:
        store.close()
