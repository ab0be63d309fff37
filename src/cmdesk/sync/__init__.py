"""The asyncio sync engine: per-account pulls on their own schedules, backoff, rate limits, health, events."""

from cmdesk.sync.engine import AccountResult, SyncEngine
from cmdesk.sync.events import AccountFinished, AccountProgress, AccountStarted, HealthChanged, SyncEvent

__all__ = [
    "AccountFinished",
    "AccountProgress",
    "AccountResult",
    "AccountStarted",
    "HealthChanged",
    "SyncEngine",
    "SyncEvent",
]
