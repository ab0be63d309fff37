"""Who pulls and sends for an account when several laptops share it (team mode, services/team.py): the engine asks
before each pull, the outbox before each send; outside a team there is no leadership and every account is this
laptop's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cmdesk.domain.team import LED_BY


@dataclass(frozen=True, slots=True)
class SendClaim:
    """The team's answer before an outbox entry is sent: go (and whether another laptop may have sent it already,
    so it must first be looked for on the network), or wait with the reason, or it was sent already."""

    go: bool
    unsure: bool = False
    reason: str = ""
    sent_as: str = ""
    """The remote id another laptop of the team sent it as ("" when not sent)."""


class Leadership(Protocol):
    async def holder(self, account_uid: str, *, can_lead: bool) -> str:
        """ "" when this laptop leads the account now (taking or renewing its lease when `can_lead`, i.e. it has
        the account's sign-in); else the name of the laptop that does. Never raises: a team database out of reach
        answers "" (pulling is harmless twice: a message is stored once)."""
        ...

    async def claim_send(self, account_uid: str, key: str) -> SendClaim:
        """May this laptop send the outbox entry with this idempotency key now? Only the account's leader sends, and
        a key is claimed once in the whole team. A team database out of reach answers "wait": sending without the
        claim could send twice."""
        ...

    async def settle_send(self, key: str, remote_id: str | None) -> None:
        """The claimed entry was sent as `remote_id`; None: it surely did not go out (another laptop may send it)."""
        ...


class LedElsewhere(Exception):
    """Another laptop of the team leads this account: its messages come through the team's log."""

    def __init__(self, holder: str) -> None:
        super().__init__(LED_BY.format(holder=holder))
        self.holder = holder
