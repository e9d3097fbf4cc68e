"""Rules as data: docket's vocabularies and patterns live in YAML files here.

Code reads them through :func:`load`; a test validates each against its schema.
No English word belongs in generic code: put it in a data file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed content of data file ``name`` (e.g. 'timex.yaml'), read once per process."""
    ref = resources.files(__package__).joinpath(name)
    with ref.open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def path(name: str) -> str:
    return str(resources.files(__package__).joinpath(name))
