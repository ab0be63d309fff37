"""Reading the outbox — its entries, their states, what is due and what waits — in plain SQL, without SQLAlchemy
(storage/rawsql.py says why: the window shows a thread's unsent replies and the outbox count on its first
screen). The states are moved only by storage/outbox.py, which also re-exports everything here."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from cmdesk.domain.acts import Act, BadAct, act_from_json
from cmdesk.domain.reads import NOT_SENT as NOT_SENT
from cmdesk.domain.reads import PENDING as PENDING
from cmdesk.domain.reads import PROBLEMS as PROBLEMS
from cmdesk.domain.reads import UNFINISHED as UNFINISHED
from cmdesk.domain.reads import WAITING as WAITING
from cmdesk.domain.reads import CalendarPost
from cmdesk.domain.reads import OutboxEntry as OutboxEntry
from cmdesk.domain.reads import OutboxState as OutboxState
from cmdesk.storage.rawsql import Reader, first, marks, rows, scalar
from cmdesk.storage.timeutil import from_db, to_sqlite_text, utcnow

COLUMNS = (
    "id, account_id, conversation_id, action, idempotency_key, payload, state, scheduled_at, attempts, last_error, "
    "remote_id, created_at, updated_at, network_schedule"
)


HAND_OVER_LEAD = timedelta(minutes=10)
"""Only posts planned further ahead are handed to a network's scheduler (Mastodon wants at least 5 minutes)."""
HAND_OVER_RETRY = timedelta(minutes=5)
"""A hand-over that failed (network down) is tried again after this; meanwhile cmdesk keeps the post."""


class OutboxError(Exception):
    """A request on an outbox entry that its state does not allow (retry a sent post, cancel one being sent…)."""


