"""The viewer's ASGI app: server-rendered pages and the same data as JSON under /api/.

Read-only but for an analyst's corrections: the store's connection refuses writes except while
a correction is recorded, and corrections are taken only when the viewer was started for them
(``docket serve`` without ``--read-only``, listening on loopback), from a loopback client, by POST,
with the page's CSRF token, every field checked by docket.index.corrections. Articles are
untrusted input: templates autoescape, chart data travels as JSON in a
non-executable script block, and a Content-Security-Policy allows only docket's
own scripts and styles. URLs never name a file: ids are checked against their
shape and looked up in the store; static files come from the package folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from docket.index.live import IndexCache, statuses
from docket.isodates import iso
from docket.store.sqlite import Store
from docket.story.build import Index
from docket.story.corrections import words_of
from docket.story.model import Story
from docket.story.status import history_words, report_words
from docket.web import article as article_mod
from docket.web import panels, storyview
from docket.web import search as search_mod
from docket.web.corpus import Snapshot, SnapshotCache
from docket.web.guards import (
    FORM_FIELDS,
    ITEM_ID,
    LOOPBACK_CLIENTS,
    MAX_FORM,
    MAX_QUERY,
    SECURITY_HEADERS,
    STORY_ID,
    _writable,
    check_doc_id,
    parse_day,
    parse_span,
)

LOG = logging.getLogger("docket.web")
HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
API_ENDPOINTS = {
    "/api/stories?as_of=DATE": "every story: actors, span, articles, statuses, next deadline",
    "/api/stories/ID?as_of=DATE": "one story: commitments, timeline, counts, disagreements, sources",
    "/api/commitments?as_of=DATE&story=ID": "every commitment with its status that day, as docket due --json",
    "/api/timeline?story=ID&as_of=DATE": "the story's events, commitments and deadlines in time order",
    "/api/articles?page_no=N": "the stored articles, newest first, 50 a page",
    "/api/articles/ID": "one article's record (as docket read --json)",
    "/api/search?q=TEXT": "articles and items whose words contain TEXT",
}
VIEW_CACHE = 64  # story views (story, day) kept between requests


@dataclass
class Viewer:
    """What the routes share: the store, its caches and the default day."""

    store: Store
    snapshots: SnapshotCache
    stories: IndexCache
    clock: Callable[[], dt.date]

    @property
    def today(self) -> dt.date:
        return self.clock()

    def snapshot(self) -> Snapshot:
        return self.snapshots.get()

    def index(self, as_of: dt.date | None = None) -> tuple[Index, dict[str, str]]:
        """The story index of what the reports published by ``as_of`` say (all of them: None)."""
        index = self.stories.get(as_of)
        return index, self.stories.names


def create_app(
    store: Store,
    today: dt.date | Callable[[], dt.date],
    hosts: frozenset[str] | None = None,
    *,
    corrections: bool = False,
    analyst: str = "",
) -> FastAPI:
    """The viewer of ``store``.

    ``today`` is the default "as of" day, or a function giving it (the CLI passes
    ``datetime.date.today``, so a viewer left running moves on at midnight). ``hosts``: the Host
    headers it answers (see :func:`allowed_hosts`; ``docket serve`` always gives them), any other
    gets 400, so a page elsewhere cannot read the store through DNS rebinding; None answers all.
    ``corrections``: show each commitment's correction form and take its POSTs (from loopback
    clients only, with the CSRF token of this run); ``analyst``: the name the form starts with.
    """
    clock = today if callable(today) else (lambda: today)
    store.db.execute("PRAGMA query_only = ON")
    viewer = Viewer(store, SnapshotCache(store.db), IndexCache(store), clock)
    app = FastAPI(title="docket viewer", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.viewer = viewer
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["kinds"] = article_mod.KINDS
    templates.env.globals["limits"] = storyview.settings()
    token = secrets.token_urlsafe(32)  # one per run: a page of another run (or site) has none
    templates.env.globals["editable"] = corrections
    templates.env.globals["csrf"] = token
    templates.env.globals["analyst"] = analyst
    templates.env.globals["history_words"] = history_words
    templates.env.globals["report_words"] = report_words
    templates.env.globals["words_of"] = words_of
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        host = request.headers.get("host", "").lower()
        if hosts is not None and host not in hosts:
            # a name this viewer was not started for: a page elsewhere rebinding it to loopback
            message = (
                f"Unknown host {host!r}: this viewer answers to {', '.join(sorted(hosts))}; "
                "open one of them, or start it with --allow-host NAME."
            )
            response: Response = PlainTextResponse(message, status_code=400)
        else:
            response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("as_of", viewer.today)
        context.setdefault("query", "")
        return templates.TemplateResponse(request, name, context, status_code=code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail, "status": exc.status_code}, status_code=exc.status_code)
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "No such page."
        return page(request, "error.html", exc.status_code, status=exc.status_code, message=message)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # answered outside the middleware stack, so the security headers are set here too
        message = "Something went wrong while reading the store; the server log has the details."
        response: Response
        if request.url.path.startswith("/api/"):
            response = JSONResponse({"error": message, "status": 500}, status_code=500)
        else:
            response = page(request, "error.html", 500, status=500, message=message)
        response.headers.update(SECURITY_HEADERS)
        return response

    def story_or_404(story_id: str, as_of: dt.date | None = None) -> tuple[Index, Story, dict[str, str]]:
        index, names = viewer.index(as_of)
        story = index.story(story_id) if STORY_ID.match(story_id) else None
        if story is None and STORY_ID.match(story_id):
            # a story not yet told on that day: its page, with nothing known yet
            whole, _ = viewer.index()
            story = whole.story(story_id)
            if story is not None:
                story = dataclasses.replace(
                    story, documents=[d for d in story.documents if d in index.documents]
                )
        if story is None:
            raise HTTPException(404, "No such story; the stories page lists them all.")
        return index, story, names

    def story_rows(as_of: dt.date) -> list[dict[str, Any]]:
        index, names = viewer.index(as_of)
        grouped = storyview.by_story(index)
        rows = [storyview.story_summary(s, grouped.get(s.id, []), as_of, names) for s in index.stories]
        rows.sort(key=lambda r: (-int(r["articles"]), str(r["id"])))
        return rows

    views: dict[tuple[int, int, str, dt.date], dict[str, Any]] = {}

    def story_view(story_id: str, as_of: dt.date) -> dict[str, Any]:
        """A story's panels on a day, kept for the next request until the store changes."""
        index, story, names = story_or_404(story_id, as_of)
        snap = viewer.snapshot()
        key = (id(index), id(snap), story_id, as_of)
        if key not in views:
            if len(views) >= VIEW_CACHE or any(k[:2] != key[:2] for k in views):
                views.clear()
            views[key] = compute_story_view(index, snap, story, names, as_of)
        return views[key]

    def compute_story_view(
        index: Index, snap: Snapshot, story: Story, names: dict[str, str], as_of: dt.date
    ) -> dict[str, Any]:
        return {
            "index": index,
            "names": names,
            "story": story,
            "groups": storyview.board(index, story, as_of, names),
            "timeline": storyview.timeline(index, story, as_of, names),
            "series": storyview.quantity_series(index, story, as_of, names),
            "contradictions": storyview.contradictions(index, story, as_of),
            "sources": panels.sources(snap, story.documents, as_of),
        }

    # -- pages ---------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request, as_of: str | None = None, page_no: int = 1) -> HTMLResponse:
        day = parse_day(as_of, viewer.today)
        if page_no < 1:
            raise HTTPException(400, "page_no counts from 1.")
        rows = story_rows(day)
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        chunk = rows[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        return page(
            request, "stories.html", as_of=day, stories=chunk, total=len(rows), page_no=page_no, pages=pages
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story_page(request: Request, story_id: str, as_of: str | None = None) -> HTMLResponse:
        day = parse_day(as_of, viewer.today)
        view = story_view(story_id, day)
        shown = storyview.nearest(view["timeline"], day)
        return page(
            request,
            "story.html",
            as_of=day,
            snap=viewer.snapshot(),
            deadline_label=storyview.deadline_label,
            timeline_data=[r.as_dict() for r in shown],
            timeline_total=len(view["timeline"]),
            chart_rows=[r.as_dict() for r in storyview.foreground(shown, view["story"])],
            articles_listed=view["story"].documents[-int(storyview.settings()["max_articles_listed"]) :],
            series_data=[s.as_dict() for s in view["series"]],
            series_chart=[_chart_series(s.as_dict()) if s.chart else None for s in view["series"]],
            **view,
        )

    @app.get("/articles", response_class=HTMLResponse)
    async def articles(request: Request, page_no: int = 1, as_of: str | None = None) -> HTMLResponse:
        day = parse_day(as_of, viewer.today)
        if page_no < 1:
            raise HTTPException(400, "page_no counts from 1.")
        docs = _newest_first(viewer.snapshot())
        chunk = docs[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        pages = max(1, -(-len(docs) // PAGE_SIZE))
        return page(
            request, "articles.html", as_of=day, docs=chunk, page_no=page_no, pages=pages, total=len(docs)
        )

    @app.get("/articles/{doc_id}", response_class=HTMLResponse)
    async def article_page(
        request: Request,
        doc_id: str,
        item: str | None = None,
        span: str | None = None,
        as_of: str | None = None,
    ) -> HTMLResponse:
        day = parse_day(as_of, viewer.today)
        record = viewer.store.record(check_doc_id(doc_id))
        if record is None:
            raise HTTPException(404, "No such article in this store.")
        if item is not None and not ITEM_ID.match(item):
            raise HTTPException(400, "Not an item id; item ids look like t1, q2, c1 or actor:USA.")
        text = record.document.text
        chosen_span = parse_span(span, len(text))
        marks = article_mod.marks(record)
        if chosen_span is not None and item is None:
            # a span from a story item: select the item stating exactly it, if there is one
            exact = [m for m in marks if (m.start, m.end) == chosen_span]
            exact.sort(key=lambda m: -article_mod.KIND_RANK[m.kind])
            item = exact[0].id if exact else None
        chosen = article_mod.find(marks, item)
        if item is not None and not chosen:
            raise HTTPException(404, f"This article has no item {item}.")
        story: Story | None = None
        names: dict[str, str] = {}
        by_span: dict[tuple[int, int], tuple[Any, str]] = {}
        try:
            index, names = viewer.index(day)
            # an outlet's copy is in no story of its own: it belongs to its original's
            in_story = doc_id if doc_id in index.story_of else (record.document.copy_of or "")
            story = index.story(index.story_of[in_story]) if in_story in index.story_of else None
            by_span = storyview.tracked_for_span(index, doc_id)
        except Exception:  # the article's own text and items still help when the story merge fails
            LOG.exception("story index unavailable for article %s", doc_id)
        supports: dict[str, Any] = {}
        for m in marks:
            hit = by_span.get((m.start, m.end))
            if hit is not None and m.kind in ("commitment", "event"):
                tracked, how = hit
                supports[m.id] = {"item": tracked, "how": how, "status": _status_of(tracked, day)}
        for c in record.commitments:  # its deadline, count and sources support the same story item
            if c.id in supports:
                for ref in (c.deadline, c.quantity, *c.sources):
                    if ref is not None:
                        supports.setdefault(ref, supports[c.id])
        by_kind = {k: [m for m in marks if m.kind == k] for k in article_mod.KINDS}
        by_kind["actor"] = list({m.id: m for m in reversed(by_kind["actor"])}.values())[::-1]
        return page(
            request,
            "article.html",
            as_of=day,
            record=record,
            doc=record.document,
            segments=article_mod.segments(text, marks, item, chosen_span),
            chosen=chosen,
            span=chosen_span,
            span_text=text[chosen_span[0] : chosen_span[1]] if chosen_span else None,
            item=item,
            story=story,
            names=names,
            supports=supports,
            by_kind=by_kind,
        )

    # -- an analyst's corrections ----------------------------------------------

    async def correction_form(request: Request) -> dict[str, str]:
        """The form of a correction, once the viewer, the client, the request and its token are
        checked; 403 or 400 with one line otherwise."""
        if not corrections:
            raise HTTPException(
                403, "This viewer is read-only; correct from the command line (docket fix ITEM --note …)."
            )
        client = request.client.host if request.client is not None else ""
        if client not in LOOPBACK_CLIENTS:
            raise HTTPException(403, "Corrections are taken only from this machine (a loopback address).")
        # pages are served with no referrer, so the browser's own forms say "null": the token decides
        origin = request.headers.get("origin")
        if (
            origin not in (None, "null")
            and origin.split("://", 1)[-1].lower() != request.headers.get("host", "").lower()
        ):
            raise HTTPException(403, "A correction must come from this viewer's own pages.")
        if (
            request.headers.get("content-type", "").split(";")[0].strip()
            != "application/x-www-form-urlencoded"
        ):
            raise HTTPException(400, "A correction is sent as a form (application/x-www-form-urlencoded).")
        body = await request.body()
        if len(body) > MAX_FORM:
            raise HTTPException(400, f"The form is too large; keep it under {MAX_FORM:,} bytes.")
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=32)
        except (UnicodeDecodeError, ValueError):
            raise HTTPException(400, "The form could not be read; send it as UTF-8 text.") from None
        form: dict[str, str] = {}
        for key, value in pairs:
            if key in form:
                raise HTTPException(400, f"The form gives {key!r} twice.")
            form[key] = value
        if not secrets.compare_digest(form.get("csrf", "").encode(), token.encode()):
            raise HTTPException(403, "The form's token is missing or stale; reload the page and try again.")
        return form

    def corrected(form: dict[str, str], run: Callable[[str], object]) -> None:
        """Record a correction made through the form, by the analyst it names."""
        from docket.index.corrections import CorrectionError

        by = form.get("by", "").strip()
        if not by:
            raise HTTPException(400, "Say who makes the correction: fill in your name.")
        try:
            with _writable(viewer.store):
                run(by)
        except CorrectionError as exc:
            raise HTTPException(400, str(exc)) from None

    @app.post("/corrections")
    async def correct(request: Request) -> Response:
        from docket.index import corrections as corr

        form = await correction_form(request)
        kind = form.get("kind", "")
        item = form.get("item", "")
        if kind not in ("fix", "reject", "confirm"):
            raise HTTPException(400, "A correction is fix, reject or confirm.")
        if not ITEM_ID.match(item):
            raise HTTPException(400, "Not a commitment id.")
        day = parse_day(form.get("as_of"), viewer.today)
        index, _names = viewer.index()
        tracked = index.commitment(item)
        if tracked is None:
            raise HTTPException(404, f"No commitment {item} in this store.")
        given = corr.Given(**{f: (form.get(f) or "").strip() or None for f in FORM_FIELDS})
        if kind == "fix":
            corrected(form, lambda by: corr.fix(viewer.store, item, by, given, index))
        else:
            corrected(form, lambda by: corr.judge(viewer.store, item, by, kind, given.note, index))
        where = f"/stories/{quote(tracked.story or '')}?as_of={day}#entry-{item}" if tracked.story else "/"
        return RedirectResponse(where, status_code=303)

    @app.post("/corrections/undo")
    async def undo_correction(request: Request) -> Response:
        from docket.index import corrections as corr

        form = await correction_form(request)
        ident = form.get("id", "")
        if not ident.isdigit() or len(ident) > 9:
            raise HTTPException(400, "Not a correction id.")
        corrected(form, lambda by: corr.undo(viewer.store, int(ident), by))
        back = form.get("back", "")
        return RedirectResponse(
            back if back.startswith("/") and not back.startswith("//") else "/corrections", 303
        )

    @app.get("/corrections", response_class=HTMLResponse)
    async def corrections_page(request: Request, as_of: str | None = None) -> HTMLResponse:
        from docket.index import corrections as corr

        day = parse_day(as_of, viewer.today)
        index, names = viewer.index()
        return page(
            request,
            "corrections.html",
            as_of=day,
            listed=corr.listed(viewer.store),
            found=index.corrected,
            names=names,
        )

    @app.get("/search", response_class=HTMLResponse)
    async def search_page(request: Request, q: str = "", as_of: str | None = None) -> HTMLResponse:
        day = parse_day(as_of, viewer.today)
        query = q.strip()[:MAX_QUERY]
        docs = search_mod.documents(viewer.store.db, query) if query else []
        hits = search_mod.items(viewer.store.db, query) if query else []
        return page(request, "search.html", as_of=day, query=query, doc_hits=docs, item_hits=hits)

    # -- JSON ----------------------------------------------------------------

    @app.get("/api/")
    async def api_index() -> dict[str, Any]:
        return {"endpoints": API_ENDPOINTS}

    @app.get("/api/stories")
    async def api_stories(as_of: str | None = None) -> dict[str, Any]:
        day = parse_day(as_of, viewer.today)
        return {"as_of": day.isoformat(), "stories": story_rows(day)}

    @app.get("/api/stories/{story_id}")
    async def api_story(story_id: str, as_of: str | None = None) -> dict[str, Any]:
        day = parse_day(as_of, viewer.today)
        view = story_view(story_id, day)
        story = view["story"]
        return {
            "as_of": day.isoformat(),
            "id": story.id,
            "title": story.title,
            "actors": story.actors,
            "documents": story.documents,
            "agreements": [
                {"label": g.label, "thread": g.thread, "commitments": [s.as_dict() for s in g.items]}
                for g in view["groups"]
            ],
            "timeline": [r.as_dict() for r in view["timeline"]],
            "series": [s.as_dict() for s in view["series"]],
            "contradictions": [x.as_dict() for x in view["contradictions"]],
            "sources": [s.as_dict() for s in view["sources"]],
        }

    @app.get("/api/commitments")
    async def api_commitments(as_of: str | None = None, story: str | None = None) -> dict[str, Any]:
        day = parse_day(as_of, viewer.today)
        index, _names = viewer.index(day)
        if story is not None:
            story_or_404(story, day)
        return {
            "as_of": day.isoformat(),
            "commitments": [s.as_dict() for s in statuses(index, day, story=story)],
        }

    @app.get("/api/timeline")
    async def api_timeline(story: str, as_of: str | None = None) -> dict[str, Any]:
        day = parse_day(as_of, viewer.today)
        rows = story_view(story, day)["timeline"]
        return {"as_of": day.isoformat(), "story": story, "timeline": [r.as_dict() for r in rows]}

    @app.get("/api/articles")
    async def api_articles(page_no: int = 1) -> dict[str, Any]:
        if page_no < 1:
            raise HTTPException(400, "page_no counts from 1.")
        docs = _newest_first(viewer.snapshot())
        chunk = docs[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        return {
            "total": len(docs),
            "page_no": page_no,
            "articles": [
                {
                    "id": d.id,
                    "title": d.title,
                    "published": iso(d.published),
                    "outlet": d.outlet,
                    "chars": d.chars,
                }
                for d in chunk
            ],
        }

    @app.get("/api/articles/{doc_id}")
    async def api_article(doc_id: str) -> Response:
        record = viewer.store.record(check_doc_id(doc_id))
        if record is None:
            raise HTTPException(404, "No such article in this store.")
        return Response(record.to_json(), media_type="application/json")

    @app.get("/api/search")
    async def api_search(q: str = "") -> dict[str, Any]:
        query = q.strip()[:MAX_QUERY]
        if not query:
            raise HTTPException(400, "Give a search text: /api/search?q=withdraw")
        return {
            "query": query,
            "articles": [h.__dict__ for h in search_mod.documents(viewer.store.db, query)],
            "items": [h.__dict__ for h in search_mod.items(viewer.store.db, query)],
        }

    return app


def _chart_series(series: dict[str, Any]) -> dict[str, Any]:
    """What a chart needs of a series: no document ids, so the page stays small."""
    keep = ("date", "value", "low", "high", "text")
    return {
        "label": series["label"],
        "noun": series["noun"],
        "points": [{k: p[k] for k in keep} for p in series["points"]],
    }


def _newest_first(snap: Snapshot) -> list[Any]:
    return sorted(snap.docs.values(), key=lambda d: (d.published or dt.date.min, d.id), reverse=True)


def _status_of(t: Any, day: dt.date) -> str:
    from docket.index.live import status_word

    return status_word(t, day)
