"""Clients (workspaces) and accounts: creating, listing, renaming and removing them with all their data."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, func, select, update

from cmdesk.domain import Account, Network
from cmdesk.storage.records import AccountRecord, ClientRecord, ConversationRecord, MessageRecord
from cmdesk.storage.timeutil import from_db, to_db, utcnow

clients = ClientRecord.__table__  # type: ignore[attr-defined]
accounts = AccountRecord.__table__  # type: ignore[attr-defined]
conversations = ConversationRecord.__table__  # type: ignore[attr-defined]
messages = MessageRecord.__table__  # type: ignore[attr-defined]

DEFAULT_CLIENT = "Default"


class WorkspaceError(Exception):
    """A request about clients or accounts that cannot be done as asked (unknown name, duplicate…)."""


@dataclass(frozen=True, slots=True)
class Client:
    id: int
    name: str
    is_demo: bool
    created_at: datetime
    account_count: int = 0
    signature: str = ""
    missed_policy: str = "ask"
    slots: tuple[str, ...] = ()


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def add_client(connection: Connection, name: str, *, is_demo: bool = False) -> Client:
    name = name.strip()
    if not name:
        raise WorkspaceError("a client needs a name")
    if find_client(connection, name) is not None:
        raise WorkspaceError(f"a client named {name!r} already exists")
    now = utcnow()
    new_id = _inserted_id(
        connection.execute(clients.insert().values(name=name, is_demo=is_demo, created_at=to_db(now)))
    )
    return Client(new_id, name, is_demo, now)


def find_client(connection: Connection, name: str) -> Client | None:
    row = connection.execute(select(clients).where(func.lower(clients.c.name) == name.strip().lower())).mappings()
    first = row.first()
    return _client(first) if first else None


def _client(row: Any, account_count: int = 0) -> Client:
    created = from_db(row["created_at"]) or utcnow()
    try:
        slots = tuple(str(slot) for slot in json.loads(row["slots"] or "[]"))
    except (json.JSONDecodeError, TypeError):
        slots = ()
    return Client(
        row["id"],
        row["name"],
        bool(row["is_demo"]),
        created,
        account_count,
        row["signature"] or "",
        row["missed_policy"] or "ask",
        slots,
    )


def get_client(connection: Connection, client_id: int) -> Client:
    row = connection.execute(select(clients).where(clients.c.id == client_id)).mappings().first()
    if row is None:
        raise WorkspaceError(f"no client with id {client_id}")
    return _client(row)


def set_client_publishing(
    connection: Connection, client_id: int, *, missed_policy: str | None = None, slots: Sequence[str] | None = None
) -> None:
    """The client's default for missed posts ("send", "ask", "skip") and its weekly posting slots."""
    values: dict[str, Any] = {}
    if missed_policy is not None:
        if missed_policy not in ("send", "ask", "skip"):
            raise WorkspaceError(f"unknown policy for a missed time: {missed_policy} (send, ask or skip)")
        values["missed_policy"] = missed_policy
    if slots is not None:
        values["slots"] = json.dumps(list(slots))
    if values and not connection.execute(clients.update().where(clients.c.id == client_id).values(**values)).rowcount:
        raise WorkspaceError(f"no client with id {client_id}")


def set_client_signature(connection: Connection, client_id: int, signature: str) -> None:
    cleaned = "\n".join(line.rstrip() for line in signature.strip("\n").splitlines()).strip("\n")
    if connection.execute(clients.update().where(clients.c.id == client_id).values(signature=cleaned)).rowcount == 0:
        raise WorkspaceError(f"no client with id {client_id}")


def reply_signature(connection: Connection, account_id: int) -> str:
    """The signature for an account's replies: the account's own, else its client's."""
    row = connection.execute(
        select(accounts.c.settings, clients.c.signature)
        .join(clients, clients.c.id == accounts.c.client_id)
        .where(accounts.c.id == account_id)
    ).first()
    if row is None:
        return ""
    try:
        settings = json.loads(row[0] or "{}")
    except json.JSONDecodeError:
        settings = {}
    own = str(settings.get("signature") or "").strip() if isinstance(settings, dict) else ""
    return own or str(row[1] or "")


def list_clients(connection: Connection) -> list[Client]:
    counts: dict[int, int] = {
        row[0]: row[1]
        for row in connection.execute(select(accounts.c.client_id, func.count()).group_by(accounts.c.client_id))
    }
    rows = connection.execute(select(clients).order_by(func.lower(clients.c.name))).mappings()
    return [_client(row, counts.get(row["id"], 0)) for row in rows]


