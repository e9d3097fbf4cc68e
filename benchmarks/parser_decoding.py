#!/usr/bin/env python3
"""The parser's decoding, docket's (``fast_parser``) against spaCy's own loop: the same parse, less time.

usage: parser_decoding.py [--reuters N] [--wikinews M] [--batch B] [--rounds R]

Takes the first N Reuters-21578 stories and the first M Wikinews articles (under
../shared/corpora), runs docket's pipeline up to the parser on them (tok2vec, tagger,
paragraph_starts), then parses copies of those docs in batches of B, as ``docket read``
and ``batch`` hand them on, once with the model's parser (spaCy's loop) and once with
``fast_parser``, taking turns for R rounds. Prints how many docs differ in any way
(heads, labels, sentence starts: the docs' bytes compared, but docket's state), and the CPU seconds of
each (the least over the rounds) with their ratio. Exit status 1 when any doc differs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


def texts(path: Path, limit: int) -> list[str]:
    if limit <= 0 or not path.exists():
        return []
    out: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


def _bytes(doc: Any) -> bytes:
    """All the doc holds but docket's own state (user_data, which msgpack cannot carry)."""
    data: bytes = doc.to_bytes(exclude=["user_data"])
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reuters", type=int, default=1000)
    parser.add_argument("--wikinews", type=int, default=400)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)

    from spacy.tokens import Doc

    from docket import pipeline
    from docket.parse_speed import FastParser
    from docket.record import Document

    stories = texts(CORPORA / "reuters21578" / "reuters21578.jsonl.gz", args.reuters)
    stories += texts(CORPORA / "wikinews" / "articles.jsonl.gz", args.wikinews)
    if not stories:
        print("no stories found under", CORPORA)
        return 1
    nlp = pipeline.load(parser="spacy")
    names = nlp.pipe_names
    before = names[: names.index("parser")]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe((pipeline.make_doc(nlp, Document.from_text(t)) for t in stories), batch_size=64))
    spacy_parser = nlp.get_pipe("parser")
    fast = FastParser(spacy_parser)
    if fast.decoder is None:
        print("fast_parser cannot score this model as spaCy does: it uses spaCy's loop throughout")

    def parse(run: Callable[[list[Doc]], Any]) -> tuple[list[Doc], float]:
        copies = [doc.copy() for doc in docs]
        started = time.process_time()
        for i in range(0, len(copies), args.batch):
            for _ in run(copies[i : i + args.batch]):
                pass
        return copies, time.process_time() - started

    seconds: dict[str, list[float]] = {"spacy": [], "fast": []}
    differ = 0
    for n in range(args.rounds):
        order = ("spacy", "fast") if n % 2 == 0 else ("fast", "spacy")
        done: dict[str, list[Doc]] = {}
        for which in order:
            if which == "spacy":
                done[which], s = parse(lambda batch: spacy_parser.pipe(batch, batch_size=args.batch))
            else:
                done[which], s = parse(lambda batch: fast.pipe(batch, batch_size=args.batch))
            seconds[which].append(s)
        differ = sum(_bytes(a) != _bytes(b) for a, b in zip(done["spacy"], done["fast"], strict=True))
    tokens = sum(len(doc) for doc in docs)
    spacy_s, fast_s = min(seconds["spacy"]), min(seconds["fast"])
    print(f"{len(docs)} docs ({tokens} tokens), batches of {args.batch}: {differ} parsed differently")
    print(f"  spaCy's loop  {spacy_s:6.2f} s CPU")
    print(f"  fast_parser   {fast_s:6.2f} s CPU   ({spacy_s / fast_s:.2f}x)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
