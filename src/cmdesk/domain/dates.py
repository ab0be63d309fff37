"""Dates that strangers write: an item dated in the far future would stay on top of the inbox forever, one dated
before there were messages is surely wrong. Both are shown at the time they were received, and said so."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cmdesk.domain.types import Item, ItemProblem, Page

FUTURE_TOLERANCE = timedelta(days=1)
"""Clocks and time zones disagree by hours; a day ahead is still a plausible date."""
EARLIEST = datetime(1971, 1, 1, tzinfo=UTC)
"""Before this, a date is a placeholder (0, -0001, 1970-01-01) rather than when something was written."""


def _implausible(value: datetime | None, now: datetime) -> bool:
    return value is not None and (value > now + FUTURE_TOLERANCE or value < EARLIEST)


def _said(value: datetime, now: datetime) -> str:
    when = "in the future" if value > now else "before any message could be"
    return f"dated {value:%Y-%m-%d %H:%M} UTC, {when}: shown at the time it was received"


def plausible_dates(page: Page, now: datetime) -> Page:
    """The page with every implausible item date replaced by `now` (the time of sync), each one told as a problem;
    the page itself when all its dates are plausible."""
    items: list[Item] = []
    problems: list[ItemProblem] = []
    for item in page.items:
        created, updated = item.created_at, item.updated_at
        if _implausible(created, now) or _implausible(updated, now):
            told = created if _implausible(created, now) else updated
            assert told is not None
            problems.append(ItemProblem(item.remote_id, _said(told, now)))
            item = replace(
                item,
                created_at=now if _implausible(created, now) else created,
                updated_at=None if _implausible(updated, now) else updated,
            )
        items.append(item)
    if not problems:
        return page
    return replace(page, items=tuple(items), problems=(*page.problems, *problems))
