"""Copying the workspace's records between a laptop's SQLite file and the team database, table by table in
foreign-key order, ids kept, streamed (memory stays bounded whatever the size): into PostgreSQL through COPY, out
of it a thousand rows at a time.

The first laptop to join copies its records in; every later one fills a fresh copy from the team database, read in
one REPEATABLE READ transaction together with the log's position, so the copy and the operations after it fit.
Outbox entries still to send stay on the laptop that wrote them (a copy sending them too would send them twice):
only settled ones (sent, cancelled) are copied."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, text
from sqlmodel import SQLModel

from cmdesk.storage import fts, records
from cmdesk.storage.team import server_search
from cmdesk.storage.team.server_schema import LOCAL_ONLY

BATCH = 1000
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
    for batch in result.partitions(BATCH):
        target.execute(insert(table), [{key: _clean(value) for key, value in row._asdict().items()} for row in batch])
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
    """Every record of this laptop into the (empty) team database; rows copied per table."""
    server_search.without_index(pg)
    copied = {table.name: _copy_table(local, pg, table) for table in _tables()}
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
