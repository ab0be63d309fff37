"""Triage: status, snooze, read marks and labels on conversations, each change undoable (Ctrl+Z takes back the last
ones, as a mail client undoes a move). The state before a change is captured inside the same write that makes it,
so an undo restores exactly what the change replaced."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.domain import Status
from cmdesk.services.commands import Changes, Command, Done
from cmdesk.services.networks import read_marks_networks
from cmdesk.storage import triage
from cmdesk.storage.team import pending as team_pending
from cmdesk.storage.timeutil import to_sqlite_text
from cmdesk.storage.triage import Label, TriageState

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Label", "TriageState", "UndoStack"]

UNDO_LIMIT = 20


class UndoStack:
    """The last triage changes the user made, newest last: what each was (in the user's words) and the state of
    its conversations before it."""

    def __init__(self) -> None:
        self._changes: list[tuple[str, TriageState]] = []

    def push(self, what: str, before: TriageState) -> None:
        self._changes.append((what, before))
        del self._changes[:-UNDO_LIMIT]

    def pop(self) -> tuple[str, TriageState] | None:
        return self._changes.pop() if self._changes else None

    @property
    def last(self) -> str | None:
        return self._changes[-1][0] if self._changes else None


LABEL_COLOURS: tuple[str, ...] = tuple(triage.LABEL_COLOURS)
"""The colours a new label is offered (storage/triage.py's palette)."""


def proposed_colour(existing_labels: int) -> str:
    """The colour offered for a new label: the next of the palette."""
    return triage.LABEL_COLOURS[existing_labels % len(triage.LABEL_COLOURS)]


def mark_read(connection: Connection, ids: Sequence[int], read: bool = True) -> int:
    """Read (or unread) in cmdesk; on networks that keep read marks the server follows through the outbox."""
    return triage.mark_read(connection, ids, read, carry_to=read_marks_networks())


def _undoable(ids: Sequence[int], change: Command[object], *, views: bool = True) -> Command[TriageState]:
    def command(connection: Connection) -> Done[TriageState]:
        before = triage.capture(connection, ids)
        changed = change(connection)
        return Done(before, Changes.of_conversations(ids, views=views) | changed.changes)

    return command


def set_status(ids: Sequence[int], status: Status, until: datetime | None = None) -> Command[TriageState]:
    """Done, pending, open, or snoozed `until`; the value is the state before, for the undo stack. In a team the
    change is also queued for the teammates (storage/team/pending.py), in the same transaction."""

    def change(connection: Connection) -> Done[object]:
        changed = triage.set_status(connection, ids, status, until)
        kept_until = to_sqlite_text(until) if status is Status.SNOOZED and until is not None else None
        team_pending.status(connection, ids, status.value, kept_until)
        return Done(changed)

    return _undoable(ids, change)


def set_read(ids: Sequence[int], read: bool) -> Command[TriageState]:
    return _undoable(ids, lambda c: Done(mark_read(c, ids, read)), views=False)


def opened(conversation_id: int) -> Command[int]:
    """The user opened a conversation: it is read (not an undoable change: opening is not triage)."""

    def command(connection: Connection) -> Done[int]:
        return Done(mark_read(connection, [conversation_id]), Changes.of_conversations([conversation_id], views=False))

    return command


def set_label(ids: Sequence[int], label_id: int, on: bool) -> Command[TriageState]:
    change = triage.assign_label if on else triage.remove_label

    def labelled(connection: Connection) -> Done[object]:
        changed = change(connection, ids, label_id)
        team_pending.label(connection, ids, label_id, on)
        return Done(changed)

    return _undoable(ids, labelled, views=False)


def for_management(ids: Sequence[int], note: str | None) -> Command[int]:
    """Flag conversations for the management report with a short note; None takes the flag off."""

    def command(connection: Connection) -> Done[int]:
        changed = triage.set_management_note(connection, ids, note)
        team_pending.flag(connection, ids, note)
        return Done(changed, Changes.of_conversations(ids, views=False))

    return command


def create_label(name: str, colour: str) -> Command[Label]:

    def command(connection: Connection) -> Done[Label]:
        return Done(triage.create_label(connection, name, colour), Changes(labels=True))

    return command


def _queue_restored(connection: Connection, before: TriageState, now: TriageState) -> None:
    """An undo, for the teammates: each conversation's status as restored, and the labels put back or taken off."""
    if not team_pending.in_team(connection):
        return
    current = {conversation[0]: conversation for conversation in now.conversations}
    for conversation_id, status, until, _unread in before.conversations:
        was = current.get(conversation_id)
        if was is not None and (was[1], was[2]) != (status, until):
            team_pending.status(connection, [conversation_id], status, until)
    for conversation_id, label_id in set(before.labels) - set(now.labels):
        team_pending.label(connection, [conversation_id], label_id, True)
    for conversation_id, label_id in set(now.labels) - set(before.labels):
        team_pending.label(connection, [conversation_id], label_id, False)


def wake_due(now: datetime) -> Command[list[int]]:
    """Snoozed conversations whose time has come are open again."""

    def command(connection: Connection) -> Done[list[int]]:
        woken = triage.wake_due(connection, now)
        return Done(woken, Changes.of_conversations(woken) if woken else Changes())

    return command


def undo(before: TriageState) -> Command[list[int]]:
    """Give conversations back the state captured before a change (those deleted since are left alone)."""

    def command(connection: Connection) -> Done[list[int]]:
        ids = [conversation[0] for conversation in before.conversations]
        now = triage.capture(connection, ids)
        back = triage.restore(connection, before)
        _queue_restored(connection, before, now)
        return Done(back, Changes.of_conversations(back))

    return command
