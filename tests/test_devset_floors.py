"""The development set's figures stay at or above their floors (tests/floors.json).

The dev set is the sample story (src/docket/data/sample) and the golden articles
(tests/golden/articles): every article with an ``.expected.yaml`` beside it. The same
figures come out of ``python benchmarks/devset_eval.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from docket.evaluate.facts import Score, dev_articles, figures, score_articles

TESTS = Path(__file__).resolve().parent
ROOTS = (TESTS.parent / "src" / "docket" / "data" / "sample", TESTS / "golden" / "articles")
FLOORS: dict[str, float] = json.loads((TESTS / "floors.json").read_text(encoding="utf-8"))["figures"]


@pytest.fixture(scope="module")
def measured(nlp: Language) -> dict[str, float]:
    articles = dev_articles(ROOTS)
    assert len(articles) >= 20, "the dev set needs at least 20 articles with expected facts"
    totals: dict[str, Score]
    totals, problems = score_articles(articles, nlp)
    assert problems == []
    return figures(totals)


def test_every_floor_names_a_figure(measured: dict[str, float]) -> None:
    assert set(FLOORS) <= set(measured)
    assert all(0.0 <= floor <= 1.0 for floor in FLOORS.values())


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_figure_at_or_above_its_floor(measured: dict[str, float], figure: str) -> None:
    assert measured[figure] >= FLOORS[figure], f"{figure} fell to {measured[figure]} (floor {FLOORS[figure]})"
