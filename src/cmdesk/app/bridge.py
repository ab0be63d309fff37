"""SyncBridge: the engine's plain Python events re-emitted as Qt signals, so widgets never touch the engine.

The bridge exists from start-up (widgets connect to it at once); the engine is attached later, after the window
is painted, so importing the engine, httpx and the parsers does not delay the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from cmdesk.sync.events import (
    AccountFinished,
    AccountProgress,
    AccountStarted,
    ClockJumped,
    HealthChanged,
    OutboxChanged,
    SyncEvent,
)

if TYPE_CHECKING:
    from cmdesk.sync.engine import SyncEngine


class SyncBridge(QObject):
    accountStarted = Signal(int)  # noqa: N815 - Qt naming
    accountProgress = Signal(int, int)  # noqa: N815 - account id, messages written so far
    accountFinished = Signal(object)  # noqa: N815 - AccountResult
    healthChanged = Signal(int, str, str)  # noqa: N815 - account id, health, reason
    outboxChanged = Signal(object)  # noqa: N815 - SendResult
    clockJumped = Signal(float)  # noqa: N815 - seconds (after a sleep, or the computer's time changed)
    writeFailed = Signal(str)  # noqa: N815 - why a change the window asked for was not saved

    def attach(self, engine: SyncEngine) -> None:
        self._unsubscribe = engine.subscribe(self._relay)

    def _relay(self, event: SyncEvent) -> None:
        if isinstance(event, AccountStarted):
            self.accountStarted.emit(event.account_id)
        elif isinstance(event, AccountProgress):
            self.accountProgress.emit(event.account_id, event.inserted + event.updated)
        elif isinstance(event, AccountFinished):
            self.accountFinished.emit(event.result)
        elif isinstance(event, HealthChanged):
            self.healthChanged.emit(event.account_id, event.health.value, event.reason)
        elif isinstance(event, OutboxChanged):
            self.outboxChanged.emit(event.result)
        elif isinstance(event, ClockJumped):
            self.clockJumped.emit(event.seconds)
