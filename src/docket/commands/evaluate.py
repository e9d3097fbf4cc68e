"""eval: measure docket against the field's benchmarks (``docket eval timex DIR``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from docket.commands.app import app
from docket.commands.common import error

eval_app = typer.Typer(
    name="eval",
    help="Measure docket's extractors against annotated corpora.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


@eval_app.command("timex")
def eval_timex(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="a folder of TimeML .tml files (searched recursively)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as one JSON object")] = False,
    parser: Annotated[
        bool,
        typer.Option(
            "--parser/--no-parser", help="run the model's parser for tense (default) or tokens only"
        ),
    ] = True,
) -> None:
    """TempEval-3 scores of the temporal tagger on TimeML files: strict and relaxed span P/R/F1,
    type and value F1, and value accuracy per gold type. Each document is anchored on its DCT.

    Example: docket eval timex ../shared/corpora/tempeval3-train
    """
    from docket.evaluate.timeml import TimeMLError, read_dir
    from docket.evaluate.timex_scores import render, score, tag_documents

    if not folder.is_dir():
        error(f"{folder}: no such folder; give a folder holding TimeML .tml files")
        raise typer.Exit(1)
    try:
        docs = read_dir(folder)
    except (TimeMLError, UnicodeDecodeError) as exc:
        error(f"{exc}; fix or remove that file")
        raise typer.Exit(1) from None
    if not docs:
        error(f"{folder}: no .tml files found; give a folder of TimeML files")
        raise typer.Exit(1)
    system = tag_documents(docs, parser=parser)
    scores = score((doc.timexes, found) for doc, found in zip(docs, system, strict=True))
    if as_json:
        print(json.dumps(scores.to_dict()))
    else:
        print(render(scores))
