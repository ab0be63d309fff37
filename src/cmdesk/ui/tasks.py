"""The asyncio tasks a widget starts (an image load, a save, a check), kept until they end: the event loop holds
only weak references to tasks, so one nobody keeps can be garbage-collected mid-run."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio


class Tasks:
    def __init__(self) -> None:
        self._running: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        import asyncio  # not before the first paint (the event loop starts after it)

        task = asyncio.ensure_future(work)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task
