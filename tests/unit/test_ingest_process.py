"""Pages written by the ingest child process (sync/ingest_process.py): what lands in the database is what the writer
thread writes, large pages are written in the child and small ones never start it, the child stops when the engine's
pass ends, and a child that dies hands the writing back without losing a page."""

from __future__ import annotations

import contextlib
import os
import signal
from dataclasses import replace
from pathlib import Path

import pytest

from cmdesk.domain import Page
from cmdesk.storage import ingest, syncstate
from cmdesk.storage.database import Database
from cmdesk.sync import AccountFinished, ingest_process
from cmdesk.sync.ingest_process import LARGE_PAGE, IngestProcess
from tests.support.factories import item, make_account


def _stored(database: Database) -> list[tuple[object, ...]]:
    with database.read() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                "SELECT m.remote_id, m.text, c.title, c.message_count, c.sentiment FROM messages m "
                "JOIN conversations c ON c.id = m.conversation_id ORDER BY m.remote_id"
            )
        ]


def _page(first: int, count: int, **cursor: object) -> Page:
    items = tuple(item(n, thread="thread-a" if n % 3 == 0 else None) for n in range(first, first + count))
    return Page(items, dict(cursor))


def test_a_page_written_by_the_child_is_what_the_writer_thread_writes(tmp_path: Path) -> None:
    here, there = Database.open(tmp_path / "here"), Database.open(tmp_path / "there")
    here_account, there_account = make_account(here), make_account(there)
    process = IngestProcess(there.path)
    try:
        for first in (0, LARGE_PAGE - 10):
            page = _page(first, LARGE_PAGE, page=first)
            expected = ingest.commit_page(here, here_account.id, page, judge_inline=True)
            got = process.commit_page(there, there_account.id, page, judge_inline=True)
            assert got == expected
        assert process._pool is not None  # the child was started and wrote them
        assert ingest_process._database is None  # not this process
        assert _stored(there) == _stored(here) and len(_stored(there)) == 2 * LARGE_PAGE - 10
        with there.read() as connection:
            assert syncstate.load(connection, there_account.id).cursor == {"page": LARGE_PAGE - 10}
    finally:
        process.close()
        here.close()
        there.close()


def test_a_child_that_dies_hands_the_writing_back_and_nothing_is_lost(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = Database.open(tmp_path / "data")
    account = make_account(database)
    process = IngestProcess(database.path)
    try:
        process.commit_page(database, account.id, _page(0, LARGE_PAGE), judge_inline=False)
        assert process._pool is not None
        for pid in list(process._pool._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)
        process.commit_page(database, account.id, _page(LARGE_PAGE, LARGE_PAGE), judge_inline=False)
        process.commit_page(database, account.id, _page(2 * LARGE_PAGE, LARGE_PAGE), judge_inline=False)
        assert process._pool is None  # not started again: the writer thread writes from now on
        assert len(_stored(database)) == 3 * LARGE_PAGE
        assert "pages are written on the writer thread from now on" in caplog.text
    finally:
        process.close()
        database.close()


def test_small_pages_are_written_here_and_never_start_the_child(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "data")
    account = make_account(database)
    process = IngestProcess(database.path)
    try:
        process.commit_page(database, account.id, _page(0, LARGE_PAGE - 1), judge_inline=False)
        assert process._pool is None
        assert len(_stored(database)) == LARGE_PAGE - 1
    finally:
        process.close()
        database.close()


@pytest.mark.asyncio
async def test_the_engine_hands_large_pages_to_the_child_and_stops_it_when_the_pass_ends(database: Database) -> None:
    import asyncio

    from tests.unit.test_engine import ScriptedConnector, engine_for

    account = make_account(database)
    script = [replace(_page(0, LARGE_PAGE, page=1), has_more=True), _page(LARGE_PAGE, 4, page=2)]
    process = IngestProcess(database.path)
    started: list[bool] = []
    commit = process.commit_page

    def watched(*args: object, **options: bool) -> object:
        result = commit(*args, **options)  # type: ignore[arg-type]
        started.append(process._pool is not None)
        return result

    process.commit_page = watched  # type: ignore[method-assign]
    engine, events = engine_for(database, ScriptedConnector({account.id: script}), ingesting=process)
    runner = asyncio.create_task(engine.run(idle_check=0.05))
    try:
        async with asyncio.timeout(30):
            while not any(isinstance(event, AccountFinished) for event in events) or process._pool is not None:
                await asyncio.sleep(0.05)
        assert started == [True, True]  # the large page started it; the small one after it was written here
        assert len(_stored(database)) == LARGE_PAGE + 4
    finally:
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
        await engine.aclose()
        process.close()
