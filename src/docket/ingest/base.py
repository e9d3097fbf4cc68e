"""What every reader shares: options, results, and the checks on a text."""

from __future__ import annotations

import datetime as dt
import os
import select
import stat
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.record import Document

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
# marks taken off a word's ends before it is looked up among the English function words
_PUNCTUATION = string.punctuation + "\u201c\u201d\u2018\u2019"
# The publication dates a news article can have: from the first daily papers to well past any
# article written today. A date outside is a typo or a placeholder (9999-12-31, 0001-01-01) and
# is refused, wherever it comes from (front matter, JSON, HTML, a feed, --published).
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2199, 12, 31)
# The metadata fields docket reads, from front matter, JSON Lines and pages; any other is ignored.
META_KEYS = ("published", "date", "title", "outlet", "source", "sitename", "url")
# A title, outlet or URL longer than this is not one: it is dropped with a warning.
_MAX_FIELD_CHARS = 2000
# How much of an unreadable value an error line quotes.
_QUOTE_CHARS = 40


@dataclass(frozen=True)
class ReadOptions:
    published: dt.date | None = None
    max_chars: int = 5_000_000
    check_language: bool = True


@dataclass(frozen=True)
class Loaded:
    origin: str  # the file, and line for JSON Lines: "feed.jsonl:3"
    document: Document
    # What was read but left out (a field docket cannot use), one line each.
    warnings: tuple[str, ...] = field(default=())


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


def origin_of(path: Path) -> str:
    """The path as one line can show it: bytes that are not UTF-8 as \\xNN escapes, and
    characters that are not printable (a newline in a file name) as Python escapes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def quote(value: str) -> str:
    """A value as an error line quotes it: repr, cut short."""
    if len(value) > _QUOTE_CHARS:
        value = value[:_QUOTE_CHARS] + "…"
    return repr(value)


def parse_date(value: Any, field: str = "published") -> dt.date:
    """A publication date from front matter or JSON: YYYY-MM-DD, or an ISO timestamp with a time
    (``T`` or a space) and an optional zone; the day is the one in the stated zone."""
    if isinstance(value, dt.datetime):
        return check_date(value.date(), field)
    if isinstance(value, dt.date):
        return check_date(value, field)
    text = str(value).strip()
    try:
        if len(text) > 10 and text[10] in "T ":
            day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        else:
            day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputProblem(
            f"cannot read the date {quote(text)} in {field!r}",
            "write it as YYYY-MM-DD (e.g. 2024-09-07)",
        ) from None
    return check_date(day, field)


def check_date(day: dt.date, field: str = "published") -> dt.date:
    """The day, if a news article can have it as its publication date."""
    if not EARLIEST <= day <= LATEST:
        raise InputProblem(
            f"the date {day.isoformat()} in {field!r} is not a publication date "
            f"(docket reads {EARLIEST.isoformat()} to {LATEST.isoformat()})",
            "correct the date",
        )
    return day


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
    if has_surrogate(text):
        raise InputProblem(
            "the text holds a lone surrogate (an escape such as \\ud800 that is no character)",
            "remove the escape, or write the character itself",
        )
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


@dataclass(frozen=True)
class EnglishMarkers:
    """data/language.yaml: the words that show a text is plainly English, and how many must."""

    markers: frozenset[str]
    common: frozenset[str]
    min_share: float
    min_markers: int
    min_distinct: int


@lru_cache(maxsize=1)
def _english_markers() -> EnglishMarkers:
    from docket import data

    rules = data.load("language.yaml")
    return EnglishMarkers(
        markers=frozenset(rules["english_markers"]),
        common=frozenset(rules["english_common"]),
        min_share=float(rules["min_share"]),
        min_markers=int(rules["min_markers"]),
        min_distinct=int(rules["min_distinct"]),
    )


def plainly_english(words: list[str]) -> bool:
    """Whether enough of ``words`` (lower case; punctuation around them is taken off) are English
    function words to read the text as English without the detector (data/language.yaml)."""
    rules = _english_markers()
    bare = [w.strip(_PUNCTUATION) for w in words]
    markers = {w for w in bare if w in rules.markers}
    common = {w for w in bare if w in rules.common}
    hits = sum(1 for w in bare if w in rules.markers or w in rules.common)
    return (
        hits >= rules.min_share * len(words)
        and len(markers) >= rules.min_markers
        and len(markers) + len(common) >= rules.min_distinct
    )


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en'); 'und' where no language is clear."""
    words = text.lower().split()
    if sum(1 for w in words if sum(c.isalpha() for c in w) >= 4) < _MIN_WORDS_FOR_LANGUAGE:
        return "und"
    if plainly_english(words):
        return "en"
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


