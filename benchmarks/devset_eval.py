#!/usr/bin/env python3
"""Score docket on the development set: P/R/F1 per section of the expected-facts files.

usage: devset_eval.py [ROOT...] [--section S,..] [--misses] [--spurious] [--json] [--shared DIR]

ROOTs default to the sample story (src/docket/data/sample) and the golden articles
(tests/golden/articles): every .txt with a .expected.yaml beside it is scored. The
figures are those that tests/floors.json holds floors for (tests/test_devset_floors.py).
The reference article (DIR/seed/*.txt with DIR/gold/*.yaml, DIR defaulting to ../shared)
is scored on a line of its own when it is there; it is not part of the floors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docket.evaluate.facts import Score

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOTS = (REPO / "src" / "docket" / "data" / "sample", REPO / "tests" / "golden" / "articles")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("roots", nargs="*", type=Path, default=list(DEFAULT_ROOTS))
    parser.add_argument("--section", default="", help="comma-separated sections (default: all)")
    parser.add_argument("--misses", action="store_true", help="list the gold facts not found")
    parser.add_argument(
        "--spurious", action="store_true", help="list the extracted items that match no gold fact"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    args = parser.parse_args(argv)

    from docket.evaluate.facts import SECTIONS, dev_articles, figures, score_articles

    articles = dev_articles(args.roots)
    if not articles:
        print(
            "no article with an .expected.yaml found under: " + ", ".join(map(str, args.roots)),
            file=sys.stderr,
        )
        return 1
    totals, problems = score_articles(articles)
    wanted = [s for s in args.section.split(",") if s] or list(SECTIONS)
    totals = {s: totals[s] for s in wanted if s in totals}
    for line in problems:
        print(line, file=sys.stderr)
    if args.json:
        print(json.dumps({"articles": len(articles), "figures": figures(totals)}, indent=2))
        return 0
    if args.misses or args.spurious:
        for score in totals.values():
            for line in (score.missed if args.misses else []) + (score.spurious if args.spurious else []):
                print(line)
        print()
    print(f"{len(articles)} articles")
    table(totals)
    references = {
        seed: gold
        for gold in sorted((args.shared / "gold").glob("*.yaml"))
        for seed in [args.shared / "seed" / (gold.stem + ".txt")]
        if seed.exists()
    }
    if references:
        ref_totals, _ = score_articles(list(references), gold_files=references)
        print(f"\nreference ({', '.join(p.name for p in references)}; not in the floors)")
        table({s: ref_totals[s] for s in wanted if s in ref_totals})
    return 0


def table(totals: dict[str, Score]) -> None:
    print(f"{'section':12s} {'P':>6s} {'R':>6s} {'F1':>6s} {'R must':>7s}  found/gold  right/extracted")
    for section, s in totals.items():
        print(
            f"{section:12s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.recall_must:7.3f}"
            f"  {s.found:5d}/{s.gold:<5d} {s.right:5d}/{s.extracted}"
        )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
