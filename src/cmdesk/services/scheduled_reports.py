"""Scheduled reports: which clients' weekly or monthly reports are due (domain/reporting.py ReportSchedule), writing
them, and recording that they were written — once: a report due while cmdesk was closed is written at the next start
(by the window, or by `cmdesk report --scheduled` from cron), and recorded with a compare-and-set so that the two
never both count one report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cmdesk.domain.acts import Mail
from cmdesk.domain.business_hours import local_zone
from cmdesk.domain.reader import Reader
from cmdesk.domain.reporting import Period, ReportSchedule, today_in
from cmdesk.services.commands import Changes, Command, Done

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class DueReport:
    client_id: int
    client: str
    schedule: ReportSchedule
    stored: str
    """The schedule as stored when it was read (for the compare-and-set)."""
    period: Period


def due(reader: Reader, now: datetime) -> list[DueReport]:
    """The reports due at the instant `now`, one per client with a schedule whose latest full period is not written
    yet: a period is over when it is over in the client's time zone (domain/reporting.today_in)."""
    found = []
    for client in reader.clients():
        schedule = ReportSchedule.from_json(client.report_schedule)
        if schedule is None:
            continue
        zone = local_zone() if client.hours.always_open else client.hours.zone
        period = schedule.due(today_in(zone, now), zone)
        if period is not None:
            found.append(DueReport(client.id, client.name, schedule, client.report_schedule, period))
    return found


def write(reader: Reader, report: DueReport, language: str) -> list[Path]:
    """Read and write one due report (the reading thread's work, or the command line's)."""
    from cmdesk.reports.files import write_report

    data = reader.report(report.client_id, report.period)
    return write_report(data, Path(report.schedule.folder).expanduser(), report.schedule.formats, language)


def written(report: DueReport, files: Sequence[Path] = (), language: str = "en") -> Command[bool]:
    """Record the report written, and queue the e-mail to management when the schedule says so — in the same
    transaction, so the mail is queued exactly when the report is recorded: once. False when someone else recorded
    it (or changed the schedule) meanwhile."""

    def command(connection: Connection) -> Done[bool]:
        from cmdesk.storage import outbox, workspace

        updated = replace(report.schedule, last_written=report.period.last)
        stored = workspace.set_report_schedule(connection, report.client_id, updated.to_json(), report.stored)
        entries: list[int] = []
        schedule = report.schedule
        if stored and schedule.email_to and schedule.email_account is not None and files:
            entry = outbox.enqueue(connection, schedule.email_account, _mail(report, files, language))
            entries.append(entry.id)
        return Done(stored, Changes(clients=frozenset([report.client_id])) | Changes.of_outbox(entries, []))

    return command


def _mail(report: DueReport, files: Sequence[Path], language: str) -> Mail:
    first, last = report.period.first, report.period.last
    if language == "fr":
        dates = f"du {first:%d/%m/%Y} au {last:%d/%m/%Y}"
        subject = f"Rapport {report.client} — {dates}"
        text = f"Bonjour,\n\nVoici le rapport de {report.client} {dates}, en pièce jointe."
    else:
        dates = f"from {first.isoformat()} to {last.isoformat()}"
        subject = f"Report {report.client} — {dates}"
        text = f"Hello,\n\nHere is the report of {report.client} {dates}, attached."
    return Mail(report.schedule.email_to, subject, text, tuple(str(path) for path in files))


def set_schedule(client_id: int, schedule: ReportSchedule | None) -> Command[None]:
    """The client's scheduled report (None: none)."""

    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import workspace

        workspace.set_report_schedule(connection, client_id, schedule.to_json() if schedule else "")
        return Done(None, Changes(clients=frozenset([client_id])))

    return command


__all__ = ["DueReport", "due", "set_schedule", "write", "written"]
