"""Wire copies and agencies: one report republished by many outlets is one report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docket.record import Document, Record
from docket.store import open_store
from docket.wire import copies
from docket.wire.agency import find_agency
from docket.wire.copies import CopyIndex, is_copy

WIRE = (
    "Washington and Baghdad have reached an understanding on a plan under which the US-led coalition "
    "would leave Iraq in two stages, with hundreds of troops departing by September next year and the "
    "rest by the end of 2026, officials said on Friday.\n\n"
    "Under the plan, all coalition forces would pull out of Ain al-Asad air base in the western province "
    "of Anbar and scale back their presence in Baghdad by September 2025. Troops would stay on in Erbil, "
    "the capital of the semi-autonomous Kurdistan region, until the end of 2026.\n\n"
    "The deal still requires final approval from leaders in both capitals, and no date has been set for "
    "making it public. An announcement is expected later this month, the officials said.\n\n"
    "The United States has about 2,500 troops in Iraq and 900 in neighbouring Syria as part of the "
    "coalition, which was assembled in 2014 after Islamic State overran large parts of both countries."
)
# Another agency telling the same event in its own words: the same names and numbers, other sentences.
OWN_WORDS = (
    "Iraq and the United States agreed that coalition troops will quit the country in two phases, "
    "according to people familiar with the talks. A first group of several hundred soldiers is to go "
    "by September 2025, while forces based in Erbil in the Kurdistan region will remain until the end "
    "of 2026.\n\n"
    "Ain al-Asad, the sprawling air base in Anbar province, would be vacated in the first phase, and "
    "the coalition's footprint in the capital reduced. Leaders in Baghdad and Washington have yet to "
    "sign off, and the timing of a public announcement has not been decided.\n\n"
    "Some 2,500 American soldiers are deployed in Iraq and 900 in Syria. The coalition was formed in "
    "2014 to fight Islamic State."
)


def trimmed(text: str, paragraphs: int) -> str:
    return "\n\n".join(text.split("\n\n")[:paragraphs])


def test_an_outlet_copy_is_a_copy_and_own_words_are_not() -> None:
    padded = "By Staff Writer | Daily Times\n\n" + WIRE + "\n\nCopyright Daily Times. All rights reserved."
    assert is_copy(WIRE, padded)
    assert is_copy(WIRE, trimmed(WIRE, 2))  # the outlet ran the first half
    restyled = WIRE.replace("said", "says").replace("per cent", "percent")
    assert is_copy(WIRE, restyled)
    assert not is_copy(WIRE, OWN_WORDS)
    assert not is_copy(WIRE, trimmed(WIRE, 1)[:120])  # too short to tell


def test_one_template_with_other_figures_is_another_report() -> None:
    day1 = (
        "Treasury balances at the Federal Reserve fell on March 5 to 3.467 billion dlrs from 3.939 billion "
        "dlrs the previous business day, the Treasury said in its latest budget statement. Balances in tax "
        "and loan note accounts fell to 14.350 billion dlrs from 14.391 billion dlrs on the same respective "
        "days. The Treasury's operating cash balance totaled 17.817 billion dlrs on March 5 compared with "
        "18.330 billion dlrs on March 4."
    )
    day2 = (
        day1.replace("March 5", "March 27")
        .replace("3.467", "2.424")
        .replace("3.939", "2.508")
        .replace("14.350", "9.706")
        .replace("14.391", "10.786")
        .replace("17.817", "12.131")
        .replace("18.330", "13.294")
        .replace("March 4", "March 26")
    )
    assert not is_copy(day1, day2)


def test_the_earlier_report_is_the_original_whatever_order_they_come_in() -> None:
    index = CopyIndex()
    copy_day, wire_day = dt.date(2024, 9, 8), dt.date(2024, 9, 7)
    assert index.add("copy", WIRE + "\n\nRead more at Daily Times.", copy_day) is None
    assert index.add("wire", WIRE, wire_day) is None  # earlier: the original, the copy re-marked
    assert index.copy_of("copy") == "wire"
    assert index.add("copy2", trimmed(WIRE, 3), dt.date(2024, 9, 9)) == "wire"
    assert index.add("other", OWN_WORDS, wire_day) is None


@pytest.mark.parametrize(
    ("text", "title", "agency"),
    [
        ("BAGHDAD (Reuters) - Iraq and the United States agreed ...", None, "reuters"),
        ("WASHINGTON (AP) — The Pentagon said ...", None, "ap"),
        ("The talks will resume next week.\n\n— AFP", None, "afp"),
        ("The talks will resume next week.\nSource: AP", None, "ap"),
        ("The talks will resume next week.", "US and Iraq agree on withdrawal - Reuters", "reuters"),
        ("Reuters reported on Friday that the talks had ended.", None, None),  # a source, not a byline
        ("The Palestinian Authority (PA) said the talks had ended.", None, None),
        ("Nothing names an agency here.", "A headline", None),
    ],
)
def test_the_agency_behind_a_copy(text: str, title: str | None, agency: str | None) -> None:
    assert find_agency(text, title) == agency


def record(text: str, day: str, outlet: str) -> Record:
    doc = Document.from_text(text, published=dt.date.fromisoformat(day), outlet=outlet)
    return Record(document=doc)


def test_the_store_links_each_copy_to_its_original(tmp_path: Path) -> None:
    db = tmp_path / "wire.db"
    wire = record(WIRE, "2024-09-07", "Reuters")
    copy1 = record("By Staff Writer | Daily Times\n\n" + WIRE, "2024-09-07", "Daily Times")
    copy2 = record(trimmed(WIRE, 2), "2024-09-08", "Harbour Post")
    other = record(OWN_WORDS, "2024-09-07", "Agence")
    with open_store(db) as store:
        results = [store.add(r, origin=r.document.outlet) for r in (wire, copy1, copy2, other)]
        assert [r.copy_of for r in results] == [None, wire.document.id, wire.document.id, None]
        stored = store.record(copy2.document.id)
        assert stored is not None and stored.document.copy_of == wire.document.id
    # a copy that arrives before its original (a feed out of order) is re-marked when the original comes
    db2 = tmp_path / "late.db"
    with open_store(db2) as store:
        assert store.add(copy2).copy_of is None
        assert store.add(wire).copy_of is None
        again = store.record(copy2.document.id)
        assert again is not None and again.document.copy_of == wire.document.id


def test_copies_are_not_counted_as_more_reports(tmp_path: Path) -> None:
    from docket.wire.stored import copy_map

    with open_store(tmp_path / "count.db") as store:
        store.add(record(WIRE, "2024-09-07", "Reuters"))
        store.add(record(WIRE + "\n\nFollow Daily Times for more.", "2024-09-07", "Daily Times"))
        assert len(copy_map(store.db)) == 1


def test_copy_thresholds_are_sane() -> None:
    assert 0 < copies.MIN_RESEMBLANCE < copies.MIN_CONTAINMENT <= 1
    assert copies.SAMPLE >= 1 and copies.SHINGLE >= 3


def test_read_json_marks_a_copy_of_an_article_read_before_or_stored(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from docket.cli import app

    wire = tmp_path / "a-wire.txt"
    wire.write_text("---\npublished: 2024-09-07\noutlet: Reuters\n---\nBAGHDAD (Reuters) - " + WIRE)
    copy = tmp_path / "b-copy.txt"
    copy.write_text(
        "---\npublished: 2024-09-07\noutlet: Daily Times\n---\nBAGHDAD (Reuters) - " + trimmed(WIRE, 3)
    )
    runner = CliRunner()
    res = runner.invoke(app, ["read", str(wire), str(copy), "--json"])
    assert res.exit_code == 0, res.output
    first, second = (json.loads(line)["document"] for line in res.stdout.splitlines())
    assert (first["copy_of"], first["agency"]) == (None, "reuters")
    assert (second["copy_of"], second["agency"]) == (first["id"], "reuters")

    db = tmp_path / "s.db"
    assert runner.invoke(app, ["add", str(wire), "--db", str(db)]).exit_code == 0
    res = runner.invoke(app, ["read", str(copy), "--json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["document"]["copy_of"] == first["id"]
    res = runner.invoke(app, ["read", str(copy), "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1
    assert "none.db: no such store" in res.stderr


def test_exports_list_the_copies_beside_their_original(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from docket.cli import app

    niger = (
        "NIAMEY (Reuters) - Niger and the United States agreed on Sunday that American forces will leave "
        "the country no later than Sept. 15, 2024, the two governments said in a joint statement issued "
        "after four days of talks in the capital.\n\n"
        "About 1,000 US troops are stationed at two bases in Niger, including a drone base near Agadez, "
        "officials said. The withdrawal has already begun, and the two sides said they would set up "
        "procedures to ease the movement of personnel."
    )
    (tmp_path / "wire.txt").write_text("---\npublished: 2024-05-20\noutlet: Reuters\n---\n" + niger)
    (tmp_path / "copy.txt").write_text(
        "---\npublished: 2024-05-21\noutlet: Daily Times\n---\nBy Staff Writer | Daily Times\n\n" + niger
    )
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    res = runner.invoke(app, ["add", str(tmp_path / "wire.txt"), str(tmp_path / "copy.txt"), "--db", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["export", "--format", "json", "--db", db, "--as-of", "2024-06-01"])
    payload = json.loads(res.stdout)
    [copy] = payload["copies"]
    by_id = {r["document"]["id"]: r["document"] for r in payload["records"]}
    assert by_id[copy["id"]]["copy_of"] == copy["copy_of"]
    assert by_id[copy["copy_of"]]["outlet"] == "Reuters" and by_id[copy["id"]]["outlet"] == "Daily Times"
    assert all(c["documents"] == [copy["copy_of"]] for c in payload["commitments"])
    res = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--as-of", "2024-06-01"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and all(r["copies"] == copy["id"] for r in rows)
    res = runner.invoke(app, ["export", "--format", "ics", "--db", db, "--as-of", "2024-06-01"])
    assert "copies of them (not counted as reports)" in res.stdout.replace("\r\n ", "")


def test_the_viewer_shows_a_copy_with_its_original(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from docket.web.app import create_app

    db = tmp_path / "v.db"
    wire = record("BAGHDAD (Reuters) - " + WIRE, "2024-09-07", "Reuters")
    copy = record("By Staff Writer | Daily Times\n\nBAGHDAD (Reuters) - " + WIRE, "2024-09-08", "Daily Times")
    copy = Record(document=copy.document.model_copy(update={"agency": "reuters"}))
    with open_store(db) as store:
        store.add(wire)
        store.add(copy)
        with TestClient(create_app(store, today=dt.date(2024, 10, 1))) as client:
            page = client.get(f"/articles/{copy.document.id}").text
    assert "agency: reuters" in page
    assert f'href="/articles/{wire.document.id}?as_of=' in page
    assert "not counted as another" in page


def test_the_reports_known_by_a_day_keep_their_copies(tmp_path: Path) -> None:
    from docket.index.query import known_by
    from docket.wire.stored import copy_map

    wire = record(WIRE, "2024-09-07", "Reuters")
    copy = record(trimmed(WIRE, 3), "2024-09-08", "Daily Times")
    with open_store(tmp_path / "day.db") as store:
        for r in (wire, copy, record(OWN_WORDS, "2024-09-20", "Agence")):
            store.add(r)
        earlier = known_by(store, dt.date(2024, 9, 10))
        assert earlier is not None
        assert copy_map(earlier.db) == {copy.document.id: wire.document.id}
        assert earlier.counts()["documents"] == 2
