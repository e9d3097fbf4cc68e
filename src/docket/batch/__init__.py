"""Corpus-scale processing: many articles, in parallel, resumable. See :mod:`docket.batch.runner`."""

from docket.batch.engines import ENGINES, EngineError
from docket.batch.journal import JournalError
from docket.batch.runner import BatchError, BatchOptions, BatchSummary, run_batch
from docket.batch.work import PipelineSpec

__all__ = [
    "ENGINES",
    "BatchError",
    "BatchOptions",
    "BatchSummary",
    "EngineError",
    "JournalError",
    "PipelineSpec",
    "run_batch",
]
