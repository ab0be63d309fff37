"""The window's side of reports: the Reports page, the conversations behind a chart shown in the list, and the
clients' scheduled reports written when due (at start, for one that came due while cmdesk was closed, and with
every wake check). Part of MainWindow (window.py), as a mixin."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import ConversationFilter
from cmdesk.models.time_text import interface_language

if TYPE_CHECKING:
    from cmdesk.ui.main_window.window import MainWindow


class Reporting:
    def show_reports(self: MainWindow) -> None:
        if self.reports_pane is None:
            from cmdesk.ui.reports_pane import ReportsPane

            self.reports_pane = self._add_page(ReportsPane(self.context, self))
            self.reports_pane.conversationsRequested.connect(self.show_conversations)
            self.reports_pane.fill_clients(self.sidebar.scope[0])
        self._show_page(self.reports_pane, self.reports_action, self.reports_pane.client)

    def show_conversations(self: MainWindow, ids: tuple[int, ...], what: str) -> None:
        """Some conversations in the list (behind a report's bar, an alert), the inbox brought forward."""
        self.show_inbox()
        self.model.set_view(ConversationFilter(conversation_ids=ids or (-1,)))
        self._after_reload(0)
        self.statusBar().showMessage(
            self.tr("{what}: %Ln conversation(s). Choose a view on the left to go back.", "", len(ids)).format(
                what=what
            ),
            10000,
        )
        self.list.setFocus()

    def write_due_reports(self: MainWindow) -> None:
        """Clients' weekly or monthly reports that are due (one missed while cmdesk was closed included), written
        on the reading thread and recorded once; a folder that cannot be written is told, and tried again hourly."""
        from cmdesk.services import scheduled_reports

        language = interface_language()
        at = datetime.now(UTC)
        now = time.monotonic()
        failed = {key for key, when in self._reports_failed.items() if now - when < 3600}

        def work(reader: Reader) -> list[tuple[Any, list[Path] | None, str]]:
            done: list[tuple[Any, list[Path] | None, str]] = []
            for report in scheduled_reports.due(reader, at):
                if (report.client_id, report.period.last) in failed:
                    continue
                try:
                    done.append((report, scheduled_reports.write(reader, report, language), ""))
                except OSError as error:
                    done.append((report, None, error.strerror or str(error)))
            return done

        def then(done: list[tuple[Any, list[Path] | None, str]]) -> None:
            for report, files, problem in done:
                if files is None:
                    self._reports_failed[(report.client_id, report.period.last)] = time.monotonic()
                    told = self.tr("The report of {client} could not be written in {folder}: {problem}")
                    self.statusBar().showMessage(
                        told.format(client=report.client, folder=report.schedule.folder, problem=problem), 15000
                    )
                    continue
                said = self.tr("Report of {client} written: {file}").format(client=report.client, file=files[0])
                self.context.submit(
                    scheduled_reports.written(report, files, language),
                    lambda _r, said=said: (self._say(said), self.context.send_soon()),
                )

        self.context.reads.submit("scheduled-reports", work, then, self)
