"""What every reader shares: options, results, and the checks on a text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.record import Document

SUPPORTED_SUFFIXES = (".jsonl.gz", ".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson")

# The least share of letters among visible characters for a text to be read at all:
# below it the "article" is a dump of numbers or symbols. Wire tables of figures
# ("Shr 45 cts vs 58 cts") sit well above it and are read.
_MIN_LETTER_SHARE = 0.25
# How sure the detector must be of another language before an article is refused:
# short or tabular English text gets low, scattered guesses, foreign prose near 1.0.
_MIN_FOREIGN_CONFIDENCE = 0.75
# Fewer words than this (of four letters or more) is too little prose to tell a language by.
_MIN_WORDS_FOR_LANGUAGE = 15
# How much of a text the language check reads.
_LANGUAGE_SAMPLE = 3000


@dataclass(frozen=True)
class ReadOptions:
    published: dt.date | None = None
    max_chars: int = 5_000_000
    check_language: bool = True


@dataclass(frozen=True)
class Loaded:
    origin: str  # the file, and line for JSON Lines: "feed.jsonl:3"
    document: Document


@dataclass(frozen=True)
class Problem:
    origin: str
    what: str
    fix: str

    def line(self) -> str:
        return f"{self.origin}: {self.what}; {self.fix}"


class InputProblem(Exception):
    """Raised inside a reader for one article; turned into a Problem."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix


def parse_date(value: Any, field: str = "published") -> dt.date:
    """A publication date from front matter or JSON: YYYY-MM-DD, or a full ISO timestamp."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) > 10 and text[10] in "T ":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputProblem(
            f"cannot read the date {text!r} in {field!r}",
            "write it as YYYY-MM-DD (e.g. 2024-09-07)",
        ) from None


def decode(data: bytes) -> str:
    """Bytes to text; refuses binary data and text in an unknown encoding."""
    if not data.strip():
        raise InputProblem("the file is empty", "give a file with the article's text")
    if b"\x00" in data[:8192]:
        raise InputProblem(
            "the file is binary, not text", "give the article as UTF-8 text, HTML or JSON Lines"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputProblem(
            f"the file is not UTF-8 (bad byte at {exc.start})",
            "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None
    return text


def check_text(text: str, options: ReadOptions) -> str:
    """The checks every article's text passes before extraction; returns its language."""
    if not text.strip():
        raise InputProblem("the article has no text", "give an article with a body")
    if len(text) > options.max_chars:
        raise InputProblem(
            f"the text is {len(text):,} characters, over the limit of {options.max_chars:,}",
            "split it, or raise the limit with DOCKET_MAX_CHARS",
        )
    sample = text[:_LANGUAGE_SAMPLE]
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    if printable < 0.95 * len(sample):
        raise InputProblem("the text is mostly control characters", "give the article as plain text")
    letters = sum(1 for c in sample if c.isalpha())
    visible = sum(1 for c in sample if not c.isspace())
    if visible == 0 or letters < _MIN_LETTER_SHARE * visible:
        raise InputProblem("the text is not prose (too few letters)", "give a news article's text")
    if not options.check_language:
        return "en"
    lang = detect_language(sample)
    if lang == "und":
        return "en"  # nothing clearly foreign: read it as English
    if lang != "en":
        raise InputProblem(
            f"the text is not English (it reads as {lang_name(lang)})",
            "docket reads English articles; translate it, or set DOCKET_CHECK_LANGUAGE=0 to read it anyway",
        )
    return lang


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en'); 'und' where no language is clear."""
    if sum(1 for w in text.split() if sum(c.isalpha() for c in w) >= 4) < _MIN_WORDS_FOR_LANGUAGE:
        return "und"
    ranked = _detector().compute_language_confidence_values(text)
    if not ranked:
        return "und"
    best = ranked[0]
    code = str(best.language.iso_code_639_1.name).lower()
    if code != "en" and best.value < _MIN_FOREIGN_CONFIDENCE:
        return "und"
    return code


def lang_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return str(found.name) if found is not None else code


def read_bytes(path: Path, options: ReadOptions) -> bytes:
    size = path.stat().st_size
    # UTF-8 takes at most 4 bytes a character: anything larger cannot be under the limit.
    if size > 4 * options.max_chars + 1024:
        raise InputProblem(
            f"the file is {size:,} bytes, over the limit of {options.max_chars:,} characters",
            "split it, or raise the limit with DOCKET_MAX_CHARS",
        )
    return path.read_bytes()


def make_document(
    text: str,
    meta: dict[str, Any],
    options: ReadOptions,
) -> Document:
    """A Document from text and metadata, after the checks; the date from meta or options."""
    language = check_text(text, options)
    raw_date = meta.get("published") or meta.get("date")
    published = parse_date(raw_date) if raw_date not in (None, "") else options.published
    if published is None:
        raise InputProblem(
            "no publication date",
            "add 'published: YYYY-MM-DD' to its front matter, or pass --published YYYY-MM-DD",
        )
    return Document.from_text(
        text,
        published=published,
        title=_opt_str(meta.get("title")),
        outlet=_opt_str(meta.get("outlet") or meta.get("source") or meta.get("sitename")),
        url=_opt_str(meta.get("url")),
        language=language,
    )


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
