"""The quick snooze choices: later today, tomorrow morning, next week — computed in the user's local time."""

from __future__ import annotations

from datetime import datetime, timedelta

MORNING_HOUR = 9


def later_today(now: datetime) -> datetime:
    """Three hours from now (rounded to the next quarter hour)."""
    later = now + timedelta(hours=3)
    return later.replace(minute=(later.minute // 15) * 15, second=0, microsecond=0) + timedelta(minutes=15)


def tomorrow_morning(now: datetime) -> datetime:
    local = now.astimezone()
    return (local + timedelta(days=1)).replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0)


def next_week(now: datetime) -> datetime:
    """Next Monday at 9:00, local time."""
    local = now.astimezone()
    days = 7 - local.weekday()
    return (local + timedelta(days=days)).replace(hour=MORNING_HOUR, minute=0, second=0, microsecond=0)
