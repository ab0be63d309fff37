"""The team database (PostgreSQL through psycopg 3 and SQLAlchemy): connecting with a deadline on everything, its
tables, and failures said plainly.

It holds the workspace's records — the same SQLModel tables as a laptop's SQLite file, made by the same
declarations — and the team's own tables: the log of operations (`team_ops`, its `seq` the order every laptop
applies them in), the registers of the last-writer-wins fields, the assignments (compare-and-set), the laptops, and
`team_info` (versions, the workspace's id). Made once, by the first laptop to join, under an advisory lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.domain import Secret
from cmdesk.domain.team import TeamAddress
from cmdesk.storage import schema
from cmdesk.storage.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

TEAM_SCHEMA = 2
"""The team tables' version (the records' own is storage/schema.VERSION, kept in `team_info` too). 2: the read
side (search column and index, kept counts), made on a version-1 database when a laptop of this version reaches it."""
CONNECT_SECONDS = 10
STATEMENT_SECONDS = 30
SCHEMA_LOCK = 0x636D_6465_736B_0001
"""pg_advisory_xact_lock key taken while the tables are made and the first workspace copied in."""
LEASE_SECONDS = 120
"""How long a laptop leads an account after it last said so (`team_info.lease_seconds` may say otherwise): another
laptop with the account's sign-in takes over when that passes without a renewal."""
LOCAL_ONLY = ("team_pending", "meta")
"""SQLite tables never copied to the team database: this laptop's queue, its settings (the link lives there)."""

TEAM_TABLES = (
    """CREATE TABLE IF NOT EXISTS team_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS team_ops (
        seq BIGSERIAL PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        laptop TEXT NOT NULL,
        person TEXT NOT NULL,
        kind TEXT NOT NULL,
        account_uid TEXT NOT NULL,
        conversation TEXT NOT NULL,
        payload JSONB NOT NULL,
        made_at BIGINT NOT NULL,
        applied BOOLEAN NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )""",
    """CREATE INDEX IF NOT EXISTS ix_team_ops_subject ON team_ops (account_uid, conversation, kind)""",
    """CREATE TABLE IF NOT EXISTS team_registers (
        account_uid TEXT NOT NULL,
        conversation TEXT NOT NULL,
        field TEXT NOT NULL,
        value JSONB NOT NULL,
        made_at BIGINT NOT NULL,
        op_id TEXT NOT NULL,
        PRIMARY KEY (account_uid, conversation, field)
    )""",
    """CREATE TABLE IF NOT EXISTS team_assignments (
        account_uid TEXT NOT NULL,
        conversation TEXT NOT NULL,
        person TEXT NOT NULL,
        op_id TEXT NOT NULL,
        PRIMARY KEY (account_uid, conversation)
    )""",
    """CREATE TABLE IF NOT EXISTS team_leases (
        account_uid TEXT PRIMARY KEY,
        laptop TEXT NOT NULL,
        until TIMESTAMPTZ NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS team_sends (
        idempotency_key TEXT PRIMARY KEY,
        laptop TEXT NOT NULL,
        state TEXT NOT NULL,
        remote_id TEXT,
        claimed_at TIMESTAMPTZ NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS team_presence (
        laptop TEXT PRIMARY KEY,
        person TEXT NOT NULL,
        account_uid TEXT NOT NULL,
        conversation TEXT NOT NULL,
        state TEXT NOT NULL,
        said_at TIMESTAMPTZ NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS team_laptops (
        laptop TEXT PRIMARY KEY,
        person TEXT NOT NULL,
        joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        seq BIGINT NOT NULL DEFAULT 0
    )""",
)


class TeamDatabaseError(StorageError):
    """The team database refused or is not one cmdesk can use; the message says what to do."""


class TeamUnreachable(TeamDatabaseError):
    """The team database cannot be reached now (no network, server down): work goes on locally and is replayed."""


