"""List docket's timex value errors on a TimeML corpus, grouped by (gold type, gold value shape).

Usage: .venv/bin/python benchmarks/timex_errors.py [CORPUS_DIR] [--limit N]
(default corpus: ../shared/corpora/tempeval3-train, or one of its halves, e.g.
…/tempeval3-train/AQUAINT). One line an error:
gold type | gold value | system value | text in context. Meant for finding the
most frequent families of value errors, not for scoring (use ``docket eval timex``).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from docket.evaluate.timeml import read_dir
from docket.evaluate.timex_scores import tag_documents


def shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="../shared/corpora/tempeval3-train")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--missed", action="store_true", help="also list gold timexes with no overlap")
    ap.add_argument("--spurious", action="store_true", help="also list system timexes with no overlap")
    args = ap.parse_args()
    docs = []
    corpus = Path(args.corpus)
    subs = [sub for sub in sorted(corpus.iterdir()) if sub.is_dir()]
    for sub in subs or [corpus]:  # the corpus's halves, or one half given alone
        docs.extend(read_dir(sub))
    system = tag_documents(docs)
    rows: list[tuple[str, str, str, str]] = []
    missed: list[str] = []
    spurious: list[str] = []
    for doc, found in zip(docs, system, strict=True):
        used: set[int] = set()
        for g in doc.timexes:
            best = next(
                (i for i, s in enumerate(found) if i not in used and (s.start, s.end) == (g.start, g.end)),
                None,
            )
            if best is None:
                best = next(
                    (i for i, s in enumerate(found) if i not in used and s.start < g.end and g.start < s.end),
                    None,
                )
            if best is None:
                left = doc.text[max(0, g.start - 50) : g.start].replace("\n", " ")
                right = doc.text[g.end : g.end + 30].replace("\n", " ")
                missed.append(f"{g.type}|{g.value}|{doc.dct} {left}[[{g.text}]]{right}")
                continue
            used.add(best)
            s = found[best]
            if s.value != g.value:
                left = doc.text[max(0, g.start - 60) : g.start].replace("\n", " ")
                right = doc.text[g.end : g.end + 40].replace("\n", " ")
                rows.append(
                    (
                        g.type,
                        g.value,
                        s.value or "",
                        f"{doc.dct} {left}[[{doc.text[g.start : g.end]}|{s.text}]]{right}",
                    )
                )
        for i, s in enumerate(found):
            if i not in used:
                left = doc.text[max(0, s.start - 50) : s.start].replace("\n", " ")
                right = doc.text[s.end : s.end + 30].replace("\n", " ")
                spurious.append(f"{s.type}|{s.value}|{doc.dct} {left}[[{s.text}]]{right}")
    fam = Counter((t, shape(gv), shape(sv)) for t, gv, sv, _ in rows)
    print(f"{len(rows)} value errors")
    for (t, gv, sv), n in fam.most_common(40):
        print(f"{n:4} {t:9} {gv:16} <- {sv}")
    print()
    for t, gv, sv, ctx in sorted(rows):
        print(f"{t:9}| {gv:18}| {sv:18}| {ctx}")
    if args.missed:
        print(f"\n{len(missed)} missed")
        for m in sorted(missed):
            print(m)
    if args.spurious:
        print(f"\n{len(spurious)} spurious")
        for m in sorted(spurious):
            print(m)


if __name__ == "__main__":
    main()
