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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
REALSET = REPO / "tests" / "realset"
CORPUS_FILES = {
    "wikinews": Path("corpora/wikinews/articles.jsonl.gz"),
    "reuters": Path("corpora/reuters21578/reuters21578.jsonl.gz"),
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


@cache
def _corpus(path: Path) -> dict[str, dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def corpus_article(article_id: str, corpus: str, shared: Path | None = None) -> dict[str, Any]:
    """The corpus row of one article (``KeyError`` when the id is not in the corpus)."""
    path = (shared or shared_dir()) / CORPUS_FILES[corpus]
    return _corpus(path)[article_id]


def load(article_id: str, corpus: str, part: str = "", shared: Path | None = None) -> RealArticle:
    row = corpus_article(article_id, corpus, shared)
    published = dt.date.fromisoformat(str(row["published"])[:10])
    return RealArticle(article_id, corpus, part, published, str(row.get("title") or ""), row["text"])


def articles(root: Path = REALSET, part: str | None = None, shared: Path | None = None) -> Iterator[RealArticle]:
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
