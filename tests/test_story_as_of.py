"""``--as-of D`` answers with what the reports published by D say, and nothing later.

For the sample story and every golden story, reports are added to a store in seeded random
orders (the index updated after each addition, as ``docket add`` leaves it), and on each
publication day, the day before it and the day after, what ``due``, ``timeline``, ``stories``
and ``export --format json`` print with ``--as-of`` is compared with what they print for a
store that holds only the reports published by that day.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from docket import pipeline
from docket.cli import app
from docket.index.query import AS_OF_SUFFIX, story_index
from docket.ingest import Loaded, ReadOptions, read_inputs
from docket.record import Record
from docket.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "articles"
FOLDERS = [
    ROOT / "src" / "docket" / "data" / "sample" / "iraq",
    *sorted(p for p in GOLDEN.iterdir() if p.is_dir()),
]


@pytest.fixture(scope="module")
def stories(nlp: Language) -> dict[str, list[tuple[Record, str]]]:
    out: dict[str, list[tuple[Record, str]]] = {}
    for folder in FOLDERS:
        for item in read_inputs([folder], ReadOptions()):
            assert isinstance(item, Loaded), item
            out.setdefault(folder.name, []).append((pipeline.extract(item.document, nlp), item.origin))
    return out


def _store(path: Path, items: list[tuple[Record, str]], seed: int) -> Path:
    order = list(items)
    random.Random(seed).shuffle(order)
    with Store(path) as store:
        for record, origin in order:
            store.add(record, origin)
            story_index(store)  # the index kept current after each addition
    return path


def _answers(db: Path, day: dt.date | None) -> object:
    runner = CliRunner()
    flag = ["--as-of", day.isoformat()] if day else []
    due_day = ["--as-of", (day or dt.date(2026, 11, 29)).isoformat()]
    out: dict[str, object] = {}
    for name, args in {
        "due": ["due", "--db", str(db), "--json", *due_day],
        "timeline": ["timeline", "--db", str(db), "--json", *flag],
        "stories": ["stories", "--db", str(db), "--json", *flag],
    }.items():
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        out[name] = json.loads(result.stdout)
    # a story keeps the id the whole store gives it on every day; compare stories by their documents
    names = {s["id"]: "story of " + s["documents"][0] for s in out["stories"]["stories"]}  # type: ignore[index]
    return _renamed(out, names)


def _renamed(value: object, names: dict[str, str]) -> object:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, names) for k, v in value.items()}
    return value


def _days(items: list[tuple[Record, str]]) -> list[dt.date]:
    published = sorted({r.document.published for r, _ in items if r.document.published})
    one = dt.timedelta(days=1)
    return sorted({d + k * one for d in published for k in (-1, 0, 1)})


@pytest.mark.parametrize("folder", [f.name for f in FOLDERS])
def test_as_of_equals_a_store_of_what_was_published_by_then(
    stories: dict[str, list[tuple[Record, str]]], folder: str, tmp_path: Path
) -> None:
    items = stories[folder]
    assert len(items) >= 2
    full = _store(tmp_path / "full.db", items, seed=len(items))
    later_told = 0
    for i, day in enumerate(_days(items)):
        known = [(r, o) for r, o in items if r.document.published is None or r.document.published <= day]
        if not known:
            continue
        only = _store(tmp_path / f"only-{i}.db", known, seed=i)
        got, want = _answers(full, day), _answers(only, day)
        assert got == want, f"{folder} on {day}"
        # what the day's answer leaves out is what only later reports say
        later_told += len(known) < len(items) and _answers(full, None) != got
    assert later_told, "no day before the last report changed anything: the test would prove nothing"


def test_export_as_of_leaves_later_reports_out(
    stories: dict[str, list[tuple[Record, str]]], tmp_path: Path
) -> None:
    items = stories["iraq"]
    full = _store(tmp_path / "full.db", items, seed=1)
    first = min(r.document.published for r, _ in items if r.document.published)
    out = tmp_path / "early.json"
    result = CliRunner().invoke(
        app,
        ["export", "--format", "json", "--db", str(full), "--as-of", first.isoformat(), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert {r["document"]["published"] for r in payload["records"]} == {first.isoformat()}
    shown = {d for c in payload["commitments"] for d in c["documents"]}
    assert shown and shown <= {r["document"]["id"] for r in payload["records"]}


def test_a_story_keeps_its_id_on_earlier_days(
    stories: dict[str, list[tuple[Record, str]]], tmp_path: Path
) -> None:
    full = _store(tmp_path / "full.db", stories["iraq"] + stories["niger"], seed=3)
    runner = CliRunner()
    now = json.loads(runner.invoke(app, ["stories", "--db", str(full), "--json"]).stdout)["stories"]
    ids = {s["id"] for s in now}
    for day in _days(stories["iraq"]):
        result = runner.invoke(app, ["stories", "--db", str(full), "--json", "--as-of", day.isoformat()])
        then = json.loads(result.stdout)["stories"]
        assert {s["id"] for s in then} <= ids, day


def test_a_report_added_after_an_as_of_answer_is_in_the_next_one(
    stories: dict[str, list[tuple[Record, str]]], tmp_path: Path
) -> None:
    # the documents known by a day are kept in a store beside the store file and given only what
    # they lack the next time: an article added since, published before the day, must be there
    items = sorted(
        stories["iraq"], key=lambda ro: (ro[0].document.published or dt.date.min, ro[0].document.id)
    )
    day = max(r.document.published for r, _ in items[:-1] if r.document.published)
    assert any(r.document.published and r.document.published > day for r, _ in items)
    late = items[-2]  # published by the day, added last
    full = _store(tmp_path / "full.db", [x for x in items if x is not late], seed=1)
    before = _answers(full, day)
    assert (tmp_path / ("full.db" + AS_OF_SUFFIX)).exists()
    assert _answers(full, day) == before  # asked again: the same
    with Store(full) as store:
        store.add(*late)
    known = [x for x in items if x[0].document.published and x[0].document.published <= day]
    assert _answers(full, day) == _answers(_store(tmp_path / "only.db", known, seed=2), day) != before
