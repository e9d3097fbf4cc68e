#!/usr/bin/env python3
"""Check that a change leaves docket's output byte-identical.

usage: same_output.py record OUT [--reuters N] [--shared DIR] [--src DIR]
       same_output.py compare BASELINE [--reuters N] [--shared DIR] [--src DIR] [--skip timexes,...]
       same_output.py check BASELINE --head FILE... [--reuters N] [--shared DIR] [--skip ...]

`record` writes the JSON Lines that `docket read --json --published 2024-09-07`
prints for the bundled sample articles, the golden test articles, the reference
article under --shared (../shared by default) and the first N Reuters-21578
stories. `compare` records the current output the same way and diffs it with
BASELINE record by record, matched by document id (articles added or edited
since the baseline are counted, not compared); with --skip, those record
sections are left out of the comparison on both sides (for instance while
another stage is still changing).
Exit status 0 when identical, 1 when not.

When other files change underneath (another stage being edited), `check` takes
the baseline afresh from a copy of the current tree in which only the files given
to --head are put back as git HEAD has them, then compares the current tree with
it, in one go:

    same_output.py check /tmp/base.jsonl --head src/docket/extract/certainty/component.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = "2024-09-07"


def inputs(shared: Path, reuters: int, workdir: Path) -> list[Path]:
    paths = sorted((REPO / "src" / "docket" / "data" / "sample" / "iraq").glob("*.txt"))
    paths += sorted((REPO / "tests" / "golden" / "articles").glob("*/*.txt"))
    seed = shared / "seed" / "us-iraq-withdrawal.txt"
    if seed.exists():
        paths.append(seed)
    corpus = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    if reuters > 0 and corpus.exists():
        out = workdir / "reuters.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if n >= reuters:
                    break
                dst.write(line)
        paths.append(out)
    return paths


def run(shared: Path, reuters: int, src: Path | None = None) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = inputs(shared, reuters, Path(tmp))
        env = dict(os.environ, DOCKET_CHECK_LANGUAGE="0")
        if src is not None:  # another copy of the package, e.g. the code before a change
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
        cmd = [sys.executable, "-m", "docket", "read", "--json", "--published", PUBLISHED]
        proc = subprocess.run(
            cmd + [str(p) for p in paths], capture_output=True, text=True, env=env, check=False
        )
    # status 1 means some inputs were refused (they are reported and skipped): the rest still counts
    if proc.returncode not in (0, 1) or not proc.stdout:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"docket read failed with status {proc.returncode}")
    return proc.stdout.splitlines()


def _without(line: str, skip: list[str]) -> str:
    if not skip:
        return line
    obj: dict[str, Any] = json.loads(line)
    for key in skip:
        obj.pop(key, None)
    return json.dumps(obj, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["record", "compare", "check"])
    parser.add_argument(
        "file", type=Path, help="the baseline (record: written; compare, check: read/written)"
    )
    parser.add_argument(
        "--head", nargs="*", default=[], help="check: files (under the repo) to take from git HEAD"
    )
    parser.add_argument("--reuters", type=int, default=300)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--src", type=Path, help="run the docket package found in this folder instead")
    parser.add_argument("--skip", default="", help="record sections to leave out of the comparison")
    args = parser.parse_args(argv)
    if args.action == "check":
        with tempfile.TemporaryDirectory() as tmp:
            ref = Path(tmp)
            shutil.copytree(REPO / "src" / "docket", ref / "docket")
            for name in args.head:
                rel = Path(name).resolve().relative_to(REPO / "src")
                shown = subprocess.run(
                    ["git", "-C", str(REPO), "show", f"HEAD:src/{rel.as_posix()}"],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                (ref / rel).write_text(shown.stdout, encoding="utf-8")
            base_lines = run(args.shared, args.reuters, ref)
        args.file.write_text("\n".join(base_lines) + "\n", encoding="utf-8")
        print(f"baseline: {len(base_lines)} records with {len(args.head)} files as in HEAD, in {args.file}")
    lines = run(args.shared, args.reuters, args.src)
    if args.action == "record":
        args.file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} records written to {args.file}")
        return 0
    skip = [s for s in args.skip.split(",") if s]
    base = _by_document(args.file.read_text(encoding="utf-8").splitlines())
    now = _by_document(lines)
    common = [key for key in now if key in base]
    differ = 0
    for key in common:
        old, new = base[key], now[key]
        if _without(old, skip) != _without(new, skip):
            differ += 1
            if differ <= 10:
                was, got = json.loads(old), json.loads(new)
                parts = [k for k in sorted(set(was) | set(got)) if was.get(k) != got.get(k)]
                print(
                    f"record of {key[:12]} ({was['document'].get('url') or ''}) differs in: "
                    + ", ".join(parts)
                )
    extra = len(now) - len(common)
    gone = len(base) - len(common)
    print(
        f"{len(common)} records compared, {differ} differ"
        + (f" (ignoring {', '.join(skip)})" if skip else "")
        + (
            f"; {extra} new articles not in the baseline, {gone} baseline articles gone"
            if extra or gone
            else ""
        )
    )
    return 1 if differ else 0


def _by_document(lines: list[str]) -> dict[str, str]:
    """Each record line by its document id (the SHA-256 of the text): inputs may come and go."""
    out: dict[str, str] = {}
    for line in lines:
        if line.strip():
            out[json.loads(line)["document"]["id"]] = line
    return out


if __name__ == "__main__":
    raise SystemExit(main())
