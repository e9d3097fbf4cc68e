#!/usr/bin/env python3
"""How fast `docket due` and `docket timeline` answer on a large store.

Builds (once) a store of synthetic records: stories of a few articles each, every
article with a commitment, events, a count and its actors, then times:

  - the first query after the articles were added (it merges every report and
    saves the story index);
  - in one process, as the commands compute them (store open, index read, statuses
    told): `due` of the whole store, of the next 30 days and of one story, and the
    whole store's timeline streamed as stored;
  - the first `docket due` after `docket add` of 1 and of 100 new articles (fresh process,
    end to end): the stories they touch are merged again, the others kept (``--full-too``
    also times the same with every report merged again, as before the update path existed);
  - every form of `docket due` and `docket timeline` end to end, as a user runs it:
    a fresh process, its output written to a file. Tables (without --json) show a
    count and their first page; --json writes every row. Each command runs
    ``--repeat`` times; the best wall time is checked against the goal, with the CPU
    seconds of that run (wall time grows with the machine's load, CPU time less).

usage: python benchmarks/story_speed.py [--docs 100000] [--db benchmarks/out/story_speed.db]
                                        [--as-of 2026-11-29] [--repeat 3] [--rebuild] [--keep-index] [--json]
                                        [--added 1,100] [--full-too] [--only-added]

``--only-added`` times only the first `docket due` after `docket add`, each run on a fresh copy of
the current store (and of the store of what was known by ``--as-of`` beside it), both as
``due --as-of DAY`` (the reports known by that day: the whole store's index and that store's are
updated) and ``due`` of a current store (``--as-of`` a day after its last report: its index alone).

Goal (issue 6): due and timeline under 1 s on 100,000 documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docket.index.query import story_index
from docket.record import Actor, Commitment, Document, Event, Mention, Quantity, Record, Source, Timex
from docket.store import open_store

GOAL_S = 1.0

COUNTRIES = [f"C{n:02d}" for n in range(60)]
ACTIONS = ["withdraw", "release", "deploy", "sign", "reduce"]


def synthetic(n: int, rng: random.Random) -> list[Record]:
    """``n`` records in stories of 3 to 12 articles, spread over 2000-2035."""
    out: list[Record] = []
    story = 0
    while len(out) < n:
        story += 1
        a, b = rng.sample(COUNTRIES, 2)
        action = rng.choice(ACTIONS)
        start = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, 35 * 365))
        deadline = start + dt.timedelta(days=rng.randrange(30, 900))
        for k in range(rng.randint(3, 12)):
            if len(out) >= n:
                break
            day = start + dt.timedelta(days=k * rng.randint(5, 40))
            out.append(_article(story, k, a, b, action, day, deadline, rng))
    return out


def _article(
    story: int, k: int, a: str, b: str, action: str, day: dt.date, deadline: dt.date, rng: random.Random
) -> Record:
    due_text = deadline.strftime("%B %d, %Y")
    body = (
        f"Story {story} report {k}: {a} will {action} its forces from {b} by {due_text}, officials said. "
        f"{a} has about {rng.randint(1, 90) * 100} troops in {b}. "
        f"Talks between {a} and {b} took place on {day.isoformat()}."
    )
    if k > 3 and rng.random() < 0.3:
        body += f" {a} has completed the {action} operation."
    text = body
    at = text.index(due_text)
    day_at = text.index(day.isoformat())
    c_start = text.index(f"{a} will")
    q_text = text[text.index("about") : text.index(" troops") + len(" troops")]
    q_at = text.index(q_text)
    timexes = [
        Timex(
            id="t1",
            text=due_text,
            start=at,
            end=at + len(due_text),
            type="DATE",
            value=deadline.isoformat(),
            earliest=deadline,
            latest=deadline,
        ),
        Timex(
            id="t2",
            text=day.isoformat(),
            start=day_at,
            end=day_at + 10,
            type="DATE",
            value=day.isoformat(),
            earliest=day,
            latest=day,
        ),
    ]
    mentions_a = [Mention(text=a, start=i, end=i + len(a)) for i in _all(text, a)]
    mentions_b = [Mention(text=b, start=i, end=i + len(b)) for i in _all(text, b)]
    events = [
        Event(
            id="e1",
            type="CONSULT",
            action="negotiate",
            text="Talks",
            start=text.index("Talks"),
            end=text.index("Talks") + 5,
            agents=[a, b],
            time="t2",
            status="occurred",
            certainty="certain",
        ),
    ]
    if "completed" in text:
        s = text.index("completed")
        events.append(
            Event(
                id="e2",
                type="RETREAT",
                action=action,
                text="completed",
                start=s,
                end=s + 9,
                agents=[a],
                status="occurred",
                certainty="certain",
            )
        )
    src_at = text.index("officials")
    return Record(
        document=Document.from_text(text, published=day, title=f"Story {story}, report {k}"),
        timexes=timexes,
        quantities=[
            Quantity(
                id="q1",
                text=q_text,
                start=q_at,
                end=q_at + len(q_text),
                value=float(q_text.split()[1]),
                approx=True,
                noun="troops",
            )
        ],
        actors=[
            Actor(id=a, name=a, kind="country", mentions=mentions_a),
            Actor(id=b, name=b, kind="country", mentions=mentions_b),
        ],
        sources=[
            Source(id="s1", text="officials", start=src_at, end=src_at + 9, kind="anonymous", count=None)
        ],
        events=events,
        commitments=[
            Commitment(
                id="c1",
                obligor=[a],
                parties=[a, b],
                action=action,
                object="its forces",
                deadline="t1",
                status="agreed",
                certainty="probable",
                sources=["s1"],
                start=c_start,
                end=at + len(due_text),
                text=text[c_start : at + len(due_text)],
            ),
        ],
    )


def _all(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def fill(db: Path, n: int) -> float:
    rng = random.Random(6)
    t0 = time.perf_counter()
    records = synthetic(n, rng)
    with open_store(db) as store:
        for i in range(0, len(records), 2000):
            store.add_many([(r, f"synthetic/{r.document.id[:12]}.txt") for r in records[i : i + 2000]])
    return time.perf_counter() - t0


def timed(fn: object) -> tuple[float, object]:
    """Wall seconds of a call (see also the CPU seconds printed for the commands)."""
    t0 = time.perf_counter()
    result = fn()  # type: ignore[operator]
    return time.perf_counter() - t0, result


def commands(as_of: str, story: str) -> dict[str, list[str]]:
    """Every form of the two commands a user runs, by name."""
    day = ["--as-of", as_of]
    out: dict[str, list[str]] = {}
    for form, extra in (("", []), ("_json", ["--json"])):
        out[f"due{form}"] = ["due", *day, *extra]
        out[f"due_within_30d{form}"] = ["due", *day, "--within", "30d", *extra]
        out[f"due_story{form}"] = ["due", *day, "--story", story, *extra]
        out[f"timeline{form}"] = ["timeline", *extra]
        out[f"timeline_story{form}"] = ["timeline", "--story", story, *extra]
    return out


def run_command(docket: list[str], cmd: list[str], db: Path, repeat: int) -> dict[str, float | int]:
    """Best wall seconds of ``repeat`` fresh runs with the output to a file, that run's CPU seconds
    and the output's size."""
    best: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out"
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            with target.open("wb") as sink:
                t0 = time.perf_counter()
                done = subprocess.run([*docket, *cmd, "--db", str(db)], stdout=sink, stderr=subprocess.PIPE)
                wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)}: {done.stderr.decode()}")
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            if not best or wall < best["s"]:
                best = {
                    "s": round(wall, 3),
                    "cpu_s": round(cpu, 3),
                    "mb": round(target.stat().st_size / 1e6, 2),
                }
    return best


