"""The store: documents and every extracted item, in SQLite by default.

Use :func:`open_store`; it creates the file and brings its schema up to date.
"""

from docket.store.connect import open_store
from docket.store.sqlite import AddResult, Store

__all__ = ["AddResult", "Store", "open_store"]
