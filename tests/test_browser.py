"""The viewer end to end in Debian's headless Chromium, driven by Playwright's Python package.

Run with ``pytest -m browser tests/test_browser.py``. Chromium comes from Debian
(``apt-get install chromium chromium-driver``); when it is missing and we run as
root the fixture installs it, and skips with the reason only if that fails.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import synthetic
from docket.record import Actor, Commitment, Document, Mention, Quantity, Record, Source, Timex
from docket.store import open_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SAMPLE = Path(__file__).resolve().parents[1] / "src" / "docket" / "data" / "sample"
TODAY = dt.date(2025, 1, 1)
HOSTILE = (
    "Markup test <script>window.__pwned = 1; alert('script')</script> then an image "
    "<img src=x onerror=\"window.__pwned = 2; alert('img')\"> and a <style>body{display:none}</style> "
    "block, from France."
)


def _install_chromium() -> str | None:
    """Install Debian's chromium when missing (as root); the reason it is unavailable, or None."""
    if CHROMIUM.exists():
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing; install it with: apt-get install chromium chromium-driver"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium", "chromium-driver"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=900)
        if done.returncode != 0:
            return f"{' '.join(cmd)} failed: {done.stderr.strip()[-300:]}"
    return None if CHROMIUM.exists() else f"{CHROMIUM} still missing after apt-get install"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
    reason = _install_chromium()
    if reason is not None:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        except Exception as exc:  # a broken install must say why, not error every test
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {exc}")
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def serve() -> Iterator[Any]:
    """serve(db_path, **create_app options) -> base URL of a viewer of that store, stopped at the end
    of the session."""
    import uvicorn

    from docket.web.app import create_app

    servers: list[tuple[Any, threading.Thread, Any]] = []

    def start(path: Path, **options: Any) -> str:
        store = open_store(path)
        port = _free_port()
        app = create_app(store, today=TODAY, **options)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(400):
            if server.started:
                break
            time.sleep(0.025)
        servers.append((server, thread, store))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread, store in servers:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def hostile_record() -> Record:
    at = HOSTILE.index("France")
    tag = HOSTILE.index("<img")
    end = HOSTILE.index(">", tag) + 1
    block = HOSTILE.index("block")
    return Record(
        document=Document.from_text(
            HOSTILE, published=dt.date(2024, 5, 1), title="<script>alert(1)</script>"
        ),
        actors=[
            Actor(
                id="FRA",
                name="France",
                kind="country",
                mentions=[Mention(text="France", start=at, end=at + 6)],
            )
        ],
        sources=[
            Source(id="s1", text=HOSTILE[tag : tag + 4], start=tag, end=tag + 4, kind="named", name="<img")
        ],
        quantities=[Quantity(id="q1", text=HOSTILE[tag:end], start=tag, end=end, value=7, noun="troops")],
        timexes=[
            Timex(
                id="t1",
                text="block",
                start=block,
                end=block + 5,
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
                action="withdraw",
                object="<img src=y onerror=alert('obj')>",
                deadline="t1",
                status="agreed",
                start=0,
                end=len(HOSTILE),
            )
        ],
    )


@pytest.fixture(scope="session")
def base_url(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = Path(tmp_path_factory.mktemp("browser")) / "story.db"
    with open_store(path) as store:
        for rec in [*synthetic.story(), hostile_record()]:
            store.add(rec)
    return str(serve(path))


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors, CSP refusals and dialogs seen on the page
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))

    def dialog(d: Any) -> None:
        pg.problems.append(f"dialog: {d.message}")
        d.dismiss()

    pg.on("dialog", dialog)
    yield pg
    context.close()


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


def open_story(page: Any, base_url: str, as_of: str) -> None:
    page.goto(f"{base_url}/?as_of={as_of}")
    with page.expect_navigation():
        page.click(f"text={synthetic.STORY_TEXTS[0][1]}")
    assert f"as_of={as_of}" in page.url


