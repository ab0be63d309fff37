"""What the user does to what is on its way: retry, send anyway, cancel, edit the text, move a scheduled post (the
Outbox pane, the calendar, the thread's unsent replies and `cmdesk outbox`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.services.commands import Changes, Command, Done
from cmdesk.storage.outbox_reads import OutboxEntry

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _changed(entries: Sequence[OutboxEntry]) -> Changes:
    return Changes.of_outbox([e.id for e in entries], [e.conversation_id for e in entries])


def retry(entry_id: int) -> Command[OutboxEntry]:
    """A failed entry (or one held for a check) goes again now, with the same idempotency key."""

    def command(connection: Connection) -> Done[OutboxEntry]:
        from cmdesk.storage import outbox

        entry = outbox.retry(connection, entry_id)
        return Done(entry, _changed([entry]))

    return command


def cancel(entry_id: int) -> Command[OutboxEntry]:
    def command(connection: Connection) -> Done[OutboxEntry]:
        from cmdesk.storage import outbox

        entry = outbox.cancel(connection, entry_id)
        return Done(entry, _changed([entry]))

    return command


def edit_text(entry_ids: Sequence[int], text: str) -> Command[list[OutboxEntry]]:
    """New text for entries not yet sent (the accounts of one post, edited together); those whose text is already
    this one are left as they are."""

    def command(connection: Connection) -> Done[list[OutboxEntry]]:
        from cmdesk.storage import outbox, schedule

        edited = []
        for entry_id in entry_ids:
            if outbox.get(connection, entry_id).text != text.strip():
                schedule.edit_text(connection, entry_id, text)
                edited.append(outbox.get(connection, entry_id))
        return Done(edited, _changed(edited))

    return command


def reschedule(times: Mapping[int, datetime]) -> Command[int]:
    """Move scheduled entries to new times (a drag in the calendar, or its undo); returns how many moved."""

    def command(connection: Connection) -> Done[int]:
        from cmdesk.storage import schedule

        moved = sum(schedule.reschedule(connection, [entry_id], when) for entry_id, when in times.items())
        return Done(moved, Changes.of_outbox(times))

    return command
