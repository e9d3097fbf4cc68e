"""Score a record against an expected-facts file (the gold file's form): P/R/F1 per section.

An expected-facts file lists, per section, ``must`` and ``should`` facts (dicts; free-text
notes are skipped) and ``must_not`` notes. A gold fact is *found* when some extracted item
agrees with every attribute the fact gives; an extracted item is *right* when it agrees
with some gold fact of its section. So

- recall    = found gold facts / gold facts (must and should; ``must`` alone is reported too)
- precision = right extracted items / extracted items
- F1        = their harmonic mean.

Analysts write down what matters, not every mention, so precision is a floor-able
figure rather than an absolute one: it falls when a tool reports what the analyst
did not think worth writing down.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from spacy.language import Language

Item = dict[str, Any]
SECTIONS = ("timexes", "quantities", "actors", "sources", "events", "commitments")
ROLE_KEYS = ("agents", "patients", "location")


@dataclass
class Score:
    """Counts of one section: gold facts found (must / all) and extracted items right."""

    gold: int = 0
    found: int = 0
    gold_must: int = 0
    found_must: int = 0
    extracted: int = 0
    right: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def recall_must(self) -> float:
        return self.found_must / self.gold_must if self.gold_must else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.gold_must += other.gold_must
        self.found_must += other.found_must
        self.extracted += other.extracted
        self.right += other.right
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)


def _norm(text: object) -> str:
    return " ".join(str(text or "").lower().replace("’", "'").split()).strip(" .,\"'")


def slug(text: object) -> str:
    """An actor reference in comparable form: 'USA', 'usa' and 'Saddam Hussein' ~ 'saddam-hussein'."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _span(fact: Item) -> tuple[int, int] | None:
    if "start" in fact and "text" in fact:
        return int(fact["start"]), int(fact["start"]) + len(str(fact["text"]))
    return None


def _evidence_ok(fact: Item, start: int, end: int) -> bool:
    evidence = fact.get("evidence")
    if not isinstance(evidence, dict) or "start" not in evidence:
        return True
    e0 = int(evidence["start"])
    e1 = e0 + len(str(evidence.get("text", "")))
    return _overlaps(start, end, e0, max(e1, e0 + 1))


def _words_overlap(gold: object, got: object) -> bool:
    """Loose text agreement: a third of the gold's content words are in the extracted text
    (analysts paraphrase objects: "all US soldiers from Ain al-Asad" for "All US soldiers")."""
    g = [w for w in re.findall(r"[a-z0-9]+", str(gold).lower()) if len(w) > 2]
    r = set(re.findall(r"[a-z0-9]+", str(got or "").lower()))
    if not g:
        return True
    return sum(w in r for w in g) * 3 >= len(g)


def _timex_value_ok(
    timex: Item | None, want: object, mod: object, by_span: dict[tuple[int, int], list[Item]]
) -> bool:
    if timex is None:
        return False
    values = {str(timex.get("value"))}
    # a derived deadline ("within 135 days" -> a date) stands on the duration it was counted from
    if timex.get("anchor") not in (None, "document") or timex.get("type") == "DATE":
        key = (int(timex.get("start", -1)), int(timex.get("end", -1)))
        values.update(str(t.get("value")) for t in by_span.get(key, []))
    if str(want) not in values:
        return False
    return mod is None or timex.get("mod") == mod


# --- one matcher per section: does extracted item `got` agree with gold fact `fact`?


def _timex_match(fact: Item, got: Item, _rec: Item) -> bool:
    span = _span(fact)
    if span is None or not _overlaps(span[0], span[1], got.get("start", -1), got.get("end", -1)):
        return False
    if got.get("type") != fact.get("type") or str(got.get("value")) != str(fact.get("value")):
        return False
    if "mod" in fact and (got.get("mod") or None) != fact["mod"]:
        return False
    return "latest" not in fact or str(got.get("latest")) == str(fact["latest"])


def _quantity_match(fact: Item, got: Item, _rec: Item) -> bool:
    span = _span(fact)
    if span is None or not _overlaps(span[0], span[1], got.get("start", -1), got.get("end", -1)):
        return False
    if "value" in fact and (got.get("value") is None or float(got["value"]) != float(fact["value"])):
        return False
    for bound in ("low", "high"):
        if bound in fact:
            have = got.get(bound) if got.get(bound) is not None else got.get("value")
            if have is None or not (0.5 * float(fact[bound]) <= float(have) <= 1.5 * float(fact[bound])):
                return False
    if "approx" in fact and bool(got.get("approx")) != bool(fact["approx"]):
        return False
    noun = fact.get("noun")
    return noun is None or _norm(got.get("noun"))[:5] == _norm(noun)[:5]


