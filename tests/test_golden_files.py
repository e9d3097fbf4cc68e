"""The golden articles and expected-facts files are consistent, and docket reads them as written."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from docket.ingest import Loaded, ReadOptions, read_inputs

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted(
    [
        *(ROOT / "tests" / "golden" / "articles").rglob("*.txt"),
        *(ROOT / "src/docket/data/sample").rglob("*.txt"),
    ]
)


def _verifier():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "verify_offsets", ROOT / "tests" / "golden" / "verify_offsets.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_expected_offset_points_at_its_text() -> None:
    assert _verifier().main([str(ROOT)]) == 0


def test_at_least_twenty_development_articles() -> None:
    assert len(ARTICLES) >= 20


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_docket_reads_the_body_the_expected_files_point_into(path: Path) -> None:
    _, body = _verifier().split_article(path)
    (item,) = list(read_inputs([path], ReadOptions()))
    assert isinstance(item, Loaded), item
    assert item.document.text == body
    assert item.document.published is not None and item.document.title
