"""Issue 18: a scheduled report e-mailed to management through the outbox — a real Postfix and Dovecot, the PDF
attached, a copy in Sent, and exactly once: two runs finding it due queue one mail, and the engine sends it once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain.reporting import ReportSchedule
from cmdesk.services import scheduled_reports
from cmdesk.services.commands import run as run_command
from cmdesk.storage import outbox_reads
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.storage.sqlite_reader import SqliteReader
from tests.integration.test_email_reply import SHOP, account_for, delivered, inbox_of, run, servers, with_engine
from tests.support.dovecot import DovecotServer
from tests.support.postfix import PostfixServer

__all__ = ["servers"]  # the fixture, shared with the reply tests
BOSS = "direction@client.test"


def test_a_scheduled_report_is_mailed_once_with_its_pdf(
    servers: tuple[DovecotServer, PostfixServer],
    database: Database,
    credentials: MemoryCredentialStore,
    tmp_path: Path,
) -> None:
    dovecot, postfix = servers
    dovecot.add_user(BOSS)
    account = account_for(database, credentials, dovecot, postfix)
    schedule = ReportSchedule("weekly", str(tmp_path), ("pdf",), None, BOSS, account.id)
    run_command(database, scheduled_reports.set_schedule(account.client_id, schedule))
    reader = SqliteReader(database)
    monday = datetime(2026, 11, 30, 12, tzinfo=UTC)
    (due,) = scheduled_reports.due(reader, monday)
    (again,) = scheduled_reports.due(reader, monday)  # a second run (cron and the window) finds it due too
    files = scheduled_reports.write(reader, due, "fr")
    assert run_command(database, scheduled_reports.written(due, files, "fr")) is True
    assert run_command(database, scheduled_reports.written(again, files, "fr")) is False
    with database.read() as connection:
        entries = outbox_reads.listing(connection)
    assert [entry.action for entry in entries] == ["mail"], "one mail queued, not two"

    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert [result.state for result in results] == [OutboxState.SENT], results
    (mail,) = delivered(dovecot, BOSS, 1)
    assert mail["Subject"] == "Rapport Le Fournil — du 23/11/2026 au 29/11/2026"
    (pdf,) = [part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == files[0].name and pdf.get_content().startswith(b"%PDF")
    assert [m["Message-ID"] for m in inbox_of(dovecot, SHOP, "Sent")] == [mail["Message-ID"]]
    assert run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due())) == []
    assert len(delivered(dovecot, BOSS, 1)) == 1
