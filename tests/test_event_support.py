"""Run the event and commitment stages on a parsed text with given actors, timexes and quantities.

The earlier stages are other engineers' work and change; these tests pin down what the
event and commitment stages do with a fixed input, so they put the items in by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language

from docket.extract.common.state import Extraction, set_published, state
from docket.record import Actor, Mention, Quantity, Timex


@dataclass(frozen=True)
class T:
    """A timex to put in: its words (first occurrence unless `nth`), TIMEX3 attributes, bounds."""

    text: str
    type: str
    value: str
    mod: str | None = None
    earliest: str | None = None
    latest: str | None = None
    nth: int = 0


@dataclass(frozen=True)
class Q:
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    noun: str | None = None
    nth: int = 0


def _find(text: str, words: str, nth: int = 0) -> int:
    starts = [m.start() for m in re.finditer(re.escape(words), text)]
    assert len(starts) > nth, f"{words!r} not in the text"
    return starts[nth]


def run_stages(
    nlp: Language,
    text: str,
    *,
    actors: dict[str, tuple[str, str]] | None = None,
    timexes: list[T] | None = None,
    quantities: list[Q] | None = None,
    published: str = "2024-09-07",
) -> Extraction:
    """The extraction after the event and commitment stages, with the given items found before."""
    doc = nlp.make_doc(text)
    set_published(doc, dt.date.fromisoformat(published))
    for name, proc in nlp.pipeline:
        if not name.startswith("docket_"):
            doc = proc(doc)
    found = state(doc)
    by_id: dict[str, Actor] = {}
    for alias, (actor_id, kind) in (actors or {}).items():
        actor = by_id.setdefault(actor_id, Actor(id=actor_id, name=alias, kind=kind))  # type: ignore[arg-type]
        for match in re.finditer(r"\b" + re.escape(alias) + r"\b", text):
            actor.mentions.append(Mention(text=alias, start=match.start(), end=match.end()))
    found.actors = list(by_id.values())
    found.timexes = []
    for i, t in enumerate(timexes or []):
        start = _find(text, t.text, t.nth)
        found.timexes.append(
            Timex(
                id=f"t{i + 1}",
                text=t.text,
                start=start,
                end=start + len(t.text),
                type=t.type,  # type: ignore[arg-type]
                value=t.value,
                mod=t.mod,
                earliest=dt.date.fromisoformat(t.earliest) if t.earliest else None,
                latest=dt.date.fromisoformat(t.latest) if t.latest else None,
                anchor="document",
            )
        )
    found.quantities = []
    for i, q in enumerate(quantities or []):
        start = _find(text, q.text, q.nth)
        found.quantities.append(
            Quantity(
                id=f"q{i + 1}",
                text=q.text,
                start=start,
                end=start + len(q.text),
                value=q.value,
                low=q.low,
                high=q.high,
                noun=q.noun,
            )
        )
    for name in ("docket_event", "docket_commitment"):
        doc = nlp.get_pipe(name)(doc)
    return state(doc)
