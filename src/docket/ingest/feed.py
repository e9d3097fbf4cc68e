"""RSS and Atom feeds: one article an entry, read with feedparser.

An entry's text is its full content when the feed carries it, else its summary,
turned from HTML into plain text (paragraphs kept as blank-line breaks). The
feed's title stands for the outlet; an entry's own date, title and link are kept.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docket.ingest.base import (
    InputProblem,
    Loaded,
    Problem,
    ReadOptions,
    make_document,
    origin_of,
    read_bytes,
)
from docket.ingest.registry import reader

# Tags that end a paragraph or a line when HTML becomes plain text.
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "figure",
        "figcaption",
        "hr",
    ]
)
# Tags whose content is never article text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
# A numeric character reference; one naming no character (past U+10FFFF, a surrogate, NUL)
# makes feedparser's lenient parser raise, so it is made U+FFFD before the feed is parsed.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))")
_REPLACEMENT = b"&#xFFFD"
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\n\s*\n\s*")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, paragraphs separated by one blank line."""
    if "<" not in markup:
        raw = html.unescape(markup)
    else:
        parser = _TextParser()
        parser.feed(markup)
        parser.close()
        raw = "".join(parser.parts)
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _BREAKS.split(raw))
    lines = (" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)
    return "\n\n".join(p for p in lines if p)


def _charref(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.group(1), match.group(2)
    number = hex_digits or digits
    if len(number.lstrip(b"0")) > 8:
        return _REPLACEMENT
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return _REPLACEMENT
    return match.group(0)


def clean_charrefs(data: bytes) -> bytes:
    """The feed with every character reference that names no character made U+FFFD."""
    return _CHARREF.sub(_charref, data) if b"&#" in data else data


def _entry_text(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    return html_to_text(str(best))


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


# RSS and Atom feeds: many articles a file.
@reader(".rss", ".atom", ".xml")
def read_feed(path: Path, options: ReadOptions) -> Iterator[Loaded | Problem]:
    """Every entry of an RSS or Atom file, as a Loaded article or a Problem."""
    import feedparser

    name = origin_of(path)
    try:
        data = read_bytes(path, options)
    except InputProblem as p:
        yield Problem(name, p.what, p.fix)
        return
    # feedparser's lenient parser raises on some broken feeds (KeyError 'links' for a <link>
    # closed after its item, a reference the cleaning cannot see in UTF-16): a parser docket
    # does not own, so whatever it raises is caught at its boundary and told as one line.
    try:
        parsed = feedparser.parse(clean_charrefs(data))
    except Exception as exc:
        yield Problem(
            name,
            f"the feed cannot be parsed ({type(exc).__name__}: {exc})",
            "check that it is RSS or Atom in UTF-8",
        )
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        yield Problem(
            name,
            "the file holds no feed entry (not RSS or Atom, or an empty feed)",
            "give an RSS or Atom file with <item> or <entry> elements",
        )
        return
    outlet = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        origin = f"{name}#{number}"
        meta: dict[str, Any] = {"title": entry.get("title"), "url": entry.get("link"), "outlet": outlet}
        day = _entry_date(entry)
        if day is not None:
            meta["published"] = day
        warnings: list[str] = []
        try:
            document = make_document(_entry_text(entry), meta, options, warnings)
        except InputProblem as p:
            yield Problem(origin, p.what, p.fix)
            continue
        yield Loaded(origin, document, tuple(warnings))


# What docket watch reads of one entry, as read_feed reads it.
entry_text = _entry_text
entry_date = _entry_date
