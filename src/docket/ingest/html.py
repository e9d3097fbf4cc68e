"""HTML pages: the article's text and metadata through trafilatura."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docket.ingest.base import (
    InputProblem,
    Loaded,
    Problem,
    ReadOptions,
    decode,
    make_document,
    origin_of,
    read_bytes,
)
from docket.ingest.registry import reader


def extract_html(page: str) -> tuple[str, dict[str, Any], str | None]:
    """(text, metadata, why the metadata could not be read) of a page; the text is what
    offsets point into.

    trafilatura and htmldate are parsers docket does not own, and raise on some broken pages
    (htmldate: ValueError for a zone of +40:00): what they raise is caught at their boundary.
    A page whose text cannot be read is refused; one whose metadata cannot be read is read
    without it.
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    # dateutil, under htmldate, warns on a date it half reads ("tzname T identified but not
    # understood"): two lines on stderr for a page that is read; the date is judged below.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            text = trafilatura.extract(
                page,
                include_comments=False,
                include_tables=False,
                favor_precision=True,
                deduplicate=False,
            )
        except Exception as exc:
            raise InputProblem(
                f"the HTML cannot be read ({type(exc).__name__}: {exc})",
                "give the article's text as .txt",
            ) from None
        unread = None
        try:
            data = trafilatura.extract_metadata(page, extensive=False)
        except Exception as exc:
            data, unread = None, f"the page's title and date cannot be read ({type(exc).__name__}: {exc})"
    meta: dict[str, Any] = {}
    # The page's own date only (its metadata, <time> elements, its URL): a date guessed from the
    # body's words ("by the end of 2026") would date the article wrongly (extract_metadata above).
    if data is not None:
        meta = {
            "title": data.title,
            "published": data.date,
            "outlet": data.sitename,
            "url": data.url,
        }
    if not text or not text.strip():
        raise InputProblem(
            "no article text found in the HTML",
            "give the page of one article (not an index page), or its text as .txt",
        )
    return text, meta, unread


def read_page(page: str, options: ReadOptions, warnings: list[str]) -> tuple[str, dict[str, Any]]:
    """The text and metadata of a page (a file's or a fetched one); metadata that cannot be read is
    an error when no --published dates the page, else a warning added to ``warnings``."""
    text, meta, unread = extract_html(page)
    if unread is not None:
        if options.published is None:
            raise InputProblem(unread, "pass --published YYYY-MM-DD")
        warnings.append(f"{unread}; they are not used")
    return text, meta


@reader(".html", ".htm")
def read_html(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    origin = origin_of(path)
    warnings: list[str] = []
    try:
        page = decode(read_bytes(path, options))
        text, meta = read_page(page, options, warnings)
        document = make_document(text, meta, options, warnings)
    except InputProblem as p:
        yield Problem(origin, p.what, p.fix)
        return
    yield Loaded(origin, document, tuple(warnings))
