"""PostgreSQL store, for many writers: the same schema, migrations and queries as the SQLite store.

``open_store("postgresql://user@host/db")`` returns a :class:`PostgresStore`: a
:class:`~docket.store.sqlite.Store` whose connection speaks SQLite's SQL through a
small dialect layer (:func:`translate`). The migrations in
:mod:`docket.store.migrations` and every query of the store run unchanged:

- ``?`` placeholders become ``%s``; ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO
  NOTHING`` and ``INSERT OR REPLACE`` an upsert on the table's primary key;
- every table gets a ``rowid`` (``BIGSERIAL``), so ``ORDER BY rowid`` keeps the
  order rows were written in, as in SQLite; ``INTEGER PRIMARY KEY`` numbers itself;
- ``REAL`` is ``DOUBLE PRECISION``; ``datetime('now')``, ``json_extract(x, '$.k')``
  and two-argument ``max``/``min`` have their PostgreSQL equivalents;
- ``PRAGMA user_version`` reads the latest applied migration; other pragmas do nothing.

Writers add documents concurrently: a document another writer stored first is
reported as already there, never stored twice.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, cast

from docket.record import Record
from docket.store import migrations
from docket.store.sqlite import AddResult, Store, StoreError

SCHEMES = ("postgresql://", "postgres://")
# An advisory lock key (any fixed number): one process migrates at a time.
_MIGRATION_LOCK = 0x646F636B6574
_RETRIES = 5


def is_url(path: object) -> bool:
    return str(path).startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


# -- the dialect layer ----------------------------------------------------------------------


def _scan(sql: str) -> list[tuple[str, str]]:
    """Split SQL into (kind, text) pieces: 'code', 'string' ('...'), 'ident' ("..."); comments dropped."""
    pieces: list[tuple[str, str]] = []
    i, n, start = 0, len(sql), 0
    while i < n:
        c = sql[i]
        if c in "'\"":
            if start < i:
                pieces.append(("code", sql[start:i]))
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            pieces.append(("string" if c == "'" else "ident", sql[i : j + 1]))
            i = start = j + 1
        elif sql.startswith("--", i):
            if start < i:
                pieces.append(("code", sql[start:i]))
            j = sql.find("\n", i)
            i = start = n if j < 0 else j
        else:
            i += 1
    if start < n:
        pieces.append(("code", sql[start:]))
    return pieces


_TYPE_WORDS = (
    (re.compile(r"\bINTEGER\s+PRIMARY\s+KEY\b", re.I), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bREAL\b", re.I), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.I), "BYTEA"),
)
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([\w\"]+)\s*\(", re.I)
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+([\w\"]+)\s*\(([^)]*)\)", re.I)
_PRAGMA = re.compile(r"^\s*PRAGMA\s+(\w+)\s*(=\s*(\S+))?\s*$", re.I)
_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
_JSON_EXTRACT = re.compile(r"\bjson_extract\s*\(\s*([\w.\"]+)\s*,\s*'\$\.(\w+)'\s*\)", re.I)
_DATETIME_NOW = re.compile(r"\bdatetime\s*\(\s*'now'\s*\)", re.I)


def _multi_arg_extrema(code: str) -> str:
    """max(a, b) and min(a, b) (SQLite's scalar forms) -> greatest / least; max(x) stays an aggregate."""
    out: list[str] = []
    i = 0
    pattern = re.compile(r"\b(max|min)\s*\(", re.I)
    while True:
        m = pattern.search(code, i)
        if m is None:
            out.append(code[i:])
            return "".join(out)
        depth, j, comma = 1, m.end(), False
        while j < len(code) and depth:
            ch = code[j]
            depth += ch == "("
            depth -= ch == ")"
            comma = comma or (ch == "," and depth == 1)
            j += 1
        out.append(code[i : m.start()])
        word = m.group(1).lower()
        out.append(("greatest(" if word == "max" else "least(") if comma else code[m.start() : m.end()])
        i = m.end()


def translate(sql: str, has_params: bool = True) -> str | None:
    """The PostgreSQL form of one SQLite statement; None for a statement with nothing to do (a pragma)."""
    return _translate(sql, has_params)


@lru_cache(maxsize=1024)
def _translate(sql: str, has_params: bool) -> str | None:
    pragma = _PRAGMA.match(sql)
    if pragma:
        name, value = pragma.group(1).lower(), pragma.group(3)
        if name == "user_version" and value is None:
            return "SELECT coalesce(max(version), 0) FROM schema_migrations"
        if name == "query_only" and value is not None:
            on = value.lower() in ("1", "on", "true", "yes")
            return f"SET default_transaction_read_only = {'on' if on else 'off'}"
        return None
    head = sql.strip().upper()
    if head.startswith("BEGIN"):
        return "BEGIN"
    # Calls whose arguments are string literals: rewritten whole, before the pieces are told apart.
    sql = _DATETIME_NOW.sub(_NOW, sql)
    sql = _JSON_EXTRACT.sub(lambda m: f"({m.group(1)}::json ->> '{m.group(2)}')", sql)
    parts: list[str] = []
    for kind, text in _scan(sql):
        if kind != "code":
            parts.append(text.replace("%", "%%") if has_params else text)
            continue
        if has_params:
            text = text.replace("%", "%%").replace("?", "%s")
        for pattern, repl in _TYPE_WORDS:
            text = pattern.sub(repl, text)
        parts.append(_multi_arg_extrema(text))
    out = "".join(parts).strip()
    created = _CREATE_TABLE.match(out)
    if created:
        out = out[: created.end()] + "rowid BIGSERIAL, " + out[created.end() :]
    return out


class PgRow(tuple[Any, ...]):
    """A row readable by position and by column name, like sqlite3.Row."""

    names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self.names.index(key))
            except ValueError:
                raise IndexError(f"no column named {key!r}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    description = cursor.description
    names = tuple(col.name for col in description) if description else ()

    def make(values: Sequence[Any]) -> PgRow:
        row = PgRow(values)
        row.names = names
        return row

    return make


class _NoRows:
    """What a statement that did nothing returns."""

    rowcount = 0

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())


