"""Precision and recall of wire-copy detection (docket.wire.copies) on pairs built for it.

Pairs, each labelled without asking the detector:

- outlet copies (positive), made from Reuters-21578 stories and the development articles the
  way outlets republish a wire report: the same text under another headline; trimmed to its
  first paragraphs; padded with an outlet's byline, dateline and closing lines (and a
  background paragraph of its own); a paragraph dropped; the wire's shorthand spelled out
  ("pct" -> "percent", "mln" -> "million", "said" -> "says"); and mixes of these;
- the wire's own repeats (positive): Reuters-21578 stories sent twice under two ids, with the
  same text or with a word or two changed (aligned by difflib, 90% of the shorter one's words
  in blocks matched in order, the shorter at least 30% of the longer, 90% of its figures in
  the longer);
- hard negatives: for each Reuters story of --min-words words or more, the other story that
  shares the most sampled shingles with it while difflib aligns under half of the shorter
  one's words or half its figures differ (template siblings: another day's Treasury balances,
  another company's stake filing, another bond issue); and every pair of development articles
  within one story (two outlets telling one event in their own words).

Each pair goes through a fresh CopyIndex: the original first, then the other; a pair counts as
found when the second is marked a copy of the first. Originals of fewer than --min-words words
are left out (too short to tell a copy from a template; the detector never marks them).

    .venv/bin/python benchmarks/copy_eval.py            # 400 Reuters originals, seed 7
    .venv/bin/python benchmarks/copy_eval.py --stories 2000 --seed 3 --json
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import difflib
import gzip
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from docket.wire import copies  # noqa: E402
from docket.wire.copies import CopyIndex, Known, shingles, sketch, words  # noqa: E402

REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
DEV = [ROOT / "src" / "docket" / "data" / "sample", ROOT / "tests" / "golden" / "articles"]

# What outlets put around a wire story: bylines, datelines, closing lines.
BYLINES = ["By Staff Writer", "By our correspondent", "From wire reports", "Staff and agencies"]
OUTLETS = ["Daily Times", "The Morning Ledger", "Harbour Post", "Valley Courier", "Capital Herald"]
CLOSINGS = [
    "Copyright {outlet}. All rights reserved.",
    "Follow {outlet} for more news and updates.",
    "Read more: the latest business and world news from {outlet}.",
    "This story was updated with additional reporting.",
]
SPELLED = {
    "pct": "percent",
    "mln": "million",
    "dlrs": "dollars",
    "billion dlrs": "billion dollars",
    "said": "says",
}


@dataclass(frozen=True)
class Story:
    id: str
    text: str
    published: dt.date | None


@dataclass(frozen=True)
class Pair:
    kind: str
    first: Story
    second: Story
    copy: bool


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def make_copy(story: Story, how: tuple[str, ...], rng: random.Random, donors: list[Story]) -> Story:
    paras = paragraphs(story.text)
    outlet = rng.choice(OUTLETS)
    if "trim" in how and len(paras) > 2:
        keep = max(1, round(len(paras) * rng.uniform(0.4, 0.8)))
        paras = paras[:keep]
    if "drop" in how and len(paras) > 3:
        del paras[rng.randrange(1, len(paras) - 1)]
    if "spell" in how:
        for wire, plain in SPELLED.items():
            paras = [re.sub(rf"\b{wire}\b", plain, p) for p in paras]
    if "pad" in how:
        donor = rng.choice(donors)
        background = paragraphs(donor.text)[0]
        paras = [
            f"{rng.choice(BYLINES)} | {outlet}",
            *paras,
            background,
            rng.choice(CLOSINGS).format(outlet=outlet),
        ]
    text = "\n\n".join(paras)
    return Story(f"{story.id}~{'+'.join(how) or 'retitled'}", text, story.published)


COPY_KINDS: tuple[tuple[str, ...], ...] = (
    (),
    ("trim",),
    ("pad",),
    ("drop",),
    ("spell",),
    ("trim", "pad"),
    ("pad", "drop"),
    ("trim", "spell"),
    ("trim", "pad", "spell"),
)


def aligned_share(a: list[str], b: list[str]) -> float:
    """Of the shorter word list, the share in blocks difflib matches in order with the longer."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / max(1, len(short))


def figure_share(a: str, b: str) -> float:
    """Of the shorter text's numbers, the share the longer one also writes (1.0 when it has under 3):
    one template filled with another day's or another company's figures is another report."""
    short, long = sorted((a, b), key=len)
    mine = set(re.findall(r"\d[\d.,/-]*", short))
    if len(mine) < 3:
        return 1.0
    return len(mine & set(re.findall(r"\d[\d.,/-]*", long))) / len(mine)


