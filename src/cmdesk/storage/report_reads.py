"""Gathering a client's report for a period (domain/reporting.py) in plain SQL: the messages written in the period
by or to the client's accounts, each conversation's first inbound message then and the user's first answer after it
(looked up through the conversation/time index, even past the period), the posts published and what the network
reported of them, the alerts. Times in business hours are counted in the client's hours (domain/business_hours.py).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from cmdesk.analysis import buzz
from cmdesk.domain.bulk import collector_paused
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.domain.reporting import ConversationLine, Period, PostLine, ReportData
from cmdesk.storage import alerts, message_hours
from cmdesk.storage.rawsql import Reader, json_column, marks, rows, tuples
from cmdesk.storage.timeutil import from_db, to_sqlite_text, utcnow
from cmdesk.storage.workspace_reads import get_client, list_clients

CHUNK = 400
_T = TypeVar("_T")
TERMS_SAMPLE = 3000
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


_COLUMNS = (
    "c.id, c.account_id, c.kind, c.title, c.status, c.sentiment, c.url, c.last_author, c.waiting_since, "
    "c.management_note, c.last_direction, c.last_activity_at, c.assignee"
)
"""A conversation's row as a report line needs it (`_line` names them)."""


def _active(connection: Reader, accounts: list[int], low: str, high: str) -> list[tuple[Any, ...]]:
    """Each conversation active since the period began: (row…, asked_at, answered_at, messages). One all of whose
    messages were written in the period comes with what ingest summed up of it (storage/response_times.summarise),
    read through the account/activity index: a year's report reads its conversations, not their messages. The
    others (begun before the period, gone on after it, or not summed up) are counted from their messages in it."""
    found = tuples(
        connection,
        f"SELECT {_COLUMNS}, c.asked_at, c.answered_at, c.live_count, "
        "c.started_at >= ? AND c.last_activity_at < ? FROM conversations AS c "
        f"WHERE c.account_id IN ({marks(accounts)}) AND c.last_activity_at >= ?",
        [low, high, *accounts, low],
    )
    return [row[:-1] for row in found if row[-1]] + _across(
        connection, [row[0] for row in found if not row[-1]], low, high
    )


def _across(connection: Reader, ids: list[int], low: str, high: str) -> list[tuple[Any, ...]]:
    """Conversations counted from their messages in the period, as `_active` returns them."""
    found: list[tuple[Any, ...]] = []
    for first in range(0, len(ids), CHUNK):
        chunk = ids[first : first + CHUNK]
        # The first inbound message that asks something: a blog article or a video people comment on does not.
        found.extend(
            tuples(
                connection,
                f"SELECT {_COLUMNS}, min(CASE WHEN m.direction = 'in' AND c.kind != 'feed' AND NOT "
                "(c.kind = 'comment' AND m.remote_id = c.remote_id AND m.account_id = c.account_id) "
                "THEN m.created_at END), NULL, count(*) FROM conversations AS c "
                "JOIN messages AS m ON m.conversation_id = c.id "
                f"WHERE c.id IN ({marks(chunk)}) AND m.created_at >= ? AND m.created_at < ? AND m.deleted_at IS NULL "
                "GROUP BY c.id",
                [*chunk, low, high],
            )
        )
    answers = _first_answers(connection, {row[0]: row[-3] for row in found if row[-3] is not None})
    return [(*row[:-2], answers.get(row[0]), row[-1]) for row in found]


