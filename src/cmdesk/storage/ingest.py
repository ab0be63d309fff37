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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, func, or_, select

from cmdesk.domain import Direction, Item, Kind, Page
from cmdesk.storage import (
    fts,
    listening,
    measures,
    message_hours,
    remote_marks,
    response_times,
    stories,
    syncstate,
    usage,
)
from cmdesk.storage.bulk_upsert import (
    MAX_VARIABLES,
    chunks,
    executemany,
    ids_by_remote_id,
    insert_in,
    is_sqlite,
    multi_row,
    time_converter,
    upsert_returning_ids,
)
from cmdesk.storage.database import Database
from cmdesk.storage.first_write import DERIVED_COLUMNS, UNKNOWN, FirstWrite
from cmdesk.storage.records import ActivityRecord, ContactRecord, ConversationRecord, MessageRecord
from cmdesk.storage.team import pending as team_pending
from cmdesk.storage.timeutil import utcnow

JUDGED_INLINE = 200
"""A page of up to this many items may have its language and sentiment worked out as it is written (a Mastodon or
mail page: ~10 ms); a larger one (a feed's history, 1,000 entries) is judged before the write in the judging
processes when the engine has them (sync/judges.py), else written at full speed and judged right after,
outside the write, by the engine's judge (storage/listening.backfill): judging costs ~0.2 ms an item, more than
writing it does."""
FIRST_WRITE = True
"""A page's new conversations are inserted with their derived columns (storage/first_write.py); False reads every
conversation's back from its messages after the write, as for an existing one (the tests compare the two)."""
SNIPPET_LENGTH = 200
Verdict = tuple[str, float, str]
"""(sentiment, score, language) of a message judged before its page is written (sync/judges.py)."""

contacts_table = ContactRecord.__table__  # type: ignore[attr-defined]
conversations_table = ConversationRecord.__table__  # type: ignore[attr-defined]
messages_table = MessageRecord.__table__  # type: ignore[attr-defined]
activities_table = ActivityRecord.__table__  # type: ignore[attr-defined]


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


def snippet_of(text: str) -> str:
    """The first SNIPPET_LENGTH characters with whitespace runs collapsed (long texts: only their head is split)."""
    head = " ".join(text[: SNIPPET_LENGTH * 2].split())
    if len(head) < SNIPPET_LENGTH and len(text) > SNIPPET_LENGTH * 2:
        head = " ".join(text.split())
    return head[:SNIPPET_LENGTH]


def _snippet(item: Item) -> str:
    """What the conversation list shows: behind a content warning, the warning, never the text it hides."""
    if item.content_warning:
        return snippet_of("⚠ " + item.content_warning)
    return snippet_of(item.text or item.title)


def _dedupe(items: Iterable[Item]) -> list[Item]:
    by_id: dict[str, Item] = {}
    for item in items:
        by_id[item.remote_id] = item
    return list(by_id.values())


def _verdicts(
    connection: Connection,
    items: Sequence[Item],
    batch: Sequence[Item],
    judged: Sequence[Verdict] | None,
    *,
    judge_inline: bool,
) -> list[tuple[str | None, str | None, float | None]] | None:
    """(language, sentiment, score) of each message of `batch` (the page without its repeats), from the verdicts
    worked out before the write or judged here on a small page; None leaves them to the engine's judge."""
    if judged is not None:
        # A message repeated in the page keeps its last copy's verdict, as _dedupe keeps its last copy.
        by_id = {item.remote_id: verdict for item, verdict in zip(items, judged, strict=True)}
        return [(language, label, score) for label, score, language in (by_id[item.remote_id] for item in batch)]
    if judge_inline and len(batch) <= JUDGED_INLINE:
        return listening.verdicts(listening.judge(connection), batch)
    return None


def _unjudged(batch: Sequence[Item]) -> list[tuple[str | None, str | None, float | None]]:
    return [(None, None, None)] * len(batch)


