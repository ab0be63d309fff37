"""Is the database whole, and what can be done when it is not: SQLite's `quick_check` of every b-tree page and
FTS5's own check of the search index; the search index rebuilt from the messages (it holds nothing else, so that
loses nothing); or every row SQLite can still read copied into a new file of the same schema. The damaged file is
always kept aside.

Plain sqlite3 only (no SQLAlchemy): the check runs at the window's start, off its first-paint path.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cmdesk.storage import conversation_counts, message_hours
from cmdesk.storage.errors import says_damaged

MAX_PROBLEMS = 20
"""quick_check stops after this many problems: enough to tell damage from a healthy file, and bounded."""
SALVAGE_DEADLINE_S = 3600
"""The salvage reads every row once (and splits ranges around damaged pages): minutes for gigabytes, never an
hour."""
PRIVATE_FILE = 0o600
DERIVED = frozenset({"message_hours"})
"""Tables worked out from the messages, counted again after a salvage instead of copied."""


@dataclass(frozen=True)
class Health:
    """What the check found: the b-tree problems SQLite reports (none when the pages are whole) and whether the
    search index disagrees with itself."""

    problems: tuple[str, ...] = ()
    search_index_damaged: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.search_index_damaged

    @property
    def only_the_search_index(self) -> bool:
        """The messages are whole; only the index is damaged, and rebuilding it loses nothing."""
        return not self.problems and self.search_index_damaged

    def summary(self) -> str:
        if self.ok:
            return "the database is whole"
        if self.only_the_search_index:
            return (
                "the search index is damaged (the messages are whole): rebuild it with `cmdesk check --rebuild-search`"
            )
        shown = "; ".join(self.problems[:3])
        more = f" (and {len(self.problems) - 3} more)" if len(self.problems) > 3 else ""
        return f"the database is damaged: {shown}{more}"


@dataclass(frozen=True)
class Salvaged:
    """A salvage done: the damaged file kept aside, and how many messages the salvaged database holds."""

    aside: Path
    messages_before: int | None
    messages_after: int


def _read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def check(path: Path, *, search_index: bool = True) -> Health:
    """`PRAGMA quick_check` (every page of every b-tree, without comparing indexes to tables: ~6 s on a million
    messages, 1 GB) and, when the pages are whole, FTS5's check of the search index (~4 s more). A file SQLite
    cannot read at all is one problem. Never writes."""
    try:
        connection = _read_only(path)
    except sqlite3.Error as error:
        return Health((str(error),))
    try:
        try:
            rows = connection.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
        except sqlite3.DatabaseError as error:
            return Health((str(error),))
        problems = tuple(str(row[0]) for row in rows if row[0] != "ok")
    finally:
        connection.close()
    return Health(problems, search_index and not problems and _search_index_damaged(path))


def _search_index_damaged(path: Path) -> bool:
    """FTS5's check, which compares the index with the messages it indexes (`rank` = 1). FTS5 runs it as an
    INSERT, refused on a read-only connection, so it runs inside a transaction that is rolled back: it writes
    nothing. A damaged index reports corruption, or (SQLite's SQLITE_NOMEM on a nonsensical size) no memory."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'message_fts'").fetchone():
            return False
        connection.execute("BEGIN")
        try:
            connection.execute("INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)")
        except (sqlite3.DatabaseError, MemoryError):
            return True
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
        return False
    except sqlite3.DatabaseError:
        return True
    finally:
        connection.close()


def _rebuild(path: Path, work: Callable[[sqlite3.Connection], object]) -> None:
    """Run `work` in one write transaction on the database file (what it remakes is derived from the messages)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("BEGIN IMMEDIATE")
        work(connection)
        connection.execute("COMMIT")
    finally:
        connection.close()


def rebuild_search_index(path: Path) -> None:
    """The search index made again from the messages (it is an external-content index: nothing is lost)."""
    _rebuild(path, lambda connection: connection.execute("INSERT INTO message_fts(message_fts) VALUES ('rebuild')"))


def report_counts_differences(path: Path) -> int:
    """How many of the kept counts — per hour, that reports read (storage/message_hours.py), and per status and
    kind, that the sidebar reads (storage/conversation_counts.py) — disagree with a full count (a few seconds on a
    million messages; not part of the check at the window's start). Never writes."""
    connection = _read_only(path)
    try:
        return len(message_hours.differences(connection)) + len(conversation_counts.differences(connection))
    finally:
        connection.close()


def rebuild_report_counts(path: Path) -> None:
    """The kept counts counted again from the messages and conversations (they hold nothing else: nothing is
    lost)."""

    def again(connection: sqlite3.Connection) -> None:
        message_hours.rebuild(connection)
        conversation_counts.rebuild(connection)

    _rebuild(path, again)


def _count_messages(path: Path) -> int | None:
    try:
        connection = _read_only(path)
        try:
            return int(connection.execute("SELECT count(*) FROM messages").fetchone()[0])
        finally:
            connection.close()
    except (sqlite3.Error, MemoryError):
        return None


def salvage(path: Path, deadline_s: float = SALVAGE_DEADLINE_S) -> Salvaged:
    """What is readable of `path` copied into a new database of the same schema, the search index and the reports'
    counts rebuilt, then
    put in its place; the damaged file (and its journal) kept aside as `<name>.damaged-<time>`.
    RuntimeError with the reason when it cannot be done; the damaged file is then untouched."""
    before = _count_messages(path)
    recovered = path.with_name(path.name + ".salvaged")
    for leftover in (recovered, *recovered.parent.glob(recovered.name + "-*")):
        leftover.unlink(missing_ok=True)
    os.close(os.open(recovered, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE))
    try:
        _copy_readable(path, recovered, time.monotonic() + deadline_s)
        rebuild_search_index(recovered)
        rebuild_report_counts(recovered)  # the messages lost with damaged pages are not counted any more
        after = _count_messages(recovered)
        if after is None or not check(recovered).ok:
            raise RuntimeError("what could be read does not make a whole database; restore a copy instead")
    except (RuntimeError, sqlite3.Error, OSError, MemoryError) as error:
        recovered.unlink(missing_ok=True)
        if isinstance(error, RuntimeError):
            raise
        raise RuntimeError(str(error) or type(error).__name__) from None
    aside = set_aside(path)
    os.replace(recovered, path)
    return Salvaged(aside, before, after)


def _copy_readable(damaged: Path, recovered: Path, deadline: float) -> None:
    """The damaged file's schema made again in `recovered`, then every row SQLite can still read, table by table:
    a range of rows that fails is split in two until the rows it loses are only those on damaged pages. SQLite's
    own `.recover` would read pages outside the tables' b-trees too, but Debian's SQLite (3.40) is built without
    the `sqlite_dbpage` table it needs and its shell answers "SQL logic error" even on a whole file."""
    connection = sqlite3.connect(f"file:{recovered}", uri=True, isolation_level=None)
    try:
        connection.execute("ATTACH DATABASE ? AS damaged", (f"file:{damaged}?mode=ro",))
        try:
            schema = connection.execute(
                "SELECT type, name, tbl_name, sql FROM damaged.sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
            ).fetchall()
        except (sqlite3.DatabaseError, MemoryError) as error:
            raise RuntimeError(f"the list of tables itself is unreadable ({error}); restore a copy instead") from None
        virtual = {
            name for kind, name, _, sql in schema if kind == "table" and sql.upper().startswith("CREATE VIRTUAL")
        }
        shadow = {name for kind, name, _, _ in schema for v in virtual if name.startswith(v + "_")}
        tables = [
            (name, sql)
            for kind, name, _, sql in schema
            if kind == "table" and name not in shadow and not name.startswith("sqlite_")
        ]
        # The new file is thrown away unless the salvage ends well: no journal needed while it is written.
        connection.execute("PRAGMA main.journal_mode = OFF")
        connection.execute("PRAGMA main.synchronous = OFF")
        for _, sql in tables:
            connection.execute(sql)
        for name, _ in tables:
            if name not in virtual and name not in DERIVED:
                _copy_table(connection, name, deadline)
        for kind, _, _, sql in schema:
            if kind in ("index", "trigger"):
                connection.execute(sql)
    finally:
        connection.close()


def _copy_whole(connection: sqlite3.Connection, quoted: str) -> None:
    """A table without rowids, copied in one go; left empty when its pages are damaged."""
    connection.execute("BEGIN")
    try:
        connection.execute(f"INSERT OR IGNORE INTO main.{quoted} SELECT * FROM damaged.{quoted}")
    except (sqlite3.DatabaseError, MemoryError) as error:
        connection.execute("ROLLBACK")
        if not _is_damage(error):
            raise
    else:
        connection.execute("COMMIT")


def _is_damage(error: BaseException) -> bool:
    return isinstance(error, MemoryError) or says_damaged(str(error))


def _copy_table(connection: sqlite3.Connection, table: str, deadline: float) -> None:
    quoted = '"' + table.replace('"', '""') + '"'
    shape = connection.execute("SELECT sql FROM damaged.sqlite_master WHERE type = 'table' AND name = ?", (table,))
    if "WITHOUT ROWID" in str((shape.fetchone() or [""])[0]).upper():
        _copy_whole(connection, quoted)  # no rowid to split a damaged range by: small tables (the usage ledger)
        return
    try:
        highest = connection.execute(f"SELECT max(rowid) FROM damaged.{quoted}").fetchone()[0]
    except (sqlite3.DatabaseError, MemoryError):
        highest = None
    if highest is None:
        highest = 1 << 40  # the right edge is damaged (or the table empty): the ranges find what is there
    pending = [(1, int(highest))]
    while pending:
        if time.monotonic() > deadline:
            raise RuntimeError("the salvage took longer than its deadline and was stopped")
        low, high = pending.pop()
        # A transaction per range: SQLite keeps a damaged file's read in error until its transaction ends.
        connection.execute("BEGIN")
        try:
            connection.execute(
                f"INSERT OR IGNORE INTO main.{quoted} SELECT * FROM damaged.{quoted} WHERE rowid BETWEEN ? AND ?",
                (low, high),
            )
        except (sqlite3.DatabaseError, MemoryError) as error:
            connection.execute("ROLLBACK")
            if not _is_damage(error):
                raise
            if low < high:
                middle = (low + high) // 2
                pending += [(middle + 1, high), (low, middle)]
        else:
            connection.execute("COMMIT")


def set_aside(path: Path) -> Path:
    """Move the database (and its write-ahead log) to `<name>.damaged-<time>`: kept, never deleted."""
    aside = path.with_name(f"{path.name}.damaged-{datetime.now(UTC):%Y%m%d-%H%M%S}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        leftover = path.with_name(path.name + suffix)
        if leftover.exists():
            os.replace(leftover, aside.with_name(aside.name + suffix))
    return aside
