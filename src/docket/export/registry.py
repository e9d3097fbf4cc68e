"""Which writer writes a format, by its name: each export module registers its function with
:func:`exporter`, so a new format is one module of docket.export. ``docket export`` gathers a
:class:`Job` from the store and writes what the format's function gives."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docket.index.stored import StoredIndex
from docket.store.sqlite import Store
from docket.story.status import Status


@dataclass(frozen=True)
class Job:
    """What one export writes from: the saved index as known on ``day`` and the store of the reports
    published by then, the statuses on that day, the outlets' copies of each original, and where to."""

    index: StoredIndex
    store: Store
    day: dt.date
    story: str | None
    rows: list[Status]
    copies: dict[str, list[str]]
    out: Path | None
    table: str

    def documents(self) -> list[str]:
        """The documents to export: the whole store's, or a story's with the outlets' copies of them."""
        if self.story is None:
            ids: list[str] = self.store.document_ids()
            return ids
        found = self.index.story(self.story)
        mine = list(found.documents) if found else []
        return mine + [c for d in mine for c in self.copies.get(d, ())]


@dataclass(frozen=True)
class Files:
    """Output as files of the folder ``--out`` names (on standard output, one after another)."""

    pieces: Iterator[tuple[str, str]]


Writer = Callable[[Job], "str | Files"]


@dataclass(frozen=True)
class Format:
    name: str
    write: Writer
    order: int  # where the format stands in lists of them (help, errors)


_FORMATS: dict[str, Format] = {}


def exporter(name: str, *, order: int) -> Callable[[Writer], Writer]:
    """Register the decorated function as the writer of the format ``name``."""

    def register(write: Writer) -> Writer:
        held = _FORMATS.setdefault(name, Format(name, write, order))
        if held.write is not write:
            raise ValueError(f"two writers for {name}: {held.write.__module__} and {write.__module__}")
        return write

    return register


@cache
def formats() -> dict[str, Format]:
    """Format name -> its writer, in their order, once every module of docket.export has registered."""
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        importlib.import_module(f"{__package__}.{info.name}")
    return {f.name: f for f in sorted(_FORMATS.values(), key=lambda f: (f.order, f.name))}


def names() -> tuple[str, ...]:
    return tuple(formats())
