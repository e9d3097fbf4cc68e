"""Sources on the sample story and the golden articles: the share of analysts' facts found.

Each article's ``.expected.yaml`` lists the sources an analyst writes down ("must" and
"should"); a fact is found when one extracted source has every property it gives. The
floors below are the quality bar: raise them as the stage improves, never lower them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from docket import pipeline
from docket.extract.common.state import set_published, state
from docket.ingest.text import split_front_matter
from docket.record import Source

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted(
    [
        *(ROOT / "src" / "docket" / "data" / "sample").glob("*/*.txt"),
        *(ROOT / "tests" / "golden").glob("*/*/*.txt"),
    ]
)
FLOORS = {"must": 0.65, "should": 0.5}
SAMPLE_MUST_FLOOR = 0.8  # the bundled Iraq story


@pytest.fixture(scope="module")
def nlp() -> Language:
    model = importlib.import_module(pipeline.model_name()).load()
    for stage in ("docket_actor", "docket_source", "docket_certainty"):  # what sources read
        model.add_pipe(stage)
    return model


def _norm(text: str | None) -> str:
    return (text or "").strip().lower().rstrip(".")


def matches(src: Source, fact: dict[str, Any], by_id: dict[str, Source]) -> bool:
    """Whether ``src`` has every property the analyst's ``fact`` gives."""
    if "kind" in fact and src.kind != fact["kind"]:
        return False
    if "name" in fact and _norm(fact["name"]) not in _norm(src.name) + " " + _norm(src.text):
        return False
    if "text" in fact and _norm(fact["text"]) not in _norm(src.text):
        return False
    if "affiliation" in fact and (src.affiliation or "").upper() != str(fact["affiliation"]).upper():
        return False
    if "count" in fact and src.count != fact["count"]:
        return False
    if "role" in fact and _norm(fact["role"])[:20] not in _norm(src.role):
        return False
    if "via" in fact:
        relay = by_id.get(src.via or "")
        if relay is None or _norm(fact["via"]) not in _norm(relay.name) + " " + _norm(relay.text):
            return False
    return True


def found(nlp: Language, article: Path) -> dict[str, tuple[int, int]]:
    expected = yaml.safe_load(
        article.with_suffix("").with_suffix(".expected.yaml").read_text(encoding="utf-8")
    )
    meta, body = split_front_matter(article.read_text(encoding="utf-8"))
    published = meta.get("published")
    day = published if isinstance(published, dt.date) else dt.date(2024, 1, 1)
    doc = nlp(set_published(nlp.make_doc(body), day))
    sources = state(doc).sources
    for src in sources:
        assert body[src.start : src.end] == src.text
    by_id = {s.id: s for s in sources}
    out: dict[str, tuple[int, int]] = {}
    for level in FLOORS:
        facts = [f for f in ((expected or {}).get("sources") or {}).get(level) or [] if isinstance(f, dict)]
        hits = sum(any(matches(s, f, by_id) for s in sources) for f in facts)
        out[level] = (hits, len(facts))
    return out


def _with_expectations() -> list[Path]:
    return [a for a in ARTICLES if a.with_suffix("").with_suffix(".expected.yaml").exists()]


@pytest.mark.skipif(not _with_expectations(), reason="no articles with expectations")
def test_share_of_analysts_sources_found(nlp: Language) -> None:
    totals = {level: [0, 0] for level in FLOORS}
    sample = [0, 0]
    for article in _with_expectations():
        result = found(nlp, article)
        for level, (hits, total) in result.items():
            totals[level][0] += hits
            totals[level][1] += total
        if "sample" in article.parts:
            sample[0] += result["must"][0]
            sample[1] += result["must"][1]
    for level, floor in FLOORS.items():
        hits, total = totals[level]
        assert total == 0 or hits / total >= floor, (level, hits, total)
    assert sample[1] == 0 or sample[0] / sample[1] >= SAMPLE_MUST_FLOOR, sample
