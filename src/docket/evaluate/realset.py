"""The real set: articles of ``../shared/corpora`` annotated by hand with their commitments.

The project keeps only ids, offsets and annotations (``tests/realset/``); the texts stay in
the shared corpora and are read from there. ``tests/realset/manifest.tsv`` names every
article, its corpus and its part: ``dev`` (rules may be written from it) or ``test`` (held
out: no rule is written from it, its figures tell whether a rule reads news or fits the set).

An annotation file (``tests/realset/annotations/<id>.yaml``) follows
``shared/gold/COMMITMENTS.md``::

    document: {id: wikinews-81593, corpus: wikinews, published: 2007-10-04, part: dev}
    commitments:
      required:                       # what any careful analyst records
        - obligor: [PRK]
          parties: [PRK, USA, CHN, KOR, JPN, RUS]
          action: disable
          object: the Yongbyon reactor
          deadline: "2007-12-31"      # a TIMEX3 value, or null when the text gives none
          deadline_mod: null          # START, MID, END, BEFORE, ... where the text says so
          kind: end                   # end (done by) or start (begins on)
          anchor: document            # document | the event counted from, with its date | unknown
          conditions: []
          polarity: positive
          evidence: {text: "agreed to disable ... by December 31", start: 120}
      marginal: []                    # what a good analyst might record; never counted missing
    not_commitments:                  # what looks like one and is not (COMMITMENTS.md's list)
      - {text: "asked for a delay until June", start: 300, why: request}
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
REALSET = REPO / "tests" / "realset"
CORPUS_FILES: dict[str, tuple[Path, ...]] = {
    "wikinews": (Path("corpora/wikinews/articles.jsonl.gz"),),
    "reuters": (Path("corpora/reuters21578/reuters21578.jsonl.gz"),),
    # TempEval-3's training data: TimeBank 1.2 and AQUAINT, 1989-2000 newswire (doc_id, dct, text)
    "tempeval3": (
        Path("corpora/tempeval3-train/TimeBank.gold.jsonl"),
        Path("corpora/tempeval3-train/AQUAINT.gold.jsonl"),
    ),
}


@dataclass(frozen=True)
class RealArticle:
    """One article of the real set: its id, corpus, part, and (when the corpus is there) its text."""

    id: str
    corpus: str
    part: str
    published: dt.date
    title: str
    text: str


def shared_dir() -> Path:
    return REPO.parent / "shared"


def manifest(root: Path = REALSET) -> list[dict[str, str]]:
    """The rows of ``manifest.tsv``: id, corpus, part, annotator."""
    with (root / "manifest.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def have_corpora(shared: Path | None = None) -> bool:
    return all(((shared or shared_dir()) / p).exists() for paths in CORPUS_FILES.values() for p in paths)


@cache
def _corpus(path: Path) -> dict[str, dict[str, Any]]:
    """A corpus file's rows by id, with TempEval-3's fields named as the others' (id, published)."""
    opener = gzip.open if path.suffix == ".gz" else open
    out = {}
    with opener(path, "rt", encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            if "doc_id" in row:
                row = {"id": row["doc_id"], "published": row["dct"], "title": "", "text": row["text"]}
            out[row["id"]] = row
    return out


def corpus_article(article_id: str, corpus: str, shared: Path | None = None) -> dict[str, Any]:
    """The corpus row of one article (``KeyError`` when the id is not in the corpus)."""
    for path in CORPUS_FILES[corpus]:
        rows = _corpus((shared or shared_dir()) / path)
        if article_id in rows:
            return rows[article_id]
    raise KeyError(f"{article_id} is not in the {corpus} corpus")


def load(article_id: str, corpus: str, part: str = "", shared: Path | None = None) -> RealArticle:
    row = corpus_article(article_id, corpus, shared)
    published = dt.date.fromisoformat(str(row["published"])[:10])
    return RealArticle(article_id, corpus, part, published, str(row.get("title") or ""), row["text"])


def articles(
    root: Path = REALSET, part: str | None = None, shared: Path | None = None
) -> Iterator[RealArticle]:
    """The manifest's articles (of one part, when given) that have an annotation file."""
    for row in manifest(root):
        if part and row["part"] != part:
            continue
        if (root / "annotations" / f"{row['id']}.yaml").exists():
            yield load(row["id"], row["corpus"], row["part"], shared)


def annotation(article_id: str, root: Path = REALSET) -> dict[str, Any]:
    data = yaml.safe_load((root / "annotations" / f"{article_id}.yaml").read_text(encoding="utf-8"))
    return data or {}


def iter_spans(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every dict in an annotation that carries a quoted ``text`` (evidence and not_commitments)."""
    block = data.get("commitments") or {}
    for level in ("required", "marginal"):
        for fact in block.get(level) or []:
            if isinstance(fact.get("evidence"), dict):
                yield fact["evidence"]
    for item in data.get("not_commitments") or []:
        if isinstance(item, dict) and "text" in item:
            yield item


def locate(text: str, quote: str, near: int | None = None) -> int:
    """The offset of ``quote`` in ``text``; the occurrence nearest ``near`` when there are several.

    Raises ``ValueError`` when the quote is not in the text, or is ambiguous without ``near``.
    """
    hits = []
    at = text.find(quote)
    while at != -1:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        raise ValueError(f"not in the text: {quote!r}")
    if len(hits) > 1 and near is None:
        raise ValueError(f"{len(hits)} places hold {quote!r}: give start: near the one you mean")
    return min(hits, key=lambda h: abs(h - (near or 0)))


# --- scoring docket's commitments against the annotations

# words that name the kind of a company rather than which one ("Thomson Corporation" ~ "thomson")
_GENERIC_SLUG_WORDS = frozenset(
    {"the", "inc", "corp", "corporation", "co", "company", "companies", "ltd", "plc", "group"}
    | {"holdings", "llc", "ag", "sa", "nv"}
)


def _slug_words(value: object) -> frozenset[str]:
    words = [w for w in re.split(r"[^a-z0-9]+", str(value).lower()) if w]
    return frozenset(w for w in words if w not in _GENERIC_SLUG_WORDS) or frozenset(words)


# words a name's initials may pass over ("Presidential Commission on Good Government", PCGG)
_LINK_SLUG_WORDS = frozenset({"of", "on", "in", "for", "and", "the", "de"})
_SKIPPED: tuple[frozenset[str], ...] = (
    frozenset(),
    _GENERIC_SLUG_WORDS,
    _LINK_SLUG_WORDS,
    _GENERIC_SLUG_WORDS | _LINK_SLUG_WORDS,
)


def _forms(value: object) -> list[frozenset[str]]:
    """A slug's name words, and the same with a run of its words written as their initials, with
    and without the words of its kind and the linking words ("ontario-new-democratic-party": also
    ontario-ndp, ndp; "research-in-motion-ltd": also rim)."""
    words = [w for w in re.split(r"[^a-z0-9]+", str(value).lower()) if w]
    out = [_slug_words(value)]
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            for skip in _SKIPPED:
                kept = [w for w in words[i:j] if w not in skip]
                if len(kept) >= 2:
                    out.append(_slug_words("-".join([*words[:i], "".join(w[0] for w in kept), *words[j:]])))
    return out


def same_actor(gold: object, got: object) -> bool:
    """One actor reference against another: equal slugs, or one's name words within the other's
    ("thomson" ~ "thomson-corporation"; "USA" ~ "usa"), also with words written as their initials
    ("lmdc" ~ "lower-manhattan-development-corporation"; not a state's code: "USA" is not
    "united-states-army")."""
    g, r = _slug_words(gold), _slug_words(got)
    if not (g and r):
        return False
    if g <= r or r <= g:
        return True
    if str(gold).isupper() or str(got).isupper():
        return False
    return any(a <= b or b <= a for a in _forms(gold) for b in _forms(got) if a and b)


def obligor_ok(gold: list[object], got: list[object], *, any_if_none: bool = False) -> bool:
    """The analyst's obligors among docket's: every one of one or two ("both sides"); at least half
    of a longer list (fifteen member states of a bloc, named one by one). An analyst who could
    name no obligor (a marginal commitment only) accepts any when ``any_if_none``."""
    if not gold:
        return any_if_none
    hits = sum(any(same_actor(g, r) for r in got) for g in gold)
    return hits == len(gold) if len(gold) <= 2 else hits * 2 >= len(gold)


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _week_holds(week: str, day: str) -> bool:
    """Whether a TIMEX3 week ("1987-W10") holds a calendar day ("1987-03-06")."""
    m = re.fullmatch(r"(\d{4})-W(\d\d)", week)
    d = _day(day)
    if m is None or d is None:
        return False
    year, number, _ = d.isocalendar()
    return (year, number) == (int(m.group(1)), int(m.group(2)))


def deadline_ok(gold: object, got: str | None) -> bool:
    """A deadline's TIMEX3 value against the analyst's: equal, or within a day for calendar
    dates counted from durations (COMMITMENTS.md: either day is right), or a week and a day in
    it ("by the end of next week": the analyst may write the week or its Friday). No deadline
    on both sides agrees too."""
    if gold in (None, ""):
        return got in (None, "")
    if got in (None, ""):
        return False
    want, have = str(gold), str(got)
    if want == have:
        return True
    if _week_holds(want, have) or _week_holds(have, want):
        return True
    a, b = _day(want), _day(have)
    return a is not None and b is not None and abs((a - b).days) <= 1


@dataclass
class CommitmentScore:
    """Counts over articles: the analyst's required commitments found, docket's commitments right."""

    articles: int = 0
    required: int = 0
    found: int = 0  # required commitments docket found: span overlaps the evidence, obligor right
    found_deadline: int = 0  # of those, with the right deadline value
    found_action: int = 0  # of those, with the analyst's action lemma
    extracted: int = 0
    right: int = 0  # docket's commitments that are some required or marginal commitment
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)  # found with a wrong deadline, in detail

    def add(self, other: CommitmentScore) -> None:
        for name in ("articles", "required", "found", "found_deadline", "found_action", "extracted", "right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.spurious += other.spurious
        self.deadlines += other.deadlines

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def deadline_accuracy(self) -> float:
        """Of the required commitments found, the share whose deadline value is right."""
        return self.found_deadline / self.found if self.found else 0.0

    @property
    def strict_recall(self) -> float:
        """Required commitments found with the right obligor and the right deadline."""
        return self.found_deadline / self.required if self.required else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "commitments.precision": round(self.precision, 3),
            "commitments.recall": round(self.recall, 3),
            "commitments.f1": round(self.f1, 3),
            "commitments.deadline_accuracy": round(self.deadline_accuracy, 3),
            "commitments.strict_recall": round(self.strict_recall, 3),
            "commitments.action_accuracy": round(self.found_action / self.found if self.found else 0.0, 3),
        }


def _evidence_span(fact: dict[str, Any]) -> tuple[int, int] | None:
    ev = fact.get("evidence")
    if not isinstance(ev, dict) or ev.get("start") is None:
        return None
    start = int(ev["start"])
    return start, start + len(str(ev.get("text", "")))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _matches(fact: dict[str, Any], got: dict[str, Any], *, marginal: bool = False) -> bool:
    span = _evidence_span(fact)
    got_span = (int(got.get("start", -1)), int(got.get("end", -1)))
    if span is None or not _overlaps(span, got_span):
        return False
    return obligor_ok(list(fact.get("obligor") or []), list(got.get("obligor") or []), any_if_none=marginal)


def is_right(gold: dict[str, Any], got: dict[str, Any]) -> bool:
    """Whether one of docket's commitments (as JSON) is one the analyst recorded, required or
    marginal: its evidence overlaps, its obligor agrees."""
    block = gold.get("commitments") or {}
    required = [f for f in block.get("required") or [] if isinstance(f, dict)]
    marginal = [f for f in block.get("marginal") or [] if isinstance(f, dict)]
    return any(_matches(fact, got) for fact in required) or any(
        _matches(fact, got, marginal=True) for fact in marginal
    )


def _deadline_value(got: dict[str, Any], record: dict[str, Any]) -> str | None:
    timexes = {t.get("id"): t for t in record.get("timexes", [])}
    timex = timexes.get(got.get("deadline"))
    return None if timex is None else str(timex.get("value"))


def _deadline_detail(fact: dict[str, Any], got: dict[str, Any], record: dict[str, Any]) -> str:
    """The analyst's deadline and docket's side by side: value, mod, anchor, and the words read."""
    timexes = {t.get("id"): t for t in record.get("timexes", [])}
    t = timexes.get(got.get("deadline")) or {}
    told = fact.get("evidence")
    ev: dict[str, Any] = told if isinstance(told, dict) else {}
    quote = " ".join(str(ev.get("text", "")).split())[:120]
    mine = "none"
    if t:
        counted = f" {t.get('duration')} from {t.get('anchor_text') or '?'}" if t.get("duration") else ""
        mine = f"{t.get('value')} mod={t.get('mod')} anchor={t.get('anchor')}{counted} ({t.get('text')!r})"
    return (
        f"@{ev.get('start')}: {quote!r}\n"
        f"    analyst: {fact.get('deadline')} mod={fact.get('deadline_mod')} anchor={fact.get('anchor')}\n"
        f"    docket:  {mine}"
    )


def _brief(item: dict[str, Any]) -> str:
    keys = ("obligor", "action", "object", "deadline")
    return ", ".join(f"{k}={item.get(k)}" for k in keys if item.get(k) not in (None, [], ""))


def score_record(gold: dict[str, Any], record: dict[str, Any], label: str = "") -> CommitmentScore:
    """One article: the analyst's commitments against the ones in docket's record (as JSON)."""
    block = gold.get("commitments") or {}
    required = [f for f in block.get("required") or [] if isinstance(f, dict)]
    got_all = [c for c in record.get("commitments", []) if isinstance(c, dict)]
    score = CommitmentScore(articles=1, required=len(required), extracted=len(got_all))
    text = str((record.get("document") or {}).get("text") or "")
    used: set[int] = set()  # each of docket's commitments answers for one required commitment at most
    for fact in required:
        hits = [c for c in got_all if id(c) not in used and _matches(fact, c)]
        if not hits:
            ev = _evidence_span(fact)
            where = f"@{ev[0]}" if ev else ""
            near = [c for c in got_all if ev and _overlaps(ev, (c.get("start", -1), c.get("end", -1)))]
            extra = f"  [docket there: {'; '.join(_brief(c) for c in near)}]" if near else ""
            score.misses.append(f"{label}{where}: {_brief(fact)}{extra}")
            continue
        want_action = str(fact.get("action") or "").lower()

        def rank(
            c: dict[str, Any], fact: dict[str, Any] = fact, want: str = want_action
        ) -> tuple[bool, bool]:
            return (
                deadline_ok(fact.get("deadline"), _deadline_value(c, record)),
                str(c.get("action") or "").lower() == want,
            )

        best = max(hits, key=rank)
        used.add(id(best))
        score.found += 1
        value = _deadline_value(best, record)
        if deadline_ok(fact.get("deadline"), value):
            score.found_deadline += 1
        else:
            score.spurious.append(
                f"{label}: deadline {value} for {_brief(fact)} (analyst: {fact.get('deadline')})"
            )
            score.deadlines.append(f"{label}{_deadline_detail(fact, best, record)}")
        if str(best.get("action") or "").lower() == want_action:
            score.found_action += 1
    for got in got_all:
        if is_right(gold, got):
            score.right += 1
        else:
            s, e = int(got.get("start", 0)), int(got.get("end", 0))
            quote = " ".join(text[s:e].split())[:90]
            score.spurious.append(f"{label}@{s}: {_brief(got)} | {quote!r}")
    return score


def score_articles(
    items: list[RealArticle], nlp: Any = None, root: Path = REALSET
) -> dict[str, CommitmentScore]:
    """Scores per part ("dev", "test") and over all, running docket's pipeline on each article."""
    from docket import pipeline
    from docket.record import Document

    nlp = nlp or pipeline.load()
    totals: dict[str, CommitmentScore] = {}
    for art in items:
        gold = annotation(art.id, root)
        document = Document.from_text(art.text, published=art.published, title=art.title or None)
        record = pipeline.extract(document, nlp).to_dict()
        score = score_record(gold, record, label=art.id)
        for key in (art.part, "all"):
            totals.setdefault(key, CommitmentScore()).add(score)
    return totals
