"""actors: list and search the actor gazetteer."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from docket import settings as settings_mod
from docket.commands.app import app
from docket.commands.common import error


@app.command()
def actors(
    query: Annotated[
        str | None,
        typer.Argument(metavar="[QUERY]", help="part of an id, name, alias, demonym, capital or seat"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON array of entries")] = False,
) -> None:
    """List the actors docket knows (countries, organisations, groups, outlets), or those matching QUERY.

    The gazetteer is pycountry's countries plus docket's tables, plus the file named by
    $DOCKET_ACTORS if set (same form as data/actors.yaml).

    Examples: docket actors; docket actors baghdad; docket actors isis --json
    """
    from docket import gazetteer

    conf = settings_mod.load()
    try:
        gaz = gazetteer.load(conf.actors_file)
    except gazetteer.GazetteerError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    entries = gaz.search(query or "")
    if as_json:
        sys.stdout.write(json.dumps([e.as_dict() for e in entries], ensure_ascii=False) + "\n")
        return
    if not entries:
        error(f"no actor matches {query!r}; try a shorter part of a name, or run `docket actors` for all")
        raise typer.Exit(1)
    from rich.table import Table

    from docket.render import console

    table = Table("id", "kind", "name", "also written", box=None, pad_edge=False)
    for entry in entries:
        also = (
            [a for a in entry.aliases if a != entry.name]
            + entry.demonyms
            + entry.capitals
            + list(entry.seats)
        )
        shown = ", ".join(also[:8]) + (" …" if len(also) > 8 else "")
        table.add_row(entry.id, entry.kind, entry.name, shown)
    console.print(table)
