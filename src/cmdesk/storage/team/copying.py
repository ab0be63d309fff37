"""Copying the workspace's records between a laptop's SQLite file and the team database, table by table in
foreign-key order, ids kept, streamed (memory stays bounded whatever the size): into PostgreSQL through COPY, out
of it a thousand rows at a time.

The first laptop to join copies its records in; every later one fills a fresh copy from the team database, read in
one REPEATABLE READ transaction together with the log's position, so the copy and the operations after it fit.
Outbox entries still to send stay on the laptop that wrote them (a copy sending them too would send them twice):
only settled ones (sent, cancelled) are copied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, insert, select, text
from sqlmodel import SQLModel

from cmdesk.storage import fts, records
from cmdesk.storage.rawsql import driver
from cmdesk.storage.team import server_counts, server_search
from cmdesk.storage.team.server_schema import LOCAL_ONLY
from cmdesk.storage.timeutil import to_sqlite_text

BATCH = 1000
COPY_SECONDS = 1800
"""How long one statement of a first copy may take (a million messages: about two minutes here)."""
SETTLED_OUTBOX = ("sent", "cancelled")


def _tables() -> list[Any]:
    assert records  # registers every table on SQLModel.metadata
    return [table for table in SQLModel.metadata.sorted_tables if table.name not in LOCAL_ONLY]


def _clean(value: Any) -> Any:
    """PostgreSQL's text holds no NUL character, which a stranger's message may carry: it is dropped."""
    return value.replace("\x00", "") if isinstance(value, str) and "\x00" in value else value


def _copy_table(source: Connection, target: Connection, table: Any) -> int:
    query = select(table)
    if table.name == "outbox":
        query = query.where(table.c.state.in_(SETTLED_OUTBOX))
    copied = 0
    result = source.execution_options(yield_per=BATCH).execute(query)
    if target.dialect.name == "postgresql":
        return _copy_in(result, target, table)
    if target.dialect.name == "sqlite" and source.dialect.name == "postgresql":
        return _copy_out(result, target, table)
    for batch in result.partitions(BATCH):
        target.execute(insert(table), [{key: _clean(value) for key, value in row._asdict().items()} for row in batch])
        copied += len(batch)
    return copied


def _as_sqlite(kind: Any) -> Callable[[Any], Any]:
    """How a column's value goes to SQLite as SQLAlchemy would store it (times as its UTC text, flags as 0/1)."""
    if isinstance(kind, DateTime):
        return lambda value: to_sqlite_text(value) if value is not None else None
    if isinstance(kind, Boolean):
        return lambda value: int(value) if value is not None else None
    return lambda value: value


def _copy_out(result: Any, local: Connection, table: Any) -> int:
    """Rows of the team database into a laptop's SQLite file straight through sqlite3's `executemany`, a thousand
    at a time (SQLAlchemy's per-row processing cost ~3 of the 11 s a 50,000-conversation fill took)."""
    names = list(result.keys())
    convert = [_as_sqlite(table.c[name].type) for name in names]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    copied = 0
    for batch in result.partitions(BATCH):
        driver(local).executemany(
            sql, [tuple(to(value) for to, value in zip(convert, row, strict=True)) for row in batch]
        )
        copied += len(batch)
    return copied


def _copy_in(result: Any, pg: Connection, table: Any) -> int:
    """Rows into a PostgreSQL table through `COPY … FROM STDIN`, streamed by psycopg (many times the rows a second of
    batched INSERTs; the JSON-shaped columns are TEXT, records.py)."""
    names = list(result.keys())
    copied = 0
    raw = pg.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as stream:
        for row in result:
            stream.write_row([_clean(value) for value in row])
            copied += 1
    return copied


def to_server(local: Connection, pg: Connection) -> dict[str, int]:
    """Every record of this laptop into the (empty) team database; rows copied per table. The search index and
    the kept counts are made once the rows are in (kept up row by row, the counts' few rows were updated once a
    conversation: 50,000 conversations took longer than the statement deadline), under a deadline of their own."""
    pg.execute(text(f"SET LOCAL statement_timeout = {COPY_SECONDS * 1000}"))
    server_search.without_index(pg)
    server_counts.pause(pg)
    copied = {table.name: _copy_table(local, pg, table) for table in _tables()}
    server_counts.resume(pg)
    server_search.with_index(pg)
    for table in _tables():
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
            pg.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
            )
    return copied


def from_server(pg: Connection, local: Connection) -> dict[str, int]:
    """Every record of the team database into an empty SQLite workspace; its search index made after."""
    copied = {table.name: _copy_table(pg, local, table) for table in _tables()}
    fts.index_inserted(local, 0)
    return copied
