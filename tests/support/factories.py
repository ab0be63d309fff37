"""Small builders for domain objects used across tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cmdesk.domain import Account, Author, Direction, Item, Kind, Network
from cmdesk.storage import workspace
from cmdesk.storage.database import Database

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def item(
    n: int,
    *,
    thread: str | None = None,
    kind: Kind = Kind.FEED,
    text: str | None = None,
    at: datetime | None = None,
    author: str = "Zoé",
    direction: Direction = Direction.INBOUND,
) -> Item:
    return Item(
        remote_id=f"item-{n}",
        thread_key=thread or f"item-{n}",
        kind=kind,
        text=text if text is not None else f"message number {n}",
        title=f"Title {n}",
        author=Author(name=author),
        created_at=at or T0 + timedelta(minutes=n),
        direction=direction,
    )


def make_account(
    database: Database, client: str = "Le Fournil", address: str = "http://127.0.0.1:1/feed", **settings: object
) -> Account:
    with database.write() as connection:
        found = workspace.find_client(connection, client) or workspace.add_client(connection, client)
        return workspace.add_account(connection, found.id, Network.FEED, address, name=address, settings=dict(settings))
