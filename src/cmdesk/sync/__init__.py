"""The asyncio sync engine: per-account pulls on their own schedules, backoff, rate limits, health, events.

`SyncEngine` and `AccountResult` load on first use, so a module that only needs the event types (the GUI's
bridge, at start-up) does not import the engine and, through it, httpx and the connectors.
"""

from typing import TYPE_CHECKING, Any

from cmdesk.sync.events import AccountFinished, AccountProgress, AccountStarted, ClockJumped, HealthChanged, SyncEvent

if TYPE_CHECKING:
    from cmdesk.sync.engine import SyncEngine
    from cmdesk.sync.results import AccountResult

__all__ = [
    "AccountFinished",
    "AccountProgress",
    "AccountResult",
    "AccountStarted",
    "ClockJumped",
    "HealthChanged",
    "SyncEngine",
    "SyncEvent",
]


def __getattr__(name: str) -> Any:
    if name == "SyncEngine":
        from cmdesk.sync.engine import SyncEngine

        return SyncEngine
    if name == "AccountResult":
        from cmdesk.sync.results import AccountResult

        return AccountResult
    raise AttributeError(name)
