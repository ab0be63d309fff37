"""Reading SQLite without SQLAlchemy, so the window can show its first screen before SQLAlchemy is imported.

Importing SQLAlchemy, SQLModel and the table records costs ~0.25 s on this project's machines — by itself most of
the 300 ms in which the window must show its first page (bench/ui.py). The read side the window needs
(`queries`, `overview`, `outbox_entries`, `fts.search`) is therefore plain SQL on the DB-API connection. Each of
those functions takes a `Reader`: a `sqlite3.Connection` (from `Database.snapshot()`, what the window uses) or a
SQLAlchemy `Connection` (from `Database.read()`/`write()`, what the CLI and the engine use), whose driver
connection then runs the SQL inside the transaction SQLAlchemy began.

Rows come back as `sqlite3.Row`: by position and by column name, like SQLAlchemy's mappings.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from sqlalchemy import Connection

Reader: TypeAlias = "sqlite3.Connection | Connection"


def driver(connection: Reader) -> sqlite3.Connection:
    """The sqlite3 connection behind `connection` (itself when it is one)."""
    if isinstance(connection, sqlite3.Connection):
        return connection
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection), "the plain-SQL reads are written for SQLite"
    return raw


def rows(connection: Reader, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
    cursor = driver(connection).cursor()
    cursor.row_factory = sqlite3.Row
    try:
        return cursor.execute(sql, tuple(params)).fetchall()
    finally:
        cursor.close()


def tuples(connection: Reader, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows as plain tuples: for reads of tens of thousands of rows, which a tuple makes and unpacks faster."""
    cursor = driver(connection).cursor()
    cursor.row_factory = None
    try:
        return cursor.execute(sql, tuple(params)).fetchall()
    finally:
        cursor.close()


def first(connection: Reader, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
    found = rows(connection, sql, params)
    return found[0] if found else None


def scalar(connection: Reader, sql: str, params: Iterable[Any] = ()) -> Any:
    row = driver(connection).execute(sql, tuple(params)).fetchone()
    return row[0] if row is not None else None


def marks(values: Sequence[object]) -> str:
    """`?, ?, ?` for an IN list of these values."""
    return ", ".join("?" * len(values))


def json_column(value: str | None, empty: Any) -> Any:
    """A JSON column's value; `empty` when it is NULL, blank or not JSON, so a corrupt row reads as empty instead of
    failing the whole read."""
    if not value:
        return empty
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return empty
