"""Readers and export formats are found through registries: a suffix or a format name -> one
function, each registered by its own module."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.export.registry import exporter, formats
from docket.ingest.registry import reader, readers, suffix_of


def test_every_input_kind_has_its_reader() -> None:
    found = {suffix: read.__module__ for suffix, read in readers().items()}
    assert found == {
        ".jsonl.gz": "docket.ingest.jsonl",
        ".jsonl": "docket.ingest.jsonl",
        ".ndjson": "docket.ingest.jsonl",
        ".txt": "docket.ingest.text",
        ".text": "docket.ingest.text",
        ".md": "docket.ingest.text",
        ".html": "docket.ingest.html",
        ".htm": "docket.ingest.html",
        ".rss": "docket.ingest.feed",
        ".atom": "docket.ingest.feed",
        ".xml": "docket.ingest.feed",
    }


def test_the_longest_suffix_wins() -> None:
    assert suffix_of(Path("News.JSONL.GZ")) == ".jsonl.gz"
    assert suffix_of(Path("a.tar.gz")) == ".gz"


def test_every_export_format_in_its_order() -> None:
    assert list(formats()) == ["json", "csv", "timeml", "ics", "timelinejs"]


def test_a_second_function_for_a_taken_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"two readers for \.txt"):
        reader(".txt")(lambda path, options: iter(()))
    with pytest.raises(ValueError, match="two writers for ics"):
        exporter("ics", order=9)(lambda job: "")
