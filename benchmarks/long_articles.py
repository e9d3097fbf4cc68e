#!/usr/bin/env python3
"""How extraction time and memory grow with the length of one article.

usage: long_articles.py [--sizes 50k,100k,200k,500k,1M] [--corpus PATH] [--same-process]
       long_articles.py --profile SIZE [--top K] [--callers FUNCTION]

Builds long articles by joining real Wikinews articles (a blank line between two)
up to each size, and runs docket's extraction on each (``pipeline.load()`` and
``pipeline.extract`` on a Document), each size in a fresh process so that its
peak memory (resident set, from ``resource.getrusage``) is its own. It prints
seconds per size, seconds per 100,000 characters, CPU seconds (steadier than
wall time on a shared machine) and the peak memory, then the ratio of the time
per character at the largest size to that at the smallest: about 1 when
extraction is linear in length. Model loading is not timed. Sizes may go up
to DOCKET_MAX_CHARS (5M): past ``pipeline.PIECE_CHARS`` an article is read in
pieces.

``--profile SIZE`` runs that one size under cProfile and lists the K functions
with the most time of their own (``--callers``: and who calls those matching a
name). Without the corpus (../shared/corpora/wikinews) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import json
import pstats
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "wikinews" / "articles.jsonl.gz"
DEFAULT_SIZES = "50k,100k,200k,500k,1M"
PUBLISHED = dt.date(2024, 9, 7)


def size_of(text: str) -> int:
    """'50k' -> 50,000; '1M' -> 1,000,000; '1200' -> 1,200."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    return int(float(number) * scale)


def long_text(corpus: Path, chars: int) -> str:
    """Wikinews articles joined by blank lines, in corpus order (again from the start if need be),
    cut at the last paragraph break before ``chars`` (or at ``chars`` when there is none)."""
    parts: list[str] = []
    total = 0
    while total < chars:
        before = total
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                if not text.strip():
                    continue
                parts.append(text.strip())
                total += len(parts[-1]) + 2
                if total >= chars:
                    break
        if total == before:
            raise SystemExit(f"{corpus} has no article text")
    joined = "\n\n".join(parts)[:chars]
    cut = joined.rfind("\n\n")
    return joined[:cut] if cut > chars // 2 else joined


def run_one(corpus: Path, chars: int, profile: bool, top: int, callers: str = "") -> dict[str, float]:
    from docket.pipeline import extract, load
    from docket.record import Document

    nlp = load()
    extract(Document.from_text("The talks will end on Friday.", published=PUBLISHED), nlp)
    document = Document.from_text(long_text(corpus, chars), published=PUBLISHED)
    profiler = cProfile.Profile() if profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    record = extract(document, nlp)
    if profiler is not None:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profiler is not None:
        stats = pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime")
        stats.print_stats(top)
        if callers:
            stats.print_callers(callers)
    # ru_maxrss is in kilobytes on Linux
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    items = sum(
        len(x) for x in (record.timexes, record.quantities, record.actors, record.sources, record.events)
    )
    return {
        "chars": len(document.text),
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
        "items": items + len(record.commitments),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated: 50k,100k,1M ...")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--profile", default="", help="profile this one size (e.g. 200k)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--callers", default="", help="with --profile: who calls functions matching this")
    parser.add_argument(
        "--same-process", action="store_true", help="all sizes in this process (peak memory shared)"
    )
    parser.add_argument("--one", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}: nothing measured (give --corpus)")
        return 0
    if args.one:
        print(json.dumps(run_one(args.corpus, size_of(args.one), bool(args.profile), args.top)))
        return 0
    if args.profile:
        result = run_one(args.corpus, size_of(args.profile), True, args.top, args.callers)
        print(f"{result['chars']:,} characters: {result['seconds']:.1f} s (profiled)")
        return 0
    sizes = [size_of(s) for s in args.sizes.split(",") if s.strip()]
    print(f"{'characters':>12} {'seconds':>9} {'s/100k':>8} {'CPU s':>8} {'peak MB':>8} {'items':>7}")
    rows: list[dict[str, float]] = []
    for chars in sizes:
        if args.same_process:
            row = run_one(args.corpus, chars, False, args.top)
        else:
            cmd = [sys.executable, __file__, "--corpus", str(args.corpus), "--one", str(chars)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr)
                print(f"{chars:>12,} failed (status {proc.returncode})")
                continue
            row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        per = row["seconds"] / row["chars"] * 100_000
        print(
            f"{int(row['chars']):>12,} {row['seconds']:>9.2f} {per:>8.2f} {row['cpu']:>8.2f} "
            f"{row['peak_mb']:>8.0f} {int(row['items']):>7,}",
            flush=True,
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        ratio = (last["seconds"] / last["chars"]) / (first["seconds"] / first["chars"])
        cpu_ratio = (last["cpu"] / last["chars"]) / (first["cpu"] / first["chars"])
        print(
            f"time per character at {int(last['chars']):,} / at {int(first['chars']):,}: {ratio:.2f}"
            f" (CPU time: {cpu_ratio:.2f}; 1.0 = linear)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
