"""How TimeML's annotators write the values of each kind of expression docket recognises.

Usage: .venv/bin/python benchmarks/timex_conventions.py [CORPUS_DIR] [--min N] [--share F]
       [--family TEXT] [--examples N]
(default corpus: ../shared/corpora/tempeval3-train, whose halves TimeBank and AQUAINT are counted apart).

Each of docket's timexes is put in a family: the grammar rule that fired (its kind and the classes of
its slots, with the unit, the relation or the word they name), plus "+date" when a duration-shaped
match made a date ("a year ago", "the past decade"), "+rate" when it made a SET ("$5 million a
year"), "+mod" when a modifier ("the end of") was added, and "@tense" for a date without a year (the
tense of its clause picks the week or the year). For each family and each half the script prints how
many there are, how often docket's value equals the gold one, and the distribution of the GOLD value's
shape (digits as 9, a day marked (<), (=) or (>) as it lies before, on or after the document's date;
"=" after a shape marks one docket writes too; NONE: the annotators tagged nothing there).
A convention is worth adopting when one gold shape docket does not write is the clear majority in
both halves: "ADOPT?" flags a family whose most frequent gold shape, not docket's, holds at least
--share of each half (with at least 3 cases in each). Meant for choosing conventions, not for scoring
(use ``docket eval timex``).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docket.evaluate.timeml import TimeMLDoc, read_dir
from docket.evaluate.timex_scores import tag_documents
from docket.extract.timex import component as timex_stage
from docket.extract.timex.grammar import Match

# (text, start, end) of a system timex -> its family, filled while the tagger runs
_FAMILIES: dict[tuple[str, int, int], str] = {}


NONE = "NONE"


def shape(value: str, dct: str = "") -> str:
    """The value with digits as 9; a day also says where it lies from the document's date (<, =, >)."""
    out = re.sub(r"\d", "9", value)
    day = value[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        out = f"{out[:10]}({'<' if day < dct else '>' if day > dct else '='}){out[10:]}"
    return out


# classes whose words are named in the family: each of their words has its own convention
_WORDY = ("REF", "SETADV", "DEICTIC", "LATEST", "TONIGHT")


# words that make a date of a duration, named in the family: each may have its own convention
_SHIFTERS = ("ago", "earlier", "later", "before", "after", "hence")
# kinds whose value hangs on the clause's tense when no year is given: the family names the tense
_TENSED = ("weekday", "weekend", "time", "date", "relpart")


def _family(match: Match, made: Any, pieces: Any, tense: str | None = None) -> str:
    timex = made[0]
    classes = []
    for slot in match.slots:
        if slot.cls in ("COMMA", "HYPHEN", "APOS", "OF", "POSS"):
            continue
        label = slot.cls
        if slot.cls in ("UNIT", "UNITS", "REL", "SPANREL", "FOLLOWING", "PART"):
            label += f"[{slot.value}]"
        elif slot.cls in _WORDY:
            label += "[" + " ".join(p.lower for p in pieces[slot.first : slot.last + 1]) + "]"
        classes.append(label)
    name = f"{match.kind}: {' '.join(classes)}"
    if match.kind in ("duration", "span", "fixed") and timex.type == "DATE":
        last = timex.text.split()[-1].lower() if timex.text.split() else ""
        name += f" +date({last})" if last in _SHIFTERS else " +date"
    if match.kind in ("duration", "span", "fixed") and timex.type == "SET":
        name += " +rate"
    if timex.mod is not None and timex.mod not in ("APPROX",) and match.kind not in ("unitend",):
        name += " +mod"
    if match.kind in _TENSED and match.get("YEAR") is None and match.get("DATESLASH") is None:
        name += f" @{tense or 'no tense'}"
    return name


def _install_recorder() -> None:
    original = timex_stage.Tagger._make

    def recording(self: Any, page: Any, matcher: Any, pieces: Any, match: Match, ctx: Any, *rest: Any) -> Any:
        made = original(self, page, matcher, pieces, match, ctx, *rest)
        if made is not None:
            timex = made[0]
            _FAMILIES[(page.text, timex.start, timex.end)] = _family(match, made, pieces, ctx.tense)
        return made

    timex_stage.Tagger._make = recording  # type: ignore[method-assign,assignment]


def _pairs(docs: Sequence[TimeMLDoc]) -> list[tuple[str, str, str, str]]:
    """(family, gold value, docket value, context) for each of docket's timexes: the value of the gold
    timex it overlaps, or NONE when it overlaps none."""
    system = tag_documents(docs)
    out = []
    for doc, found in zip(docs, system, strict=True):
        used: set[int] = set()
        for g in doc.timexes:
            best = next(
                (i for i, s in enumerate(found) if i not in used and (s.start, s.end) == (g.start, g.end)),
                None,
            )
            if best is None:
                best = next(
                    (i for i, s in enumerate(found) if i not in used and s.start < g.end and g.start < s.end),
                    None,
                )
            if best is None:
                continue
            used.add(best)
            s = found[best]
            family = _FAMILIES.get((doc.text, s.start, s.end), "?")
            left = doc.text[max(0, g.start - 50) : g.start].replace("\n", " ")
            right = doc.text[g.end : g.end + 30].replace("\n", " ")
            context = f"{doc.dct} {left}[[{g.text}|{s.text}]]{right}"
            out.append((family, g.value, s.value or "", context))
        for i, s in enumerate(found):
            if i not in used:  # tagged where the annotators saw no time: the gold "value" is NONE
                left = doc.text[max(0, s.start - 50) : s.start].replace("\n", " ")
                right = doc.text[s.end : s.end + 30].replace("\n", " ")
                context = f"{doc.dct} {left}[[{s.text}]]{right}"
                family = _FAMILIES.get((doc.text, s.start, s.end), "?")
                out.append((family, NONE, s.value or "", context))
    return out


def _distribution(rows: list[tuple[str, str, str, str]]) -> tuple[Counter[str], set[str]]:
    golds: Counter[str] = Counter(shape(gv, ctx[:10]) for _, gv, _, ctx in rows)
    ours = {shape(sv, ctx[:10]) for _, _, sv, ctx in rows}
    return golds, ours


def _cell(rows: list[tuple[str, str, str, str]], top: int = 4) -> str:
    if not rows:
        return "-"
    golds, ours = _distribution(rows)
    same = sum(gv == sv for _, gv, sv, _ in rows)
    parts = [f"{s}{'=' if s in ours else ''} {n * 100 // len(rows)}%" for s, n in golds.most_common(top)]
    return f"n={len(rows)} ok={same * 100 // len(rows)}% | " + ", ".join(parts)


def _flag(halves: list[list[tuple[str, str, str, str]]], share: float, least: int) -> str:
    """The gold shape docket does not write that holds >= share of every half, if any."""
    winners = []
    for rows in halves:
        if len(rows) < least:
            return ""
        golds, ours = _distribution(rows)
        best, n = golds.most_common(1)[0]
        if best in ours or n / len(rows) < share:
            return ""
        winners.append(best)
    return f"ADOPT? {winners[0]}" if len(set(winners)) == 1 else ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="../shared/corpora/tempeval3-train")
    ap.add_argument("--min", type=int, default=4, help="families with fewer matches in all are left out")
    ap.add_argument("--share", type=float, default=0.6, help="majority a convention needs in each half")
    ap.add_argument("--family", default="", help="list the cases of families containing this text")
    ap.add_argument("--examples", type=int, default=12, help="cases listed per family with --family")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    halves = [sub for sub in sorted(corpus.iterdir()) if sub.is_dir()] or [corpus]
    _install_recorder()
    by_half: dict[str, dict[str, list[tuple[str, str, str, str]]]] = {}
    for half in halves:
        rows = _pairs(read_dir(half))
        grouped: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for row in rows:
            grouped[row[0]].append(row)
        by_half[half.name] = grouped
    names = list(by_half)
    families = Counter(
        {f: sum(len(by_half[h].get(f, [])) for h in names) for g in by_half.values() for f in g}
    )
    print(f"gold value shapes by docket's rule family, per half ({', '.join(names)}); digits as 9, a day")
    print("as (<) (=) (>) the document's date; '=' after a shape: docket writes it too; NONE: no gold timex;")
    print("ok = docket's value equals the gold one; [n] = cases in all\n")
    flagged = 0
    for family, total in families.most_common():
        if total < args.min:
            continue
        cells = [by_half[h].get(family, []) for h in names]
        flag = _flag(cells, args.share, 3) if len(cells) > 1 else ""
        flagged += bool(flag)
        print(f"{family}  [{total}] {flag}")
        for h, rows in zip(names, cells, strict=True):
            print(f"    {h:9} {_cell(rows)}")
        if args.family and args.family in family:
            for h, rows in zip(names, cells, strict=True):
                for _, gv, sv, ctx in rows[: args.examples]:
                    print(f"      {h[:2]} {gv:14} {sv:14} {ctx}")
    shown = sum(1 for total in families.values() if total >= args.min)
    print(f"\n{shown} families shown; {flagged} with a convention held by >= {args.share:.0%} of each half")


if __name__ == "__main__":
    main()
