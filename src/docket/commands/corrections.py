"""fix, reject, confirm, add-commitment, merge, split, corrections: an analyst's word.

Corrections are kept apart from what docket extracts and applied each time the story index is
built (docket.index.corrections, docket.story.corrections); every one names who made it
(``--by`` or ``$DOCKET_ANALYST``), when and why, and can be undone.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from docket.commands.app import app
from docket.commands.common import DbOpt, error
from docket.commands.story import JsonOpt, open_existing

if TYPE_CHECKING:
    from docket.store.sqlite import Store
    from docket.story.corrections import Correction

ByOpt = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME", help="who makes the correction (default: $DOCKET_ANALYST)"),
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="why: a source, a URL, a reason")]
ItemArg = Annotated[
    str,
    typer.Argument(
        metavar="ITEM",
        help="a commitment's id, as `docket due --json` shows it (reject and confirm: or an event's, "
        "as `docket timeline --json` shows it)",
    ),
]

ObligorOpt = Annotated[
    str | None, typer.Option("--obligor", metavar="ACTOR", help="who is bound: ids or names, comma-separated")
]
ActionOpt = Annotated[
    str | None, typer.Option("--action", metavar="VERB", help="what is to be done (withdraw…)")
]
ObjectOpt = Annotated[str | None, typer.Option("--object", metavar="TEXT", help="what it is done to")]
DeadlineOpt = Annotated[
    str | None,
    typer.Option(
        "--deadline", metavar="D|TIMEX", help="YYYY-MM-DD or a TIMEX3 value (2026-09, 2026 END, P6M)"
    ),
]
StageOpt = Annotated[str | None, typer.Option("--stage", metavar="N", help="the phase it is (1, 2…)")]


def analyst(by: str | None) -> str:
    """The analyst's name: --by, else $DOCKET_ANALYST; a correction needs one (exit 2)."""
    name = (by or os.environ.get("DOCKET_ANALYST") or "").strip()
    if not name:
        error("say who makes the correction: --by NAME, or set DOCKET_ANALYST")
        raise typer.Exit(2)
    return name


def _run(db: str | None, step: object) -> list[Correction]:
    """Run a correction against the store; a correction that cannot be made exits 1 in one line."""
    from docket.index.corrections import CorrectionError

    with open_existing(db) as store:
        try:
            made = step(store)  # type: ignore[operator]
        except CorrectionError as exc:
            error(f"{store.path}: {exc}")
            raise typer.Exit(1) from None
        out = made if isinstance(made, list) else [made]
        for c in out:
            print(f"correction {c.id}: {_told(store, c)}")
        return out


def _told(store: Store, c: Correction, signed: bool = True) -> str:
    """A correction in words (``signed``: with who made it and why)."""
    from docket.index.query import story_index
    from docket.store.documents import actor_names
    from docket.story.corrections import added_item_id, value_words

    who = (f"by {c.analyst}" + (f': "{c.note}"' if c.note else "")) if signed else ""
    if c.kind == "add":
        v = c.value
        names = actor_names(store, v.get("obligor") or [])
        obligor = ", ".join(names.get(a, a) for a in v.get("obligor") or [])
        what = " ".join(x for x in (obligor, v.get("action"), v.get("object")) if x)
        return f"added {added_item_id(c)} ({what}) in {str(c.document)[:12]} {c.start}:{c.end} {who}"
    if c.kind in ("merge", "split"):
        docs = c.value.get("documents") or []
        first = docs[0][0] if c.kind == "merge" else docs[0]
        now = None if c.undone or not docs else story_index(store).story_of(first)
        into = f" into {'story ' if c.kind == 'split' else ''}{now}" if now else ""
        if c.kind == "merge":
            return f"stories {', '.join(c.value.get('stories') or [])} merged{into} {who}"
        return f"{len(docs)} article(s) taken out of story {c.item}{into} {who}"
    if c.kind in ("reject", "confirm"):
        return f"{c.item} {c.kind}ed {who}"
    value = value_words(c)
    if c.field == "obligor":
        names = actor_names(store, c.value or [])
        value = ", ".join(f"{names.get(a, a)} ({a})" for a in c.value or [])
    return f"{c.field} of {c.item} set to {value} {who}"


@app.command()
def fix(
    item: ItemArg,
    obligor: ObligorOpt = None,
    action: ActionOpt = None,
    object_: ObjectOpt = None,
    deadline: DeadlineOpt = None,
    stage: StageOpt = None,
    status: Annotated[
        str | None, typer.Option("--status", metavar="STATUS", help="fulfilled or broken (with --on)")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="the day it was fulfilled or broken")
    ] = None,
    note: NoteOpt = None,
    by: ByOpt = None,
    db: DbOpt = None,
) -> None:
    """Correct a commitment: who is bound, what, by when, which phase, or that it was fulfilled
    (or broken) on a day. Each field set is one correction, undoable by its id.

    Example: docket fix k1a2b3c4d5e6f --obligor "European Union" --deadline 2019-04-12 --note "EU text"
    """
    who = analyst(by)
    from docket.index import corrections

    given = corrections.Given(obligor, action, object_, deadline, stage, status, on, note)
    _run(db, lambda store: corrections.fix(store, item, who, given))