# `docket` with the index update turned off: every report is merged again, as before it existed
_WHOLE_MERGE = (
    "import sys; from docket.index import incremental; incremental.update = lambda *a, **k: False; "
    "from docket.cli import main; sys.argv = ['docket', *sys.argv[1:]]; main()"
)


def first_due_after_adding(db: Path, counts: list[int], as_of: str, *, whole: bool) -> dict[str, float | int]:
    """Seconds of the first ``docket due`` (a fresh process) after adding each count of new synthetic
    articles (other seeds, so they start stories and join stored ones); the added ones are removed
    after (the next run of this script then merges every report again)."""
    docket = [sys.executable, "-c", _WHOLE_MERGE] if whole else [str(Path(sys.executable).parent / "docket")]
    out: dict[str, float | int] = {}
    with open_store(db) as store:
        story_index(store)
        top = store.db.execute("SELECT max(rowid) FROM documents").fetchone()[0]
    try:
        for n in counts:
            with open_store(db) as store:
                store.add_many(
                    [(r, f"added/{r.document.id[:12]}.txt") for r in synthetic(n, random.Random(900 + n))]
                )
            got = run_command(docket, ["due", "--as-of", as_of], db, 1)
            out[f"{n}"] = got["s"]
            out[f"{n}_cpu"] = got["cpu_s"]
    finally:
        with open_store(db) as store:
            store.db.execute("DELETE FROM documents WHERE rowid > ?", (top,))
    return out


# a day after every synthetic report: `due` of a store whose every report is known (its index alone)
CURRENT = "2036-12-31"


def _copy_store(db: Path, to: Path) -> Path:
    """A copy of the store file ``db`` and of the store of what was known by a day beside it."""
    target = to / db.name
    for src in db.parent.glob(db.name + "*"):
        shutil.copyfile(src, to / src.name)
    return target


