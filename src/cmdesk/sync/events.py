"""Plain events the engine publishes to its listeners (the CLI prints them; the GUI's SyncBridge re-emits them as
Qt signals). Listeners are called on the event loop's thread and must return quickly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.domain import Health

if TYPE_CHECKING:
    from cmdesk.sync.results import AccountResult, SendResult


@dataclass(frozen=True, slots=True)
class AccountStarted:
    account_id: int
    name: str


@dataclass(frozen=True, slots=True)
class AccountProgress:
    account_id: int
    pages: int
    inserted: int
    updated: int


@dataclass(frozen=True, slots=True)
class AccountFinished:
    result: AccountResult


@dataclass(frozen=True, slots=True)
class HealthChanged:
    account_id: int
    health: Health
    reason: str = ""
    retry_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OutboxChanged:
    """An outbox entry was sent, failed, or put back to wait; `result.state` says which."""

    result: SendResult


@dataclass(frozen=True, slots=True)
class ClockJumped:
    """The wall clock moved apart from the monotonic one (the computer slept, or its time was set): every account
    is synced now and the outbox looked at again."""

    seconds: float


@dataclass(frozen=True, slots=True)
class AlertsRaised:
    """Bad buzz: new alerts (their ids) were stored at the end of a pass (storage/alerts.py)."""

    alert_ids: tuple[int, ...]


SyncEvent = (
    AccountStarted | AccountProgress | AccountFinished | HealthChanged | OutboxChanged | ClockJumped | AlertsRaised
)
