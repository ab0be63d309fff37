"""A network cmdesk does not ship, added through one registry entry: what the registry tests use to show that
nothing else in the code needs to know it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import Permanent
from cmdesk.domain import Account, Action, Author, Capabilities, Cursor, Item, Kind, Page, RemoteRef, SignInKind

FAKE = "fakebook"
FAKE_CAPABILITIES = Capabilities(can_reply=False, why_not_reply="Fakebook is read-only in tests.")


class FakeConnector:
    """Pulls one comment per account, once (its cursor remembers)."""

    network: ClassVar[str] = FAKE
    capabilities: ClassVar[Capabilities] = FAKE_CAPABILITIES

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        if cursor.get("done"):
            return Page((), cursor)
        comment = Item(
            remote_id=f"fb-{account.id}-1",
            thread_key=f"fb-{account.id}-1",
            kind=Kind.COMMENT,
            text="Vous livrez à Montreuil ?",
            author=Author(name="Inès"),
            created_at=datetime(2026, 11, 30, 10, 0, tzinfo=UTC),
        )
        return Page((comment,), {"done": True})

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        raise Permanent("fakebook cannot act")

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        return None


def fake_entry() -> registry.NetworkEntry:
    return registry.NetworkEntry(
        network=FAKE,
        name="Fakebook",
        colour="#123456",
        letter="f",
        icon="fa5s.flask",
        sign_in=SignInKind.TOKEN,
        capabilities=FAKE_CAPABILITIES,
        factory=FakeConnector,
    )


def registered() -> Iterator[str]:
    """For a fixture: the fake network is known while the test runs, and only then."""
    registry.register(fake_entry())
    try:
        yield FAKE
    finally:
        registry.unregister(FAKE)