def _values(params: Sequence[Any]) -> tuple[Any, ...]:
    """Parameters as SQLite takes them: booleans are the integers 0 and 1."""
    return tuple(int(p) if isinstance(p, bool) else p for p in params)


class PgConnection:
    """A psycopg connection with the part of sqlite3.Connection's interface the store uses."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        self._keys: dict[str, tuple[list[str], list[str]]] = {}

    def _primary_key(self, table: str) -> tuple[list[str], list[str]]:
        """(key columns, other columns) of a table, for INSERT OR REPLACE."""
        name = table.strip('"')
        if name not in self._keys:
            rows = self.conn.execute(
                "SELECT a.attname, coalesce(a.attnum = ANY(i.indkey), false) FROM pg_attribute a "
                "LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary "
                "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                (name,),
            ).fetchall()
            keys = [str(r[0]) for r in rows if r[1]]
            others = [str(r[0]) for r in rows if not r[1] and r[0] != "rowid"]
            self._keys[name] = (keys, others)
        return self._keys[name]

    def _statement(self, sql: str, has_params: bool) -> str | None:
        out = translate(sql, has_params)
        if out is None:
            return None
        verb = _INSERT_OR.match(out)
        if verb:
            kind, table = verb.group(1).upper(), verb.group(2)
            out = "INSERT INTO" + out[verb.group(0).upper().index("INTO") + 4 :]
            if kind == "IGNORE":
                out += " ON CONFLICT DO NOTHING"
            else:
                keys, _ = self._primary_key(table)
                given = [c.strip().strip('"') for c in verb.group(3).split(",")]
                sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in given if c not in keys)
                target = ", ".join(f'"{k}"' for k in keys)
                out += f" ON CONFLICT ({target}) DO " + (f"UPDATE SET {sets}" if sets else "NOTHING")
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        statement = self._statement(sql, bool(params))
        if statement is None:
            return _NoRows()
        return self.conn.execute(statement, _values(params) if params else None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        statement = self._statement(sql, True)
        if statement is None:
            return _NoRows()
        with self.conn.cursor() as cur:
            cur.executemany(statement, [_values(r) for r in rows])
        return _NoRows()

    @property
    def in_transaction(self) -> bool:
        """As sqlite3's: a transaction is open (begun, not yet committed or rolled back)."""
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()


# -- the store -------------------------------------------------------------------------------


class PostgresStore(Store):
    """A docket store in a PostgreSQL database; many processes may write to it at once."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.path = redact(url)
        try:
            self.pg = PgConnection(url)
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.path}: cannot connect to PostgreSQL ({str(exc).strip().splitlines()[0]}); "
                "check the URL, that the server runs and that the database exists"
            ) from None
        # The SQLite store's methods run on this connection through the dialect layer.
        self.db = cast(sqlite3.Connection, self.pg)
        try:
            self.pg.conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
            try:
                migrations.apply(self.db)
            finally:
                self.pg.conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
        except psycopg.Error as exc:
            self.pg.close()
            raise StoreError(
                f"{self.path}: cannot set up the docket schema ({exc}); check the database"
            ) from None

    def add_many(self, items: list[tuple[Record, str | None]]) -> list[AddResult]:
        """As in SQLite; a document another writer stored meanwhile makes this batch start over."""
        import psycopg

        for attempt in range(_RETRIES):
            try:
                return super().add_many(items)
            except psycopg.errors.UniqueViolation:
                if attempt == _RETRIES - 1:
                    raise
        raise AssertionError("unreachable")


def open_postgres(url: str) -> PostgresStore:
    return PostgresStore(url)
