"""What the commands share: options, error lines, the processing loop."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from docket import settings as settings_mod
from docket.ingest import Loaded, Problem, ReadOptions
from docket.pieces import BATCH_ARTICLES, batch_full
from docket.record import Record

if TYPE_CHECKING:
    from spacy.language import Language


def parse_date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2024-09-07") from None


def parse_published_option(value: str | None) -> dt.date | None:
    """--published: a date, and one a news article can have (ingest's EARLIEST to LATEST)."""
    from docket.ingest.base import InputProblem, check_date

    day = parse_date_option(value)
    if day is None:
        return None
    try:
        return check_date(day, "--published")
    except InputProblem as p:
        raise typer.BadParameter(f"{p.what}; {p.fix}") from None


PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="publication date (YYYY-MM-DD) for articles that carry none of their own",
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", metavar="DB", help="the store (default: $DOCKET_DB, else ./docket.db)"),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help=".txt, .html or .jsonl files, folders of them, or http(s):// URLs of articles",
    ),
]


def error(line: str) -> None:
    print(f"docket: {line}", file=sys.stderr)


def report(problem: Problem) -> None:
    error(problem.line())


def check_pipeline(conf: settings_mod.Settings) -> None:
    """Before anything is read or written: the model is there and the components to leave out exist.

    A missing model exits 1 (install it); a bad DOCKET_MODEL_EXCLUDE raises SettingError (exit 2).
    """
    from docket import pipeline

    try:
        pipeline.model_name(conf.model)
        pipeline.check_exclude(conf.model_exclude, conf.model)
    except pipeline.ModelMissing as exc:
        error(str(exc))
        raise typer.Exit(1) from None


# Articles extracted together through nlp.pipe, at most (pieces.batch_full: fewer when long).
EXTRACT_BATCH = BATCH_ARTICLES


def process(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None,
    conf: settings_mod.Settings,
) -> Iterator[tuple[Loaded, Record] | Problem]:
    """Read and extract every article under ``paths``: (loaded, record) or a Problem each, in the
    order read (articles are extracted together, as many as ``batch_full`` lets: one at a
    time costs a third more)."""
    from docket import pipeline
    from docket.gazetteer import GazetteerError
    from docket.ingest.web import FetchOptions, read_sources

    options = ReadOptions(published=published, max_chars=conf.max_chars, check_language=conf.check_language)
    fetching = FetchOptions.for_pages(options, timeout=conf.fetch_timeout)
    nlp: Language | None = None
    waiting: list[Loaded | Problem] = []  # read, in order; the articles among them not yet extracted
    articles = chars = 0
    for item in read_sources(paths, options, fetching):
        if isinstance(item, Problem) and not waiting:
            yield item
            continue
        if nlp is None and isinstance(item, Loaded):
            try:
                nlp = pipeline.load(
                    conf.model, conf.model_exclude, conf.actors_file, conf.entities, conf.parser
                )
            except (pipeline.ModelMissing, GazetteerError) as exc:
                error(str(exc))
                raise typer.Exit(1) from None
        waiting.append(item)
        if isinstance(item, Loaded):
            articles += 1
            chars += len(item.document.text)
        if batch_full(articles, chars) and nlp is not None:
            yield from _extracted_in_turn(waiting, nlp)
            waiting, articles, chars = [], 0, 0
    if waiting:
        yield from _extracted_in_turn(waiting, nlp)


def _extracted_in_turn(
    items: list[Loaded | Problem], nlp: Language | None
) -> Iterator[tuple[Loaded, Record] | Problem]:
    """The items in order: a problem as it is, an article with its record (all of them through one
    ``nlp.pipe``; when that fails, one at a time, so only the article at fault is a problem)."""
    from docket import pipeline

    loaded = [item for item in items if isinstance(item, Loaded)]
    records: dict[int, Record | Problem] = {}
    if loaded and nlp is not None:
        try:
            done = pipeline.extract_many([x.document for x in loaded], nlp, batch_size=len(loaded))
            records = {id(x): record for x, record in zip(loaded, done, strict=True)}
        except Exception:  # a stage failing on one article must not stop the others
            for x in loaded:
                try:
                    records[id(x)] = pipeline.extract(x.document, nlp)
                except Exception as exc:
                    what = f"extraction failed ({type(exc).__name__}: {exc})"
                    records[id(x)] = Problem(x.origin, what, "report this as a bug")
    for item in items:
        if isinstance(item, Problem):
            yield item
            continue
        for warning in item.warnings:
            error(f"{item.origin}: warning: {warning}")
        got = records[id(item)]
        yield got if isinstance(got, Problem) else (item, got)


@dataclass
class Tally:
    """Articles a command could not read, extract or store (each reported on its own line)."""

    failed: int = 0

    def problem(self, problem: Problem) -> None:
        report(problem)
        self.failed += 1


def extracted(
    paths: Iterable[str | Path], *, published: dt.date | None, conf: settings_mod.Settings, tally: Tally
) -> Iterator[tuple[Loaded, Record]]:
    """(loaded, record) of each article :func:`process` extracts; the others reported and counted."""
    for item in process(paths, published=published, conf=conf):
        if isinstance(item, Problem):
            tally.problem(item)
        else:
            yield item
