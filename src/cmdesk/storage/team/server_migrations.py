"""Bringing a team database made by an earlier cmdesk up to this one, under the schema lock, when the first laptop
of the newer version reaches it: its records to storage/schema.VERSION, its team tables to TEAM_SCHEMA.

Records: the team database was made from the same SQLModel declarations as a laptop's file, so what a laptop's
migration adds — a table, a column (with its server default, as every added column has), an index — is added here
from the declarations themselves, whatever the version. A migration that changes data or shape registers its
PostgreSQL step in `STEPS` (the version it leads to → what to run), run in order after the additions. A laptop of
an older cmdesk than the team database's is refused, with what to do: it would write records this version no
longer reads the same way."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, text
from sqlalchemy.schema import CreateColumn
from sqlmodel import SQLModel

from cmdesk.storage import records, schema
from cmdesk.storage.team.server_schema import LOCAL_ONLY, TEAM_SCHEMA, TeamDatabaseError


def _v25_sentiment_index_replaced(pg: Connection) -> None:
    """Schema 25's index by (sentiment, status, last_activity_at, id) is added from the declarations
    (`add_missing`); the (sentiment, status) one it replaces goes."""
    pg.execute(text("DROP INDEX IF EXISTS ix_conversations_sentiment_status"))


STEPS: dict[int, Callable[[Connection], None]] = {25: _v25_sentiment_index_replaced}
"""Records schema version → its PostgreSQL step, for a migration that does more than add (schema 24 is the first a
team database was made with)."""


def add_missing(pg: Connection) -> list[str]:
    """Every declared table, column and index the team database lacks, made; what was made."""
    assert records  # registers every table on SQLModel.metadata
    made: list[str] = []
    found = inspect(pg)
    for table in SQLModel.metadata.sorted_tables:
        if table.name in LOCAL_ONLY:
            continue
        if not found.has_table(table.name):
            table.create(pg)
            made.append(table.name)
            continue
        present = {column["name"] for column in found.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                pg.execute(
                    text(f"ALTER TABLE {table.name} ADD COLUMN {CreateColumn(column).compile(dialect=pg.dialect)}")
                )
                made.append(f"{table.name}.{column.name}")
        for index in table.indexes:
            if index.name and not pg.execute(text("SELECT to_regclass(:n)"), {"n": index.name}).scalar():
                index.create(pg)
                made.append(index.name)
    return made


def _set(pg: Connection, key: str, value: int) -> None:
    pg.execute(text("UPDATE team_info SET value = :v WHERE key = :k"), {"v": str(value), "k": key})


def upgrade(pg: Connection, info: dict[str, str], read_side: Callable[[Connection], None]) -> dict[str, str]:
    """The team database at this cmdesk's versions (in the caller's transaction, under its schema lock)."""
    records_version = int(info.get("records_schema") or 0)
    team_version = int(info.get("team_schema") or 0)
    if records_version > schema.VERSION or team_version > TEAM_SCHEMA:
        raise TeamDatabaseError(
            f"the team database was brought to a newer cmdesk (records schema {records_version}, this cmdesk reads "
            f"{schema.VERSION}) by a teammate's laptop: update cmdesk on this laptop to work with the team"
        )
    if records_version < schema.VERSION:
        add_missing(pg)
        for version in range(records_version + 1, schema.VERSION + 1):
            step = STEPS.get(version)
            if step is not None:
                step(pg)
        _set(pg, "records_schema", schema.VERSION)
    if team_version < TEAM_SCHEMA:
        read_side(pg)
        _set(pg, "team_schema", TEAM_SCHEMA)
    return {row[0]: row[1] for row in pg.execute(text("SELECT key, value FROM team_info"))}
