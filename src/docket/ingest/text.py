"""Plain-text articles, with optional YAML front matter between '---' lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from docket.ingest.base import InputProblem, Loaded, Problem, ReadOptions, decode, make_document, read_bytes

_FENCE = "---"


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """(metadata, body). The body is everything after the line that closes the front matter."""
    first, sep, rest = raw.partition("\n")
    if first.rstrip("\r") != _FENCE or not sep:
        return {}, raw
    pos = 0
    while True:
        nl = rest.find("\n", pos)
        line = rest[pos:] if nl < 0 else rest[pos:nl]
        if line.rstrip("\r") == _FENCE:
            header = rest[:pos]
            body = "" if nl < 0 else rest[nl + 1 :]
            break
        if nl < 0:
            raise InputProblem("the front matter has no closing '---' line", "end it with a line '---'")
        pos = nl + 1
    try:
        meta = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputProblem(
            f"the front matter is not valid YAML{where}", "write it as 'key: value' lines"
        ) from None
    if not isinstance(meta, dict):
        raise InputProblem("the front matter is not a mapping", "write it as 'key: value' lines")
    return meta, body


def read_text(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    try:
        raw = decode(read_bytes(path, options))
        meta, body = split_front_matter(raw)
        yield Loaded(str(path), make_document(body, meta, options))
    except InputProblem as p:
        yield Problem(str(path), p.what, p.fix)
