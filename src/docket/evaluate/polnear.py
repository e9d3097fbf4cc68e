"""Score attribution extraction on PolNeAR (brat standoff: Source, Cue, Content spans).

PolNeAR ships one ``.txt`` per article under ``<split>/text`` and one ``.ann`` per
annotator under ``<split>/attributions`` (``<article>_<annotator>.ann``); where several
annotators did an article, the first file in name order is the gold.

Scoring is span-level, each role on its own, as the corpus describes it: a system span
is correct when a gold span of the same role is identical (exact; fragments compared
after trimming white space) or shares a character (overlap). Precision counts correct
system spans, recall found gold spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROLES: tuple[str, ...] = ("source", "cue", "content")
Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One attribution: each role a tuple of (start, end) fragments (empty when absent)."""

    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()

    def role(self, name: str) -> Fragments:
        value: Fragments = getattr(self, name)
        return value


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[Attribution, ...]


def parse_ann(content: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file (Discard/Discuss spans are ignored)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for line in content.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0]:
            continue
        ident, body = parts[0], parts[1]
        if ident.startswith("T"):
            label, _, offsets = body.partition(" ")
            frags: list[tuple[int, int]] = []
            for piece in offsets.split(";"):
                bounds = piece.split()
                if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                    frags.append((int(bounds[0]), int(bounds[1])))
            spans[ident] = (label.lower(), tuple(frags))
        elif ident.startswith("E"):
            roles: dict[str, str] = {}
            for arg in body.split():
                key, _, ref = arg.partition(":")
                roles[key.rstrip("0123456789").lower()] = (
                    roles.get(key.rstrip("0123456789").lower(), "") + " " + ref
                )
            relations.append(roles)
    out: list[Attribution] = []
    for rel in relations:
        found: dict[str, Fragments] = {}
        for role in ROLES:
            joined: Fragments = ()
            for ref in rel.get(role, "").split():
                if ref in spans and spans[ref][0] == role:
                    joined += spans[ref][1]
            found[role] = tuple(sorted(joined))
        out.append(Attribution(**found))
    return out


def _article_name(ann: Path) -> str:
    stem, _, suffix = ann.stem.rpartition("_")
    return stem if stem and len(suffix) == 4 else ann.stem


def load_split(folder: Path, limit: int | None = None) -> list[Article]:
    """The articles of one split folder (``.../polnear/dev``) with their gold attributions."""
    texts = folder / "text"
    anns = sorted((folder / "attributions").glob("*.ann"))
    chosen: dict[str, Path] = {}
    for ann in anns:
        chosen.setdefault(_article_name(ann), ann)
    articles: list[Article] = []
    for name in sorted(chosen):
        txt = texts / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        gold = parse_ann(chosen[name].read_text(encoding="utf-8"))
        articles.append(Article(name=name, text=text, gold=tuple(gold)))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _normalise(text: str, frags: Fragments) -> Fragments:
    out: list[tuple[int, int]] = []
    for start, end in frags:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(out)


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    system: int = 0
    gold: int = 0
    correct: int = 0  # system spans that match a gold span
    found: int = 0  # gold spans matched by a system span

    def add(self, other: Counts) -> None:
        self.system += other.system
        self.gold += other.gold
        self.correct += other.correct
        self.found += other.found

    def scores(self) -> dict[str, float]:
        p = self.correct / self.system if self.system else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass
class Score:
    counts: dict[str, Counts] = field(default_factory=dict)  # "source/exact" -> Counts

    def get(self, key: str) -> Counts:
        return self.counts.setdefault(key, Counts())

    def table(self) -> dict[str, dict[str, float]]:
        return {key: c.scores() for key, c in sorted(self.counts.items())}


def score_article(
    text: str, gold: Sequence[Attribution], system: Sequence[Attribution], score: Score
) -> None:
    """Add one article's counts for every role and both match modes to ``score``."""
    for role in ROLES:
        g = [_normalise(text, a.role(role)) for a in gold]
        s = [_normalise(text, a.role(role)) for a in system]
        g = [x for x in g if x]
        s = [x for x in s if x]
        for mode, same in (("exact", lambda a, b: a == b), ("overlap", _overlaps)):
            c = Counts(system=len(s), gold=len(g))
            c.correct = sum(1 for x in s if any(same(x, y) for y in g))
            c.found = sum(1 for y in g if any(same(x, y) for x in s))
            score.get(f"{role}/{mode}").add(c)


Extractor = Callable[[Iterable[str]], Iterator[list[Attribution]]]


def evaluate(articles: Sequence[Article], extractor: Extractor) -> Score:
    """Score ``extractor`` (texts -> attributions of each, in order) on ``articles``."""
    score = Score()
    for article, system in zip(articles, extractor(a.text for a in articles), strict=True):
        score_article(article.text, article.gold, system, score)
    return score


def _nested(cue: tuple[int, int], contents: Iterable[Fragments]) -> bool:
    return any(s <= cue[0] and cue[1] <= e for frags in contents for s, e in frags)


def _closed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """PolNeAR's source span closes an apposition with its comma or bracket: "X, a spokesman,"."""
    start, end = span
    inside = text[start:end]
    if end < len(text) and ((text[end] == "," and "," in inside) or (text[end] == ")" and "(" in inside)):
        return start, end + 1
    return start, end


def docket_extractor(batch_size: int = 8) -> Extractor:
    """docket's attribution finder over the English model's parse."""
    import importlib

    from docket.extract.source.cues import find_attributions
    from docket.pipeline import model_name

    nlp = importlib.import_module(model_name()).load()

    def run(texts: Iterable[str]) -> Iterator[list[Attribution]]:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            out: list[Attribution] = []
            found = find_attributions(doc)
            for att in found:
                if _nested(att.cue, [a.content for a in found if a is not att]):
                    continue  # PolNeAR is univocal: no attribution inside another's content
                out.append(
                    Attribution(
                        source=(_closed(doc.text, att.source),) if att.source is not None else (),
                        cue=(att.cue,),
                        content=tuple(att.content),
                    )
                )
            yield out

    return run
