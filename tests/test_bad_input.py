"""The bad-input corpus: each kind of broken or hostile input, through `docket read` as a user runs it.

Every case is one small generated input, read beside a good article in the same call. The
user must get exit 0 (the input read, perhaps with one warning line) or exit 1 with one
line on stderr naming the file (and line, for JSON Lines) and what to do; the good
article comes out either way, and no traceback, hang or second line ever.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.evaluate.hostile import ARTICLE, _atom, _html, _rss

GOOD = f"---\npublished: 2024-05-20\ntitle: good\n---\n{ARTICLE}\n"


def front(fields: str, body: str = ARTICLE) -> str:
    return f"---\n{fields}\n---\n{body}\n"


def jsonl(*rows: object) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def row(**fields: object) -> dict[str, object]:
    return {"text": ARTICLE, "published": "2024-09-07", **fields}


@dataclass(frozen=True)
class Case:
    kind: str
    name: str  # the file the stderr line must name (and ":N" for a JSON Lines line)
    make: Callable[[Path], Path]  # writes the input under the folder, returns the path to give
    code: int  # 0: read; 1: refused
    stderr: str  # a pattern the one stderr line matches ('' when there is none)
    title: str | None = None  # the title the read article must have, when it is read


def write(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return make


def special(name: str, how: Callable[[Path], None], inside: bool = False) -> Callable[[Path], Path]:
    """A path that is not a regular file, named itself or inside a folder named."""

    def make(folder: Path) -> Path:
        where = folder / "box" if inside else folder
        where.mkdir(exist_ok=True)
        how(where / name)
        return where if inside else where / name

    return make


def _bind(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


def _fed_pipe(folder: Path) -> Path:
    """A named pipe a program writes JSON Lines to, as ``<(zcat feed.jsonl.gz)`` gives."""
    path = folder / "p.jsonl"
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "w", encoding="utf-8") as pipe:  # waits for docket to open it
            pipe.write(jsonl(row(title="piped")))

    threading.Thread(target=feed, daemon=True).start()
    return path


def _unreadable(path: Path) -> None:
    """A file that cannot be read: no rights when not root; as root, a link to a file that fails on read."""
    if os.geteuid() == 0:
        path.symlink_to("/proc/self/mem")  # open works, read fails with EIO
    else:
        path.write_text(GOOD)
        path.chmod(0)


def _gz(data: bytes, damage: Callable[[bytearray], None]) -> bytes:
    buf = bytearray(gzip.compress(data, mtime=0))
    damage(buf)
    return bytes(buf)


def _flip_crc(buf: bytearray) -> None:
    buf[-6] ^= 1


def _cut(buf: bytearray) -> None:
    del buf[len(buf) // 2 :]


BOMB = front(
    "published: 2024-09-07\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "title: *g"
)
# Seven levels of ten: a billion-laughs feed, a few hundred bytes that would expand to 10 MB.
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a0 "aaaaaaaaaa">'
    + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 7))
    + "]>"
)
OUT_OF_RANGE = r"is not a publication date \(docket reads 1800-01-01 to 2199-12-31\); correct the date"
NOT_A_DATE = r"cannot read the date .* in 'published'; write it as YYYY-MM-DD"
NOT_FILE = r"the path is {}, not a file; give articles as regular files"
FEED_DATE = "<pubDate>Sat, 07 Sep 2024 10:00:00 GMT</pubDate>"

CASES = [
    # front matter written as people write it
    Case(
        "colon in title",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\ntitle: Congo, Rwanda: deal signed")),
        0,
        "",
        "Congo, Rwanda: deal signed",
    ),
    Case(
        "date with time and zone",
        "a.txt",
        write("a.txt", front("published: 2024-09-07T01:00:00+02:00\ntitle: t")),
        0,
        "",
        "t",
    ),
    Case(
        "date with a space and time",
        "a.txt",
        write("a.txt", front("published: 2024-09-07 10:00\ntitle: t")),
        0,
        "",
        "t",
    ),
    Case("date: for published:", "a.txt", write("a.txt", front("date: 2024-09-07\ntitle: t")), 0, "", "t"),
    Case(
        "quoted title",
        "a.txt",
        write("a.txt", front('published: \'2024-09-07\'\ntitle: "Deal: \\"signed\\""')),
        0,
        "",
        'Deal: "signed"',
    ),
    Case(
        "folded title",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\ntitle: Deal\n  signed at last")),
        0,
        "",
        "Deal signed at last",
    ),
    Case(
        "CRLF front matter",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\r\ntitle: t\r").replace("\n", "\r\n")),
        0,
        "",
        "t",
    ),
    Case(
        "title as a list",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\ntitle:\n  - a\n  - b")),
        0,
        r"warning: the 'title' field on line 3 is a list, not text; it is dropped",
    ),
    Case(
        "python tag in title",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\ntitle: !!python/object/apply:os.system ['true']")),
        0,
        r"warning: the 'title' field on line 3 is a YAML tag",
    ),
    Case(
        "alias bomb",
        "a.txt",
        write("a.txt", BOMB),
        0,
        r"warning: the 'title' field on line 10 is a YAML tag, anchor or alias",
    ),
    Case(
        "line not key: value",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\njust words")),
        0,
        r"warning: line 3 of the front matter is not 'key: value'; it is ignored",
    ),
    Case(
        "field given twice",
        "a.txt",
        write("a.txt", front("published: 2024-09-07\ntitle: a\ntitle: b")),
        0,
        r"warning: the 'title' field is given again on line 4; the last one is read",
    ),
    # dates that are not dates, or not a news article's
    Case("month 13", "a.txt", write("a.txt", front("published: 2024-13-45")), 1, NOT_A_DATE),
    Case("February 30", "a.txt", write("a.txt", front("published: 2024-02-30")), 1, NOT_A_DATE),
    Case(
        "hour 25, zone +99",
        "a.txt",
        write("a.txt", front("published: 2024-09-07T25:61:00+99:00")),
        1,
        NOT_A_DATE,
    ),
    Case(
        "tagged date",
        "a.txt",
        write("a.txt", front("published: !!timestamp x")),
        1,
        r"the 'published' field on line 2 is a YAML tag.*; write it as 'published: YYYY-MM-DD'",
    ),
    Case(
        "date as a list",
        "a.txt",
        write("a.txt", front("date:\n- 2024-09-07")),
        1,
        r"the 'date' field on line 2 is a list",
    ),
    Case(
        "year 9999",
        "a.txt",
        write("a.txt", front("published: 9999-12-31")),
        1,
        "the date 9999-12-31 in 'published' " + OUT_OF_RANGE,
    ),
    Case(
        "year 1",
        "a.txt",
        write("a.txt", front("published: 0001-01-05")),
        1,
        "the date 0001-01-05 in 'published' " + OUT_OF_RANGE,
    ),
    Case(
        "no date",
        "a.txt",
        write("a.txt", ARTICLE),
        1,
        r"no publication date; add 'published: YYYY-MM-DD'.*--published",
    ),
    Case(
        "front matter not closed",
        "a.txt",
        write("a.txt", f"---\npublished: 2024-01-01\n{ARTICLE}"),
        1,
        r"no closing '---' line",
    ),
    # text files
    Case("empty file", "a.txt", write("a.txt", ""), 1, r"the file is empty"),
    Case(
        "binary file",
        "a.txt",
        write("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))),
        1,
        r"the file is binary",
    ),
    Case(
        "Latin-1 text",
        "a.txt",
        write("a.txt", ("Caf\xe9 " + ARTICLE).encode("latin-1")),
        1,
        r"not UTF-8 \(bad byte at 3\); convert it",
    ),
    Case(
        "control characters",
        "a.txt",
        write("a.txt", front("published: 2024-09-07", "\x01\x02\x03 " * 200 + ARTICLE)),
        1,
        r"mostly control characters",
    ),
    Case(
        "numbers, not prose",
        "a.txt",
        write("a.txt", front("published: 2024-09-07", "1 2 3 4 5 6 7 8 9 " * 20)),
        1,
        r"not prose",
    ),
    Case("unsupported type", "a.pdf", write("a.pdf", "%PDF-1.4"), 1, r"unsupported file type '.pdf'"),
    # JSON Lines
    Case(
        "malformed line",
        "a.jsonl:1",
        write("a.jsonl", "{not json\n"),
        1,
        r"not valid JSON \(.*\); write one JSON object a line",
    ),
    Case(
        "lone surrogate in text",
        "a.jsonl:1",
        write("a.jsonl", '{"text": "\\ud800 ' + ARTICLE + '", "published": "2024-09-07"}\n'),
        1,
        r"lone surrogate",
    ),
    Case(
        "lone surrogate in title",
        "a.jsonl:1",
        write("a.jsonl", '{"text": "' + ARTICLE + '", "published": "2024-09-07", "title": "\\udc00"}\n'),
        0,
        r"warning: the 'title' field holds a lone surrogate; it is dropped",
    ),
    Case(
        "5,000-digit integer",
        "a.jsonl:1",
        write("a.jsonl", jsonl(json.dumps(row())[:-1] + ', "n": ' + "9" * 5000 + "}")),
        1,
        r"a number too long to read",
    ),
    Case(
        "100,000 nested brackets",
        "a.jsonl:1",
        write("a.jsonl", jsonl(json.dumps(row())[:-1] + ', "n": ' + "[" * 100_000 + "]" * 100_000 + "}")),
        1,
        r"nests lists or objects too deeply",
    ),
    Case("non-object line", "a.jsonl:1", write("a.jsonl", "[1, 2]\n"), 1, r"not a JSON object"),
    Case("no text field", "a.jsonl:1", write("a.jsonl", jsonl({"title": "x"})), 1, r"no 'text' string"),
    Case(
        "title as an object",
        "a.jsonl:1",
        write("a.jsonl", jsonl(row(title={"a": 1}))),
        0,
        r"warning: the 'title' field is an object, not text; it is dropped",
    ),
    Case(
        "overlong title",
        "a.jsonl:1",
        write("a.jsonl", jsonl(row(title="x" * 5000))),
        0,
        r"warning: the 'title' field is 5,000 characters, over 2,000; it is dropped",
    ),
    Case(
        "date 9999 in JSON",
        "a.jsonl:1",
        write("a.jsonl", jsonl(row(published="9999-12-31"))),
        1,
        OUT_OF_RANGE,
    ),
    Case(
        "date as a number",
        "a.jsonl:1",
        write("a.jsonl", jsonl(row(published=2024.5))),
        1,
        r"cannot read the date '2024.5'",
    ),
    Case("empty JSON Lines", "a.jsonl", write("a.jsonl", "\n\n"), 1, r"the file is empty"),
    Case(
        "gzip cut short",
        "a.jsonl.gz",
        write("a.jsonl.gz", _gz(jsonl(row(), row()).encode() * 20, _cut)),
        1,
        r"not a whole gzip file .*; none of it was read; check",
    ),
    Case(
        "gzip CRC damaged",
        "a.jsonl.gz",
        write("a.jsonl.gz", _gz(jsonl(row()).encode(), _flip_crc)),
        1,
        r"not a whole gzip file \(CRC check failed",
    ),
    Case(
        "not gzip at all",
        "a.jsonl.gz",
        write("a.jsonl.gz", jsonl(row())),
        1,
        r"not a whole gzip file \(Not a gzipped file",
    ),
    # HTML and feeds
    Case(
        "HTML with no article",
        "a.html",
        write("a.html", "<html><body><ul><li><a href=a>x</a></li></ul></body></html>"),
        1,
        r"no article text found in the HTML",
    ),
    Case(
        "HTML date with an unknown zone",
        "a.html",
        write("a.html", _html().replace("2024-09-07T10:00:00+00:00", "2024-09-07 10:00 T")),
        0,
        "",
        "Troops to leave Niger",
    ),
    Case(
        "HTML date with a zone of +40:00",
        "a.html",
        write("a.html", _html().replace("2024-09-07T10:00:00+00:00", "2024-09-07T10:00:00+40:00")),
        1,
        r"the page's title and date cannot be read \(ValueError: .*\); pass --published YYYY-MM-DD",
    ),
    Case(
        "HTML not UTF-8",
        "a.html",
        write("a.html", _html().replace("Niger", "Nig\xe9r").encode("latin-1")),
        1,
        r"not UTF-8",
    ),
    Case(
        "feed with no entries",
        "a.rss",
        write("a.rss", "<rss><channel><title>x</title></channel></rss>"),
        1,
        r"holds no feed entry",
    ),
    Case(
        "feed with no-character references",
        "a.rss",
        write("a.rss", _rss().replace("officials", "&#xD800;&#99999999;&#0; officials")),
        0,
        "",
        "Troops to leave",
    ),
    Case(
        "feed entry dated 9999",
        "a.rss#1",
        write("a.rss", _rss().replace("07 Sep 2024", "31 Dec 9999")),
        1,
        OUT_OF_RANGE,
    ),
    Case(
        "feed link closed after its item",
        "a.rss",
        write("a.rss", _rss().replace("<link>https://x.test/a</link>", "<link>h</item></channe>b</link>")),
        1,
        r"the feed cannot be parsed \(KeyError: 'links'\); check that it is RSS or Atom",
    ),
    Case("Atom entry", "a.atom", write("a.atom", _atom()), 0, "", "Troops to leave"),
    Case(
        "feed entity bomb",
        "a.rss",
        write(
            "a.rss",
            ENTITY_BOMB + _rss().split("?>", 1)[1].replace("Test Wire", "&a6;"),
        ),
        0,
        "",
        "Troops to leave",
    ),
    # paths that are not regular files, or cannot be read
    Case(
        "FIFO named, nothing written",
        "p.txt",
        special("p.txt", os.mkfifo),
        1,
        r"a FIFO \(named pipe\) nothing was written to in 0.2 s; start the program that writes to it first",
    ),
    Case("FIFO named, a program writing", "p.jsonl", _fed_pipe, 0, "", "piped"),
    Case(
        "FIFO in a folder",
        "box/p.txt",
        special("p.txt", os.mkfifo, inside=True),
        1,
        NOT_FILE.format(r"a FIFO \(named pipe\)"),
    ),
    Case("socket named", "s.txt", special("s.txt", _bind), 1, NOT_FILE.format("a socket")),
    Case(
        "device named",
        "z.txt",
        special("z.txt", lambda p: p.symlink_to("/dev/zero")),
        1,
        NOT_FILE.format("a character device"),
    ),
    Case(
        "symbolic link loop",
        "box/l.txt",
        special("l.txt", lambda p: p.symlink_to(p.name), inside=True),
        1,
        r"a symbolic link that loops",
    ),
    Case(
        "link to nothing",
        "box/d.txt",
        special("d.txt", lambda p: p.symlink_to("gone.txt"), inside=True),
        1,
        r"a symbolic link to nothing",
    ),
    Case(
        "unreadable file in a folder",
        "box/u.txt",
        special("u.txt", _unreadable, inside=True),
        1,
        r"cannot read the file \(.*\); check the file and its rights",
    ),
    Case(
        "file name with a newline",
        "a\\nb.txt",
        write("a\nb.txt", front("published: 2024-13-45")),
        1,
        NOT_A_DATE,
    ),
    Case("file name not UTF-8", "caf\\xe9.txt", write(os.fsdecode(b"caf\xe9.txt"), GOOD), 0, "", "good"),
    Case(
        "folder with no articles",
        "box",
        special("x.pdf", lambda p: p.write_text("x"), inside=True),
        1,
        r"folder holds no .txt, .html or .jsonl file",
    ),
    Case("no such path", "nope.txt", lambda folder: folder / "nope.txt", 1, r"no such file or folder"),
]


def test_the_corpus_has_forty_kinds() -> None:
    assert len({case.kind for case in CASES}) == len(CASES) >= 40


@pytest.fixture(scope="module")
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_bad_input_gets_one_line_and_the_good_article_still_goes_through(
    runner: CliRunner, tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("docket.ingest.base.PIPE_WAIT", 0.2)  # a silent pipe is refused sooner
    given = case.make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = runner.invoke(app, ["read", str(given), str(good), "--json"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    assert res.exit_code == case.code, res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    if case.stderr:
        assert len(lines) == 1, lines
        origin = str(tmp_path / case.name)
        assert lines[0].startswith(f"docket: {origin}: "), lines[0]
        assert re.search(case.stderr, lines[0]), lines[0]
    else:
        assert lines == []
    records = [json.loads(line)["document"] for line in res.stdout.splitlines()]
    titles = [r["title"] for r in records]
    assert titles[-1] == "good"  # the good article beside it is read either way
    if case.title is not None:
        assert case.title in titles
    if case.code == 1:
        assert len(records) == 1  # nothing of the refused input came out


def test_published_option_outside_the_range_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    bare = tmp_path / "a.txt"
    bare.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["read", str(bare), "--published", "9999-12-31"])
    assert res.exit_code == 2
    said = " ".join(res.output.replace("│", " ").split())
    assert "the date 9999-12-31 in '--published' is not a publication date" in said
    assert "Traceback" not in res.output


def test_add_stores_the_good_articles_and_nothing_of_a_damaged_gzip(
    runner: CliRunner, tmp_path: Path
) -> None:
    import sqlite3

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad.jsonl.gz").write_bytes(_gz(jsonl(row(title="gz")).encode() * 5, _flip_crc))
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(
        GOOD.replace("good", "named") + "The pullout has begun.\n", encoding="utf-8"
    )
    (folder / "bad.txt").write_text(front("published: 2024-13-45"), encoding="utf-8")
    db = tmp_path / "s.db"
    res = runner.invoke(app, ["add", str(folder), "--db", str(db)])
    assert res.exit_code == 1
    assert "2 added, 0 already stored, 2 failed" in res.stdout
    con = sqlite3.connect(db)
    try:
        titles = sorted(r[0] for r in con.execute("SELECT title FROM documents"))
    finally:
        con.close()
    assert titles == ["good", "named"]
