"""Every date a record admits, from 0001-01-01 to 9999-12-31, is told without a crash: by `due`,
`timeline`, `stories`, every export and the viewer's pages (windows around a date stop at the
calendar's ends instead of overflowing)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import synthetic
from docket.cli import app
from docket.isodates import shift
from docket.record import Record
from docket.store import open_store
from docket.web.app import create_app

Remap = Callable[[dt.date], dt.date]


def dates(records: list[Record]) -> list[dt.date]:
    out = [r.document.published for r in records if r.document.published]
    out += [d for r in records for t in r.timexes for d in (t.earliest, t.latest) if d]
    return out


def remapped(records: list[Record], published: Remap, other: Remap) -> list[Record]:
    """The records with every publication date through ``published`` and every time value's bounds
    through ``other``."""
    out = []
    for r in records:
        doc = r.document.model_copy(
            update={"published": published(r.document.published) if r.document.published else None}
        )
        timexes = [
            t.model_copy(
                update={
                    "earliest": other(t.earliest) if t.earliest else None,
                    "latest": other(t.latest) if t.latest else None,
                }
            )
            for t in r.timexes
        ]
        out.append(r.model_copy(update={"document": doc, "timexes": timexes}))
    return out


def _variants() -> dict[str, list[Record]]:
    base = [*synthetic.story(), *synthetic.records(12)]
    found = dates(base)
    top, bottom = max(found), min(found)

    def to_top(d: dt.date) -> dt.date:  # the latest date lands on 9999-12-31
        return shift(dt.date.max, -(top - d).days)

    def to_bottom(d: dt.date) -> dt.date:  # the earliest on 0001-01-01
        return shift(dt.date.min, (d - bottom).days)

    def last(_d: dt.date) -> dt.date:
        return dt.date.max

    def first(_d: dt.date) -> dt.date:
        return dt.date.min

    def early(_d: dt.date) -> dt.date:
        return dt.date(1, 1, 5)

    return {
        "shifted to the end of the calendar": remapped(base, to_top, to_top),
        "shifted to its start": remapped(base, to_bottom, to_bottom),
        "all on 9999-12-31": remapped(base, last, last),
        "all on 0001-01-01": remapped(base, first, first),
        "published 0001-01-05, due 9999-12-31": remapped(base, early, last),
        "published 9999-12-31, due 0001-01-01": remapped(base, last, first),
    }


VARIANTS = _variants()
COMMANDS = (
    ["due"],
    ["due", "--json"],
    ["due", "--as-of", "0001-01-01"],
    ["due", "--as-of", "9999-12-31", "--within", "30d"],
    ["due", "--as-of", "9999-12-31", "--json"],
    ["timeline"],
    ["timeline", "--from", "0001-01-01", "--to", "9999-12-31", "--json"],
    ["stories"],
    ["stories", "--json"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "ics"],
    ["export", "--format", "timelinejs"],
    ["export", "--format", "timeml"],
    ["export", "--format", "ics", "--as-of", "9999-12-31"],
)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_commands_and_viewer_tell_records_at_the_ends_of_the_calendar(name: str, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    with open_store(db) as store:
        for rec in VARIANTS[name]:
            assert store.add(rec).error is None
    runner = CliRunner()
    for n, args in enumerate(COMMANDS):
        out = ["--out", str(tmp_path / f"out{n}")] if args[0] == "export" else []
        res = runner.invoke(app, [*args, "--db", str(db), *out])
        assert res.exit_code == 0, (name, args, res.output, res.exception)
    listed = json.loads(runner.invoke(app, ["stories", "--json", "--db", str(db)]).stdout)["stories"]
    store = open_store(db)
    try:
        client = TestClient(create_app(store, today=dt.date(2026, 12, 7)), raise_server_exceptions=False)
        # the viewer's day tells only what was published by then: ask for the calendar's last day
        sids = [s["id"] for s in client.get("/api/stories?as_of=9999-12-31").json()["stories"]]
        assert sids and set(sids) == {s["id"] for s in listed}
        for sid in sids:
            for path in (
                f"/stories/{sid}",
                f"/stories/{sid}?as_of=0001-01-01",
                f"/stories/{sid}?as_of=9999-12-31",
                f"/api/stories/{sid}",
                f"/api/timeline?story={sid}",
            ):
                assert client.get(path).status_code == 200, (name, path)
        for path in ("/", "/?as_of=9999-12-31", "/articles", "/api/commitments?as_of=0001-01-01"):
            assert client.get(path).status_code == 200, (name, path)
    finally:
        store.close()
