"""Gathering a client's report for a period (domain/reporting.py) in plain SQL: the messages written in the period
by or to the client's accounts, each conversation's first inbound message then and the user's first answer after it
(looked up through the conversation/time index, even past the period), the posts published and what the network
reported of them, the alerts. Times in business hours are counted in the client's hours (domain/business_hours.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cmdesk.analysis import buzz
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.domain.reporting import ConversationLine, Period, PostLine, ReportData
from cmdesk.storage import alerts
from cmdesk.storage.rawsql import Reader, json_column, marks, rows
from cmdesk.storage.timeutil import from_db, to_sqlite_text, utcnow
from cmdesk.storage.workspace_reads import get_client, list_clients

CHUNK = 400
TERMS_SAMPLE = 5000
"""Inbound messages read for the top terms: evenly spread over the period."""


def _accounts(connection: Reader, client_id: int | None) -> dict[int, tuple[str, str]]:
    """The accounts reported on: the client's, or every account (None: all clients)."""
    query = "SELECT id, network, name FROM accounts" + (" WHERE client_id = ?" if client_id is not None else "")
    found = rows(connection, query, (client_id,) if client_id is not None else ())
    return {row[0]: (row[1], row[2]) for row in found}


def _hours_by_account(connection: Reader, accounts: dict[int, tuple[str, str]]) -> dict[int, BusinessHours]:
    """Each account's client's business hours (a report on all clients counts each in its own)."""
    by_client = {client.id: client.hours for client in list_clients(connection)}
    found = rows(connection, "SELECT id, client_id FROM accounts")
    return {account: by_client[client] for account, client in found if account in accounts and client in by_client}


def conversations_between(
    connection: Reader, client_id: int | None, ranges: Sequence[tuple[datetime, datetime]], limit: int = 2000
) -> list[int]:
    """The conversations with an inbound message in any of the UTC ranges (a bar or a cell of a report's chart),
    most recent first."""
    accounts = list(_accounts(connection, client_id))
    if not accounts or not ranges:
        return []
    spans = " OR ".join("(m.created_at >= ? AND m.created_at < ?)" for _range in ranges)
    query = (
        f"SELECT m.conversation_id, max(m.created_at) FROM messages AS m WHERE m.account_id IN ({marks(accounts)}) "
        f"AND m.direction = 'in' AND m.deleted_at IS NULL AND ({spans}) GROUP BY m.conversation_id "
        "ORDER BY 2 DESC LIMIT ?"
    )
    params: list[Any] = [*accounts]
    for start, end in ranges:
        params.extend((to_sqlite_text(start), to_sqlite_text(end)))
    return [row[0] for row in rows(connection, query, [*params, limit])]


def _conversations(connection: Reader, ids: list[int]) -> dict[int, Any]:
    """The conversations' rows, by id (through the primary key: a month's report reads only its own)."""
    columns = (
        "id, account_id, kind, title, status, sentiment, url, last_author, remote_id, waiting_since, management_note, "
        "last_direction, last_activity_at"
    )
    found: dict[int, Any] = {}
    for first in range(0, len(ids), 900):
        chunk = ids[first : first + 900]
        query = f"SELECT {columns} FROM conversations WHERE id IN ({marks(chunk)})"
        found.update((row[0], row) for row in rows(connection, query, chunk))
    return found


def _first_answers(connection: Reader, firsts: dict[int, str]) -> dict[int, str]:
    """conversation → the time of the user's first message after the given one (stored text), where there is one."""
    answers: dict[int, str] = {}
    pairs = list(firsts.items())
    for first in range(0, len(pairs), CHUNK):
        chunk = pairs[first : first + CHUNK]
        values = ", ".join("(?, ?)" for _pair in chunk)
        query = (
            f"WITH firsts(id, at) AS (VALUES {values}) SELECT f.id, (SELECT min(o.created_at) FROM messages AS o "
            "WHERE o.conversation_id = f.id AND o.direction = 'out' AND o.created_at > f.at) FROM firsts AS f"
        )
        params = [value for pair in chunk for value in pair]
        answers.update((row[0], row[1]) for row in rows(connection, query, params) if row[1] is not None)
    return answers


