"""The networks' counts on messages (`measures`): a video's views and likes as its network shows them, one figure per
message, metric and UTC day — a pull that reads them again the same day replaces that day's figure. The latest figure
is shown on the message; the days kept are what a report of its growth will read. A message's figures are kept as
long as its account."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.domain import Measure
from cmdesk.storage.rawsql import Reader, driver, rows

if TYPE_CHECKING:
    from sqlalchemy import Connection


def record(connection: Connection, account_id: int, measures: Iterable[Measure], now: datetime) -> None:
    """Keep the figures read at `now` as that day's (in the caller's transaction)."""
    day = now.date().isoformat()
    entries = {(m.remote_id, m.metric): max(0, int(m.value)) for m in measures if m.remote_id and m.metric}
    if not entries:
        return
    driver(connection).executemany(
        "INSERT INTO measures (account_id, remote_id, metric, day, value) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (account_id, remote_id, metric, day) DO UPDATE SET value = excluded.value",
        [(account_id, remote_id, metric, day, value) for (remote_id, metric), value in entries.items()],
    )


def latest(connection: Reader, conversation_id: int) -> dict[str, dict[str, int]]:
    """The latest figure of each metric of each message of a conversation: {message remote_id: {metric: value}}."""
    query = """SELECT s.remote_id, s.metric, s.value FROM measures AS s
               JOIN messages AS m ON m.account_id = s.account_id AND m.remote_id = s.remote_id
               WHERE m.conversation_id = ?
               AND s.day = (SELECT max(day) FROM measures AS d WHERE d.account_id = s.account_id
                            AND d.remote_id = s.remote_id AND d.metric = s.metric)"""
    found: dict[str, dict[str, int]] = {}
    for remote_id, metric, value in rows(connection, query, (conversation_id,)):
        found.setdefault(str(remote_id), {})[str(metric)] = int(value)
    return found


__all__ = ["latest", "record"]
