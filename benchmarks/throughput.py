#!/usr/bin/env python3
"""Throughput of docket on a news corpus: docket's whole pipeline against the bare spaCy model.

usage: throughput.py [--corpus PATH] [--ratio-docs N] [--batch-docs N] [--workers 1,2]
                     [--memory-docs N,M] [--e2e-docs N,M] [--e2e-rounds R] [--e2e-before SRC]
                     [--exclude ner,...]
                     [--only ratio|batch|memory|e2e] [--no-stand-ins] [--json PATH]

Figures, all from one run on the same texts (the first N stories of the corpus):

- ratio: documents per second of docket's whole pipeline (the model without the
  components in --exclude / $DOCKET_MODEL_EXCLUDE, with docket's stand-ins for
  attribute_ruler and, unless $DOCKET_ENTITIES=full, ner, and unless $DOCKET_PARSER=spacy,
  the parser's decoding; docket's stages; the Record
  built) divided by those of bare ``nlp.pipe`` with the same model's default
  components, the two taking turns on chunks of 64 stories. Above 1.0: docket costs
  less than the work it leaves out.
  Each component's share of the time is listed, for both pipelines.
- batch: ``docket batch --db`` end to end (reading, language check, extraction,
  SQLite writes) with 1 and 2 worker processes: documents per second and the peak
  RSS of the largest process.
- memory: peak RSS of ``docket batch --workers 1`` on the first N stories and on
  M stories (the whole corpus by default): flat means within 1.3x.
- e2e: the whole job as a user runs it, each a whole process timed from start to
  exit (imports, model load, reading, extraction, writing): a plain script that
  loads the same model and runs bare ``nlp.pipe`` over the same texts, ``docket
  batch FILE.jsonl --db X.db --workers 1`` and ``docket read FILE.jsonl --json >
  out``, on the first N (and M) stories as one JSON Lines file, taking turns
  (the order rotates each round) for --e2e-rounds rounds; the ratios are documents
  per second of docket over those of the bare script, over all rounds, by wall
  time and by CPU time (user + system of each process: steadier on a shared
  machine). --e2e-before SRC adds another version's batch and read (the
  ``docket`` package in SRC, e.g. ``git archive`` of an older commit's src/).

The corpus is JSON Lines (gzipped or not) with a 'text' field; the default is
Reuters-21578 at ../shared/corpora/reuters21578/reuters21578.jsonl.gz. The
script is re-runnable: the stages change, the figures with them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
BATCH_SIZE = 64


def stories(corpus: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    opener: Any = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def count_lines(corpus: Path) -> int:
    return sum(1 for _ in stories(corpus))


# -- ratio: docket's pipeline vs the bare model, with a profile of each component -----------


def _safe(proc: Any, doc: Any) -> Any:
    try:
        return proc(doc)
    except Exception:
        return doc


def _timed_components(
    nlp: Any, texts: list[str], make: Any, cpu: dict[str, float] | None = None
) -> tuple[float, dict[str, float]]:
    """Run the pipeline one component at a time over all texts; (total seconds, seconds per component).
    ``cpu``, if given, gets this process's CPU seconds per component."""
    times: dict[str, float] = {}
    cpu = {} if cpu is None else cpu
    t0, c0 = time.perf_counter(), time.process_time()
    docs = [make(text) for text in texts]
    times["tokenizer"], cpu["tokenizer"] = time.perf_counter() - t0, time.process_time() - c0
    for name, proc in nlp.pipeline:
        t, c = time.perf_counter(), time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=BATCH_SIZE))
        else:
            docs = [_safe(proc, doc) for doc in docs]
        times[name], cpu[name] = time.perf_counter() - t, time.process_time() - c
    return sum(times.values()), times


