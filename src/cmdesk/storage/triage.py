"""Triage: conversation status (open / pending / snoozed until a time / done), read state and labels, in bulk.

Every function takes a list of conversation ids so the UI's multi-selection and single actions share one path.
Snoozed conversations come back by `wake_due`, which the app calls on a timer and at start (so a snooze that
expired while cmdesk was closed wakes on the next start).

Plain SQL without SQLAlchemy (storage/rawsql.py): the window shows labels on its first screen, and its triage
keys work before SQLAlchemy has been imported.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.domain import Status
from cmdesk.domain.reads import Label as Label
from cmdesk.storage.rawsql import Reader, driver, marks, rows, scalar
from cmdesk.storage.timeutil import from_db, to_sqlite_text

if TYPE_CHECKING:
    from sqlalchemy import Connection

LABEL_COLOURS = ("#d32f2f", "#f57c00", "#fbc02d", "#388e3c", "#0097a7", "#1976d2", "#7b1fa2", "#5d4037", "#607d8b")


class TriageError(Exception):
    """A triage request that makes no sense (snooze without a time, unknown label…)."""


def set_status(connection: Reader, ids: Sequence[int], status: Status, until: datetime | None = None) -> int:
    """Give conversations a status; snoozing needs `until`. Returns how many conversations changed."""
    if not ids:
        return 0
    if status is Status.SNOOZED and until is None:
        raise TriageError("snoozing needs a time to come back")
    snoozed_until = to_sqlite_text(until) if status is Status.SNOOZED and until is not None else None
    done = ", unread = 0" if status is Status.DONE else ""
    result = driver(connection).execute(
        f"UPDATE conversations SET status = ?, snoozed_until = ?{done} WHERE id IN ({marks(ids)})",
        (status.value, snoozed_until, *ids),
    )
    return int(result.rowcount or 0)


MANAGEMENT_NOTE_LONGEST = 500
"""Characters kept of a "for management" note: a line or two for the report, not a memo."""


def set_management_note(connection: Reader, ids: Sequence[int], note: str | None) -> int:
    """Flag conversations "for management" with a short note (the reports list them with it); None takes the
    flag off. Returns how many conversations changed."""
    if not ids:
        return 0
    kept = " ".join(note.split())[:MANAGEMENT_NOTE_LONGEST] if note is not None else None
    result = driver(connection).execute(
        f"UPDATE conversations SET management_note = ? WHERE id IN ({marks(ids)})", (kept, *ids)
    )
    return int(result.rowcount or 0)


def snooze(connection: Reader, ids: Sequence[int], until: datetime) -> int:
    return set_status(connection, ids, Status.SNOOZED, until)


def wake_due(connection: Reader, now: datetime) -> list[int]:
    """Reopen every snoozed conversation whose time has come; returns their ids."""
    due = [
        row[0]
        for row in rows(
            connection,
            "SELECT id FROM conversations WHERE status = ? AND snoozed_until <= ?",
            (Status.SNOOZED.value, to_sqlite_text(now)),
        )
    ]
    if due:
        driver(connection).execute(
            f"UPDATE conversations SET status = ?, snoozed_until = NULL, unread = 1 WHERE id IN ({marks(due)})",
            (Status.OPEN.value, *due),
        )
    return due


def next_wake(connection: Reader) -> datetime | None:
    value = scalar(connection, "SELECT min(snoozed_until) FROM conversations WHERE status = ?", (Status.SNOOZED.value,))
    return from_db(value)


def mark_read(connection: Connection, ids: Sequence[int], read: bool = True, *, carry_to: Collection[str] = ()) -> int:
    """Read or unread in cmdesk; reading a conversation of a network in `carry_to` (those that keep read marks,
    e-mail's \\Seen) also queues a "mark read" act for its server (outbox: a SQLAlchemy write connection)."""
    if not ids:
        return 0
    unread = f"SELECT id FROM conversations WHERE id IN ({marks(ids)}) AND unread IS 1"
    was_unread = [row[0] for row in rows(connection, unread, ids)] if read else []
    result = driver(connection).execute(
        f"UPDATE conversations SET unread = ? WHERE id IN ({marks(ids)})", (int(not read), *ids)
    )
    if was_unread and carry_to:
        from cmdesk.storage import outbox

        outbox.enqueue_remote_reads(connection, was_unread, carry_to)
    return int(result.rowcount or 0)


def create_label(connection: Reader, name: str, color: str = "", client_id: int | None = None) -> Label:
    name = name.strip()
    if not name:
        raise TriageError("a label needs a name")
    existing = [label for label in list_labels(connection) if label.name.casefold() == name.casefold()]
    if any(label.client_id == client_id for label in existing):
        raise TriageError(f"a label named {name!r} already exists")
    count = scalar(connection, "SELECT count(*) FROM labels") or 0
    color = color or LABEL_COLOURS[count % len(LABEL_COLOURS)]
    cursor = driver(connection).execute(
        "INSERT INTO labels (name, color, client_id) VALUES (?, ?, ?)", (name, color, client_id)
    )
    assert cursor.lastrowid is not None
    return Label(int(cursor.lastrowid), name, color, client_id)


def list_labels(connection: Reader) -> list[Label]:
    found = rows(connection, "SELECT id, name, color, client_id FROM labels ORDER BY lower(name)")
    return [Label(row["id"], row["name"], row["color"], row["client_id"]) for row in found]


def delete_label(connection: Reader, label_id: int) -> None:
    driver(connection).execute("DELETE FROM labels WHERE id = ?", (label_id,))


def assign_label(connection: Reader, ids: Sequence[int], label_id: int) -> int:
    """Put a label on conversations (those that have it already are left alone)."""
    if not ids:
        return 0
    have = {
        row[0]
        for row in rows(
            connection,
            f"SELECT conversation_id FROM conversation_labels WHERE label_id = ? AND conversation_id IN ({marks(ids)})",
            (label_id, *ids),
        )
    }
    new = [(conversation_id, label_id) for conversation_id in ids if conversation_id not in have]
    if new:
        driver(connection).executemany("INSERT INTO conversation_labels (conversation_id, label_id) VALUES (?, ?)", new)
    return len(new)


def remove_label(connection: Reader, ids: Sequence[int], label_id: int) -> int:
    if not ids:
        return 0
    result = driver(connection).execute(
        f"DELETE FROM conversation_labels WHERE label_id = ? AND conversation_id IN ({marks(ids)})", (label_id, *ids)
    )
    return int(result.rowcount or 0)


@dataclass(frozen=True, slots=True)
class TriageState:
    """What triage can change on some conversations, as it was: status, snooze time, read mark and labels (for
    undo). Taken inside the write that changes them, so nothing comes in between."""

    conversations: tuple[tuple[int, str, str | None, int], ...]
    """(id, status, snoozed_until as stored, unread)"""
    labels: tuple[tuple[int, int], ...]
    """(conversation id, label id)"""


def capture(connection: Reader, ids: Sequence[int]) -> TriageState:
    if not ids:
        return TriageState((), ())
    found = rows(
        connection, f"SELECT id, status, snoozed_until, unread FROM conversations WHERE id IN ({marks(ids)})", ids
    )
    labelled = rows(
        connection,
        f"SELECT conversation_id, label_id FROM conversation_labels WHERE conversation_id IN ({marks(ids)})",
        ids,
    )
    return TriageState(
        tuple((row[0], row[1], row[2], int(row[3])) for row in found), tuple((row[0], row[1]) for row in labelled)
    )


def restore(connection: Reader, state: TriageState) -> list[int]:
    """Put conversations back as `capture` found them; returns the ids still there. A label deleted since is not
    brought back, nor a conversation whose account was removed."""
    ids = [conversation[0] for conversation in state.conversations]
    if not ids:
        return []
    sql = driver(connection)
    sql.executemany(
        "UPDATE conversations SET status = ?, snoozed_until = ?, unread = ? WHERE id = ?",
        [(status, until, unread, conversation_id) for conversation_id, status, until, unread in state.conversations],
    )
    sql.execute(f"DELETE FROM conversation_labels WHERE conversation_id IN ({marks(ids)})", ids)
    sql.executemany(
        "INSERT INTO conversation_labels (conversation_id, label_id) SELECT ?, ? "
        "WHERE EXISTS (SELECT 1 FROM labels WHERE id = ?) AND EXISTS (SELECT 1 FROM conversations WHERE id = ?)",
        [(conversation_id, label_id, label_id, conversation_id) for conversation_id, label_id in state.labels],
    )
    return [row[0] for row in rows(connection, f"SELECT id FROM conversations WHERE id IN ({marks(ids)})", ids)]
