"""Bad-buzz alerts kept per client: detected at the end of each sync pass (analysis/buzz.py over the messages' own
publication times), listed newest first, acknowledged by the user (remembered)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from cmdesk.analysis import buzz
from cmdesk.domain.reads import Alert
from cmdesk.storage.rawsql import Reader, json_column, marks, rows
from cmdesk.storage.timeutil import from_db, to_sqlite_text

if TYPE_CHECKING:
    from sqlalchemy import Connection

CANDIDATE = min(buzz.MIN_MESSAGES.values())
"""A client is looked at closely only when its last window holds at least this many inbound messages."""
_COLUMNS = (
    "al.id, al.client_id, cl.name, al.kind, al.started_at, al.ended_at, al.messages, al.baseline, al.explanation, "
    "al.terms, al.message_ids, al.created_at, al.acknowledged_at"
)


def _inbound_since(connection: Connection, since: datetime, client_ids: Sequence[int] | None) -> list[tuple]:  # type: ignore[type-arg]
    """(client id, message id, created_at, sentiment, title, text) of inbound messages published since `since`,
    found through the conversations' activity index (a message's conversation was active at least as late)."""
    at = to_sqlite_text(since)
    where = f" AND a.client_id IN ({marks(client_ids)})" if client_ids else ""
    return list(
        connection.exec_driver_sql(
            "SELECT a.client_id, m.id, m.created_at, m.sentiment, m.title, m.text FROM conversations AS c "
            "JOIN messages AS m ON m.conversation_id = c.id JOIN accounts AS a ON a.id = c.account_id "
            f"WHERE c.last_activity_at >= ? AND m.created_at >= ? AND m.direction = 'in' AND m.deleted_at IS NULL"
            f"{where}",
            (at, at, *(client_ids or ())),
        ).all()
    )


def detect(connection: Connection, now: datetime) -> list[int]:
    """Look for spikes in every client's last window; new alerts are stored (past their cooldown) and their ids
    returned."""
    recent: dict[int, int] = defaultdict(int)
    for client_id, *_rest in _inbound_since(connection, now - buzz.WINDOW, None):
        recent[client_id] += 1
    candidates = [client for client, count in recent.items() if count >= CANDIDATE]
    if not candidates:
        return []
    history_start = now - buzz.WINDOW - timedelta(weeks=buzz.HISTORY_WEEKS)
    posts: dict[int, list[buzz.Post]] = defaultdict(list)
    for client_id, message_id, created_at, sentiment, title, text in _inbound_since(
        connection, history_start, candidates
    ):
        when = from_db(created_at)
        if when is not None:
            posts[client_id].append(buzz.Post(when, sentiment or "", f"{title} {text[:600]}", message_id))
    names: dict[int, str] = dict(
        connection.exec_driver_sql(
            f"SELECT id, name FROM clients WHERE id IN ({marks(candidates)})", tuple(candidates)
        ).all()
    )
    raised = []
    for client_id in candidates:
        previous = [
            (kind, from_db(created) or now, messages)
            for kind, created, messages in connection.exec_driver_sql(
                "SELECT kind, created_at, messages FROM alerts WHERE client_id = ? AND created_at >= ?",
                (client_id, to_sqlite_text(now - buzz.COOLDOWN)),
            ).all()
        ]
        own_name = frozenset(word.lower() for word in str(names.get(client_id, "")).split())
        for spike in buzz.spikes(posts[client_id], now, own_name):
            if not buzz.cooled_down(spike.kind, spike.messages, previous, now):
                continue
            cursor = connection.exec_driver_sql(
                "INSERT INTO alerts (client_id, kind, started_at, ended_at, messages, baseline, explanation, terms, "
                "message_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    client_id,
                    spike.kind,
                    to_sqlite_text(spike.started_at),
                    to_sqlite_text(spike.ended_at),
                    spike.messages,
                    spike.baseline,
                    buzz.explanation(spike),
                    json.dumps(list(spike.terms), ensure_ascii=False),
                    json.dumps(list(spike.message_ids)),
                    to_sqlite_text(now),
                ),
            )
            raised.append(int(cursor.lastrowid or 0))
            previous.append((spike.kind, now, spike.messages))
    return raised


def _listed(value: str | None) -> list[Any]:
    """A JSON list column; a damaged one reads as empty rather than failing the alerts' read."""
    found = json_column(value, [])
    return found if isinstance(found, list) else []


def _alert(row: Sequence) -> Alert:  # type: ignore[type-arg]
    return Alert(
        id=row[0],
        client_id=row[1],
        client=row[2],
        kind=row[3],
        started_at=from_db(row[4]) or datetime.min,
        ended_at=from_db(row[5]) or datetime.min,
        messages=row[6],
        baseline=row[7],
        explanation=row[8],
        terms=tuple(str(term) for term in _listed(row[9])),
        message_ids=tuple(number for number in _listed(row[10]) if isinstance(number, int)),
        created_at=from_db(row[11]) or datetime.min,
        acknowledged_at=from_db(row[12]),
    )


def listing(
    connection: Reader, client_ids: Sequence[int] | None = None, *, unacknowledged: bool = False
) -> list[Alert]:
    """Alerts, newest first."""
    clauses: list[str] = []
    params: list[object] = []
    if client_ids:
        clauses.append(f"al.client_id IN ({marks(client_ids)})")
        params.extend(client_ids)
    if unacknowledged:
        clauses.append("al.acknowledged_at IS NULL")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    query = (
        f"SELECT {_COLUMNS} FROM alerts AS al JOIN clients AS cl ON cl.id = al.client_id{where} "
        "ORDER BY al.created_at DESC, al.id DESC"
    )
    return [_alert(row) for row in rows(connection, query, params)]


def acknowledge(connection: Connection, alert_id: int, now: datetime) -> None:
    connection.exec_driver_sql(
        "UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL",
        (to_sqlite_text(now), alert_id),
    )


def conversations_of(connection: Reader, alert: Alert) -> list[int]:
    """The conversations the alert's messages are in."""
    if not alert.message_ids:
        return []
    ids = list(alert.message_ids)
    found = rows(connection, f"SELECT DISTINCT conversation_id FROM messages WHERE id IN ({marks(ids)})", ids)
    return [row[0] for row in found]


def reach(connection: Reader, message_ids: Sequence[int]) -> dict[int, int]:
    """How many follow the author of each message, where the network told it."""
    ids = list(message_ids)
    if not ids:
        return {}
    found = rows(
        connection,
        "SELECT m.id, ct.followers FROM messages AS m JOIN contacts AS ct ON ct.id = m.contact_id "
        f"WHERE m.id IN ({marks(ids)}) AND ct.followers IS NOT NULL",
        ids,
    )
    return {row[0]: row[1] for row in found}


def shares(connection: Reader, conversation_ids: Sequence[int]) -> dict[int, int]:
    """How many times each conversation's messages were boosted or reposted (where the network tells it)."""
    ids = list(conversation_ids)
    if not ids:
        return {}
    found = rows(
        connection,
        "SELECT m.conversation_id, count(a.id) FROM messages AS m JOIN activities AS a ON a.account_id = m.account_id "
        f"AND a.target_remote_id = m.remote_id AND a.kind = 'boost' WHERE m.conversation_id IN ({marks(ids)}) "
        "GROUP BY m.conversation_id",
        ids,
    )
    return {row[0]: row[1] for row in found}
