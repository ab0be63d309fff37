"""UTC conversions at the storage boundary: every datetime written is aware UTC; SQLite keeps it as naive UTC text."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_db(value: datetime | None) -> datetime | None:
    """An aware (or naive, taken as UTC) datetime as the aware UTC value bound to the database."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def from_db(value: datetime | str | None) -> datetime | None:
    """A stored value (datetime, or ISO text from raw SQL) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
