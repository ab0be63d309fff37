"""Who pulls and sends for an account when several laptops share it (team mode, services/team.py): the engine asks
before each pull; outside a team there is no leadership and every account is this laptop's."""

from __future__ import annotations

from typing import Protocol


class Leadership(Protocol):
    async def holder(self, account_uid: str, *, can_lead: bool) -> str:
        """ "" when this laptop leads the account now (taking or renewing its lease when `can_lead`, i.e. it has
        the account's sign-in); else the name of the laptop that does. Never raises: a team database out of reach
        answers "" (pulling is harmless twice: a message is stored once)."""
        ...


class LedElsewhere(Exception):
    """Another laptop of the team leads this account: its messages come through the team's log."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"led by {holder}: its messages come through the team")
        self.holder = holder
