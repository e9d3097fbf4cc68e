"""Builders of records for the story tests: an article's text, and items found by phrase.

Other story tests import :class:`Article`; the tests here check the builder itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docket.record import Actor, Commitment, Document, Event, Mention, Quantity, Record, Source, Timex


class Article:
    """An article under construction: items are placed by the phrase they stand on."""

    def __init__(self, text: str, published: str, title: str | None = None) -> None:
        self.text = text
        self.published = dt.date.fromisoformat(published)
        self.title = title
        self.timexes: list[Timex] = []
        self.quantities: list[Quantity] = []
        self.actors: dict[str, Actor] = {}
        self.sources: list[Source] = []
        self.events: list[Event] = []
        self.commitments: list[Commitment] = []

    def span(self, phrase: str, nth: int = 0) -> tuple[int, int]:
        at = -1
        for _ in range(nth + 1):
            at = self.text.index(phrase, at + 1)
        return at, at + len(phrase)

    def timex(self, phrase: str, value: str, *, mod: str | None = None, nth: int = 0, **kw: Any) -> str:
        start, end = self.span(phrase, nth)
        tid = f"t{len(self.timexes) + 1}"
        kind = kw.pop("type", "DURATION" if value.startswith("P") else "DATE")
        self.timexes.append(
            Timex(id=tid, text=phrase, start=start, end=end, type=kind, value=value, mod=mod, **kw)
        )
        return tid

    def quantity(self, phrase: str, value: float | None = None, noun: str | None = None, **kw: Any) -> str:
        start, end = self.span(phrase, kw.pop("nth", 0))
        qid = f"q{len(self.quantities) + 1}"
        self.quantities.append(
            Quantity(id=qid, text=phrase, start=start, end=end, value=value, noun=noun, **kw)
        )
        return qid

    def actor(self, aid: str, kind: str, *phrases: str, **kw: Any) -> str:
        mentions = []
        for p in phrases:
            at = -1
            while True:
                at = self.text.find(p, at + 1)
                if at < 0:
                    break
                mentions.append(Mention(text=p, start=at, end=at + len(p)))
        self.actors[aid] = Actor(id=aid, name=kw.pop("name", aid), kind=kind, mentions=mentions, **kw)  # type: ignore[arg-type]
        return aid

    def source(self, phrase: str, kind: str = "anonymous", **kw: Any) -> str:
        start, end = self.span(phrase)
        sid = f"s{len(self.sources) + 1}"
        self.sources.append(Source(id=sid, text=phrase, start=start, end=end, kind=kind, **kw))  # type: ignore[arg-type]
        return sid

    def event(
        self, phrase: str, action: str, *, type: str = "RETREAT", status: str = "occurred", **kw: Any
    ) -> str:
        start, end = self.span(phrase, kw.pop("nth", 0))
        eid = f"e{len(self.events) + 1}"
        self.events.append(
            Event(id=eid, type=type, action=action, text=phrase, start=start, end=end, status=status, **kw)  # type: ignore[arg-type]
        )
        return eid

    def commit(
        self, phrase: str, obligor: list[str], action: str, *, status: str = "agreed", **kw: Any
    ) -> str:
        start, end = self.span(phrase, kw.pop("nth", 0))
        cid = f"c{len(self.commitments) + 1}"
        self.commitments.append(
            Commitment(
                id=cid, obligor=obligor, action=action, status=status, start=start, end=end, text=phrase, **kw
            )  # type: ignore[arg-type]
        )
        return cid

    def record(self) -> Record:
        return Record(
            document=Document.from_text(self.text, published=self.published, title=self.title),
            timexes=self.timexes,
            quantities=self.quantities,
            actors=list(self.actors.values()),
            sources=self.sources,
            events=self.events,
            commitments=self.commitments,
        )


def test_builder_places_items_on_their_phrase() -> None:
    a = Article("The US will leave by May 1. The US left on May 1.", "2021-04-01")
    t = a.timex("May 1", "2021-05-01", nth=1)
    a.commit("will leave by May 1", ["USA"], "withdraw", deadline=t)
    rec = a.record()
    tx = rec.timexes[0]
    assert rec.document.text[tx.start : tx.end] == "May 1"
    assert tx.start == rec.document.text.rindex("May 1")
    c = rec.commitments[0]
    assert rec.document.text[c.start : c.end] == "will leave by May 1"
