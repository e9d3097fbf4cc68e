"""Plain-text articles, with optional front matter between '---' lines.

Front matter is read as people write it, as ``key: value`` lines, not as full YAML:
a colon inside a value is part of it (``title: Congo, Rwanda: deal signed``), a value in
quotes is unquoted, an indented line continues the value above. YAML's tags, anchors and
aliases (``!!timestamp``, ``&a``, ``*a``), lists and mappings are not read: a field docket
uses that is written so is dropped with a warning, so no front matter can run code or
grow past its own size.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docket.ingest.base import (
    META_KEYS,
    InputProblem,
    Loaded,
    Problem,
    ReadOptions,
    decode,
    make_document,
    origin_of,
    read_bytes,
)
from docket.ingest.registry import reader

_FENCE = "---"
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_DATE_KEYS = frozenset({"published", "date"})
_NULLS = frozenset({"~", "null", "Null", "NULL"})
# What starts a value docket does not read: a YAML tag, anchor or alias.
_YAML_MARKS = ("!", "&", "*")


def split_front_matter(raw: str, warnings: list[str] | None = None) -> tuple[dict[str, Any], str]:
    """(metadata, body). The body is everything after the line that closes the front matter.

    Lines of the front matter docket cannot read add a line each to ``warnings``.
    """
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
    return parse_front_matter(header, warnings if warnings is not None else []), body


def parse_front_matter(header: str, warnings: list[str]) -> dict[str, Any]:
    """The ``key: value`` lines of a front matter (the file's line 2 onwards) as a mapping."""
    entries: list[tuple[str, int, str, list[str]]] = []  # key, line, value, lines below it
    for number, line in enumerate(header.split("\n"), start=2):
        line = line.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        below = line[:1] in (" ", "\t") or stripped == "-" or stripped.startswith("- ")
        if below and entries:
            entries[-1][3].append(stripped)
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            warnings.append(f"line {number} of the front matter is not 'key: value'; it is ignored")
            continue
        entries.append((match.group(1).lower(), number, (match.group(2) or "").strip(), []))
    meta: dict[str, Any] = {}
    for key, number, value, lines in entries:
        if key not in META_KEYS:
            continue
        if key in meta:
            warnings.append(f"the {key!r} field is given again on line {number}; the last one is read")
        try:
            meta[key] = _value(value, lines)
        except _Unread as exc:
            if key in _DATE_KEYS:  # without its date the article cannot be read: say why
                raise InputProblem(
                    f"the {key!r} field on line {number} {exc}", f"write it as '{key}: YYYY-MM-DD'"
                ) from None
            meta.pop(key, None)
            warnings.append(f"the {key!r} field on line {number} {exc}; it is dropped")
    return meta


class _Unread(Exception):
    """A field written in a form docket does not read (the message says which)."""


def _value(value: str, lines: list[str]) -> str | None:
    """The text of one field (None when empty), given its value and the lines indented below it."""
    if value.startswith(_YAML_MARKS):
        raise _Unread("is a YAML tag, anchor or alias, which docket does not read")
    if not value:
        if not lines:
            return None
        if lines[0] == "-" or lines[0].startswith("- "):
            raise _Unread("is a list, not text")
        raise _Unread("is a mapping, not text")
    if value[0] in "|>" and value[1:].strip("+-0123456789") == "":
        return " ".join(lines) or None  # a block scalar: its lines as one
    if value[0] in "[{" and value[-1] == {"[": "]", "{": "}"}[value[0]]:
        raise _Unread("is a list or mapping, not text")
    if lines:
        value = " ".join([value, *lines])
    if value in _NULLS:
        return None
    return _unquote(value)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            text = json.loads(value)
        except ValueError:
            return value[1:-1]
        return text if isinstance(text, str) else value[1:-1]
    return value


@reader(".txt", ".text", ".md")
def read_text(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    origin = origin_of(path)
    warnings: list[str] = []
    try:
        raw = decode(read_bytes(path, options))
        meta, body = split_front_matter(raw, warnings)
        document = make_document(body, meta, options, warnings)
    except InputProblem as p:
        yield Problem(origin, p.what, p.fix)
        return
    yield Loaded(origin, document, tuple(warnings))