def due_after_adding_fresh(db: Path, counts: list[int], as_of: str, repeat: int) -> dict[str, float | int]:
    """CPU and wall seconds of the first ``docket due`` (a fresh process) after adding each count of
    new synthetic articles to a fresh copy of the current store, as ``--as-of`` ``as_of`` and as
    of a day after its last report; the best (least CPU) of ``repeat`` copies."""
    docket = [str(Path(sys.executable).parent / "docket")]
    with open_store(db) as store:
        story_index(store)
    for day in (as_of, CURRENT):  # both saved indexes current before the copies
        run_command(docket, ["due", "--as-of", day], db, 1)
    out: dict[str, float | int] = {}
    for n in counts:
        added = [(r, f"added/{r.document.id[:12]}.txt") for r in synthetic(n, random.Random(900 + n))]
        for label, day in (("as_of", as_of), ("current", CURRENT)):
            runs = []
            for _ in range(repeat):
                with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
                    copy = _copy_store(db, Path(tmp))
                    with open_store(copy) as store:
                        store.add_many(added)
                    runs.append(run_command(docket, ["due", "--as-of", day], copy, 1))
            best = min(runs, key=lambda r: r["cpu_s"])
            out[f"{n}_{label}_cpu"] = best["cpu_s"]
            out[f"{n}_{label}"] = best["s"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("benchmarks/out/story_speed.db"))
    ap.add_argument("--as-of", default="2026-11-29", help="the day statuses are told on")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command (the best is kept)")
    ap.add_argument("--rebuild", action="store_true", help="make the store again")
    ap.add_argument("--keep-index", action="store_true", help="do not time a rebuild of the story index")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--added", default="1,100", help="new articles before the first due ('' for none)")
    ap.add_argument("--full-too", action="store_true", help="also time the first due merging every report")
    ap.add_argument(
        "--only-added",
        action="store_true",
        help="time only the first due after adding, on fresh copies of the store (see above)",
    )
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    figures: dict[str, float | int | str] = {"docs": args.docs}
    if args.rebuild and args.db.exists():
        args.db.unlink()
    if not args.db.exists():
        figures["fill_s"] = round(fill(args.db, args.docs), 2)
    if args.only_added:
        with open_store(args.db) as store:
            figures["stored_docs"] = store.counts()["documents"]
        counts = [int(x) for x in args.added.split(",") if x.strip()]
        for name, secs in due_after_adding_fresh(args.db, counts, args.as_of, args.repeat).items():
            figures[f"due_after_adding_{name}_s"] = secs
        print(json.dumps(figures) if args.json else "\n".join(f"{k:36} {v}" for k, v in figures.items()))
        return 0
    as_of = dt.date.fromisoformat(args.as_of)
    figures["as_of"] = args.as_of
    with open_store(args.db) as store:
        figures["stored_docs"] = store.counts()["documents"]
        if not args.keep_index:
            store.db.execute("DELETE FROM story_state")
        secs, index = timed(lambda: story_index(store))
        figures["index_build_s" if not args.keep_index else "index_check_s"] = round(secs, 2)
    with open_store(args.db) as store:
        index = story_index(store)
        stories = index.stories()
        story = stories[len(stories) // 2].id
        figures["stories"] = len(stories)
        secs, rows = timed(lambda: index.due(as_of, with_json=True))
        figures["due_all_s"] = round(secs, 3)
        figures["due_all_rows"] = len(rows)  # type: ignore[arg-type]
        secs, rows = timed(lambda: index.due(as_of, within=30))
        figures["due_within_30d_s"] = round(secs, 3)
        figures["due_within_30d_rows"] = len(rows)  # type: ignore[arg-type]
        secs, rows = timed(lambda: index.due(as_of, story=story))
        figures["due_one_story_s"] = round(secs, 3)
        secs, _ = timed(lambda: sum(len(x) for x in index.timeline_json()))
        figures["timeline_all_s"] = round(secs, 3)
        figures["timeline_all_entries"] = sum(index.timeline_kinds().values())
        secs, entries = timed(lambda: index.timeline(story=story))
        figures["timeline_one_story_s"] = round(secs, 3)
        figures["timeline_one_story_entries"] = len(entries)  # type: ignore[arg-type]
    docket = [str(Path(sys.executable).parent / "docket")]
    over = []
    for name, cmd in commands(args.as_of, story).items():
        got = run_command(docket, cmd, args.db, args.repeat)
        figures[f"cli_{name}_s"] = got["s"]
        figures[f"cli_{name}_cpu_s"] = got["cpu_s"]
        figures[f"cli_{name}_mb"] = got["mb"]
        if got["s"] >= GOAL_S:
            over.append(name)
    counts = [int(x) for x in args.added.split(",") if x.strip()]
    if counts:
        for whole in (False, True) if args.full_too else (False,):
            times = first_due_after_adding(args.db, counts, args.as_of, whole=whole)
            for name, secs in times.items():
                figures[f"cli_due_after_adding_{name}{'_whole_merge' if whole else ''}_s"] = secs
    figures["goal"] = f"every command under {GOAL_S:g} s" + (
        f"; over: {', '.join(over)}" if over else ": met"
    )
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