def _source_match(fact: Item, got: Item, rec: Item) -> bool:
    if "kind" in fact and got.get("kind") != fact["kind"]:
        return False
    name_text = _norm(got.get("name")) + " | " + _norm(got.get("text"))
    if "name" in fact and _norm(fact["name"]) not in name_text:
        return False
    if "text" in fact and not (
        _norm(fact["text"]) in _norm(got.get("text"))
        or (_norm(got.get("text")) in _norm(fact["text"]) and len(_norm(got.get("text"))) > 8)
    ):
        return False
    if "affiliation" in fact and slug(got.get("affiliation")) != slug(fact["affiliation"]):
        return False
    if "count" in fact and got.get("count") != fact["count"]:
        return False
    if "role" in fact and _norm(fact["role"])[:20] not in _norm(got.get("role")):
        return False
    if "via" in fact:
        via = next((s for s in rec.get("sources", []) if s.get("id") == got.get("via")), None)
        if via is None or _norm(fact["via"]) not in _norm(via.get("name")) + " " + _norm(via.get("text")):
            return False
    return True


def _ids(values: Iterable[object]) -> set[str]:
    return {slug(v) for v in values}


def _event_match(fact: Item, got: Item, rec: Item) -> bool:
    if "type" in fact and got.get("type") != fact["type"]:
        return False
    if "action" in fact and _norm(got.get("action")) != _norm(fact["action"]):
        return False
    for role in (*ROLE_KEYS, "parties"):
        if role not in fact:
            continue
        have = (
            _ids(got.get("agents", []) + got.get("patients", []))
            if role == "parties"
            else _ids(got.get(role, []))
        )
        if not _ids(fact[role]) <= have:
            return False
    timexes = {t.get("id"): t for t in rec.get("timexes", [])}
    if "time" in fact:
        t = timexes.get(got.get("time"))
        if t is None or str(t.get("value")) != str(fact["time"]):
            return False
    for key in ("status", "certainty"):
        if key in fact and got.get(key) != fact[key]:
            return False
    return _evidence_ok(fact, got.get("start", -1), got.get("end", -1))


def _commitment_match(fact: Item, got: Item, rec: Item) -> bool:
    if "action" in fact and _norm(got.get("action")) != _norm(fact["action"]):
        return False
    if "obligor" in fact and not _ids(fact["obligor"]) <= _ids(got.get("obligor", [])):
        return False
    if "parties" in fact and not _ids(fact["parties"]) <= _ids(
        got.get("parties", []) + got.get("obligor", [])
    ):
        return False
    timexes = {t.get("id"): t for t in rec.get("timexes", [])}
    by_span: dict[tuple[int, int], list[Item]] = {}
    for t in rec.get("timexes", []):
        by_span.setdefault((int(t.get("start", -1)), int(t.get("end", -1))), []).append(t)
    if "deadline" in fact and not _timex_value_ok(
        timexes.get(got.get("deadline")), fact["deadline"], fact.get("deadline_mod"), by_span
    ):
        return False
    for key in ("stage", "status"):
        if key in fact and got.get(key) != fact[key]:
            return False
    if "conditions" in fact:
        have = " ".join(_norm(c) for c in got.get("conditions", []))
        if not all(_norm(c)[:14] in have for c in fact["conditions"]):
            return False
    if "object" in fact and not _words_overlap(fact["object"], got.get("object")):
        return False
    if "quantity" in fact:
        quantities = {q.get("id"): q for q in rec.get("quantities", [])}
        q = quantities.get(got.get("quantity"))
        if q is None or not _words_overlap(fact["quantity"], q.get("text")):
            return False
    return _evidence_ok(fact, got.get("start", -1), got.get("end", -1))


Matcher = Callable[[Item, Item, Item], bool]
MATCHERS: dict[str, Matcher] = {
    "timexes": _timex_match,
    "quantities": _quantity_match,
    "sources": _source_match,
    "events": _event_match,
    "commitments": _commitment_match,
}


def _facts(gold: Item, section: str, level: str) -> list[Item]:
    block = gold.get(section) or {}
    return [f for f in (block.get(level) or []) if isinstance(f, dict)]


def _describe(fact: Item) -> str:
    return ", ".join(f"{k}={v}" for k, v in fact.items() if k not in ("note", "evidence"))


def score_section(gold: Item, record: Item, section: str) -> Score:
    if section == "actors":
        return _score_actors(gold, record)
    match = MATCHERS[section]
    score = Score()
    items: list[Item] = record.get(section, [])
    all_facts: list[Item] = []
    for level in ("must", "should"):
        for fact in _facts(gold, section, level):
            all_facts.append(fact)
            hit = any(match(fact, got, record) for got in items)
            score.gold += 1
            score.found += hit
            if level == "must":
                score.gold_must += 1
                score.found_must += hit
            if not hit:
                score.missed.append(f"{section} {level}: {_describe(fact)}")
    score.extracted = len(items)
    for got in items:
        if any(match(fact, got, record) for fact in all_facts):
            score.right += 1
        else:
            score.spurious.append(f"{section} extra: {_describe_item(got)}")
    return score


