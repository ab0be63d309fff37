"""SyncBridge: the engine's plain Python events re-emitted as Qt signals, so widgets never touch the engine.

The bridge exists from start-up (widgets connect to it at once); the engine is attached later, after the window
is painted, so importing the engine, httpx and the parsers (and the event types) does not delay the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from cmdesk.sync.engine import SyncEngine
    from cmdesk.sync.events import SyncEvent


class SyncBridge(QObject):
    accountStarted = Signal(int)  # noqa: N815 - Qt naming
    accountProgress = Signal(int, int)  # noqa: N815 - account id, messages written so far
    accountFinished = Signal(object)  # noqa: N815 - AccountResult
    healthChanged = Signal(int, str, str)  # noqa: N815 - account id, health, reason
    outboxChanged = Signal(object)  # noqa: N815 - SendResult
    clockJumped = Signal(float)  # noqa: N815 - seconds (after a sleep, or the computer's time changed)
    writeFailed = Signal(str)  # noqa: N815 - why a change the window asked for was not saved
    changed = Signal(object)  # noqa: N815 - services.commands.Changes: what a command the window submitted changed
    damageFound = Signal(object)  # noqa: N815 - ui.repair_widgets.Damage: the database check found damage
    repaired = Signal(str)  # what a repair done while the window runs did (the search index rebuilt)
    alertsRaised = Signal(tuple)  # noqa: N815 - ids of new bad-buzz alerts
    presenceChanged = Signal()  # noqa: N815 - a teammate opened, left or is writing in a conversation (team mode)
    teamArrived = Signal(int)  # noqa: N815 - pages another laptop pulled reached this copy through the team

    def attach(self, engine: SyncEngine) -> None:
        # The event types load with the engine, after the first paint, not with the bridge.
        from cmdesk.sync.events import (
            AccountFinished,
            AccountProgress,
            AccountStarted,
            AlertsRaised,
            ClockJumped,
            HealthChanged,
            OutboxChanged,
        )

        self._relays: dict[type, Callable[[Any], None]] = {
            AccountStarted: lambda event: self.accountStarted.emit(event.account_id),
            AccountProgress: lambda event: self.accountProgress.emit(event.account_id, event.inserted + event.updated),
            AccountFinished: lambda event: self.accountFinished.emit(event.result),
            HealthChanged: lambda event: self.healthChanged.emit(event.account_id, event.health.value, event.reason),
            OutboxChanged: lambda event: self.outboxChanged.emit(event.result),
            ClockJumped: lambda event: self.clockJumped.emit(event.seconds),
            AlertsRaised: lambda event: self.alertsRaised.emit(event.alert_ids),
        }
        self._unsubscribe = engine.subscribe(self._relay)

    def _relay(self, event: SyncEvent) -> None:
        relay = self._relays.get(type(event))
        if relay is not None:
            relay(event)
