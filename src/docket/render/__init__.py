"""Terminal output (rich), in one place for every command: extracted records and the store's
documents (:mod:`docket.render.records`), stories, statuses, timelines and diffs
(:mod:`docket.render.stories`). Nothing here reads a store or decides a status."""

from __future__ import annotations

import sys

from rich.console import Console

console = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 120)