def _extract_all(documents: list[Any], nlp: Any) -> int:
    """Records of all documents through docket's pipeline; returns how many failed (a stage raised)."""
    from docket import pipeline

    failed = 0
    for i in range(0, len(documents), BATCH_SIZE):
        chunk = documents[i : i + BATCH_SIZE]
        try:
            for _ in pipeline.extract_many(chunk, nlp, batch_size=BATCH_SIZE):
                pass
        except Exception:  # a stage being written may fail on some text: go one by one, count it
            for document in chunk:
                try:
                    pipeline.extract(document, nlp)
                except Exception:
                    failed += 1
    return failed


def ratio(
    texts: list[str],
    exclude: tuple[str, ...],
    model: str,
    entities: str = "names",
    stand_ins: bool = True,
    parser: str = "numpy",
) -> dict[str, Any]:
    import importlib

    from docket import pipeline
    from docket.record import Document

    name = pipeline.model_name(model)
    bare = importlib.import_module(name).load()
    if stand_ins:
        ours = pipeline.load_excluding(exclude, model, entities, parser)
    else:  # the model's own components, as docket ran before docket.model_speed
        ours = pipeline.add_stages(importlib.import_module(name).load(exclude=list(exclude)))
    documents = [Document.from_text(t) for t in texts]
    warm = texts[:20]
    list(bare.pipe(warm))
    _extract_all(documents[:20], ours)

    # The two pipelines take turns on the same chunks of stories (which goes first
    # alternating), so that a change in the machine's load during the run weighs on both.
    # Wall time gives documents per second; this process's CPU time, less swayed by other
    # jobs on a shared machine, gives a second ratio to check the first by.
    bare_s = ours_s = bare_cpu = ours_cpu = 0.0
    failed = 0
    for n, i in enumerate(range(0, len(texts), BATCH_SIZE)):
        for which in ("bare", "ours") if n % 2 == 0 else ("ours", "bare"):
            t, c = time.perf_counter(), time.process_time()
            if which == "bare":
                for _ in bare.pipe(texts[i : i + BATCH_SIZE], batch_size=BATCH_SIZE):
                    pass
                bare_s += time.perf_counter() - t
                bare_cpu += time.process_time() - c
            else:
                failed += _extract_all(documents[i : i + BATCH_SIZE], ours)
                ours_s += time.perf_counter() - t
                ours_cpu += time.process_time() - c

    bare_cpu_parts: dict[str, float] = {}
    our_cpu_parts: dict[str, float] = {}
    _, bare_parts = _timed_components(bare, texts, bare.make_doc, bare_cpu_parts)
    _, our_parts = _timed_components(
        ours, texts, lambda text: pipeline.make_doc(ours, Document.from_text(text)), our_cpu_parts
    )
    n = len(texts)
    return {
        "docs": n,
        "chars": sum(len(t) for t in texts),
        "model": name,
        "bare_components": [c for c, _ in bare.pipeline],
        "docket_components": [c for c, _ in ours.pipeline],
        "exclude": list(exclude),
        "entities": entities if stand_ins else "full (the model's components as they are)",
        "parser": parser if stand_ins else "spacy",
        "bare_docs_per_s": n / bare_s,
        "docket_docs_per_s": n / ours_s,
        "ratio": bare_s / ours_s,
        "cpu_ratio": bare_cpu / ours_cpu,
        "docket_failed_docs": failed,
        "bare_profile_s": bare_parts,
        "docket_profile_s": our_parts,
        "bare_profile_cpu_s": bare_cpu_parts,
        "docket_profile_cpu_s": our_cpu_parts,
    }


# -- batch runs in a child process: seconds and peak RSS ------------------------------------


def measured(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``cmd`` under a small parent that reports its wall time and its largest process's peak RSS."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", "--", *cmd],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"measuring {' '.join(cmd)} failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _measure_child(cmd: list[str]) -> int:
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss_mib": peak_kib / 1024,
                "rc": done.returncode,
                "stdout": done.stdout.strip(),
            }
        )
    )
    return 0


