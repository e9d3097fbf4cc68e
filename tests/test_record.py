"""The record model is the contract's JSON; its JSON Schema is checked in."""

from __future__ import annotations

import json
from pathlib import Path

from docket.record import Record, json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "record.schema.json"

# The contract's example record (CONTRACT.md), field for field.
CONTRACT_EXAMPLE = {
    "document": {
        "id": "0" * 64,
        "title": None,
        "published": "2024-09-07",
        "outlet": None,
        "url": None,
        "language": "en",
        "chars": 2706,
        "text": "US and Iraq agree on withdrawal of troops",
    },
    "timexes": [
        {
            "id": "t1",
            "text": "September next year",
            "start": 455,
            "end": 474,
            "type": "DATE",
            "value": "2025-09",
            "mod": None,
            "earliest": "2025-09-01",
            "latest": "2025-09-30",
            "anchor": "document",
        }
    ],
    "quantities": [
        {
            "id": "q1",
            "text": "approximately 2,500 troops",
            "start": 1822,
            "end": 1848,
            "value": 2500,
            "low": None,
            "high": None,
            "approx": True,
            "noun": "troops",
        }
    ],
    "actors": [
        {
            "id": "USA",
            "name": "United States",
            "kind": "country",
            "mentions": [{"text": "Washington", "start": 116, "end": 126}],
        }
    ],
    "sources": [
        {
            "id": "s2",
            "text": "a senior U.S. official",
            "start": 813,
            "end": 835,
            "kind": "anonymous",
            "name": None,
            "role": "senior official",
            "affiliation": "USA",
            "count": 1,
            "via": "s1",
        }
    ],
    "events": [
        {
            "id": "e1",
            "type": "AGREE",
            "action": "agree",
            "text": "agreements",
            "start": 79,
            "end": 89,
            "agents": ["USA", "IRQ"],
            "patients": [],
            "location": [],
            "time": None,
            "quantity": None,
            "status": "agreed",
            "certainty": "probable",
            "sources": ["s1"],
        }
    ],
    "commitments": [
        {
            "id": "c1",
            "obligor": ["USA"],
            "parties": ["USA", "IRQ"],
            "action": "withdraw",
            "object": "US military personnel",
            "stage": 1,
            "quantity": "q3",
            "deadline": "t3",
            "conditions": ["final approval from both capitals"],
            "status": "preliminary",
            "certainty": "probable",
            "sources": ["s1"],
            "start": 322,
            "end": 592,
        }
    ],
}


def contains(have: object, want: object) -> bool:
    """``have`` holds everything in ``want`` (docket may add fields, never drop or change one)."""
    if isinstance(want, dict):
        return isinstance(have, dict) and all(k in have and contains(have[k], v) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(have, list) and len(have) == len(want) and all(map(contains, have, want))
    return have == want


def test_contract_example_validates_and_keeps_every_field() -> None:
    out = Record.model_validate(CONTRACT_EXAMPLE).to_dict()
    assert contains(out, CONTRACT_EXAMPLE)
    out["commitments"][0]["deadline"] = "t9"
    assert not contains(out, CONTRACT_EXAMPLE)


def test_quantity_value_stays_an_integer_in_json() -> None:
    rec = Record.model_validate(CONTRACT_EXAMPLE)
    assert '"value":2500,' in rec.to_json()


def test_checked_in_schema_is_current() -> None:
    """docs/record.schema.json is what `docket schema` prints; regenerate it when the model changes:
    .venv/bin/docket schema > docs/record.schema.json"""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_schema_names_every_section_and_closed_vocabularies() -> None:
    schema = json_schema()
    assert set(schema["properties"]) == {
        "document",
        "timexes",
        "quantities",
        "actors",
        "sources",
        "events",
        "commitments",
    }
    defs = schema["$defs"]
    assert "AGREE" in defs["Event"]["properties"]["type"]["enum"]
    assert set(defs["Commitment"]["properties"]["status"]["enum"]) == {
        "proposed",
        "preliminary",
        "agreed",
        "approved",
        "in_force",
    }
