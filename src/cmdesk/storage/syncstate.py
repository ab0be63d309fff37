"""Per-account sync state: the connector cursor (saved in the page's transaction) and health for the UI and CLI.

Plain SQL without SQLAlchemy (storage/rawsql.py): the window shows each account's health on its first screen."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from cmdesk.domain import Cursor, Health
from cmdesk.domain.reads import SyncState as SyncState
from cmdesk.storage.rawsql import Reader, driver, first, json_column, rows
from cmdesk.storage.timeutil import from_db, to_sqlite_text

COLUMNS = "account_id, cursor, health, reason, retry_at, last_attempt_at, last_success_at, consecutive_failures"


def _ensure_row(connection: Reader, account_id: int) -> None:
    driver(connection).execute(
        "INSERT INTO sync_state (account_id, cursor, health, reason, consecutive_failures) VALUES (?, '{}', ?, '', 0) "
        "ON CONFLICT (account_id) DO NOTHING",
        (account_id, Health.NEW.value),
    )


def save_cursor(connection: Reader, account_id: int, cursor: Cursor) -> None:
    _ensure_row(connection, account_id)
    driver(connection).execute(
        "UPDATE sync_state SET cursor = ? WHERE account_id = ?", (json.dumps(dict(cursor), sort_keys=True), account_id)
    )


def load(connection: Reader, account_id: int) -> SyncState:
    row = first(connection, f"SELECT {COLUMNS} FROM sync_state WHERE account_id = ?", (account_id,))
    if row is None:
        return SyncState(account_id, {}, Health.NEW, "", None, None, None, 0)
    return _from_row(row)


def load_all(connection: Reader) -> dict[int, SyncState]:
    return {row["account_id"]: _from_row(row) for row in rows(connection, f"SELECT {COLUMNS} FROM sync_state")}


def _from_row(row: Any) -> SyncState:
    cursor = json_column(row["cursor"], {})
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
    connection: Reader,
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
    values: dict[str, Any] = {
        "health": health.value,
        "reason": reason,
        "retry_at": to_sqlite_text(retry_at) if retry_at is not None else None,
    }
    if attempted_at is not None:
        values["last_attempt_at"] = to_sqlite_text(attempted_at)
    if succeeded_at is not None:
        values["last_success_at"] = to_sqlite_text(succeeded_at)
    if failures is not None:
        values["consecutive_failures"] = failures
    assignments = ", ".join(f"{column} = ?" for column in values)
    driver(connection).execute(
        f"UPDATE sync_state SET {assignments} WHERE account_id = ?", (*values.values(), account_id)
    )
