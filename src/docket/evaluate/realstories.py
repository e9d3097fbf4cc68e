"""Real stories: threads of corpus reports whose commitments' statuses were annotated by hand.

``tests/realstories/<story>.yaml`` keeps ids, offsets and annotations only (the texts stay in
``../shared/corpora`` and are read from there). Each annotated commitment names the spans of
the reports that state it and its status on some days. :func:`score_story` adds the story's
reports to a fresh store, as ``docket add`` does, asks the store for the statuses on each
annotated day (``docket due --as-of``), finds docket's commitment for each annotated one by
those spans, and counts the statuses right. It also counts the answers that rest on a report
published after the day asked (there must be none).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docket.evaluate.realset import REPO, load
from docket.record import Commitment, Record, Timex, text_id
from docket.story.status import Status, due
from docket.timex3 import value_bounds

STORIES = REPO / "tests" / "realstories"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Annotated:
    """One commitment as the analyst wrote it down."""

    id: str
    obligor: tuple[str, ...]
    action: str
    object: str
    deadline: str | None
    stated: tuple[tuple[str, int, int], ...]
    status: dict[dt.date, str]
    match: frozenset[str] = frozenset()
    superseded_by: str | None = None


@dataclass(frozen=True)
class RealStory:
    name: str
    part: str
    documents: tuple[str, ...]
    commitments: tuple[Annotated, ...]

    @property
    def days(self) -> list[dt.date]:
        return sorted({d for c in self.commitments for d in c.status})


@dataclass
class Answer:
    """One annotated status on one day and what docket said."""

    story: str
    commitment: str
    day: dt.date
    want: str
    got: str | None  # None: docket has no commitment for it that day
    why: str = ""

    @property
    def right(self) -> bool:
        return self.got == self.want


@dataclass
class StoryScore:
    story: str
    part: str
    answers: list[Answer] = field(default_factory=list)
    later: int = 0  # statuses that rest on a report published after the day asked
    asked: int = 0  # statuses docket gave on the annotated days
    stories: int = 0  # the stories docket makes of the thread's reports (one is right)

    @property
    def right(self) -> int:
        return sum(a.right for a in self.answers)

    @property
    def extracted(self) -> int:
        """Annotated commitments docket has a commitment for on some day."""
        found = {a.commitment for a in self.answers if a.got is not None}
        return len(found)

    @property
    def commitments(self) -> int:
        return len({a.commitment for a in self.answers})


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def read_story(path: Path) -> RealStory:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for c in data["commitments"]:
        deadline = c.get("deadline")
        items.append(
            Annotated(
                id=str(c["id"]),
                obligor=tuple(str(x) for x in c.get("obligor") or ()),
                action=str(c["action"]),
                object=str(c.get("object") or ""),
                deadline=None if deadline is None else str(deadline),
                stated=tuple((str(d), int(s), int(e)) for d, s, e in c["stated"]),
                status={_day(k): str(v) for k, v in (c.get("status") or {}).items()},
                match=frozenset(str(w).lower() for w in c.get("match") or ()),
                superseded_by=c.get("superseded_by"),
            )
        )
    return RealStory(
        name=str(data["story"]),
        part=str(data["part"]),
        documents=tuple(str(d) for d in data["documents"]),
        commitments=tuple(items),
    )


def stories(root: Path = STORIES, part: str | None = None) -> Iterator[RealStory]:
    for path in sorted(root.glob("*.yaml")):
        story = read_story(path)
        if part is None or story.part == part:
            yield story


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def _pick(c: Annotated, found: list[Status]) -> Status | None:
    """The status of docket's commitment that stands for ``c``: one stated in one of its spans;
    among several, the one whose words and deadline are the analyst's."""
    if not found:
        return None

    def rank(s: Status) -> tuple[int, int, int]:
        t = s.item
        words = _words(t.object) | _words(t.action)
        latest = t.deadline.latest.isoformat() if t.deadline and t.deadline.latest else None
        same_day = c.deadline is not None and latest is not None and latest.startswith(c.deadline)
        no_date = c.deadline is None and latest is None
        return (len(words & c.match), int(same_day or no_date), len(t.documents))

    return max(found, key=rank)


def _published_after(s: Status, day: dt.date, published: dict[str, dt.date]) -> bool:
    t = s.item
    docs = [*t.documents, *(o.document for o in (*s.fulfilled_by, *s.broken_by))]
    return any(published.get(d, dt.date.min) > day for d in docs)


