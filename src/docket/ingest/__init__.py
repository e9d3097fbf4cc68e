"""Readers: one per input kind, each turning a file into Documents, found by the end of the
file's name (docket.ingest.registry: a module registers its reader with ``@reader(suffix)``).

``read_inputs`` walks paths (files and folders, recursively) and yields, for
each article, either a :class:`Loaded` document or a :class:`Problem` that says
what is wrong and how to fix it. A bad article never stops the others.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from docket.ingest.base import (
    InputProblem,
    Loaded,
    Problem,
    ReadOptions,
    not_regular,
    origin_of,
)
from docket.ingest.registry import readers, suffix_of

__all__ = [
    "InputProblem",
    "Loaded",
    "Problem",
    "ReadOptions",
    "iter_files",
    "read_file",
    "read_inputs",
]


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Files named, and the supported files below folders named, in a stable order.

    Only regular files are read, and named pipes named on the command line (``<(zcat …)``,
    refused if nothing is written to them in time). A FIFO in a folder, a socket or a device
    is refused rather than opened, as are links to nothing or to themselves.
    Links to folders inside a folder are not followed, so a link loop cannot recurse.
    """
    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield _stat_problem(path, exc)
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
            continue
        if stat.S_ISFIFO(mode):  # named: a stream a program writes (read if it speaks in time)
            yield path
            continue
        kind = not_regular(mode)
        yield path if kind is None else _not_a_file(path, kind)


def _walk(folder: Path) -> Iterator[Path | Problem]:
    found: list[tuple[Path, Problem | None]] = []

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        found.append(
            (where, Problem(origin_of(where), f"cannot read the folder ({exc.strerror or exc})", _RIGHTS))
        )

    for top, _dirs, names in os.walk(folder, onerror=failed):
        for name in names:
            path = Path(top, name)
            if suffix_of(path) not in readers():
                continue
            try:
                kind = not_regular(path.stat().st_mode)
            except OSError as exc:
                found.append((path, _stat_problem(path, exc)))
                continue
            found.append((path, None if kind is None else _not_a_file(path, kind)))
    if not found:
        yield Problem(
            origin_of(folder), "folder holds no .txt, .html or .jsonl file", "point docket at articles"
        )
    for path, problem in sorted(found, key=lambda item: item[0]):
        yield path if problem is None else problem


_RIGHTS = "check the path and its rights"


def _not_a_file(path: Path, kind: str) -> Problem:
    return Problem(origin_of(path), f"the path is {kind}, not a file", "give articles as regular files")


def _stat_problem(path: Path, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem(origin_of(path), "the path is a symbolic link that loops", "point it at a file")
    if exc.errno == errno.ENOENT:
        what = "a symbolic link to nothing" if path.is_symlink() else "no such file or folder"
        return Problem(origin_of(path), what, "check the path")
    return Problem(origin_of(path), f"cannot read the path ({exc.strerror or exc})", _RIGHTS)


def read_file(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    """Every article in one file (a JSON Lines file may hold many)."""
    suffix = suffix_of(path)
    read = readers().get(suffix)
    if read is not None:
        yield from read(path, options)
    else:
        yield Problem(
            origin_of(path),
            f"unsupported file type {suffix or '(no extension)'!r}",
            "give a .txt, .html or .jsonl file, or a folder of them",
        )


def read_inputs(paths: Iterable[Path], options: ReadOptions) -> Iterator[Loaded | Problem]:
    for item in iter_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, options)
