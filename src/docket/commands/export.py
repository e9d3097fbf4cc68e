"""export: the store as data for other tools (JSON, CSV, TimeML, iCalendar, TimelineJS)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from docket.commands.app import app
from docket.commands.common import DbOpt, error, parse_date_option
from docket.commands.story import StoryOpt, check_story, open_existing, today


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        error(f"{out}: cannot write ({exc.strerror}); give another --out path")
        raise typer.Exit(1) from None


def _folder(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error(f"{out}: cannot create the folder ({exc.strerror}); give another --out path")
        raise typer.Exit(1) from None
    return out


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="json, csv, timeml, ics or timelinejs")
    ],
    db: DbOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="file to write (default: standard output); for timeml, and csv with both tables, a folder",
        ),
    ] = None,
    story: StoryOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="the day statuses are told on (default: today)"),
    ] = None,
    table: Annotated[
        str, typer.Option("--table", help="csv on standard output: commitments or quantities")
    ] = "commitments",
) -> None:
    """Write the store as data: JSON (records, stories, statuses, timeline), CSV (commitments; the
    quantity series), TimeML (each article with TIMEX3 tags), iCalendar (one all-day event per
    deadline, stable UIDs) or TimelineJS JSON.

    Examples: docket export --format ics --db story.db --out deadlines.ics
              docket export --format csv --db story.db --out tables/
    """
    from docket.export.registry import Files, Job, formats
    from docket.index.query import story_index
    from docket.wire.stored import copies_by_original

    known = formats()
    if fmt not in known:
        raise typer.BadParameter(
            f"{fmt!r} is not a format; use one of {', '.join(known)}", param_hint="--format"
        )
    if table not in ("commitments", "quantities"):
        raise typer.BadParameter(f"{table!r}: use commitments or quantities", param_hint="--table")
    day = parse_date_option(as_of) or today()
    with open_existing(db) as opened:
        index = story_index(opened, as_of=day)
        check_story(index, story, opened.path)
        store = index.store  # the reports published by that day: a later one changes nothing here
        rows = index.statuses(day, story=story)
        copies = copies_by_original(store.db)  # outlets' copies: listed, never counted as reports
        output = known[fmt].write(Job(index, store, day, story, rows, copies, out, table))
        if not isinstance(output, Files):
            _write(output, out)
            return
        where = _folder(out) if out is not None else None
        for name, text in output.pieces:
            if where is None:
                sys.stdout.write(text)
            else:
                _write(text, where / name)
