#!/usr/bin/env python3
"""Fuzz docket's readers and extraction stages with broken and hostile inputs; count outcomes.

usage: fuzz_inputs.py [--n 100000] [--readers text,jsonl,jsonl.gz,html,feed] [--articles 2000]
                      [--corpus PATH] [--seed 0] [--top 12]

Each reader gets N inputs from ``docket.evaluate.hostile`` (a template put through random
mutations), written to a file and read as ``docket read`` reads it; each input must end as
an article read or as a Problem whose line is one line, and a read article must have a
publication date in docket's range and text UTF-8 can write. Anything else (an exception,
a two-line problem, an impossible date) is counted as unexpected, with the seed that makes
it again (``--replay KIND:SEED``). Then ``--articles`` real articles (from the Wikinews corpus,
skipped when it is missing) are mutated and run through the whole extraction pipeline,
where any exception is unexpected. Prints counts by outcome and exits 1 on any unexpected.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import json
import random
import re
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

from docket.evaluate.hostile import KIND_NAMES, kind, make_input, mutate_text
from docket.ingest import Loaded, ReadOptions, read_inputs
from docket.ingest.base import EARLIEST, LATEST, has_surrogate

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "wikinews" / "articles.jsonl.gz"
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\([^)]*\)|\d[\d,.]*")


def outcome_of(items: list[object]) -> list[str]:
    """One outcome a result: 'read', 'refused: <what, without its values>' or 'UNEXPECTED: …'."""
    out = []
    for item in items:
        if isinstance(item, Loaded):
            doc = item.document
            if doc.published is None or not EARLIEST <= doc.published <= LATEST:
                out.append(f"UNEXPECTED: date {doc.published} read")
            elif has_surrogate(doc.text) or not doc.text.strip():
                out.append("UNEXPECTED: text UTF-8 cannot write, or none")
            elif any("\n" in w for w in item.warnings):
                out.append("UNEXPECTED: a warning of two lines")
            else:
                out.append("read, with a warning" if item.warnings else "read")
        else:
            line = item.line()  # type: ignore[attr-defined]
            if "\n" in line or "\r" in line:
                out.append("UNEXPECTED: a problem of two lines")
            else:
                out.append("refused: " + _QUOTED.sub("…", item.what))  # type: ignore[attr-defined]
    return out or ["UNEXPECTED: no result at all"]


Outcomes = tuple[collections.Counter[str], list[str], float]


def run_reader(name: str, n: int, seed: int, folder: Path, language_every: int) -> Outcomes:
    counts: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    path = folder / f"input{kind(name).suffix}"
    slowest = 0.0
    checked = ReadOptions(published=None)
    unchecked = ReadOptions(published=None, check_language=False)
    began = time.monotonic()
    for i in range(n):
        if i and i % 10_000 == 0:
            print(
                f"  {name}: {i:,} inputs, {time.monotonic() - began:.0f} s, {_bad(counts)} unexpected",
                flush=True,
            )
        rng = random.Random(f"{seed}:{name}:{i}")
        path.write_bytes(make_input(name, rng))
        options = checked if i % language_every == 0 else unchecked
        started = time.perf_counter()
        try:
            with warnings.catch_warnings(record=True) as warned:
                warnings.simplefilter("always")
                results = outcome_of(list(read_inputs([path], options)))
            # a warning Python prints (not a deprecation, which it hides) is a stray stderr line
            results += [
                f"UNEXPECTED: a Python warning ({w.category.__name__})"
                for w in warned
                if not issubclass(w.category, DeprecationWarning)
            ]
        except Exception as exc:  # what the fuzzing is for: counted, not raised
            results = [f"UNEXPECTED: {type(exc).__name__}: {exc}"[:160]]
            failures.append(f"{name}:{i}  " + traceback.format_exc(limit=-3).replace("\n", " | ")[:600])
        slowest = max(slowest, time.perf_counter() - started)
        for result in results:
            counts[result] += 1
            if result.startswith("UNEXPECTED") and len(failures) < 50:
                failures.append(f"{name}:{i}  {result}")
    return counts, failures, slowest


def _bad(counts: collections.Counter[str]) -> int:
    return sum(v for k, v in counts.items() if k.startswith("UNEXPECTED"))


def corpus_texts(corpus: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def run_pipeline(corpus: Path, n: int, seed: int, max_chars: int) -> Outcomes:
    from docket import pipeline
    from docket.record import Document

    nlp = pipeline.load()
    texts = corpus_texts(corpus, min(n, 5000))
    counts: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    started = time.perf_counter()
    for i in range(n):
        if i and i % 100 == 0:
            print(
                f"  pipeline: {i:,} articles, {time.perf_counter() - started:.0f} s, "
                f"{_bad(counts)} unexpected",
                flush=True,
            )
        rng = random.Random(f"{seed}:pipeline:{i}")
        text = mutate_text(texts[i % len(texts)], rng, steps=rng.randint(1, 8))
        if not text.strip():
            counts["skipped: no text left"] += 1
            continue
        if len(text) > max_chars:  # a fragment repeated 50 times: extraction time, not errors
            counts[f"skipped: over {max_chars:,} characters"] += 1
            continue
        day = EARLIEST + dt.timedelta(days=rng.randrange((LATEST - EARLIEST).days + 1))
        try:
            pipeline.extract(Document.from_text(text, published=day), nlp)
            counts["extracted"] += 1
        except Exception as exc:  # counted, not raised
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"UNEXPECTED: {type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
            counts[key] += 1
            if len(failures) < 50:
                failures.append(f"pipeline:{i}  {key}: {str(exc)[:200]}")
    return counts, failures, time.perf_counter() - started


def replay(spec: str, seed: int, folder: Path) -> None:
    """Write the input KIND:I of a run to a file and say where, to try it with the CLI."""
    name, _, index = spec.partition(":")
    path = folder / f"replay{kind(name).suffix}"
    path.write_bytes(make_input(name, random.Random(f"{seed}:{name}:{index}")))
    print(path)


def show(title: str, counts: collections.Counter[str], top: int) -> int:
    total = sum(counts.values())
    unexpected = _bad(counts)
    print(f"\n{title}: {total:,} results, {unexpected} unexpected")
    for key, value in counts.most_common(top):
        print(f"  {value:>8,}  {key}")
    rest = len(counts) - top
    if rest > 0:
        print(f"  ({rest} more outcomes, {sum(v for _, v in counts.most_common()[top:]):,} results)")
    for key, value in counts.items():
        if key.startswith("UNEXPECTED") and (key, value) not in counts.most_common(top):
            print(f"  {value:>8,}  {key}")
    return unexpected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="inputs per reader")
    ap.add_argument("--readers", default=",".join(KIND_NAMES), help="readers to fuzz, comma-separated")
    ap.add_argument("--articles", type=int, default=0, help="mutated real articles through the pipeline")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--max-chars",
        type=int,
        default=50_000,
        help="mutated articles longer than this are skipped: a long article's time is another benchmark's",
    )
    ap.add_argument(
        "--language-every",
        type=int,
        default=10,
        metavar="K",
        help="run the language check (lingua, ~10 ms) on every K-th input only; 1: on all",
    )
    ap.add_argument("--top", type=int, default=12, help="outcomes shown a reader")
    ap.add_argument("--replay", metavar="KIND:I", help="write input I of KIND to a file and exit")
    args = ap.parse_args()
    unexpected = 0
    shm = Path("/dev/shm")  # in memory where there is one: creating a file on disk costs more than reading it
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as tmp:
        if args.replay:
            replay(args.replay, args.seed, Path("."))
            return 0
        started = time.monotonic()
        for name in [r for r in args.readers.split(",") if r]:
            counts, failures, slowest = run_reader(name, args.n, args.seed, Path(tmp), args.language_every)
            title = (
                f"reader {name} ({args.n:,} inputs, language checked on 1 in {args.language_every}, "
                f"slowest {slowest:.2f} s)"
            )
            unexpected += show(title, counts, args.top)
            for line in failures[:10]:
                print("   ", line)
            print(f"  ({time.monotonic() - started:.0f} s so far)", flush=True)
    if args.articles:
        if not args.corpus.exists():
            print(f"\npipeline: skipped, no corpus at {args.corpus}")
        else:
            counts, failures, seconds = run_pipeline(args.corpus, args.articles, args.seed, args.max_chars)
            title = f"pipeline ({args.articles:,} mutated articles, {seconds:.0f} s)"
            unexpected += show(title, counts, args.top)
            for line in failures[:20]:
                print("   ", line)
    print(f"\n{unexpected} unexpected in all")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
