"""batch: corpus-scale processing of files, folders, JSON Lines and feeds, in parallel and resumable."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from docket import settings as settings_mod
from docket.commands.app import app
from docket.commands.common import PublishedOpt, check_pipeline, error, parse_published_option


@app.command()
def batch(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT...",
            help=".txt, .html, .jsonl, .jsonl.gz, RSS/Atom (.rss, .atom, .xml) files, or folders of them",
        ),
    ],
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="DB", help="write into this store: a SQLite file or a postgresql:// URL"
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="DIR", help="write Parquet partitions (part-00000.parquet ...) here"),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="worker processes (local) or Dask workers")
    ] = 1,
    engine: Annotated[
        str, typer.Option("--engine", metavar="local|dask", help="local processes, or a Dask cluster")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="the Dask scheduler (tcp://host:8786); without it --engine dask starts a local cluster",
        ),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1, help="articles sent to a worker at once (fewer when they are long)"
        ),
    ] = 64,
    commit_every: Annotated[
        int,
        typer.Option("--commit-every", min=1, help="records a write: one transaction or one Parquet file"),
    ] = 256,
    journal: Annotated[
        Path | None,
        typer.Option("--journal", metavar="PATH", help="the resume journal (default: beside the output)"),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors", metavar="PATH", help="where bad articles are listed (default: beside the output)"
        ),
    ] = None,
    published: PublishedOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Process many articles in parallel into a store or Parquet files; run it again to resume.

    Bad articles are listed in the errors file (one JSON object a line) and the run goes on.
    A run stopped midway (Ctrl-C, kill) resumes where it was when started again with the
    same arguments: every document is stored exactly once.

    Examples:
      docket batch archive/ feeds/world.rss --db news.db --workers 2
      docket batch reuters.jsonl.gz --out parquet/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from docket.batch import (
        ENGINES,
        BatchError,
        BatchOptions,
        EngineError,
        JournalError,
        PipelineSpec,
        run_batch,
    )
    from docket.batch.progress import ProgressBar
    from docket.ingest import ReadOptions

    if (db is None) == (out is None):
        error("give exactly one of --db DB or --out DIR; e.g. docket batch feeds/ --db news.db")
        raise typer.Exit(2)
    if engine not in ENGINES:
        error(f"unknown engine {engine!r}; use --engine local or --engine dask")
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        error("--scheduler needs --engine dask")
        raise typer.Exit(2)
    conf = settings_mod.load()
    check_pipeline(conf)
    options = BatchOptions(
        inputs=tuple(inputs),
        db=db,
        out=out,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        batch_size=batch_size,
        commit_every=commit_every,
        journal=journal,
        errors=errors,
        read=ReadOptions(
            published=parse_published_option(published),
            max_chars=conf.max_chars,
            check_language=conf.check_language,
        ),
        pipeline=PipelineSpec(
            model=conf.model, exclude=conf.model_exclude, entities=conf.entities, parser=conf.parser
        ),
    )
    bar = ProgressBar(enabled=not quiet)
    try:
        with bar:
            summary = run_batch(options, bar.update, bar.skipped)
    except (BatchError, EngineError, JournalError) as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        error("interrupted; what was written is kept: run the same command again to resume")
        raise typer.Exit(130) from None
    target = db if db is not None else str(out)
    print(
        f"{summary.stored} stored, {summary.already} already there, {summary.failed} failed "
        f"in {summary.seconds:.1f} s ({summary.rate:.1f} docs/s) -> {target}",
        file=sys.stdout,
    )
    if summary.failed:
        error(
            f"{summary.failed} articles were skipped (not read, extracted or stored); "
            f"see {summary.errors} (one JSON object a line)"
        )
        raise typer.Exit(1)
