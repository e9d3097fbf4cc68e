"""The expected-facts scorer: what counts as found, as right, and the P/R/F1 it reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docket.evaluate.facts import dev_articles, expected_path, figures, score_record, slug

GOLD: dict[str, Any] = {
    "events": {
        "must": [
            {"type": "ASSAULT", "action": "invade", "agents": ["RUR"], "time": "1998", "status": "occurred"}
        ],
        "should": [{"action": "withdraw", "agents": ["rur"], "evidence": {"text": "withdrew", "start": 40}}],
    },
    "commitments": {
        "must": [
            {"obligor": ["RUR"], "action": "withdraw", "deadline": "P60D", "object": "its remaining forces"}
        ],
        "should": [
            {"conditions": ["final approval from both parliaments"]},
            "a free-text note is not scored",
        ],
        "must_not": ["anything"],
    },
}


def _record(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "timexes": [
            {"id": "t1", "start": 30, "end": 34, "type": "DATE", "value": "1998"},
            {"id": "t2", "start": 100, "end": 116, "type": "DURATION", "value": "P60D"},
            {"id": "t3", "start": 100, "end": 116, "type": "DATE", "value": "2025-01-26", "anchor": "t9"},
        ],
        "events": [
            {
                "type": "ASSAULT",
                "action": "invade",
                "agents": ["RUR"],
                "patients": [],
                "time": "t1",
                "status": "occurred",
                "start": 10,
                "end": 17,
            },
            {
                "type": "RETREAT",
                "action": "withdraw",
                "agents": ["RUR"],
                "patients": [],
                "time": None,
                "status": "occurred",
                "start": 40,
                "end": 48,
            },
            {
                "type": "CONSULT",
                "action": "meet",
                "agents": [],
                "patients": [],
                "status": "occurred",
                "start": 60,
                "end": 64,
            },
        ],
        "commitments": [
            {
                "obligor": ["RUR"],
                "parties": ["RUR", "FRE"],
                "action": "withdraw",
                "deadline": "t3",
                "object": "its remaining forces",
                "conditions": ["final approval from both parliaments"],
                "status": "agreed",
                "start": 80,
                "end": 130,
            },
        ],
    }
    record.update(overrides)
    return record


def test_found_right_precision_recall() -> None:
    scores = score_record(GOLD, _record())
    events = scores["events"]
    assert (events.found, events.gold, events.found_must, events.gold_must) == (2, 2, 1, 1)
    assert (events.right, events.extracted) == (2, 3)  # the meeting is not in the gold
    assert round(events.precision, 3) == 0.667 and events.recall == 1.0
    assert round(events.f1, 3) == 0.8
    (extra,) = events.spurious  # the meeting, listed so that an engineer can see what is extra
    assert extra.startswith("events extra: ") and "meet" in extra
    commitments = scores["commitments"]
    # a deadline derived from "over the next 60 days" is found by the duration it was counted from
    assert (commitments.found, commitments.gold, commitments.right, commitments.extracted) == (2, 2, 1, 1)


def test_a_wrong_attribute_or_place_misses() -> None:
    late = _record()
    late["events"][1]["start"], late["events"][1]["end"] = 200, 208  # not at the evidence
    late["events"][0]["status"] = "planned"
    scores = score_record(GOLD, late)
    assert scores["events"].found == 0
    assert len(scores["events"].missed) == 2
    assert scores["events"].recall_must == 0.0


def test_empty_record_scores_zero_and_figures_are_named() -> None:
    scores = score_record(GOLD, {"events": [], "commitments": []})
    assert scores["events"].precision == 0.0 and scores["events"].recall == 0.0
    named = figures(scores)
    assert named["events.recall"] == 0.0
    assert set(named) >= {"events.precision", "events.recall", "events.recall_must", "events.f1"}


def test_actor_references_compare_as_slugs() -> None:
    assert slug("Saddam Hussein") == slug("saddam-hussein") == "saddam-hussein"
    assert slug("USA") == slug("usa")


def test_dev_articles_are_those_with_expected_facts(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "a.expected.yaml").write_text("events: {}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("no facts", encoding="utf-8")
    assert dev_articles([tmp_path]) == [tmp_path / "a.txt"]
    assert expected_path(tmp_path / "a.txt") == tmp_path / "a.expected.yaml"
