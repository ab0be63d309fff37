"""Since when someone waits in a conversation, and when that wait is past the client's first-response target.

`conversations.waiting_since` is the time of the first inbound message after the user's last answer (an answer sent
from the network's own app counts: it comes back as an outbound message), NULL when nobody waits. `due_at` is when
that wait passes the target in the client's business hours (domain/business_hours.py), NULL without a target. Both
are worked out with the conversation's sentiment whenever its messages change (listening.refresh_conversations) and
again for all of a client's waiting conversations when its hours change (`recompute_client`). The Overdue view is
`due_at <= now` among open conversations still waiting (queries.py), through its own small index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection

from cmdesk.domain.business_hours import BusinessHours, from_json
from cmdesk.storage.rawsql import marks
from cmdesk.storage.timeutil import from_db, to_sqlite_text

CHUNK = 500
COMMENTED_POST = (
    "(conversations.kind = 'comment' AND m.remote_id = conversations.remote_id "
    "AND m.account_id = conversations.account_id)"
)
"""A comment thread's first post (a blog article, a video): what people comment on, not a question."""


def waiting_since(messages: Sequence[tuple[str, Any]]) -> Any:
    """The creation time of the first inbound message after the last outbound one, from (direction, created_at)
    oldest first; None when the newest message is the user's or there is none."""
    first_waiting = None
    for direction, created in messages:
        if direction == "out":
            first_waiting = None
        elif first_waiting is None:
            first_waiting = created
    return first_waiting


def _hours(connection: Connection, conversation_ids: Sequence[int]) -> dict[int, BusinessHours]:
    """Each conversation's client's hours; none for a post found while listening (Kind.FEED), which waits for no
    answer."""
    parsed: dict[str, BusinessHours] = {}
    hours: dict[int, BusinessHours] = {}
    for first in range(0, len(conversation_ids), CHUNK):
        chunk = conversation_ids[first : first + CHUNK]
        rows = connection.exec_driver_sql(
            "SELECT c.id, cl.business_hours FROM conversations AS c JOIN accounts AS a ON a.id = c.account_id "
            f"JOIN clients AS cl ON cl.id = a.client_id WHERE c.id IN ({marks(chunk)}) AND c.kind != 'feed'",
            tuple(chunk),
        ).all()
        for conversation, stored in rows:
            text = stored or ""
            if text not in parsed:
                parsed[text] = from_json(text)
            hours[conversation] = parsed[text]
    return hours


def _stored(value: Any) -> str | None:
    """A time as SQLite keeps it (text in UTC), from what the database or Python holds."""
    moment = from_db(value)
    return to_sqlite_text(moment) if moment is not None else None


def due_at(rules: BusinessHours | None, since: Any) -> str | None:
    """When a wait since `since` (a stored time, or a datetime) passes the client's target, as stored text; None
    without hours (a post found while listening), without a wait, or without a target."""
    if rules is None or since is None:
        return None
    moment = from_db(since)
    return _stored(rules.due(moment)) if moment is not None else None


def set_waiting(connection: Connection, waits: Mapping[int, Any]) -> None:
    """Store each conversation's waiting_since (None: nobody waits) and the due time its client's target gives."""
    if not waits:
        return
    hours = _hours(connection, sorted(waits))
    values = []
    for conversation, since in waits.items():
        stored_since, stored_due = _stored(from_db(since)), due_at(hours.get(conversation), since)
        values.append((stored_since, stored_due, conversation, stored_since, stored_due))
    connection.exec_driver_sql(
        "UPDATE conversations SET waiting_since = ?, due_at = ? WHERE id = ? "
        "AND (waiting_since IS NOT ? OR due_at IS NOT ?)",
        values,
    )


def summarise(connection: Connection, conversation_ids: Iterable[int]) -> None:
    """Work out again what a report reads of each conversation (storage/records.py: started_at, live_count,
    asked_at, answered_at) and how many of its messages wait for moderation (held_count), from its messages through
    the conversation/time index: after ingest writes a page, a deletion, or the migration that added them."""
    ids = sorted(set(conversation_ids))
    for first in range(0, len(ids), CHUNK):
        chunk = tuple(ids[first : first + CHUNK])
        connection.exec_driver_sql(
            "UPDATE conversations SET "
            "started_at = (SELECT min(m.created_at) FROM messages AS m WHERE m.conversation_id = conversations.id "
            "AND m.deleted_at IS NULL), "
            "live_count = (SELECT count(*) FROM messages AS m WHERE m.conversation_id = conversations.id "
            "AND m.deleted_at IS NULL), "
            "held_count = (SELECT count(*) FROM messages AS m WHERE m.conversation_id = conversations.id "
            "AND m.held AND m.deleted_at IS NULL), "
            "asked_at = CASE WHEN kind = 'feed' THEN NULL ELSE (SELECT min(m.created_at) FROM messages AS m "
            "WHERE m.conversation_id = conversations.id AND m.direction = 'in' AND m.deleted_at IS NULL "
            f"AND NOT {COMMENTED_POST}) END "
            f"WHERE id IN ({marks(chunk)})",
            chunk,
        )
        connection.exec_driver_sql(
            "UPDATE conversations SET answered_at = (SELECT min(o.created_at) FROM messages AS o "
            "WHERE o.conversation_id = conversations.id AND o.direction = 'out' AND o.deleted_at IS NULL "
            f"AND o.created_at > conversations.asked_at) WHERE id IN ({marks(chunk)})",
            chunk,
        )


def recompute_client(connection: Connection, client_id: int) -> int:
    """After the client's hours or target changed: the due time of every conversation of it that waits."""
    rows = connection.exec_driver_sql(
        "SELECT c.id, c.waiting_since FROM conversations AS c JOIN accounts AS a ON a.id = c.account_id "
        "WHERE a.client_id = ? AND c.waiting_since IS NOT NULL",
        (client_id,),
    ).all()
    set_waiting(connection, {conversation: since for conversation, since in rows})
    return len(rows)


__all__ = ["COMMENTED_POST", "due_at", "recompute_client", "set_waiting", "summarise", "waiting_since"]
