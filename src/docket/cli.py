"""The command line: thin commands over docket's importable functions.

Each command lives in a module of :mod:`docket.commands` and registers itself on
:data:`app` (docket.commands.app). Heavy imports (the spaCy model, the web stack) happen
inside the commands, so ``docket --help`` and bad-usage errors are quick.
"""

from __future__ import annotations

import sys

from docket.commands.app import app


def _register_commands() -> None:
    """Import every module of docket.commands: each adds its own commands to `app`."""
    import importlib
    import pkgutil

    import docket.commands as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name not in ("app", "common"):
            importlib.import_module(f"docket.commands.{info.name}")


_register_commands()


def main() -> None:
    from docket.settings import SettingError

    try:
        app()
    except SettingError as exc:
        print(f"docket: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("docket: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
