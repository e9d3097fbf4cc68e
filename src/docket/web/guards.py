"""What the viewer accepts from a request and adds to every response: ids, days and spans checked
against their shape, the hosts and clients allowed, the form fields taken, and the security headers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from docket.store.sqlite import Store

DOC_ID = re.compile(r"^[0-9a-f]{64}$")
STORY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,159}$")
ITEM_ID = re.compile(r"^[A-Za-z0-9:._-]{1,120}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")
MAX_QUERY = 200

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def parse_day(value: str | None, default: dt.date) -> dt.date:
    if value is None or value == "":
        return default
    try:
        if not DAY.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2025-10-01") from None


def check_doc_id(doc_id: str) -> str:
    if not DOC_ID.match(doc_id):
        raise HTTPException(404, "No such article: an article id is 64 hexadecimal characters.")
    return doc_id


def parse_span(value: str | None, size: int) -> tuple[int, int] | None:
    if value is None:
        return None
    m = SPAN.match(value)
    if m is None or not 0 <= int(m[1]) < int(m[2]) <= size:
        raise HTTPException(400, f"span={value!r} is not START-END inside this article, e.g. span=120-180.")
    return int(m[1]), int(m[2])


LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
LOOPBACK_CLIENTS = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})
MAX_FORM = 16_384  # bytes of a correction's form
FORM_FIELDS = ("obligor", "action", "object", "deadline", "stage", "status", "on", "note")


def allowed_hosts(host: str, port: int, more: Iterable[str] = ()) -> frozenset[str]:
    """The Host headers a viewer listening on ``host``:``port`` answers to: the loopback names,
    the address it was started on and ``more`` (names it is reached by), each with the port
    (and without it on port 80, as browsers send it)."""
    names = {*LOOPBACK, *more}
    if host not in ("0.0.0.0", "::", ""):  # a wildcard address is no name a browser asks for
        names.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    out = {f"{n.lower()}:{port}" for n in names}
    if port == 80:
        out |= {n.lower() for n in names}
    return frozenset(out)


@contextmanager
def _writable(store: Store) -> Iterator[None]:
    """Lift the viewer's read-only guard for one correction (routes run one at a time on the loop)."""
    store.db.execute("PRAGMA query_only = OFF")
    try:
        yield
    finally:
        store.db.execute("PRAGMA query_only = ON")