def _posts(connection: Reader, accounts: dict[int, tuple[str, str]], start: str, end: str) -> list[PostLine]:
    """Posts sent in the period (the outbox's, with a remote id) and their favourites, boosts and replies."""
    if not accounts:
        return []
    ids = list(accounts)
    query = (
        "SELECT o.account_id, o.payload, o.updated_at, o.remote_id, "
        "(SELECT count(*) FROM activities AS a WHERE a.account_id = o.account_id AND a.target_remote_id = o.remote_id "
        "AND a.kind = 'favourite'), "
        "(SELECT count(*) FROM activities AS a WHERE a.account_id = o.account_id AND a.target_remote_id = o.remote_id "
        "AND a.kind = 'boost'), "
        "(SELECT count(*) FROM messages AS m WHERE m.account_id = o.account_id AND m.parent_remote_id = o.remote_id) "
        f"FROM outbox AS o WHERE o.account_id IN ({marks(ids)}) AND o.action = 'post' AND o.state = 'sent' "
        "AND o.remote_id != '' AND o.updated_at >= ? AND o.updated_at < ? ORDER BY o.updated_at"
    )
    posts = []
    for account, payload, sent, _remote, favourites, boosts, replies in rows(connection, query, [*ids, start, end]):
        network, name = accounts[account]
        text = str(json_column(payload, {}).get("text", ""))
        posts.append(PostLine(name, network, text, from_db(sent) or utcnow(), favourites, boosts, replies))
    return posts


ALL_CLIENTS = "All clients"
"""The name a report on every client (client_id None) goes by; the window and the renderers translate it."""