def _existing_message_ids(connection: Connection, account_id: int, remote_ids: Sequence[str]) -> set[str]:
    """Which of these messages are stored already. On SQLite one statement per page, straight to the driver
    (a Core `IN` of 900 bound values per chunk cost 0.2 s per 100,000 items, mostly compiling)."""
    found: set[str] = set()
    column = messages_table.c
    if connection.dialect.paramstyle == "qmark":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for chunk in chunks(remote_ids, MAX_VARIABLES - 1):
                marks = ",".join("?" * len(chunk))
                cursor.execute(
                    f"SELECT remote_id FROM messages WHERE account_id = ? AND remote_id IN ({marks})",
                    (account_id, *chunk),
                )
                found.update(row[0] for row in cursor.fetchall())
        finally:
            cursor.close()
        return found
    for chunk in chunks(remote_ids):
        rows = connection.execute(
            select(column.remote_id).where(column.account_id == account_id, column.remote_id.in_(chunk))
        )
        found.update(row[0] for row in rows)
    return found


CONTACT_COLUMNS = ("account_id", "remote_id", "name", "handle", "url", "email", "followers")
CONVERSATION_COLUMNS = (
    "account_id",
    "remote_id",
    "kind",
    "title",
    "url",
    "snippet",
    "last_author",
    "last_direction",
    "status",
    "unread",
    "message_count",
    "last_activity_at",
    "monitor",
    *DERIVED_COLUMNS,
)
MESSAGE_COLUMNS = (
    "account_id",
    "conversation_id",
    "contact_id",
    "remote_id",
    "parent_remote_id",
    "kind",
    "direction",
    "author_name",
    "author_handle",
    "title",
    "text",
    "html",
    "url",
    "attachments",
    "created_at",
    "updated_at",
    "first_seen_at",
    "content_warning",
    "language",
    "sentiment",
    "sentiment_score",
    "sentiment_by",
    "held",
)
ACTIVITY_COLUMNS = (
    "account_id",
    "remote_id",
    "kind",
    "actor_name",
    "actor_handle",
    "actor_url",
    "target_remote_id",
    "created_at",
)
"""Rows are built as tuples in these column orders: a page of 1,000 items is 17,000 values, and dicts keyed by
column name cost more in Python than SQLite spends storing them."""


@cache
def _contacts_upsert(dialect: str) -> Any:
    """The contacts upsert, built once per dialect (bulk_upsert keeps its compiled form: see _row_form)."""
    statement = insert_in(dialect, contacts_table)
    fields = ("name", "handle", "url", "email")
    new, current = statement.excluded, contacts_table.c
    return statement.on_conflict_do_update(
        index_elements=["account_id", "remote_id"],
        set_={**{name: new[name] for name in fields}, "followers": func.coalesce(new.followers, current.followers)},
        where=or_(
            *(current[name].is_distinct_from(new[name]) for name in fields),
            and_(new.followers.is_not(None), current.followers.is_distinct_from(new.followers)),
        ),
    )


def _upsert_contacts(connection: Connection, account_id: int, items: Sequence[Item]) -> dict[str, int]:
    authors = {item.author.remote_id: item.author for item in items if item.author.remote_id}
    if not authors:
        return {}
    rows = [(account_id, key, a.name, a.handle, a.url, a.email, a.followers) for key, a in authors.items()]
    statement = _contacts_upsert(connection.dialect.name)
    ids = upsert_returning_ids(connection, statement, CONTACT_COLUMNS, rows, contacts_table, account_id)
    # An author seen before and unchanged is not returned by the upsert (its WHERE is false): their id is read.
    missing = [key for key in authors if key not in ids]
    if missing:
        ids.update(ids_by_remote_id(connection, contacts_table, account_id, missing))
    return ids


