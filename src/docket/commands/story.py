"""due, timeline, stories, diff: what a store of many reports says, on any day."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from docket import settings as settings_mod
from docket.cli import app
from docket.commands.common import DbOpt, error, parse_date_option

if TYPE_CHECKING:
    from docket.store.queries import StoredIndex
    from docket.store.sqlite import Store
    from docket.story.tracked import Status

StoryOpt = Annotated[
    str | None, typer.Option("--story", metavar="ID", help="only this story (see `docket stories`)")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]


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


def collect_due(
    store: Store, day: dt.date, *, within: int | None = None, story: str | None = None
) -> tuple[list[Status], list[str]]:
    """The commitments' statuses on ``day`` and, as stored JSON, the disagreements of their stories."""
    from docket.store.queries import story_index
    from docket.story.tracked import due as due_on

    index = story_index(store)
    check_story(index, story, store.path)
    latest_by = day + dt.timedelta(days=within) if within is not None else None
    items = index.commitments(
        story=story, known_by=day, latest_by=latest_by, open_on=day if within is not None else None
    )
    rows = due_on(items, day, within=within, story=story)
    told = [s.item.story for s in rows if s.item.story]
    return rows, index.contradictions_json(story=story, stories=told)


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
) -> None:
    """Every commitment in the store with its status on a day: pending, overdue, fulfilled, broken,
    superseded or unknown, with days left and the reports it rests on.

    Example: docket due --db story.db --as-of 2026-11-29 --within 60d
    """
    from docket.story import dates

    day = parse_date_option(as_of) or today()
    try:
        span = dates.parse_span(within) if within is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--within") from None
    with open_existing(db) as store:
        rows, found = collect_due(store, day, within=span, story=story)
    if as_json:
        head = json.dumps(
            {"as_of": day.isoformat(), "commitments": [s.as_dict() for s in rows]}, ensure_ascii=False
        )
        # stored disagreements go out as stored: no need to read them into objects first
        sys.stdout.write(f'{head[:-1]}, "contradictions": [{", ".join(found)}]}}\n')
        return
    from docket.store.queries import parse_contradiction
    from docket.story.render import print_due

    print_due(day, rows, [parse_contradiction(x) for x in found])


@app.command()
def timeline(
    db: DbOpt = None,
    story: StoryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Events, commitments, deadlines and outcomes in time order, each at its own precision
    (a month-precision date shows as the month), with the reports and sources behind it.

    Example: docket timeline --db story.db --story irq-usa-2024-09
    """
    from docket.store.queries import story_index

    with open_existing(db) as store:
        index = story_index(store)
        check_story(index, story, store.path)
        entries = index.timeline(story=story)
        contradictions = index.contradictions(story=story)
    if as_json:
        _dump(
            {
                "story": story,
                "entries": [e.as_dict() for e in entries],
                "contradictions": [x.as_dict() for x in contradictions],
            }
        )
        return
    from docket.story.render import print_timeline

    print_timeline(entries, contradictions)


@app.command()
def stories(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """The stories in the store: articles grouped by shared commitments, events, actors and time.

    Example: docket stories --db story.db
    """
    from docket.store.queries import story_dict, story_index

    with open_existing(db) as store:
        found = story_index(store).stories()
    if as_json:
        _dump({"stories": [story_dict(s) for s in found]})
        return
    from docket.story.render import print_stories

    print_stories(found)


@app.command()
def diff(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="a document id, id prefix or file name")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What one stored article changed in its story: new commitments, moved deadlines, fulfilments,
    new numbers and disagreements.

    Example: docket diff 06-federal-mission-complete.txt --db story.db
    """
    from docket.store.queries import find_documents, story_index, story_numbers
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
    if as_json:
        _dump(result.as_dict())
        return
    from docket.story.render import print_diff

    print_diff(result, doc.origin or doc.id)
