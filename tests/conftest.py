"""Shared fixtures. Unit tests never read ../shared: a user's machine has none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from docket.record import Commitment, Document, Record

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "docket" / "data" / "sample"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full pipeline (model + docket's stages), loaded once for the whole run."""
    from docket import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[..., Record]:
    """extract(text, published='2024-09-07') -> Record, through the full pipeline."""
    from docket import pipeline

    def run(text: str, published: str | dt.date = "2024-09-07") -> Record:
        day = published if isinstance(published, dt.date) else dt.date.fromisoformat(published)
        return pipeline.extract(Document.from_text(text, published=day), nlp)

    return run


def deadline_value(rec: Record, c: Commitment) -> str | None:
    """The TIMEX3 value of ``c``'s deadline in ``rec``, or None when it has none."""
    return next((t.value for t in rec.timexes if t.id == c.deadline), None)


ROOT = Path(__file__).resolve().parents[1]
# every article-level expected-facts file that has its article beside it
EXPECTED_FILES = sorted(
    p
    for pattern in ("src/docket/data/sample/*/*.expected.yaml", "tests/golden/articles/*/*.expected.yaml")
    for p in ROOT.glob(pattern)
    if p.name != "story.expected.yaml" and p.with_name(p.name.replace(".expected.yaml", ".txt")).exists()
)


def read_golden(nlp: Language, expected: Path, *, through: str) -> tuple[dict[str, Any], Record]:
    """(expected facts, record) of a golden article, running the pipeline only through stage ``through``:
    a later stage's trouble is not this stage's."""
    import yaml

    from docket import pipeline
    from docket.ingest import Loaded, ReadOptions, read_inputs

    gold = yaml.safe_load(expected.read_text(encoding="utf-8"))
    article = expected.with_name(expected.name.replace(".expected.yaml", ".txt"))
    [loaded] = list(read_inputs([article], ReadOptions(check_language=False)))
    assert isinstance(loaded, Loaded)
    later = pipeline.STAGES[pipeline.STAGES.index(through) + 1 :]
    with nlp.select_pipes(disable=[s for s in later if s in nlp.pipe_names]):
        return gold, pipeline.extract(loaded.document, nlp)


@pytest.fixture
def model_on(nlp: Language) -> Iterator[None]:
    """The pipeline with the commitment model stage on, whatever data/commitment_model.yaml says."""
    stage = nlp.get_pipe("docket_commitment_model")
    before = stage.enabled
    stage.enabled = True
    try:
        yield
    finally:
        stage.enabled = before
