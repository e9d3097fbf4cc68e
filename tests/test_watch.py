"""docket watch against feeds on a loopback server: new entries added once, 304s, failures, back-off."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.commands.watch import parse_every
from loopback import Loopback, Route, article_page, serve

LEAD = (
    "Niger and the United States agreed on Sunday that American forces will leave the country no later "
    "than Sept. 15, 2024, the two governments said in a joint statement. About 1,000 US troops are "
    "stationed at two bases, officials said."
)
WIRE = (
    "NIAMEY (Reuters) - Niger and the United States agreed on Sunday that American forces will leave "
    "the country no later than Sept. 15, 2024, the two governments said in a joint statement issued "
    "after four days of talks in the capital.\n\n"
    "About 1,000 US troops are stationed at two bases in Niger, including a drone base near Agadez that "
    "cost more than 100 million dollars to build, officials said. The withdrawal has already begun, "
    "and the two sides said they would set up procedures to ease the movement of personnel.\n\n"
    "The junta that took power in a coup last July ended a military cooperation accord with Washington "
    "in March, saying the presence of US forces was illegal under the country's constitution.\n\n"
    "The two governments said the departure of US forces would not affect the development relationship "
    "between them, and that they would keep talking about future cooperation."
)


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    parts = [
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
    ]
    parts.append(f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>")
    for item in items:
        parts.append("<item>")
        for tag in ("title", "link", "guid", "pubDate", "description"):
            if tag in item:
                parts.append(f"<{tag}>{escape(item[tag])}</{tag}>")
        if "content" in item:
            parts.append(f"<content:encoded>{escape(item['content'])}</content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


@pytest.fixture
def site() -> Iterator[Loopback]:
    with serve() as s:
        yield s


def feed_rows(db: Path) -> dict[str, tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return {
            r[0]: tuple(r[1:])
            for r in con.execute("SELECT url, etag, failures, next_at, last_error FROM feeds")
        }
    finally:
        con.close()


def test_watch_once_adds_new_entries_then_nothing_twice(site: Loopback, tmp_path: Path) -> None:
    site.routes["/niger"] = Route(article_page("US to leave Niger", LEAD * 3, published="2024-05-20"))
    site.routes["/wire.rss"] = Route(
        rss(
            "Sahel Wire",
            [
                {"title": "US to leave Niger", "link": site.url("/niger"), "guid": "a1",
                 "pubDate": "Mon, 20 May 2024 08:00:00 GMT", "description": "Teaser only."},
                {"title": "Niger: US withdrawal by September 15", "link": site.url("/not-fetched"),
                 "guid": "a2",
                 "pubDate": "Mon, 20 May 2024 09:00:00 GMT", "content": WIRE},
            ],
        ),
        content_type="application/rss+xml",
        etag='"feed-v1"',
    )  # fmt: skip
    db = tmp_path / "news.db"
    runner = CliRunner()
    res = runner.invoke(app, ["watch", site.url("/wire.rss"), "--db", str(db), "--once"])
    assert res.exit_code == 0, res.output
    assert "1 feed; 2 new entries: 2 added, 0 already stored, 0 failed" in res.stdout
    assert site.hits("/niger") and not site.hits("/not-fetched")  # a full entry is read from the feed

    res = runner.invoke(app, ["watch", site.url("/wire.rss"), "--db", str(db), "--once"])
    assert res.exit_code == 0, res.output
    assert "1 feed, 1 not modified; 0 new entries: 0 added" in res.stdout
    assert site.hits("/wire.rss")[-1].headers.get("if-none-match") == '"feed-v1"'

    con = sqlite3.connect(db)
    docs = dict(con.execute("SELECT title, agency FROM documents").fetchall())
    outlets = {r[0] for r in con.execute("SELECT outlet FROM documents")}
    con.close()
    assert docs == {"US to leave Niger": None, "Niger: US withdrawal by September 15": "reuters"}
    assert "Sahel Wire" in outlets


def test_a_failing_feed_backs_off_and_the_others_go_on(site: Loopback, tmp_path: Path) -> None:
    site.routes["/down.rss"] = Route(b"down", status=503)
    site.routes["/slow.rss"] = Route(rss("Slow", []), content_type="application/rss+xml", delay=3.0)
    site.routes["/ok.rss"] = Route(
        rss(
            "Fine",
            [{"title": "Niger", "guid": "x", "pubDate": "Mon, 20 May 2024 09:00:00 GMT", "content": WIRE}],
        ),
        content_type="application/rss+xml",
    )
    site.routes["/page.html"] = Route(article_page("Not a feed", LEAD))
    db = tmp_path / "news.db"
    runner = CliRunner()
    feeds = [site.url("/down.rss"), site.url("/slow.rss"), site.url("/page.html"), site.url("/ok.rss")]
    res = runner.invoke(app, ["watch", *feeds, "--db", str(db), "--once"], env={"DOCKET_FETCH_TIMEOUT": "1"})
    assert res.exit_code == 1
    assert "4 feeds, 3 failed; 1 new entries: 1 added" in res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(
        f"docket: {site.url('/down.rss')}: the server failed (HTTP 503); try again later;"
    )
    assert "no answer from 127.0.0.1" in lines[1]
    assert "the page is not a feed (it is text/html)" in lines[2]
    state = feed_rows(db)
    assert state[site.url("/down.rss")][1] == 1 and state[site.url("/down.rss")][2] is not None
    assert state[site.url("/ok.rss")][1] == 0

    # polled again at once: the failed feeds wait (no request), the good one is not fetched twice
    hits = len(site.hits("/down.rss"))
    res = runner.invoke(app, ["watch", *feeds, "--db", str(db), "--once"])
    assert "4 feeds, 3 waiting; 0 new entries" in res.stdout
    assert len(site.hits("/down.rss")) == hits


def test_a_feed_file_and_a_copy_across_feeds(site: Loopback, tmp_path: Path) -> None:
    padded = "By Staff Writer | Daily Times\n\n" + WIRE + "\n\nCopyright Daily Times. All rights reserved."
    feed = tmp_path / "daily.xml"
    feed.write_bytes(
        rss("Daily Times", [{"title": "Americans to quit Niger", "guid": "d1",
                             "pubDate": "Mon, 20 May 2024 12:00:00 GMT", "content": padded}])
    )  # fmt: skip
    site.routes["/wire.rss"] = Route(
        rss("Wire", [{"title": "US to leave Niger", "guid": "w1", "pubDate": "Mon, 20 May 2024 09:00:00 GMT",
                      "content": WIRE}]),
        content_type="application/rss+xml",
    )  # fmt: skip
    db = tmp_path / "news.db"
    res = CliRunner().invoke(app, ["watch", site.url("/wire.rss"), str(feed), "--db", str(db), "--once"])
    assert res.exit_code == 0, res.output
    assert "2 feeds; 2 new entries: 2 added (1 of them a copy of an earlier article)" in res.stdout

    res = CliRunner().invoke(app, ["due", "--db", str(db), "--as-of", "2024-06-01", "--json"])
    assert res.exit_code == 0, res.output
    due = json.loads(res.stdout)
    con = sqlite3.connect(db)
    wire_id, copy_id = (
        con.execute("SELECT id FROM documents WHERE copy_of IS NULL").fetchone()[0],
        con.execute("SELECT id FROM documents WHERE copy_of IS NOT NULL").fetchone()[0],
    )
    assert con.execute("SELECT copy_of FROM documents WHERE id = ?", (copy_id,)).fetchone()[0] == wire_id
    con.close()
    # every commitment rests on the wire report alone: the copy is no second report
    assert due["commitments"]
    assert all(c["documents"] == [wire_id] for c in due["commitments"])


def test_ctrl_c_stops_a_running_watch_cleanly(site: Loopback, tmp_path: Path) -> None:
    site.routes["/empty.rss"] = Route(rss("Quiet", []), content_type="application/rss+xml")
    db = tmp_path / "news.db"
    env = {**os.environ, "DOCKET_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "docket", "watch", site.url("/empty.rss"), "--every", "1s"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while len(site.hits("/empty.rss")) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out.count("1 feed; 0 new entries") >= 2
    assert "docket watch: stopped after" in err
    assert "Traceback" not in err


def test_every_reads_spans() -> None:
    assert parse_every("15m").total_seconds() == 900
    assert parse_every("2h").total_seconds() == 7200
    assert parse_every("30s").total_seconds() == 30
    with pytest.raises(Exception, match="not a span of time"):
        parse_every("soon")
