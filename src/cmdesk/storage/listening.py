"""Sentiment kept with the messages: judged at ingest by the rules plus what this data folder's corrections taught
(analysis/learning.py), corrected by the user (never judged again afterwards), summed up per conversation (what
waits in it), and judged in the background for messages stored before there was sentiment (backfill). Whoever
judges a message also listens to it: a message that matches one of its client's monitors (domain/monitors.py)
puts its conversation in the Monitoring view."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection

from cmdesk.analysis.learning import Corrections, learnt_once
from cmdesk.analysis.sentiment import LABELS, NEGATIVE
from cmdesk.domain import Direction, Item, monitors
from cmdesk.storage import response_times
from cmdesk.storage.rawsql import marks

ANALYSED = 600
"""Characters of a message judged: the start of a long blog post says how it feels as well as the whole does, and
the rules' time grows with the length (measured: 0.3 ms for 600 characters, 0.6 ms for 1,500)."""
_VERSION_KEY = "sentiment_corrections"


_queries: dict[str, tuple[monitors.MonitorQuery, ...]] = {}


def monitors_of(connection: Connection, account_ids: Iterable[int]) -> dict[int, tuple[monitors.MonitorQuery, ...]]:
    """Each account's client monitors, read (a query that no longer parses is skipped)."""
    ids = sorted(set(account_ids))
    if not ids:
        return {}
    found = connection.exec_driver_sql(
        f"SELECT a.id, cl.monitors FROM accounts AS a JOIN clients AS cl ON cl.id = a.client_id "
        f"WHERE a.id IN ({marks(ids)})",
        tuple(ids),
    ).all()
    result = {}
    for account_id, stored in found:
        queries = _queries.get(stored)
        if queries is None:
            queries = _queries[stored] = _parsed(stored)
        result[account_id] = queries
    return result


def _parsed(stored: str) -> tuple[monitors.MonitorQuery, ...]:
    try:
        texts = json.loads(stored or "[]")
    except ValueError:
        return ()
    parsed = []
    for text in texts if isinstance(texts, list) else ():
        try:
            parsed.append(monitors.parse(str(text)))
        except monitors.MonitorQueryError:
            continue
    return tuple(parsed)


def heard(connection: Connection, found: Iterable[tuple[int, str]]) -> None:
    """Conversations whose messages matched a monitor (conversation id, the query as typed): into Monitoring."""
    values = [(query, conversation) for conversation, query in found if query]
    if values:
        connection.exec_driver_sql("UPDATE conversations SET monitor = ? WHERE id = ? AND monitor = ''", values)


def verdicts(model: Corrections, items: Sequence[Item]) -> list[tuple[str | None, str | None, float | None]]:
    """(language, sentiment, score) of each item judged as it is written: the language, as the judging processes
    find it for a large page, from its title and text together (it was found from the text alone here, so a
    message's language depended on the size of the page it came in)."""
    found = model.judge_all([(text_of(item.title, item.text), "") for item in items])
    return [(verdict.language, verdict.label, verdict.score) for verdict in found]


def listen_to_new(
    connection: Connection,
    account_id: int,
    items: Sequence[Item],
    conversation_ids: Mapping[str, int],
    languages: Sequence[str],
    new_ids: set[str],
) -> None:
    """The new inbound messages among `items`, judged as they were written, listened to: one that matches a client
    monitor puts its conversation in Monitoring (a monitor listens from when it is added on)."""
    queries = monitors_of(connection, [account_id]).get(account_id, ())
    if not queries:
        return
    heard(
        connection,
        [
            (conversation_ids[item.thread_key], monitors.first_match(queries, text_of(item.title, item.text), language))
            for item, language in zip(items, languages, strict=True)
            if item.direction is Direction.INBOUND and item.remote_id in new_ids
        ],
    )


def text_of(title: str, text: str) -> str:
    """What is judged of a message: its title (a feed post's headline says much) and the start of its text."""
    head = text[:ANALYSED]
    return f"{title}. {head}" if title and title not in head else head


def _meta(connection: Connection, key: str) -> str:
    value = connection.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (key,)).scalar()
    return str(value) if value is not None else ""


def model_key(connection: Connection) -> str:
    """Names this data folder's model as its corrections stand: it changes with every correction."""
    return f"{_meta(connection, 'workspace_id')}:{_meta(connection, _VERSION_KEY)}"


def judge(connection: Connection) -> Corrections:
    """This data folder's model: learnt from its corrections, cached until a correction changes them."""
    return learnt_once(model_key(connection), lambda: corrections(connection))


def corrections(connection: Connection) -> list[tuple[str, str]]:
    """(text judged, label the user gave) of every corrected message, oldest first."""
    found = connection.exec_driver_sql(
        "SELECT title, text, sentiment FROM messages WHERE sentiment_by != '' AND sentiment IS NOT NULL ORDER BY id"
    ).all()
    return [(text_of(title, text), label) for title, text, label in found if label in LABELS]


def correct(connection: Connection, message_ids: Sequence[int], label: str) -> set[int]:
    """The user's word on these messages' sentiment, kept for good; returns their conversations."""
    if label not in LABELS:
        raise ValueError(f"unknown sentiment {label!r}: one of {', '.join(LABELS)}")
    if not message_ids:
        return set()
    score = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}[label]
    connection.exec_driver_sql(
        f"UPDATE messages SET sentiment = ?, sentiment_score = ?, sentiment_by = 'user' "
        f"WHERE id IN ({marks(message_ids)})",
        (label, score, *message_ids),
    )
    version = _meta(connection, _VERSION_KEY)
    following = str(int(version) + 1 if version.isdigit() else 1)
    updated = connection.exec_driver_sql("UPDATE meta SET value = ? WHERE key = ?", (following, _VERSION_KEY))
    if not updated.rowcount:
        connection.exec_driver_sql("INSERT INTO meta (key, value) VALUES (?, ?)", (_VERSION_KEY, following))
    found = connection.exec_driver_sql(
        f"SELECT DISTINCT conversation_id FROM messages WHERE id IN ({marks(message_ids)})", tuple(message_ids)
    ).all()
    conversations = {row[0] for row in found}
    refresh_conversations(connection, conversations)
    return conversations


