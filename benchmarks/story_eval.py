#!/usr/bin/env python3
"""Score docket's statuses on real stories: threads of corpus reports annotated by hand
(tests/realstories/).

usage: story_eval.py [--part dev|test|all] [--root DIR] [--shared DIR] [--misses] [--json]

Each story's reports are added to a fresh store in the order they were published (the index
updated after each, as ``docket add`` leaves it); on each annotated day the store is asked for
the statuses (``docket due --as-of DAY``). An annotated commitment is docket's commitment
stated in one of the spans the analyst gave (the one whose words and deadline are the
analyst's, among several). Printed: per story and day, the statuses right of those annotated;
per part (dev stories, the held-out story), the share right and how many annotated
commitments docket extracted at all; and the answers that rest on a report published after
the day asked (must be 0).

``--given`` puts the analyst's commitments in each report's record in place of those docket
extracts (events, actors and dates stay docket's): the figures of the story layer alone,
with extraction taken out of the question.
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
    parser.add_argument("--root", type=Path, default=REPO / "tests" / "realstories")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--misses", action="store_true", help="list the statuses docket got wrong")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--given",
        action="store_true",
        help="the analyst's commitments in place of those docket extracts: the story layer alone",
    )
    args = parser.parse_args(argv)

    from docket import pipeline
    from docket.evaluate import realstories

    if not (args.shared / "corpora").is_dir():
        print(f"no corpora under {args.shared}: give the shared folder with --shared", file=sys.stderr)
        return 1
    part = None if args.part == "all" else args.part
    todo = list(realstories.stories(args.root, part))
    if not todo:
        print(f"no real story in {args.root} (part {args.part})", file=sys.stderr)
        return 1
    nlp = pipeline.load()
    scores = [realstories.score_story(s, nlp, args.shared, given=args.given) for s in todo]
    figures = realstories.figures(scores)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for story, sc in zip(todo, scores, strict=True):
        label = "held out" if sc.part == "test" else sc.part
        print(
            f"{sc.story} ({label}): {sc.extracted}/{sc.commitments} commitments extracted,"
            f" {len(story.documents)} reports in {sc.stories} stor{'y' if sc.stories == 1 else 'ies'}"
        )
        for day in sorted({a.day for a in sc.answers}):
            on = [a for a in sc.answers if a.day == day]
            print(f"  {day}  {sum(a.right for a in on)}/{len(on)} right")
            if args.misses:
                for a in on:
                    if not a.right:
                        print(f"      {a.commitment}: want {a.want}, got {a.got or 'nothing'}  {a.why}")
    print()
    head = ("stories", 7), ("right", 7), ("share", 7), ("extracted", 10), ("later", 6), ("one story", 9)
    print(f"{'part':9s} " + " ".join(f"{name:>{width}s}" for name, width in head))
    for name, f in figures.items():
        print(
            f"{name:9s} {f['stories']:7d} {f['right']:>3d}/{f['annotated']:<3d} {f['share']:7.1%}"
            f" {f['extracted']:>4d}/{f['commitments']:<5d} {f['later']:6d}"
            f" {f['one story']:>5d}/{f['stories']:<3d}"
        )
    print("later: answers that rest on a report published after the day asked (must be 0)")
    print("one story: real stories whose reports docket puts in one story")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
