"""Readers: one per input kind, each turning a file into Documents.

``read_inputs`` walks paths (files and folders, recursively) and yields, for
each article, either a :class:`Loaded` document or a :class:`Problem` that says
what is wrong and how to fix it. A bad article never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from docket.ingest.base import (
    SUPPORTED_SUFFIXES,
    InputProblem,
    Loaded,
    Problem,
    ReadOptions,
)
from docket.ingest.feed import read_feed
from docket.ingest.html import read_html
from docket.ingest.jsonl import read_jsonl
from docket.ingest.text import read_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "InputProblem",
    "Loaded",
    "Problem",
    "ReadOptions",
    "iter_files",
    "read_file",
    "read_inputs",
]

# RSS and Atom feeds: many articles a file (see docket.ingest.feed).
FEED_SUFFIXES = (".rss", ".atom", ".xml")
READABLE_SUFFIXES = SUPPORTED_SUFFIXES + FEED_SUFFIXES


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Files named, and the supported files below folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in READABLE_SUFFIXES)
            if not found:
                yield Problem(
                    str(path), "folder holds no .txt, .html or .jsonl file", "point docket at articles"
                )
            yield from found
        elif path.exists():
            yield path
        else:
            yield Problem(str(path), "no such file or folder", "check the path")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in READABLE_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def read_file(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    """Every article in one file (a JSON Lines file may hold many)."""
    suffix = _suffix(path)
    if suffix in (".txt", ".text", ".md"):
        yield from read_text(path, options)
    elif suffix in (".html", ".htm"):
        yield from read_html(path, options)
    elif suffix in (".jsonl", ".jsonl.gz", ".ndjson"):
        yield from read_jsonl(path, options)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(path, options)
    else:
        yield Problem(
            str(path),
            f"unsupported file type {suffix or '(no extension)'!r}",
            "give a .txt, .html or .jsonl file, or a folder of them",
        )


def read_inputs(paths: Iterable[Path], options: ReadOptions) -> Iterator[Loaded | Problem]:
    for item in iter_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, options)
