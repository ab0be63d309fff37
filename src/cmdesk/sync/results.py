"""What a sync of one account and a send of one outbox entry came to: the engine returns them and its events carry
them (the CLI prints them, the window shows them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cmdesk.domain import Health, ItemProblem
from cmdesk.domain.reads import OutboxState
from cmdesk.storage.ingest import IngestResult


@dataclass(frozen=True, slots=True)
class AccountResult:
    account_id: int
    name: str
    health: Health
    ingested: IngestResult = field(default_factory=IngestResult)
    pages: int = 0
    problems: tuple[ItemProblem, ...] = ()
    reason: str = ""
    retry_at: datetime | None = None
    seconds: float = 0.0
    not_modified: bool = False
    expedited: int = 0
    """Outbox entries of this account that waited for its server and go now (it answered)."""

    @property
    def ok(self) -> bool:
        return self.health is Health.OK


@dataclass(frozen=True, slots=True)
class SendResult:
    entry_id: int
    account_id: int
    action: str
    state: OutboxState
    remote_id: str = ""
    reason: str = ""
    retry_at: datetime | None = None
