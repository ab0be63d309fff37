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


def to_sqlite_text(value: datetime) -> str:
    """The exact text SQLAlchemy's DateTime type writes to SQLite, in UTC: what plain-SQL writes store and what
    plain-SQL reads compare stored times with (isoformat is faster than strftime)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")
