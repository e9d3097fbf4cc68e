#!/usr/bin/env python3
"""Score docket's commitments on the real set: corpus articles annotated by hand (tests/realset/).

usage: realset_eval.py [--part dev|test|all] [--root DIR] [--shared DIR] [--misses] [--spurious]
                       [--deadlines] [--json] [--old] [--compare-model]

For each article of the manifest that has an annotation file, docket extracts the record from
the corpus text (../shared/corpora) and its commitments are matched with the analyst's:

- found: a required commitment whose evidence docket's commitment overlaps, with every
  obligor the analyst wrote among docket's (company names loosely: "thomson" ~ "thomson-corp");
- right: a docket commitment that is some required or marginal commitment (marginal ones
  neither count as missed nor as wrong);
- deadline: of the found, the share whose deadline value is the analyst's (a day either way
  for dates counted from durations; none on both sides agrees);
- strict R: required commitments found with the right obligor and deadline.

``--deadlines`` lists the required commitments found with a wrong deadline: the evidence, the
analyst's value, mod and anchor, and docket's (with the words it read and what it counted from).

The dev part is for writing rules; the test part is held out (no rule is written from it).
``--old`` adds the commitments line of the written set (benchmarks/devset_eval.py) beside it.
``--compare-model`` prints each part twice: with the commitment model (docket_commitment_model,
trained on the dev part only, switched on for the comparison although it ships off: see
data/commitment_model.yaml's ``enabled``) and with the rules alone (as docket runs by default).
The figures that tests/floors.json holds floors for ("realset") are those of ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--root", type=Path, default=REPO / "tests" / "realset")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--misses", action="store_true", help="list the required commitments not found")
    parser.add_argument("--spurious", action="store_true", help="list docket's commitments that are wrong")
    parser.add_argument(
        "--deadlines", action="store_true", help="list the commitments found with a wrong deadline, in detail"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--old", action="store_true", help="also score the written set's commitments")
    parser.add_argument(
        "--compare-model", action="store_true", help="print the figures with the commitment model and without"
    )
    args = parser.parse_args(argv)

    from docket import pipeline
    from docket.evaluate import realset

    if not (args.shared / "corpora").is_dir():
        print(f"no corpora under {args.shared}: give the shared folder with --shared", file=sys.stderr)
        return 1
    part = None if args.part == "all" else args.part
    items = list(realset.articles(args.root, part, args.shared))
    if not items:
        print(f"no annotated article in {args.root} (part {args.part})", file=sys.stderr)
        return 1
    nlp = pipeline.load()
    if args.compare_model:
        nlp.get_pipe("docket_commitment_model").enabled = True  # it ships off: switch it on to compare
    totals = realset.score_articles(items, nlp, args.root)
    order = [p for p in ("dev", "test", "all") if p in totals and (part is None or p == part)]
    if args.compare_model:
        with nlp.select_pipes(disable=["docket_commitment_model"]):
            rules_alone = realset.score_articles(items, nlp, args.root)
        for p in order:
            totals[f"{p}-rules"] = rules_alone[p]
        order = [q for p in order for q in (p, f"{p}-rules")]
    if args.json:
        print(
            json.dumps({p: {"articles": totals[p].articles, **totals[p].figures()} for p in order}, indent=2)
        )
        return 0
    if args.misses or args.spurious or args.deadlines:
        for p in order:
            if (p == "all" and len(order) > 1) or p.endswith("-rules"):
                continue
            score = totals[p]
            for line in score.misses if args.misses else []:
                print("missed  " + line)
            for line in score.spurious if args.spurious else []:
                print("wrong   " + line)
            for line in score.deadlines if args.deadlines else []:
                print("deadline " + line)
        print()
    print(
        f"{'part':10s} {'articles':>8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'deadline':>8s} {'strict R':>8s}"
        f" {'action':>6s}  found/required  right/extracted"
    )
    for p in order:
        s = totals[p]
        f = s.figures()
        print(
            f"{p:10s} {s.articles:8d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            f" {s.deadline_accuracy:8.3f} {s.strict_recall:8.3f} {f['commitments.action_accuracy']:6.3f}"
            f"  {s.found:5d}/{s.required:<8d} {s.right:5d}/{s.extracted}"
        )
    if args.old:
        from docket.evaluate.facts import dev_articles, score_articles

        roots = (REPO / "src" / "docket" / "data" / "sample", REPO / "tests" / "golden" / "articles")
        old, _ = score_articles(dev_articles(roots), nlp)
        c = old["commitments"]
        print(
            f"{'written':10s} {'':>8s} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
            f"  (the team's own articles, benchmarks/devset_eval.py; must and should facts)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
