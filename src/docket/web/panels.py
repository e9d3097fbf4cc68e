"""The sources panel of a story: who its articles cite, named and anonymous, with relay chains."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docket.web.corpus import Snapshot


@dataclass
class SourceRow:
    label: str
    kind: str
    role: str | None
    affiliation: str | None
    count: int | None
    mentions: int = 0
    docs: set[str] = field(default_factory=set)
    chains: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "count": self.count,
            "mentions": self.mentions,
            "documents": sorted(self.docs),
            "chains": sorted(self.chains),
        }


def _known(published: dt.date | None, as_of: dt.date) -> bool:
    return published is None or published <= as_of


def _label(data: dict[str, Any]) -> str:
    return str(data.get("name") or data.get("text") or "?")


def sources(snap: Snapshot, documents: Iterable[str], as_of: dt.date) -> list[SourceRow]:
    """The sources of ``documents`` published by ``as_of``, merged by kind, name and affiliation."""
    wanted = {d for d in documents if d in snap.docs and _known(snap.docs[d].published, as_of)}
    per_doc: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for s in snap.sources:
        if s.doc in wanted:
            per_doc[s.doc][s.id] = s.data
    rows: dict[tuple[str, str, str], SourceRow] = {}
    for doc_id, items in per_doc.items():  # snapshot order: by document id, deterministic
        outlet = snap.docs[doc_id].outlet
        for sid, data in items.items():
            label = _label(data)
            kind = str(data.get("kind", ""))
            key = (kind, label.lower(), str(data.get("affiliation") or ""))
            row = rows.setdefault(
                key, SourceRow(label, kind, data.get("role"), data.get("affiliation"), data.get("count"))
            )
            row.mentions += 1
            row.docs.add(doc_id)
            if data.get("count") is not None:
                row.count = max(row.count or 0, int(data["count"]))
            chain = [label]
            via, seen = data.get("via"), {sid}
            while via and via in items and via not in seen:  # officials -> agency -> outlet
                seen.add(via)
                chain.append(_label(items[via]))
                via = items[via].get("via")
            if outlet and outlet not in chain:
                chain.append(outlet)
            if len(chain) > 1:
                row.chains.add(" → ".join(chain))
    order = {"named": 0, "organization": 1, "anonymous": 2}
    return sorted(rows.values(), key=lambda r: (order.get(r.kind, 3), -len(r.docs), r.label.lower()))
