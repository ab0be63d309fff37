"""The thread's line on response times: how long the first answer took and how long someone has waited, in the
client's business hours, with its target ("First answer after 1 h · waiting for 35 min (target 4 h)")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from cmdesk.domain.business_hours import BusinessHours, response_times
from cmdesk.domain.reads import Conversation, Message
from cmdesk.models.time_text import span_text


def response_line(
    conversation: Conversation,
    messages: Sequence[Message],
    hours: BusinessHours,
    commented_post: Callable[[Message, Conversation], bool],
) -> str:
    """ "First answer after 2 h 10 · waiting for 35 min (target 4 h), in business hours"; "" when nothing to say."""
    if conversation.kind == "feed":
        return ""
    told = [(m.direction, m.created_at, commented_post(m, conversation)) for m in messages if m.deleted_at is None]
    answered, waiting = response_times(told, hours, datetime.now(UTC))
    parts = []
    if answered is not None:
        parts.append(
            QCoreApplication.translate("ThreadView", "first answer after {time}").format(time=span_text(answered))
        )
    if waiting is not None:
        parts.append(QCoreApplication.translate("ThreadView", "waiting for {time}").format(time=span_text(waiting)))
    if not parts:
        return ""
    target = (
        QCoreApplication.translate("ThreadView", " (target {time})").format(time=span_text(hours.target_minutes * 60))
        if hours.target_minutes is not None
        else ""
    )
    unit = QCoreApplication.translate("ThreadView", "in business hours") if not hours.always_open else ""
    said = " · ".join(parts) + target + (f", {unit}" if unit else "")
    return said[:1].upper() + said[1:]
