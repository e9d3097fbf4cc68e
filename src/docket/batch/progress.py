"""The progress bar of a batch (rich, on stderr): articles done, documents per second, errors."""

from __future__ import annotations

import sys
from typing import Any

from docket.batch.runner import BatchSummary


class ProgressBar:
    """Shows a live line while a batch runs; does nothing when disabled or stderr is not a terminal."""

    def __init__(self, enabled: bool = True, console: Any = None) -> None:
        self.enabled = enabled
        self.console = console  # a rich Console; default: stderr
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> ProgressBar:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = self.console or Console(stderr=True)
        if not console.is_terminal:
            return self
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed:>8,.0f} docs"),
            TextColumn("[cyan]{task.fields[rate]:>7.1f} docs/s"),
            TextColumn("[red]{task.fields[failed]:,} errors"),
            TextColumn("{task.fields[already]:,} already there"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task("batch", total=None, rate=0.0, failed=0, already=0)
        return self

    def update(self, summary: BatchSummary) -> None:
        if self.progress is None:
            return
        self.progress.update(
            self.task,
            completed=summary.processed,
            rate=summary.rate,
            failed=summary.failed,
            already=summary.already,
        )

    def skipped(self, origin: str, what: str, fix: str) -> None:
        """One line on stderr naming an article the batch skips (above the live bar, if shown)."""
        line = f"docket: {origin}: {what}; {fix}"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
