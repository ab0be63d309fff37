"""The same story from two sources is one conversation. Each new post that starts a thread from listening is filed
under its story keys (domain/stories.py) for its client; a later post of the same client with one of those keys —
from another source, or the same feed republishing it under a new id — goes into the first post's conversation,
and the thread it starts is remembered ("thread:<account>:<key>") so that its later comments follow it there.

The `stories` table: (client_id, key) → conversation_id, and for a headline the time of the post filed under it.
Ingest asks it once per page (`filing`), files the page's new stories (`Filing.file`) and counts what joined an
existing conversation (`Filing.count`), on a laptop and on the team database alike (storage/team/server_pages.py).
A conversation keeps its own account: replies and acts go through the account of the message they answer
(storage/outbox.py takes the latest inbound message of the conversation's own account).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from cmdesk.domain import Direction, Item
from cmdesk.domain.stories import TITLE_WINDOW, is_title_key, story_keys
from cmdesk.storage.rawsql import execute, marks
from cmdesk.storage.timeutil import from_db

CHUNK = 900


def _thread_key(account_id: int, thread_key: str) -> str:
    return f"thread:{account_id}:{thread_key}"


def client_of(connection: Connection, account_id: int) -> int:
    client: int | None = execute(connection, "SELECT client_id FROM accounts WHERE id = ?", (account_id,)).scalar()
    if client is None:
        raise ValueError(f"no account {account_id}")
    return client


def _found(connection: Connection, client_id: int, keys: Sequence[str]) -> dict[str, tuple[int, datetime | None]]:
    found: dict[str, tuple[int, datetime | None]] = {}
    for first in range(0, len(keys), CHUNK):
        chunk = keys[first : first + CHUNK]
        rows = execute(
            connection,
            f"SELECT key, conversation_id, seen_at FROM stories WHERE client_id = ? AND key IN ({marks(chunk)})",
            (client_id, *chunk),
        ).all()
        found.update((key, (conversation, from_db(seen))) for key, conversation, seen in rows)
    return found


def _own_threads(connection: Connection, account_id: int, thread_keys: Sequence[str]) -> set[str]:
    """Which of these threads already have a conversation of their own in the account."""
    own: set[str] = set()
    for first in range(0, len(thread_keys), CHUNK):
        chunk = thread_keys[first : first + CHUNK]
        rows = execute(
            connection,
            f"SELECT remote_id FROM conversations WHERE account_id = ? AND remote_id IN ({marks(chunk)})",
            (account_id, *chunk),
        ).all()
        own.update(row[0] for row in rows)
    return own


def _same_story(key: str, found: tuple[int, datetime | None], item: Item) -> bool:
    if not is_title_key(key):
        return True
    seen = found[1]
    return seen is not None and item.created_at is not None and abs(item.created_at - seen) <= TITLE_WINDOW


def _seen(key: str, item: Item, driver_time: Callable[[datetime], Any]) -> Any:
    """When the post filed under a headline was published (a headline is one story only for a few days)."""
    return driver_time(item.created_at) if is_title_key(key) and item.created_at else None


@dataclass(slots=True)
class Filing:
    """One page's stories: which of its threads join an existing conversation (`joins`, thread key → conversation
    id), and the keys of its new thread-starting posts, worked out once."""

    client_id: int
    account_id: int
    driver_time: Callable[[datetime], Any]
    keys: dict[str, tuple[Item, tuple[str, ...]]] = field(default_factory=dict)
    joins: dict[str, int] = field(default_factory=dict)

    def file(self, connection: Connection, conversation_ids: Mapping[str, int]) -> None:
        """File the new posts that started a conversation under their keys (the first post of a story keeps them)."""
        self._insert(
            connection,
            [
                (self.client_id, key, conversation_ids[thread], _seen(key, item, self.driver_time))
                for thread, (item, keys) in self.keys.items()
                if thread not in self.joins and thread in conversation_ids
                for key in keys
            ],
        )

    def count(
        self, connection: Connection, items: Sequence[Item], new_ids: set[str], created: Mapping[str, Any]
    ) -> None:
        """The conversations that posts joined count their new messages; a new comment under the story wakes them."""
        grown: dict[int, list[Any]] = {}
        for item in items:
            conversation = self.joins.get(item.thread_key)
            if conversation is None or item.remote_id not in new_ids:
                continue
            count, newest, unread = grown.get(conversation, (0, created[item.remote_id], False))
            # The same post again is not news; a comment under it is, and wakes a conversation set aside.
            news = item.remote_id != item.thread_key and item.direction is Direction.INBOUND and not item.seen
            grown[conversation] = [count + 1, max(newest, created[item.remote_id]), unread or news]
        if grown:
            execute(
                connection,
                "UPDATE conversations SET message_count = message_count + ?, "
                "last_activity_at = CASE WHEN last_activity_at < ? THEN ? ELSE last_activity_at END, "
                "unread = (unread OR ?), "
                "status = CASE WHEN ? AND status IN ('done', 'snoozed') THEN 'open' ELSE status END, "
                "snoozed_until = CASE WHEN ? THEN NULL ELSE snoozed_until END WHERE id = ?",
                [
                    (count, newest, newest, unread, unread, unread, conversation)
                    for conversation, (count, newest, unread) in grown.items()
                ],
            )

    def _insert(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            execute(
                connection,
                "INSERT INTO stories (client_id, key, conversation_id, seen_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (client_id, key) DO NOTHING",
                rows,
            )

    def join(self, connection: Connection, items: Sequence[Item], new_ids: set[str]) -> None:
        """Find the page's threads that belong to an existing conversation of another thread (an earlier source's
        post of the same story). A thread joining one for the first time is remembered, so its later pages follow;
        a thread whose first post is new in this page cannot have joined before, so only the others are asked."""
        self.keys = {
            item.thread_key: (item, keys) for item in items if item.remote_id in new_ids if (keys := story_keys(item))
        }
        started = {item.thread_key for item in items if item.remote_id == item.thread_key and item.remote_id in new_ids}
        wanted = [_thread_key(self.account_id, thread) for thread in {item.thread_key for item in items} - started]
        wanted.extend(key for _item, keys in self.keys.values() for key in keys)
        found = _found(connection, self.client_id, wanted)
        if not found:
            return
        self.joins = {
            thread: found[key][0]
            for thread in {item.thread_key for item in items}
            if (key := _thread_key(self.account_id, thread)) in found
        }
        matched = {
            thread: same[0]
            for thread, (item, keys) in self.keys.items()
            if thread not in self.joins
            if (same := [found[key][0] for key in keys if key in found and _same_story(key, found[key], item)])
        }
        for thread in _own_threads(connection, self.account_id, list(matched)):
            del matched[thread]  # comments came first and made it a conversation: the post stays with them
        # Its own keys join the story's too: a third source with only its address finds the conversation.
        rows = [
            (self.client_id, _thread_key(self.account_id, thread), conversation, None)
            for thread, conversation in matched.items()
        ]
        rows.extend(
            (self.client_id, key, conversation, _seen(key, self.keys[thread][0], self.driver_time))
            for thread, conversation in matched.items()
            for key in self.keys[thread][1]
        )
        self._insert(connection, rows)
        self.joins |= matched


def filing(
    connection: Connection,
    account_id: int,
    items: Sequence[Item],
    new_ids: set[str],
    driver_time: Callable[[datetime], Any],
) -> Filing:
    """The page's stories, its joins found (see Filing)."""
    page = Filing(client_of(connection, account_id), account_id, driver_time)
    page.join(connection, items, new_ids)
    return page


__all__ = ["Filing", "client_of", "filing"]