def report(connection: Reader, client_id: int | None, period: Period, now: datetime | None = None) -> ReportData:
    """The client's report over the period (whole local days in `period.zone`); None: all clients, each
    conversation's times in its own client's hours (the target: none, as clients' targets differ)."""
    now = now or utcnow()
    client = get_client(connection, client_id) if client_id is not None else None
    accounts = _accounts(connection, client_id)
    every = _hours_by_account(connection, accounts) if client is None else {}
    default = client.hours if client is not None else BusinessHours()
    start, end = period.bounds()
    low, high = to_sqlite_text(start), to_sqlite_text(end)
    local_hour = _LocalHours(ZoneInfo(period.zone), now)
    received = sent = 0
    daily: dict[Any, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    feeling: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    heat: Counter[tuple[int, int]] = Counter()
    first_inbound: dict[int, str] = {}
    counted: dict[int, int] = {}
    contacts: list[tuple[str, int]] = []
    inbound_ids: list[int] = []
    if accounts:
        # SQLite does the counting; Python only places each UTC hour of the period in the client's day and hour.
        # The messages are reached through the conversations active since the period began (the account/activity
        # index) and each one's messages in the period (the conversation/time index): a month's report reads that
        # month, not the client's whole history.
        scope = (
            f"c.account_id IN ({marks(list(accounts))}) AND c.last_activity_at >= ? "
            "AND m.created_at >= ? AND m.created_at < ? AND m.deleted_at IS NULL"
        )
        params = [*accounts, low, low, high]
        per_hour = (
            "SELECT substr(m.created_at, 1, 13), m.account_id, c.kind, m.sentiment, count(*) FROM conversations AS c "
            f"JOIN messages AS m ON m.conversation_id = c.id WHERE {scope} AND m.direction = 'in' "
            "GROUP BY 1, 2, 3, 4"
        )
        for utc_hour, account, kind, sentiment, count in rows(connection, per_hour, params):
            day, weekday, hour = local_hour(f"{utc_hour}:00:00")
            daily[day][(accounts[account][0], kind)] += count
            feeling[day][sentiment or ""] += count
            heat[(weekday, hour)] += count
            received += count
        # Per conversation: messages in the period, and the first inbound one that asks something (a blog article
        # or a video people comment on does not; a post found while listening waits for no answer).
        per_conversation = (
            "SELECT m.conversation_id, count(*), min(CASE WHEN m.direction = 'in' AND c.kind != 'feed' AND NOT "
            "(c.kind = 'comment' AND m.remote_id = c.remote_id AND m.account_id = c.account_id) "
            "THEN m.created_at END), "
            "sum(m.direction = 'out') FROM conversations AS c JOIN messages AS m ON m.conversation_id = c.id "
            f"WHERE {scope} GROUP BY m.conversation_id"
        )
        for conversation, count, asked, answers in rows(connection, per_conversation, params):
            counted[conversation] = count
            sent += answers
            if asked is not None:
                first_inbound[conversation] = asked
        who = (
            "SELECT m.author_name, count(*) FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id "
            f"WHERE {scope} AND m.direction = 'in' AND m.author_name != '' GROUP BY m.author_name "
            "ORDER BY 2 DESC LIMIT 10"
        )
        contacts = [(name, count) for name, count in rows(connection, who, params)]
        step = max(1, received // TERMS_SAMPLE)
        sampled = (
            "SELECT m.id FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id "
            f"WHERE {scope} AND m.direction = 'in' AND m.id % ? = 0 LIMIT ?"
        )
        inbound_ids = [row[0] for row in rows(connection, sampled, [*params, step, TERMS_SAMPLE])]
    info = _conversations(connection, list(counted))
    answers = _first_answers(connection, first_inbound)  # through the conversation/time index, past the period
    lines = []
    for conversation in counted:
        row = info.get(conversation)
        if row is None:
            continue
        network, account_name = accounts.get(row[1], ("", ""))
        asked = _moment(first_inbound.get(conversation))
        answered = _moment(answers.get(conversation))
        resolved = _moment(row[12]) if row[11] == "out" and asked else None
        waiting = _moment(row[9])
        hours = every.get(row[1], default)
        responded = hours.seconds_between(asked, answered) if asked and answered else None
        lines.append(
            ConversationLine(
                id=conversation,
                network=network,
                kind=row[2],
                account=account_name,
                author=row[7],
                subject=row[3],
                first_message_at=asked,
                first_response_at=answered,
                first_response_seconds=responded,
                resolution_seconds=(
                    responded
                    if resolved == answered
                    else hours.seconds_between(asked, resolved)
                    if asked and resolved
                    else None
                ),
                status=row[4],
                sentiment=row[5],
                messages=counted[conversation],
                url=row[6],
                waiting_seconds=hours.seconds_between(waiting, min(now, end)) if waiting and row[2] != "feed" else None,
                for_management=row[10],
            )
        )
    lines.sort(key=lambda line: (line.first_message_at or end, line.id))
    return ReportData(
        client=client.name if client is not None else ALL_CLIENTS,
        period=period,
        generated_at=now,
        target_minutes=default.target_minutes,
        received=received,
        sent=sent,
        lines=tuple(lines),
        daily={day: dict(values) for day, values in daily.items()},
        sentiment_daily={day: dict(values) for day, values in feeling.items()},
        heatmap=dict(heat),
        top_terms=tuple(
            buzz.frequent_terms(_texts(connection, inbound_ids), stopwords=_name_words(client.name if client else ""))
        ),
        top_contacts=tuple(contacts),
        posts=tuple(_posts(connection, accounts, low, high)),
        alerts=tuple(
            alert
            for alert in alerts.listing(connection, [client_id] if client_id is not None else None)
            if start <= alert.started_at < end
        ),
    )


def _moment(stored: str | None) -> datetime | None:
    """A time as SQLite keeps it (UTC text, timezone-less), aware; the report reads hundreds of thousands."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC) if stored else None


class _LocalHours:
    """(local date, weekday, hour) of stored UTC times, worked out once per UTC hour: a report reads 200,000
    messages, and a zone's offset changes only on the hour (zones half an hour off UTC are worked out per minute)."""

    def __init__(self, zone: ZoneInfo, fallback: datetime) -> None:
        self.zone = zone
        self.fallback = fallback
        self.known: dict[str, tuple[date, int, int]] = {}

    def __call__(self, stored: str) -> tuple[date, int, int]:
        key = stored[:13]
        found = self.known.get(key)
        if found is None:
            local = (from_db(stored) or self.fallback).astimezone(self.zone)
            found = (local.date(), local.weekday(), local.hour)
            offset = local.utcoffset()
            if offset is not None and offset.total_seconds() % 3600 == 0:
                self.known[key] = found
        return found


def _texts(connection: Reader, message_ids: list[int]) -> list[str]:
    step = max(1, len(message_ids) // TERMS_SAMPLE)
    sample = message_ids[::step][:TERMS_SAMPLE]
    texts: list[str] = []
    for first in range(0, len(sample), 900):
        chunk = sample[first : first + 900]
        found = rows(connection, f"SELECT title, text FROM messages WHERE id IN ({marks(chunk)})", chunk)
        texts.extend(f"{row[0]} {row[1][:600]}" for row in found)
    return texts


def _name_words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in name.split())


__all__ = ["ALL_CLIENTS", "conversations_between", "report"]
