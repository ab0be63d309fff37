"""Writing many rows at once through SQLAlchemy Core, on SQLite and PostgreSQL alike: `INSERT … ON CONFLICT` built
by Core for the connection's dialect, run as multi-row statements straight on the SQLite driver (one statement per
chunk, ids back through RETURNING) or as the driver's `executemany` elsewhere. What storage/ingest.py writes pages
with."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import sqlite

from cmdesk.storage.timeutil import to_db, to_sqlite_text

CHUNK = 900
ROWS_PER_STATEMENT = 100
"""Rows a multi-row statement carries. A prepared statement of 500 rows × 23 values is megabytes, and SQLite keeps
16 of them (storage/database.CACHED_STATEMENTS); at 100 rows, ingest of 20 pages of 1,000 feed entries took
3.3–3.6 s against 3.5–3.8 s at 500, and `cmdesk sync`'s process held ~4 MB less."""
MAX_VARIABLES = 32_000
"""SQLite's limit on bound parameters per statement is 32,766 since 3.32."""


def insert_in(dialect: str, table: Any) -> Any:
    """An `INSERT` of `table` for the named dialect, with its `ON CONFLICT` methods."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    return sqlite.insert(table)


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def ids_by_remote_id(connection: Connection, table: Any, account_id: int, remote_ids: Sequence[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    column = table.c
    for chunk in chunks(remote_ids):
        query = select(column.remote_id, column.id).where(column.account_id == account_id, column.remote_id.in_(chunk))
        ids.update((row[0], row[1]) for row in connection.execute(query))
    return ids


def is_sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def time_converter(connection: Connection) -> Callable[[datetime], Any]:
    """How a datetime goes to this connection's driver: SQLite gets text (see `to_sqlite_text`)."""
    return to_sqlite_text if is_sqlite(connection) else to_db


@dataclass(frozen=True, slots=True)
class _RowForm:
    """A statement compiled once for many rows: its SQL around the VALUES group, and where its other parameters go."""

    head: str
    group: str
    rest: str
    tail_keys: tuple[str, ...]
    """The statement's own parameters after the rows' values, in their order (a key may stand more than once)."""
    tail: dict[str, Any]
    """The values of the statement's own parameters (its literals), by key, as compiled."""
    reorder: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None
    per_chunk: int
    sql_by_rows: dict[int, str] = field(default_factory=dict)

    def sql(self, rows: int, returning: str) -> str:
        """The statement for `rows` rows (a page's chunks are all of per_chunk rows but its last)."""
        sql = self.sql_by_rows.get(rows)
        if sql is None:
            sql = self.sql_by_rows[rows] = self.head + ", ".join([self.group] * rows) + self.rest
        return sql + returning


FORMS_KEPT = 32
"""Statements whose compiled form is kept (ingest builds each of its upserts once per dialect: storage/ingest.py)."""
_forms: dict[tuple[int, str, tuple[str, ...]], tuple[Any, _RowForm | None]] = {}


def _row_form(connection: Connection, statement: Any, columns: Sequence[str]) -> _RowForm | None:
    """The statement's multi-row form, compiled at its first use on this dialect and kept while the statement is
    among the last FORMS_KEPT used (building and compiling ingest's upserts cost ~3 ms a 1,000-item page); None
    when the dialect needs the generic path. A form keeps the SQL of each chunk size it ran (at most
    ROWS_PER_STATEMENT of them)."""
    key = (id(statement), connection.dialect.name, tuple(columns))
    kept = _forms.get(key)
    if kept is not None:
        return kept[1]
    form = _compiled_row_form(connection, statement, columns)
    if len(_forms) >= FORMS_KEPT:
        _forms.clear()
    _forms[key] = (statement, form)  # the statement is held, so its id names no other while it is kept
    return form


