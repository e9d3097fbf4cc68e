"""The commitment rules' data (commitments.yaml) and its deadline phrases, read by the event stage
(conditions, obligations, deadline words) as well as the commitment stage.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from docket import data


@cache
def rules() -> dict[str, Any]:
    loaded = data.load("commitments.yaml")
    assert isinstance(loaded, dict)
    return loaded


@cache
def deadline_words() -> tuple[tuple[tuple[str, ...], int, bool], ...]:
    """(words, rank, relative) of each deadline phrase, longest first."""
    phrases = [
        (tuple(str(w).lower() for w in p["words"]), int(p["rank"]), bool(p.get("relative", False)))
        for p in rules()["deadlines"]
    ]
    return tuple(sorted(phrases, key=lambda p: -len(p[0])))