def entry_from_row(row: Any) -> OutboxEntry:
    """An entry from a row of the outbox table, by column name (selected with other columns, as the calendar
    does, or alone)."""
    act: Act | None = None
    problem = ""
    try:
        act = act_from_json(row["action"], json.loads(row["payload"] or "null"))
    except (ValueError, TypeError) as error:  # BadAct, or JSON that does not parse
        problem = str(error) if isinstance(error, BadAct) else f"{row['action']}: its data is not JSON"
    return OutboxEntry(
        id=row["id"],
        account_id=row["account_id"],
        conversation_id=row["conversation_id"],
        action=row["action"],
        idempotency_key=row["idempotency_key"],
        act=act,
        act_problem=problem,
        state=OutboxState(row["state"]),
        scheduled_at=from_db(row["scheduled_at"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        remote_id=row["remote_id"],
        created_at=from_db(row["created_at"]) or utcnow(),
        updated_at=from_db(row["updated_at"]) or utcnow(),
        network_schedule=row["network_schedule"],
    )


def get(connection: Reader, entry_id: int) -> OutboxEntry:
    row = first(connection, f"SELECT {COLUMNS} FROM outbox WHERE id = ?", (entry_id,))
    if row is None:
        raise OutboxError(f"no outbox entry {entry_id} (see `cmdesk outbox`)")
    return entry_from_row(row)


def due(connection: Reader, now: datetime, limit: int = 50) -> list[OutboxEntry]:
    query = f"SELECT {COLUMNS} FROM outbox WHERE state = ? AND scheduled_at <= ? ORDER BY scheduled_at, id LIMIT ?"
    found = rows(connection, query, (OutboxState.SCHEDULED.value, to_sqlite_text(now), limit))
    return [entry_from_row(row) for row in found]


def to_hand_over(
    connection: Reader, after: datetime, networks: Sequence[str], *, retry_before: datetime, limit: int = 20
) -> list[OutboxEntry]:
    """Posts cmdesk still keeps that a network in `networks` could schedule itself: due after `after`, on a real
    (not demo) account, not already there, not waiting since a failed hand-over (`retry_before`; one that may
    have landed, attempts > 0, is looked for at once), and not on an account with a withdrawal still to send (the
    old copy goes first)."""
    if not networks:
        return []
    columns = ", ".join(f"o.{name.strip()}" for name in COLUMNS.split(","))
    query = (
        f"SELECT {columns} FROM outbox AS o JOIN accounts AS a ON a.id = o.account_id "
        "WHERE o.state = ? AND o.action = 'post' AND o.network_schedule = '' AND o.scheduled_at > ? "
        f"AND a.network IN ({marks(networks)}) AND NOT a.is_demo "
        "AND (o.last_error = '' OR o.attempts > 0 OR o.updated_at <= ?) "
        "AND NOT EXISTS (SELECT 1 FROM outbox AS w WHERE w.account_id = o.account_id AND w.action = 'withdraw' "
        "AND w.state IN (?, ?)) ORDER BY o.scheduled_at, o.id LIMIT ?"
    )
    params = (
        OutboxState.SCHEDULED.value,
        to_sqlite_text(after),
        *networks,
        to_sqlite_text(retry_before),
        OutboxState.SCHEDULED.value,
        OutboxState.SENDING.value,
        limit,
    )
    return [entry_from_row(row) for row in rows(connection, query, params)]


def next_send_time(
    connection: Reader, now: datetime, networks: Sequence[str], lead: timedelta = HAND_OVER_LEAD
) -> datetime | None:
    """When the outbox next has work: now when a post can be handed to its network's scheduler (a post planned
    for next week is handed over today), else the first due entry's time; None when nothing waits."""
    if to_hand_over(connection, now + lead, networks, retry_before=now - HAND_OVER_RETRY, limit=1):
        return now
    return next_due(connection)


def next_due(connection: Reader) -> datetime | None:
    query = "SELECT scheduled_at FROM outbox WHERE state = ? ORDER BY scheduled_at LIMIT 1"
    return from_db(scalar(connection, query, (OutboxState.SCHEDULED.value,)))


def for_conversation(connection: Reader, conversation_id: int) -> list[OutboxEntry]:
    """What the thread shows under its messages: replies not yet sent, being sent, failed or to check."""
    query = (
        f"SELECT {COLUMNS} FROM outbox WHERE conversation_id = ? AND state IN ({marks(UNFINISHED)}) "
        "ORDER BY created_at, id"
    )
    return [entry_from_row(row) for row in rows(connection, query, (conversation_id, *UNFINISHED))]


def listing(
    connection: Reader, limit: int = 500, *, offset: int = 0, states: Sequence[OutboxState] = ()
) -> list[OutboxEntry]:
    """As a mail client's outbox lists it: what needs the user first, then what is waiting in the order it goes
    out (the next scheduled post on top), then what is done, newest first. `states` keeps only those; `offset`
    pages on (the Outbox view reads it a page at a time)."""
    where = f"WHERE state IN ({marks(states)}) " if states else ""
    query = (
        f"SELECT {COLUMNS} FROM outbox {where}ORDER BY "
        f"CASE WHEN state IN ({marks(PROBLEMS)}) THEN 0 WHEN state IN ({marks(WAITING)}) THEN 1 ELSE 2 END, "
        f"CASE WHEN state IN ({marks(WAITING)}) THEN scheduled_at END, updated_at DESC, id DESC LIMIT ? OFFSET ?"
    )
    params = (*states, *PROBLEMS, *WAITING, *WAITING, limit, offset)
    return [entry_from_row(row) for row in rows(connection, query, params)]


def count(connection: Reader, states: Sequence[OutboxState] = ()) -> int:
    where = f" WHERE state IN ({marks(states)})" if states else ""
    return int(scalar(connection, f"SELECT count(*) FROM outbox{where}", tuple(states)) or 0)


def count_pending(connection: Reader) -> int:
    query = f"SELECT count(*) FROM outbox WHERE state IN ({marks(UNFINISHED)})"
    return int(scalar(connection, query, UNFINISHED) or 0)


def posts_between(connection: Reader, start: datetime, end: datetime) -> list[CalendarPost]:
    """Every post planned between `start` and `end` (any state but cancelled), in time order: the calendar."""
    columns = ", ".join(f"o.{name.strip()}" for name in COLUMNS.split(","))
    query = (
        f"SELECT {columns}, a.name AS account_name, a.network, a.address, c.id AS client_id, c.name AS client_name "
        "FROM outbox AS o JOIN accounts AS a ON a.id = o.account_id JOIN clients AS c ON c.id = a.client_id "
        "WHERE o.action = 'post' AND o.state != ? AND o.scheduled_at >= ? AND o.scheduled_at < ? "
        "ORDER BY o.scheduled_at, o.id"
    )
    params = (OutboxState.CANCELLED.value, to_sqlite_text(start), to_sqlite_text(end))
    return [
        CalendarPost(
            entry_from_row(row),
            row["account_name"],
            row["network"],
            row["client_id"],
            row["client_name"],
            row["address"],
        )
        for row in rows(connection, query, params)
    ]
