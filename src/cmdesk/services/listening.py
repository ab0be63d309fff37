"""Listening: the user's corrections of sentiment (kept for good, and taught to this data folder's model), and the
sentiment of any text, as the window and `cmdesk sentiment` judge it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cmdesk.services.commands import Changes, Command, Done

if TYPE_CHECKING:
    from sqlalchemy import Connection

SENTIMENTS = ("negative", "neutral", "positive")


def correct_conversations(conversation_ids: Sequence[int], label: str) -> Command[int]:
    """The user says what waits in these conversations is `label`: the messages it stands for (those since the
    last answer, else the newest one) take it for good; returns how many messages were corrected."""

    def command(connection: Connection) -> Done[int]:
        from cmdesk.storage import listening

        messages = listening.waiting_messages(connection, conversation_ids)
        listening.correct(connection, messages, label)
        return Done(len(messages), Changes.of_conversations(conversation_ids))

    return command


def correct_messages(message_ids: Sequence[int], label: str) -> Command[int]:
    """The user's word on these messages' sentiment (from the thread)."""

    def command(connection: Connection) -> Done[int]:
        from cmdesk.storage import listening

        conversations = listening.correct(connection, message_ids, label)
        return Done(len(message_ids), Changes.of_conversations(sorted(conversations)))

    return command


def acknowledge_alert(alert_id: int) -> Command[None]:
    """The user has seen to a bad-buzz alert: it stays listed, no longer shown as waiting."""

    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import alerts
        from cmdesk.storage.timeutil import utcnow
        from cmdesk.storage.workspace_reads import WorkspaceError

        if not connection.exec_driver_sql("SELECT 1 FROM alerts WHERE id = ?", (alert_id,)).first():
            raise WorkspaceError(f"no alert with id {alert_id} (see `cmdesk alerts`)")
        alerts.acknowledge(connection, alert_id, utcnow())
        return Done(None, Changes(views=True))

    return command
