"""Messages counted per account, UTC hour, conversation kind, direction and sentiment (`message_hours`): the
report's charts and totals (volume per day, sentiment over time, busiest hours, received and sent) read a few
thousand of these rows instead of the hundreds of thousands of messages of a client's year.

Kept in step inside the writer's transaction, as the full-text index is (storage/fts.py): ingest counts the rows it
inserted in one bulk statement (`count_inserted`, 4× cheaper than a per-row trigger there); triggers follow every
later change of a counted column (a sentiment judged or corrected, a message deleted or moved, a conversation's
kind). Deleting an account
deletes its counts through the foreign key. `differences` compares the table with a full count (a test, and
`cmdesk doctor`); `rebuild` counts everything again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from cmdesk.storage.rawsql import Reader, driver, marks, rows

_KIND = "(SELECT kind FROM conversations WHERE id = {row}.conversation_id)"
_KEY = (
    "{row}.account_id, substr({row}.created_at, 1, 13), " + _KIND + ", {row}.direction, coalesce({row}.sentiment, '')"
)
_ADD = (
    "INSERT INTO message_hours (account_id, hour, kind, direction, sentiment, messages) "
    "SELECT " + _KEY.format(row="new") + ", 1 WHERE new.deleted_at IS NULL "
    "ON CONFLICT DO UPDATE SET messages = messages + 1;"
)
_REMOVE = (
    "UPDATE message_hours SET messages = messages - 1 WHERE old.deleted_at IS NULL AND account_id = old.account_id "
    "AND hour = substr(old.created_at, 1, 13) AND kind = " + _KIND.format(row="old") + " "
    "AND direction = old.direction AND sentiment = coalesce(old.sentiment, '');"
)
_COUNTED = ("created_at", "direction", "sentiment", "deleted_at", "conversation_id", "account_id")

CREATE_STATEMENTS = (
    f"""CREATE TRIGGER IF NOT EXISTS messages_hours_update AFTER UPDATE OF {", ".join(_COUNTED)} ON messages
        WHEN {" OR ".join(f"old.{column} IS NOT new.{column}" for column in _COUNTED)}
        BEGIN {_REMOVE} {_ADD} END""",
    f"CREATE TRIGGER IF NOT EXISTS messages_hours_delete AFTER DELETE ON messages BEGIN {_REMOVE} END",
    # A feed post's conversation becomes a comment thread when its first comment arrives: its counts follow.
    """CREATE TRIGGER IF NOT EXISTS conversations_hours_kind AFTER UPDATE OF kind ON conversations
        WHEN old.kind IS NOT new.kind BEGIN
        UPDATE message_hours SET messages = messages - (SELECT count(*) FROM messages AS m
            WHERE m.conversation_id = old.id AND m.deleted_at IS NULL AND m.account_id = message_hours.account_id
            AND substr(m.created_at, 1, 13) = message_hours.hour AND m.direction = message_hours.direction
            AND coalesce(m.sentiment, '') = message_hours.sentiment)
        WHERE kind = old.kind AND (account_id, hour) IN (SELECT account_id, substr(created_at, 1, 13) FROM messages
            WHERE conversation_id = old.id AND deleted_at IS NULL);
        INSERT INTO message_hours (account_id, hour, kind, direction, sentiment, messages)
        SELECT account_id, substr(created_at, 1, 13), new.kind, direction, coalesce(sentiment, ''), count(*)
        FROM messages WHERE conversation_id = new.id AND deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT DO UPDATE SET messages = messages + excluded.messages;
    END""",
)

_COUNT = (
    "SELECT m.account_id, substr(m.created_at, 1, 13), c.kind, m.direction, coalesce(m.sentiment, ''), count(*) "
    "FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id WHERE m.deleted_at IS NULL {where} "
    "GROUP BY 1, 2, 3, 4, 5"
)


def create(connection: Reader) -> None:
    for statement in CREATE_STATEMENTS:
        driver(connection).execute(statement)


def count_inserted(connection: Reader, after_id: int) -> None:
    """Count every message inserted since fts.last_message_id returned `after_id`, in one statement."""
    driver(connection).execute(
        "INSERT INTO message_hours (account_id, hour, kind, direction, sentiment, messages) "
        + _COUNT.format(where="AND m.id > ?")
        + " ON CONFLICT DO UPDATE SET messages = messages + excluded.messages",
        (after_id,),
    )


def rebuild(connection: Reader) -> None:
    """Count every message again (a migration; a repair after `differences` found any)."""
    driver(connection).execute("DELETE FROM message_hours")
    driver(connection).execute(
        "INSERT INTO message_hours (account_id, hour, kind, direction, sentiment, messages) " + _COUNT.format(where="")
    )


def differences(connection: Reader) -> list[tuple[Any, ...]]:
    """Each key whose kept count differs from a full count of the messages: (key…, kept, counted)."""
    counted = {tuple(row[:5]): row[5] for row in rows(connection, _COUNT.format(where=""))}
    kept = {
        tuple(row[:5]): row[5]
        for row in rows(connection, "SELECT account_id, hour, kind, direction, sentiment, messages FROM message_hours")
    }
    return [
        (*key, kept.get(key, 0), counted.get(key, 0))
        for key in sorted(set(counted) | set(kept))
        if kept.get(key, 0) != counted.get(key, 0)
    ]


def per_hour(connection: Reader, accounts: Sequence[int], low: str, high: str) -> list[sqlite3.Row]:
    """(UTC hour "YYYY-MM-DD HH", account, conversation kind, direction, sentiment, messages) of the accounts'
    messages whose hour begins in [low, high) (stored UTC texts)."""
    if not accounts:
        return []
    return rows(
        connection,
        "SELECT hour, account_id, kind, direction, sentiment, messages FROM message_hours "
        f"WHERE account_id IN ({marks(list(accounts))}) AND hour >= substr(?, 1, 13) AND hour < substr(?, 1, 13) "
        "AND messages > 0",
        [*accounts, low, high],
    )


__all__ = ["count_inserted", "create", "differences", "per_hour", "rebuild"]
