"""Argument types for the command line: what a person or a script may type, checked before anything runs, with a
clear message instead of a traceback (an id of 20 digits, a negative limit, an empty time in a shell variable)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

MAX_ID = 2**63 - 1
"""SQLite's largest integer: an id beyond it names nothing."""
MAX_LIMIT = 100_000
MAX_NAME = 200
FURTHEST_AHEAD = timedelta(days=5 * 366)
"""A post planned further ahead than this is surely a typing mistake (a year 9999 pins it forever)."""


def _whole(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} (a whole number)") from None


def identifier(text: str) -> int:
    """An id as the listings show them: 1 and up."""
    value = _whole(text, "an id")
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"no such id: {text} (ids are whole numbers from 1, see the listings)")
    return value


def limit(text: str) -> int:
    value = _whole(text, "a number of rows")
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text} is not a number of rows between 1 and {MAX_LIMIT:,}")
    return value


def number(text: str) -> int:
    """A position in a listing, from 0 (an attachment's number)."""
    value = _whole(text, "a number")
    if not 0 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text} is not a number between 0 and {MAX_LIMIT:,}")
    return value


def port(text: str) -> int:
    value = _whole(text, "a port")
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (1 to 65535)")
    return value


def days(text: str) -> int:
    value = _whole(text, "a number of days")
    if not 0 <= value <= 36_500:
        raise argparse.ArgumentTypeError(f"{text} is not a number of days between 0 and 36,500")
    return value


def attempts(text: str) -> int:
    value = _whole(text, "a number of tries")
    if not 1 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{text} is not a number of tries between 1 and 10")
    return value


def seconds(text: str) -> float:
    """A deadline in seconds: from 1 to a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 1 <= value <= 86_400:
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds between 1 and 86400")
    return value


def name(text: str) -> str:
    """A client's or an account's name: not blank, at most MAX_NAME characters, on one line."""
    value = " ".join(text.split())
    if not value:
        raise argparse.ArgumentTypeError("a name cannot be empty")
    if len(value) > MAX_NAME:
        raise argparse.ArgumentTypeError(f"a name is at most {MAX_NAME} characters (this one has {len(value):,})")
    return value


def folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder is empty (leave --data-dir out to use the default one)")
    return text


def moment(text: str) -> datetime:
    """A time to publish at, ISO 8601, local time when it names no zone; never empty, never before year 2000 nor
    more than five years ahead (so an empty shell variable or a typo cannot publish now or pin a post forever)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the time is empty (leave --at out to publish now)")
    too_far = f"{text} is too far away: give a time within the next five years"
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO-8601 date and time (e.g. 2026-12-01T09:30)") from None
    try:
        aware = when.astimezone() if when.tzinfo is None else when
        in_utc = aware.astimezone(UTC)
    except (ValueError, OverflowError):  # a year the clock cannot reach in this or the UTC time zone
        raise argparse.ArgumentTypeError(too_far) from None
    if in_utc.year < 2000 or in_utc - datetime.now(UTC) > FURTHEST_AHEAD:
        raise argparse.ArgumentTypeError(too_far)
    return aware
