"""An analyst's corrections: checked, found on the index's items, recorded, undone.

The rows themselves are kept by docket.index.correction_rows (whose names this module also
gives, so callers need one module); the story index applies them every time it is built
(docket.story.corrections), so they outlive re-extraction and rebuilds.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from docket.index.correction_rows import (
    CorrectionError,
    NewCorrection,
    get,
    listed,
    record,
    undo,
)
from docket.store.sqlite import Store
from docket.story.build import Index
from docket.story.corrections import Correction

__all__ = ["CorrectionError", "listed", "undo"]  # the rows' names a caller of this module needs too

# -- checking what an analyst gives (the CLI and the viewer both come through here) -----------------

MAX_NOTE = 2000
MAX_VALUE = 300
MODS = ("START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN")
STATUSES = ("fulfilled", "broken")


def check_text(value: str | None, what: str, limit: int = MAX_VALUE) -> str | None:
    """``value`` stripped, one line of printable text of at most ``limit`` characters."""
    if value is None:
        return None
    text = " ".join(value.split())
    if not text:
        raise CorrectionError(f"{what} is empty; give a value or leave the option out")
    if len(text) > limit:
        raise CorrectionError(f"{what} is {len(text)} characters long; keep it under {limit}")
    if any(not ch.isprintable() for ch in text):
        raise CorrectionError(f"{what} holds control characters; give plain text")
    return text


def parse_deadline(text: str) -> dict[str, Any]:
    """A deadline written as a day (2026-09-15) or a TIMEX3 value (2026-09, 2026-Q3, 2026-H2, 2026,
    P6M), optionally followed by a mod (``2026 END``): {"value", "mod"}."""
    from docket.story import dates
    from docket.timex3 import value_bounds

    value, _, mod = " ".join(text.split()).partition(" ")
    kind = dates.precision(value)
    if kind == "other" or (kind != "duration" and value_bounds(value) is None):
        raise CorrectionError(
            f"deadline {text!r} is not a date; write YYYY-MM-DD or a TIMEX3 value (2026-09, 2026-Q3, "
            "2026, P6M), optionally with a mod (2026 END)"
        )
    mod_value = mod.upper() or None
    if mod_value is not None and mod_value not in MODS:
        raise CorrectionError(f"deadline mod {mod!r} is not one of {', '.join(MODS)}")
    return {"value": value, "mod": mod_value}


def parse_day(text: str, what: str) -> str:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise CorrectionError(f"{what} {text!r} is not a date; write YYYY-MM-DD") from None


def parse_stage(text: str | int) -> int:
    try:
        stage = int(text)
    except ValueError:
        raise CorrectionError(f"stage {text!r} is not a number; give 1, 2, …") from None
    if not 1 <= stage <= 99:
        raise CorrectionError(f"stage {stage} is out of range; give 1 to 99")
    return stage


def parse_span(text: str, chars: int) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        a, b = int(start), int(end)
    except ValueError:
        raise CorrectionError(f"span {text!r} is not START:END (character offsets, e.g. 120:245)") from None
    if not sep or not 0 <= a < b <= chars:
        raise CorrectionError(f"span {text!r} is not within the article (0 to {chars}, start before end)")
    return a, b


def resolve_actors(store: Store, text: str) -> list[str]:
    """Obligors written as ids or names, comma-separated ("BEL", "Belgium", "European Union")."""
    from docket import gazetteer
    from docket import settings as settings_mod

    gaz = gazetteer.load(settings_mod.load().actors_file)
    out: list[str] = []
    for part in text.split(","):
        name = check_text(part, "obligor", 120)
        if name is None:
            continue
        stored = store.db.execute(
            "SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) ORDER BY id = ? DESC LIMIT 1",
            (name, name, name),
        ).fetchone()
        if stored is not None:
            out.append(str(stored[0]))
            continue
        entry = gaz.get(name) or gaz.get(name.upper())
        form = gaz.form(name)
        by_name = [e for e in gaz.entries.values() if e.name.casefold() == name.casefold()]
        if entry is not None:
            out.append(entry.id)
        elif by_name:
            out.append(by_name[0].id)
        elif form is not None:
            out.append(form.actor)
        else:
            raise CorrectionError(
                f"obligor {name!r} is no actor docket knows; give an id or name `docket actors {name}` lists"
            )
    if not out:
        raise CorrectionError("obligor is empty; give an actor's id or name")
    return list(dict.fromkeys(out))


# -- the corrections an analyst makes ------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A merged commitment as the saved index shows it: what a correction is anchored to."""

    id: str
    document: str
    start: int
    end: int
    documents: tuple[str, ...]
    action: str
    object: str | None
    obligor: tuple[str, ...] = ()
    deadline: str | None = None
    kind: str = "commitment"  # or event

    def was(self) -> dict[str, Any]:
        return {
            "obligor": list(self.obligor),
            "action": self.action,
            "object": self.object,
            "deadline": self.deadline,
        }