def _compiled_row_form(connection: Connection, statement: Any, columns: Sequence[str]) -> _RowForm | None:
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(columns))
    order = compiled.positiontup
    sql = str(compiled)
    start = sql.find("VALUES (")
    if order is None or start < 0 or connection.dialect.paramstyle != "qmark":
        return None
    end = sql.index(")", start) + 1
    group = sql[start + len("VALUES ") : end]
    width = group.count("?")
    row_keys, tail_keys = order[:width], order[width:]
    if sorted(row_keys) != sorted(columns) or any(key in columns for key in tail_keys):
        return None
    reorder = None if tuple(row_keys) == tuple(columns) else operator.itemgetter(*map(columns.index, row_keys))
    return _RowForm(
        head=sql[: start + len("VALUES ")],
        group=group,
        rest=sql[end:],
        tail_keys=tuple(tail_keys),
        tail={key: compiled.params[key] for key in tail_keys},
        reorder=reorder,
        per_chunk=max(1, min(ROWS_PER_STATEMENT, (MAX_VARIABLES - len(tail_keys)) // width)),
    )


def multi_row(
    connection: Connection,
    statement: Any,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    returning: str = "",
    values: Mapping[str, Any] | None = None,
) -> list[Any] | None:
    """Run an upsert for many rows (tuples in `columns` order) as multi-row `INSERT … VALUES (…), (…), …`.

    The single-row statement is compiled once by Core and its VALUES group repeated, so SQLite runs one statement
    per chunk instead of one per row, and `RETURNING` hands back ids without a second query. The statements go to
    the DB-API cursor directly: SQLAlchemy's result processing would touch every returned row again. `values`: the
    statement's own bound parameters that change from call to call (`bindparam(key)`), by key. Positional (qmark)
    drivers only; returns None when the dialect needs the generic path.
    """
    form = _row_form(connection, statement, columns)
    if form is None:
        return None
    tail = tuple((values or {}).get(key, form.tail[key]) for key in form.tail_keys)
    reorder, per_chunk = form.reorder, form.per_chunk
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    results: list[Any] = []
    try:
        for first in range(0, len(rows), per_chunk):
            chunk = rows[first : first + per_chunk]
            params: list[Any] = []
            for row in chunk:
                params.extend(row if reorder is None else reorder(row))
            params.extend(tail)
            cursor.execute(form.sql(len(chunk), returning), params)
            results.extend(cursor.fetchall() if returning else ())
    finally:
        cursor.close()
    return results


def upsert_returning_ids(
    connection: Connection,
    statement: Any,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    table: Any,
    account_id: int,
) -> dict[str, int]:
    """Upsert rows keyed by (account_id, remote_id) and return remote_id → id."""
    returned = multi_row(connection, statement, columns, rows, " RETURNING remote_id, id")
    if returned is None:
        executemany(connection, statement, columns, rows)
        remote_id = columns.index("remote_id")
        return ids_by_remote_id(connection, table, account_id, [row[remote_id] for row in rows])
    return {row[0]: row[1] for row in returned}


def executemany(
    connection: Connection,
    statement: Any,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    values: Mapping[str, Any] | None = None,
) -> int:
    """Run a Core statement over many rows at driver level, for drivers `multi_row` cannot serve.

    SQLAlchemy's per-row parameter processing costs more than SQLite's own work on 1,000-row pages (measured:
    2.8 s of 6.3 s for 100,000 entries), so the statement is compiled once by Core and the rows go to the DB-API
    `executemany` as tuples. Values must already be driver-ready (see `time_converter`); `values` as multi_row's.
    Returns rows changed.
    """
    if not rows:
        return 0
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(columns))
    order = compiled.positiontup
    if order is None:
        named = [{**(values or {}), **dict(zip(columns, row, strict=True))} for row in rows]
        return max(0, connection.execute(statement, named).rowcount)
    own = {**compiled.params, **(values or {})}
    index = {name: position for position, name in enumerate(columns)}
    data = [tuple(row[index[key]] if key in index else own[key] for key in order) for row in rows]
    return max(0, connection.exec_driver_sql(str(compiled), data).rowcount)
