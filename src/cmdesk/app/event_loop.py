"""The asyncio loop that runs inside Qt's event loop (qasync), with one change to qasync's `run_until_complete`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

import qasync
from PySide6.QtCore import QCoreApplication, QEventLoop

T = TypeVar("T")


class QtAsyncLoop(qasync.QEventLoop):  # type: ignore[misc]
    def run_until_complete(self, future: Awaitable[T]) -> T:
        """As qasync's, but the turn of Qt's events it adds once the loop has stopped runs with this loop as the
        running one: without it, whatever that turn resumed — a background sync's socket read, a send — failed
        half-way with "no running event loop" (an outbox entry was left "sending")."""
        if self.is_running():
            raise RuntimeError("Event loop already running")  # before a task is made of `future`, as qasync does
        finished = asyncio.ensure_future(future, loop=self)

        def stop(_done: asyncio.Future[T]) -> None:
            self.stop()

        finished.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            finished.remove_done_callback(stop)  # else a later run would stop when this future ends
        asyncio.events._set_running_loop(self)  # what qasync's own run_forever does, for loop implementations
        try:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        finally:
            asyncio.events._set_running_loop(None)
        if not finished.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        result: T = finished.result()
        return result
