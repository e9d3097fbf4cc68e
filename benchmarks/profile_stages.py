#!/usr/bin/env python3
"""Where docket's own stages spend their time, on the first N stories of a corpus.

usage: profile_stages.py [--corpus PATH] [--docs N] [--exclude ner,...] [--top K] [--sort cumulative|tottime]
                         [--callers FUNCTION] [--plain]

The model's components run first (not timed); then each docket stage runs over
every parsed doc, timed per stage, and a cProfile of the stages alone lists the
K most expensive functions. Re-run it after a change to see the effect.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import json
import pstats
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"


def texts(corpus: Path, limit: int) -> list[tuple[str, dt.date | None]]:
    opener: Any = gzip.open if corpus.name.endswith(".gz") else open
    out: list[tuple[str, dt.date | None]] = []
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            if not line.strip():
                continue
            obj = json.loads(line)
            published = obj.get("published")
            day = dt.date.fromisoformat(published[:10]) if isinstance(published, str) else None
            out.append((obj["text"], day))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--exclude", default="ner")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--callers", default="", help="also list who calls functions matching this")
    parser.add_argument("--plain", action="store_true", help="time the stages without the profiler")
    args = parser.parse_args(argv)

    from docket.extract.common.state import set_published
    from docket.pipeline import STAGES, load_excluding

    exclude = tuple(x for x in args.exclude.split(",") if x)
    nlp = load_excluding(exclude)
    stages = [(name, proc) for name, proc in nlp.pipeline if name in STAGES]
    items = texts(args.corpus, args.docs)
    with nlp.select_pipes(disable=[name for name, _ in stages]):
        docs = list(nlp.pipe((set_published(nlp.make_doc(t), d) for t, d in items), batch_size=64))

    seconds = dict.fromkeys((name for name, _ in stages), 0.0)
    profiler = cProfile.Profile()
    for doc in docs:
        for name, proc in stages:
            t = time.perf_counter()
            if args.plain:
                proc(doc)
            else:
                profiler.enable()
                proc(doc)
                profiler.disable()
            seconds[name] += time.perf_counter() - t
    total = sum(seconds.values())
    how = "plain" if args.plain else "profiled"
    print(f"{len(docs)} docs, docket stages {total:.2f} s ({len(docs) / total:.0f} docs/s, {how})")
    for name, s in seconds.items():
        print(f"  {name:<22} {s:7.3f} s  {100 * s / total:5.1f}%")
    if args.plain:
        return 0
    stats = pstats.Stats(profiler).sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