def has_surrogate(text: str) -> bool:
    """True when the text holds a code point UTF-8 cannot write (only JSON escapes make them)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def max_bytes(options: ReadOptions) -> int:
    """The most bytes an article under the character limit can take (UTF-8: 4 a character)."""
    return 4 * options.max_chars + 1024


def not_regular(mode: int) -> str | None:
    """What a file is when it is not a regular file (a FIFO would hang a read, a device never end)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def unreadable(exc: OSError) -> InputProblem:
    return InputProblem(f"cannot read the file ({exc.strerror or exc})", "check the file and its rights")


def open_input(path: Path) -> tuple[int, bool]:
    """(descriptor, whether it is a pipe) for reading an input: a regular file, or a named pipe
    a program writes to (``docket add <(zcat feed.jsonl.gz)``). A pipe that nothing is written
    to within PIPE_WAIT seconds is refused, so a FIFO named by mistake cannot hang docket; a
    socket or a device is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise unreadable(exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            _wait_for_writer(fd)
            os.set_blocking(fd, True)
            return fd, True
    except (OSError, InputProblem) as exc:
        os.close(fd)
        raise exc if isinstance(exc, InputProblem) else unreadable(exc) from None
    kind = not_regular(mode)
    if kind is not None:
        os.close(fd)
        raise InputProblem(f"the path is {kind}, not a file", "give articles as regular files")
    return fd, False


# How long a named pipe may stay silent before it is refused. A program feeding it writes at once.
PIPE_WAIT = 30.0


def _wait_for_writer(fd: int) -> None:
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(int(PIPE_WAIT * 1000)):
        raise InputProblem(
            f"the path is a FIFO (named pipe) nothing was written to in {PIPE_WAIT:g} s",
            "start the program that writes to it first, or give a regular file",
        )


def read_bytes(path: Path, options: ReadOptions) -> bytes:
    """The file's bytes, refused past what the character limit allows (read no further)."""
    limit = max_bytes(options)
    fd, _ = open_input(path)
    try:
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise unreadable(exc) from None
    if len(data) > limit:
        raise InputProblem(
            f"the file is over {limit:,} bytes, over the limit of {options.max_chars:,} characters",
            "split it, or raise the limit with DOCKET_MAX_CHARS",
        )
    return data


def make_document(
    text: str,
    meta: dict[str, Any],
    options: ReadOptions,
    warnings: list[str] | None = None,
) -> Document:
    """A Document from text and metadata, after the checks; the date from meta or options.

    A metadata field that cannot be used is dropped, with a line added to ``warnings``.
    """
    dropped = warnings if warnings is not None else []
    language = check_text(text, options)
    key = "published" if meta.get("published") not in (None, "") else "date"
    raw_date = meta.get(key)
    if raw_date not in (None, ""):
        published = parse_date(raw_date, key)
    elif options.published is not None:
        published = check_date(options.published, "--published")
    else:
        raise InputProblem(
            "no publication date",
            "add 'published: YYYY-MM-DD' to its front matter, or pass --published YYYY-MM-DD",
        )
    outlet_key = next((k for k in ("outlet", "source", "sitename") if meta.get(k)), "outlet")
    return Document.from_text(
        text,
        published=published,
        title=_opt_str(meta, "title", dropped),
        outlet=_opt_str(meta, outlet_key, dropped),
        url=_opt_str(meta, "url", dropped),
        language=language,
    )


def _opt_str(meta: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    """A text field of the metadata; a list, a mapping or an overlong or broken text is dropped."""
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (list, dict, tuple, set)):
        kind = "an object" if isinstance(value, dict) else "a list"
        warnings.append(f"the {key!r} field is {kind}, not text; it is dropped")
        return None
    text = str(value).strip()
    if len(text) > _MAX_FIELD_CHARS:
        warnings.append(
            f"the {key!r} field is {len(text):,} characters, over {_MAX_FIELD_CHARS:,}; it is dropped"
        )
        return None
    if has_surrogate(text):
        warnings.append(f"the {key!r} field holds a lone surrogate; it is dropped")
        return None
    return text or None
