"""The web viewer over HTTP: pages, /api/ JSON, statuses as of a day, escaping, headers, bad input."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import synthetic
from docket.record import Actor, Commitment, Document, Mention, Quantity, Record, Source, Timex
from docket.store import open_store
from docket.web.app import create_app
from docket.web.guards import CSP

TODAY = dt.date(2025, 1, 1)
TARGET = r'<(?:a|mark) class="hl[^"]*\btarget\b[^"]*"[^>]*>([^<]*)</(?:a|mark)>'
HOSTILE = (
    'Breaking <script>alert("pwned")</script> news: <img src=x onerror=alert(2)> '
    'France said "<b>bold</b>" & left. <a href="javascript:alert(3)">click</a>'
)


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No handler attribute, no javascript: link, no image, and only docket's own scripts."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not str(attrs.get("href") or "").lower().startswith("javascript:"), attrs
        assert tag not in ("img", "iframe", "object", "embed", "style"), tag
        if tag == "script":
            assert attrs.get("type") == "application/json" or str(attrs.get("src", "")).endswith(".js"), attrs


def hostile_record() -> Record:
    text = HOSTILE
    s = text.index("France")
    tag = text.index("<script>")
    script_end = text.index("</script>") + len("</script>")
    news = text.index("news")
    return Record(
        document=Document.from_text(
            text,
            published=dt.date(2024, 5, 1),
            title='<img src=x onerror="alert(9)">',
            outlet="<i>Evil</i>",
            url="javascript:alert(4)",
        ),
        actors=[
            Actor(
                id="FRA", name="France", kind="country", mentions=[Mention(text="France", start=s, end=s + 6)]
            )
        ],
        sources=[
            Source(id="s1", text="<script>", start=tag, end=tag + 8, kind="named", name="<script>x</script>")
        ],
        quantities=[
            Quantity(id="q1", text=text[tag:script_end], start=tag, end=script_end, value=5, noun="troops")
        ],
        timexes=[
            Timex(
                id="t1",
                text="news",
                start=news,
                end=news + 4,
                type="DATE",
                value="2026-01",
                earliest=dt.date(2026, 1, 1),
                latest=dt.date(2026, 1, 31),
            )
        ],
        commitments=[
            Commitment(
                id="c1",
                obligor=["FRA"],
                parties=["FRA"],
                action="withdraw</script><script>alert(6)",
                object='<img src=x onerror="alert(5)">',
                deadline="t1",
                status="agreed",
                start=0,
                end=len(text),
            )
        ],
    )


@pytest.fixture(scope="module")
def records() -> list[Record]:
    # other stories around it; the hand-made Iraq story keeps its own commitments to itself
    others = [r for r in synthetic.records(24) if "USA" not in {a.id for a in r.actors}]
    return [*synthetic.story(), hostile_record(), *others]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, records: list[Record]) -> Iterator[TestClient]:
    path = Path(tmp_path_factory.mktemp("web")) / "store.db"
    with open_store(path) as store:
        for rec in records:
            store.add(rec)
    store = open_store(path)
    with TestClient(create_app(store, today=TODAY), raise_server_exceptions=False) as c:
        yield c
    store.close()


STORY_TITLE = synthetic.STORY_TEXTS[0][1]


@pytest.fixture(scope="module")
def sid(client: TestClient) -> str:
    """The id of the hand-made story (the story engine names it)."""
    stories = client.get("/api/stories").json()["stories"]
    return str(next(s["id"] for s in stories if s["title"] == STORY_TITLE))


def story_doc_ids() -> list[str]:
    return [r.document.id for r in synthetic.story()]


def statuses(client: TestClient, sid: str, as_of: str) -> dict[tuple[str, int | None, str | None], str]:
    data = client.get(f"/api/stories/{sid}", params={"as_of": as_of}).json()
    out = {}
    for group in data["agreements"]:
        for c in group["commitments"]:
            latest = c["deadline"]["latest"] if c["deadline"] else None
            out[(c["action"], c["stage"], latest)] = c["status"]
    return out


# -- pages -------------------------------------------------------------------


def test_home_lists_stories_with_actors_span_count_and_next_deadline(client: TestClient, sid: str) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    html = page.text
    row = re.search(
        rf'<a href="/stories/{sid}\?as_of=2025-01-01">(.*?)</a><div class="muted">(.*?)</div>', html
    )
    assert row is not None and row.group(1) == STORY_TITLE
    assert "Iraq" in row.group(2) and "United States" in row.group(2)
    # on the viewer's day (2025-01-01) two of the story's three reports were published; the third
    # (2025-11-27) counts from its day on
    story = next(s for s in client.get("/api/stories").json()["stories"] if s["id"] == sid)
    assert story["articles"] == 2
    later = client.get("/api/stories", params={"as_of": "2025-11-27"}).json()["stories"]
    assert next(s for s in later if s["id"] == sid)["articles"] == 3
    assert story["next_deadline"]["latest"] is not None
    assert story["next_deadline"]["days_left"] >= 0


def test_story_page_shows_board_timeline_charts_and_sources(client: TestClient, sid: str) -> None:
    html = client.get(f"/stories/{sid}", params={"as_of": "2025-01-01"}).text
    assert 'id="board"' in html and 'class="badge status-pending"' in html
    assert 'id="timeline-chart"' in html and 'id="timeline-data"' in html
    assert 'class="series-chart"' in html
    assert "a senior U.S. official → Reuters → Story Wire" in html
    assert "vendor/chart.umd.min.js" in html


def test_superseded_commitment_links_to_what_replaced_it(client: TestClient, sid: str) -> None:
    data = client.get(f"/api/stories/{sid}", params={"as_of": "2025-01-01"}).json()
    entries = {c["id"]: c for g in data["agreements"] for c in g["commitments"]}
    old = next(c for c in entries.values() if c["deadline"] and c["deadline"]["latest"] == "2026-12-31")
    assert old["status"] == "superseded"
    new = entries[old["superseded_by"]]
    assert new["deadline"]["value"] == "2026-09"
    assert old["id"] in new["supersedes"]
    html = client.get(f"/stories/{sid}", params={"as_of": "2025-01-01"}).text
    assert f'href="#entry-{new["id"]}"' in html


def test_as_of_changes_statuses(client: TestClient, sid: str) -> None:
    # Before the joint statement: the end-2026 stage is still the plan.
    early = statuses(client, sid, "2024-09-10")
    assert early[("withdraw", 2, "2026-12-31")] == "pending"
    assert ("withdraw", 2, "2026-09-30") not in early
    # After it: the end-2026 deadline is superseded by September 2026.
    later = statuses(client, sid, "2025-01-01")
    assert later[("withdraw", 2, "2026-12-31")] == "superseded"
    assert later[("withdraw", 2, "2026-09-30")] == "pending"
    # Stage 1 passes its deadline with no report of it done, then a report says it was.
    assert statuses(client, sid, "2025-01-01")[("withdraw", 1, "2025-09-30")] == "pending"
    assert statuses(client, sid, "2025-10-15")[("withdraw", 1, "2025-09-30")] == "overdue"
    assert statuses(client, sid, "2025-12-01")[("withdraw", 1, "2025-09-30")] == "fulfilled"


def test_days_left_counts_from_as_of_to_latest(client: TestClient, sid: str) -> None:
    data = client.get("/api/commitments", params={"as_of": "2025-09-01", "story": sid}).json()
    stage1 = next(c for c in data["commitments"] if c["deadline"] and c["deadline"]["latest"] == "2025-09-30")
    assert stage1["days_left"] == 29
    assert data["as_of"] == "2025-09-01"


def test_commitment_links_to_its_evidence_highlighted_in_the_article(client: TestClient, sid: str) -> None:
    html = client.get(f"/stories/{sid}", params={"as_of": "2025-01-01"}).text
    link = re.search(r'class="commitment-link" href="([^"]+)"', html)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    article = client.get(href)
    assert article.status_code == 200
    marked = re.findall(TARGET, article.text)
    evidence = "".join(marked)
    assert evidence.startswith("Washington and Baghdad agreed")
    assert 'id="hl"' in article.text
    assert "Selected commitment" in article.text


def test_article_highlights_every_kind_with_its_value(client: TestClient) -> None:
    doc = story_doc_ids()[0]
    html = client.get(f"/articles/{doc}").text
    for kind in ("time", "quantity", "actor", "source", "event", "commitment"):
        assert f"k-{kind}" in html, kind
    assert 'title="time: 2025-09 (2025-09-01 – 2025-09-30)' in html or "time: 2025-09 (2025-09-01" in html
    assert "quantity: ≈2,500 troops" in html
    # the text, with the marks removed, is exactly the article's text
    body = re.search(r'<div class="text" id="article-text"[^>]*>(.*?)</div>', html, re.S)
    assert body is not None
    plain = re.sub(r"<[^>]+>", "", body.group(1)).replace("&amp;", "&").replace("&#39;", "'")
    assert plain == synthetic.story()[0].document.text


def test_selecting_an_actor_marks_all_its_mentions(client: TestClient) -> None:
    doc = story_doc_ids()[0]
    html = client.get(f"/articles/{doc}", params={"item": "actor:USA"}).text
    marked = re.findall(TARGET, html)
    assert sorted(marked) == sorted(["Washington", "US", "U.S.", "US"])
    assert "4 mentions in this article." in html


def test_fulfilling_event_supports_the_story_item(client: TestClient) -> None:
    doc = story_doc_ids()[2]
    html = client.get(f"/articles/{doc}", params={"item": "e1", "as_of": "2025-12-01"}).text
    assert 'class="supports"' in html
    assert "status-fulfilled" in html


def test_search_finds_articles_and_items(client: TestClient) -> None:
    html = client.get("/search", params={"q": "joint statement"}).text
    assert "Joint statement moves the final stage" in html
    data = client.get("/api/search", params={"q": "Muhammadawi"}).json()
    assert any(h["kind"] == "source" for h in data["items"])
    assert data["articles"][0]["title"] == "First stage complete, commander says"


def test_search_treats_like_wildcards_as_text(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "%"}).json()
    assert data["articles"] == []


def test_articles_list_pages(client: TestClient, records: list[Record]) -> None:
    html = client.get("/articles").text
    assert f'Articles <span class="muted">({len(records)})</span>' in html
    data = client.get("/api/articles").json()
    assert data["total"] == len(records)
    assert len(data["articles"]) == len(records)


# -- JSON --------------------------------------------------------------------


def test_api_article_is_the_stored_record(client: TestClient) -> None:
    rec = synthetic.story()[0]
    got = client.get(f"/api/articles/{rec.document.id}")
    assert got.headers["content-type"].startswith("application/json")
    assert Record.model_validate_json(got.text) == rec


def test_api_timeline_has_bands_for_month_and_year_precision(client: TestClient, sid: str) -> None:
    rows = client.get("/api/timeline", params={"story": sid, "as_of": "2025-12-01"}).json()["timeline"]
    deadlines = {(r["start"], r["end"]): r for r in rows if r["kind"] == "deadline"}
    assert deadlines[("2025-09-01", "2025-09-30")]["band"] is True
    events = [r for r in rows if r["kind"] == "event" and r["start"] == "2025-11-26"]
    assert events and events[0]["band"] is False
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_api_quantity_series_one_point_per_report(client: TestClient, sid: str) -> None:
    data = client.get(f"/api/stories/{sid}", params={"as_of": "2025-01-01"}).json()
    series = {s["label"]: s for s in data["series"]}
    iraq = series["troops in Iraq"]
    values = {(p["date"], p["value"]) for p in iraq["points"]}
    assert ("2024-09-07", 2500.0) in values and ("2024-09-28", 2000.0) in values
    assert [p["value"] for p in series["troops in Syria"]["points"] if p["date"] == "2024-09-07"] == [900.0]


def test_api_sources_panel_counts_and_chains(client: TestClient, sid: str) -> None:
    data = client.get(f"/api/stories/{sid}", params={"as_of": "2025-12-01"}).json()
    by_label = {s["label"]: s for s in data["sources"]}
    official = by_label["a senior U.S. official"]
    assert official["kind"] == "anonymous" and official["count"] == 1 and official["affiliation"] == "USA"
    assert "a senior U.S. official → Reuters → Story Wire" in official["chains"]
    assert by_label["Qais al-Muhammadawi"]["kind"] == "named"


# -- safety ------------------------------------------------------------------


def test_hostile_article_text_is_escaped_and_inert(client: TestClient) -> None:
    doc = hostile_record().document.id
    for params in ({}, {"item": "s1"}, {"item": "actor:FRA"}):
        html = client.get(f"/articles/{doc}", params=params).text
        assert "<script>alert" not in html
        assert "<img src=x" not in html and "<b>bold</b>" not in html and "<i>Evil" not in html
        assert 'href="javascript:' not in html and "javascript:alert(4)" in html
        shown = re.sub(r"<[^>]+>", "", html)  # the text a reader sees, still escaped
        assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in shown
        assert "&lt;img src=x onerror=alert(2)&gt;" in shown
        assert_inert(html)
    listing = client.get("/search", params={"q": "pwned"}).text
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    assert_inert(listing)


def test_chart_data_cannot_close_its_script_block(client: TestClient, sid: str) -> None:
    html = client.get(f"/stories/{sid}").text
    block = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', html, re.S)
    assert block is not None and "<" not in block.group(1)


@pytest.mark.parametrize(
    "url", ["/", "/stories/{sid}", "/articles", "/api/stories", "/static/app.css", "/nothing"]
)
def test_security_headers_on_every_response(client: TestClient, url: str, sid: str) -> None:
    got = client.get(url.format(sid=sid))
    assert got.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert got.headers["x-content-type-options"] == "nosniff"


def test_pages_load_no_inline_script(client: TestClient, sid: str) -> None:
    html = client.get(f"/stories/{sid}").text
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    for attrs in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs
    assert_inert(html)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/articles/nothex", 404),
        ("/articles/" + "0" * 64, 404),
        ("/api/articles/" + "f" * 64, 404),
        ("/stories/no-such-story", 404),
        ("/stories/..%2F..%2Fetc%2Fpasswd", 404),
        ("/?as_of=2025-13-45", 400),
        ("/stories/{sid}?as_of=yesterday", 400),
        ("/api/commitments?as_of=1-1-1", 400),
        ("/api/stories?as_of=2025-02-30", 400),
        ("/api/stories?as_of=20250101", 400),
        ("/?as_of=2025-W01-1", 400),
        ("/articles?page_no=0", 400),
        ("/api/search?q=", 400),
        ("/no/such/page", 404),
    ],
)
def test_bad_ids_and_dates_get_a_page_not_a_traceback(
    client: TestClient, url: str, status: int, sid: str
) -> None:
    got = client.get(url.format(sid=sid))
    assert got.status_code == status
    assert "Traceback" not in got.text
    if url.startswith("/api/"):
        assert got.json()["status"] == status
    else:
        assert "text/html" in got.headers["content-type"]
        assert 'role="alert"' in got.text


def test_unknown_item_of_an_article_is_404_and_odd_item_is_400(client: TestClient) -> None:
    doc = story_doc_ids()[0]
    assert client.get(f"/articles/{doc}", params={"item": "t99"}).status_code == 404
    assert client.get(f"/articles/{doc}", params={"item": "<x>"}).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/store/sqlite.py",
        "/static//etc/passwd",
        "/static/vendor/../../templates/base.html",
    ],
)
def test_no_path_traversal_out_of_static(client: TestClient, path: str) -> None:
    got = client.get(path)
    assert got.status_code == 404
    assert "def create_app" not in got.text and "root:" not in got.text and "{% block" not in got.text


def test_vendored_chart_library_is_served(client: TestClient) -> None:
    got = client.get("/static/vendor/chart.umd.min.js")
    assert got.status_code == 200
    assert "Chart.js v4" in got.text[:200]


def test_only_get_routes(client: TestClient) -> None:
    assert client.post("/api/stories").status_code == 405
    assert client.delete(f"/api/articles/{story_doc_ids()[0]}").status_code == 405


def test_store_is_read_only_through_the_viewer(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "ro.db"
    with open_store(path) as store:
        store.add(synthetic.story()[0])
    store = open_store(path)
    create_app(store, today=TODAY)
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM documents")
    store.close()


def test_empty_store_pages(tmp_path: Path) -> None:
    store = open_store(tmp_path / "empty.db")
    with TestClient(create_app(store, today=TODAY)) as c:
        assert "holds no articles yet" in c.get("/").text
        assert c.get("/api/stories").json() == {"as_of": "2025-01-01", "stories": []}
        assert c.get("/articles").status_code == 200
    store.close()


def test_new_documents_show_without_restart(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    reader = open_store(path)
    with TestClient(create_app(reader, today=TODAY)) as c:
        assert c.get("/api/articles").json()["total"] == 0
        with open_store(path) as writer:
            writer.add(synthetic.story()[0])
        assert c.get("/api/articles").json()["total"] == 1
    reader.close()


def _json(client: TestClient, url: str) -> Any:
    return client.get(url).json()


def test_default_as_of_is_the_day_given_to_the_app(client: TestClient) -> None:
    assert _json(client, "/api/stories")["as_of"] == TODAY.isoformat()
    assert 'value="2025-01-01"' in client.get("/").text


def test_chart_rules_are_valid_data() -> None:
    from docket.web import storyview

    rules = storyview.settings()
    assert set(rules) == {
        "charted_nouns",
        "max_charts",
        "background_days",
        "max_timeline_rows",
        "max_points",
        "max_articles_listed",
        "max_evidence_listed",
        "max_table_rows",
        "max_disagreements",
    }
    assert all(isinstance(n, str) and n == n.lower() and n for n in rules["charted_nouns"])
    assert isinstance(rules["max_charts"], int) and rules["max_charts"] > 0
    for key in sorted(set(rules) - {"charted_nouns"}):
        assert isinstance(rules[key], int) and rules[key] >= 0, key
    assert storyview.charted("troop") and not storyview.charted("stage")


def test_timeline_chart_leaves_out_background_but_table_keeps_it() -> None:
    from docket.story.model import Story
    from docket.web.storyview import Row, foreground

    story = Story(id="s", documents=[], first=dt.date(2024, 9, 7), last=dt.date(2024, 9, 28), actors=[])
    old = Row(
        "event", "event: seize", dt.date(2014, 6, 1), dt.date(2014, 6, 30), "month", "occurred", "v1", None
    )
    new = Row(
        "deadline", "deadline: withdraw", dt.date(2025, 9, 1), dt.date(2025, 9, 30), "month", None, "k1", None
    )
    assert foreground([old, new], story) == [new]
    assert new.band and not Row("event", "x", old.start, old.start, "day", None, "v", None).band


def test_series_json_says_which_are_charts(client: TestClient, sid: str) -> None:
    html = client.get(f"/stories/{sid}", params={"as_of": "2025-01-01"}).text
    data = client.get(f"/api/stories/{sid}", params={"as_of": "2025-01-01"}).json()
    charts = [s for s in data["series"] if s["chart"]]
    assert {s["label"] for s in charts} == {"troops in Iraq", "troops in Syria"}
    assert html.count('class="series-chart"') == len(charts)


def test_deadline_and_source_of_a_commitment_link_to_its_story_item(client: TestClient, sid: str) -> None:
    doc = story_doc_ids()[0]
    for item in ("t1", "s2"):
        html = client.get(f"/articles/{doc}", params={"item": item, "as_of": "2025-01-01"}).text
        link = re.search(
            r'Supports: <a class="supports" href="/stories/([^?]+)\?as_of=2025-01-01#entry-(\w+)"', html
        )
        assert link is not None and link.group(1) == sid, item
        entry = client.get(f"/stories/{sid}", params={"as_of": "2025-01-01"}).text
        assert f'id="entry-{link.group(2)}"' in entry


def test_article_still_shows_when_the_story_merge_fails(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = client.app.state.viewer  # type: ignore[attr-defined]

    def broken() -> None:
        raise RuntimeError("merge failed")

    monkeypatch.setattr(viewer, "index", broken)
    doc = story_doc_ids()[0]
    got = client.get(f"/articles/{doc}", params={"item": "c1"})
    assert got.status_code == 200 and 'id="hl"' in got.text
    home = client.get("/")
    assert home.status_code == 500 and "Traceback" not in home.text and 'role="alert"' in home.text
    assert home.headers["content-security-policy"] == CSP


def test_long_timelines_keep_the_rows_nearest_as_of() -> None:
    from docket.web.storyview import Row, nearest

    day = dt.date(2025, 1, 1)
    rows = [
        Row(
            "event",
            f"e{i}",
            day + dt.timedelta(days=i),
            day + dt.timedelta(days=i),
            "day",
            None,
            f"v{i}",
            None,
        )
        for i in range(-10, 11)
    ]
    kept = nearest(rows, day, limit=5)
    assert [r.label for r in kept] == ["e-2", "e-1", "e0", "e1", "e2"]
    assert nearest(rows, day, limit=50) == rows


def test_articles_pages_of_fifty(tmp_path: Path) -> None:
    store = open_store(tmp_path / "many.db")
    for rec in synthetic.records(120):
        store.add(rec)
    with TestClient(create_app(store, today=TODAY)) as c:
        first = c.get("/articles").text
        assert (
            "page 1 of 3" in first and 'rel="next" href="/articles?page_no=2&amp;as_of=2025-01-01"' in first
        )
        assert first.count('<li><a href="/articles/') == 50
        last = c.get("/articles", params={"page_no": 3}).text
        assert (
            last.count('<li><a href="/articles/') == 20 and 'rel="prev"' in last and 'rel="next"' not in last
        )
        ids = [
            a["id"]
            for n in (1, 2, 3)
            for a in c.get("/api/articles", params={"page_no": n}).json()["articles"]
        ]
        assert len(ids) == len(set(ids)) == 120
    store.close()


def test_default_day_can_come_from_a_clock(tmp_path: Path) -> None:
    days = iter([dt.date(2025, 9, 29), dt.date(2025, 10, 1)])
    store = open_store(tmp_path / "clock.db")
    store.add(synthetic.story()[0])
    with TestClient(create_app(store, today=lambda: next(days))) as c:
        assert c.get("/api/commitments").json()["as_of"] == "2025-09-29"
        assert c.get("/api/commitments").json()["as_of"] == "2025-10-01"
    store.close()


def test_api_index_lists_endpoints_that_answer(client: TestClient, sid: str) -> None:
    endpoints = client.get("/api/").json()["endpoints"]
    doc = story_doc_ids()[0]
    for pattern in endpoints:
        url = (
            pattern.replace("DATE", "2025-01-01")
            .replace("stories/ID", f"stories/{sid}")
            .replace("story=ID", f"story={sid}")
            .replace("articles/ID", f"articles/{doc}")
            .replace("N", "1")
            .replace("TEXT", "troops")
        )
        assert client.get(url).status_code == 200, url


def test_hostile_values_on_story_pages_stay_text(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"as_of": "2025-01-01"}).json()["stories"]
    hostile = next(
        s
        for s in stories
        if any(a["id"] == "FRA" for a in s["actors"]) and s["articles"] == 1 and s["title"].startswith("<img")
    )
    for url in ("/", f"/stories/{hostile['id']}", "/search?q=script"):
        html = client.get(url, params={"as_of": "2025-01-01"}).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert_inert(html)
        for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
            assert "<" not in block
    page = client.get(f"/stories/{hostile['id']}", params={"as_of": "2025-01-01"}).text
    assert "&lt;img src=x onerror=&#34;alert(5)&#34;&gt;" in page


def test_article_published_after_as_of_says_so(client: TestClient) -> None:
    doc = story_doc_ids()[2]  # published 2025-11-27
    assert "Published after 2025-01-01" in client.get(f"/articles/{doc}", params={"as_of": "2025-01-01"}).text
    assert "Published after" not in client.get(f"/articles/{doc}", params={"as_of": "2025-12-01"}).text
