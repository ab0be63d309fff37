"""What the window needs of the running application: services/desk.py's Desk (commands, the Reader, sync and send
requests) plus the Qt side — the engine's events as signals and the reading thread. AppContext (app/) is what the
window gets; panes type against these protocols so ui/ never imports the composition root."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance

from cmdesk.services.desk import Desk
from cmdesk.ui.background_reads import BackgroundReads


class Bridge(Protocol):
    """The engine's events and the commands' changes, as Qt signals (app/bridge.py's SyncBridge)."""

    accountStarted: SignalInstance  # noqa: N815 - Qt naming
    accountProgress: SignalInstance  # noqa: N815
    accountFinished: SignalInstance  # noqa: N815
    healthChanged: SignalInstance  # noqa: N815
    outboxChanged: SignalInstance  # noqa: N815
    clockJumped: SignalInstance  # noqa: N815
    writeFailed: SignalInstance  # noqa: N815
    changed: SignalInstance
    damageFound: SignalInstance  # noqa: N815
    repaired: SignalInstance


class WindowDesk(Desk, Protocol):
    bridge: Bridge
    reads: BackgroundReads
    """The reading thread, for reads the window should not wait for (the sidebar's counts)."""

    def check_health(self) -> None:
        """Check the database off the window's thread; `bridge.damageFound` says what is wrong, if anything."""
        ...

    def repair(self, kind: str) -> None:
        """Carry out a choice of ui/repair_widgets (rebuild the search index now; restore or salvage by quitting,
        repairing and starting again)."""
        ...
