"""Append-only logs that make a batch resumable: the journal of stored documents and the errors file.

Both are JSON Lines, appended after each write and flushed to disk. A run killed
midway may leave a torn last line: it is cut off when the file is opened again,
so what follows starts on a fresh line. What a line records has been written
before the line is, so a resumed run skips exactly what is safely stored; the
sinks are idempotent for the rest (a write that landed without its line).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # not POSIX: one batch at a time per output
    fcntl = None  # type: ignore[assignment]


class JournalError(RuntimeError):
    pass


def _repair(path: Path) -> None:
    """Cut a torn last line (no newline at the end): what a killed run was writing."""
    if not path.exists():
        return
    with path.open("rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        keep = size - 1
        step = 4096
        while keep > 0:
            start = max(0, keep - step)
            fh.seek(start)
            chunk = fh.read(keep - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                break
            keep = start
        fh.truncate(keep)


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a log, skipping lines that cannot be read."""
    if not path.exists():
        return
    with path.open("rb") as fh:
        for raw in fh:
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict):
                yield obj


@contextmanager
def _locked(fh: IO[str]) -> Iterator[None]:
    """The file to this process alone: two batches writing into one store share its logs."""
    if fcntl is None:
        yield
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class _Log:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.fh: IO[str] = path.open("a", encoding="utf-8")
            with _locked(self.fh):  # no other batch is halfway through a line
                _repair(path)
        except OSError as exc:
            raise JournalError(
                f"{path}: cannot write ({exc.strerror or exc}); check the folder's rights"
            ) from None

    def append(self, objects: Iterable[dict[str, Any]]) -> None:
        text = "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in objects)
        if not text:
            return
        with _locked(self.fh):
            self.fh.write(text)
            self.fh.flush()
            os.fsync(self.fh.fileno())

    def close(self) -> None:
        self.fh.close()


class Journal(_Log):
    """Which documents are stored: one line per write, {"done": [ids], "part": name or null}."""

    def __init__(self, path: Path) -> None:
        self.done: set[str] = set()
        self.parts: set[str] = set()
        for obj in read_lines(path):
            ids = obj.get("done")
            if isinstance(ids, list):
                self.done.update(str(i) for i in ids)
            part = obj.get("part")
            if isinstance(part, str):
                self.parts.add(part)
        super().__init__(path)

    def keep_only(self, present: Callable[[set[str]], set[str]]) -> int:
        """Forget the documents the output no longer holds (``present`` tells which it does): a
        journal outlives a store deleted or replaced beside it. Returns how many were forgotten."""
        held = present(self.done)
        gone = len(self.done) - len(held)
        self.done.intersection_update(held)
        return gone

    def record(self, ids: list[str], part: str | None = None) -> None:
        self.append([{"done": ids, "part": part}])
        self.done.update(ids)
        if part is not None:
            self.parts.add(part)


class ErrorLog(_Log):
    """Articles that could not be read or extracted: {"origin", "error", "fix"} a line, each once."""

    def __init__(self, path: Path) -> None:
        self.seen: set[str] = {str(obj.get("origin")) for obj in read_lines(path)}
        super().__init__(path)

    def add(self, items: Iterable[tuple[str, str, str]]) -> int:
        """Log (origin, error, fix) items not logged before; returns how many are new."""
        fresh = []
        for origin, what, fix in items:
            if origin not in self.seen:
                self.seen.add(origin)
                fresh.append({"origin": origin, "error": what, "fix": fix})
        self.append(fresh)
        return len(fresh)
