"""serve: the web viewer of a store, on 127.0.0.1 by default."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from docket import settings as settings_mod
from docket.commands.app import app
from docket.commands.common import DbOpt, error


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="the address to listen on; keep 127.0.0.1 unless you mean to share")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="the port to listen on")] = 8321,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="NAME",
            help="another host name the viewer is reached by (repeatable); it answers only to "
            "127.0.0.1, localhost and --host, each with the port",
        ),
    ] = None,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="no correction forms: the viewer only reads the store")
    ] = False,
) -> None:
    """Open a web viewer of the store: stories, commitments, timelines, articles. Listening on
    loopback (the default), each commitment's card also takes an analyst's corrections from this
    machine (the name filled in starts as $DOCKET_ANALYST); --read-only, or another --host, leaves
    the viewer read-only.

    Example: docket serve --db story.db   (then open http://127.0.0.1:8321/)
    """
    conf = settings_mod.load(db=db)
    path = Path(conf.db)
    remote = str(conf.db).startswith(("postgresql://", "postgres://"))
    if not remote and not path.is_file():
        error(f"{path}: no store there; fill one with `docket add PATH --db {path}` or give --db")
        raise typer.Exit(1)
    try:
        import uvicorn

        from docket.web.app import create_app
        from docket.web.guards import allowed_hosts
    except ImportError as exc:
        error(f"the viewer needs the web extras ({exc.name} is missing); pip install 'docket[web]'")
        raise typer.Exit(1) from None
    from docket.store import open_store
    from docket.store.sqlite import StoreError

    try:
        store = open_store(conf.db if remote else path)
    except StoreError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    editable = not read_only and host in ("127.0.0.1", "localhost", "::1")
    viewer = create_app(
        store,
        today=dt.date.today,
        hosts=allowed_hosts(host, port, allow_host or ()),
        corrections=editable,
        analyst=os.environ.get("DOCKET_ANALYST", "").strip(),
    )
    shown = "the PostgreSQL store" if remote else str(path)  # a URL may hold a password
    print(f"docket: merging the stories of {shown} ...", flush=True)
    try:
        viewer.state.viewer.index()  # the first page would otherwise wait for the merge
    except Exception as exc:  # articles and search still work; story pages will say what failed
        error(f"merging the stories failed ({type(exc).__name__}: {exc}); serving articles and search anyway")
    print(f"docket viewer of {shown} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    with store:
        uvicorn.run(viewer, host=host, port=port, log_level="warning")
