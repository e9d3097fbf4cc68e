"""Engines run batches of jobs: in this process, in a local process pool, or on a Dask cluster.

Every engine keeps a bounded number of batches in flight and hands results back in
the order the batches came, so memory stays flat however long the input is and a
run is deterministic whatever the number of workers.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from docket.batch.work import Job, Outcome, PipelineSpec, process_batch

ENGINES: tuple[str, ...] = ("local", "dask")


class EngineError(RuntimeError):
    """The engine cannot run (no scheduler at the address, a worker died ...): what and how to fix."""


class Engine(Protocol):
    # whether jobs go to another process (as JSON); else they are done in this one, as objects
    ships: bool

    def map(self, batches: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        """Outcomes of each batch, in the order of the batches."""
        ...

    def close(self) -> None: ...


class InlineEngine:
    """One worker: this process, no pickling. Loads the pipeline on first use."""

    ships = False

    def __init__(self, spec: PipelineSpec) -> None:
        self.spec = spec

    def map(self, batches: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        for batch in batches:
            yield process_batch(batch, self.spec)

    def close(self) -> None:
        pass


def _warm(spec: PipelineSpec) -> None:
    """When a worker process starts: watch the batch that started it, and load the pipeline so
    the first batch is not slow."""
    from docket import pipeline

    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    pipeline.load_excluding(spec.exclude, spec.model, spec.entities, spec.parser)


def _watch_parent(parent: int, every: float = 0.5) -> None:
    """End this worker once its batch is gone (killed with SIGKILL, it cannot stop its workers):
    an orphan is handed to another parent."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _ordered(submit: Any, batches: Iterable[list[Job]], window: int) -> Iterator[list[Outcome]]:
    """Submit batches keeping at most ``window`` in flight; yield their results in order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class PoolEngine:
    """N worker processes on this machine, each loading the pipeline once."""

    ships = True

    def __init__(self, spec: PipelineSpec, workers: int) -> None:
        import multiprocessing

        self.spec = spec
        self.workers = workers
        # spawn: workers start clean (no copy of the parent's threads, e.g. the progress bar's).
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(spec,),
        )

    def map(self, batches: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        from concurrent.futures.process import BrokenProcessPool

        def submit(batch: list[Job]) -> Future[list[Outcome]]:
            return self.pool.submit(process_batch, batch, self.spec)

        try:
            yield from _ordered(submit, batches, 2 * self.workers)
        except BrokenProcessPool:
            raise EngineError(
                "a worker process died (out of memory?); run the same command again to resume, "
                "with fewer --workers or a smaller --batch-size"
            ) from None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """Batches as tasks on a Dask distributed cluster: at ``scheduler``, else a LocalCluster of N workers.

    The workers need docket (and its model) installed; results come back to this
    process, which writes them, so the store keeps one writer.
    """

    ships = True

    def __init__(self, spec: PipelineSpec, workers: int, scheduler: str | None = None) -> None:
        import distributed

        dist: Any = distributed  # untyped package
        self.spec = spec
        self.cluster: Any = None
        try:
            if scheduler:
                self.client = dist.Client(scheduler, timeout="5s")
            else:
                self.cluster = dist.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self.client = dist.Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            raise EngineError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                "start one (dask scheduler) or check the address, e.g. tcp://host:8786"
            ) from None
        found = len(self.client.scheduler_info().get("workers", {}))
        self.window = 2 * max(1, found or workers)

    def map(self, batches: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        def submit(batch: list[Job]) -> Any:
            return self.client.submit(process_batch, batch, self.spec, pure=False)

        yield from _ordered(submit, batches, self.window)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(name: str, spec: PipelineSpec, workers: int, scheduler: str | None = None) -> Engine:
    if name == "dask":
        return DaskEngine(spec, workers, scheduler)
    if name != "local":
        raise EngineError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
    if workers <= 1:
        return InlineEngine(spec)
    return PoolEngine(spec, workers)
