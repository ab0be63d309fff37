"""Per-account sync state: the connector cursor (saved in the page's transaction) and health for the UI and CLI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from cmdesk.domain import Cursor, Health
from cmdesk.storage.records import SyncStateRecord
from cmdesk.storage.timeutil import from_db, to_db

table = SyncStateRecord.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SyncState:
    account_id: int
    cursor: dict[str, Any]
    health: Health
    reason: str
    retry_at: datetime | None
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int


def _ensure_row(connection: Connection, account_id: int) -> None:
    exists = connection.execute(select(table.c.account_id).where(table.c.account_id == account_id)).first()
    if exists is None:
        connection.execute(table.insert().values(account_id=account_id))


def save_cursor(connection: Connection, account_id: int, cursor: Cursor) -> None:
    _ensure_row(connection, account_id)
    connection.execute(
        table.update().where(table.c.account_id == account_id).values(cursor=json.dumps(dict(cursor), sort_keys=True))
    )


def load(connection: Connection, account_id: int) -> SyncState:
    row = connection.execute(select(table).where(table.c.account_id == account_id)).mappings().first()
    if row is None:
        return SyncState(account_id, {}, Health.NEW, "", None, None, None, 0)
    return _from_row(row)


def load_all(connection: Connection) -> dict[int, SyncState]:
    return {row["account_id"]: _from_row(row) for row in connection.execute(select(table)).mappings()}


def _from_row(row: Any) -> SyncState:
    try:
        cursor = json.loads(row["cursor"] or "{}")
    except json.JSONDecodeError:
        cursor = {}
    try:
        health = Health(row["health"])
    except ValueError:
        health = Health.NEW
    return SyncState(
        account_id=row["account_id"],
        cursor=cursor if isinstance(cursor, dict) else {},
        health=health,
        reason=row["reason"] or "",
        retry_at=from_db(row["retry_at"]),
        last_attempt_at=from_db(row["last_attempt_at"]),
        last_success_at=from_db(row["last_success_at"]),
        consecutive_failures=row["consecutive_failures"] or 0,
    )


def record_health(
    connection: Connection,
    account_id: int,
    health: Health,
    *,
    reason: str = "",
    retry_at: datetime | None = None,
    attempted_at: datetime | None = None,
    succeeded_at: datetime | None = None,
    failures: int | None = None,
) -> None:
    _ensure_row(connection, account_id)
    values: dict[str, Any] = {"health": health.value, "reason": reason, "retry_at": to_db(retry_at)}
    if attempted_at is not None:
        values["last_attempt_at"] = to_db(attempted_at)
    if succeeded_at is not None:
        values["last_success_at"] = to_db(succeeded_at)
    if failures is not None:
        values["consecutive_failures"] = failures
    connection.execute(table.update().where(table.c.account_id == account_id).values(**values))
