"""The typer application every command module registers its commands on (docket.cli runs it)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="docket",
    help="Extract, store and track what news articles say was agreed, promised and done, and by when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
