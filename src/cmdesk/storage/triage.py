"""Triage: conversation status (open / pending / snoozed until a time / done), read state and labels, in bulk.

Every function takes a list of conversation ids so the UI's multi-selection and single actions share one path.
Snoozed conversations come back by `wake_due`, which the app calls on a timer and at start (so a snooze that
expired while cmdesk was closed wakes on the next start).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, select, update

from cmdesk.domain import Status
from cmdesk.storage.records import ConversationLabelRecord, ConversationRecord, LabelRecord
from cmdesk.storage.timeutil import from_db, to_db

conversations = ConversationRecord.__table__  # type: ignore[attr-defined]
labels = LabelRecord.__table__  # type: ignore[attr-defined]
conversation_labels = ConversationLabelRecord.__table__  # type: ignore[attr-defined]

LABEL_COLOURS = ("#d32f2f", "#f57c00", "#fbc02d", "#388e3c", "#0097a7", "#1976d2", "#7b1fa2", "#5d4037", "#607d8b")


class TriageError(Exception):
    """A triage request that makes no sense (snooze without a time, unknown label…)."""


def set_status(connection: Connection, ids: Sequence[int], status: Status, until: datetime | None = None) -> int:
    """Give conversations a status; snoozing needs `until`. Returns how many conversations changed."""
    if not ids:
        return 0
    if status is Status.SNOOZED and until is None:
        raise TriageError("snoozing needs a time to come back")
    values: dict[str, object] = {
        "status": status.value,
        "snoozed_until": to_db(until) if status is Status.SNOOZED else None,
    }
    if status is Status.DONE:
        values["unread"] = False
    result = connection.execute(update(conversations).where(conversations.c.id.in_(list(ids))).values(**values))
    return int(result.rowcount or 0)


def snooze(connection: Connection, ids: Sequence[int], until: datetime) -> int:
    return set_status(connection, ids, Status.SNOOZED, until)


def wake_due(connection: Connection, now: datetime) -> list[int]:
    """Reopen every snoozed conversation whose time has come; returns their ids."""
    column = conversations.c
    due = [
        row[0]
        for row in connection.execute(
            select(column.id).where(column.status == Status.SNOOZED.value, column.snoozed_until <= to_db(now))
        )
    ]
    if due:
        connection.execute(
            update(conversations)
            .where(column.id.in_(due))
            .values(status=Status.OPEN.value, snoozed_until=None, unread=True)
        )
    return due


def next_wake(connection: Connection) -> datetime | None:
    column = conversations.c
    value = connection.execute(
        select(func.min(column.snoozed_until)).where(column.status == Status.SNOOZED.value)
    ).scalar()
    return from_db(value)


def mark_read(connection: Connection, ids: Sequence[int], read: bool = True) -> int:
    """Read or unread in cmdesk; reading an e-mail conversation also queues its \\Seen for the server (outbox)."""
    if not ids:
        return 0
    was_unread = (
        [
            row[0]
            for row in connection.execute(
                select(conversations.c.id).where(conversations.c.id.in_(list(ids)), conversations.c.unread.is_(True))
            )
        ]
        if read
        else []
    )
    result = connection.execute(update(conversations).where(conversations.c.id.in_(list(ids))).values(unread=not read))
    if was_unread:
        from cmdesk.storage import outbox

        outbox.enqueue_remote_reads(connection, was_unread)
    return int(result.rowcount or 0)


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    name: str
    color: str
    client_id: int | None


def create_label(connection: Connection, name: str, color: str = "", client_id: int | None = None) -> Label:
    name = name.strip()
    if not name:
        raise TriageError("a label needs a name")
    existing = [label for label in list_labels(connection) if label.name.casefold() == name.casefold()]
    if any(label.client_id == client_id for label in existing):
        raise TriageError(f"a label named {name!r} already exists")
    count = connection.execute(select(func.count()).select_from(labels)).scalar() or 0
    color = color or LABEL_COLOURS[count % len(LABEL_COLOURS)]
    key = connection.execute(labels.insert().values(name=name, color=color, client_id=client_id)).inserted_primary_key
    assert key is not None
    return Label(int(key[0]), name, color, client_id)


def list_labels(connection: Connection) -> list[Label]:
    rows = connection.execute(select(labels).order_by(func.lower(labels.c.name))).mappings()
    return [Label(row["id"], row["name"], row["color"], row["client_id"]) for row in rows]


def delete_label(connection: Connection, label_id: int) -> None:
    connection.execute(delete(labels).where(labels.c.id == label_id))


def assign_label(connection: Connection, ids: Sequence[int], label_id: int) -> int:
    """Put a label on conversations (those that have it already are left alone)."""
    if not ids:
        return 0
    have = {
        row[0]
        for row in connection.execute(
            select(conversation_labels.c.conversation_id).where(
                conversation_labels.c.label_id == label_id, conversation_labels.c.conversation_id.in_(list(ids))
            )
        )
    }
    rows = [{"conversation_id": cid, "label_id": label_id} for cid in ids if cid not in have]
    if rows:
        connection.execute(conversation_labels.insert(), rows)
    return len(rows)


def remove_label(connection: Connection, ids: Sequence[int], label_id: int) -> int:
    if not ids:
        return 0
    result = connection.execute(
        delete(conversation_labels).where(
            conversation_labels.c.label_id == label_id, conversation_labels.c.conversation_id.in_(list(ids))
        )
    )
    return int(result.rowcount or 0)
