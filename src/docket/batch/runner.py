"""A batch run: stream articles in, extract them on an engine, write records in batches, resumably.

::

    from docket.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions(inputs=(Path("feeds/"),), db="news.db", workers=2))

The main process reads the inputs and writes the output (one writer); the engine's
workers extract. After each write the journal records which documents it made
durable, so a run that is killed (Ctrl-C, SIGKILL, a crash) and started again with
the same command skips what was stored and stores the rest, each document once.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from docket.batch.engines import Engine, make_engine
from docket.batch.journal import ErrorLog, Journal
from docket.batch.sinks import ParquetSink, Sink, StoreSink, existing_parts, part_ids
from docket.batch.work import Job, Outcome, PipelineSpec, job_of
from docket.ingest import Loaded, Problem, ReadOptions, read_inputs
from docket.pieces import BATCH_ARTICLES, batch_full
from docket.record import Record

JOURNAL_NAME = "journal.jsonl"
ERRORS_NAME = "errors.jsonl"


class BatchError(RuntimeError):
    """The batch cannot start or go on (no output given, store unreachable ...): what and how to fix."""


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[Path, ...]
    db: str | None = None  # a SQLite path or a postgresql:// URL
    out: Path | None = None  # a folder of Parquet partitions
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = BATCH_ARTICLES  # articles a unit of work sent to a worker (fewer when long)
    commit_every: int = 256  # records a write (one transaction, one Parquet partition)
    journal: Path | None = None
    errors: Path | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    pipeline: PipelineSpec = field(default_factory=PipelineSpec)


@dataclass
class BatchSummary:
    stored: int = 0  # records written by this run
    already: int = 0  # documents a run before stored (journal or store), or repeated in the input
    failed: int = 0  # articles that could not be read, extracted or stored in this run
    seconds: float = 0.0
    journal: Path | None = None
    errors: Path | None = None

    @property
    def processed(self) -> int:
        return self.stored + self.failed

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0


Progress = Callable[[BatchSummary], None]
# told of each article the batch skips: (origin, what went wrong, what to do)
Skipped = Callable[[str, str, str], None]


def default_logs(options: BatchOptions) -> tuple[Path, Path]:
    """Where the journal and the errors file go unless given: in the output folder, or beside the store."""
    if options.out is not None:
        base = options.out
        return base / JOURNAL_NAME, base / ERRORS_NAME
    if options.db is None:
        raise BatchError("give exactly one of --db DB or --out DIR")
    if "://" in options.db:
        # A server store has no folder of its own: the logs go in the current one, named by the database.
        import hashlib

        tag = hashlib.sha256(options.db.encode()).hexdigest()[:12]
        return Path(f"docket-batch-{tag}.journal.jsonl"), Path(f"docket-batch-{tag}.errors.jsonl")
    db = Path(options.db)
    return db.with_name(db.name + ".journal.jsonl"), db.with_name(db.name + ".errors.jsonl")


def _open_store(db: str) -> Sink:
    from docket.store import open_store
    from docket.store.sqlite import StoreError

    try:
        return StoreSink(open_store(db))
    except StoreError as exc:
        raise BatchError(str(exc)) from None


def _open_parquet(out: Path, journal: Journal) -> Sink:
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder; give a folder for --out")
    sink = ParquetSink(out)
    # A partition renamed into place just before a kill has no journal line yet: adopt it now.
    for name in existing_parts(out):
        if name not in journal.parts:
            journal.record(part_ids(out / name), name)
    return sink


def run_batch(
    options: BatchOptions, progress: Progress | None = None, skipped: Skipped | None = None
) -> BatchSummary:
    """Run (or resume) a batch; returns what it did. A bad article (one that cannot be read,
    extracted or stored) goes to the errors file and to ``skipped``, and the batch goes on."""
    if (options.db is None) == (options.out is None):
        raise BatchError("give exactly one of --db DB or --out DIR")
    if options.workers < 1:
        raise BatchError(f"--workers must be at least 1, not {options.workers}")
    journal_path, errors_path = default_logs(options)
    journal_path = options.journal or journal_path
    errors_path = options.errors or errors_path
    if options.out is not None and options.out.exists() and not options.out.is_dir():
        raise BatchError(f"{options.out}: exists and is not a folder; give a folder for --out")
    started = time.monotonic()
    # The store first: a store that cannot be opened leaves no logs behind.
    store_sink = _open_store(options.db) if options.db is not None else None
    journal = Journal(journal_path)
    errors = ErrorLog(errors_path)
    summary = BatchSummary(journal=journal_path, errors=errors_path)
    sink = store_sink if store_sink is not None else _open_parquet(options.out or Path("."), journal)
    engine: Engine | None = None
    if journal.done:
        journal.keep_only(sink.present)
    seen = journal.done  # ids journaled before, and those submitted in this run (one set, not two)

    def note(items: list[tuple[str, str, str]]) -> None:
        errors.add(items)
        summary.failed += len(items)
        if skipped is not None:
            for item in items:
                skipped(*item)

    def batches(shipped: bool) -> Iterator[list[Job]]:
        batch: list[Job] = []
        chars = 0
        for item in read_inputs(options.inputs, options.read):
            if isinstance(item, Problem):
                note([(item.origin, item.what, item.fix)])
                continue
            assert isinstance(item, Loaded)
            doc_id = item.document.id
            if doc_id in seen:
                summary.already += 1
                continue
            seen.add(doc_id)
            batch.append(job_of(item.origin, item.document, shipped))
            chars += len(item.document.text)
            if batch_full(len(batch), chars, options.batch_size):
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def flush() -> None:
        # a write and its journal line land together: Ctrl-C stops the run once both are done
        with ctrl_c_after():
            done = sink.flush()
            if done.failed:
                note([(origin, why, "report this as a bug") for origin, why in done.failed])
            if done.ids:
                journal.record(done.ids, done.part)
                summary.stored += done.added
                summary.already += len(done.ids) - done.added

    try:
        engine = make_engine(options.engine, options.pipeline, options.workers, options.scheduler)
        for outcomes in engine.map(batches(engine.ships)):
            failures = _take(outcomes, sink)
            if failures:
                note(failures)
            if sink.pending >= options.commit_every:
                flush()
            summary.seconds = time.monotonic() - started
            if progress is not None:
                progress(summary)
        flush()
    except KeyboardInterrupt:
        flush()  # keep what was extracted before Ctrl-C; the rest is done on resume
        raise
    finally:
        try:
            if engine is not None:
                engine.close()  # (Ctrl-C may cut a wait for the workers short)
        finally:
            with ctrl_c_after():
                sink.close()
                journal.close()
                errors.close()
    summary.seconds = time.monotonic() - started
    if progress is not None:
        progress(summary)
    return summary


@contextmanager
def ctrl_c_after() -> Iterator[None]:
    """Run the block whole: a Ctrl-C (SIGINT) that comes meanwhile is held and raised as
    ``KeyboardInterrupt`` once the block is done, so that it never cuts a store's write or a
    journal line in two. Where Python's own handler is not the one in place (another thread,
    a handler of the caller's), the block runs as it is."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    held: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if held:
        raise KeyboardInterrupt


def _take(outcomes: list[Outcome], sink: Sink) -> list[tuple[str, str, str]]:
    failures: list[tuple[str, str, str]] = []
    for outcome in outcomes:
        if outcome.record is None:
            failures.append((outcome.origin, outcome.error or "extraction failed", "report this as a bug"))
            continue
        if isinstance(outcome.record, Record):  # made in this process: the pipeline built it
            sink.add(outcome.origin, outcome.record)
            continue
        try:
            record = Record.model_validate_json(outcome.record)
        except ValueError as exc:  # pydantic's ValidationError: a record the contract refuses
            what = f"extraction gave a record that cannot be stored ({type(exc).__name__}: {exc})"
            failures.append((outcome.origin, what.splitlines()[0], "report this as a bug"))
            continue
        sink.add(outcome.origin, record)
    return failures
