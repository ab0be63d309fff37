"""The window tests' Qt waits run the asyncio loop (tests/ui/conftest.py's `qtbot`), as the app's qasync loop
always runs: a task the window started (a sync, a send) goes on while a test waits for the window, with its loop
running, instead of failing with "no running event loop" half-way through."""

from __future__ import annotations

import asyncio


def test_a_task_started_before_a_qt_wait_runs_inside_its_loop(qtbot, loop: asyncio.AbstractEventLoop) -> None:  # type: ignore[no-untyped-def]
    ran_in: list[asyncio.AbstractEventLoop] = []

    async def background() -> None:
        await asyncio.sleep(0.01)
        ran_in.append(asyncio.get_running_loop())

    task = loop.create_task(background())
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.exception() is None and ran_in == [loop]
