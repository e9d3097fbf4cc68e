"""Broken and hostile inputs made from a seeded random source, for the fuzz test and benchmark.

Each reader kind has a few well-formed templates; an input is a template put through one to
four mutations: a fragment that broke a reader once (a date no calendar has, a YAML tag, a
lone surrogate escape, a 5,000-digit number, deep brackets, an entity, a superscript digit)
put in, a span cut, doubled or moved, bytes flipped, the file cut short, gzip damaged. The
same source of randomness gives the same inputs, so a failure found in a long run is
reproduced from its seed. ``mutate_text`` does the same to an article's text for the
extraction stages: it keeps the text a valid string, since a reader refuses anything else.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

ARTICLE = (
    "Niger and the United States agreed on Sunday that American forces will leave the country "
    "no later than Sept. 15, 2024, the two governments said in a joint statement. About 1,000 US "
    "troops are stationed at two bases, officials said. The withdrawal must be completed within "
    "six months, according to a senior official who spoke on condition of anonymity."
)

DATES = (
    "2024-09-07",
    "2024-13-45",
    "2024-02-30",
    "9999-12-31",
    "0001-01-05",
    "1799-12-31",
    "2200-01-01",
    "2024-09-07T25:61:00+99:00",
    "2024-09-07T10:00:00+02:00",
    "2024-09-07 10:00",
    "2024-09-07T10:00:00Z",
    "20240907",
    "T",
    "Sat, 07 Sep 2024 10:00:00 GMT",
    "Mon, 31 Dec 9999 00:00:00 GMT",
)

# Fragments that broke, or could break, a reader or a stage.
FRAGMENTS = (
    *DATES,
    # front matter and YAML
    ": ",
    ":",
    "- ",
    "---\n",
    "\n---\n",
    "!!timestamp x",
    "!!python/object/apply:os.system ['true']",
    "&a [lol, lol]",
    "*a",
    "|",
    ">",
    "~",
    "null",
    "#",
    "'",
    '"',
    "\ntitle: Congo, Rwanda: deal signed\n",
    "\ndate: 2024-09-07\n",
    "\npublished: ",
    "\n  - item\n",
    # JSON
    '"\\ud800"',
    "\\ud800",
    "\\udfff\\ud800",
    "9" * 5000,
    "[" * 2000,
    "{" * 50,
    "]",
    "}",
    ",",
    '"text": ',
    '"published": ',
    '"title": [1, 2]',
    "1e999",
    "-0",
    "true",
    # characters
    "\u00b2",
    "\u2075",
    "\u00b9\u00b2\u00b3",
    "\u0663",
    "\u00b2\u00b3",
    "\u00b9\u2070",
    "\u2460",
    "\uff13",
    "\U0001d7d0",
    "\u0663\u0660",
    "\u00bd",
    "\ufeff",
    "\x00",
    "\r",
    "\r\n",
    "\u2028",
    "\u202e",
    "\u0130",
    "\ufb01",
    "\u1e9e",
    "\u0301",
    "\U0001f600",
    "\t",
    "\x0c",
    # numbers and quantities
    "1,000",
    "10\u00b2",
    "99999999999999999999",
    "1" + "0" * 310,
    "0.5",
    "3/4",
    "$",
    "%",
    "1e308",
    # markup
    "<script>",
    "</p>",
    "<p>",
    "<!--",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&lol;",
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    '<meta name="date" content="9999-12-31">',
    '<time datetime="0001-01-05">',
    "<item>",
    "</item>",
    "<entry>",
    "<pubDate>",
    # sentences the stages read
    " said ",
    " according to ",
    " will ",
    " by ",
    " officials ",
    "\u201c",
    "\u201d",
    ". ",
    "\n\n",
)


def _text(published: str = "2024-09-07") -> str:
    return f"---\npublished: {published}\ntitle: Troops to leave Niger\noutlet: Test Wire\n---\n{ARTICLE}\n"


def _jsonl() -> str:
    rows = [
        {"text": ARTICLE, "published": "2024-09-07", "title": "Troops to leave", "url": "https://x.test/a"},
        {"text": ARTICLE + " The pullout has begun.", "date": "2024-09-08", "outlet": "Test Wire"},
    ]
    return "".join(json.dumps(row) + "\n" for row in rows)


def _html() -> str:
    return (
        "<!DOCTYPE html><html><head><title>Troops to leave Niger</title>"
        '<meta property="article:published_time" content="2024-09-07T10:00:00+00:00">'
        '<meta property="og:site_name" content="Test Wire"></head><body><article>'
        f"<h1>Troops to leave Niger</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"
    )


def _rss() -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        "<item><title>Troops to leave</title><link>https://x.test/a</link>"
        f"<pubDate>Sat, 07 Sep 2024 10:00:00 GMT</pubDate><description>{ARTICLE}</description></item>"
        "</channel></rss>"
    )


def _atom() -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Test Wire</title><entry><title>Troops to leave</title>"
        "<updated>2024-09-07T10:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry></feed>'
    )


@dataclass(frozen=True)
class Kind:
    """One reader's inputs: the file name they are written under and their templates."""

    name: str
    suffix: str
    templates: tuple[Callable[[], str], ...]


