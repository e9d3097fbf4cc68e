"""How often several processes opening one new store at the same moment fail.

Each round starts ``--processes`` Python processes that wait for one agreed instant and then
open (create) the same new SQLite store with docket.store.open_store; a round fails when any of
them raises. Before the schema was made under the write lock, 4 processes failed in about 3 rounds
of 5 ("not a docket store (table documents already exists)").

    .venv/bin/python benchmarks/store_race.py --rounds 20 --processes 4
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENER = """
import sys, time
from docket.store import open_store
start = float(sys.argv[2])
while time.time() < start:
    pass
try:
    open_store(sys.argv[1]).close()
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
    sys.exit(1)
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--processes", type=int, default=4)
    args = parser.parse_args()
    failed_rounds = 0
    messages: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            db = Path(tmp) / f"round{n}.db"
            start = time.time() + 1.5  # time for every process to import docket first
            procs = [
                subprocess.Popen(
                    [sys.executable, "-c", OPENER, str(db), str(start)], stdout=subprocess.PIPE, text=True
                )
                for _ in range(args.processes)
            ]
            outs = [p.communicate()[0].strip() for p in procs]
            if any(p.returncode for p in procs):
                failed_rounds += 1
                messages.update(o.replace(str(db), "DB") for o in outs if o)
    print(f"{failed_rounds} of {args.rounds} rounds had a process fail ({args.processes} processes a round)")
    for m in sorted(messages):
        print(f"  {m}")


if __name__ == "__main__":
    main()
