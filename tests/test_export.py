"""`docket export` in each format, over a store of constructed records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from docket.cli import app
from docket.export.timeml import to_timeml
from docket.record import Document, Record, Timex
from test_due_cli import make_store
from test_story_chains import niger
from test_story_merge import iraq_story, reference_like

runner = CliRunner()


def export(*args: str) -> str:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ics_one_all_day_event_per_deadline_with_stable_uids(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.db", iraq_story())
    first = Calendar.from_ical(export("--format", "ics", "--db", db, "--as-of", "2026-11-29"))
    events = list(first.walk("VEVENT"))
    assert len(events) == 3  # 2025-09, 2026-09, end of 2026
    by_day = {ev.decoded("dtstart"): ev for ev in events}
    end = by_day[dt.date(2026, 12, 31)]
    assert end.decoded("dtend") == dt.date(2027, 1, 1)
    assert "[pending]" in str(end.get("summary"))
    assert "32 days left" in str(end.get("description"))
    assert "fulfilled" in str(by_day[dt.date(2025, 9, 30)].get("summary"))
    # more reports later: the same commitments keep their UIDs, so a re-import updates them
    make_store(Path(db), niger())
    again = Calendar.from_ical(export("--format", "ics", "--db", db, "--as-of", "2026-11-29"))
    uids = {str(ev.get("uid")) for ev in again.walk("VEVENT")}
    assert {str(ev.get("uid")) for ev in events} < uids


def test_csv_commitments_and_quantity_series(tmp_path: Path) -> None:
    records = iraq_story()
    db = make_store(tmp_path / "s.db", records)
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv", "--db", db, "--as-of", "2026-11-29"))))
    assert {(r["deadline"], r["status"]) for r in rows} == {
        ("2025-09", "fulfilled"),
        ("2026-09", "overdue"),
        ("2026 END", "pending"),
    }
    pending = next(r for r in rows if r["status"] == "pending")
    assert pending["days_left"] == "32" and pending["obligor"] == "USA"
    series = list(csv.DictReader(io.StringIO(export("--format", "csv", "--table", "quantities", "--db", db))))
    troops = [(r["published"], r["value"], r["mod"]) for r in series if r["noun"] == "troop"]
    assert troops == [
        ("2024-09-07", "2500", ""),
        ("2025-08-19", "2500", ""),
        ("2025-08-19", "500", "less_than"),
        ("2025-08-19", "2000", ""),
    ]
    first = next(r for r in series if r["published"] == "2024-09-07")
    assert (first["owner"], first["place"]) == ("USA", "IRQ")  # "The US has about 2,500 troops in Iraq"
    out = tmp_path / "tables"
    export("--format", "csv", "--db", db, "--out", str(out))
    assert (out / "commitments.csv").read_text().startswith("id,story,obligor")
    assert (out / "quantities.csv").read_text().startswith("story,owner,noun,place")


def test_timeml_tags_timexes_and_keeps_the_text(tmp_path: Path) -> None:
    rec = reference_like()
    db = make_store(tmp_path / "s.db", [rec])
    out = tmp_path / "tml"
    export("--format", "timeml", "--db", db, "--out", str(out))
    [path] = list(out.glob("*.tml"))
    root = ET.fromstring(path.read_text())
    text = root.find("TEXT")
    assert text is not None
    assert "".join(text.itertext()) == rec.document.text
    tags = text.findall("TIMEX3")
    assert [(t.text, t.get("value"), t.get("mod")) for t in tags] == [
        ("September next year", "2025-09", None),
        ("the end of 2026", "2026", "END"),
    ]
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == "2024-09-07"


def test_timelinejs_dates_at_their_precision(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.db", iraq_story())
    data = json.loads(export("--format", "timelinejs", "--db", db))
    deadlines = [e["start_date"] for e in data["events"] if e["group"] == "deadline"]
    assert {"year": 2025, "month": 9} in deadlines  # a month shows as the month
    assert {"year": 2026, "display_date": "2026 END"} in deadlines
    assert all("headline" in e["text"] for e in data["events"])


def test_json_holds_records_statuses_and_timeline(tmp_path: Path) -> None:
    records = iraq_story()
    db = make_store(tmp_path / "s.db", records)
    path = tmp_path / "all.json"
    export("--format", "json", "--db", db, "--as-of", "2026-11-29", "--out", str(path))
    data = json.loads(path.read_text())
    assert data["as_of"] == "2026-11-29"
    assert len(data["records"]) == 5
    assert {r["document"]["id"] for r in data["records"]} == {r.document.id for r in records}
    assert Record.model_validate(data["records"][0]).document.chars > 0
    assert len(data["stories"]) == 1
    assert {c["status"] for c in data["commitments"]} == {"fulfilled", "overdue", "pending"}
    assert data["timeline"] and data["contradictions"]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    db = make_store(tmp_path / "s.db", [reference_like()])
    result = runner.invoke(app, ["export", "--format", "xlsx", "--db", db])
    assert result.exit_code == 2
    flat = "".join(result.output.replace("│", " ").split())
    assert "json,csv,timeml,ics" in flat


_texts = st.text(alphabet=st.sampled_from("ab <&>\"'\n.é"), min_size=1, max_size=60)


@given(_texts, st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=5))
def test_timeml_never_loses_text_whatever_the_spans(text: str, spans: list[tuple[int, int]]) -> None:
    timexes = [
        Timex(id=f"t{n}", text=text[s : s + w], start=s, end=min(s + w, len(text)), type="DATE", value="2024")
        for n, (s, w) in enumerate(spans)
        if s < len(text)
    ]
    rec = Record(document=Document.from_text(text, published=dt.date(2024, 1, 1)), timexes=timexes)
    root = ET.fromstring(to_timeml(rec))
    body = root.find("TEXT")
    assert body is not None
    assert "".join(body.itertext()) == text
