"""read, add, demo, schema: from articles on disk to printed and stored records."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from docket import settings as settings_mod
from docket.cli import app
from docket.commands.common import (
    DbOpt,
    PathsArg,
    PublishedOpt,
    check_pipeline,
    error,
    parse_date_option,
    parse_published_option,
    process,
    report,
)
from docket.ingest import Problem


@app.command()
def read(
    paths: PathsArg,
    published: PublishedOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON record a line (JSON Lines)")] = False,
) -> None:
    """Extract and print the record of each article; stores nothing.

    Example: docket read article.txt --published 2024-09-07 --json
    """
    from docket.render import print_record

    conf = settings_mod.load()
    check_pipeline(conf)
    failed = 0
    for item in process(paths, published=parse_published_option(published), conf=conf):
        if isinstance(item, Problem):
            report(item)
            failed += 1
            continue
        loaded, record = item
        if as_json:
            sys.stdout.write(record.to_json() + "\n")
            sys.stdout.flush()
        else:
            print_record(record, origin=loaded.origin)
    if failed:
        raise typer.Exit(1)


@app.command()
def add(
    paths: PathsArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
) -> None:
    """Extract and store each article; adding the same text again changes nothing.

    Example: docket add articles/ --db story.db
    """
    from docket.store import open_store
    from docket.store.sqlite import StoreError

    conf = settings_mod.load(db=db)
    check_pipeline(conf)
    try:
        store = open_store(conf.db)
    except StoreError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    added = same = failed = 0
    with store:
        for item in process(paths, published=parse_published_option(published), conf=conf):
            if isinstance(item, Problem):
                report(item)
                failed += 1
                continue
            loaded, record = item
            result = store.add(record, origin=loaded.origin)
            if result.added:
                added += 1
            else:
                same += 1
    print(f"{added} added, {same} already stored, {failed} failed -> {conf.db}")
    if failed:
        raise typer.Exit(1)


@app.command()
def demo(
    db: Annotated[
        str, typer.Option("--db", metavar="DB", help="the store to fill (default: ./docket-demo.db)")
    ] = "docket-demo.db",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="the day to tell the commitments' status on (default: today)"
        ),
    ] = None,
) -> None:
    """Run docket's main job on the bundled sample story: read its reports into the store,
    then show what the store holds and the status of every commitment on a day.

    Example: docket demo --as-of 2026-11-29
    """
    import datetime as dt

    from docket.commands.story import collect_due
    from docket.data import path as data_path
    from docket.render import print_store
    from docket.store import open_store
    from docket.store.queries import parse_contradiction
    from docket.story.render import print_due

    day = parse_date_option(as_of) or dt.date.today()
    conf = settings_mod.load(db=db)
    sample = Path(data_path("sample"))
    added = failed = 0
    with open_store(conf.db) as store:
        for item in process([sample], published=None, conf=conf):
            if isinstance(item, Problem):
                report(item)
                failed += 1
                continue
            loaded, record = item
            added += store.add(record, origin=Path(loaded.origin).name).added
        print(f"Read the sample story ({sample}) into {conf.db}: {added} new articles.\n")
        print_store(store)
        print()
        rows, found = collect_due(store, day)
    print_due(day, rows, [parse_contradiction(x) for x in found])
    print(f"\nNext: docket timeline --db {conf.db}   docket serve --db {conf.db}")
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record that `docket read --json` prints.

    Example: docket schema > record.schema.json
    """
    from docket.record import json_schema

    print(json.dumps(json_schema(), indent=2))
