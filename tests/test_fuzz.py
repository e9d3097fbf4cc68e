"""Fuzzing: broken and hostile inputs may be refused, never crash a reader or a stage.

Hypothesis drives the random source of ``docket.evaluate.hostile``; a failure shrinks to
the few mutations that cause it. ``benchmarks/fuzz_inputs.py --n 100000`` is the long run.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket import pipeline
from docket.evaluate.hostile import ARTICLE, KIND_NAMES, kind, make_input, mutate_text
from docket.ingest import Loaded, Problem, ReadOptions, read_inputs
from docket.ingest.base import EARLIEST, LATEST, has_surrogate
from docket.record import Document


@pytest.mark.parametrize("name", KIND_NAMES)
@given(rng=st.randoms(use_true_random=False))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_reader_reads_or_refuses_in_one_line(tmp_path: Path, name: str, rng: random.Random) -> None:
    path = tmp_path / f"input{kind(name).suffix}"
    path.write_bytes(make_input(name, rng))
    items = list(read_inputs([path], ReadOptions()))
    assert items
    for item in items:
        if isinstance(item, Problem):
            assert item.what and item.fix
            assert "\n" not in item.line() and "\r" not in item.line()
        else:
            assert isinstance(item, Loaded)
            doc = item.document
            assert doc.published is not None and EARLIEST <= doc.published <= LATEST
            assert doc.text.strip() and not has_surrogate(doc.text)
            assert all("\n" not in warning for warning in item.warnings)


@given(rng=st.randoms(use_true_random=False), day=st.dates(EARLIEST, LATEST))
@settings(max_examples=150, deadline=None)
def test_the_stages_never_raise_on_a_mutated_article(nlp: Language, rng: random.Random, day: dt.date) -> None:
    text = mutate_text(ARTICLE, rng, steps=rng.randint(1, 6))
    if not text.strip():
        return
    record = pipeline.extract(Document.from_text(text, published=day), nlp)
    for item in [*record.timexes, *record.quantities, *record.sources]:
        assert text[item.start : item.end] == item.text
    for commitment in record.commitments:  # its offsets are those of the sentence(s) it rests on
        assert 0 <= commitment.start < commitment.end <= len(text)
