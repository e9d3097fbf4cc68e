"""Golden articles: the actors every expected.yaml lists, resolved by the full pipeline.

Every "must" actor mention of every article must resolve to its actor; "should"
facts are held to a floor, so that a change that loses some shows up here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from conftest import EXPECTED_FILES, read_golden
from docket.record import Record

EXPECTED = EXPECTED_FILES
SHOULD_FLOOR = 0.9


def read_record(nlp: Language, expected: Path) -> tuple[dict[str, Any], Record]:
    return read_golden(nlp, expected, through="docket_actor")


def actor_misses(gold: dict[str, Any], record: Record, level: str) -> tuple[list[str], int]:
    spec = (gold.get("actors") or {}).get(level) or {}
    misses: list[str] = []
    total = 0
    for key, names in spec.items():
        for name in names:
            total += 1
            if key in ("persons", "organizations"):
                kind = "person" if key == "persons" else "organization"
                ok = any(
                    a.kind == kind
                    and (
                        name.lower() in a.name.lower()
                        or any(m.text.lower() == name.lower() for m in a.mentions)
                    )
                    for a in record.actors
                )
            else:
                ok = any(
                    a.id.upper() == key.upper() and any(m.text == name for m in a.mentions)
                    for a in record.actors
                )
            if not ok:
                got = [a.id for a in record.actors if any(m.text == name for m in a.mentions)]
                misses.append(f"{key}: {name!r} (got {got or 'nothing'})")
    return misses, total


@pytest.mark.skipif(not EXPECTED, reason="no golden articles in this checkout")
@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{p.parent.name}/{p.name[:-14]}" for p in EXPECTED])
def test_must_actors(nlp: Language, expected: Path) -> None:
    gold, record = read_record(nlp, expected)
    misses, _ = actor_misses(gold, record, "must")
    assert misses == []
    for actor in record.actors:
        for m in actor.mentions:
            assert record.document.text[m.start : m.end] == m.text
    # a capital standing for its government is never a person
    persons = [a for a in record.actors if a.kind == "person"]
    assert not any(m.text == "Washington" for p in persons for m in p.mentions)


@pytest.mark.skipif(not EXPECTED, reason="no golden articles in this checkout")
def test_should_actors_floor(nlp: Language) -> None:
    missed = total = 0
    for expected in EXPECTED:
        gold, record = read_record(nlp, expected)
        misses, count = actor_misses(gold, record, "should")
        missed += len(misses)
        total += count
    print(f"should facts: {total - missed}/{total}")  # shown with pytest -s
    assert total == 0 or (total - missed) / total >= SHOULD_FLOOR