def _describe_item(item: Item) -> str:
    """An extracted item in one line: its text where it has one, then its attributes."""
    keys = [k for k in item if k not in ("id", "start", "end", "text", "mentions", "sources", "polarity")]
    head = f"{item.get('text')!r}@{item.get('start')}: " if "text" in item else ""
    return head + ", ".join(f"{k}={item[k]}" for k in keys if item[k] not in (None, [], ""))


def _score_actors(gold: Item, record: Item) -> Score:
    score = Score()
    actors: list[Item] = record.get("actors", [])
    known: set[str] = set()
    names: list[str] = []
    for level in ("must", "should"):
        block = (gold.get("actors") or {}).get(level) or {}
        for key, aliases in block.items():
            for alias in aliases or []:
                if key in ("persons", "organizations"):
                    kind = "person" if key == "persons" else "organization"
                    names.append(_norm(alias))
                    hit = any(
                        a.get("kind") == kind
                        and (
                            _norm(alias) in _norm(a.get("name"))
                            or any(_norm(m.get("text")) == _norm(alias) for m in a.get("mentions", []))
                        )
                        for a in actors
                    )
                else:
                    known.add(slug(key))
                    hit = any(
                        slug(a.get("id")) == slug(key)
                        and any(m.get("text") == alias for m in a.get("mentions", []))
                        for a in actors
                    )
                score.gold += 1
                score.found += hit
                if level == "must":
                    score.gold_must += 1
                    score.found_must += hit
                if not hit:
                    score.missed.append(f"actors {level}: {alias!r} as {key}")
    score.extracted = len(actors)
    score.right = sum(
        slug(a.get("id")) in known or any(n and n in _norm(a.get("name")) for n in names) for a in actors
    )
    return score


def score_record(gold: Item, record: Item, sections: Iterable[str] = SECTIONS) -> dict[str, Score]:
    """The score of each section of one record against one expected-facts file."""
    return {section: score_section(gold, record, section) for section in sections if section in gold}


# --- the development set: articles with an ``.expected.yaml`` beside them


def expected_path(article: Path) -> Path:
    return article.with_name(article.name[: -len(article.suffix)] + ".expected.yaml")


def dev_articles(roots: Iterable[Path]) -> list[Path]:
    """Every ``.txt`` article under the roots that has an expected-facts file beside it."""
    found: list[Path] = []
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*.txt"))
        found.extend(p for p in candidates if expected_path(p).exists())
    return found


def score_articles(
    articles: Iterable[Path], nlp: Language | None = None, gold_files: dict[Path, Path] | None = None
) -> tuple[dict[str, Score], list[str]]:
    """Summed scores per section over articles, and one line per article that could not be read.

    Each article's facts are in ``<name>.expected.yaml`` beside it, or in ``gold_files[article]``
    (a gold file in ../shared/gold, whose ``document.published`` gives the date of a text
    without front matter).
    """
    import datetime as dt

    from docket import pipeline
    from docket.ingest import Loaded, ReadOptions, read_file

    nlp = nlp or pipeline.load()
    totals: dict[str, Score] = {}
    problems: list[str] = []
    for article in articles:
        facts_file = (gold_files or {}).get(article) or expected_path(article)
        gold = yaml.safe_load(facts_file.read_text(encoding="utf-8")) or {}
        published = (gold.get("document") or {}).get("published")
        day = published if isinstance(published, dt.date) else None
        loaded = list(read_file(article, ReadOptions(published=day, check_language=False)))
        if len(loaded) != 1 or not isinstance(loaded[0], Loaded):
            problems.append(f"{article}: cannot read it as one article")
            continue
        record = pipeline.extract(loaded[0].document, nlp).to_dict()
        for section, score in score_record(gold, record).items():
            for i, line in enumerate(score.missed):
                score.missed[i] = f"{article.name}: {line}"
            for i, line in enumerate(score.spurious):
                score.spurious[i] = f"{article.name}: {line}"
            totals.setdefault(section, Score()).add(score)
    return totals, problems


def figures(totals: dict[str, Score]) -> dict[str, float]:
    """The figures a floor can hold: '<section>.precision', '.recall', '.recall_must', '.f1'."""
    out: dict[str, float] = {}
    for section, score in totals.items():
        out[f"{section}.precision"] = round(score.precision, 3)
        out[f"{section}.recall"] = round(score.recall, 3)
        out[f"{section}.recall_must"] = round(score.recall_must, 3)
        out[f"{section}.f1"] = round(score.f1, 3)
    return out