def batch_run(
    corpus: Path, limit: int | None, workers: int, work: Path, env: dict[str, str]
) -> dict[str, Any]:
    if limit is None:
        source = corpus
        n = count_lines(corpus)
    else:
        source = work / f"first-{limit}.jsonl"
        if not source.exists():
            with source.open("w", encoding="utf-8") as fh:
                for story in stories(corpus, limit):
                    fh.write(json.dumps(story) + "\n")
        n = limit
    db = work / f"batch-{n}-w{workers}.db"
    for leftover in work.glob(db.name + "*"):
        leftover.unlink()
    cmd = [str(Path(sys.executable).parent / "docket"), "batch", str(source), "--db", str(db)]
    cmd += ["--workers", str(workers), "--quiet"]
    got = measured(cmd, env)
    got.update({"docs": n, "workers": workers, "docs_per_s": n / got["seconds"]})
    return got


# -- e2e: whole processes, the bare-model script against docket batch and docket read -------

# The plain script a user would write to run the bare model over the same texts.
BARE_SCRIPT = """
import importlib, json, sys
nlp = importlib.import_module(sys.argv[1]).load()
with open(sys.argv[2], encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for line in fh if line.strip()]
n = sum(1 for _ in nlp.pipe(texts))
print(n, "docs")
"""


def first_stories(corpus: Path, limit: int | None, work: Path) -> tuple[Path, int]:
    """The first ``limit`` stories of the corpus (all with None) as a JSON Lines file; (path, count)."""
    if limit is None:
        return corpus, count_lines(corpus)
    source = work / f"first-{limit}.jsonl"
    n = 0
    if not source.exists():
        with source.open("w", encoding="utf-8") as fh:
            for story in stories(corpus, limit):
                fh.write(json.dumps(story) + "\n")
    with source.open(encoding="utf-8") as fh:
        n = sum(1 for line in fh if line.strip())
    return source, n


