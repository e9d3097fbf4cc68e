"""What one article changed in its story: new and moved commitments, outcomes, numbers, disagreements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docket.story import dates
from docket.story.model import Contradiction
from docket.story.quantities import noun_key
from docket.story.tracked import Tracked


@dataclass(frozen=True)
class Number:
    """A count the article reports, and what the story said of it before."""

    id: str
    text: str
    noun: str | None
    value: float | None
    start: int
    end: int
    before: tuple[str, ...] = ()  # earlier values of the same noun in the story

    @property
    def change(self) -> str:
        if not self.before:
            return "new"
        return "same" if _fmt(self.value) in self.before else "changed"


@dataclass
class Diff:
    document: str
    story: str | None
    published: dt.date | None
    new: list[Tracked] = field(default_factory=list)
    restated: list[Tracked] = field(default_factory=list)
    moved: list[tuple[Tracked, list[Tracked]]] = field(default_factory=list)  # (new, what it supersedes)
    fulfilled: list[Tracked] = field(default_factory=list)
    broken: list[Tracked] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def brief(t: Tracked) -> dict[str, Any]:
            return {
                "id": t.id,
                "obligor": list(t.obligor),
                "action": t.action,
                "object": t.object,
                "deadline": dates.label(t.deadline) or None,
                "latest": t.deadline.latest.isoformat() if t.deadline and t.deadline.latest else None,
            }

        return {
            "document": self.document,
            "story": self.story,
            "published": self.published.isoformat() if self.published else None,
            "new": [brief(t) for t in self.new],
            "restated": [brief(t) for t in self.restated],
            "moved": [{**brief(t), "supersedes": [brief(o) for o in old]} for t, old in self.moved],
            "fulfilled": [
                {**brief(t), "on_time": _on_time(t, self.document), "partial": _partial(t, self.document)}
                for t in self.fulfilled
            ],
            "broken": [brief(t) for t in self.broken],
            "numbers": [
                {
                    "id": n.id,
                    "text": n.text,
                    "noun": n.noun,
                    "value": n.value,
                    "start": n.start,
                    "end": n.end,
                    "change": n.change,
                    "before": list(n.before),
                }
                for n in self.numbers
            ],
            "contradictions": [x.as_dict() for x in self.contradictions],
        }


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _on_time(t: Tracked, doc: str) -> bool | None:
    latest = t.deadline.latest if t.deadline else None
    f = next((f for f in t.fulfilments if f.document == doc), None)
    if f is None or f.on is None or latest is None:
        return None
    return f.on <= latest


def _partial(t: Tracked, doc: str) -> bool:
    return any(f.partial for f in t.fulfilments if f.document == doc)


def diff(
    document: str,
    published: dt.date | None,
    story: str | None,
    commitments: list[Tracked],
    contradictions: list[Contradiction],
    numbers: list[tuple[str, str, str | None, float | None, int, int]],
    earlier_numbers: list[tuple[str | None, float | None]],
) -> Diff:
    """The changes ``document`` brought to its story.

    ``numbers``: the article's quantities (id, text, noun, value, start, end);
    ``earlier_numbers``: (noun, value) of the story's reports published before it.
    """
    out = Diff(document=document, story=story, published=published)
    by_id = {t.id: t for t in commitments}
    for t in sorted(commitments, key=lambda t: (t.reported_on or dt.date.min, t.id)):
        if t.documents and t.documents[0] == document:
            if t.supersedes:
                out.moved.append((t, [by_id[x] for x in t.supersedes if x in by_id]))
            else:
                out.new.append(t)
        elif document in t.documents:
            out.restated.append(t)
        if any(f.document == document for f in t.fulfilments):
            out.fulfilled.append(t)
        if any(b.document == document for b in t.broken):
            out.broken.append(t)
    seen: dict[str, list[str]] = {}
    for noun, value in earlier_numbers:
        key = noun_key(noun)
        if key is not None and value is not None:
            seen.setdefault(key, [])
            if _fmt(value) not in seen[key]:
                seen[key].append(_fmt(value))
    for qid, text, noun, value, start, end in numbers:
        key = noun_key(noun)
        before = tuple(seen.get(key, ())) if key else ()
        out.numbers.append(Number(qid, text, noun, value, start, end, before))
    out.contradictions = [x for x in contradictions if document in x.documents]
    return out
