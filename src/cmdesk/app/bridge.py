"""SyncBridge: the engine's plain Python events re-emitted as Qt signals, so widgets never touch the engine."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cmdesk.sync import AccountFinished, AccountProgress, AccountStarted, HealthChanged, SyncEngine, SyncEvent


class SyncBridge(QObject):
    accountStarted = Signal(int)  # noqa: N815 - Qt naming
    accountProgress = Signal(int, int)  # noqa: N815 - account id, messages written so far
    accountFinished = Signal(object)  # noqa: N815 - AccountResult
    healthChanged = Signal(int, str, str)  # noqa: N815 - account id, health, reason

    def __init__(self, engine: SyncEngine) -> None:
        super().__init__()
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
