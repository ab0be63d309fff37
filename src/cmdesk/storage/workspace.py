"""Clients (workspaces) and accounts: creating, renaming and removing them with all their data. Reading them is
storage/workspace_reads.py's (plain SQL, for the window's start-up); its names are re-exported here."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, select, update

from cmdesk.domain import Account, NetworkId
from cmdesk.domain.acts import MISSED_POLICIES
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.storage import response_times
from cmdesk.storage.records import AccountRecord, ClientRecord, ConversationRecord, MessageRecord
from cmdesk.storage.timeutil import to_db, utcnow
from cmdesk.storage.workspace_reads import DEFAULT_CLIENT as DEFAULT_CLIENT
from cmdesk.storage.workspace_reads import Client as Client
from cmdesk.storage.workspace_reads import WorkspaceError as WorkspaceError
from cmdesk.storage.workspace_reads import account_counts as account_counts
from cmdesk.storage.workspace_reads import client_names as client_names
from cmdesk.storage.workspace_reads import find_client as find_client
from cmdesk.storage.workspace_reads import get_account as get_account
from cmdesk.storage.workspace_reads import get_client as get_client
from cmdesk.storage.workspace_reads import list_accounts as list_accounts
from cmdesk.storage.workspace_reads import list_clients as list_clients
from cmdesk.storage.workspace_reads import reply_signature as reply_signature

clients = ClientRecord.__table__  # type: ignore[attr-defined]
accounts = AccountRecord.__table__  # type: ignore[attr-defined]
conversations = ConversationRecord.__table__  # type: ignore[attr-defined]
messages = MessageRecord.__table__  # type: ignore[attr-defined]


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


def set_client_publishing(
    connection: Connection, client_id: int, *, missed_policy: str | None = None, slots: Sequence[str] | None = None
) -> None:
    """The client's default for missed posts ("send", "ask", "skip") and its weekly posting slots."""
    values: dict[str, Any] = {}
    if missed_policy is not None:
        if missed_policy not in MISSED_POLICIES:
            raise WorkspaceError(f"unknown policy for a missed time: {missed_policy} (send, ask or skip)")
        values["missed_policy"] = missed_policy
    if slots is not None:
        values["slots"] = json.dumps(list(slots))
    if values and not connection.execute(clients.update().where(clients.c.id == client_id).values(**values)).rowcount:
        raise WorkspaceError(f"no client with id {client_id}")


def set_client_monitors(connection: Connection, client_id: int, queries: Sequence[str]) -> None:
    """What the client listens for across all its sources (each query as the user typed it)."""
    if not connection.execute(
        clients.update().where(clients.c.id == client_id).values(monitors=json.dumps(list(queries), ensure_ascii=False))
    ).rowcount:
        raise WorkspaceError(f"no client with id {client_id}")


def set_client_hours(connection: Connection, client_id: int, hours: BusinessHours) -> int:
    """The client's business hours and first-response target; the due time of its waiting conversations follows.
    Returns how many conversations wait."""
    if not connection.execute(
        clients.update().where(clients.c.id == client_id).values(business_hours=hours.to_json())
    ).rowcount:
        raise WorkspaceError(f"no client with id {client_id}")
    return response_times.recompute_client(connection, client_id)


def set_report_schedule(
    connection: Connection, client_id: int, schedule: str, written_before: str | None = None
) -> bool:
    """Store the client's scheduled report (its JSON, "" for none). With `written_before` (the stored JSON it was
    read as), only if nobody changed it since: the window and `cmdesk report --scheduled` never both record one
    report. Returns whether it was stored."""
    query = clients.update().where(clients.c.id == client_id)
    if written_before is not None:
        query = query.where(clients.c.report_schedule == written_before)
    return bool(connection.execute(query.values(report_schedule=schedule)).rowcount)


def set_client_signature(connection: Connection, client_id: int, signature: str) -> None:
    cleaned = "\n".join(line.rstrip() for line in signature.strip("\n").splitlines()).strip("\n")
    if connection.execute(clients.update().where(clients.c.id == client_id).values(signature=cleaned)).rowcount == 0:
        raise WorkspaceError(f"no client with id {client_id}")


def rename_client(connection: Connection, client_id: int, name: str) -> None:
    other = find_client(connection, name)
    if other is not None and other.id != client_id:
        raise WorkspaceError(f"a client named {name!r} already exists")
    connection.execute(update(clients).where(clients.c.id == client_id).values(name=name.strip()))


def remove_client(connection: Connection, client_id: int) -> None:
    connection.execute(delete(clients).where(clients.c.id == client_id))


def resolve_client(connection: Connection, name: str | None, *, create: bool = False) -> Client:
    """The client a new account goes to: the one named (made on the spot when `create`: the window, where typing a
    new name means a new client), else the only one, else a new 'Default'."""
    if name:
        found = find_client(connection, name)
        if found is None and create:
            return add_client(connection, name)
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
    network: NetworkId,
    address: str,
    *,
    name: str = "",
    settings: dict[str, Any] | None = None,
    is_demo: bool = False,
) -> Account:
    duplicate = connection.execute(
        select(accounts.c.id).where(
            accounts.c.client_id == client_id, accounts.c.network == network, accounts.c.address == address
        )
    ).first()
    if duplicate is not None:
        raise WorkspaceError(f"this client already has that {network} source (account {duplicate[0]})")
    uid = uuid.uuid4().hex
    label = name or address
    values: dict[str, Any] = {
        "uid": uid,
        "client_id": client_id,
        "network": str(network),
        "name": label,
        "address": address,
        "settings": json.dumps(settings or {}, sort_keys=True),
        "is_demo": is_demo,
        "created_at": to_db(utcnow()),
    }
    new_id = _inserted_id(connection.execute(accounts.insert().values(**values)))
    return Account(new_id, uid, client_id, str(network), label, address, settings or {}, is_demo)


def rename_account(connection: Connection, account_id: int, name: str) -> None:
    connection.execute(update(accounts).where(accounts.c.id == account_id).values(name=name.strip()))


def update_account_settings(connection: Connection, account_id: int, settings: dict[str, Any]) -> None:
    connection.execute(
        update(accounts).where(accounts.c.id == account_id).values(settings=json.dumps(settings, sort_keys=True))
    )


def convert_account(
    connection: Connection, account_id: int, network: NetworkId, address: str, name: str, settings: dict[str, Any]
) -> Account:
    """The account becomes one of another network (a blog's feed source becomes its WordPress account): same id, so
    its conversations, labels and history stay; its sync cursor starts again, as the new network reads afresh."""
    connection.execute(
        update(accounts)
        .where(accounts.c.id == account_id)
        .values(network=str(network), address=address, name=name, settings=json.dumps(settings, sort_keys=True))
    )
    connection.exec_driver_sql("UPDATE sync_state SET cursor = '{}' WHERE account_id = ?", (account_id,))
    return get_account(connection, account_id)


def remove_account(connection: Connection, account_id: int) -> Account:
    """Delete an account and, through the foreign keys, its conversations, messages, contacts and state."""
    account = get_account(connection, account_id)
    connection.execute(delete(accounts).where(accounts.c.id == account_id))
    return account
