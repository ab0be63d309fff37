"""Damaged databases as a failing disk leaves them: a workspace of real messages, then bytes of chosen pages of
one table overwritten (found through SQLite's dbstat table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cmdesk.domain import Page
from cmdesk.storage import ingest
from cmdesk.storage.database import DB_FILENAME, Database
from tests.support.factories import item, make_account


def workspace_of(data_dir: Path, messages: int = 3000) -> Path:
    """A database of `messages` feed posts whose text all says "éclair"; its path."""
    database = Database.open(data_dir)
    account = make_account(database)
    for start in range(0, messages, 300):
        items = tuple(item(n, text=f"bonjour éclair numéro {n} " * 20) for n in range(start, start + 300))
        ingest.commit_page(database, account.id, Page(items, {"start": start}))
    database.close()
    path = data_dir / DB_FILENAME
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


def damage_pages(path: Path, table: str, *, first: float, last: float, at: int, junk: bytes) -> int:
    """Overwrite `junk` at offset `at` of the leaf pages of `table` between the fractions `first` and `last` of
    them; how many pages were damaged."""
    connection = sqlite3.connect(path)
    pages = [
        row[0] for row in connection.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))
    ]
    size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    chosen = pages[int(len(pages) * first) : max(int(len(pages) * last), int(len(pages) * first) + 1)]
    with open(path, "r+b") as file:
        for page in chosen:
            file.seek((page - 1) * size + at)
            file.write(junk)
    return len(chosen)


def damage_search_index(path: Path) -> int:
    """The search index's leaf blocks given nonsense headers (FTS5 keeps its index as blobs in a table of its own:
    SQLite's b-trees stay whole and quick_check passes, FTS5's check does not); how many blocks."""
    connection = sqlite3.connect(path)
    with connection:
        damaged = connection.execute(
            "UPDATE message_fts_data SET block = X'FFFFFFFF' || substr(block, 5) WHERE id > 10 AND length(block) > 8"
        ).rowcount
    connection.close()
    return damaged


def damage_messages(path: Path) -> int:
    """Two leaf pages of the messages table given nonsense headers."""
    return damage_pages(path, "messages", first=0.5, last=0.5, at=0, junk=b"\x0d\xff\xff\xff" * 20) + damage_pages(
        path, "messages", first=0.7, last=0.7, at=0, junk=b"\x0d\xff\xff\xff" * 20
    )