def _threads(items: Sequence[Item], new_ids: set[str], created: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each thread in the page, its conversation's fields. `message_count` counts only the page's *new* messages
    and `unread` says whether one of them is inbound, unless the newest is the user's own reply (they read it to
    answer): the upsert adds them to an existing conversation. `created` holds each item's time as the driver takes
    it (for SQLite, UTC text that sorts as time does)."""
    threads: dict[str, dict[str, Any]] = {}
    for item in items:
        when = created[item.remote_id]
        key = item.thread_key
        row = threads.get(key)
        is_root = item.remote_id == key
        if row is None:
            row = threads[key] = {
                "kind": item.kind.value,
                "title": item.thread_title or (item.title if is_root else ""),
                "url": item.url if is_root else "",
                "snippet": _snippet(item),
                "last_author": item.author.display,
                "last_direction": item.direction.value,
                "newest_inbound": when if item.direction is Direction.INBOUND else None,
                "unread": False,
                "message_count": 0,
                "last_activity_at": when,
            }
        else:
            if item.kind is Kind.COMMENT:
                row["kind"] = Kind.COMMENT.value
            if is_root:
                row["title"] = item.thread_title or item.title or row["title"]
                row["url"] = item.url or row["url"]
            elif not row["title"] and item.thread_title:
                row["title"] = item.thread_title
            if when >= row["last_activity_at"]:
                row["last_activity_at"] = when
                row["snippet"] = _snippet(item)
                row["last_direction"] = item.direction.value
            # Who the conversation is with: the newest inbound author (our own name only while nobody else spoke).
            if item.direction is Direction.INBOUND:
                if row["newest_inbound"] is None or when >= row["newest_inbound"]:
                    row["last_author"], row["newest_inbound"] = item.author.display, when
            elif row["newest_inbound"] is None and when >= row["last_activity_at"]:
                row["last_author"] = item.author.display
        if item.remote_id in new_ids:
            row["message_count"] += 1
            row["unread"] = row["unread"] or (item.direction is Direction.INBOUND and not item.seen)
    return threads


def _conversation_rows(
    account_id: int, threads: dict[str, dict[str, Any]], derived: dict[str, tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """One row per thread, in CONVERSATION_COLUMNS' order. `derived`: the derived columns of the threads that may be
    new conversations (storage/first_write.py); the others' are worked out once their messages are written
    (listening.refresh_conversations, response_times.summarise)."""
    return [
        (
            account_id,
            key,
            row["kind"],
            row["title"],
            row["url"],
            row["snippet"],
            row["last_author"],
            row["last_direction"],
            "open",
            row["unread"] and row["last_direction"] == Direction.INBOUND.value,
            row["message_count"],
            row["last_activity_at"],
            "",  # set when one of its messages matches a client monitor (listening.listen)
            *derived.get(key, UNKNOWN),
        )
        for key, row in threads.items()
    ]


@cache
def _conversations_upsert(dialect: str) -> Any:
    """The conversations upsert, built once per dialect."""
    statement = insert_in(dialect, conversations_table)
    new, current = statement.excluded, conversations_table.c
    is_newer = new.last_activity_at >= current.last_activity_at
    last_direction = case((is_newer, new.last_direction), else_=current.last_direction)
    wakes = and_(new.unread, or_(current.status == "done", current.status == "snoozed"))
    return statement.on_conflict_do_update(
        index_elements=["account_id", "remote_id"],
        set_={
            "kind": case((new.kind == Kind.COMMENT.value, new.kind), else_=current.kind),
            "title": case((new.title != "", new.title), else_=current.title),
            "url": case((new.url != "", new.url), else_=current.url),
            "snippet": case((is_newer, new.snippet), else_=current.snippet),
            # The person the conversation is with: a newer inbound message names them; our own reply does not
            # replace them (it only names the conversation while nobody else has spoken in it).
            "last_author": case(
                (and_(is_newer, or_(new.last_direction == "in", current.last_author == "")), new.last_author),
                else_=current.last_author,
            ),
            "last_direction": last_direction,
            "last_activity_at": case((is_newer, new.last_activity_at), else_=current.last_activity_at),
            "message_count": current.message_count + new.message_count,
            # Answered (from cmdesk or from the network's own app): the user has read it to answer it.
            "unread": and_(or_(current.unread, new.unread), last_direction == "in"),
            "status": case((wakes, "open"), else_=current.status),
            "snoozed_until": case((wakes, None), else_=current.snoozed_until),
        },
    )


def _upsert_conversations(connection: Connection, account_id: int, rows: list[tuple[Any, ...]]) -> dict[str, int]:
    statement = _conversations_upsert(connection.dialect.name)
    return upsert_returning_ids(connection, statement, CONVERSATION_COLUMNS, rows, conversations_table, account_id)


def _message_rows(
    account_id: int,
    items: Sequence[Item],
    conversation_ids: dict[str, int],
    contact_ids: dict[str, int],
    created: dict[str, Any],
    seen: Any,
    driver_time: Callable[[datetime], Any],
    verdicts: Sequence[tuple[str | None, str | None, float | None]],
) -> list[tuple[Any, ...]]:
    """`verdicts`: (language, sentiment, score) of each item; all None leaves them to the engine's judge
    (listening.backfill)."""
    rows = []
    for item, (language, label, score) in zip(items, verdicts, strict=True):
        rows.append(
            (
                account_id,
                conversation_ids[item.thread_key],
                contact_ids.get(item.author.remote_id),
                item.remote_id,
                item.parent_remote_id,
                item.kind.value,
                item.direction.value,
                item.author.display,
                item.author.handle,
                item.title,
                item.text,
                item.html,
                item.url,
                json.dumps([a.to_json() for a in item.attachments]) if item.attachments else "[]",
                created[item.remote_id],
                driver_time(item.updated_at) if item.updated_at else None,
                seen,
                item.content_warning,
                language,
                label,
                score,
                "",
                item.held,
            )
        )
    return rows


EDITED_AT = "edited_at"
"""The messages upsert's own parameter: when an edit was seen (the page's time), for an edited item with no date of
its own."""


@cache
def _messages_upsert(dialect: str) -> Any:
    """The messages upsert, built once per dialect."""
    statement = insert_in(dialect, messages_table)
    new, current = statement.excluded, messages_table.c
    content = ("title", "text", "html", "url", "attachments", "author_name", "author_handle", "content_warning")
    return statement.on_conflict_do_update(
        index_elements=["account_id", "remote_id"],
        set_={
            **{name: new[name] for name in content},
            "language": new.language,
            # A sentiment the user corrected stays theirs, whatever the edit.
            "sentiment": case((current.sentiment_by == "", new.sentiment), else_=current.sentiment),
            "sentiment_score": case((current.sentiment_by == "", new.sentiment_score), else_=current.sentiment_score),
            "updated_at": func.coalesce(new.updated_at, bindparam(EDITED_AT)),
            "held": new.held,  # approved or held on the network since
        },
        where=or_(*(current[name].is_distinct_from(new[name]) for name in (*content, "held"))),
    )


def _upsert_messages(connection: Connection, rows: list[tuple[Any, ...]], seen: Any) -> int:
    """Returns how many rows were inserted or changed (RETURNING lists exactly those: an upsert whose WHERE is
    false returns nothing)."""
    statement = _messages_upsert(connection.dialect.name)
    edited = {EDITED_AT: seen}
    returned = multi_row(connection, statement, MESSAGE_COLUMNS, rows, " RETURNING id", edited)
    if returned is None:
        return executemany(connection, statement, MESSAGE_COLUMNS, rows, edited)
    return len(returned)


@cache
def _activities_insert(dialect: str) -> Any:
    """The activities insert (a known one is skipped), built once per dialect."""
    return insert_in(dialect, activities_table).on_conflict_do_nothing(index_elements=["account_id", "remote_id"])


def _insert_activities(connection: Connection, account_id: int, page: Page, seen: Any) -> None:
    """Activities never change once they happened: a known one is skipped."""
    if not page.activities:
        return
    driver_time = time_converter(connection)
    rows = [
        (
            account_id,
            activity.remote_id,
            activity.kind,
            activity.actor.display,
            activity.actor.handle,
            activity.actor.url,
            activity.target_remote_id,
            driver_time(activity.created_at) if activity.created_at else seen,
        )
        for activity in {activity.remote_id: activity for activity in page.activities}.values()
    ]
    statement = _activities_insert(connection.dialect.name)
    if multi_row(connection, statement, ACTIVITY_COLUMNS, rows) is None:
        executemany(connection, statement, ACTIVITY_COLUMNS, rows)


def ingest_items(
    connection: Connection,
    account_id: int,
    items: Iterable[Item],
    now: datetime | None = None,
    *,
    judge_inline: bool = True,
    judged: Sequence[Verdict] | None = None,
) -> IngestResult:
    """Upsert items (and their contacts and conversations) inside the caller's write transaction. `judged`: the
    verdict of each of `items`, in order, worked out before the write (sync/judges.py: in the judging
    processes); otherwise `judge_inline` False leaves every message's language and sentiment to the engine's judge,
    and True judges a small page here."""
    now = now or utcnow()
    items = list(items)
    batch = _dedupe(items)
    if not batch:
        return IngestResult()
    # The laptop's own search index, hour counts, reply times and listening; the team database (PostgreSQL) keeps
    # the records only (storage/team/server_pages.py), searched through its own index.
    derived = is_sqlite(connection)
    existing = _existing_message_ids(connection, account_id, [item.remote_id for item in batch])
    new_ids = {item.remote_id for item in batch} - existing
    contact_ids = _upsert_contacts(connection, account_id, batch)
    driver_time = time_converter(connection)
    seen = driver_time(now)
    created = {item.remote_id: driver_time(item.created_at) if item.created_at else seen for item in batch}
    page = stories.filing(connection, account_id, batch, new_ids, driver_time)
    own = [item for item in batch if item.thread_key not in page.joins]
    verdicts = _verdicts(connection, items, batch, judged, judge_inline=judge_inline) if derived else None
    threads = _threads(own, new_ids, created)
    first = FirstWrite.before(connection, account_id) if verdicts is not None and FIRST_WRITE else None
    values: dict[str, tuple[Any, ...]] = {}
    if first is not None and verdicts is not None:
        labels = {item.remote_id: verdict[1] for item, verdict in zip(batch, verdicts, strict=True)}
        values = first.derived(own, new_ids, created, labels, {key: row["kind"] for key, row in threads.items()})
    conversation_ids = _upsert_conversations(connection, account_id, _conversation_rows(account_id, threads, values))
    written_whole = first.written(conversation_ids, values) if first is not None else set()
    page.file(connection, conversation_ids)
    conversation_ids |= page.joins
    last_id = fts.last_message_id(connection) if derived else 0
    message_rows = _message_rows(
        account_id, batch, conversation_ids, contact_ids, created, seen, driver_time, verdicts or _unjudged(batch)
    )
    if verdicts is not None and new_ids:
        languages = [row[MESSAGE_COLUMNS.index("language")] or "" for row in message_rows]
        listening.listen_to_new(connection, account_id, batch, conversation_ids, languages, new_ids)
    written = _upsert_messages(connection, message_rows, seen)
    page.count(connection, batch, new_ids, created)
    if derived:
        fts.index_inserted(connection, last_id)
        message_hours.count_inserted(connection, last_id)
    read_back = [conversation for conversation in conversation_ids.values() if conversation not in written_whole]
    if written and derived:
        response_times.summarise(connection, read_back)
    if written and verdicts is not None:
        listening.refresh_conversations(connection, read_back)
    updated = min(max(0, written - len(new_ids)), len(existing))
    return IngestResult(
        inserted=len(new_ids),
        updated=updated,
        unchanged=len(existing) - updated,
        conversations=len(conversation_ids),
    )


def commit_page(
    database: Database,
    account_id: int,
    page: Page,
    now: datetime | None = None,
    *,
    judge_inline: bool = True,
    judged: Sequence[Verdict] | None = None,
) -> IngestResult:
    """Write a page's items and the account's new cursor in one transaction; in a team, the page is queued for the
    teammates in the same transaction (storage/team/pending.py)."""
    now = now or utcnow()
    with database.write() as connection:
        result = write_page(connection, account_id, page, now, judge_inline=judge_inline, judged=judged)
        usage.add(connection, page.usage, now)
        team_pending.page(connection, account_id, page)
    return result


def write_page(
    connection: Connection,
    account_id: int,
    page: Page,
    now: datetime,
    *,
    judge_inline: bool = True,
    judged: Sequence[Verdict] | None = None,
    save_cursor: bool = True,
) -> IngestResult:
    """A page's items, activities, deletions, read marks, measures and cursor, in the caller's transaction (a pull's
    own page, or a teammate's from the team's log)."""
    result = ingest_items(connection, account_id, page.items, now, judge_inline=judge_inline, judged=judged)
    _insert_activities(connection, account_id, page, time_converter(connection)(now))
    if is_sqlite(connection):  # the team database keeps messages and activities (storage/team/server_pages.py)
        remote_marks.mark_deleted(connection, account_id, page.deleted, now)
        remote_marks.mark_seen(connection, account_id, page.seen)
        measures.record(connection, account_id, page.measures, now)
    if save_cursor:
        syncstate.save_cursor(connection, account_id, page.cursor)
    return result


__all__ = ["IngestResult", "commit_page", "ingest_items", "snippet_of", "write_page"]
