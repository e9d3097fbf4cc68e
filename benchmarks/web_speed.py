"""How fast the viewer renders its pages: on the bundled sample story and on a 10,000-document store.

    .venv/bin/python benchmarks/web_speed.py                 # both stores, 5 warm runs a page
    .venv/bin/python benchmarks/web_speed.py --docs 2000 --repeat 3
    .venv/bin/python benchmarks/web_speed.py --sample-only

The sample store is read through the real pipeline; the large one is made of
tests/synthetic.py records (staged withdrawals between pairs of countries,
~1,500 characters each, with times, counts, sources, events and commitments).
Pages are requested in-process (Starlette's TestClient), so the figures are the
server's render time without network. "first" is the first request after start
(it merges the story index); "median" and "max" are over the warm repeats.
Targets (issue 7): under 300 ms a page on the sample store, under 1 s on 10,000
documents. Results also go to benchmarks/out/web_speed.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "docket" / "data" / "sample"
TODAY = dt.date(2025, 10, 15)


def build_sample(path: Path, sample: Path) -> None:
    from docket import pipeline
    from docket.ingest import Loaded, ReadOptions, read_inputs
    from docket.store import open_store

    nlp = pipeline.load()
    with open_store(path) as store:
        for item in read_inputs([sample], ReadOptions(check_language=False)):
            if isinstance(item, Loaded):
                try:
                    record = pipeline.extract(item.document, nlp)
                except Exception as exc:  # a stage being broken must not stop the benchmark
                    print(f"skipped {item.origin}: extraction failed ({type(exc).__name__}: {exc})")
                    continue
                store.add(record, origin=item.origin)


def build_synthetic(path: Path, n: int) -> None:
    from docket.store import open_store

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the generator the tests use
    from synthetic import records

    with open_store(path) as store:
        batch = []
        for rec in records(n):
            batch.append(rec)
            if len(batch) == 500:
                _add(store, batch)
                batch = []
        _add(store, batch)


def _add(store: Any, batch: list[Any]) -> None:
    if hasattr(store, "add_many"):
        store.add_many([(r, None) for r in batch])
    else:
        for r in batch:
            store.add(r)


def pages(client: Any) -> list[str]:
    """The pages an analyst opens: stories, the largest story, an article and its items, search, JSON."""
    stories = client.get("/api/stories").json()["stories"]
    articles = client.get("/api/articles").json()["articles"]
    urls = ["/", "/articles", "/search?q=withdraw", "/api/stories", "/api/commitments"]
    if stories:
        sid = stories[0]["id"]
        urls += [f"/stories/{sid}", f"/api/stories/{sid}", f"/api/timeline?story={sid}"]
    if articles:
        doc = articles[len(articles) // 2]["id"]
        urls += [f"/articles/{doc}", f"/articles/{doc}?item=c1", f"/api/articles/{doc}"]
    return urls


def measure(db: Path, repeat: int) -> list[dict[str, Any]]:
    from fastapi.testclient import TestClient

    from docket.store import open_store
    from docket.web.app import create_app

    store = open_store(db)
    client = TestClient(create_app(store, today=TODAY), raise_server_exceptions=False)
    t0 = time.perf_counter()
    client.get("/")
    start_ms = (time.perf_counter() - t0) * 1000
    out: list[dict[str, Any]] = []
    for url in pages(client):
        times = []
        status = 0
        for _ in range(repeat + 1):
            t = time.perf_counter()
            got = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            status = got.status_code
        first, warm = times[0], times[1:]
        out.append(
            {
                "url": url,
                "status": status,
                "first_ms": round(first, 1),
                "median_ms": round(statistics.median(warm), 1),
                "max_ms": round(max(warm), 1),
            }
        )
    out.insert(
        0,
        {
            "url": "(first request: merge the story index)",
            "status": 200,
            "first_ms": round(start_ms, 1),
            "median_ms": None,
            "max_ms": None,
        },
    )
    store.close()
    return out


def report(name: str, rows: list[dict[str, Any]], limit_ms: float) -> bool:
    print(f"\n{name} (target: every warm page under {limit_ms:.0f} ms)")
    print(f"{'page':60} {'status':>6} {'first':>9} {'median':>9} {'max':>9}")
    ok = True
    for r in rows:
        med = "" if r["median_ms"] is None else f"{r['median_ms']:.1f}"
        mx = "" if r["max_ms"] is None else f"{r['max_ms']:.1f}"
        print(f"{r['url'][:60]:60} {r['status']:>6} {r['first_ms']:>9.1f} {med:>9} {mx:>9}")
        if r["max_ms"] is not None and (r["max_ms"] > limit_ms or r["status"] != 200):
            ok = False
    print("within target" if ok else "OVER TARGET")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the synthetic store")
    parser.add_argument("--repeat", type=int, default=5, help="warm requests a page")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="folder of sample articles")
    parser.add_argument("--sample-only", action="store_true", help="skip the synthetic store")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "web_speed.json")
    args = parser.parse_args(argv)

    results: dict[str, Any] = {"today": TODAY.isoformat()}
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        sample_db = Path(tmp) / "sample.db"
        t = time.perf_counter()
        build_sample(sample_db, args.sample)
        print(f"sample store built in {time.perf_counter() - t:.1f} s")
        results["sample"] = measure(sample_db, args.repeat)
        ok &= report("sample store", results["sample"], 300)
        if not args.sample_only:
            big_db = Path(tmp) / "big.db"
            t = time.perf_counter()
            build_synthetic(big_db, args.docs)
            print(f"\nsynthetic store of {args.docs:,} documents built in {time.perf_counter() - t:.1f} s")
            results["synthetic"] = {"documents": args.docs, "pages": measure(big_db, args.repeat)}
            ok &= report(f"synthetic store, {args.docs:,} documents", results["synthetic"]["pages"], 1000)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