@app.command()
def reject(item: ItemArg, note: NoteOpt = None, by: ByOpt = None, db: DbOpt = None) -> None:
    """Say that an item is not a commitment (a past fact, a wish): its status becomes rejected. An
    event (v…) rejected leaves the timeline and fulfils nothing.

    Example: docket reject k1a2b3c4d5e6f --note "a past fact, not a promise"
    """
    who = analyst(by)
    from docket.index import corrections

    _run(db, lambda store: corrections.judge(store, item, who, "reject", note))


@app.command()
def confirm(item: ItemArg, note: NoteOpt = None, by: ByOpt = None, db: DbOpt = None) -> None:
    """Vouch for a commitment as docket read it.

    Example: docket confirm k1a2b3c4d5e6f --by ann
    """
    who = analyst(by)
    from docket.index import corrections

    _run(db, lambda store: corrections.judge(store, item, who, "confirm", note))


@app.command("add-commitment")
def add_commitment(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="a document id, id prefix or file name")],
    span: Annotated[
        str, typer.Option("--span", metavar="START:END", help="where the article says it (character offsets)")
    ],
    obligor: Annotated[str, typer.Option("--obligor", metavar="ACTOR", help="who is bound: ids or names")],
    action: Annotated[str, typer.Option("--action", metavar="VERB", help="what is to be done")],
    object_: ObjectOpt = None,
    deadline: DeadlineOpt = None,
    stage: StageOpt = None,
    note: NoteOpt = None,
    by: ByOpt = None,
    db: DbOpt = None,
) -> None:
    """Add a commitment docket missed, where an article states it. It joins the merge like any
    report, so later reports can fulfil or move it.

    Example: docket add-commitment 03-talks.txt --span 120:245 --obligor USA --action withdraw
             --deadline "2026 END"
    """
    who = analyst(by)
    from docket.index import corrections

    given = corrections.Given(obligor, action, object_, deadline, stage, note=note)
    _run(db, lambda store: corrections.add_commitment(store, article, span, who, given))


@app.command()
def merge(
    stories: Annotated[
        list[str], typer.Argument(metavar="STORY STORY...", help="story ids (`docket stories`)")
    ],
    note: NoteOpt = None,
    by: ByOpt = None,
    db: DbOpt = None,
) -> None:
    """Say that two stories (or more) are one.

    Example: docket merge irq-usa-2024-09 irq-usa-2024-11 --note "the same withdrawal"
    """
    who = analyst(by)
    from docket.index import corrections

    _run(db, lambda store: corrections.merge_stories(store, stories, who, note))


@app.command()
def split(
    story: Annotated[str, typer.Argument(metavar="STORY", help="a story id (`docket stories`)")],
    articles: Annotated[
        list[str], typer.Argument(metavar="ARTICLE...", help="its articles that are not part of it")
    ],
    note: NoteOpt = None,
    by: ByOpt = None,
    db: DbOpt = None,
) -> None:
    """Take articles out of a story (they are not part of it): they make a story of their own.

    Example: docket split irq-usa-2024-09 07-gaza-truce.txt --note "another conflict"
    """
    who = analyst(by)
    from docket.index import corrections

    _run(db, lambda store: corrections.split_story(store, story, articles, who, note))


@app.command("corrections")
def corrections_command(
    action: Annotated[
        str | None, typer.Argument(metavar="[undo ID]", help="`undo ID` undoes correction ID")
    ] = None,
    ident: Annotated[int | None, typer.Argument(metavar="", help="", show_default=False)] = None,
    as_json: JsonOpt = False,
    by: ByOpt = None,
    db: DbOpt = None,
) -> None:
    """List the analysts' corrections (who, when, why, what they change, and whether each still
    holds on an item of the store), or undo one by its id.

    Examples: docket corrections; docket corrections --json; docket corrections undo 3
    """
    from docket.index import corrections

    if action is not None:
        if action != "undo" or ident is None:
            error("usage: docket corrections [--json] | docket corrections undo ID")
            raise typer.Exit(2)
        who = analyst(by)
        with open_existing(db) as store:
            try:
                undone = corrections.undo(store, ident, who)
            except corrections.CorrectionError as exc:
                error(f"{store.path}: {exc}")
                raise typer.Exit(1) from None
            print(f"correction {undone.id} undone by {who}: {_told(store, undone)}")
        return
    with open_existing(db) as store:
        listed = corrections.listed(store)
        holds = corrections.holding(store)
        if as_json:
            out = [{**c.as_dict(), "holds_on": holds.get(c.id)} for c in listed]
            sys.stdout.write(json.dumps({"corrections": out}, ensure_ascii=False) + "\n")
            return
        if not listed:
            print(f"No corrections in {store.path}.")
            return
        from rich.markup import escape
        from rich.table import Table

        from docket.render import console

        table = Table("id", "when", "by", "what", "note", "now", box=None, pad_edge=False)
        for c in listed:
            now = "undone" if c.undone else (holds.get(c.id) or "no such item now")
            table.add_row(
                str(c.id),
                c.made_at[:16],
                escape(c.analyst),
                escape(_told(store, c, signed=False).strip()),
                escape(c.note or ""),
                now,
            )
        console.print(table)
