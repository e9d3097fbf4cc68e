#!/usr/bin/env python3
"""Check the golden articles and their expected-facts files.

usage: python3 tests/golden/verify_offsets.py [REPO_ROOT]

Walks tests/golden/articles/ and src/docket/data/sample/. For every
NAME.expected.yaml beside NAME.txt it checks that:
  - the article has front matter (published, title, outlet) and a body;
  - document.file names the article and document.published matches it;
  - every mapping with a string `text` and an integer `start` satisfies
    body[start:start + len(text)] == text (offsets are into the BODY: the text
    after the newline that ends the closing `---` line);
  - every actor alias and every source `text` occurs in the body;
  - every commitment deadline, event time and status deadline has a timex
    (must or should) with that value in the same file, so it can be scored.
For every story.expected.yaml it checks that the article files it names exist.
Prints one line per problem and exits 1 if there is any, else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

FOLDERS = ("tests/golden/articles", "src/docket/data/sample")
ACTOR_GROUPS = ("persons", "organizations")


def split_article(path: Path) -> tuple[dict[str, str], str]:
    """Return (front matter, body) of a .txt article."""
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise ValueError("no front matter: the file must start with a '---' line")
    end = raw.find("\n---\n", 3)
    if end < 0:
        raise ValueError("front matter is not closed by a '---' line")
    meta: dict[str, str] = {}
    for line in raw[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    return meta, raw[end + 5 :]


def spans(node: Any, where: str = "") -> Iterator[tuple[str, str, int]]:
    """Yield (where, text, start) for every mapping holding text and start."""
    if isinstance(node, dict):
        text, start = node.get("text"), node.get("start")
        if isinstance(text, str) and "start" in node:
            yield where, text, start
        for key, value in node.items():
            yield from spans(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spans(value, f"{where}[{i}]")


def check_expected(root: Path, exp: Path) -> list[str]:
    problems: list[str] = []
    rel = exp.relative_to(root)
    article = exp.with_name(exp.name[: -len(".expected.yaml")] + ".txt")
    if not article.exists():
        return [f"{rel}: no article {article.name} beside it"]
    try:
        meta, body = split_article(article)
    except ValueError as err:
        return [f"{article.relative_to(root)}: {err}"]
    for key in ("published", "title", "outlet"):
        if not meta.get(key):
            problems.append(f"{article.relative_to(root)}: front matter lacks {key!r}")
    if not body.strip():
        problems.append(f"{article.relative_to(root)}: empty body")
    try:
        gold = yaml.safe_load(exp.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        return [*problems, f"{rel}: not valid YAML ({err})"]
    doc = gold.get("document") or {}
    if doc.get("file") != str(article.relative_to(root)):
        problems.append(
            f"{rel}: document.file is {doc.get('file')!r}, want {str(article.relative_to(root))!r}"
        )
    if str(doc.get("published")) != meta.get("published"):
        problems.append(
            f"{rel}: document.published {doc.get('published')} != front matter {meta.get('published')}"
        )
    for where, text, start in spans(gold):
        if not isinstance(start, int) or isinstance(start, bool):
            problems.append(f"{rel}: {where}: start {start!r} is not an integer")
        elif body[start : start + len(text)] != text:
            found = body.find(text)
            hint = f"; first found at {found}" if found >= 0 else "; not in the body"
            there = body[start : start + len(text)]
            problems.append(f"{rel}: {where}: {text!r} not at {start} (body has {there!r}{hint})")
    for level, spec in (gold.get("actors") or {}).items():
        if not isinstance(spec, dict):
            continue
        for key, names in spec.items():
            for name in names or []:
                if isinstance(name, str) and name not in body:
                    problems.append(f"{rel}: actors.{level}.{key}: {name!r} does not occur in the body")
    timex_values = {
        (str(t.get("value")), t.get("mod"))
        for level in ("must", "should")
        for t in ((gold.get("timexes") or {}).get(level) or [])
        if isinstance(t, dict)
    }
    plain_values = {value for value, _ in timex_values}
    for section, key in (("commitments", "deadline"), ("events", "time"), ("status", "deadline")):
        for level in ("must", "should"):
            for item in (gold.get(section) or {}).get(level) or []:
                if not isinstance(item, dict) or key not in item:
                    continue
                value, mod = str(item[key]), item.get("deadline_mod")
                ok = (value, mod) in timex_values if mod else value in plain_values
                if not ok:
                    problems.append(
                        f"{rel}: {section}.{level}: {key} {value} {mod or ''} has no timex with that value"
                    )
    for level, items in (gold.get("sources") or {}).items():
        for item in items or []:
            if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"] not in body:
                problems.append(f"{rel}: sources.{level}: {item['text']!r} does not occur in the body")
    return problems


def check_story(root: Path, story: Path) -> list[str]:
    rel = story.relative_to(root)
    try:
        data = yaml.safe_load(story.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        return [f"{rel}: not valid YAML ({err})"]
    names: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("articles", "evidence", "fulfilment_evidence") and isinstance(value, list):
                    names.update(v for v in value if isinstance(v, str))
                else:
                    collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(data)
    return [
        f"{rel}: names {name!r}, which is not in {story.parent.name}/"
        for name in sorted(names)
        if not (story.parent / name).exists()
    ]


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else Path(__file__).resolve().parents[2]
    problems: list[str] = []
    n_exp = n_story = n_spans = 0
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            problems.append(f"{folder}: missing folder")
            continue
        for exp in sorted(base.rglob("*.expected.yaml")):
            if exp.name == "story.expected.yaml":
                n_story += 1
                problems += check_story(root, exp)
                continue
            n_exp += 1
            gold = yaml.safe_load(exp.read_text(encoding="utf-8")) if exp.exists() else None
            n_spans += sum(1 for _ in spans(gold)) if isinstance(gold, dict) else 0
            problems += check_expected(root, exp)
        for art in sorted(base.rglob("*.txt")):
            if not art.with_name(art.stem + ".expected.yaml").exists():
                problems.append(f"{art.relative_to(root)}: no expected-facts file beside it")
    for line in problems:
        print(line)
    print(
        f"{n_exp} expected files, {n_story} story files, {n_spans} offsets checked, {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
