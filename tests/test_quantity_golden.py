"""Golden articles: the quantities every expected.yaml lists, found by the full pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from conftest import EXPECTED_FILES, read_golden
from docket.record import Quantity, Record

EXPECTED = EXPECTED_FILES
SHOULD_FLOOR = 0.9


def read_record(nlp: Language, expected: Path) -> tuple[dict[str, Any], Record]:
    return read_golden(nlp, expected, through="docket_actor")


def problems(want: dict[str, Any], q: Quantity) -> list[str]:
    bad = [
        f"{k} {getattr(q, k)}"
        for k in ("value", "low", "high", "approx")
        if k in want and getattr(q, k) != want[k]
    ]
    noun = want.get("noun")
    if noun and not (q.noun or "").lower().startswith(str(noun).lower()[:5]):
        bad.append(f"noun {q.noun}")
    return bad


def quantity_misses(gold: dict[str, Any], record: Record, level: str) -> tuple[list[str], int]:
    items = (gold.get("quantities") or {}).get(level) or []
    misses: list[str] = []
    for want in items:
        start, end = want["start"], want["start"] + len(want["text"])
        near = [q for q in record.quantities if q.start < end and start < q.end]
        if not any(not problems(want, q) for q in near):
            why = "; ".join(", ".join(problems(want, q)) for q in near) or "not found"
            misses.append(f"{want['text']!r}@{start}: {why}")
    return misses, len(items)


@pytest.mark.skipif(not EXPECTED, reason="no golden articles in this checkout")
@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{p.parent.name}/{p.name[:-14]}" for p in EXPECTED])
def test_must_quantities(nlp: Language, expected: Path) -> None:
    gold, record = read_record(nlp, expected)
    misses, _ = quantity_misses(gold, record, "must")
    assert misses == []
    for q in record.quantities:
        assert record.document.text[q.start : q.end] == q.text
    # a number inside a time expression is never also an amount
    for t in record.timexes:
        assert not [q.text for q in record.quantities if q.start < t.end and t.start < q.end], t.text


@pytest.mark.skipif(not EXPECTED, reason="no golden articles in this checkout")
def test_should_quantities_floor(nlp: Language) -> None:
    missed = total = 0
    for expected in EXPECTED:
        gold, record = read_record(nlp, expected)
        misses, count = quantity_misses(gold, record, "should")
        missed += len(misses)
        total += count
    print(f"should facts: {total - missed}/{total}")  # shown with pytest -s
    assert total == 0 or (total - missed) / total >= SHOULD_FLOOR
