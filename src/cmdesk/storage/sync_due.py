"""When each account is next due for a sync, read in plain SQL (no SQLAlchemy): the sync engine's rule — the
account's own interval (`settings["interval_seconds"]`, else DEFAULT_INTERVAL) after its last attempt, or later
when a rate limit says so. The background agent's light parent process decides from it when to start a pass, and
the pass syncs the accounts due."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from cmdesk.storage import workspace_reads
from cmdesk.storage.rawsql import Reader, rows
from cmdesk.storage.timeutil import from_db

DEFAULT_INTERVAL = timedelta(minutes=15)


def interval_of(settings: Mapping[str, Any]) -> timedelta:
    seconds = settings.get("interval_seconds")
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds > 0:
        return timedelta(seconds=seconds)
    return DEFAULT_INTERVAL


def due_times(connection: Reader, now: datetime) -> dict[int, datetime]:
    """Every enabled real (not demo) account's next sync time; `now` for one never tried."""
    states = {
        row["account_id"]: (from_db(row["last_attempt_at"]), from_db(row["retry_at"]))
        for row in rows(connection, "SELECT account_id, last_attempt_at, retry_at FROM sync_state")
    }
    times = {}
    for account in workspace_reads.list_accounts(connection, enabled_only=True):
        if account.is_demo:
            continue
        last, retry = states.get(account.id, (None, None))
        when = last + interval_of(account.settings) if last is not None else now
        times[account.id] = max(when, retry) if retry is not None else when
    return times


def due_now(connection: Reader, now: datetime) -> list[int]:
    return sorted(account_id for account_id, when in due_times(connection, now).items() if when <= now)
