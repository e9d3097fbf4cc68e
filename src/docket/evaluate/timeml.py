"""Read TimeML ``.tml`` files (TempEval-3 format): the text, its creation time and its TIMEX3 tags."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


class TimeMLError(ValueError):
    """A file that is not TimeML docket can read."""


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: dt.date | None
    dct_value: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def parse(content: str, name: str = "<string>") -> TimeMLDoc:
    """The TEXT of a TimeML document with the character offsets of its TIMEX3 tags in it."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise TimeMLError(f"{name}: not well-formed XML ({exc})") from None
    dct_value = None
    for dct_node in root.iter("DCT"):
        for timex in dct_node.iter("TIMEX3"):
            dct_value = timex.get("value")
    text_node = next(root.iter("TEXT"), None)
    if text_node is None:
        raise TimeMLError(f"{name}: no <TEXT> element; is it a TimeML file?")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(node: ET.Element) -> None:
        start = sum(len(p) for p in parts)
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "TIMEX3":
            end = sum(len(p) for p in parts)
            full = "".join(parts)
            timexes.append(
                GoldTimex(
                    start=start,
                    end=end,
                    text=full[start:end],
                    type=node.get("type", ""),
                    value=node.get("value", ""),
                    mod=node.get("mod") or None,
                    tid=node.get("tid"),
                )
            )

    if text_node.text:
        parts.append(text_node.text)
    for child in text_node:
        walk(child)
        if child.tail:
            parts.append(child.tail)
    text = "".join(parts)
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(name=name, text=text, dct=_date_of(dct_value), dct_value=dct_value, timexes=timexes)


def _date_of(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read(path: Path) -> TimeMLDoc:
    return parse(path.read_text(encoding="utf-8"), name=str(path))


def read_dir(folder: Path) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``folder`` (recursively), in path order."""
    return [read(p) for p in sorted(folder.rglob("*.tml"))]