def find_item(store: Store, ident: str, index: Index | None = None) -> Item:
    """The commitment ``ident`` (its id as ``due --json`` shows it, or a prefix of 5 or more), in
    the store's saved index, or in ``index`` (the viewer's, merged in memory); or the event
    ``ident`` (``v…``, as ``timeline --json`` shows it)."""
    from docket.index.query import story_index

    ident = ident.strip()
    if ident.startswith("v"):
        return find_event(store, ident, index)
    if index is not None:
        found = index.commitment(ident)
        if found is None:
            raise CorrectionError(f"no commitment {ident!r} in this store")
        return _item(found.as_dict())
    story_index(store)
    rows = store.db.execute(
        "SELECT data FROM story_commitments WHERE id = ? OR (length(?) >= 5 AND id LIKE ? || '%') LIMIT 3",
        (ident, ident, ident),
    ).fetchall()
    if not rows:
        raise CorrectionError(
            f"no commitment {ident!r}; the ids are those `docket due --json` and the viewer show"
        )
    if len(rows) > 1 and not any(json.loads(r[0])["id"] == ident for r in rows):
        raise CorrectionError(f"{ident!r} matches {len(rows)} commitments; give more of the id")
    return _item(
        next((json.loads(r[0]) for r in rows if json.loads(r[0])["id"] == ident), json.loads(rows[0][0]))
    )


def find_event(store: Store, ident: str, index: Index | None = None) -> Item:
    """The event ``ident`` (its exact id, as the timeline shows it)."""
    from docket.index.query import story_index

    if index is not None:
        event = next((e for e in index.events if e.id == ident), None)
        if event is None:
            raise CorrectionError(f"no event {ident!r} in this store")
        first = event.first
        mine: dict[str, Any] = {
            "id": event.id,
            "evidence": [first.evidence.as_dict()],
            "documents": event.documents,
            "action": first.action,
            "obligor": list(first.agents),
        }
        return replace(_item(mine), kind="event")
    story_index(store)
    row = store.db.execute(
        "SELECT data FROM story_timeline WHERE item = ? AND kind = 'event' LIMIT 1", (ident,)
    ).fetchone()
    if row is None:
        raise CorrectionError(f"no event {ident!r}; the ids are those `docket timeline --json` shows")
    entry = json.loads(row[0])
    data: dict[str, Any] = {**entry, "id": ident, "obligor": entry.get("actors") or [], "object": None}
    return replace(_item(data), kind="event")


def _item(data: dict[str, Any]) -> Item:
    first = data["evidence"][0]
    return Item(
        id=data["id"],
        document=first["document"],
        start=int(first["start"]),
        end=int(first["end"]),
        documents=tuple(data.get("documents") or ()),
        action=data.get("action") or "",
        object=data.get("object"),
        obligor=tuple(data.get("obligor") or ()),
        deadline=_label(data.get("deadline")),
    )


def _label(deadline: dict[str, Any] | None) -> str | None:
    if not deadline or not deadline.get("value"):
        return None
    return f"{deadline['value']} {deadline['mod']}" if deadline.get("mod") else str(deadline["value"])


def _on_item(item: Item, kind: str, field: str | None, value: Any, note: str | None) -> NewCorrection:
    if field is not None and item.kind != "commitment":
        raise CorrectionError(
            f"{item.id} is an event: reject or confirm it; only a commitment's fields are fixed"
        )
    return NewCorrection(
        kind=kind,
        item_kind=item.kind,
        item=item.id,
        document=item.document,
        start=item.start,
        end=item.end,
        field=field,
        value=value,
        note=note,
        seen=item.documents,
        was=item.was(),
    )


@dataclass(frozen=True)
class Given:
    """What an analyst wrote (on the command line or in the viewer's form), not yet checked; None:
    left out."""

    obligor: str | None = None
    action: str | None = None
    object: str | None = None
    deadline: str | None = None
    stage: str | None = None
    status: str | None = None
    on: str | None = None
    note: str | None = None


def fix(store: Store, ident: str, analyst: str, given: Given, index: Index | None = None) -> list[Correction]:
    """Set fields of commitment ``ident``: one correction per field, all with the note."""
    item = find_item(store, ident, index)
    note = check_text(given.note, "note", MAX_NOTE)
    status, on = given.status, given.on
    changes: list[NewCorrection] = []
    if given.obligor is not None:
        changes.append(_on_item(item, "fix", "obligor", resolve_actors(store, given.obligor), note))
    if given.action is not None:
        changes.append(_on_item(item, "fix", "action", check_text(given.action, "action", 80), note))
    if given.object is not None:
        changes.append(_on_item(item, "fix", "object", check_text(given.object, "object"), note))
    if given.deadline is not None:
        changes.append(_on_item(item, "fix", "deadline", parse_deadline(given.deadline), note))
    if given.stage is not None:
        changes.append(_on_item(item, "fix", "stage", parse_stage(given.stage), note))
    if status is not None:
        wanted = status.strip().lower()
        if wanted not in STATUSES:
            raise CorrectionError(f"status {status!r} is not one of {', '.join(STATUSES)}")
        if on is None:
            raise CorrectionError(f"status {wanted} needs --on DATE: the day it was {wanted}")
        changes.append(_on_item(item, "fix", "status", {"status": wanted, "on": parse_day(on, "--on")}, note))
    elif on is not None:
        raise CorrectionError("--on goes with --status (fulfilled or broken)")
    if not changes:
        raise CorrectionError(
            "nothing to fix; give --obligor, --action, --object, --deadline, --stage or --status"
        )
    return _made(store, changes, analyst)


