"""Process pools that stop once they have had nothing to do for a while, and start again with the next task.

A feed parser process keeps the memory of the largest feeds it read, and the judging process its language model:
an idle window, which syncs every account every 15 minutes, carried them all between passes. An `IdlePool` stops
its processes IDLE_SECONDS after its last task ended, and the next pass starts them again (spawn: ~0.2 s of one
core, in the background, while the first fetches are on the network).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, ParamSpec, TypeVar

IDLE_SECONDS = 60.0
"""How long a pool with nothing to do keeps its processes."""

_P = ParamSpec("_P")
_T = TypeVar("_T")


class IdlePool(Executor):
    """An executor made by `make` at the first task, shut down `idle_seconds` after the last one ended."""

    def __init__(self, make: Callable[[], Executor], idle_seconds: float | None = None) -> None:
        self._make = make
        self._idle = IDLE_SECONDS if idle_seconds is None else idle_seconds
        self._lock = threading.Lock()
        self._pool: Executor | None = None
        self._busy = 0
        self._last_done = 0.0
        self._timer: threading.Timer | None = None

    @property
    def running(self) -> bool:
        """Whether its processes are up (started by a task, not yet stopped)."""
        return self._pool is not None

    def submit(self, fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        with self._lock:
            if self._pool is None:
                self._pool = self._make()
            pool = self._pool
            self._busy += 1  # from here the pool cannot be stopped under the task
        try:
            future = pool.submit(fn, *args, **kwargs)
        except BaseException:
            self._finished(None)
            raise
        future.add_done_callback(self._finished)
        return future

    def discard(self) -> None:
        """Forget a broken pool (one of its processes was killed): the next task starts a fresh one."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop its processes now; a later task starts them again, as after an idle stop."""
        with self._lock:
            pool, self._pool = self._pool, None
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def _finished(self, _future: Future[Any] | None) -> None:
        with self._lock:
            self._busy -= 1
            self._last_done = time.monotonic()
            if self._busy == 0 and self._timer is None and self._pool is not None:
                self._arm(self._idle)

    def _arm(self, delay: float) -> None:
        """One timer at a time (held under the lock): a pass ends a task per feed and per judged batch."""
        self._timer = threading.Timer(delay, self._stop_if_idle)
        self._timer.daemon = True
        self._timer.start()

    def _stop_if_idle(self) -> None:
        with self._lock:
            self._timer = None
            if self._busy or self._pool is None:
                return
            left = self._last_done + self._idle - time.monotonic()
            if left > 0:
                self._arm(left)
                return
            pool, self._pool = self._pool, None
        pool.shutdown(wait=False)


__all__ = ["IDLE_SECONDS", "IdlePool"]
