"""The reading thread (ui/background_reads.py): results come back on the window's thread, a newer request of the
same kind replaces one that has not started, a failing read does not stop the thread, and closing stops it."""

from __future__ import annotations

import sqlite3
import threading

import shiboken6
from PySide6.QtWidgets import QLabel

from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import ConversationFilter
from cmdesk.storage.database import Database
from cmdesk.storage.sqlite_reader import SqliteReader
from cmdesk.ui.background_reads import BackgroundReads


def test_results_arrive_on_the_window_thread_and_the_newest_request_wins(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    reads = BackgroundReads(SqliteReader(database))
    started, release = threading.Event(), threading.Event()
    delivered: list[tuple[str, bool]] = []

    def slow(reader: Reader) -> str:
        started.set()
        release.wait(5)
        return "slow"

    def answer(value: str):  # type: ignore[no-untyped-def]
        return lambda _connection: value

    def then(result: str) -> None:
        delivered.append((result, threading.current_thread() is threading.main_thread()))

    try:
        reads.submit("first", slow, then)
        assert started.wait(5)
        reads.submit("counts", answer("older counts"), then)
        reads.submit("counts", answer("newer counts"), then)
        assert not delivered, "nothing is delivered while the window does not turn its event loop"
        release.set()
        qtbot.waitUntil(lambda: len(delivered) == 2 and reads.idle(), timeout=5000)
        assert delivered == [("slow", True), ("newer counts", True)]
    finally:
        reads.close()


def test_a_failing_read_is_logged_and_the_next_one_runs(qtbot, database: Database, caplog) -> None:  # type: ignore[no-untyped-def]
    reads = BackgroundReads(SqliteReader(database))
    delivered: list[int] = []
    try:
        def broken(reader: Reader) -> int:
            raise sqlite3.OperationalError("no such table: no_such_table")

        reads.submit("broken", broken, delivered.append)
        qtbot.waitUntil(reads.idle, timeout=5000)
        reads.submit("fine", lambda reader: 42 + reader.count(ConversationFilter()), delivered.append)
        qtbot.waitUntil(lambda: delivered == [42], timeout=5000)
        assert "no_such_table" in caplog.text
    finally:
        reads.close()
    reads.submit("after close", lambda connection: 0, delivered.append)
    qtbot.wait(50)
    assert delivered == [42], "a closed reader takes nothing more"


def test_nothing_is_delivered_to_a_deleted_widget(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    reads = BackgroundReads(SqliteReader(database))
    release = threading.Event()
    delivered: list[str] = []
    gone, kept = QLabel(), QLabel()
    try:
        reads.submit("first", lambda _connection: release.wait(5) and "for the deleted one", delivered.append, gone)
        reads.submit("second", lambda _connection: "for the kept one", delivered.append, kept)
        shiboken6.delete(gone)
        release.set()
        qtbot.waitUntil(lambda: delivered == ["for the kept one"], timeout=5000)
    finally:
        reads.close()