def board_statuses(page: Any) -> dict[str, str]:
    """Commitment label on the board -> status badge shown."""
    out: dict[str, str] = {}
    for entry in page.query_selector_all("li.entry"):
        label = entry.query_selector(".commitment-link").inner_text()
        deadline = entry.query_selector("dd").inner_text()
        out[f"{label} | {deadline}"] = entry.query_selector(".badge").inner_text()
    return out


def test_click_a_commitment_and_see_its_evidence_highlighted(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?as_of=2025-01-01")
    page.click(f"text={synthetic.STORY_TEXTS[0][1]}")
    page.wait_for_selector("#board")
    shot(page, "story-board")
    link = page.locator("a.commitment-link").first
    label = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**")
    marked = page.locator("a.hl.target")
    assert marked.count() > 0
    evidence = "".join(marked.all_inner_texts())
    assert evidence.startswith("Washington and Baghdad agreed")
    assert page.locator("#hl").is_visible()
    assert "Selected commitment" in page.locator("aside.panel h2").inner_text()
    assert label.split(" ")[0] in page.locator("#chosen").inner_text()
    # the highlight stands out from the unselected text
    colour = page.eval_on_selector("#hl", "e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "article-evidence")
    assert page.problems == []


def test_hovering_a_highlight_shows_its_normalised_value(page: Any, base_url: str) -> None:
    doc = synthetic.story()[0].document.id
    page.goto(f"{base_url}/articles/{doc}")
    time_mark = page.locator("a.hl.k-time", has_text="September 2025").first
    assert "time: 2025-09 (2025-09-01 – 2025-09-30)" in (time_mark.get_attribute("title") or "")
    time_mark.click()
    page.wait_for_selector("#chosen")
    assert "2025-09-30" in page.locator("#chosen").inner_text()
    shot(page, "article-time-selected")


def test_changing_as_of_changes_statuses(page: Any, base_url: str) -> None:
    open_story(page, base_url, "2025-01-01")
    before = board_statuses(page)
    with page.expect_navigation():
        page.fill("#as_of", "2025-10-15")
    assert "as_of=2025-10-15" in page.url
    middle = board_statuses(page)
    with page.expect_navigation():
        page.fill("#as_of", "2025-12-01")
    after = board_statuses(page)
    stage1 = next(k for k in before if "September 2025" in k)
    assert (before[stage1], middle[stage1], after[stage1]) == ("pending", "overdue", "fulfilled")
    assert sorted(after.values()).count("superseded") == 1
    shot(page, "story-as-of-2025-12-01")
    assert page.problems == []


def test_timeline_and_charts_render(page: Any, base_url: str) -> None:
    open_story(page, base_url, "2025-12-01")
    page.wait_for_selector("#timeline-chart[data-rendered]")
    assert int(page.get_attribute("#timeline-chart", "data-rendered") or 0) >= 4
    painted = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    assert page.eval_on_selector("#timeline-chart", painted) > 1000
    charts = page.locator("canvas.series-chart")
    assert charts.count() >= 2
    for i in range(charts.count()):
        assert charts.nth(i).get_attribute("data-rendered") is not None
        assert charts.nth(i).evaluate(painted) > 500
    page.locator("#timeline").scroll_into_view_if_needed()
    shot(page, "story-timeline-charts")
    assert page.problems == []


def test_article_with_html_and_javascript_stays_inert(page: Any, base_url: str) -> None:
    doc = hostile_record().document.id
    for item in ("", "?item=s1", "?item=actor:FRA"):
        page.goto(f"{base_url}/articles/{doc}{item}")
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.locator("#article-text img, #article-text script, #article-text style").count() == 0
        shown = page.locator("#article-text").inner_text()
        assert "<script>window.__pwned = 1;" in shown and '<img src=x onerror="window.__pwned = 2;' in shown
        assert page.locator("body").is_visible()
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    shot(page, "article-hostile-inert")
    # its story page: the title, the commitment's object and the count's words are all text
    page.locator("main p.muted a[href^='/stories/']").first.click()
    page.wait_for_selector("#board")
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("main img, main style").count() == 0
    assert "<img src=y onerror=alert('obj')>" in page.locator("#board").inner_text()
    page.wait_for_selector("canvas.series-chart[data-rendered]")
    shot(page, "story-hostile-inert")
    assert not [p for p in page.problems if p.startswith("dialog")]


def test_search_finds_an_item_and_opens_it(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.fill("#q", "Muhammadawi")
    with page.expect_navigation():
        page.press("#q", "Enter")
    page.locator("a", has_text="Qais al-Muhammadawi").first.click()
    page.wait_for_url("**/articles/**")
    assert "Qais al-Muhammadawi" in "".join(page.locator("a.hl.target").all_inner_texts())
    shot(page, "search-to-article")


@pytest.fixture(scope="session")
def sample_url(serve: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled sample story, read through the real pipeline."""
    from docket import pipeline
    from docket.ingest import ReadOptions, read_inputs
    from docket.ingest.base import Loaded

    nlp = pipeline.load()
    path = Path(tmp_path_factory.mktemp("sample")) / "sample.db"
    failures = []
    with open_store(path) as store:
        for item in read_inputs([SAMPLE], ReadOptions(check_language=False)):
            if isinstance(item, Loaded):
                try:
                    record = pipeline.extract(item.document, nlp)
                except Exception as exc:  # the extractor is tested elsewhere; here it only feeds the viewer
                    failures.append(f"{Path(item.origin).name}: {type(exc).__name__}: {exc}")
                    continue
                store.add(record, origin=item.origin)
    if failures:
        pytest.skip(
            "the pipeline fails on sample articles, so the sample store cannot be built: " + failures[0]
        )
    return str(serve(path))


def test_sample_story_opens_and_its_articles_show_highlights(page: Any, sample_url: str) -> None:
    page.goto(f"{sample_url}/?as_of=2025-10-15")
    stories = page.locator("table.list tbody th a")
    assert stories.count() >= 1
    stories.first.click()
    page.wait_for_selector("#board")
    shot(page, "sample-story")
    links = page.locator("a.commitment-link")
    if links.count():
        links.first.click()
        page.wait_for_url("**/articles/**")
        assert page.locator("a.hl.target").count() > 0
    else:
        page.locator("#articles a").first.click()
        page.wait_for_url("**/articles/**")
        assert page.locator("#article-text a.hl").count() > 0
    shot(page, "sample-article")
    assert page.problems == []


def test_pages_have_accessible_structure(page: Any, base_url: str) -> None:
    doc = synthetic.story()[0].document.id
    for url in ("/", f"/articles/{doc}?item=c1", "/search?q=troops"):
        page.goto(f"{base_url}{url}")
        assert page.get_attribute("html", "lang") == "en"
        assert page.locator("h1").count() == 1
        assert page.locator("main#main").count() == 1 and page.locator("a.skip").count() == 1
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden])')]
                   .filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).length"""
        )
        assert unlabelled == 0, url
    open_story(page, base_url, "2025-01-01")
    for canvas in page.locator("canvas").all():
        assert canvas.get_attribute("role") == "img" and canvas.get_attribute("aria-label")
    # the first Tab lands on the link that skips to the content
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"


# -- an analyst's corrections from the commitment's card ----------------------------------------


@pytest.fixture()
def editable(serve: Any, tmp_path: Path) -> tuple[str, Path]:
    """A viewer taking corrections, of a store of the synthetic story (fresh for each test)."""
    path = tmp_path / "corrections.db"
    with open_store(path) as store:
        for rec in synthetic.story():
            store.add(rec)
    return str(serve(path, corrections=True, analyst="Ann")), path


def test_an_analyst_corrects_a_card_and_sees_it_and_its_history(
    page: Any, editable: tuple[str, Path]
) -> None:
    from docket.index import corrections

    base_url, path = editable
    open_story(page, base_url, "2025-01-01")
    card = page.locator("li.entry").first
    item = (card.get_attribute("id") or "").removeprefix("entry-")
    card.locator("details.correct summary").click()
    form = card.locator("form.correction")
    form.locator("input[name=obligor]").fill("Iraq")
    form.locator("input[name=deadline]").fill("2025-10 END")
    form.locator("input[name=note]").fill('<img src=x onerror="window.__pwned = 3"> per the ministry')
    shot(page, "correction-form")
    with page.expect_navigation():
        form.locator("button[value=fix]").click()
    assert page.url.endswith(f"#entry-{item}"), page.locator("main").inner_text()
    card = page.locator(f"#entry-{item}")
    assert card.locator(".commitment-link").inner_text().startswith("Iraq:")
    fixed = card.locator("ul.corrections").inner_text()
    assert "obligor: Iraq" in fixed and "deadline: 2025-10 END" in fixed and "by Ann" in fixed
    assert '<img src=x onerror="window.__pwned = 3"> per the ministry' in fixed  # shown as text, inert
    assert "(analyst Ann, correction 2)" in card.locator("dd.history").inner_text()
    assert page.evaluate("() => window.__pwned") is None
    shot(page, "correction-made")
    # a bad value is refused in one line, and nothing is stored
    other = page.locator("li.entry").nth(1)
    other.locator("details.correct summary").click()
    other.locator("input[name=stage]").fill("x1")
    with page.expect_navigation():
        other.locator("button[value=fix]").click()
    assert "stage 'x1' is not a number" in page.locator("main").inner_text()
    page.go_back()
    # "not a commitment": the card's status becomes rejected
    open_story(page, base_url, "2025-01-01")
    second = page.locator("li.entry").nth(1)
    second_id = (second.get_attribute("id") or "").removeprefix("entry-")
    second.locator("details.correct summary").click()
    with page.expect_navigation():
        second.locator("button[value=reject]").click()
    assert page.locator(f"#entry-{second_id} .badge").inner_text() == "rejected"
    # the corrections page lists all three with who and why; undo one there
    page.goto(f"{base_url}/corrections")
    assert page.locator("#corrections tbody tr").count() == 3
    with page.expect_navigation():
        page.locator("#correction-3 button").click()
    assert "undone by Ann" in page.locator("#correction-3").inner_text()
    shot(page, "corrections-page")
    # the one error: the refused form's 400
    assert page.problems == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    with open_store(path) as store:
        made = corrections.listed(store)
    assert [(c.kind, c.field, c.undone) for c in made] == [
        ("fix", "obligor", False),
        ("fix", "deadline", False),
        ("reject", None, True),
    ]


def test_a_forged_post_without_the_token_is_refused(page: Any, editable: tuple[str, Path]) -> None:
    from docket.index import corrections

    base_url, path = editable
    open_story(page, base_url, "2025-01-01")
    item = (page.locator("li.entry").first.get_attribute("id") or "").removeprefix("entry-")
    # a script on the viewer's own origin without the page's token
    status = page.evaluate(
        """async (item) => (await fetch('/corrections', {method: 'POST',
             headers: {'content-type': 'application/x-www-form-urlencoded'},
             body: 'kind=reject&by=mallory&item=' + item})).status""",
        item,
    )
    assert status == 403
    # a page elsewhere that submits a form to the viewer (a cross-site request)
    page.set_content(
        f'''<form id="f" method="post" action="{base_url}/corrections">
        <input name="kind" value="reject"><input name="item" value="{item}"><input name="by" value="mallory">
        <input name="csrf" value="guessed"></form>'''
    )
    with page.expect_navigation():
        page.evaluate("() => document.getElementById('f').submit()")
    assert "token is missing or stale" in page.content() or "own pages" in page.content()
    with open_store(path) as store:
        assert corrections.listed(store) == []
