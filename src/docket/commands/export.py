"""export: the store as data for other tools (JSON, CSV, TimeML, iCalendar, TimelineJS)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from docket.commands.app import app
from docket.commands.common import DbOpt, error, parse_date_option
from docket.commands.story import StoryOpt, check_story, open_existing, today


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        error(f"{out}: cannot write ({exc.strerror}); give another --out path")
        raise typer.Exit(1) from None


def _folder(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        error(f"{out}: cannot create the folder ({exc.strerror}); give another --out path")
        raise typer.Exit(1) from None
    return out


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="json, csv, timeml, ics or timelinejs")
    ],
    db: DbOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="file to write (default: standard output); for timeml, and csv with both tables, a folder",
        ),
    ] = None,
    story: StoryOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="the day statuses are told on (default: today)"),
    ] = None,
    table: Annotated[
        str, typer.Option("--table", help="csv on standard output: commitments or quantities")
    ] = "commitments",
) -> None:
    """Write the store as data: JSON (records, stories, statuses, timeline), CSV (commitments; the
    quantity series), TimeML (each article with TIMEX3 tags), iCalendar (one all-day event per
    deadline, stable UIDs) or TimelineJS JSON.

    Examples: docket export --format ics --db story.db --out deadlines.ics
              docket export --format csv --db story.db --out tables/
    """
    from docket.export import FORMATS
    from docket.index import corrections
    from docket.index.query import quantity_series, story_index
    from docket.index.stored import story_dict
    from docket.wire.stored import copies_by_original

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not a format; use one of {', '.join(FORMATS)}", param_hint="--format"
        )
    if table not in ("commitments", "quantities"):
        raise typer.BadParameter(f"{table!r}: use commitments or quantities", param_hint="--table")
    day = parse_date_option(as_of) or today()
    with open_existing(db) as opened:
        index = story_index(opened, as_of=day)
        check_story(index, story, opened.path)
        store = index.store  # the reports published by that day: a later one changes nothing here
        rows = index.statuses(day, story=story)
        copies = copies_by_original(store.db)  # outlets' copies: listed, never counted as reports
        if fmt == "ics":
            from docket.export.ics import to_ics

            _write(to_ics(rows, day, copies), out)
        elif fmt == "csv":
            from docket.export.csv_export import commitments_csv, quantities_csv
            from docket.store.documents import actor_names

            names = actor_names(store, [a for s in rows for a in s.item.obligor])

            if out is not None and out.suffix.lower() != ".csv":
                folder = _folder(out)
                _write(commitments_csv(rows, copies, names), folder / "commitments.csv")
                _write(quantities_csv(quantity_series(store, story)), folder / "quantities.csv")
            elif table == "quantities":
                _write(quantities_csv(quantity_series(store, story)), out)
            else:
                _write(commitments_csv(rows, copies, names), out)
        elif fmt == "timelinejs":
            from docket.export.timelinejs import to_timelinejs

            tl = to_timelinejs(index.timeline(story=story), index.story(story) if story else None)
            _write(json.dumps(tl, ensure_ascii=False, indent=1) + "\n", out)
        elif fmt == "timeml":
            from docket.export.timeml import to_timeml

            doc_ids = _documents(store, index, story, copies)
            where = _folder(out) if out is not None else None
            for doc_id in doc_ids:
                rec = store.record(doc_id)
                if rec is None:
                    continue
                text = to_timeml(rec)
                if where is None:
                    sys.stdout.write(text)
                else:
                    _write(text, where / f"{doc_id[:16]}.tml")
        else:
            stories = [index.story(story)] if story else index.stories()
            payload: dict[str, Any] = {
                "as_of": day.isoformat(),
                "stories": [story_dict(s) for s in stories if s is not None],
                "commitments": [s.as_dict() for s in rows],
                "timeline": [e.as_dict() for e in index.timeline(story=story)],
                "contradictions": [x.as_dict() for x in index.contradictions(story=story)],
                "copies": [],
                "records": [],
                # an analyst's corrections, undone ones too: who vouched for what, when and why
                "corrections": [c.as_dict() for c in corrections.listed(store)],
            }
            for doc_id in _documents(store, index, story, copies):
                payload["copies"] += [{"id": c, "copy_of": doc_id} for c in copies.get(doc_id, ())]
            for doc_id in _documents(store, index, story, copies):
                rec = store.record(doc_id)
                if rec is not None:
                    payload["records"].append(rec.to_dict())
            _write(json.dumps(payload, ensure_ascii=False) + "\n", out)


def _documents(store: Any, index: Any, story: str | None, copies: dict[str, list[str]]) -> list[str]:
    """The documents to export: the whole store's, or a story's with the outlets' copies of them."""
    if story is None:
        ids: list[str] = store.document_ids()
        return ids
    found = index.story(story)
    mine = list(found.documents) if found else []
    return mine + [c for d in mine for c in copies.get(d, ())]
