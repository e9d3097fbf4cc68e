"""watch: keep a store up to date from RSS/Atom feeds (URLs or files)."""

from __future__ import annotations

import datetime as dt
import re
import signal
import sys
import time
from types import FrameType
from typing import Annotated

import typer

from docket import settings as settings_mod
from docket.commands.app import app
from docket.commands.common import DbOpt, PublishedOpt, check_pipeline, error, parse_date_option, report

_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> dt.timedelta:
    """'15m', '30s', '2h', '1d' as a span of time."""
    m = _SPAN.match(value.lower())
    if m is None or float(m.group(1)) <= 0:
        raise typer.BadParameter(f"{value!r} is not a span of time; write e.g. 30s, 15m, 2h or 1d")
    return dt.timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)])


def _stop_on_term(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@app.command()
def watch(
    feeds: Annotated[
        list[str],
        typer.Argument(metavar="FEED...", help="RSS/Atom feeds: http(s):// URLs or files"),
    ],
    db: DbOpt = None,
    every: Annotated[
        str, typer.Option("--every", metavar="SPAN", help="time between cycles: 30s, 15m, 2h, 1d")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="one cycle, then exit (for cron and tests)")] = False,
    published: PublishedOpt = None,
) -> None:
    """Poll feeds and add every new entry's article to the store, cycle after cycle, until Ctrl-C.

    One line a cycle. Conditional requests (ETag, Last-Modified) fetch nothing unchanged.

    The store remembers what each feed showed: no entry is read twice, across runs too.

    A failing feed waits longer after each failure in a row; the other feeds go on.

    Examples: docket watch https://example.org/world.rss --db news.db

    docket watch feeds/agency.xml https://example.org/atom --db news.db --once
    """
    from docket import pipeline
    from docket.ingest import Loaded, ReadOptions
    from docket.record import Record
    from docket.store import open_store
    from docket.store.sqlite import StoreError
    from docket.watch import WatchOptions, cycle

    span = parse_every(every)
    conf = settings_mod.load(db=db)
    check_pipeline(conf)
    options = WatchOptions(
        read=ReadOptions(
            published=parse_date_option(published),
            max_chars=conf.max_chars,
            check_language=conf.check_language,
        ),
        timeout=conf.fetch_timeout,
        every=span,
    )

    def extract(loaded: Loaded) -> Record:
        nlp = pipeline.load(conf.model, conf.model_exclude, conf.actors_file, conf.entities, conf.parser)
        return pipeline.extract(loaded.document, nlp)

    def now() -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)

    try:
        store = open_store(conf.db)
    except StoreError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    previous = signal.signal(signal.SIGTERM, _stop_on_term)
    cycles = failed = 0
    try:
        with store:
            while True:
                started = now()
                done = cycle(store, feeds, options, extract, now)
                cycles += 1
                print(f"{started:%Y-%m-%d %H:%M:%S}Z {done.line()} -> {conf.db}", flush=True)
                for problem in done.problems:
                    report(problem)
                failed += len(done.problems)
                if once:
                    break
                time.sleep(max(0.0, (started + span - now()).total_seconds()))
    except KeyboardInterrupt:
        print(f"docket watch: stopped after {cycles} cycle{'s' if cycles != 1 else ''}", file=sys.stderr)
        return
    finally:
        signal.signal(signal.SIGTERM, previous)
    if once and failed:
        raise typer.Exit(1)
