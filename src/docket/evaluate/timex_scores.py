"""TempEval-3 scores of a temporal tagger: strict and relaxed span P/R/F1, type and value F1.

Definitions follow the task's official scorer: a system timex matches a gold one
strictly when the spans are identical and relaxed when they overlap (each timex
is matched at most once); P = matches / system timexes, R = matches / gold
timexes. An attribute's F1 is its accuracy over the relaxed matches times the
relaxed F1 (exact string comparison). The creation time (DCT) is not scored:
it lies outside the TEXT that is tagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from docket.evaluate.timeml import TimeMLDoc
    from docket.record import Timex


class SpanLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [matched, value ok]

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type_ok += other.type_ok
        self.value_ok += other.value_ok
        for key, (matched, ok) in other.by_type.items():
            row = self.by_type.setdefault(key, [0, 0])
            row[0] += matched
            row[1] += ok


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Scores:
    documents: int
    gold: int
    system: int
    strict: PRF
    relaxed: PRF
    type_f1: float
    value_f1: float
    type_accuracy: float
    value_accuracy: float
    value_accuracy_by_type: dict[str, float]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _prf(matches: int, system: int, gold: int) -> PRF:
    p = matches / system if system else 0.0
    r = matches / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


def _overlaps(a: SpanLike, b: SpanLike) -> bool:
    return a.start < b.end and b.start < a.end


def compare(gold: Sequence[SpanLike], system: Sequence[SpanLike]) -> Counts:
    """Counts for one document: each gold timex matched to at most one system timex."""
    counts = Counts(gold=len(gold), system=len(system))
    used: set[int] = set()
    for g in gold:
        exact = next(
            (i for i, s in enumerate(system) if i not in used and (s.start, s.end) == (g.start, g.end)), None
        )
        best = exact
        if best is None:
            best = next((i for i, s in enumerate(system) if i not in used and _overlaps(g, s)), None)
        if best is None:
            continue
        used.add(best)
        s = system[best]
        counts.relaxed += 1
        counts.strict += exact is not None
        counts.type_ok += s.type == g.type
        value_ok = s.value == g.value
        counts.value_ok += value_ok
        row = counts.by_type.setdefault(g.type, [0, 0])
        row[0] += 1
        row[1] += value_ok
    return counts


def score(pairs: Iterable[tuple[Sequence[SpanLike], Sequence[SpanLike]]]) -> Scores:
    """Scores over (gold, system) timex lists, one pair a document."""
    total = Counts()
    documents = 0
    for gold, system in pairs:
        total.add(compare(gold, system))
        documents += 1
    relaxed = _prf(total.relaxed, total.system, total.gold)
    type_acc = total.type_ok / total.relaxed if total.relaxed else 0.0
    value_acc = total.value_ok / total.relaxed if total.relaxed else 0.0
    return Scores(
        documents=documents,
        gold=total.gold,
        system=total.system,
        strict=_prf(total.strict, total.system, total.gold),
        relaxed=relaxed,
        type_f1=type_acc * relaxed.f1,
        value_f1=value_acc * relaxed.f1,
        type_accuracy=type_acc,
        value_accuracy=value_acc,
        value_accuracy_by_type={k: (ok / n if n else 0.0) for k, (n, ok) in sorted(total.by_type.items())},
    )


def render(scores: Scores) -> str:
    """The scores as a small plain-text table."""
    lines = [
        f"documents {scores.documents}   gold timexes {scores.gold}   system timexes {scores.system}",
        "",
        f"{'':10}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict':10}{_pct(scores.strict.precision)}{_pct(scores.strict.recall)}{_pct(scores.strict.f1)}",
        f"{'relaxed':10}{_pct(scores.relaxed.precision)}{_pct(scores.relaxed.recall)}{_pct(scores.relaxed.f1)}",
        "",
        f"type F1  {scores.type_f1 * 100:6.2f}   (accuracy {scores.type_accuracy * 100:.2f})",
        f"value F1 {scores.value_f1 * 100:6.2f}   (accuracy {scores.value_accuracy * 100:.2f})",
        "",
        "value accuracy by gold type: "
        + ", ".join(f"{k} {v * 100:.1f}" for k, v in scores.value_accuracy_by_type.items()),
    ]
    return "\n".join(lines)


def _pct(x: float) -> str:
    return f"{x * 100:8.2f}"


def tag_documents(docs: Sequence[TimeMLDoc], *, parser: bool = True) -> list[list[Timex]]:
    """docket's timexes for each TimeML document, anchored on its creation time.

    With ``parser`` the full pipeline's model runs first (tense from the parse);
    without, the stage runs alone on spaCy's tokens (the fast path).
    """
    import spacy

    from docket import pipeline
    from docket.extract.common.state import set_published, state

    if parser:
        nlp = spacy.load(pipeline.model_name(), exclude=["ner"])
        nlp.add_pipe("docket_timex")
    else:
        nlp = pipeline.blank_with_stages(["docket_timex"])

    def docs_in() -> Iterator[Doc]:
        for item in docs:
            yield set_published(nlp.make_doc(item.text), item.dct)

    return [list(state(doc).timexes) for doc in nlp.pipe(docs_in(), batch_size=16)]