def waiting_messages(connection: Connection, conversation_ids: Sequence[int]) -> list[int]:
    """The messages a conversation's sentiment stands for: the inbound ones since the user's last answer, else its
    newest inbound one."""
    chosen: list[int] = []
    for conversation in conversation_ids:
        found = connection.exec_driver_sql(
            "SELECT id, direction FROM messages WHERE conversation_id = ? AND deleted_at IS NULL "
            "ORDER BY created_at, id",
            (conversation,),
        ).all()
        last_out = max((n for n, (_id, direction) in enumerate(found) if direction == "out"), default=-1)
        waiting = [message for message, direction in found[last_out + 1 :] if direction == "in"]
        inbound = [message for message, direction in found if direction == "in"]
        chosen.extend(waiting or inbound[-1:])
    return chosen


def waiting_sentiment(messages: Sequence[tuple[str, str | None]]) -> str:
    """What waits in a conversation, from its messages' (direction, sentiment), oldest first: negative when any
    message since the user's last answer is; else the newest such message's label (all inbound ones when answered)."""
    last_out = max((n for n, (direction, _s) in enumerate(messages) if direction == "out"), default=-1)
    inbound = [s for direction, s in messages[last_out + 1 :] if direction == "in" and s]
    if not inbound:
        inbound = [s for direction, s in messages if direction == "in" and s]
    if not inbound:
        return ""
    return NEGATIVE if NEGATIVE in inbound else inbound[-1]


def refresh_conversations(connection: Connection, conversation_ids: Iterable[int]) -> None:
    """Recompute what waits in these conversations (after ingest, a correction, a deletion): its sentiment, and
    since when someone waits for an answer with when that is overdue (storage/response_times.py)."""
    ids = sorted(set(conversation_ids))
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        # A comment thread's first post (a blog article, a video) is what people comment on, not a question.
        found = connection.exec_driver_sql(
            "SELECT m.conversation_id, m.direction, m.sentiment, m.created_at, "
            "c.kind = 'comment' AND m.remote_id = c.remote_id AND m.account_id = c.account_id "
            "FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id "
            f"WHERE m.conversation_id IN ({marks(chunk)}) AND m.deleted_at IS NULL "
            "ORDER BY m.conversation_id, m.created_at, m.id",
            tuple(chunk),
        ).all()
        per: dict[int, list[tuple[str, str | None]]] = {conversation: [] for conversation in chunk}
        times: dict[int, list[tuple[str, Any]]] = {conversation: [] for conversation in chunk}
        for conversation, direction, sentiment, created, commented_post in found:
            per[conversation].append((direction, sentiment))
            if not commented_post:
                times[conversation].append((direction, created))
        values = []
        for conversation, messages in per.items():
            label = waiting_sentiment(messages)
            values.append((label, conversation, label))
        connection.exec_driver_sql("UPDATE conversations SET sentiment = ? WHERE id = ? AND sentiment != ?", values)
        response_times.set_waiting(
            connection, {conversation: response_times.waiting_since(told) for conversation, told in times.items()}
        )


def unjudged(connection: Connection, limit: int) -> list[tuple[Any, ...]]:
    """Up to `limit` messages not judged yet, newest first: (id, conversation id, text to judge, language known or
    "", account id, direction)."""
    found = connection.exec_driver_sql(
        "SELECT id, conversation_id, title, text, language, account_id, direction FROM messages "
        "WHERE sentiment IS NULL ORDER BY id DESC LIMIT ?",
        (limit,),
    ).all()
    return [(row[0], row[1], text_of(row[2], row[3]), row[4] or "", row[5], row[6]) for row in found]


def backfill(connection: Connection, limit: int = 5000) -> int:
    """Judge up to `limit` messages not judged yet, here and now; returns how many were."""
    found = unjudged(connection, limit)
    if not found:
        return 0
    model = judge(connection)
    verdicts = model.judge_all([(text, language) for _id, _c, text, language, _a, _d in found])
    return judged(connection, found, [(v.label, v.score, v.language) for v in verdicts])


def judged(connection: Connection, found: Sequence[tuple[Any, ...]], verdicts: Sequence[tuple[str, float, str]]) -> int:
    """Store the verdicts on the messages `unjudged` gave (a message corrected meanwhile keeps the user's word),
    listen to them, and sum up their conversations."""
    listening = monitors_of(connection, {row[4] for row in found})
    updates: list[tuple[Any, ...]] = []
    matched: list[tuple[int, str]] = []
    for (message_id, conversation, text, _known, account_id, direction), (label, score, language) in zip(
        found, verdicts, strict=True
    ):
        updates.append((label, score, language, message_id))
        queries = listening.get(account_id, ())
        if queries and direction == "in":
            matched.append((conversation, monitors.first_match(queries, text, language)))
    connection.exec_driver_sql(
        "UPDATE messages SET sentiment = ?, sentiment_score = ?, language = coalesce(language, ?) "
        "WHERE id = ? AND sentiment_by = ''",
        updates,
    )
    refresh_conversations(connection, {row[1] for row in found})
    heard(connection, matched)
    return len(found)
