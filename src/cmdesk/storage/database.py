"""Opening the SQLite database: file location, connection pragmas, real transactions, migrations on open.

pysqlite's legacy transaction handling neither starts a transaction before DDL nor lets us choose BEGIN IMMEDIATE,
so every connection runs in autocommit mode and SQLAlchemy's `begin` event issues the BEGIN itself (the recipe from
SQLAlchemy's SQLite dialect documentation). This makes migration steps truly atomic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from cmdesk.storage import migrations
from cmdesk.storage.errors import StorageError, explain, is_database_error

DB_FILENAME = "cmdesk.sqlite3"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32768
"""Page cache per connection (32 MiB; SQLite's default is 2 MiB): large inserts keep index pages in memory."""


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.info.get("write") else "BEGIN")


class Database:
    """One cmdesk database file. `write()` gives a transaction that takes the write lock at once."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine

    @classmethod
    def open(cls, data_dir: Path, *, migrate: bool = True) -> Database:
        path = data_dir / DB_FILENAME
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create the data folder {data_dir}: {error.strerror}") from None
        engine = create_engine(f"sqlite:///{path}")
        _configure(engine)
        database = cls(path, engine)
        if migrate:
            try:
                with database._explained():
                    migrations.migrate(database.engine, path)
            except Exception:
                engine.dispose()
                raise
        return database

    @classmethod
    def in_memory(cls) -> Database:
        """A private database for tests and benchmarks (one shared connection)."""
        from sqlalchemy.pool import StaticPool

        engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        _configure(engine)
        database = cls(Path(":memory:"), engine)
        migrations.migrate(engine, None)
        return database

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Database errors leave as StorageError with a one-line reason; everything else passes unchanged."""
        try:
            yield
        except StorageError:
            raise
        except Exception as error:
            if is_database_error(error):
                raise explain(error, self.path) from error
            raise

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._explained(), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE): commits when the block ends, rolls back on any exception."""
        with self._explained(), self.engine.connect() as connection:
            connection.info["write"] = True
            try:
                with connection.begin():
                    yield connection
            finally:
                connection.info.pop("write", None)

    def close(self) -> None:
        self.engine.dispose()