def load_reuters() -> list[Story]:
    stories = []
    with gzip.open(REUTERS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            day = dt.date.fromisoformat(d["published"][:10]) if d.get("published") else None
            stories.append(Story(d["id"], d["text"], day))
    return stories


def load_dev() -> dict[str, list[Story]]:
    by_story: dict[str, list[Story]] = collections.defaultdict(list)
    for base in DEV:
        for path in sorted(base.rglob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            day = None
            if raw.startswith("---"):
                head, _, body = raw[3:].partition("\n---\n")
                m = re.search(r"published:\s*(\d{4}-\d{2}-\d{2})", head)
                day = dt.date.fromisoformat(m.group(1)) if m else None
            else:
                body = raw
            by_story[path.parent.name].append(Story(path.name, body, day))
    return by_story


def build_pairs(stories: int, seed: int, min_words: int) -> list[Pair]:
    rng = random.Random(seed)
    corpus = load_reuters()
    long_enough = [s for s in corpus if len(words(s.text)) >= min_words]
    chosen = rng.sample(long_enough, min(stories, len(long_enough)))
    pairs: list[Pair] = []
    for story in chosen:
        how = rng.choice(COPY_KINDS)
        pairs.append(Pair("outlet copy of a Reuters story", story, make_copy(story, how, rng, corpus), True))

    dev = load_dev()
    dev_all = [s for group in dev.values() for s in group]
    for story in dev_all:
        how = rng.choice(COPY_KINDS[1:])
        pairs.append(
            Pair("outlet copy of a development article", story, make_copy(story, how, rng, dev_all), True)
        )
    for group in dev.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pairs.append(Pair("two outlets, one event, own words (development)", a, b, False))

    # The corpus's own repeats and its template siblings, among the stories that share sampled shingles.
    index: dict[int, list[int]] = collections.defaultdict(list)
    hashes = [shingles(s.text) for s in corpus]
    word_lists = [words(s.text) for s in corpus]
    for i, h in enumerate(hashes):
        for key in sketch(h):
            index[key].append(i)
    nearest_for: dict[int, tuple[int, int]] = {}
    seen_pairs: set[tuple[int, int]] = set()
    for i in range(len(corpus)):
        if len(word_lists[i]) < min_words:
            continue
        counts: collections.Counter[int] = collections.Counter()
        for key in sketch(hashes[i]):
            for j in index[key]:
                if j != i and len(word_lists[j]) >= min_words:
                    counts[j] += 1
        for j, n in counts.most_common():
            pair = (min(i, j), max(i, j))
            if pair in seen_pairs:
                continue
            a, b = word_lists[i], word_lists[j]
            if corpus[i].text == corpus[j].text:
                seen_pairs.add(pair)
                pairs.append(Pair("Reuters repeat, same text", corpus[pair[0]], corpus[pair[1]], True))
                continue
            if n < 2:
                break
            share = aligned_share(a, b)
            ratio = min(len(a), len(b)) / max(len(a), len(b))
            same_figures = figure_share(corpus[i].text, corpus[j].text)
            if share >= 0.9 and ratio >= 0.3 and same_figures >= 0.9:
                seen_pairs.add(pair)
                pairs.append(Pair("Reuters repeat, words changed", corpus[pair[0]], corpus[pair[1]], True))
            elif (share < 0.5 or same_figures < 0.5) and i not in nearest_for:
                nearest_for[i] = (j, n)
    for i, (j, _) in nearest_for.items():
        pair = (min(i, j), max(i, j))
        if pair not in seen_pairs:
            seen_pairs.add(pair)
            pairs.append(
                Pair("Reuters template sibling (hard negative)", corpus[pair[0]], corpus[pair[1]], False)
            )
    return pairs


def found(pair: Pair) -> bool:
    index = CopyIndex()
    first, second = pair.first, pair.second
    index.add(first.id, first.text, first.published)
    index.add(second.id, second.text, second.published)
    return index.copy_of(second.id) == first.id or index.copy_of(first.id) == second.id


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=400, help="Reuters stories to copy (default 400)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--min-words", type=int, default=80)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="also print P/R at other containment thresholds")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and false alarms")
    args = parser.parse_args()
    if not REUTERS.exists():
        sys.exit(f"{REUTERS} is missing: this benchmark needs the shared Reuters-21578 corpus")

    pairs = build_pairs(args.stories, args.seed, args.min_words)
    rows: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    tp = fp = fn = tn = 0
    wrong: list[tuple[Pair, bool]] = []
    for pair in pairs:
        said = found(pair)
        rows[pair.kind][0] += 1
        rows[pair.kind][1] += said == pair.copy
        tp += said and pair.copy
        fp += said and not pair.copy
        fn += (not said) and pair.copy
        tn += (not said) and not pair.copy
        if said != pair.copy:
            wrong.append((pair, said))
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    if args.json:
        out = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "pairs": len(pairs),
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "by_kind": {k: {"pairs": n, "right": r} for k, (n, r) in rows.items()},
        }
        print(json.dumps(out, indent=2))
        return
    print(f"{'pairs':<52} {'n':>5} {'right':>6}")
    for kind, (n, right) in sorted(rows.items()):
        print(f"{kind:<52} {n:>5} {right:>6}")
    print(f"\ncopies {tp + fn}, not copies {fp + tn}: precision {precision:.3f}, recall {recall:.3f}")
    print(f"(tp {tp}, fp {fp}, fn {fn}, tn {tn}; seed {args.seed}, {args.stories} stories copied)")
    if args.sweep:
        print("\nother thresholds of containment (pairs measured directly, without the sketch):")
        measured = [
            (
                Known.of(p.first.id, p.first.text, None).likeness(Known.of(p.second.id, p.second.text, None)),
                p.copy,
            )
            for p in pairs
        ]
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
            said = [
                (
                    lk.shared >= copies.MIN_SHINGLES
                    and lk.containment >= threshold
                    and lk.resemblance >= copies.MIN_RESEMBLANCE
                    and lk.figures_kept >= copies.MIN_FIGURES_KEPT,
                    truth,
                )
                for lk, truth in measured
            ]
            t = sum(1 for d, truth in said if d and truth)
            f = sum(1 for d, truth in said if d and not truth)
            m = sum(1 for d, truth in said if not d and truth)
            print(
                f"  containment >= {threshold:.1f}: "
                f"precision {t / max(1, t + f):.3f}, recall {t / max(1, t + m):.3f}"
            )
    for pair, said in wrong[: args.show]:
        label = "false alarm" if said else "missed"
        print(f"\n--- {label}: {pair.kind}: {pair.first.id} / {pair.second.id}")
        print(pair.first.text[:300].replace("\n", " "))
        print("...")
        print(pair.second.text[:300].replace("\n", " "))


if __name__ == "__main__":
    main()
