"""The viewer's correction forms over HTTP: what is taken (a loopback client's POST with the run's
token, every field checked) and what is refused (GET, no token, another client, a read-only viewer,
bad values), and that a correction made there is the same as the command line's."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from docket.index import corrections
from docket.store import open_store
from docket.store.sqlite import Store
from docket.story.tracked import Tracked
from docket.web.app import create_app
from test_story_merge import iraq_story

TODAY = dt.date(2026, 11, 29)
LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "story.db"
    with open_store(path) as s:
        for rec in iraq_story():
            s.add(rec)
    with open_store(path) as s:
        yield s


def client(store: Store, *, editable: bool = True, at: tuple[str, int] = LOOPBACK) -> TestClient:
    app = create_app(store, today=TODAY, corrections=editable, analyst="Ann")
    return TestClient(app, raise_server_exceptions=False, client=at, follow_redirects=False)


def story_page(c: TestClient) -> tuple[str, str, str]:
    """(page, its token, the story's id)."""
    home = c.get("/api/stories").json()
    sid = home["stories"][0]["id"]
    html = c.get(f"/stories/{sid}").text
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    return html, found[1] if found else "", sid


def first_item(c: TestClient) -> str:
    return str(c.get("/api/commitments").json()["commitments"][0]["id"])


def test_a_fix_from_the_card_is_stored_with_its_analyst_and_shown(store: Store) -> None:
    c = client(store)
    html, token, sid = story_page(c)
    assert 'action="/corrections"' in html and token
    item = first_item(c)
    r = c.post(
        "/corrections",
        data={
            "csrf": token,
            "item": item,
            "kind": "fix",
            "obligor": "Iraq",
            "note": "per <b>Baghdad</b>",
            "by": "Ann",
        },
    )
    assert r.status_code == 303 and r.headers["location"].endswith(f"#entry-{item}")
    (made,) = corrections.listed(store)
    assert (made.field, made.value, made.analyst, made.note) == (
        "obligor",
        ["IRQ"],
        "Ann",
        "per <b>Baghdad</b>",
    )
    after = c.get(f"/stories/{sid}").text
    assert "per &lt;b&gt;Baghdad&lt;/b&gt;" in after and "<b>Baghdad" not in after
    row = next(x for x in c.get("/api/commitments").json()["commitments"] if x["id"] == item)
    assert row["obligor"] == ["IRQ"]
    listed = c.get("/corrections").text
    assert "holds on " + item in listed
    # undone from the page, it stays listed as undone
    r = c.post(
        "/corrections/undo", data={"csrf": token, "id": str(made.id), "by": "Bo", "back": "//evil.example"}
    )
    assert r.status_code == 303 and r.headers["location"] == "/corrections"
    assert corrections.listed(store)[0].undone_by == "Bo"


@pytest.mark.parametrize(
    ("form", "code", "says"),
    [
        ({"kind": "fix", "deadline": "soon"}, 400, "is not a date"),
        ({"kind": "fix", "stage": "0"}, 400, "out of range"),
        ({"kind": "fix"}, 400, "nothing to fix"),
        ({"kind": "fix", "status": "fulfilled"}, 400, "needs --on DATE"),
        ({"kind": "drop"}, 400, "fix, reject or confirm"),
        ({"kind": "reject", "by": ""}, 400, "Say who makes the correction"),
        ({"kind": "reject", "item": "<script>"}, 400, "Not a commitment id"),
        ({"kind": "reject", "item": "knothere"}, 404, "No commitment knothere"),
        ({"kind": "fix", "note": "x\x07y", "action": "leave"}, 400, "control characters"),
    ],
)
def test_a_bad_form_is_refused_in_one_line_and_stores_nothing(
    store: Store, form: dict[str, str], code: int, says: str
) -> None:
    c = client(store)
    _, token, _ = story_page(c)
    data = {"csrf": token, "item": first_item(c), "by": "Ann", **form}
    r = c.post("/corrections", data=data)
    assert r.status_code == code, r.text
    assert says in r.text
    assert corrections.listed(store) == []


def test_forged_or_foreign_posts_are_refused(store: Store) -> None:
    c = client(store)
    _, token, _ = story_page(c)
    item = first_item(c)
    good = {"csrf": token, "item": item, "kind": "reject", "by": "Ann"}
    assert c.post("/corrections", data={**good, "csrf": ""}).status_code == 403
    assert c.post("/corrections", data={k: v for k, v in good.items() if k != "csrf"}).status_code == 403
    assert c.post("/corrections", data={**good, "csrf": token[:-1] + "x"}).status_code == 403
    assert c.post("/corrections", data=good, headers={"origin": "http://evil.example"}).status_code == 403
    assert c.post("/corrections", json=good).status_code == 400  # not a form
    assert c.get("/corrections", params=good).status_code == 200  # a GET lists, never writes
    assert (
        c.post(
            "/corrections",
            content="x" * 20_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        ).status_code
        == 400
    )
    # another machine, even with the token
    assert client(store, at=("192.0.2.7", 1234)).post("/corrections", data=good).status_code == 403
    # a read-only viewer has no forms and takes none
    ro = client(store, editable=False)
    html, ro_token, _ = story_page(ro)
    assert 'action="/corrections"' not in html and not ro_token
    assert ro.post("/corrections", data=good).status_code == 403
    assert corrections.listed(store) == []
    # the same POST with the token, from loopback, is taken
    assert c.post("/corrections", data=good).status_code == 303
    assert [x.kind for x in corrections.listed(store)] == ["reject"]


def test_a_later_report_against_a_correction_shows_as_a_disagreement(tmp_path: Path) -> None:
    records = iraq_story()
    path = tmp_path / "later.db"
    with open_store(path) as s:
        s.add(records[0])
        item = next(x for x in corrections_due(s) if x.deadline is not None and x.deadline.value == "2025-09")
        corrections.fix(s, item.id, "Ann", corrections.Given(deadline="2025-10"))
        for rec in records[1:]:
            s.add(rec)
    with open_store(path) as s:
        c = client(s)
        sid = c.get("/api/stories").json()["stories"][0]["id"]
        html = c.get(f"/stories/{sid}").text
    section = html.split('id="disagreements"')[1]
    assert "correction: deadline of" in section
    assert "<li>2025-10 (analyst Ann, correction 1)</li>" in section


def corrections_due(store: Store) -> list[Tracked]:
    from docket.index.query import story_index

    return story_index(store).commitments()
