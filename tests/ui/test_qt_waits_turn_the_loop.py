"""A task the window started (a sync, a send) only ever runs with its asyncio loop running, as in the app: while
a test waits on Qt (tests/ui/conftest.py's `qtbot` turns Qt's events through the loop), and in the turn of Qt's
events qasync's run_until_complete adds after the loop has stopped (app/event_loop.py). Either way it failed with
"no running event loop" half-way through, and a send left its entry "sending"."""

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


def test_a_task_due_as_the_loop_stops_runs_at_its_next_turn_inside_it(loop: asyncio.AbstractEventLoop) -> None:
    """qasync's run_until_complete turned Qt's events once more after the loop stopped, no longer the running loop:
    a task woken just then failed with "no running event loop" (app/event_loop.py leaves it to the next turn)."""
    done = loop.create_future()
    waiting = loop.create_future()
    ran_in: list[asyncio.AbstractEventLoop] = []

    async def background() -> None:
        await waiting
        ran_in.append(asyncio.get_running_loop())

    task = loop.create_task(background())

    def finish() -> None:
        # The task is woken by a callback that runs right after run_until_complete's own (which stops the loop),
        # in the same turn: its wake-up is due in the turn after, the one qasync added once the loop had stopped.
        done.add_done_callback(lambda _done: waiting.set_result(None))
        done.set_result(None)

    loop.call_soon(finish)
    loop.run_until_complete(done)
    loop.run_until_complete(asyncio.sleep(0.05))
    assert task.done() and task.exception() is None and ran_in == [loop]
