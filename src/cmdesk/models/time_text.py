"""Times written for people, in their language and on their clock (Qt's locale): the lists, the thread, the
Outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale


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


def clock(value: datetime, locale: QLocale | None = None) -> str:
    """The time of day on the user's clock as their locale writes it (7:10 PM in the US, 19:10 in France)."""
    return (locale or QLocale()).toString(value.astimezone().time(), QLocale.FormatType.ShortFormat)


def local_time(value: datetime, day_pattern: str = "ddd d MMM", locale: QLocale | None = None) -> str:
    """A day (Qt's pattern, in the user's language: "lun. 8 déc.") and the time on their clock, as their locale
    writes times: one format everywhere, never a 24-hour time beside a 12-hour one."""
    locale = locale or QLocale()
    day = locale.toString(QDateTime(value.astimezone().replace(tzinfo=None)), day_pattern)
    return f"{day} {clock(value, locale)}"


def edit_format(locale: QLocale | None = None) -> str:
    """The pattern a date-and-time field shows, as the locale writes dates and times (four-digit years)."""
    locale = locale or QLocale()
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in day:
        day = day.replace("yy", "yyyy")
    return f"{day} {locale.timeFormat(QLocale.FormatType.ShortFormat)}"


def week_start(locale: QLocale | None = None) -> int:
    """The locale's first day of the week as Python counts weekdays (Monday 0 … Sunday 6)."""
    return ((locale or QLocale()).firstDayOfWeek().value - 1) % 7


def late_text(late: timedelta) -> str:
    """How late an answer is, in the largest unit that says it: "25 min late", "3 h late", "2 d late"."""
    minutes = max(1, int(late.total_seconds() // 60))
    if minutes < 60:
        return QCoreApplication.translate("TimeText", "{n} min late").format(n=minutes)
    if minutes < 48 * 60:
        return QCoreApplication.translate("TimeText", "{n} h late").format(n=minutes // 60)
    return QCoreApplication.translate("TimeText", "{n} d late").format(n=minutes // (24 * 60))


def span_text(seconds: float) -> str:
    """A duration in minutes or hours: "45 min", "3 h 20", "50 h" (the report pane, the thread's response line)."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def interface_language(locale: QLocale | None = None) -> str:
    """ "fr" or "en": the language reports are written in, after the window's."""
    return "fr" if (locale or QLocale()).language() == QLocale.Language.French else "en"
