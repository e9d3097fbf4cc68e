"""Synthetic records for the viewer's tests and speed benchmark (benchmarks/web_speed.py):
deterministic, offsets exact.

Each record reports one step of a made-up troop withdrawal between two countries:
an agreement with a staged deadline, a troop count, an anonymous source relayed
by a news agency, and sometimes the completed withdrawal. The words come from
:data:`PHRASES` so the generator stays data-driven; it is not an extractor.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docket.record import Actor, Commitment, Document, Event, Mention, Quantity, Record, Source, Timex

COUNTRIES: tuple[tuple[str, str], ...] = (
    ("USA", "United States"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("DEU", "Germany"),
    ("RUS", "Russia"),
    ("TUR", "Turkey"),
    ("ITA", "Italy"),
    ("ESP", "Spain"),
)
HOSTS: tuple[tuple[str, str], ...] = (
    ("IRQ", "Iraq"),
    ("SYR", "Syria"),
    ("MLI", "Mali"),
    ("NER", "Niger"),
    ("AFG", "Afghanistan"),
    ("LTU", "Lithuania"),
    ("ARM", "Armenia"),
    ("QAT", "Qatar"),
    ("LBN", "Lebanon"),
    ("SOM", "Somalia"),
)
# every sending country with every host: 80 pairs, so a large store holds many stories
PAIRS: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = tuple((a, b) for a in COUNTRIES for b in HOSTS)
PHRASES = {
    "agree": "{a} and {b} agreed that {a} forces would withdraw from {b} by {deadline}, officials said.",
    "count": " {a} has about {n} troops in {b}, {source} told {agency}.",
    "done": " The last {a} troops left {b} on {day}.",
    "filler": " The talks covered training, logistics and the future of joint bases in the region.",
}
AGENCY = ("Reuters",)
SOURCE = "a senior official"


@dataclass
class _Writer:
    """Appends text and remembers where each piece landed."""

    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def text(self) -> str:
        return "".join(self.parts)


def _fill(w: _Writer, template: str, values: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Write ``template`` with ``values``; return where each placeholder's first use landed."""
    spans: dict[str, tuple[int, int]] = {}
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        w.add(before)
        span = w.add(values[name])
        spans.setdefault(name, span)
    w.add(rest)
    return spans


