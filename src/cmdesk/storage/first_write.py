"""A brand-new conversation's derived columns, worked out from its page's items before they are written.

After ingest writes a page, what a conversation's messages say of it — its sentiment and who waits since when
(listening.refresh_conversations), its counts and report times (response_times.summarise) — is read back from its
messages and updated, three statements over the page's conversations. A first sync is almost all conversations
that did not exist before the page, holding only the page's own messages: those values are known before the write,
so ingest inserts them with the conversation and leaves the read-back to the conversations that existed already
(a comment on an old thread, a story joined). The rules here are those statements' own, written again over the
items (tests/unit/test_first_write.py checks both roads store the same rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from cmdesk.domain import Direction, Item, Kind
from cmdesk.domain.business_hours import BusinessHours, from_json
from cmdesk.storage.listening import waiting_sentiment
from cmdesk.storage.response_times import due_at, waiting_since

DERIVED_COLUMNS = (
    "sentiment",
    "live_count",
    "held_count",
    "started_at",
    "asked_at",
    "answered_at",
    "waiting_since",
    "due_at",
)
"""What ingest's conversation rows carry besides the thread's own fields, in this order."""

UNKNOWN = ("", 0, 0, None, None, None, None, None)
"""A conversation's derived columns before its messages are read back (an existing one keeps its own)."""


@dataclass(frozen=True, slots=True)
class FirstWrite:
    """What the page's new conversations are: any id above `last_id` was created by the page's upsert."""

    last_id: int
    hours: BusinessHours | None

    @classmethod
    def before(cls, connection: Connection, account_id: int) -> FirstWrite:
        last = connection.exec_driver_sql("SELECT max(id) FROM conversations").scalar()
        stored = connection.exec_driver_sql(
            "SELECT cl.business_hours FROM accounts AS a JOIN clients AS cl ON cl.id = a.client_id WHERE a.id = ?",
            (account_id,),
        ).all()
        return cls(int(last or 0), from_json(stored[0][0] or "") if stored else None)

    def derived(
        self,
        items: Sequence[Item],
        new_ids: set[str],
        created: dict[str, Any],
        labels: dict[str, str | None],
        kinds: dict[str, str],
    ) -> dict[str, tuple[Any, ...]]:
        """Each thread of `items` whose messages are all new: its DERIVED_COLUMNS, as the read-back would store them
        if the conversation is new. `kinds`: each thread's conversation kind as its row has it."""
        threads: dict[str, list[Item]] = {}
        old: set[str] = set()
        for item in items:
            threads.setdefault(item.thread_key, []).append(item)
            if item.remote_id not in new_ids:
                old.add(item.thread_key)
        return {
            key: self._columns(key, kinds[key], thread, created, labels)
            if len(thread) > 1
            else self._alone(key, kinds[key], thread[0], created[thread[0].remote_id], labels[thread[0].remote_id])
            for key, thread in threads.items()
            if key not in old
        }

    def _alone(self, key: str, kind: str, item: Item, when: str, label: str | None) -> tuple[Any, ...]:
        """_columns of a thread of one message (a feed post, a mention), the most common by far, without sorting
        or parsing its time unless its client's hours need it."""
        inbound = item.direction is Direction.INBOUND
        waits = inbound and not _commented_post(kind, key, item)
        rules = self.hours if waits and kind != Kind.FEED.value else None
        return (
            (label or "") if inbound else "",
            1,
            1 if item.held else 0,
            when,
            when if waits and kind != Kind.FEED.value else None,
            None,
            when if waits else None,
            due_at(rules, when),
        )

    def _columns(
        self,
        key: str,
        kind: str,
        thread: list[Item],
        created: dict[str, Any],
        labels: dict[str, str | None],
    ) -> tuple[Any, ...]:
        # The read-back orders by created_at then id: ids follow the page's order, which a stable sort keeps.
        ordered = sorted(thread, key=lambda item: created[item.remote_id])
        said = [(item.direction.value, labels[item.remote_id]) for item in ordered]
        told = [
            (item.direction.value, created[item.remote_id]) for item in ordered if not _commented_post(kind, key, item)
        ]
        inbound = [when for direction, when in told if direction == Direction.INBOUND.value]
        asked = None if kind == Kind.FEED.value or not inbound else inbound[0]
        answered = next(
            (
                when
                for item in ordered
                if asked is not None
                and item.direction is Direction.OUTBOUND
                and (when := created[item.remote_id]) > asked
            ),
            None,
        )
        since = waiting_since(told)
        return (
            waiting_sentiment(said),
            len(thread),
            sum(1 for item in thread if item.held),
            created[ordered[0].remote_id],
            asked,
            answered,
            since,
            due_at(self.hours if kind != Kind.FEED.value else None, since),
        )

    def written(self, conversation_ids: dict[str, int], derived: dict[str, tuple[Any, ...]]) -> set[int]:
        """The conversations the upsert created with their derived columns (the others need the read-back)."""
        return {conversation_ids[key] for key in derived if conversation_ids[key] > self.last_id}


def _commented_post(kind: str, key: str, item: Item) -> bool:
    """A comment thread's first post (a blog article, a video): what people comment on, not a question
    (response_times.COMMENTED_POST's rule)."""
    return kind == Kind.COMMENT.value and item.remote_id == key


__all__ = ["DERIVED_COLUMNS", "UNKNOWN", "FirstWrite"]
