"""Reading SQLite without SQLAlchemy, so the window can show its first screen before SQLAlchemy is imported.

Importing SQLAlchemy, SQLModel and the table records costs ~0.25 s on this project's machines — by itself most of
the 300 ms in which the window must show its first page (bench/ui.py). The read side the window needs
(`queries`, `overview`, `outbox_entries`, `fts.search`) is therefore plain SQL on the DB-API connection. Each of
those functions takes a `Reader`: a `sqlite3.Connection` (from `Database.snapshot()`, what the window uses) or a
SQLAlchemy `Connection` (from `Database.read()`/`write()`, what the CLI and the engine use), whose driver
connection then runs the SQL inside the transaction SQLAlchemy began.

Rows come back as `sqlite3.Row`: by position and by column name, like SQLAlchemy's mappings.

The same reads run on the team's PostgreSQL database (storage/team/server_reader.py): given a psycopg connection,
or a SQLAlchemy connection over one, `rows`, `tuples`, `first` and `scalar` run the SQL there, its `?` marks turned
into psycopg's `%s` (and a literal `%` doubled), rows readable by position and by name as here. The SQL they are
given is therefore written to mean the same on both: no `IS 1` on a flag (`c.unread` alone), `sum(CASE …)` rather
than SQLite's `total()`, an alias on every subquery in FROM, times compared with times (never with '').
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy import Connection

Reader: TypeAlias = "sqlite3.Connection | Connection | psycopg.Connection[Any]"


def _raw(connection: Reader) -> Any:
    """The DB-API connection behind `connection` (itself when it is one): sqlite3's or psycopg's."""
    if isinstance(connection, sqlite3.Connection):
        return connection
    inner = getattr(connection, "connection", None)
    return connection if inner is None else inner.driver_connection


def driver(connection: Reader) -> sqlite3.Connection:
    """The sqlite3 connection behind `connection` (itself when it is one): for SQLite's own statements (the
    search index, the triggers), which only a SQLite database runs."""
    raw = _raw(connection)
    assert isinstance(raw, sqlite3.Connection), "this statement is written for SQLite"
    return raw


def execute(connection: Connection, sql: str, params: Any = ()) -> Any:
    """`exec_driver_sql` of SQL written with SQLite's `?` marks, on either database (a list of tuples: executemany)."""
    if connection.dialect.paramstyle == "qmark":
        return connection.exec_driver_sql(sql, params)
    return connection.exec_driver_sql(pg_sql(sql), params)


def on_postgres(connection: Reader) -> bool:
    """Whether the reads run on the team's PostgreSQL database (where a query plans differently)."""
    return not isinstance(_raw(connection), sqlite3.Connection)


class PgRow(tuple[Any, ...]):
    """A PostgreSQL row read by position or by column name, as `sqlite3.Row` is."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _named_rows(cursor: Any) -> Callable[[Sequence[Any]], PgRow]:
    names = {column.name: index for index, column in enumerate(cursor.description or ())}
    row_type = type("Row", (PgRow,), {"names": names})
    return lambda values: row_type(values)


@lru_cache(maxsize=512)
def pg_sql(sql: str) -> str:
    """SQLite-style `?` parameters as psycopg's `%s` (a `%` in the SQL itself doubled, as psycopg asks)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _pg_execute(raw: Any, sql: str, params: Iterable[Any], factory: Any) -> list[Any]:
    with raw.cursor(row_factory=factory) as cursor:
        cursor.execute(pg_sql(sql), tuple(params))
        return cursor.fetchall() if cursor.description is not None else []


def _pg_tuples(cursor: Any) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    return tuple


def rows(connection: Reader, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
    raw = _raw(connection)
    if not isinstance(raw, sqlite3.Connection):
        return _pg_execute(raw, sql, params, _named_rows)
    cursor = raw.cursor()
    cursor.row_factory = sqlite3.Row
    try:
        return cursor.execute(sql, tuple(params)).fetchall()
    finally:
        cursor.close()


def tuples(connection: Reader, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows as plain tuples: for reads of tens of thousands of rows, which a tuple makes and unpacks faster."""
    raw = _raw(connection)
    if not isinstance(raw, sqlite3.Connection):
        return _pg_execute(raw, sql, params, _pg_tuples)
    cursor = raw.cursor()
    cursor.row_factory = None
    try:
        return cursor.execute(sql, tuple(params)).fetchall()
    finally:
        cursor.close()


def first(connection: Reader, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
    found = rows(connection, sql, params)
    return found[0] if found else None


def scalar(connection: Reader, sql: str, params: Iterable[Any] = ()) -> Any:
    raw = _raw(connection)
    if not isinstance(raw, sqlite3.Connection):
        found = _pg_execute(raw, sql, params, _pg_tuples)
        return found[0][0] if found else None
    row = raw.execute(sql, tuple(params)).fetchone()
    return row[0] if row is not None else None


def marks(values: Sequence[object]) -> str:
    """`?, ?, ?` for an IN list of these values."""
    return ", ".join("?" * len(values))


def json_column(value: Any, empty: Any) -> Any:
    """A JSON column's value; `empty` when it is NULL, blank or not JSON, so a corrupt row reads as empty instead of
    failing the whole read. (PostgreSQL gives it already decoded.)"""
    if not value:
        return empty
    if not isinstance(value, str | bytes):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return empty
