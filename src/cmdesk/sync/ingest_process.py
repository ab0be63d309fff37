"""Writing large pulled pages in a child process (the window's sync): their rows, threads, story keys, kept counts
and search index are built and written there, so the window's event loop no longer shares the interpreter lock
with ingest's Python work.

Measured (bench/ui.py --only-sync, 20 feeds × 1,000 entries, 2 cores): with every page written on the writer thread
in the window's process, a screen of new inbox rows took 50–90 ms of wall time for 25–30 ms of the UI thread's CPU,
and a run's worst loop stall was 40–98 ms (median 58 over 13 runs). The figures with pages written here are in
issue 23's note. The costs: pages are pickled once more (the window's sync took ~1 s longer of 7–8 s), and the
child holds ~60–75 MB (SQLAlchemy, SQLModel) while a pass that brought large pages runs.

The writes stay in one queue: the engine's writer thread hands each large page over (pickled there, not on the
event loop) and waits for it, so the window's own small writes still take turns with the sync's and never wait on
SQLite's lock. One worker, started by the first large page of a pass ("spawn", safe beside Qt) and stopped when
the pass ends, dies with its parent; it opens the same database file (no migration: the window did it). If it
dies, or a page cannot be pickled, the page is written on the writer thread as before (ingest is an upsert by the
items' ids: a page the child wrote before dying is stored once), and, after a death, every later page too.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from pathlib import Path

from cmdesk.domain import Page
from cmdesk.storage import ingest
from cmdesk.storage.database import Database
from cmdesk.storage.ingest import IngestResult

log = logging.getLogger(__name__)

NICENESS = 5
"""Below the window's own threads (bench/ui.py --only-sync, five runs each: worst stall 41–52 ms at 5, 47–64 ms at
0), above the parsers and the judge (10): ingest is the sync's serial stage (the window's sync took ~1 s longer of
7–8 s)."""
LARGE_PAGE = 100
"""Pages of fewer items are written on the writer thread (a few new toots or mails: milliseconds of its Python),
and a sync that brings only those never starts the child."""
_database: Database | None = None
"""The child's own connection to the database (set by `_start`)."""


def _start(parent: int, path: str) -> None:
    from cmdesk.connectors.child_processes import die_with_parent

    global _database
    die_with_parent(parent)
    try:
        os.nice(NICENESS)
    except OSError:
        pass
    _database = Database(Path(path))
    with _database.read():  # SQLAlchemy's engine and the connection's settings now, not with the first page
        pass


def _commit_pickled(account_id: int, pickled: bytes, judge_inline: bool) -> IngestResult:
    """In the child: the page, unpickled, written as `ingest.commit_page` writes it."""
    assert _database is not None, "the ingest process was started without its database"
    page: Page = pickle.loads(pickled)
    return ingest.commit_page(_database, account_id, page, judge_inline=judge_inline)


class IngestProcess:
    """Where the engine's writer thread has pages written: `commit_page` has `ingest.commit_page`'s meaning."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(os.getpid(), str(self._path)),
            )
        return self._pool

    def commit_page(self, database: Database, account_id: int, page: Page, *, judge_inline: bool) -> IngestResult:
        """On the writer thread: a large page written by the child, waited for; a small one, or any page when the
        child cannot, here."""
        if self._broken or len(page.items) < LARGE_PAGE:
            return ingest.commit_page(database, account_id, page, judge_inline=judge_inline)
        try:
            pickled = pickle.dumps(page, pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            log.warning("a page of account %s could not go to the ingest process (%s); written here", account_id, error)
            return ingest.commit_page(database, account_id, page, judge_inline=judge_inline)
        try:
            return self._started().submit(_commit_pickled, account_id, pickled, judge_inline).result()
        except BrokenExecutor:
            # Killed (out of memory, by hand) before or while writing: its transaction was rolled back by SQLite,
            # so the page is written again here, whole.
            log.warning("the ingest process stopped; pages are written on the writer thread from now on")
            self._broken = True
            self.close()
            return ingest.commit_page(database, account_id, page, judge_inline=judge_inline)

    def close(self) -> None:
        """Stop the child (the next large page starts it again): at the end of every sync pass, so that the idle
        window does not keep its ~60–75 MB."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