KINDS = (
    Kind("text", ".txt", (_text,)),
    Kind("jsonl", ".jsonl", (_jsonl,)),
    Kind("jsonl.gz", ".jsonl.gz", (_jsonl,)),
    Kind("html", ".html", (_html,)),
    Kind("feed", ".rss", (_rss, _atom)),
)
KIND_NAMES = tuple(kind.name for kind in KINDS)


def kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)


_WORD = re.compile(r"[^\s.,;:!?]+")


def mutate_text(text: str, rng: random.Random, steps: int | None = None) -> str:
    """The text after one to four edits: a fragment put in or put in place of a span, a span
    cut, doubled or moved, a span's case changed. Always a valid string."""
    for _ in range(steps if steps is not None else rng.randint(1, 4)):
        n = len(text)
        a = rng.randint(0, n)
        b = min(n, a + rng.choice((0, 1, 2, 5, 20, 200)))
        op = rng.random()
        if op < 0.2:  # a whole word (or number) given for another, as a tokenizer sees it
            words = [m.span() for m in _WORD.finditer(text)]
            if words:
                a, b = rng.choice(words)
                text = text[:a] + rng.choice(FRAGMENTS).strip() + text[b:]
        elif op < 0.45:
            fragment = rng.choice(FRAGMENTS) * rng.choice((1, 1, 1, 3, 50))
            text = text[:a] + fragment + text[a:]
        elif op < 0.6:
            text = text[:a] + rng.choice(FRAGMENTS) + text[b:]
        elif op < 0.7:
            text = text[:a] + text[b:]
        elif op < 0.8:
            text = text[:b] + text[a:b] + text[b:]
        elif op < 0.9:
            piece = text[a:b]
            rest = text[:a] + text[b:]
            c = rng.randint(0, len(rest))
            text = rest[:c] + piece + rest[c:]
        else:
            text = text[:a] + text[a:b].swapcase() + text[b:]
    return text


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """The bytes after one edit below the text: a byte flipped, random bytes put in, cut short."""
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 8)))
    buf = bytearray(data)
    op = rng.random()
    at = rng.randrange(len(buf))
    if op < 0.4:
        buf[at] ^= 1 << rng.randrange(8)
    elif op < 0.7:
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    else:
        del buf[at:]
    return bytes(buf)


# Values put in a JSON field in place of the one there: wrong types, overlong, out of range.
_JSON_VALUES: tuple[object, ...] = (
    None,
    True,
    0,
    20240907,
    10**300,
    1e308,
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": 1}},
    "",
    " ",
    "\ud800",
    "x" * 3000,
)


def _jsonl_values(rng: random.Random) -> str:
    """JSON Lines whose lines stay JSON but whose fields take hostile values."""
    lines = []
    for _ in range(rng.randint(1, 3)):
        row: dict[str, object] = {"text": ARTICLE, "published": "2024-09-07", "title": "Troops"}
        for key in rng.sample(["text", "published", "date", "title", "outlet", "url"], rng.randint(1, 3)):
            pick = rng.random()
            if pick < 0.4:
                row[key] = rng.choice(_JSON_VALUES)
            elif pick < 0.8:
                row[key] = rng.choice(FRAGMENTS)
            else:
                row[key] = mutate_text(str(row.get(key, ARTICLE)), rng)
        # a lone surrogate only survives as an escape: ensure_ascii writes it so
        lines.append(json.dumps(row, ensure_ascii=rng.random() < 0.5).replace("\\\\ud800", "\\ud800"))
    return "".join(line + "\n" for line in lines)


def make_input(name: str, rng: random.Random) -> bytes:
    """One input for the reader ``name`` (a KIND_NAMES entry), as the bytes of its file."""
    chosen = kind(name)
    if name.startswith("jsonl") and rng.random() < 0.5:
        text = _jsonl_values(rng)
    else:
        text = rng.choice(chosen.templates)()
        if rng.random() < 0.9:
            text = mutate_text(text, rng)
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate written raw: bytes UTF-8 refuses
    if name == "jsonl.gz":
        data = gzip.compress(data, mtime=0)
    if rng.random() < 0.25:
        data = mutate_bytes(data, rng)
    return data