def engine_for(address: TeamAddress, password: Secret) -> Engine:
    """An engine on the team database: TLS as the address says (required by default off this machine), a connect
    timeout, and a deadline on every statement; parameters never appear in logs or errors."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import URL

    url = URL.create(
        "postgresql+psycopg",
        username=address.user,
        password=password.reveal(),
        host=address.host,
        port=address.port,
        database=address.database,
        query={"sslmode": address.sslmode, "connect_timeout": str(CONNECT_SECONDS), "application_name": "cmdesk"},
    )
    # Times are stored without a zone, in UTC, as on a laptop: the session's zone is UTC whatever the server's.
    options = (
        f"-c statement_timeout={STATEMENT_SECONDS * 1000} -c lock_timeout={STATEMENT_SECONDS * 1000} -c TimeZone=UTC"
    )
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args={"options": options})


def explain(error: BaseException, address: TeamAddress) -> TeamDatabaseError:
    """A psycopg/SQLAlchemy failure as one line saying what to do (never the password: psycopg does not echo it)."""
    original = getattr(error, "orig", None) or error
    text = " ".join(str(original).split())
    lowered = text.lower()
    where = f"{address.host}:{address.port}/{address.database}"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return TeamDatabaseError(
            f"the team database {where} refused the password for {address.user}: run `cmdesk team join` again with "
            "the right one"
        )
    if "does not exist" in lowered and "database" in lowered:
        return TeamDatabaseError(f"there is no database {address.database!r} on {address.host}:{address.port}")
    if "ssl" in lowered and ("not support" in lowered or "required" in lowered):
        return TeamDatabaseError(
            f"the team database {where} offers no TLS, which cmdesk requires off this machine; enable ssl on the "
            "server, or add ?sslmode=prefer to the address if the network between you is trusted"
        )
    reachable_words = ("connection refused", "timeout", "timed out", "could not translate", "network is unreachable")
    if any(word in lowered for word in reachable_words) or "connection" in lowered and "failed" in lowered:
        return TeamUnreachable(f"the team database {where} cannot be reached now ({text})")
    return TeamDatabaseError(f"team database {where}: {text}")


def prepare(connection: Connection) -> dict[str, str]:
    """Make the tables if this database is new (under a lock, so two first laptops cannot both), or bring them up
    to this cmdesk's versions (storage/team/server_migrations.py); return `team_info`. Refuses a database a newer
    cmdesk already upgraded."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    from cmdesk.storage import records

    assert records  # registers every table on SQLModel.metadata
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
    has_info = connection.execute(text("SELECT to_regclass('team_info') IS NOT NULL")).scalar()
    if not has_info:
        tables = [table for name, table in SQLModel.metadata.tables.items() if name not in LOCAL_ONLY]
        SQLModel.metadata.create_all(connection, tables=tables)
        for statement in TEAM_TABLES:
            connection.execute(text(statement))
        connection.execute(
            text(
                "INSERT INTO team_info (key, value) VALUES ('team_schema', :t), ('records_schema', :r), "
                "('lease_seconds', :lease)"
            ),
            {"t": str(TEAM_SCHEMA), "r": str(schema.VERSION), "lease": str(LEASE_SECONDS)},
        )
        _read_side(connection)
    info = {row[0]: row[1] for row in connection.execute(text("SELECT key, value FROM team_info"))}
    if info.get("records_schema") != str(schema.VERSION) or info.get("team_schema") != str(TEAM_SCHEMA):
        from cmdesk.storage.team import server_migrations

        info = server_migrations.upgrade(connection, info, _read_side)
    return info


def _read_side(connection: Connection) -> None:
    """What reading the team database directly needs (storage/team/server_reader.py): search, kept counts."""
    from sqlalchemy import text

    from cmdesk.storage.team import server_counts, server_search

    folds = server_search.create(connection)
    server_counts.create(connection)
    connection.execute(
        text(
            "INSERT INTO team_info (key, value) VALUES ('search_folds_accents', :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"v": "yes" if folds else "no"},
    )
