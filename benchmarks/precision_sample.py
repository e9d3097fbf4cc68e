#!/usr/bin/env python3
"""Precision of docket's commitments on unseen text: 130 corpus articles, 55 of them outside the real set.

usage: precision_sample.py [--shared DIR] [--rules] [--unjudged] [--wrong]

Runs docket over the articles listed in benchmarks/precision_sample.yaml (texts from
../shared/corpora) and looks up the verdict an analyst gave each commitment it emits (by the
article, the start of the commitment's evidence and its action). Prints right/emitted (marginal
counts as right, as in benchmarks/realset_eval.py), the wrong ones by kind, and how many have no
verdict yet. ``--unjudged`` lists those with their sentence, to be judged by
../shared/gold/COMMITMENTS.md and added to the YAML file; ``--wrong`` lists the wrong ones
still emitted; ``--rules`` runs without the commitment
model. Rules were written from the first 80 verdicts (session 6), so the figure is no longer
an unseen one; the other 50 were judged after those rules. The real set's round five (75 of
these articles, all dev) was annotated from the same draw.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "benchmarks" / "precision_sample.yaml"


def _verdicts(data: dict[str, Any]) -> dict[tuple[str, int, str], list[dict[str, Any]]]:
    table: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for article, rows in (data.get("verdicts") or {}).items():
        for row in rows:
            table.setdefault((article, int(row["at"]), str(row["action"])), []).append(row)
    return table


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--rules", action="store_true", help="without the commitment model")
    parser.add_argument("--unjudged", action="store_true", help="list commitments with no verdict")
    parser.add_argument("--wrong", action="store_true", help="list the wrong commitments still emitted")
    args = parser.parse_args(argv)

    from docket import pipeline
    from docket.evaluate import realset
    from docket.record import Document

    if not (args.shared / "corpora").is_dir():
        print(f"no corpora under {args.shared}: give the shared folder with --shared", file=sys.stderr)
        return 1
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    table = _verdicts(data)
    nlp = pipeline.load()
    if args.rules:
        nlp.disable_pipe("docket_commitment_model")
    kinds: Counter[str] = Counter()
    right = emitted = 0
    unjudged: list[str] = []
    wrong_ones: list[str] = []
    for corpus in ("wikinews", "reuters"):
        for article_id in data[corpus]:
            art = realset.load(article_id, corpus, shared=args.shared)
            document = Document.from_text(art.text, published=art.published, title=art.title or None)
            record = pipeline.extract(document, nlp)
            taken: Counter[tuple[str, int, str]] = Counter()
            for c in record.commitments:
                emitted += 1
                key = (article_id, c.start, c.action)
                rows = table.get(key, [])
                sentence = " ".join(art.text[c.start : c.end].split())
                line = f"{article_id} @{c.start} {'/'.join(c.obligor)} | {c.action} | {sentence}"
                if taken[key] >= len(rows):
                    unjudged.append(line)
                    continue
                row = rows[taken[key]]
                taken[key] += 1
                if row["verdict"] == "wrong":
                    kinds[str(row.get("why", "?"))] += 1
                    wrong_ones.append(f"{row.get('why', '?')}: {line}")
                else:
                    right += 1
    for line in unjudged if args.unjudged else []:
        print("unjudged  " + line)
    for line in wrong_ones if args.wrong else []:
        print("wrong  " + line)
    judged = emitted - len(unjudged)
    wrong = sum(kinds.values())
    share = right / judged if judged else 0.0
    print(f"precision {share:.3f}  right {right}/{judged} judged", end="")
    print(f" (of {emitted} emitted; {len(unjudged)} unjudged)")
    print(f"wrong {wrong}: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
