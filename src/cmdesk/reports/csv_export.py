"""The report as CSV: one row per conversation active in the period, times in the report's time zone (ISO 8601
with their offset), response times in business seconds; cells a spreadsheet would run as formulas are quoted."""

from __future__ import annotations

import csv
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from cmdesk.domain.reporting import ReportData

COLUMNS = (
    "conversation",
    "network",
    "kind",
    "account",
    "author",
    "subject",
    "first_message_at",
    "first_response_at",
    "first_response_seconds",
    "resolution_seconds",
    "status",
    "sentiment",
    "messages",
    "for_management",
    "url",
    "assignee",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def write_csv(data: ReportData, out: TextIO) -> int:
    """Write the rows (a header first); returns how many conversations."""
    zone = ZoneInfo(data.period.zone)

    def moment(value: datetime | None) -> str:
        return value.astimezone(zone).isoformat(timespec="seconds") if value is not None else ""

    def seconds(value: float | None) -> str:
        return str(round(value)) if value is not None else ""

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for line in data.lines:
        writer.writerow(
            [
                line.id,
                line.network,
                line.kind,
                _cell(line.account),
                _cell(line.author),
                _cell(line.subject),
                moment(line.first_message_at),
                moment(line.first_response_at),
                seconds(line.first_response_seconds),
                seconds(line.resolution_seconds),
                line.status,
                line.sentiment,
                line.messages,
                _cell(line.for_management) if line.for_management is not None else "",
                _cell(line.url),
                _cell(line.assignee),
            ]
        )
    return len(data.lines)


__all__ = ["COLUMNS", "write_csv"]
