"""Opening a store by its path or URL: a SQLite file, or PostgreSQL for a ``postgresql://`` URL."""

from __future__ import annotations

from pathlib import Path

from docket.store.sqlite import Store, StoreError


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the store at ``path`` and migrate it to the latest schema.

    A ``postgresql://`` URL opens a PostgreSQL store instead (docket.store.postgres).
    """
    if str(path).startswith(("postgresql://", "postgres://")):
        from docket.store.postgres import open_postgres

        return open_postgres(str(path))
    p = Path(path)
    if p.parent and not p.parent.exists():
        raise StoreError(f"{p}: the folder {p.parent} does not exist; create it or give another --db path")
    return Store(p)
