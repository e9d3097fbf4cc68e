"""JSON Lines: one article an object, with 'text' and optional published, title, outlet, url."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from docket.ingest.base import InputProblem, Loaded, Problem, ReadOptions, make_document
from docket.record import Document

_KEYS = ("published", "date", "title", "outlet", "source", "url")


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    seen = 0
    try:
        with opener(path, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                seen += 1
                origin = f"{path}:{number}"
                try:
                    yield Loaded(origin, _article(raw, options))
                except InputProblem as p:
                    yield Problem(origin, p.what, p.fix)
    except (OSError, EOFError) as exc:
        yield Problem(
            str(path), f"cannot read the file ({exc})", "check that it is JSON Lines, gzipped or not"
        )
        return
    if seen == 0:
        yield Problem(str(path), "the file is empty", "give one JSON object a line, each with a 'text' field")


def _article(raw: bytes, options: ReadOptions) -> Document:
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
    if not isinstance(obj, dict):
        raise InputProblem("the line is not a JSON object", "write one object a line, with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputProblem(
            "the object has no 'text' string", "give each object the article in a 'text' field"
        )
    meta = {k: obj[k] for k in _KEYS if k in obj}
    return make_document(text, meta, options)
