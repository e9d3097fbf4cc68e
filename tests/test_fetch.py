"""Fetching articles by URL, against a loopback server the tests start: every failure is one line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from docket.ingest import Loaded, Problem, ReadOptions
from docket.ingest.web import FetchOptions, fetch, is_url, read_sources, read_url
from loopback import Loopback, Route, article_page, free_port, serve

TEXT = (
    "Washington and Baghdad have reached an understanding on a plan under which the US-led "
    "coalition would leave Iraq in two stages, with hundreds of troops departing by September "
    "next year and the rest by the end of 2026, officials said on Friday.\n\n"
    "Under the plan, all coalition forces would pull out of Ain al-Asad air base in the western "
    "province of Anbar and scale back their presence in Baghdad by September 2025. Troops would "
    "stay on in Erbil, the capital of the semi-autonomous Kurdistan region, until the end of 2026.\n\n"
    "The deal still requires final approval from leaders in both capitals, and no date has been "
    "set for making it public. An announcement is expected later this month, the officials said."
)
OPTS = ReadOptions(check_language=False)
QUICK = FetchOptions(timeout=1.0, max_bytes=200_000)


@pytest.fixture
def site() -> Iterator[Loopback]:
    with serve() as s:
        yield s


def one(site: Loopback, path: str, options: FetchOptions = QUICK) -> Loaded | Problem:
    [item] = list(read_url(site.url(path), OPTS, options))
    return item


def test_a_page_is_read_with_its_own_date_title_outlet_and_url(site: Loopback) -> None:
    site.routes["/world/iraq"] = Route(
        article_page(
            "US and Iraq agree on a two-stage exit",
            TEXT,
            outlet="Tigris Morning Post",
            url="https://tigris.example/world/iraq",
            published="2024-09-07T10:00:00Z",
        )
    )
    item = one(site, "/world/iraq")
    assert isinstance(item, Loaded)
    doc = item.document
    assert doc.published == dt.date(2024, 9, 7)
    assert doc.title == "US and Iraq agree on a two-stage exit"
    assert doc.outlet == "Tigris Morning Post"
    assert doc.url == "https://tigris.example/world/iraq"
    assert "scale back their presence in Baghdad" in doc.text
    assert "All rights reserved" not in doc.text  # the page's chrome is left out
    assert item.origin == site.url("/world/iraq")


def test_a_page_without_metadata_gets_the_fetched_url_and_host(site: Loopback) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n"))
    body = f"<html><body><article>{paragraphs}</article></body></html>"
    site.routes["/plain"] = Route(body.encode())
    [item] = list(
        read_url(site.url("/plain"), ReadOptions(check_language=False, published=dt.date(2024, 9, 8)), QUICK)
    )
    assert isinstance(item, Loaded)
    assert item.document.url == site.url("/plain")
    assert item.document.outlet == "127.0.0.1"
    assert item.document.published == dt.date(2024, 9, 8)


def test_redirects_are_followed(site: Loopback) -> None:
    site.routes["/old"] = Route(redirect="/new")
    site.routes["/new"] = Route(article_page("Moved", TEXT, published="2024-09-07"))
    item = one(site, "/old")
    assert isinstance(item, Loaded)
    assert item.document.url == site.url("/new")


def test_a_redirect_loop_is_one_line(site: Loopback) -> None:
    site.routes["/a"] = Route(redirect="/b")
    site.routes["/b"] = Route(redirect="/a")
    item = one(site, "/a")
    assert isinstance(item, Problem)
    assert (
        item.line()
        == f"{site.url('/a')}: more than 5 redirects; give the page's final URL, or check the link"
    )


@pytest.mark.parametrize(
    ("route", "says"),
    [
        (None, "the page was not found (HTTP 404); check the URL"),
        (Route(b"oops", status=503), "the server failed (HTTP 503); try again later"),
        (Route(b"oops", status=500), "the server failed (HTTP 500); try again later"),
        (Route(b"no", status=403), "the server refused the request (HTTP 403 Forbidden)"),
        (Route(b"%PDF-1.4", content_type="application/pdf"), "the page is not HTML (it is application/pdf)"),
        (Route(b"x" * 300_000), "the page is too large (300,000 bytes; the limit is 200,000 bytes)"),
        (Route(article_page("Slow", TEXT), delay=3.0), "no answer from 127.0.0.1:"),
        (Route(article_page("Cut", TEXT), broken=True), "broke off or sent a malformed answer"),
        (Route(b"<html><body></body></html>"), "no article text found in the HTML"),
        (Route(article_page("Undated", TEXT)), "no publication date; the page gives none, pass --published"),
    ],
)
def test_each_failure_is_one_clear_line(site: Loopback, route: Route | None, says: str) -> None:
    if route is not None:
        site.routes["/page"] = route
    item = one(site, "/page")
    assert isinstance(item, Problem)
    line = item.line()
    assert line.startswith(site.url("/page") + ": ")
    assert says in line
    assert "\n" not in line


def test_a_body_larger_than_promised_is_cut_off_at_the_limit(site: Loopback) -> None:
    site.routes["/big"] = Route(b"y" * 300_000, headers={})
    with pytest.raises(Exception, match="too large"):
        fetch(site.url("/big"), FetchOptions(timeout=1.0, max_bytes=1000))


def test_refused_and_unknown_hosts_and_other_schemes() -> None:
    port = free_port()
    [refused] = list(read_url(f"http://127.0.0.1:{port}/x", OPTS, QUICK))
    assert isinstance(refused, Problem)
    assert f"127.0.0.1:{port} refused the connection" in refused.line()
    [dns] = list(read_url("http://no-such-host.invalid/x", OPTS, QUICK))
    assert isinstance(dns, Problem)
    assert "the host no-such-host.invalid was not found (DNS)" in dns.line()
    [ftp] = list(read_url("ftp://example.org/a.html", OPTS, QUICK))
    assert isinstance(ftp, Problem)
    assert ftp.line() == (
        "ftp://example.org/a.html: cannot fetch a ftp: URL; "
        "give an http:// or https:// URL, or save the page and give the file"
    )


def test_conditional_requests_get_304(site: Loopback) -> None:
    site.routes["/feed"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = fetch(site.url("/feed"), FetchOptions(timeout=1.0, accept=("application/rss+xml",)))
    assert first.status == 200 and first.etag == '"v1"'
    again = fetch(site.url("/feed"), FetchOptions(timeout=1.0, accept=("application/rss+xml",), etag='"v1"'))
    assert again.not_modified
    assert site.hits("/feed")[-1].headers["if-none-match"] == '"v1"'


def test_urls_and_files_mix_in_order(site: Loopback, tmp_path: object) -> None:
    from pathlib import Path

    site.routes["/a"] = Route(article_page("A", TEXT, published="2024-09-07"))
    folder = Path(str(tmp_path))
    (folder / "b.txt").write_text("---\npublished: 2024-09-08\n---\n" + TEXT, encoding="utf-8")
    items = list(read_sources([site.url("/a"), str(folder / "b.txt"), site.url("/missing")], OPTS, QUICK))
    assert [type(i).__name__ for i in items] == ["Loaded", "Loaded", "Problem"]


def test_is_url() -> None:
    assert is_url("https://example.org/a")
    assert is_url("ftp://example.org/a")
    assert not is_url("articles/a.txt")
    assert not is_url("C:\\news\\a.txt")


def test_docket_read_and_add_a_url(site: Loopback, tmp_path: object) -> None:
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from docket.cli import app

    site.routes["/world/iraq"] = Route(
        article_page("US and Iraq agree", TEXT, outlet="Tigris Morning Post", published="2024-09-07")
    )
    runner = CliRunner()
    res = runner.invoke(app, ["read", site.url("/world/iraq"), "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)["document"]
    assert (doc["title"], doc["outlet"], doc["published"]) == (
        "US and Iraq agree",
        "Tigris Morning Post",
        "2024-09-07",
    )
    assert doc["url"] == site.url("/world/iraq")

    db = Path(str(tmp_path)) / "web.db"
    res = runner.invoke(app, ["add", site.url("/world/iraq"), site.url("/gone"), "--db", str(db)])
    assert res.exit_code == 1
    assert "1 added, 0 already stored, 1 failed" in res.stdout
    assert f"docket: {site.url('/gone')}: the page was not found (HTTP 404); check the URL" in res.stderr
    res = runner.invoke(app, ["add", site.url("/world/iraq"), "--db", str(db)])
    assert res.exit_code == 0
    assert "0 added, 1 already stored, 0 failed" in res.stdout
