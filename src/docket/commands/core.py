"""read, add, demo, schema: from articles on disk to printed and stored records."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from docket import settings as settings_mod
from docket.commands.app import app
from docket.commands.common import (
    EXTRACT_BATCH,
    DbOpt,
    PathsArg,
    PublishedOpt,
    Tally,
    check_pipeline,
    error,
    extracted,
    parse_date_option,
    parse_published_option,
)
from docket.ingest import Problem
from docket.record import Record


@app.command()
def read(
    paths: PathsArg,
    published: PublishedOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON record a line (JSON Lines)")] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="DB",
            help="a store to find originals in: an article that copies one of its articles gets "
            "copy_of (nothing is stored)",
        ),
    ] = None,
) -> None:
    """Extract and print the record of each article; stores nothing.

    An outlet's copy of an article read before it (or stored in --db) gets copy_of, its id.

    Example: docket read article.txt --published 2024-09-07 --json
    """
    from docket.render.records import print_record
    from docket.wire.copies import CopyIndex

    conf = settings_mod.load()
    check_pipeline(conf)
    store = _existing_store(db) if db is not None else None
    seen = CopyIndex()
    tally = Tally()
    try:
        for loaded, record in extracted(
            paths, published=parse_published_option(published), conf=conf, tally=tally
        ):
            doc = record.document
            copy_of = seen.add(doc.id, doc.text, doc.published)
            if store is not None and copy_of is None:
                from docket.wire.stored import lookup

                copy_of = lookup(store.db, doc)
            if copy_of is not None:
                record = record.model_copy(update={"document": doc.model_copy(update={"copy_of": copy_of})})
            if as_json:
                sys.stdout.write(record.to_json() + "\n")
                sys.stdout.flush()
            else:
                print_record(record, origin=loaded.origin)
    finally:
        if store is not None:
            store.close()
    if tally.failed:
        raise typer.Exit(1)


def _existing_store(db: str) -> Any:
    """The store ``db`` for reading; exit 1 with one line when there is none."""
    from docket.store import open_store
    from docket.store.sqlite import StoreError

    if "://" not in db and not Path(db).is_file():
        error(f"{db}: no such store; give the --db of a store made by docket add")
        raise typer.Exit(1)
    try:
        return open_store(db)
    except StoreError as exc:
        error(str(exc))
        raise typer.Exit(1) from None


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
    from docket.watch import copies_note

    conf = settings_mod.load(db=db)
    check_pipeline(conf)
    try:
        store = open_store(conf.db)
    except StoreError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    added = same = copies = 0
    tally = Tally()
    day = parse_published_option(published)
    waiting: list[tuple[Record, str | None]] = []  # extracted, to be stored in one transaction

    def store_waiting() -> None:
        nonlocal added, same, copies
        for (_, origin), result in zip(waiting, store.add_many(waiting), strict=True):
            if result.error is not None:
                tally.problem(Problem(origin or result.document_id, result.error, "report this as a bug"))
            elif result.added:
                added += 1
                copies += result.copy_of is not None
            else:
                same += 1
        waiting.clear()

    with store:
        try:
            for loaded, record in extracted(paths, published=day, conf=conf, tally=tally):
                waiting.append((record, loaded.origin))
                if len(waiting) >= EXTRACT_BATCH:
                    store_waiting()
            store_waiting()
        except StoreError as exc:  # the store stayed locked by another process
            error(str(exc))
            raise typer.Exit(1) from None
    note = f" ({copies_note(copies)})" if copies else ""
    print(f"{added} added, {same} already stored, {tally.failed} failed -> {conf.db}{note}")
    if tally.failed:
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

    from docket.data import path as data_path
    from docket.index.query import story_index
    from docket.index.stored import parse_contradiction
    from docket.render.records import print_store
    from docket.render.stories import print_due
    from docket.store import open_store
    from docket.store.documents import actor_names

    day = parse_date_option(as_of) or dt.date.today()
    conf = settings_mod.load(db=db)
    sample = Path(data_path("sample"))
    added = 0
    tally = Tally()
    with open_store(conf.db) as store:
        for loaded, record in extracted([sample], published=None, conf=conf, tally=tally):
            added += store.add(record, origin=Path(loaded.origin).name).added
        print(f"Read the sample story ({sample}) into {conf.db}: {added} new articles.\n")
        print_store(store)
        print()
        index = story_index(store, as_of=day)
        rows = index.statuses(day)
        found = index.contradictions_json(stories=[s.item.story for s in rows if s.item.story])
        names = actor_names(store, [a for s in rows for a in s.item.obligor])
    print_due(day, rows, [parse_contradiction(x) for x in found], names=names)
    print(f"\nNext: docket timeline --db {conf.db}   docket serve --db {conf.db}")
    if tally.failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record that `docket read --json` prints.

    Example: docket schema > record.schema.json
    """
    from docket.record import json_schema

    print(json.dumps(json_schema(), indent=2))
