"""JSON Lines: one article an object, with 'text' and optional published, title, outlet, url.

A gzipped file (``.jsonl.gz``) is checked whole before any of its lines is read, so a
corrupt or cut-short file gives one error and no articles, not the articles before the
damage. A line is read up to the size an article may have; past it the line is refused
and the reader goes on after it, so no line can take memory beyond that bound.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from docket.ingest.base import (
    META_KEYS,
    InputProblem,
    Loaded,
    Problem,
    ReadOptions,
    make_document,
    max_bytes,
    open_input,
    origin_of,
)
from docket.ingest.registry import reader
from docket.record import Document

# How much of a gzipped file is decompressed at a time when it is checked.
_CHUNK = 1 << 20
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


@reader(".jsonl.gz", ".jsonl", ".ndjson")
def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    name = origin_of(path)
    gzipped = path.name.lower().endswith(".gz")
    try:
        fd, pipe = open_input(path)
    except InputProblem as p:
        yield Problem(name, p.what, p.fix)
        return
    fh: IO[bytes] = os.fdopen(fd, "rb")
    if gzipped and not pipe:  # a pipe is read once: its damage is found as it is read
        try:
            _check_gzip(path)
        except InputProblem as p:
            fh.close()
            yield Problem(name, p.what, p.fix)
            return
    seen = 0
    limit = max_bytes(options)
    try:
        with fh, gzip.open(fh, "rb") if gzipped else nullcontext(fh) as stream:
            for number, raw in enumerate(_lines(stream, limit), start=1):
                if raw is not None and not raw.strip():
                    continue
                seen += 1
                origin = f"{name}:{number}"
                warnings: list[str] = []
                try:
                    yield Loaded(origin, _article(raw, options, warnings), tuple(warnings))
                except InputProblem as p:
                    yield Problem(origin, p.what, p.fix)
    except _GZIP_ERRORS as exc:  # the file changed or failed under us after its check
        yield Problem(name, f"cannot read the file ({exc})", "check that it is JSON Lines, gzipped or not")
        return
    if seen == 0:
        yield Problem(name, "the file is empty", "give one JSON object a line, each with a 'text' field")


def _check_gzip(path: Path) -> None:
    """Decompress the whole file, a chunk at a time, keeping nothing: InputProblem if it is damaged."""
    try:
        with os.fdopen(open_input(path)[0], "rb") as raw, gzip.open(raw, "rb") as stream:
            while stream.read(_CHUNK):
                pass
    except _GZIP_ERRORS as exc:
        raise InputProblem(
            f"the file is not a whole gzip file ({exc}); none of it was read",
            "check that it is gzipped JSON Lines (gzip -t), or give it uncompressed",
        ) from None


def _lines(stream: IO[bytes] | gzip.GzipFile, limit: int) -> Iterator[bytes | None]:
    """The lines of a stream; None for a line longer than ``limit`` bytes, which is skipped."""
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
            raw = stream.readline(_CHUNK)
        yield None


def _article(raw: bytes | None, options: ReadOptions, warnings: list[str]) -> Document:
    if raw is None:
        raise InputProblem(
            f"the line is over {max_bytes(options):,} bytes, "
            f"over the limit of {options.max_chars:,} characters",
            "split the article, or raise the limit with DOCKET_MAX_CHARS",
        )
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputProblem("the line is not UTF-8", "write the file as UTF-8") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputProblem(
            f"the line is not valid JSON ({exc.msg} at column {exc.colno})",
            "write one JSON object a line",
        ) from None
    except RecursionError:
        raise InputProblem(
            "the line nests lists or objects too deeply to read", "write one flat JSON object a line"
        ) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise InputProblem(
            "the line holds a number too long to read (over 4,300 digits)",
            "remove the number, or write it as a string",
        ) from None
    if not isinstance(obj, dict):
        raise InputProblem("the line is not a JSON object", "write one object a line, with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputProblem(
            "the object has no 'text' string", "give each object the article in a 'text' field"
        )
    meta = {k: obj[k] for k in META_KEYS if k in obj}
    return make_document(text, meta, options, warnings)
