"""Rules as data: docket's vocabularies and patterns live in YAML files here.

Code reads them through :func:`load`; a test validates each against its schema.
No English word belongs in generic code: put it in a data file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's safe loader where PyYAML has it (its wheels do): the same values as yaml.safe_load,
# seven times sooner; the data files are read at every start of docket
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: Any) -> Any:
    """``yaml.safe_load``, through libyaml when it is there."""
    return yaml.load(text, Loader=SafeLoader)


@cache
def load(name: str) -> Any:
    """The parsed content of data file ``name`` (e.g. 'timex.yaml'), read once per process."""
    ref = resources.files(__package__).joinpath(name)
    with ref.open("r", encoding="utf-8") as fh:
        return safe_load(fh)


def path(name: str) -> str:
    return str(resources.files(__package__).joinpath(name))