def record(i: int, rng: random.Random, base: dt.date = dt.date(2020, 1, 1)) -> Record:
    (a_id, a_name), (b_id, b_name) = PAIRS[i % len(PAIRS)]
    published = base + dt.timedelta(days=rng.randrange(0, 6 * 365))
    stage = 1 + (i // len(PAIRS)) % 2
    year = published.year + stage
    w = _Writer()
    w.add(f"Report {i}: {a_name} and {b_name} talks\n")
    s1 = _fill(w, PHRASES["agree"], {"a": a_name, "b": b_name, "deadline": f"the end of {year}"})
    agree_span = (s1["a"][0], w.size)
    n = rng.choice((500, 900, 1500, 2000, 2500, 3000))
    s2 = _fill(
        w, PHRASES["count"], {"a": a_name, "n": f"{n:,}", "b": b_name, "source": SOURCE, "agency": AGENCY[0]}
    )
    done = rng.random() < 0.3
    s3: dict[str, tuple[int, int]] = {}
    if done:
        s3 = _fill(w, PHRASES["done"], {"a": a_name, "b": b_name, "day": published.strftime("%B %-d")})
    for _ in range(rng.randrange(8, 20)):
        w.add(PHRASES["filler"])
    text = w.text()

    def piece(span: tuple[int, int]) -> str:
        return text[span[0] : span[1]]

    dl = s1["deadline"]
    timexes = [
        Timex(
            id="t1",
            text=piece(dl),
            start=dl[0],
            end=dl[1],
            type="DATE",
            value=str(year),
            mod="END",
            earliest=dt.date(year, 10, 1),
            latest=dt.date(year, 12, 31),
            anchor="document",
        )
    ]
    if done:
        timexes.append(
            Timex(
                id="t2",
                text=piece(s3["day"]),
                start=s3["day"][0],
                end=s3["day"][1],
                type="DATE",
                value=published.isoformat(),
                earliest=published,
                latest=published,
            )
        )
    q0 = s2["a"][0] + len(a_name) + len(" has ")
    quantities = [
        Quantity(
            id="q1",
            text=text[q0 : s2["n"][1] + len(" troops")],
            start=q0,
            end=s2["n"][1] + len(" troops"),
            value=n,
            approx=True,
            noun="troops",
        )
    ]
    mentions_a = [
        Mention(text=piece(s), start=s[0], end=s[1]) for s in (s1["a"], s2["a"], *([s3["a"]] if done else []))
    ]
    mentions_b = [
        Mention(text=piece(s), start=s[0], end=s[1]) for s in (s1["b"], s2["b"], *([s3["b"]] if done else []))
    ]
    actors = [
        Actor(id=a_id, name=a_name, kind="country", mentions=mentions_a),
        Actor(id=b_id, name=b_name, kind="country", mentions=mentions_b),
    ]  # the agency is a source here, not an actor: stories gather around the two countries
    sources = [
        Source(
            id="s1",
            text=AGENCY[0],
            start=s2["agency"][0],
            end=s2["agency"][1],
            kind="organization",
            name=AGENCY[0],
        ),
        Source(
            id="s2",
            text=piece(s2["source"]),
            start=s2["source"][0],
            end=s2["source"][1],
            kind="anonymous",
            role="senior official",
            affiliation=a_id,
            count=1,
            via="s1",
        ),
    ]
    events = [
        Event(
            id="e1",
            type="AGREE",
            action="agree",
            text="agreed",
            start=text.index("agreed"),
            end=text.index("agreed") + len("agreed"),
            agents=[a_id, b_id],
            status="agreed",
            certainty="probable",
            sources=["s2"],
        )
    ]
    if done:
        left = text.index("left", s3["a"][1])
        events.append(
            Event(
                id="e2",
                type="RETREAT",
                action="withdraw",
                text="left",
                start=left,
                end=left + len("left"),
                agents=[a_id],
                location=[b_id],
                time="t2",
                status="occurred",
                certainty="certain",
            )
        )
    commitments = [
        Commitment(
            id="c1",
            obligor=[a_id],
            parties=[a_id, b_id],
            action="withdraw",
            object=f"{a_name} forces",
            stage=stage,
            deadline="t1",
            status="agreed",
            certainty="probable",
            sources=["s2"],
            start=agree_span[0],
            end=agree_span[1],
            event="e1",
        )
    ]
    doc = Document.from_text(
        text,
        published=published,
        title=f"{a_name} to leave {b_name} by {year} ({i})",
        outlet="Synthetic Wire",
    )
    return Record(
        document=doc,
        timexes=timexes,
        quantities=quantities,
        actors=actors,
        sources=sources,
        events=events,
        commitments=commitments,
    )


def records(n: int, seed: int = 7) -> Iterator[Record]:
    """``n`` synthetic records, the same ones for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield record(i, rng)


# -- a small story with known statuses, for tests and screenshots ------------------------------

STORY_TEXTS = (
    (
        "2024-09-07",
        "Allies agree two-stage exit",
        "Washington and Baghdad agreed that US troops would leave federal Iraq by September 2025 "
        "and the rest by the end of 2026, a senior U.S. official told Reuters. "
        "The US has about 2,500 troops in Iraq and 900 in Syria.",
    ),
    (
        "2024-09-28",
        "Joint statement moves the final stage",
        "In a joint statement, Washington and Baghdad said the remaining US forces would leave "
        "Iraq by September 2026. The US still has about 2,000 troops in Iraq.",
    ),
    (
        "2025-11-27",
        "First stage complete, commander says",
        "US forces have completed their withdrawal from federal Iraq, Iraqi commander Qais al-Muhammadawi "
        "said on Wednesday.",
    ),
)


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _mentions(text: str, words: tuple[str, ...]) -> list[Mention]:
    """Every whole-word use of ``words`` in ``text``."""
    out: list[Mention] = []
    for word in words:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            out.append(Mention(text=word, start=m.start(), end=m.end()))
    return sorted(out, key=lambda m: m.start)


def _timex(tid: str, text: str, phrase: str, value: str, mod: str | None, lo: dt.date, hi: dt.date) -> Timex:
    s, e = _at(text, phrase)
    return Timex(
        id=tid, text=phrase, start=s, end=e, type="DATE", value=value, mod=mod, earliest=lo, latest=hi
    )


def _quantity(qid: str, text: str, phrase: str, value: int) -> Quantity:
    s, e = _at(text, phrase)
    return Quantity(
        id=qid, text=phrase, start=s, end=e, value=value, approx=phrase.startswith("about"), noun="troops"
    )


def story() -> list[Record]:
    """Three reports of one staged withdrawal: stage 2 is moved by the second, stage 1 done in the third."""
    out: list[Record] = []
    for day, title, text in STORY_TEXTS:
        published = dt.date.fromisoformat(day)
        usa = Actor(
            id="USA",
            name="United States",
            kind="country",
            mentions=_mentions(text, ("Washington", "US", "U.S.")),
        )
        irq = Actor(
            id="IRQ", name="Iraq", kind="country", mentions=_mentions(text, ("Baghdad", "Iraq", "Iraqi"))
        )
        actors = [usa, irq]
        if "Syria" in text:
            actors.append(Actor(id="SYR", name="Syria", kind="country", mentions=_mentions(text, ("Syria",))))
        rec = Record(
            document=Document.from_text(text, published=published, title=title, outlet="Story Wire"),
            actors=actors,
        )
        out.append(rec)
    a, b, c = out
    t = a.document.text
    a.timexes = [
        _timex("t1", t, "September 2025", "2025-09", None, dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
        _timex("t2", t, "the end of 2026", "2026", "END", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]
    a.quantities = [_quantity("q1", t, "about 2,500 troops", 2500), _quantity("q2", t, "900", 900)]
    s1, s2 = _at(t, "Reuters"), _at(t, "a senior U.S. official")
    a.sources = [
        Source(id="s1", text="Reuters", start=s1[0], end=s1[1], kind="organization", name="Reuters"),
        Source(
            id="s2",
            text=t[s2[0] : s2[1]],
            start=s2[0],
            end=s2[1],
            kind="anonymous",
            role="senior official",
            affiliation="USA",
            count=1,
            via="s1",
        ),
    ]
    ag = _at(t, "agreed")
    a.events = [
        Event(
            id="e1",
            type="AGREE",
            action="agree",
            text="agreed",
            start=ag[0],
            end=ag[1],
            agents=["USA", "IRQ"],
            status="agreed",
            certainty="probable",
            sources=["s2"],
        )
    ]
    first = t.index("Reuters.") + len("Reuters.")
    a.commitments = [
        Commitment(
            id="c1",
            obligor=["USA"],
            parties=["USA", "IRQ"],
            action="withdraw",
            object="US troops",
            stage=1,
            deadline="t1",
            status="agreed",
            certainty="probable",
            sources=["s2"],
            start=0,
            end=_at(t, "September 2025")[1],
            event="e1",
        ),
        Commitment(
            id="c2",
            obligor=["USA"],
            parties=["USA", "IRQ"],
            action="withdraw",
            object="the rest",
            stage=2,
            deadline="t2",
            status="agreed",
            certainty="probable",
            sources=["s2"],
            start=0,
            end=first,
            event="e1",
        ),
    ]
    t = b.document.text
    b.timexes = [
        _timex("t1", t, "September 2026", "2026-09", None, dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    ]
    b.quantities = [_quantity("q1", t, "about 2,000 troops", 2000)]
    b.commitments = [
        Commitment(
            id="c1",
            obligor=["USA"],
            parties=["USA", "IRQ"],
            action="withdraw",
            object="the remaining US forces",
            stage=2,
            deadline="t1",
            status="agreed",
            certainty="certain",
            start=0,
            end=t.index(".") + 1,
        ),
    ]
    t = c.document.text
    w = _at(t, "withdrawal")
    c.timexes = [
        _timex("t1", t, "Wednesday", "2025-11-26", None, dt.date(2025, 11, 26), dt.date(2025, 11, 26))
    ]
    c.events = [
        Event(
            id="e1",
            type="RETREAT",
            action="withdraw",
            text="withdrawal",
            start=w[0],
            end=w[1],
            agents=["USA"],
            location=["IRQ"],
            time="t1",
            status="occurred",
            certainty="certain",
        )
    ]
    qs = _at(t, "Qais al-Muhammadawi")
    c.sources = [
        Source(
            id="s1",
            text=t[qs[0] : qs[1]],
            start=qs[0],
            end=qs[1],
            kind="named",
            name="Qais al-Muhammadawi",
            role="commander",
            affiliation="IRQ",
        )
    ]
    return out
