#!/usr/bin/env python3
"""What the commitment model costs: its stage's time beside the commitment rules' and the pipeline's.

usage: commitment_model_speed.py [--corpus PATH] [--docs N] [--repeat R]

The model's components and docket's other stages run once over the first N stories of a
corpus (Reuters-21578 by default); then the commitment stage (the rules) and the commitment
model's stage are each timed over every doc, R times, keeping the fastest round. It prints
both times, the model's cost as a ratio of the rules' time, and the commitment stages' share
of the whole pipeline's time with the model and without (the issue's bound: the share may not
double). Ratios, not absolute times, are what to compare between machines.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from profile_stages import DEFAULT_CORPUS, texts  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from docket.extract.common.state import set_published, state
    from docket.pipeline import load

    nlp = load()
    model_stage = nlp.get_pipe("docket_commitment_model")
    rules_stage = nlp.get_pipe("docket_commitment")
    model_stage.enabled = True
    items = texts(args.corpus, args.docs)
    start = time.perf_counter()
    with nlp.select_pipes(disable=["docket_commitment", "docket_commitment_model"]):
        docs = list(nlp.pipe((set_published(nlp.make_doc(t), d) for t, d in items), batch_size=64))
    before = time.perf_counter() - start
    found = [copy.copy(state(doc).events) for doc in docs]

    def rounds(run: object) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for doc, events in zip(docs, found, strict=True):
                state(doc).events = copy.copy(events)  # the rules fold some events away
                run(doc)  # type: ignore[operator]
            best = min(best, time.perf_counter() - t)
        return best

    rules = rounds(rules_stage)

    def both(doc: object) -> None:
        rules_stage(doc)
        model_stage(doc)

    together = rounds(both)
    model = max(together - rules, 0.0)
    print(f"{len(docs)} docs; pipeline before the commitment stages {before:.2f} s")
    print(f"  commitment rules      {rules:7.3f} s")
    print(f"  commitment model      {model:7.3f} s  ({model / rules:.2f} x the rules' time)")
    share_without = rules / (before + rules)
    share_with = (rules + model) / (before + rules + model)
    print(
        f"  commitment share of the pipeline: {100 * share_without:.1f}% without the model, "
        f"{100 * share_with:.1f}% with it ({share_with / share_without:.2f} x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