def _first_answers(connection: Reader, firsts: dict[int, str]) -> dict[int, str]:
    """conversation → the time of the user's first message after the given one (stored text), where there is one."""
    answers: dict[int, str] = {}
    pairs = list(firsts.items())
    for first in range(0, len(pairs), CHUNK):
        chunk = pairs[first : first + CHUNK]
        values = ", ".join("(?, ?)" for _pair in chunk)
        query = (
            f"WITH firsts(id, at) AS (VALUES {values}) SELECT f.id, (SELECT min(o.created_at) FROM messages AS o "
            "WHERE o.conversation_id = f.id AND o.direction = 'out' AND o.deleted_at IS NULL AND o.created_at > f.at) "
            "FROM firsts AS f"
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
    with collector_paused():  # a year is a hundred thousand lines (domain/bulk.py)
        scope = _Scope(connection, client_id, period, now)
        contacts = _alongside(connection, lambda side: _contacts(side, scope.ids, scope.low, scope.high))
        counted = scope.counted(connection)
        found = _active(connection, scope.ids, scope.low, scope.high) if scope.ids else []
        found.sort(key=lambda row: (row[-3] or scope.high, row[0]))  # by first question (text sorts as time), id
        until = min(scope.now, scope.end)
        lines = [_line(row, scope.accounts, scope.every.get(row[1], scope.default), until) for row in found]
        terms = buzz.frequent_terms(
            _texts(connection, lines, scope.low, scope.high), stopwords=_name_words(scope.client_name)
        )
        return replace(
            counted,
            lines=tuple(lines),
            top_terms=tuple(terms),
            top_contacts=tuple(contacts()),
            posts=tuple(_posts(connection, scope.accounts, scope.low, scope.high)),
            alerts=tuple(
                alert
                for alert in alerts.listing(connection, [client_id] if client_id is not None else None)
                if scope.start <= alert.started_at < scope.end
            ),
        )


def overview(connection: Reader, client_id: int | None, period: Period, now: datetime | None = None) -> ReportData:
    """The report's counts alone — received, sent, and the charts' series — read from the counts per hour in a few
    milliseconds: the window draws its charts from these while the rest of the report is read."""
    return _Scope(connection, client_id, period, now).counted(connection)


class _Scope:
    """What a report is about: the client (or all), its accounts and business hours, the period in stored UTC."""

    def __init__(self, connection: Reader, client_id: int | None, period: Period, now: datetime | None) -> None:
        self.now = now or utcnow()
        self.period = period
        client = get_client(connection, client_id) if client_id is not None else None
        self.client_name = client.name if client is not None else ""
        self.accounts = _accounts(connection, client_id)
        self.ids = list(self.accounts)
        self.every = _hours_by_account(connection, self.accounts) if client is None else {}
        self.default = client.hours if client is not None else BusinessHours()
        self.start, self.end = period.bounds()
        self.low, self.high = to_sqlite_text(self.start), to_sqlite_text(self.end)

    def counted(self, connection: Reader) -> ReportData:
        """The report with its counts only (no lines, terms, contacts, posts or alerts yet)."""
        counts = _Counts(self.accounts, _LocalHours(ZoneInfo(self.period.zone), self.now))
        for row in message_hours.per_hour(connection, self.ids, self.low, self.high):
            counts.add(*row)
        return ReportData(
            client=self.client_name or ALL_CLIENTS,
            period=self.period,
            generated_at=self.now,
            target_minutes=self.default.target_minutes,
            received=counts.received,
            sent=counts.sent,
            lines=(),
            daily={day: dict(values) for day, values in counts.daily.items()},
            sentiment_daily={day: dict(values) for day, values in counts.feeling.items()},
            heatmap=dict(counts.heat),
        )


class _Counts:
    """Received and sent, and the inbound messages per local day (by network and kind, by sentiment) and per
    weekday and hour, from the counts per UTC hour (storage/message_hours.py). A zone half an hour off UTC counts a
    period's first and last half hour with the hour they fall in."""

    def __init__(self, accounts: dict[int, tuple[str, str]], local_hour: _LocalHours) -> None:
        self.accounts = accounts
        self.local_hour = local_hour
        self.received = self.sent = 0
        self.daily: dict[Any, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
        self.feeling: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.heat: Counter[tuple[int, int]] = Counter()

    def add(self, utc_hour: str, account: int, kind: str, direction: str, sentiment: str, count: int) -> None:
        if direction != "in":
            self.sent += count
            return
        day, weekday, hour = self.local_hour(f"{utc_hour}:00:00")
        self.daily[day][(self.accounts[account][0], kind)] += count
        self.feeling[day][sentiment] += count
        self.heat[(weekday, hour)] += count
        self.received += count


def _line(row: Sequence[Any], accounts: dict[int, tuple[str, str]], hours: BusinessHours, until: datetime) -> Any:
    """A conversation's report line from its row (`_COLUMNS`), the time of its first question in the period and of
    the answer to it, and its messages in the period. A year's report makes a hundred thousand: one unpacking, no
    datetime where there is no time."""
    (conversation, account, kind, title, status, sentiment, url, author, waiting_text, note, last_direction,
     last_activity, assignee, asked_text, answered_text, messages) = row  # fmt: skip
    network, account_name = accounts.get(account, ("", ""))
    asked = _moment(asked_text) if asked_text else None
    answered = _moment(answered_text) if asked and answered_text else None
    resolved = _moment(last_activity) if asked and last_direction == "out" else None
    responded = hours.seconds_between(asked, answered) if asked and answered else None
    return ConversationLine(
        conversation,
        network,
        kind,
        account_name,
        author,
        title,
        asked,
        answered,
        responded,
        responded if resolved == answered else _between(hours, asked, resolved),
        status,
        sentiment,
        messages,
        url,
        hours.seconds_between(_moment(waiting_text), until) if waiting_text and kind != "feed" else None,
        note,
        assignee or "",
    )


def _between(hours: BusinessHours, first: datetime | None, last: datetime | None) -> float | None:
    return hours.seconds_between(first, last) if first and last else None


def _alongside(connection: Reader, work: Callable[[Reader], _T]) -> Callable[[], _T]:
    """Start `work` on a second, read-only connection to the same database file, on a thread of its own, and
    return what waits for its result: SQLite counts there while Python builds the report's lines here (both cores;
    the sqlite3 module lets go of the GIL while SQLite works). That connection sees the last committed state, which
    a sync may have moved on from this one's: fine for what it reads (top contacts). A database in memory, or one
    that second connection cannot read, is read here."""
    path = next((row[2] for row in rows(connection, "PRAGMA database_list") if row[1] == "main"), "")
    if not path:
        found = work(connection)
        return lambda: found

    def run() -> _T:
        side = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True, check_same_thread=False)
        try:
            return work(side)
        finally:
            side.close()

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report")
    future = pool.submit(run)
    pool.shutdown(wait=False)

    def result() -> _T:
        try:
            return future.result()
        except sqlite3.Error:  # that connection could not be opened or read: this one says why, or reads it
            return work(connection)

    return result


def _contacts(connection: Reader, accounts: list[int], low: str, high: str) -> list[tuple[str, int]]:
    """The ten people who wrote most in the period."""
    if not accounts:
        return []
    query = (
        "SELECT m.author_name, count(*) FROM conversations AS c JOIN messages AS m ON m.conversation_id = c.id "
        f"WHERE c.account_id IN ({marks(accounts)}) AND c.last_activity_at >= ? AND m.created_at >= ? "
        "AND m.created_at < ? AND m.deleted_at IS NULL AND m.direction = 'in' AND m.author_name != '' "
        "GROUP BY m.author_name ORDER BY 2 DESC LIMIT 10"
    )
    return [(name, count) for name, count in rows(connection, query, [*accounts, low, low, high])]


def _moment(stored: str) -> datetime:
    """A time as SQLite keeps it (UTC text, timezone-less), aware; the report reads hundreds of thousands."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


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


def _texts(connection: Reader, lines: list[ConversationLine], low: str, high: str) -> list[str]:
    """About TERMS_SAMPLE inbound messages of the period for its top terms: those of conversations taken evenly
    over the period (through the conversation/time index)."""
    total = sum(line.messages for line in lines)
    step = max(1, total // TERMS_SAMPLE)
    chosen = [line.id for line in lines[::step]]
    texts: list[str] = []
    for first in range(0, len(chosen), CHUNK):
        chunk = chosen[first : first + CHUNK]
        found = rows(
            connection,
            f"SELECT title, text FROM messages WHERE conversation_id IN ({marks(chunk)}) AND direction = 'in' "
            "AND created_at >= ? AND created_at < ? AND deleted_at IS NULL",
            [*chunk, low, high],
        )
        texts.extend(f"{row[0]} {row[1][:600]}" for row in found)
    return texts[:TERMS_SAMPLE]


def _name_words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in name.split())


__all__ = ["ALL_CLIENTS", "conversations_between", "overview", "report"]
