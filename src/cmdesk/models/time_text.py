"""Times written for people, in their language and on their clock (Qt's locale): the lists, the thread, the
Outbox."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale


def relative_time(value: datetime, now: datetime | None = None, locale: QLocale | None = None) -> str:
    """Time today, weekday this week, else a short date, in the user's locale."""
    locale = locale or QLocale()
    now = now or datetime.now(UTC)
    local, today = value.astimezone(), now.astimezone()
    if local.date() == today.date():
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if (today.date() - local.date()).days < 7:
        return (
            locale.toString(local.date(), "ddd") + " " + locale.toString(local.time(), QLocale.FormatType.ShortFormat)
        )
    return locale.toString(local.date(), QLocale.FormatType.ShortFormat)


def local_time(value: datetime, pattern: str = "ddd d MMM HH:mm") -> str:
    """A time on the user's clock, written in their language (Qt's patterns: "ddd HH:mm" → "lun. 08:00")."""
    return QLocale().toString(QDateTime(value.astimezone().replace(tzinfo=None)), pattern)
