"""Inputs and logs of a batch: RSS/Atom feeds, and the journal and errors file that survive a kill."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.batch.journal import ErrorLog, Journal, read_lines
from docket.ingest import Loaded, Problem, ReadOptions, read_inputs
from docket.ingest.feed import html_to_text

BODY = (
    "The two governments agreed on Tuesday to extend the ceasefire for another sixty days, "
    "officials said, and monitors will report on the withdrawal every week."
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://example.org</link>
<item><title>Ceasefire extended</title><link>https://example.org/a</link>
<pubDate>Tue, 03 Sep 2024 10:00:00 GMT</pubDate><description>short teaser</description>
<content:encoded><![CDATA[<p>{BODY}</p><p>More talks are planned.</p>]]></content:encoded></item>
<item><title>No date</title><link>https://example.org/b</link><description>{BODY}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks resume</title><link href="https://example.org/c"/><updated>2024-10-01T08:30:00Z</updated>
<summary type="html">&lt;p&gt;{BODY}&lt;/p&gt;</summary></entry></feed>"""


def read(path: Path, published: dt.date | None = None) -> list[Loaded | Problem]:
    return list(read_inputs([path], ReadOptions(published=published, check_language=False)))


def test_rss_entries_become_articles_with_their_date_title_link_and_outlet(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    first, second = read(feed)
    assert isinstance(first, Loaded) and first.origin == f"{feed}#1"
    doc = first.document
    assert doc.text == BODY + "\n\nMore talks are planned."  # the full content, not the teaser
    assert (doc.published, doc.title, doc.url, doc.outlet) == (
        dt.date(2024, 9, 3),
        "Ceasefire extended",
        "https://example.org/a",
        "Example Wire",
    )
    assert isinstance(second, Problem) and second.origin == f"{feed}#2"
    assert "no publication date" in second.what and "--published" in second.fix


def test_published_option_dates_entries_without_a_date(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(RSS, encoding="utf-8")
    got = read(feed, published=dt.date(2024, 9, 4))
    assert all(isinstance(x, Loaded) for x in got)
    assert [x.document.published for x in got if isinstance(x, Loaded)] == [
        dt.date(2024, 9, 3),
        dt.date(2024, 9, 4),
    ]


def test_atom_entry_with_html_summary(tmp_path: Path) -> None:
    feed = tmp_path / "desk.atom"
    feed.write_text(ATOM, encoding="utf-8")
    (item,) = read(feed)
    assert isinstance(item, Loaded)
    assert item.document.text == BODY and item.document.published == dt.date(2024, 10, 1)
    assert item.document.outlet == "Atom Desk" and item.document.url == "https://example.org/c"


def test_a_file_that_is_no_feed_is_one_problem(tmp_path: Path) -> None:
    bad = tmp_path / "sitemap.xml"
    bad.write_text("<urlset><url><loc>https://example.org</loc></url></urlset>", encoding="utf-8")
    (problem,) = read(bad)
    assert isinstance(problem, Problem) and "no feed entry" in problem.what and "RSS or Atom" in problem.fix


def test_feeds_in_a_folder_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    got = read(tmp_path)
    assert [type(x).__name__ for x in got] == ["Loaded"]


def test_html_to_text() -> None:
    assert html_to_text("<p>One &amp; two.</p><p>Three<br>four</p>") == "One & two.\n\nThree\n\nfour"
    assert html_to_text("<div>Kept<script>var x = 1;</script> text</div>") == "Kept text"
    assert html_to_text("Plain &lt;text&gt;") == "Plain <text>"
    assert html_to_text("  <p>  spaced    out  </p>  ") == "spaced out"


@given(st.text(max_size=200))
def test_html_to_text_never_crashes_and_has_no_tags_or_blank_runs(markup: str) -> None:
    out = html_to_text(markup)
    assert "\n\n\n" not in out and out == out.strip()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_feed_reader_never_crashes_on_junk(tmp_path: Path, data: bytes) -> None:
    junk = tmp_path / "junk.rss"
    junk.write_bytes(data)
    for item in read(junk):
        assert isinstance(item, Loaded | Problem)


# -- the journal and the errors file ------------------------------------------------------------


def test_journal_remembers_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    j = Journal(path)
    j.record(["a", "b"])
    j.record(["c"], "part-00001.parquet")
    j.close()
    again = Journal(path)
    assert again.done == {"a", "b", "c"} and again.parts == {"part-00001.parquet"}
    again.close()


@given(tail=st.binary(min_size=1, max_size=60).filter(lambda b: b"\n" not in b))
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_torn_last_line_is_cut_and_the_journal_goes_on(tmp_path: Path, tail: bytes) -> None:
    path = tmp_path / "torn.jsonl"
    path.write_bytes(b'{"done": ["a"], "part": null}\n' + tail)
    j = Journal(path)
    j.record(["b"])
    j.close()
    assert path.read_bytes().count(b"\n") == 2
    assert Journal(path).done == {"a", "b"}


def test_errors_are_logged_once_per_article(tmp_path: Path) -> None:
    path = tmp_path / "errors.jsonl"
    log = ErrorLog(path)
    assert log.add([("f.jsonl:1", "the line is not valid JSON", "write one JSON object a line")]) == 1
    log.close()
    log = ErrorLog(path)
    assert log.add([("f.jsonl:1", "again", "x"), ("f.jsonl:2", "empty", "y")]) == 1
    log.close()
    assert [o["origin"] for o in read_lines(path)] == ["f.jsonl:1", "f.jsonl:2"]
    assert json.loads(path.read_text().splitlines()[0]) == {
        "origin": "f.jsonl:1",
        "error": "the line is not valid JSON",
        "fix": "write one JSON object a line",
    }


def test_progress_bar_shows_docs_per_second_and_errors() -> None:
    import io

    from rich.console import Console

    from docket.batch.progress import ProgressBar
    from docket.batch.runner import BatchSummary

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    with ProgressBar(console=console) as bar:
        bar.update(BatchSummary(stored=40, already=3, failed=2, seconds=4.0))
    shown = out.getvalue()
    assert (
        "42 docs" in shown and "10.5 docs/s" in shown and "2 errors" in shown and "3 already there" in shown
    )


def test_progress_bar_is_silent_when_not_a_terminal() -> None:
    import io

    from rich.console import Console

    from docket.batch.progress import ProgressBar
    from docket.batch.runner import BatchSummary

    out = io.StringIO()
    with ProgressBar(console=Console(file=out, force_terminal=False)) as bar:
        bar.update(BatchSummary(stored=1, seconds=1.0))
    assert out.getvalue() == ""
