"""Which reader reads a file, by the end of its name: each reader module registers its function
for its suffixes with :func:`reader`, so a new input kind is one module of docket.ingest."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from docket.ingest.base import Loaded, Problem, ReadOptions

Reader = Callable[[Path, ReadOptions], Iterator[Loaded | Problem]]

_READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of files whose names end with ``suffixes``."""

    def register(read: Reader) -> Reader:
        for suffix in suffixes:
            held = _READERS.setdefault(suffix.lower(), read)
            if held is not read:
                raise ValueError(f"two readers for {suffix}: {held.__module__} and {read.__module__}")
        return read

    return register


@cache
def readers() -> dict[str, Reader]:
    """Suffix -> reader, longest suffix first (``.jsonl.gz`` before any shorter one), once every
    module of docket.ingest has been imported and has registered its own."""
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        importlib.import_module(f"{__package__}.{info.name}")
    return dict(sorted(_READERS.items(), key=lambda kv: -len(kv[0])))


def suffix_of(path: Path) -> str:
    """The registered suffix a file's name ends with, else its last suffix (lower case)."""
    name = path.name.lower()
    for suffix in readers():
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()
