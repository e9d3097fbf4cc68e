#!/usr/bin/env python3
"""Tools for annotating the real set (tests/realset/): show an article, fill and check offsets.

usage:
  realset.py show ID            print the article (published date, title, text with offsets per paragraph)
  realset.py fill FILE...       set every evidence/not_commitments `start` from its quoted `text`
                                (an existing start picks among repeated quotes); rewrites the file
  realset.py check [FILE...]    check that every quote sits at its start (default: every annotation)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from docket.evaluate import realset


def _row(article_id: str) -> dict[str, str]:
    for row in realset.manifest():
        if row["id"] == article_id:
            return row
    raise SystemExit(f"{article_id}: not in tests/realset/manifest.tsv")


def show(article_id: str) -> int:
    row = _row(article_id)
    art = realset.load(article_id, row["corpus"], row["part"])
    print(f"id: {art.id}  corpus: {art.corpus}  part: {art.part}  published: {art.published}")
    print(f"title: {art.title}\n")
    for m in re.finditer(r"[^\n]+", art.text):
        print(f"[{m.start()}] {m.group()}")
    return 0


def fill(paths: list[Path], write: bool = True) -> int:
    bad = 0
    for path in paths:
        text_of = path.read_text(encoding="utf-8")
        data = realset.annotation(path.stem, path.parent.parent) if path.exists() else {}
        article_id = (data.get("document") or {}).get("id") or path.stem
        row = _row(article_id)
        text = realset.load(article_id, row["corpus"]).text
        changes: list[tuple[str, int]] = []
        for span in realset.iter_spans(data):
            quote = str(span["text"])
            try:
                start = realset.locate(text, quote, span.get("start"))
            except ValueError as err:
                print(f"{path}: {err}", file=sys.stderr)
                bad += 1
                continue
            if span.get("start") != start:
                changes.append((quote, start))
            if not write and span.get("start") != start:
                print(f"{path}: {quote!r} is at {start}, not {span.get('start')}", file=sys.stderr)
                bad += 1
        if write and changes:
            # rewrite `start:` values in place, keeping the file's layout and comments
            for quote, start in changes:
                forms = [
                    '"' + quote.replace("\\", "\\\\").replace('"', '\\"') + '"',
                    "'" + quote.replace("'", "''") + "'",
                    quote,
                ]
                alts = "|".join(re.escape(f) for f in forms)
                pattern = re.compile(r"(text:\s*(?:" + alts + r")\s*,\s*start:\s*)(-?\d+|null|~)?")
                text_of, n = pattern.subn(lambda m, s=start: m.group(1) + str(s), text_of, count=1)
                if not n:
                    print(f"{path}: write `start: {start}` by hand for {quote!r}", file=sys.stderr)
                    bad += 1
            path.write_text(text_of, encoding="utf-8")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        return show(argv[1])
    if argv and argv[0] in ("fill", "check"):
        paths = [Path(p) for p in argv[1:]] or sorted((realset.REALSET / "annotations").glob("*.yaml"))
        return fill(paths, write=argv[0] == "fill")
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
