"""Opening the SQLite database: file location, connection pragmas, real transactions, migrations on open.

pysqlite's legacy transaction handling neither starts a transaction before DDL nor lets us choose BEGIN IMMEDIATE,
so every connection runs in autocommit mode and SQLAlchemy's `begin` event issues the BEGIN itself (the recipe from
SQLAlchemy's SQLite dialect documentation). This makes migration steps truly atomic.

Opening needs no SQLAlchemy: the schema version is read with the standard library's sqlite3, SQLAlchemy's engine
is built on the first `read()` or `write()`, and `snapshot()` reads through plain sqlite3 connections. That is
how the window paints its first page before SQLAlchemy and SQLModel are imported (storage/rawsql.py says why).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmdesk.storage import schema
from cmdesk.storage.errors import StorageError, explain, is_database_error, newest_copy
from cmdesk.storage.rawsql import driver

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

DB_FILENAME = "cmdesk.sqlite3"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 8192
"""Page cache per connection (8 MiB; SQLite's default is 2 MiB): large inserts keep index pages in memory. It was
32 MiB: measured (issue 23), 32 MiB made no sync faster — 10 feeds × 1,000 new entries into the 1,000,000-message
database took 12.7–14.2 s with 32 MiB and 12.8–13.7 s with 8 MiB (the operating system caches the file's pages
anyway) — while `cmdesk sync`'s process held 15–27 MB more."""
SNAPSHOT_CACHE_KIB = 8192
"""Page cache of each plain reading connection (the window's): reads need less than bulk inserts."""
CACHED_STATEMENTS = 16
"""Prepared statements each SQLAlchemy connection keeps (sqlite3's default is 128). Ingest's multi-row statements
(storage/bulk_upsert.py: then up to 500 rows of 23 values, now 100; a different text for each chunk size) were
megabytes each once prepared, and 128 of them held ~60 MB: a sync of 60 feeds × 1,000 entries, main process
240 → 134 MB, its tree 326 → 224 MB, the time unchanged (preparing a small statement again costs microseconds)."""


def _configure(engine: Engine) -> None:
    from sqlalchemy import event

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


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def _was_used(data_dir: Path) -> bool:
    """Whether the folder shows a workspace lived there (a write-ahead log, a copy, the window's settings, kept
    images): an empty database there is damage, not a first start."""
    signs = (f"{DB_FILENAME}-wal", "settings.ini", "media", "backups")
    return any((data_dir / sign).exists() for sign in signs) or any(data_dir.glob(f"{DB_FILENAME}.*.bak"))


def _what_to_do_empty(path: Path) -> str:
    copy = newest_copy(path)
    if copy is not None:
        return f"restore the newest copy, {copy}, with `cmdesk restore`."
    return "move the empty file aside to start a new workspace, or put a copy of the database in its place."


def _keep_private(path: Path) -> None:
    """The database file readable by its owner only: created so before SQLite opens it (its journal and WAL files
    take the same mode), and an older one made private (cmdesk created it with the umask's 0644 before)."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    for name in (path, *path.parent.glob(path.name + "*")):
        if name.is_file() and name.stat().st_mode & 0o077:
            name.chmod(PRIVATE_FILE)


class Database:
    """One cmdesk database file. `write()` gives a transaction that takes the write lock at once."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine
        self._engine_lock = threading.Lock()
        self._local = threading.local()
        self._plain: list[sqlite3.Connection] = []

    @classmethod
    def open(cls, data_dir: Path, *, migrate: bool = True) -> Database:
        """The database in `data_dir`, made (folder 0700, file 0600: what people wrote to a business is nobody
        else's on a shared computer) and migrated as needed."""
        path = data_dir / DB_FILENAME
        if path.exists() and path.stat().st_size == 0 and _was_used(data_dir):
            raise StorageError(
                f"the database {path} is empty, though this folder held a workspace (it was cut to nothing: a full "
                "disk, a copy that failed?). cmdesk does not start a new, empty workspace over it: "
                f"{_what_to_do_empty(path)}"
            )
        try:
            data_dir.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            _keep_private(path)
        except OSError as error:
            raise StorageError(f"cannot create the data folder {data_dir}: {error.strerror}") from None
        database = cls(path)
        if migrate:
            try:
                with database._explained():
                    if database.stored_version() != schema.VERSION:
                        from cmdesk.storage import migrations

                        migrations.migrate(database.engine, path)
            except Exception:
                database.close()
                raise
        return database

    @classmethod
    def in_memory(cls) -> Database:
        """A private database for tests and benchmarks (one shared connection)."""
        from sqlalchemy import create_engine
        from sqlalchemy.pool import StaticPool

        from cmdesk.storage import migrations

        engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        _configure(engine)
        database = cls(Path(":memory:"), engine)
        migrations.migrate(engine, None)
        return database

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, built (and SQLAlchemy imported) on first use."""
        with self._engine_lock:
            if self._engine is None:
                from sqlalchemy import create_engine

                engine = create_engine(f"sqlite:///{self.path}", connect_args={"cached_statements": CACHED_STATEMENTS})
                _configure(engine)
                self._engine = engine
            return self._engine

    def stored_version(self) -> int:
        """The schema version written in the file (0 for a new, empty database), read without SQLAlchemy."""
        with self.snapshot() as connection:
            if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
                row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                return int(row[0]) if row is not None else 0
            return 0

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Database errors leave as StorageError with a one-line reason; everything else passes unchanged."""
        try:
            yield
        except StorageError:
            raise
        except MemoryError:
            # SQLite says "out of memory" (SQLITE_NOMEM) when a damaged page gives it a nonsensical size.
            raise StorageError(
                f"the database ({self.path}) could not be read: SQLite ran out of memory, which a damaged page "
                "also causes; `cmdesk check` says whether it is damaged and what to do"
            ) from None
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

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read-only transaction on a plain sqlite3 connection (one per thread, kept open), for the plain-SQL
        reads of storage/rawsql.py: every query in the block sees the same state of the database. Nested
        blocks share the outer one's transaction."""
        if self._engine is not None and self.path == Path(":memory:"):
            with self.read() as shared:
                yield driver(shared)
            return
        with self._explained():
            connection = self._plain_connection()
            if connection.in_transaction:
                yield connection
                return
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                # SQLite ends the transaction itself on some errors (a damaged page): a ROLLBACK then would raise
                # "no transaction is active" over the error that says what happened.
                if connection.in_transaction:
                    connection.execute("ROLLBACK")

    def _plain_connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute(f"PRAGMA cache_size = -{SNAPSHOT_CACHE_KIB}")
            connection.execute("PRAGMA query_only = ON")
            self._local.connection = connection
            self._plain.append(connection)
        return connection

    def close(self) -> None:
        for connection in self._plain:
            connection.close()
        self._plain.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