def _given(record: Record, story: RealStory, corpus_id: str) -> Record:
    """``record`` with the analyst's commitments in place of docket's (each with its deadline as
    a timex over its span): the story's statuses with extraction taken out of the question."""
    text = record.document.text
    timexes = list(record.timexes)
    commitments: list[Commitment] = []
    for c in story.commitments:
        for doc, start, end in c.stated:
            if doc != corpus_id:
                continue
            deadline = None
            if c.deadline is not None:
                first, last = value_bounds(c.deadline) or (None, None)
                deadline = f"given{len(timexes)}"
                timexes.append(
                    Timex(
                        id=deadline,
                        text=text[start:end],
                        start=start,
                        end=end,
                        type="DATE",
                        value=c.deadline,
                        earliest=first,
                        latest=last,
                        anchor="document",
                    )
                )
            commitments.append(
                Commitment(
                    id=f"given{len(commitments)}",
                    obligor=list(c.obligor),
                    parties=list(c.obligor),
                    action=c.action,
                    object=c.object,
                    deadline=deadline,
                    status="agreed",
                    start=start,
                    end=end,
                    text=text[start:end],
                )
            )
    return record.model_copy(update={"timexes": timexes, "commitments": commitments})


def score_story(story: RealStory, nlp: Any, shared: Path | None = None, *, given: bool = False) -> StoryScore:
    """Add the story's reports to a fresh store, in the order they were published, and score the
    statuses docket gives on each annotated day against the analyst's. ``given``: the analyst's
    commitments stand in for those docket extracts (see :func:`_given`)."""
    from docket import pipeline
    from docket.index.query import story_index
    from docket.record import Document
    from docket.store.sqlite import Store

    arts = [load(d, "wikinews", story.part, shared) for d in story.documents]
    arts.sort(key=lambda a: a.published)
    ids = {a.id: text_id(a.text) for a in arts}
    published = {text_id(a.text): a.published for a in arts}
    score = StoryScore(story.name, story.part)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "story.db") as store:
        copies: dict[str, str] = {}  # an outlet's copy of a stored report -> that report
        for art in arts:
            document = Document.from_text(art.text, published=art.published, title=art.title or None)
            record = pipeline.extract(document, nlp)
            added = store.add(_given(record, story, art.id) if given else record, art.id)
            if added.copy_of is not None:
                copies[added.document_id] = added.copy_of
            story_index(store)
        whole = story_index(store)
        # a copy is told in its original's story (as the viewer shows it)
        score.stories = len({whole.story_of(copies.get(doc, doc)) for doc in ids.values()})
        for day in story.days:
            # what ``docket due --as-of DAY`` lists
            statuses = due(story_index(store, as_of=day).commitments(known_by=day), day)
            score.asked += len(statuses)
            score.later += sum(_published_after(s, day, published) for s in statuses)
            for c in story.commitments:
                if day not in c.status:
                    continue
                spans = [(ids[d], s, e) for d, s, e in c.stated if d in ids]
                found = [
                    s
                    for s in statuses
                    if any(
                        ev.document == doc and ev.start < end and start < ev.end
                        for ev in s.item.evidence
                        for doc, start, end in spans
                    )
                ]
                got = _pick(c, found)
                score.answers.append(
                    Answer(
                        story.name,
                        c.id,
                        day,
                        c.status[day],
                        got.status if got else None,
                        _brief(got) if got else "",
                    )
                )
    return score


def _brief(s: Status) -> str:
    t = s.item
    when = t.deadline.value if t.deadline else None
    return f"{'/'.join(t.obligor) or '?'} {t.action} {t.object or ''} [{when}]".strip()


def figures(scores: list[StoryScore]) -> dict[str, dict[str, Any]]:
    """Per part ("dev", and "held out" for the test part) and over all: stories, statuses right of
    those annotated, commitments extracted of those annotated, answers resting on later reports."""
    parts = {"dev": "dev", "test": "held out"}
    out: dict[str, dict[str, Any]] = {}
    for key, name in [*parts.items(), ("all", "all")]:
        chosen = [s for s in scores if key == "all" or s.part == key]
        if not chosen:
            continue
        right = sum(s.right for s in chosen)
        annotated = sum(len(s.answers) for s in chosen)
        out[name] = {
            "stories": len(chosen),
            "right": right,
            "annotated": annotated,
            "share": right / annotated if annotated else 0.0,
            "extracted": sum(s.extracted for s in chosen),
            "commitments": sum(s.commitments for s in chosen),
            "later": sum(s.later for s in chosen),
            "one story": sum(s.stories == 1 for s in chosen),
        }
    return out
