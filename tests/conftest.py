"""Shared fixtures. Unit tests never read ../shared: a user's machine has none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from docket.record import Document, Record

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