def _timed(cmd: list[str], env: dict[str, str], stdout: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, its own and its children's) of ``cmd`` as a whole
    process, its output going to ``stdout`` or discarded."""
    t = time.perf_counter()
    with open(stdout or os.devnull, "w", encoding="utf-8") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):  # docket exits 1 when some article could not be read
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime


def end_to_end(
    corpus: Path,
    limit: int | None,
    rounds: int,
    model: str,
    work: Path,
    env: dict[str, str],
    before: Path | None = None,
) -> dict[str, Any]:
    """Seconds of the bare-model script, ``docket batch --workers 1`` and ``docket read --json``
    on the same stories, as whole processes taking turns; and docket's ratios to the bare script.
    With ``before`` (a folder holding another version's ``docket`` package), that version's batch
    and read take their turns too."""
    from docket import pipeline

    source, n = first_stories(corpus, limit, work)
    name = pipeline.model_name(model)
    docket = str(Path(sys.executable).parent / "docket")
    db = work / f"e2e-{n}.db"

    def bare() -> tuple[float, float]:
        return _timed([sys.executable, "-c", BARE_SCRIPT, name, str(source)], env)

    def batch() -> tuple[float, float]:
        for leftover in work.glob(db.name + "*"):
            leftover.unlink()
        return _timed([docket, "batch", str(source), "--db", str(db), "--workers", "1", "--quiet"], env)

    def read() -> tuple[float, float]:
        return _timed([docket, "read", str(source), "--json"], env, stdout=work / f"e2e-{n}.jsonl")

    runs: dict[str, Any] = {"bare": bare, "batch": batch, "read": read}
    if before is not None:
        old_env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(before), env.get("PYTHONPATH")]))}

        def batch_before() -> tuple[float, float]:
            for leftover in work.glob(db.name + "*"):
                leftover.unlink()
            cmd = [docket, "batch", str(source), "--db", str(db), "--workers", "1", "--quiet"]
            return _timed(cmd, old_env)

        def read_before() -> tuple[float, float]:
            return _timed(
                [docket, "read", str(source), "--json"], old_env, stdout=work / f"e2e-{n}-before.jsonl"
            )

        runs.update({"batch_before": batch_before, "read_before": read_before})
    order = list(runs)
    seconds: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for r in range(rounds):
        turn = order[r % len(order) :] + order[: r % len(order)]
        for which in turn:
            wall, used = runs[which]()
            seconds[which].append(wall)
            cpu[which].append(used)
    total = {k: sum(v) for k, v in seconds.items()}
    total_cpu = {k: sum(v) for k, v in cpu.items()}
    return {
        "docs": n,
        "rounds": rounds,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "docs_per_s": {k: n * rounds / v for k, v in total.items()},
        "batch_ratio": total["bare"] / total["batch"],
        "read_ratio": total["bare"] / total["read"],
        "batch_cpu_ratio": total_cpu["bare"] / total_cpu["batch"],
        "read_cpu_ratio": total_cpu["bare"] / total_cpu["read"],
        **{f"{k}_ratio": total["bare"] / total[k] for k in ("batch_before", "read_before") if k in total},
        **{
            f"{k}_cpu_ratio": total_cpu["bare"] / total_cpu[k]
            for k in ("batch_before", "read_before")
            if k in total
        },
    }


def main(argv: list[str]) -> int:
    if argv[:2] == ["--measure", "--"]:
        return _measure_child(argv[2:])
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--ratio-docs", type=int, default=2000)
    parser.add_argument("--batch-docs", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--memory-docs", default="2000,all", help="two sizes; 'all' is the whole corpus")
    parser.add_argument("--e2e-docs", default="600,2000", help="e2e: the sizes to run, comma-separated")
    parser.add_argument("--e2e-rounds", type=int, default=3, help="e2e: rounds of the three processes")
    parser.add_argument(
        "--e2e-before",
        type=Path,
        default=None,
        help="e2e: also time batch and read of the docket package in this folder (e.g. an older src/)",
    )
    parser.add_argument(
        "--exclude", default=None, help="model components docket leaves out (default: the setting)"
    )
    parser.add_argument("--only", choices=("ratio", "batch", "memory", "e2e"), action="append")
    parser.add_argument(
        "--no-stand-ins",
        action="store_true",
        help="ratio: run the model's own attribute_ruler, lemmatizer and ner (docket before its stand-ins)",
    )
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "out" / "throughput.json")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(
            f"{args.corpus}: no such corpus; pass --corpus PATH (JSON Lines with a 'text' field)",
            file=sys.stderr,
        )
        return 1

    from docket import settings

    conf = settings.load()
    exclude = conf.model_exclude if args.exclude is None else tuple(x for x in args.exclude.split(",") if x)
    env = {**os.environ, "DOCKET_MODEL_EXCLUDE": ",".join(exclude)}
    wanted = set(args.only or ("ratio", "batch", "memory", "e2e"))
    report: dict[str, Any] = {"corpus": str(args.corpus), "cpus": os.cpu_count(), "load_avg": os.getloadavg()}
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in report['load_avg'])}")

    if "ratio" in wanted:
        texts = [s["text"] for s in stories(args.corpus, args.ratio_docs)]
        r = ratio(texts, exclude, conf.model, conf.entities, not args.no_stand_ins, conf.parser)
        report["ratio"] = r
        left_out = ", ".join(exclude) or "nothing"
        print(
            f"ratio on {r['docs']} stories ({r['model']}; docket leaves out: {left_out}; "
            f"entities: {r['entities']}; parser: {r['parser']})"
        )
        print(f"  bare nlp.pipe     {r['bare_docs_per_s']:8.1f} docs/s   {' '.join(r['bare_components'])}")
        print(
            f"  docket pipeline   {r['docket_docs_per_s']:8.1f} docs/s   {' '.join(r['docket_components'])}"
        )
        print(
            f"  ratio (docket / bare) {r['ratio']:.2f} (by CPU time {r['cpu_ratio']:.2f}); "
            f"stage failures: {r['docket_failed_docs']}"
        )
        for label, parts in (("bare", r["bare_profile_s"]), ("docket", r["docket_profile_s"])):
            total = sum(parts.values())
            shares = ", ".join(
                f"{k} {v / total:.0%}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
            )
            print(f"  {label} time by component ({total:.1f} s): {shares}")
        for label, parts in (("bare", r["bare_profile_cpu_s"]), ("docket", r["docket_profile_cpu_s"])):
            seconds = ", ".join(f"{k} {v:.2f}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))
            print(f"  {label} CPU seconds by component ({sum(parts.values()):.1f} s): {seconds}")

    with tempfile.TemporaryDirectory(prefix="docket-bench-") as tmp:
        work = Path(tmp)
        runs: dict[tuple[int | None, int], dict[str, Any]] = {}
        if "e2e" in wanted:
            report["e2e"] = []
            for size in args.e2e_docs.split(","):
                limit = None if size == "all" else int(size)
                e = end_to_end(args.corpus, limit, args.e2e_rounds, conf.model, work, env, args.e2e_before)
                report["e2e"].append(e)
                rates = e["docs_per_s"]
                print(
                    f"end to end, {e['docs']} stories, {e['rounds']} rounds taking turns (whole processes): "
                    f"bare nlp.pipe script {rates['bare']:.1f} docs/s, docket batch --workers 1 "
                    f"{rates['batch']:.1f}, docket read --json {rates['read']:.1f}"
                )
                print(
                    f"  ratio batch / bare {e['batch_ratio']:.2f}, read / bare {e['read_ratio']:.2f} "
                    f"(goal >= 1.3); by CPU time {e['batch_cpu_ratio']:.2f}, {e['read_cpu_ratio']:.2f}"
                )
                if "batch_before_ratio" in e:
                    print(
                        f"  --e2e-before {args.e2e_before}: batch / bare {e['batch_before_ratio']:.2f} "
                        f"(CPU {e['batch_before_cpu_ratio']:.2f}), read / bare {e['read_before_ratio']:.2f} "
                        f"(CPU {e['read_before_cpu_ratio']:.2f})"
                    )
                for label, key in (("wall", "seconds"), ("CPU", "cpu_seconds")):
                    print(
                        f"  {label} seconds per round: "
                        + "; ".join(f"{k} {' '.join(f'{x:.1f}' for x in v)}" for k, v in e[key].items())
                    )

        def run(limit: int | None, workers: int) -> dict[str, Any]:
            if (limit, workers) not in runs:
                runs[limit, workers] = batch_run(args.corpus, limit, workers, work, env)
            return runs[limit, workers]

        if "batch" in wanted:
            report["batch"] = []
            for w in (int(x) for x in args.workers.split(",")):
                got = run(args.batch_docs, w)
                report["batch"].append(got)
                print(
                    f"docket batch, {got['docs']} stories, {w} worker(s): {got['docs_per_s']:.1f} docs/s, "
                    f"peak RSS {got['peak_rss_mib']:.0f} MiB ({got['stdout']})"
                )
        if "memory" in wanted:
            small_s, large_s = args.memory_docs.split(",")
            small = run(None if small_s == "all" else int(small_s), 1)
            large = run(None if large_s == "all" else int(large_s), 1)
            growth = large["peak_rss_mib"] / small["peak_rss_mib"]
            report["memory"] = {"small": small, "large": large, "growth": growth}
            print(
                f"memory: peak RSS {small['peak_rss_mib']:.0f} MiB for {small['docs']} stories, "
                f"{large['peak_rss_mib']:.0f} MiB for {large['docs']} ({growth:.2f}x; goal <= 1.3x); "
                f"{large['docs_per_s']:.1f} docs/s on the whole run ({large['stdout']})"
            )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
