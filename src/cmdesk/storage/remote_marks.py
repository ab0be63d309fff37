"""What a network says of messages already stored: deleted there (they stay stored, marked, and their
conversations are summed up again), moderated by the account (approved or hidden: they wait no more), or read
elsewhere (their conversations become read)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection

from cmdesk.storage import listening, response_times
from cmdesk.storage.rawsql import marks
from cmdesk.storage.timeutil import to_sqlite_text

CHUNK = 500
MAX_SEEN = 15_000
"""Remote ids read elsewhere looked at in one statement (each is bound twice; SQLite allows 32,766 parameters)."""


def mark_deleted(connection: Connection, account_id: int, remote_ids: Sequence[str], now: datetime) -> None:
    """The messages are marked deleted (the thread shows them so); their conversations' waits, sentiment and report
    summaries are worked out again."""
    touched: set[int] = set()
    unique = list(dict.fromkeys(remote_ids))
    for first in range(0, len(unique), CHUNK):
        chunk = tuple(unique[first : first + CHUNK])
        where = f"account_id = ? AND remote_id IN ({marks(chunk)}) AND deleted_at IS NULL"
        found = connection.exec_driver_sql(f"SELECT conversation_id FROM messages WHERE {where}", (account_id, *chunk))
        touched.update(row[0] for row in found)
        connection.exec_driver_sql(
            f"UPDATE messages SET deleted_at = ? WHERE {where}", (to_sqlite_text(now), account_id, *chunk)
        )
    if touched:
        response_times.summarise(connection, touched)
        listening.refresh_conversations(connection, touched)


def mark_moderated(connection: Connection, account_id: int, remote_ids: Sequence[str]) -> None:
    """The account approved or hid these messages on the network: they wait for moderation no more."""
    unique = tuple(dict.fromkeys(remote_ids))[:CHUNK]
    if not unique:
        return
    where = f"account_id = ? AND remote_id IN ({marks(unique)}) AND held"
    found = connection.exec_driver_sql(f"SELECT conversation_id FROM messages WHERE {where}", (account_id, *unique))
    touched = {row[0] for row in found}
    connection.exec_driver_sql(f"UPDATE messages SET held = 0 WHERE {where}", (account_id, *unique))
    response_times.summarise(connection, touched)


def mark_seen(connection: Connection, account_id: int, remote_ids: Sequence[str]) -> int:
    """Conversations all of whose incoming messages were read elsewhere become read (never the other way: a
    conversation the user marked unread in cmdesk stays so until cmdesk's own read reaches the server)."""
    seen = list(dict.fromkeys(remote_ids))[:MAX_SEEN]
    if not seen:
        return 0
    listed = marks(seen)
    result = connection.exec_driver_sql(
        f"""UPDATE conversations SET unread = 0
            WHERE unread = 1 AND id IN (
              SELECT m.conversation_id FROM messages m
              WHERE m.account_id = ? AND m.direction = 'in' AND m.remote_id IN ({listed})
                AND NOT EXISTS (SELECT 1 FROM messages n WHERE n.conversation_id = m.conversation_id
                                AND n.direction = 'in' AND n.remote_id NOT IN ({listed})))""",
        (account_id, *seen, *seen),
    )
    return int(result.rowcount or 0)


__all__ = ["mark_deleted", "mark_moderated", "mark_seen"]
