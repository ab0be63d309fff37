"""The thread's lines on time: how long the first answer took and how long someone has waited, in the client's
business hours, with its target ("First answer after 1 h · waiting for 35 min (target 4 h)"); and, on networks that
let a direct message be answered only for a while (Messenger), how long is left."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject

from cmdesk.domain.business_hours import BusinessHours, response_times
from cmdesk.domain.reads import Conversation, Message
from cmdesk.models.time_text import span_text
from cmdesk.services import networks


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


class ResponseLine(QObject):
    """Only the translation context of the plural forms below (Qt's tools find plurals in `tr` calls)."""


def _span(seconds: float) -> str:
    """Hours and minutes up to two days, days beyond."""
    if seconds < 48 * 3600:
        return span_text(seconds)
    return ResponseLine.tr("%Ln day(s)", "", round(seconds / 86400))


def window_line(
    conversation: Conversation, messages: Sequence[Message], now: datetime | None = None
) -> tuple[str, bool]:
    """How long the network still lets this direct message be answered ("", False when it sets no limit); True
    when the window is closed."""
    now = now or datetime.now(UTC)
    found = networks.capabilities(conversation.network)
    if conversation.kind != "message" or not found.message_window_hours:
        return "", False
    theirs = [m.created_at for m in messages if m.direction == "in" and m.created_at is not None]
    if not theirs:
        return "", False
    age = (now - max(theirs)).total_seconds()
    standard, tagged = found.message_window_hours * 3600, found.message_window_tagged_hours * 3600
    if age < standard:
        said = QCoreApplication.translate("ThreadView", "{left} left to answer in Messenger").format(
            left=_span(standard - age)
        )
        if tagged > standard:
            said += QCoreApplication.translate("ThreadView", " (then {more} more with the human agent tag)").format(
                more=_span(tagged - standard)
            )
        return said, False
    if age < tagged:
        return QCoreApplication.translate(
            "ThreadView", "{left} left to answer, with the human agent tag (their last message is over 24 h old)"
        ).format(left=_span(tagged - age)), False
    return QCoreApplication.translate(
        "ThreadView",
        "The network no longer lets you answer here: they last wrote {ago} ago. Answer by comment, or wait for them "
        "to write again.",
    ).format(ago=_span(age)), True