def rename_client(connection: Connection, client_id: int, name: str) -> None:
    other = find_client(connection, name)
    if other is not None and other.id != client_id:
        raise WorkspaceError(f"a client named {name!r} already exists")
    connection.execute(update(clients).where(clients.c.id == client_id).values(name=name.strip()))


def remove_client(connection: Connection, client_id: int) -> None:
    connection.execute(delete(clients).where(clients.c.id == client_id))


def resolve_client(connection: Connection, name: str | None) -> Client:
    """The client a new account goes to: the one named, else the only one, else a new 'Default'."""
    if name:
        found = find_client(connection, name)
        if found is None:
            known = ", ".join(c.name for c in list_clients(connection)) or "none yet"
            raise WorkspaceError(f"no client named {name!r} (known: {known}); add it with `cmdesk client add`")
        return found
    existing = [c for c in list_clients(connection) if not c.is_demo]
    if len(existing) == 1:
        return existing[0]
    if not existing:
        return find_client(connection, DEFAULT_CLIENT) or add_client(connection, DEFAULT_CLIENT)
    names = ", ".join(c.name for c in existing)
    raise WorkspaceError(f"several clients exist ({names}); say which one with --client NAME")


def add_account(
    connection: Connection,
    client_id: int,
    network: Network,
    address: str,
    *,
    name: str = "",
    settings: dict[str, Any] | None = None,
    is_demo: bool = False,
) -> Account:
    duplicate = connection.execute(
        select(accounts.c.id).where(
            accounts.c.client_id == client_id, accounts.c.network == network.value, accounts.c.address == address
        )
    ).first()
    if duplicate is not None:
        raise WorkspaceError(f"this client already has that {network.value} source (account {duplicate[0]})")
    uid = uuid.uuid4().hex
    label = name or address
    values: dict[str, Any] = {
        "uid": uid,
        "client_id": client_id,
        "network": network.value,
        "name": label,
        "address": address,
        "settings": json.dumps(settings or {}, sort_keys=True),
        "is_demo": is_demo,
        "created_at": to_db(utcnow()),
    }
    new_id = _inserted_id(connection.execute(accounts.insert().values(**values)))
    return Account(new_id, uid, client_id, network, label, address, settings or {}, is_demo)


def _account(row: Any) -> Account:
    try:
        settings = json.loads(row["settings"] or "{}")
    except json.JSONDecodeError:
        settings = {}
    return Account(
        id=row["id"],
        uid=row["uid"],
        client_id=row["client_id"],
        network=Network(row["network"]),
        name=row["name"],
        address=row["address"],
        settings=settings,
        is_demo=bool(row["is_demo"]),
    )


def list_accounts(connection: Connection, *, enabled_only: bool = False) -> list[Account]:
    query = select(accounts).order_by(accounts.c.id)
    if enabled_only:
        query = query.where(accounts.c.enabled.is_(True))
    return [
        _account(row) for row in connection.execute(query).mappings() if row["network"] in Network._value2member_map_
    ]


def get_account(connection: Connection, account_id: int) -> Account:
    row = connection.execute(select(accounts).where(accounts.c.id == account_id)).mappings().first()
    if row is None:
        raise WorkspaceError(f"no account with id {account_id} (see `cmdesk account list`)")
    return _account(row)


def rename_account(connection: Connection, account_id: int, name: str) -> None:
    connection.execute(update(accounts).where(accounts.c.id == account_id).values(name=name.strip()))


def update_account_settings(connection: Connection, account_id: int, settings: dict[str, Any]) -> None:
    connection.execute(
        update(accounts).where(accounts.c.id == account_id).values(settings=json.dumps(settings, sort_keys=True))
    )


def remove_account(connection: Connection, account_id: int) -> Account:
    """Delete an account and, through the foreign keys, its conversations, messages, contacts and state."""
    account = get_account(connection, account_id)
    connection.execute(delete(accounts).where(accounts.c.id == account_id))
    return account


def _count_by_account(connection: Connection, table: Any) -> dict[int, int]:
    query = select(table.c.account_id, func.count()).group_by(table.c.account_id)
    return {row[0]: row[1] for row in connection.execute(query)}


def account_counts(connection: Connection) -> dict[int, tuple[int, int]]:
    """(conversations, messages) per account id."""
    conv = _count_by_account(connection, conversations)
    msgs = _count_by_account(connection, messages)
    return {account_id: (conv.get(account_id, 0), msgs.get(account_id, 0)) for account_id in set(conv) | set(msgs)}


def client_names(connection: Connection) -> dict[int, str]:
    return {row[0]: row[1] for row in connection.execute(select(clients.c.id, clients.c.name))}
