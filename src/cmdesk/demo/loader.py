"""Loading and removing the demo workspace. Demo clients and accounts carry `is_demo`, are never synced, and go
away in one call, with everything they hold."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from cmdesk.demo.content import CLIENTS, FOLLOWERS
from cmdesk.domain import Account, Author, Direction, Item, Kind, Measure, Page
from cmdesk.domain.business_hours import BusinessHours, parse_week
from cmdesk.storage import alerts, ingest, outbox, snippets, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.records import ClientRecord
from cmdesk.storage.timeutil import utcnow

DEMO_MARK = "demo"
clients_table = ClientRecord.__table__  # type: ignore[attr-defined]


def demo_loaded(database: Database) -> bool:
    with database.read() as connection:
        return (
            connection.execute(select(clients_table.c.id).where(clients_table.c.is_demo.is_(True))).first() is not None
        )


def _author(name: str, address: str) -> Author:
    """A fediverse handle starts with @; anything else with an @ in it is an e-mail address."""
    if address.startswith("@"):
        return Author(name=name, handle=address, followers=FOLLOWERS.get(address))
    return Author(name=name, email=address)


def _items(conversations: list[dict[str, object]], account_key: str, now: datetime) -> list[Item]:
    items: list[Item] = []
    for number, conversation in enumerate(conversations):
        thread = f"demo:{account_key}:{number}"
        kind = Kind(str(conversation["kind"]))
        title = str(conversation.get("title", ""))
        url = str(conversation.get("url", ""))
        messages = conversation["messages"]
        assert isinstance(messages, list)
        for index, (minutes, name, handle, text, direction) in enumerate(messages):
            is_root = index == 0
            items.append(
                Item(
                    remote_id=thread if is_root else f"{thread}:{index}",
                    thread_key=thread,
                    kind=Kind.COMMENT if kind is Kind.COMMENT and not is_root else kind,
                    text=text,
                    title=title if is_root else "",
                    thread_title=title,
                    url=url if is_root else "",
                    author=_author(name, handle),
                    created_at=now - timedelta(minutes=minutes),
                    parent_remote_id="" if is_root else thread,
                    direction=Direction("in" if direction == "held" else direction),
                    held=direction == "held",  # waiting for the channel's review on the network
                )
            )
    return items


def _measures(conversations: list[dict[str, object]], account_key: str) -> tuple[Measure, ...]:
    """The network's figures on a conversation's first message (a video's views and likes)."""
    found: list[Measure] = []
    for number, conversation in enumerate(conversations):
        figures = conversation.get("measures") or {}
        assert isinstance(figures, dict)
        found.extend(Measure(f"demo:{account_key}:{number}", metric, value) for metric, value in figures.items())
    return tuple(found)


def _free_name(connection: Connection, name: str) -> str:
    """The demo client's name, unless the user has a client of that name already (a real bakery of that name)."""
    candidates = [name, *(f"{name} ({n})" for n in range(2, 100))]
    return next(candidate for candidate in candidates if workspace.find_client(connection, candidate) is None)


def load_demo(database: Database, now: datetime | None = None) -> int:
    """Create the demo clients, accounts and conversations; returns the number of messages. Loading twice is a
    no-op (0)."""
    if demo_loaded(database):
        return 0
    now = now or utcnow()
    total = 0
    for client in CLIENTS:
        with database.write() as connection:
            record = workspace.add_client(connection, _free_name(connection, str(client["name"])), is_demo=True)
            week, zone, target = client["hours"]
            workspace.set_client_hours(
                connection, record.id, BusinessHours(parse_week(week), zone, target_minutes=target)
            )
            accounts = [
                (
                    workspace.add_account(
                        connection,
                        record.id,
                        str(account["network"]),
                        account["address"],
                        name=account["name"],
                        is_demo=True,
                    ),
                    account,
                )
                for account in client["accounts"]
            ]
        for account, spec in accounts:
            items = _items(spec["conversations"], account.uid, now)
            measures = _measures(spec["conversations"], account.uid)
            page = Page(tuple(items), {DEMO_MARK: True}, measures=measures)
            total += ingest.commit_page(database, account.id, page).inserted
        publishing = next((a for a, spec in accounts if spec.get("publishes")), None)
        with database.write() as connection:
            _publishing(connection, record.id, publishing, client, now)
    with database.write() as connection:
        alerts.detect(connection, now)  # the bakery's brewing bad buzz raises its alert, as a sync pass would
    return total


def _publishing(
    connection: Connection, client_id: int, account: Account | None, client: dict[str, Any], now: datetime
) -> None:
    """The client's posting slots, snippets and posts (sent and planned), so the calendar, the outbox and the
    composer have something to show; a demo account sends nothing (the sender says so when one comes due)."""
    workspace.set_client_publishing(connection, client_id, slots=list(client.get("slots", [])))
    for title, text, language in client.get("snippets", []):
        snippets.add(connection, client_id, title, text, language)
    if account is None:
        return
    local_midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    for days, hour, text, kind in client.get("posts", []):
        when = local_midnight + timedelta(days=days, hours=hour)
        created = min(when, now) - timedelta(days=1)
        (entry,) = outbox.enqueue_post(
            connection, [account.id], text, at=when, repeat="weekly" if kind == "weekly" else None, now=created
        )
        if kind == "sent":
            outbox.claim(connection, entry.id, now=when)
            outbox.mark_sent(connection, entry.id, "demo", now=when)


def remove_demo(database: Database) -> int:
    """Delete every demo client with its accounts and data; returns how many clients were removed."""
    with database.write() as connection:
        demo = [client for client in workspace.list_clients(connection) if client.is_demo]
        for client in demo:
            workspace.remove_client(connection, client.id)
    return len(demo)
