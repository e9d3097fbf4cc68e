"""An article as the viewer shows it: its text cut into segments, each marked with the items over it.

Items overlap (a commitment's evidence holds times, quantities and actors), so the
text is cut at every item boundary; each segment knows every item covering it and
links to the narrowest one. Values are described in plain words for the hover
title and the details panel; the template escapes everything.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from docket.record import Record

KINDS: tuple[str, ...] = ("time", "quantity", "actor", "source", "event", "commitment")
# When two items cover the same words, the narrower wins; on a tie, the earlier kind here.
KIND_RANK = {k: i for i, k in enumerate(KINDS)}
ACTOR_PREFIX = "actor:"


@dataclass
class Mark:
    kind: str
    id: str
    start: int
    end: int
    text: str
    value: str  # the normalised value in a few words
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Segment:
    text: str
    marks: list[Mark]
    target: bool = False

    @property
    def primary(self) -> Mark | None:
        return self.marks[0] if self.marks else None

    @property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.marks}, key=KIND_RANK.__getitem__)

    @property
    def title(self) -> str:
        return "; ".join(f"{m.kind}: {m.value}" for m in self.marks)


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _details(pairs: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [(k, _fmt(v)) for k, v in pairs if v not in (None, "", [], False)]


def marks(record: Record) -> list[Mark]:
    """Every item of the record that has a place in the text, with its value in words."""
    out: list[Mark] = []
    times = {t.id: t for t in record.timexes}
    for t in record.timexes:
        bounds = f" ({t.earliest} – {t.latest})" if t.earliest or t.latest else ""
        value = f"{t.value}{' ' + t.mod if t.mod else ''}{bounds}"
        out.append(
            Mark(
                "time",
                t.id,
                t.start,
                t.end,
                t.text,
                value,
                _details(
                    [
                        ("type", t.type),
                        ("value", t.value),
                        ("mod", t.mod),
                        ("earliest", t.earliest),
                        ("latest", t.latest),
                        ("anchor", t.anchor),
                    ]
                ),
            )
        )
    for q in record.quantities:
        amount = _fmt(q.value) if q.value is not None else f"{_fmt(q.low)}–{_fmt(q.high)}"
        value = f"{'≈' if q.approx else ''}{amount} {q.noun or ''}".strip()
        out.append(
            Mark(
                "quantity",
                q.id,
                q.start,
                q.end,
                q.text,
                value,
                _details(
                    [
                        ("value", q.value),
                        ("low", q.low),
                        ("high", q.high),
                        ("approximate", "yes" if q.approx else None),
                        ("noun", q.noun),
                        ("unit", q.unit),
                        ("currency", q.currency),
                        ("mod", q.mod),
                    ]
                ),
            )
        )
    for a in record.actors:
        for m in a.mentions:
            out.append(
                Mark(
                    "actor",
                    ACTOR_PREFIX + a.id,
                    m.start,
                    m.end,
                    m.text,
                    f"{a.name} ({a.id}, {a.kind})",
                    _details(
                        [
                            ("id", a.id),
                            ("name", a.name),
                            ("kind", a.kind),
                            ("role", m.role),
                            ("affiliation", a.affiliation),
                            ("backed by", a.backed_by),
                            ("led by", a.led_by),
                        ]
                    ),
                )
            )
    for s in record.sources:
        who = s.name or s.text
        value = f"{s.kind} source: {who}" + (f" ({s.affiliation})" if s.affiliation else "")
        out.append(
            Mark(
                "source",
                s.id,
                s.start,
                s.end,
                s.text,
                value,
                _details(
                    [
                        ("kind", s.kind),
                        ("name", s.name),
                        ("role", s.role),
                        ("affiliation", s.affiliation),
                        ("count", s.count),
                        ("via", s.via),
                        ("reason", s.reason),
                    ]
                ),
            )
        )
    for e in record.events:
        when = times[e.time].value if e.time in times else None
        value = f"{e.type}/{e.action}, {e.status}" + (f", {when}" if when else "")
        out.append(
            Mark(
                "event",
                e.id,
                e.start,
                e.end,
                e.text,
                value,
                _details(
                    [
                        ("type", e.type),
                        ("action", e.action),
                        ("agents", e.agents),
                        ("patients", e.patients),
                        ("location", e.location),
                        ("time", when),
                        ("status", e.status),
                        ("certainty", e.certainty),
                        ("polarity", e.polarity if e.polarity != "positive" else None),
                        ("sources", e.sources),
                    ]
                ),
            )
        )
    for c in record.commitments:
        dl = times.get(c.deadline or "")
        deadline = f"{dl.value}{' ' + dl.mod if dl.mod else ''}" if dl else None
        value = f"{', '.join(c.obligor)} {c.action} {c.object or ''}".strip() + (
            f" by {deadline}" if deadline else ""
        )
        text = record.document.text[c.start : c.end]
        out.append(
            Mark(
                "commitment",
                c.id,
                c.start,
                c.end,
                text,
                value,
                _details(
                    [
                        ("obligor", c.obligor),
                        ("parties", c.parties),
                        ("action", c.action),
                        ("object", c.object),
                        ("stage", c.stage),
                        ("deadline", deadline),
                        ("latest", dl.latest if dl else None),
                        ("conditions", c.conditions),
                        ("reported status", c.status),
                        ("certainty", c.certainty),
                        ("polarity", c.polarity if c.polarity != "positive" else None),
                        ("sources", c.sources),
                    ]
                ),
            )
        )
    n = len(record.document.text)
    return [m for m in out if 0 <= m.start < m.end <= n]


def segments(
    text: str, items: list[Mark], target: str | None = None, span: tuple[int, int] | None = None
) -> list[Segment]:
    """Cut ``text`` at every item boundary; each piece lists the items over it, narrowest first.

    A piece is a target when the item ``target`` covers it or it lies inside ``span``.
    """
    bounds = {0, len(text), *(m.start for m in items), *(m.end for m in items)}
    if span is not None:
        bounds.update(span)
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    pending = sorted(items, key=lambda m: m.start)
    active: list[Mark] = []
    nxt = 0
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        # sweep: items start at a cut and end at a cut, so at [a, b) an item covers all or nothing
        while nxt < len(pending) and pending[nxt].start <= a:
            active.append(pending[nxt])
            nxt += 1
        active = [m for m in active if m.end > a]
        over = sorted(active, key=lambda m: (m.end - m.start, KIND_RANK[m.kind], m.start, m.id))
        hit = (target is not None and any(m.id == target for m in over)) or (
            span is not None and span[0] <= a and b <= span[1]
        )
        out.append(Segment(text[a:b], over, hit))
    return out


def find(items: list[Mark], item_id: str | None) -> list[Mark]:
    """The marks of one item (an actor has one per mention)."""
    return [m for m in items if m.id == item_id] if item_id else []
