"""The thread's lines on time: how long the first answer took and how long someone has waited, in the client's
business hours, with its target ("First answer after 1 h · waiting for 35 min (target 4 h)"); and, on networks that
let a direct message be answered only for a while (Messenger), how long is left."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject

from cmdesk.domain.business_hours import BusinessHours, response_times, waiting_since
from cmdesk.domain.reads import Conversation, Message
from cmdesk.models.time_text import relative_time, span_text
from cmdesk.services import networks


def response_line(
    conversation: Conversation,
    messages: Sequence[Message],
    hours: BusinessHours,
    commented_post: Callable[[Message, Conversation], bool],
    now: datetime | None = None,
) -> str:
    """ "First answer after 2 h 10 · waiting for 35 min (target 4 h, answer by 3:25 PM), in business hours"; "" when
    nothing to say."""
    if conversation.kind == "feed":
        return ""
    told = [(m.direction, m.created_at, commented_post(m, conversation)) for m in messages if m.deleted_at is None]
    now = now or datetime.now(UTC)
    answered, waiting = response_times(told, hours, now)
    parts = []
    if answered is not None:
        parts.append(
            QCoreApplication.translate("ThreadView", "first answer after {time}").format(time=span_text(answered))
        )
    if waiting is not None:
        parts.append(QCoreApplication.translate("ThreadView", "waiting for {time}").format(time=span_text(waiting)))
    if not parts:
        return ""
    target = ""
    if hours.target_minutes is not None:
        goal = span_text(hours.target_minutes * 60)
        since = waiting_since(told) if waiting is not None else None
        due = hours.due(since) if since is not None else None
        # When the answer falls due says what a wait counted in business hours does not: a message that came
        # after closing time waits "0 min" until the opening, then the target runs.
        if due is None:
            target = QCoreApplication.translate("ThreadView", " (target {time})").format(time=goal)
        elif due > now:
            target = QCoreApplication.translate("ThreadView", " (target {time}, answer by {when})").format(
                time=goal, when=relative_time(due, now)
            )
        else:
            target = QCoreApplication.translate("ThreadView", " (target {time}, overdue since {when})").format(
                time=goal, when=relative_time(due, now)
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