def judge(
    store: Store, ident: str, analyst: str, kind: str, note: str | None = None, index: Index | None = None
) -> Correction:
    """Reject commitment ``ident`` (not a commitment) or confirm it (vouched for)."""
    item = find_item(store, ident, index)
    return _made(store, [_on_item(item, kind, None, None, check_text(note, "note", MAX_NOTE))], analyst)[0]


def add_commitment(store: Store, article: str, span: str, analyst: str, given: Given) -> Correction:
    """A commitment docket missed, in ``article`` at ``span`` (START:END)."""
    doc = _document(store, article)
    text = store.db.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    start, end = parse_span(span, len(text))
    if given.obligor is None or given.action is None:
        raise CorrectionError("a commitment added needs its obligor and its action")
    value = {
        "obligor": resolve_actors(store, given.obligor),
        "action": check_text(given.action, "action", 80),
        "object": check_text(given.object, "object"),
        "deadline": parse_deadline(given.deadline) if given.deadline is not None else None,
        "stage": parse_stage(given.stage) if given.stage is not None else None,
        "text": str(text[start:end]),
    }
    note = given.note
    change = NewCorrection(
        kind="add",
        item_kind="commitment",
        document=doc,
        start=start,
        end=end,
        value=value,
        note=check_text(note, "note", MAX_NOTE),
        seen=(doc,),
    )
    return _made(store, [change], analyst)[0]


def _document(store: Store, ref: str) -> str:
    from docket.store.documents import find_documents

    found = find_documents(store, ref)
    if not found:
        raise CorrectionError(f"no article {ref!r} in the store; give a document id, id prefix or file name")
    if len(found) > 1:
        raise CorrectionError(f"{ref!r} matches {len(found)} articles; give more of the id")
    return found[0].id


def _story_documents(store: Store, story: str) -> list[str]:
    from docket.index.query import story_index

    found = story_index(store).story(story.strip())
    if found is None:
        raise CorrectionError(f"no story {story!r}; list them with `docket stories`")
    return list(found.documents)


def merge_stories(store: Store, stories: list[str], analyst: str, note: str | None = None) -> Correction:
    """Stories that are one."""
    if len(stories) < 2 or len(set(stories)) < len(stories):
        raise CorrectionError("merge takes two or more different stories")
    docs = [_story_documents(store, s) for s in stories]
    change = NewCorrection(
        kind="merge",
        item_kind="story",
        item=stories[0],
        value={"stories": stories, "documents": docs},
        note=check_text(note, "note", MAX_NOTE),
        seen=tuple(d for side in docs for d in side),
    )
    return _made(store, [change], analyst)[0]


def split_story(
    store: Store, story: str, articles: list[str], analyst: str, note: str | None = None
) -> Correction:
    """Articles that are not part of ``story``: they make a story of their own."""
    members = _story_documents(store, story)
    moved = [_document(store, a) for a in articles]
    if not moved:
        raise CorrectionError("split takes the story and one or more of its articles")
    strangers = [d for d in moved if d not in members]
    if strangers:
        raise CorrectionError(f"article {strangers[0][:12]} is not part of story {story}")
    if len(set(moved)) == len(members):
        raise CorrectionError(
            f"those are all of story {story}'s articles; name the ones that are not part of it"
        )
    change = NewCorrection(
        kind="split",
        item_kind="story",
        item=story,
        value={"story": story, "documents": list(dict.fromkeys(moved))},
        note=check_text(note, "note", MAX_NOTE),
        seen=tuple(members),
    )
    return _made(store, [change], analyst)[0]


def _made(store: Store, changes: list[NewCorrection], analyst: str) -> list[Correction]:
    who = check_text(analyst, "analyst's name", 80)
    assert who is not None
    ids = record(store, changes, who)
    out = [get(store, n) for n in ids]
    return [c for c in out if c is not None]


def holding(store: Store) -> dict[int, str]:
    """Correction id -> the item it holds on in the index now (a commitment's or story's id);
    corrections that find no item (their article gone, their span no longer a commitment) are
    left out."""
    from docket.index.query import story_index

    index = story_index(store)
    row = store.db.execute("SELECT value FROM story_state WHERE key = 'corrections'").fetchone()
    out = {int(k): str(v) for k, v in (json.loads(row[0]) if row else {}).items()}
    for c in listed(store, standing=True):
        if c.item_kind == "story" and isinstance(c.value, dict):
            docs = c.value.get("documents") or []
            first = docs[0][0] if c.kind == "merge" and docs and docs[0] else (docs[0] if docs else None)
            story = index.story_of(first) if isinstance(first, str) else None
            if story is not None:
                out[c.id] = story
    return out
