"""Reads that can take a while on a large database — the sidebar's counts, the tray's unread badge — run on a
thread of their own and come back to the window through a Qt signal, so the window never waits for them.

SQLite releases the GIL while it works, so on a second core such a read costs the window nothing: on a
1,000,000-message database the counts take ~100 ms, which used to be spent before the first paint and again after
every triage key. Each read has a key; a read asked for again before the thread reached it replaces the older
request (only the newest counts matter). Every read gets the Reader and reads one consistent state of the database
(on SQLite, a snapshot on the thread's own connection).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from cmdesk.domain.reader import Reader

log = logging.getLogger(__name__)

Read = Callable[[Reader], Any]
Then = Callable[[Any], None]


class BackgroundReads(QObject):
    _finished = Signal(object, object, object)  # callback, result, receiver: delivered on the window's thread

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self._reader = reader
        self._lock = threading.Condition()
        self._pending: dict[str, tuple[Read, Then, QObject | None]] = {}
        self._thread: threading.Thread | None = None
        self._closed = False
        self._busy = False
        self._finished.connect(self._deliver)

    def submit(self, key: str, read: Read, then: Then, receiver: QObject | None = None) -> None:
        """Run `read` on the reading thread; `then(result)` runs on the window's thread when it is done, unless
        `receiver` (the widget `then` updates) has been deleted by then."""
        with self._lock:
            if self._closed:
                return
            self._pending[key] = (read, then, receiver)
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="cmdesk-reader", daemon=True)
                self._thread.start()
            self._lock.notify()

    def idle(self) -> bool:
        """Nothing waiting or being read (tests wait for this)."""
        with self._lock:
            return not self._pending and not self._busy

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                key = next(iter(self._pending))
                read, then, receiver = self._pending.pop(key)
                self._busy = True
            try:
                with self._reader.consistent():
                    result = read(self._reader)
            except Exception as error:  # noqa: BLE001 - a damaged or locked database: logged, the window goes on
                log.warning("background read %s failed: %s", key, error)
            else:
                self._finished.emit(then, result, receiver)
            finally:
                with self._lock:
                    self._busy = False

    def _deliver(self, then: Then, result: Any, receiver: QObject | None) -> None:
        if receiver is None or shiboken6.isValid(receiver):
            then(result)

    def close(self) -> None:
        """Stop the thread (a read under way finishes first) before the database closes."""
        with self._lock:
            self._closed = True
            self._pending.clear()
            self._lock.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=10)
