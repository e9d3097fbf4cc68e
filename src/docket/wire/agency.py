"""The wire service behind an outlet's copy, from where copies say so.

A copy names its agency in its dateline ("BAGHDAD (Reuters) -"), at the end of its
headline or byline ("... - Reuters", "— AFP"), or in a credit line ("Source: AP").
A mention in the body ("Reuters reported on Friday") is a source, not a byline, and
is left to the source stage. The agencies and the places they are looked for are
data (``data/wire.yaml``).
"""

from __future__ import annotations

import re
from functools import cache

from docket import data


@cache
def _rules() -> tuple[dict[str, str], list[re.Pattern[str]], list[re.Pattern[str]], int]:
    """(agency id by name, patterns of a dateline, patterns of a line naming its agency, how far
    into the text a dateline may be)."""
    conf = data.load("wire.yaml")
    by_name: dict[str, str] = {}
    for agency in conf["agencies"]:
        for name in agency["names"]:
            by_name[str(name)] = str(agency["id"])
    # longest names first, so "Thomson Reuters" wins over "Reuters"
    names = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    named = f"(?P<agency>{names})"
    dashes = "|".join(re.escape(d) for d in conf["line_end_dashes"])
    # a dateline's agency is followed by a dash: "(PA)" in "the Palestinian Authority (PA) said" is not one
    datelines = [
        re.compile(re.escape(form).replace(re.escape("{agency}"), named) + rf"\s*(?:{dashes}|:)")
        for form in conf["dateline"]
    ]
    credits = "|".join(re.escape(w) for w in conf["credit_words"])
    lines = [
        re.compile(rf"(?:^|\s)(?:{dashes})\s*{named}\s*\.?\s*$"),
        re.compile(rf"^\s*(?:{credits})\s*:?\s*{named}\s*\.?\s*$"),
    ]
    return by_name, datelines, lines, int(conf["dateline_chars"])


def find_agency(text: str, title: str | None = None) -> str | None:
    """The id of the agency a copy names as its source (``reuters``), or None."""
    by_name, datelines, line_patterns, head_chars = _rules()
    head = text[:head_chars]
    found = [m for m in (p.search(head) for p in datelines) if m is not None]
    if found:
        first = min(found, key=lambda m: m.start())
        return by_name[first.group("agency")]
    lines = [line for line in text.splitlines() if line.strip()]
    for line in (title or "", *lines[:3], *lines[-3:]):
        for pattern in line_patterns:
            m = pattern.search(line)
            if m is not None:
                return by_name[m.group("agency")]
    return None
