"""due, timeline, stories, diff: what a store of many reports says, on any day."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from docket import settings as settings_mod
from docket.commands.app import app
from docket.commands.common import DbOpt, error, parse_date_option

if TYPE_CHECKING:
    from docket.index.stored import StoredIndex
    from docket.store.sqlite import Store

StoryOpt = Annotated[
    str | None, typer.Option("--story", metavar="ID", help="only this story (see `docket stories`)")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]
# rows a table shows unless --limit says otherwise: a whole store's answer is a summary and its first page
PAGE = 100
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        metavar="N",
        min=0,
        help=f"at most N rows, 0 for all (default: all with --json, {PAGE} in a table)",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="only what the reports published by this day say (default: all)"
    ),
]
OffsetOpt = Annotated[int, typer.Option("--offset", metavar="N", min=0, help="skip the first N rows")]
IdsOpt = Annotated[
    bool, typer.Option("--ids", help="show actors by their ids (USA, isis) instead of their names")
]


def names_of(store: Store, actors: Iterable[str], ids: bool) -> dict[str, str] | None:
    """How a table names actors: by name, unless --ids asks for the ids."""
    from docket.store.documents import actor_names

    return None if ids else actor_names(store, actors)


def open_existing(db: str | None) -> Store:
    """The store at --db (or $DOCKET_DB); exit 1 with a fix if there is none."""
    from docket.store import open_store
    from docket.store.sqlite import StoreError

    conf = settings_mod.load(db=db)
    if not Path(conf.db).exists():
        error(f"{conf.db}: no store there; add articles first (docket add PATH --db {conf.db}) or give --db")
        raise typer.Exit(1)
    try:
        return open_store(conf.db)
    except StoreError as exc:
        error(str(exc))
        raise typer.Exit(1) from None


def check_story(index: StoredIndex, story: str | None, db: str) -> None:
    if story is not None and index.story(story) is None:
        error(f"{db}: no story {story!r}; list them with `docket stories --db {db}`")
        raise typer.Exit(1)


def today() -> dt.date:
    """The clock is read here, in the command, and nowhere below it."""
    return dt.date.today()


def _dump(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


@contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a whole store's rows are read: they hold no cycles, and
    collecting again and again as hundreds of thousands of small objects pile up costs more
    than reading them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _write_list(items: Iterable[str]) -> None:
    """Write JSON texts as the items of an array, a few thousand at a time (no one huge string)."""
    write = sys.stdout.write
    chunk: list[str] = []
    sep = ""
    for item in items:
        chunk.append(item)
        if len(chunk) == 2000:
            write(sep + ", ".join(chunk))
            sep, chunk = ", ", []
    if chunk:
        write(sep + ", ".join(chunk))


def _shown(limit: int | None, as_json: bool) -> int | None:
    """How many rows to show: --limit (0: all), else all for JSON and a page for a table."""
    if limit is None:
        return None if as_json else PAGE
    return limit or None


@app.command()
def due(
    db: DbOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="the day to tell the status on (default: today)"),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within", metavar="SPAN", help="only what falls due in this span (30d, 2w, 3m), and overdue"
        ),
    ] = None,
    story: StoryOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    ids: IdsOpt = False,
) -> None:
    """Every commitment in the store with its status on a day: pending, overdue, fulfilled, broken,
    superseded, unknown or rejected (by an analyst), with days left and the reports it rests on.
    A table shows the first 100 by deadline after a count per status; --offset N and --limit N
    page through them.

    Example: docket due --db story.db --as-of 2026-11-29 --within 60d
    """
    from docket.index.query import story_index
    from docket.story import dates

    day = parse_date_option(as_of) or today()
    try:
        span = dates.parse_span(within) if within is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--within") from None
    n = _shown(limit, as_json)
    with open_existing(db) as store, _paused_gc():
        index = story_index(store, as_of=day)
        check_story(index, story, store.path)
        rows = index.due(day, within=span, story=story, with_json=as_json)
        page = rows[offset : None if n is None else offset + n]
        told = [r.story for r in page if r.story]
        found = index.contradictions_json(story=story, stories=told)
        shown = [] if as_json else [r.told() for r in page]
        names = None if as_json else names_of(store, [a for s, _ in shown for a in s.item.obligor], ids)
    if as_json:
        # each status is spliced from its stored parts, disagreements go out as stored
        sys.stdout.write(f'{{"as_of": "{day.isoformat()}", "commitments": [')
        _write_list(r.json() for r in page)
        sys.stdout.write('], "contradictions": [')
        _write_list(found)
        sys.stdout.write("]}\n")
        return
    from docket.index.stored import parse_contradiction
    from docket.render.stories import print_due

    print_due(
        day,
        [status for status, _ in shown],
        [parse_contradiction(x) for x in found],
        reports=[reports for _, reports in shown],
        total=[r.status for r in rows],
        offset=offset,
        names=names,
    )


@app.command()
def timeline(
    db: DbOpt = None,
    story: StoryOpt = None,
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="only what happens or falls due from this day on"),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="only what happens or falls due by this day")
    ] = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    ids: IdsOpt = False,
) -> None:
    """Events, commitments, deadlines and outcomes in time order, each at its own precision
    (a month-precision date shows as the month), with the reports and sources behind it.
    A table shows the first 100 entries after a count per kind; --offset N and --limit N page;
    --from and --to keep the entries whose first possible day falls between them.

    Example: docket timeline --db story.db --story irq-usa-2024-09
    """
    from docket.index.query import story_index

    n = _shown(limit, as_json)
    window = {"start": parse_date_option(start), "end": parse_date_option(end)}
    known = parse_date_option(as_of)
    with open_existing(db) as store:
        index = story_index(store, as_of=known)
        check_story(index, story, store.path)
        if as_json:
            # entries and disagreements go out as stored, a chunk at a time
            sys.stdout.write(f'{{"story": {json.dumps(story, ensure_ascii=False)}, "entries": [')
            _write_list(index.timeline_json(story=story, limit=n, offset=offset, **window))
            sys.stdout.write('], "contradictions": [')
            _write_list(index.contradictions_json(story=story))
            sys.stdout.write("]}\n")
            return
        kinds = index.timeline_kinds(story=story, **window)
        entries = index.timeline(story=story, limit=n, offset=offset, **window)
        # every entry shown: every disagreement too; else those of the stories shown
        whole = offset == 0 and len(entries) == sum(kinds.values()) and not any(window.values())
        if story is not None or whole:
            contradictions = index.contradictions(story=story)
        else:
            contradictions = index.contradictions(stories=[e.story for e in entries if e.story])
        names = names_of(store, [a for e in entries for a in e.actors], ids)
    from docket.render.stories import print_timeline

    print_timeline(entries, contradictions, kinds=kinds, offset=offset, names=names)


@app.command()
def stories(
    db: DbOpt = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    ids: IdsOpt = False,
) -> None:
    """The stories in the store: articles grouped by shared commitments, events, actors and time.
    A table shows the first 100 by date after their count; --offset N and --limit N page.

    Example: docket stories --db story.db
    """
    from docket.index.query import story_index
    from docket.index.saved import story_dict

    n = _shown(limit, as_json)
    with open_existing(db) as store:
        found = story_index(store, as_of=parse_date_option(as_of)).stories()
        page = found[offset : None if n is None else offset + n]
        names = None if as_json else names_of(store, [a for s in page for a in s.actors[:5]], ids)
    if as_json:
        _dump({"stories": [story_dict(s) for s in page]})
        return
    from docket.render.stories import print_stories

    print_stories(page, total=len(found), offset=offset, names=names)


@app.command()
def diff(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="a document id, id prefix or file name")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    ids: IdsOpt = False,
) -> None:
    """What one stored article changed in its story: new commitments, moved deadlines, fulfilments,
    new numbers and disagreements.

    Example: docket diff 06-federal-mission-complete.txt --db story.db
    """
    from docket.index.query import story_index
    from docket.index.stored import story_numbers
    from docket.store.documents import find_documents
    from docket.story.diff import diff as diff_of

    with open_existing(db) as store:
        found = find_documents(store, article)
        if not found:
            error(f"{article}: no such article in {store.path}; give a document id, id prefix or file name")
            raise typer.Exit(1)
        if len(found) > 1:
            error(f"{article}: {len(found)} articles match in {store.path}; give more of the id")
            raise typer.Exit(1)
        doc = found[0]
        index = story_index(store)
        story = index.story_of(doc.id)
        commitments = index.commitments(story=story) if story else []
        contradictions = index.contradictions(story=story) if story else []
        numbers, earlier = story_numbers(store, doc.id, story)
        result = diff_of(doc.id, doc.published, story, commitments, contradictions, numbers, earlier)
        names = None if as_json else names_of(store, [a for c in commitments for a in c.obligor], ids)
    if as_json:
        _dump(result.as_dict())
        return
    from docket.render.stories import print_diff

    print_diff(result, doc.origin or doc.id, names)
