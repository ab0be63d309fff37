"""Bulk ingest of connector pages: `INSERT … ON CONFLICT` on (account_id, remote_id) through SQLAlchemy Core.

A page and the account's new cursor are written in one transaction (`commit_page`), so a crash at any instant either
keeps both or neither: nothing acknowledged is lost and a re-fetched page changes nothing. Per-object ORM adds are
ten times slower here (../shared/SYSTEM.md), hence Core statements over lists of dicts.

Rules kept here:
- an item seen again with other text/title/HTML is an edit: the message is updated and `updated_at` set;
- an item with no date keeps the time it was first seen, forever;
- a new inbound message makes its conversation unread and reopens it if it was done or snoozed;
- a thread that receives comments becomes a comment thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from cmdesk.domain import Direction, Item, Kind, Page
from cmdesk.storage import syncstate
from cmdesk.storage.database import Database
from cmdesk.storage.records import ContactRecord, ConversationRecord, MessageRecord
from cmdesk.storage.timeutil import to_db, utcnow

CHUNK = 900
SNIPPET_LENGTH = 200

contacts_table = ContactRecord.__table__  # type: ignore[attr-defined]
conversations_table = ConversationRecord.__table__  # type: ignore[attr-defined]
messages_table = MessageRecord.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class IngestResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conversations: int = 0

    def __add__(self, other: IngestResult) -> IngestResult:
        return IngestResult(
            self.inserted + other.inserted,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.conversations + other.conversations,
        )


def _insert(connection: Connection, table: Any) -> Any:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def snippet_of(text: str) -> str:
    first = " ".join(text.split())
    return first[:SNIPPET_LENGTH]


def _dedupe(items: Iterable[Item]) -> list[Item]:
    by_id: dict[str, Item] = {}
    for item in items:
        by_id[item.remote_id] = item
    return list(by_id.values())


def _existing_message_ids(connection: Connection, account_id: int, remote_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    column = messages_table.c
    for chunk in _chunks(remote_ids):
        rows = connection.execute(
            select(column.remote_id).where(column.account_id == account_id, column.remote_id.in_(chunk))
        )
        found.update(row[0] for row in rows)
    return found


def _upsert_contacts(connection: Connection, account_id: int, items: Sequence[Item]) -> dict[str, int]:
    authors = {item.author.remote_id: item.author for item in items if item.author.remote_id}
    if not authors:
        return {}
    rows = [
        {"account_id": account_id, "remote_id": key, "name": a.name, "handle": a.handle, "url": a.url, "email": a.email}
        for key, a in authors.items()
    ]
    statement = _insert(connection, contacts_table)
    statement = statement.on_conflict_do_update(
        index_elements=["account_id", "remote_id"],
        set_={name: statement.excluded[name] for name in ("name", "handle", "url", "email")},
    )
    connection.execute(statement, rows)
    ids: dict[str, int] = {}
    column = contacts_table.c
    for chunk in _chunks(list(authors)):
        for row in connection.execute(
            select(column.remote_id, column.id).where(column.account_id == account_id, column.remote_id.in_(chunk))
        ):
            ids[row[0]] = row[1]
    return ids


def _conversation_rows(account_id: int, items: Sequence[Item], now: datetime) -> list[dict[str, Any]]:
    threads: dict[str, dict[str, Any]] = {}
    for item in items:
        created = to_db(item.created_at) or to_db(now)
        row = threads.get(item.thread_key)
        is_root = item.remote_id == item.thread_key
        if row is None:
            row = {
                "account_id": account_id,
                "remote_id": item.thread_key,
                "kind": item.kind.value,
                "title": item.thread_title or (item.title if is_root else ""),
                "url": item.url if is_root else "",
                "snippet": snippet_of(item.text or item.title),
                "last_author": item.author.display,
                "status": "open",
                "unread": item.direction is Direction.INBOUND,
                "message_count": 0,
                "last_activity_at": created,
            }
            threads[item.thread_key] = row
            continue
        if item.kind is Kind.COMMENT:
            row["kind"] = Kind.COMMENT.value
        if is_root:
            row["title"] = item.thread_title or item.title or row["title"]
            row["url"] = item.url or row["url"]
        elif not row["title"] and item.thread_title:
            row["title"] = item.thread_title
        if created >= row["last_activity_at"]:
            row["last_activity_at"] = created
            row["snippet"] = snippet_of(item.text or item.title)
            row["last_author"] = item.author.display
    return list(threads.values())


def _upsert_conversations(connection: Connection, account_id: int, rows: list[dict[str, Any]]) -> dict[str, int]:
    statement = _insert(connection, conversations_table)
    new, current = statement.excluded, conversations_table.c
    is_newer = new.last_activity_at >= current.last_activity_at
    statement = statement.on_conflict_do_update(
        index_elements=["account_id", "remote_id"],
        set_={
            "kind": case((new.kind == Kind.COMMENT.value, new.kind), else_=current.kind),
            "title": case((new.title != "", new.title), else_=current.title),
            "url": case((new.url != "", new.url), else_=current.url),
            "snippet": case((is_newer, new.snippet), else_=current.snippet),
            "last_author": case((is_newer, new.last_author), else_=current.last_author),
            "last_activity_at": case((is_newer, new.last_activity_at), else_=current.last_activity_at),
        },
    )
    connection.execute(statement, rows)
    ids: dict[str, int] = {}
    for chunk in _chunks([row["remote_id"] for row in rows]):
        for row in connection.execute(
            select(current.remote_id, current.id).where(current.account_id == account_id, current.remote_id.in_(chunk))
        ):
            ids[row[0]] = row[1]
    return ids


def _message_rows(
    account_id: int,
    items: Sequence[Item],
    conversation_ids: dict[str, int],
    contact_ids: dict[str, int],
    now: datetime,
) -> list[dict[str, Any]]:
    seen = to_db(now)
    return [
        {
            "account_id": account_id,
            "conversation_id": conversation_ids[item.thread_key],
            "contact_id": contact_ids.get(item.author.remote_id),
            "remote_id": item.remote_id,
            "parent_remote_id": item.parent_remote_id,
            "kind": item.kind.value,
            "direction": item.direction.value,
            "author_name": item.author.display,
            "author_handle": item.author.handle,
            "title": item.title,
            "text": item.text,
            "html": item.html,
            "url": item.url,
            "attachments": json.dumps([a.to_json() for a in item.attachments]) if item.attachments else "[]",
            "created_at": to_db(item.created_at) or seen,
            "updated_at": to_db(item.updated_at),
            "first_seen_at": seen,
        }
        for item in items
    ]


def _upsert_messages(connection: Connection, rows: list[dict[str, Any]], now: datetime) -> int:
    """Returns how many rows were inserted or changed (the driver sums the per-row change counts)."""
    statement = _insert(connection, messages_table)
    new, current = statement.excluded, messages_table.c
    content = ("title", "text", "html", "url", "attachments", "author_name", "author_handle")
    statement = statement.on_conflict_do_update(
        index_elements=["account_id", "remote_id"],
        set_={**{name: new[name] for name in content}, "updated_at": func.coalesce(new.updated_at, to_db(now))},
        where=or_(*(current[name].is_distinct_from(new[name]) for name in content)),
    )
    return max(0, connection.execute(statement, rows).rowcount)


def _refresh_conversations(
    connection: Connection, account_id: int, touched: Iterable[int], reopened: Iterable[int]
) -> None:
    column = conversations_table.c
    message = messages_table.c
    count = select(func.count()).where(message.conversation_id == column.id).scalar_subquery()
    for chunk in _chunks(sorted(set(touched))):
        connection.execute(update(conversations_table).where(column.id.in_(chunk)).values(message_count=count))
    for chunk in _chunks(sorted(set(reopened))):
        connection.execute(
            update(conversations_table)
            .where(column.id.in_(chunk))
            .values(
                unread=True,
                status=case((column.status.in_(("done", "snoozed")), "open"), else_=column.status),
                snoozed_until=case((column.status == "snoozed", None), else_=column.snoozed_until),
            )
        )


def ingest_items(
    connection: Connection, account_id: int, items: Iterable[Item], now: datetime | None = None
) -> IngestResult:
    """Upsert items (and their contacts and conversations) inside the caller's transaction."""
    now = now or utcnow()
    batch = _dedupe(items)
    if not batch:
        return IngestResult()
    existing = _existing_message_ids(connection, account_id, [item.remote_id for item in batch])
    contact_ids = _upsert_contacts(connection, account_id, batch)
    conversation_ids = _upsert_conversations(connection, account_id, _conversation_rows(account_id, batch, now))
    written = _upsert_messages(connection, _message_rows(account_id, batch, conversation_ids, contact_ids, now), now)
    new_items = [item for item in batch if item.remote_id not in existing]
    _refresh_conversations(
        connection,
        account_id,
        (conversation_ids[item.thread_key] for item in new_items),
        (conversation_ids[item.thread_key] for item in new_items if item.direction is Direction.INBOUND),
    )
    updated = min(max(0, written - len(new_items)), len(batch) - len(new_items))
    return IngestResult(
        inserted=len(new_items),
        updated=updated,
        unchanged=len(batch) - len(new_items) - updated,
        conversations=len(conversation_ids),
    )


def commit_page(database: Database, account_id: int, page: Page, now: datetime | None = None) -> IngestResult:
    """Write a page's items and the account's new cursor in one transaction."""
    now = now or utcnow()
    with database.write() as connection:
        result = ingest_items(connection, account_id, page.items, now)
        syncstate.save_cursor(connection, account_id, page.cursor)
    return result


def conversation_keys(connection: Connection, account_id: int) -> list[tuple[str, str]]:
    """(conversation remote_id, kind) pairs of an account; used by tests and diagnostics."""
    column = conversations_table.c
    rows = connection.execute(
        select(column.remote_id, column.kind).where(column.account_id == account_id).order_by(column.id)
    )
    return [(row[0], row[1]) for row in rows]


__all__ = ["IngestResult", "commit_page", "conversation_keys", "ingest_items", "snippet_of"]
