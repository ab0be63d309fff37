"""The Reports pane: a client (or all) and a period (this week, last week, this month, last month, custom), and
what management reads — totals and response times against the target, the charts (a click on a bar or a cell opens
the conversations behind it), top terms and contacts, notable conversations, what was flagged for management, posts
published, alerts — with the PDF, CSV and HTML exports.
Everything is read on the reading thread, the charts drawn in a child process (services/chart_drawing.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.business_hours import local_zone
from cmdesk.domain.reporting import ConversationLine, Period, ReportData, today_in
from cmdesk.models.time_text import interface_language, span_text
from cmdesk.reports.screen_charts import RenderedChart
from cmdesk.services import chart_drawing
from cmdesk.ui import theme
from cmdesk.ui.alert_bar import alert_text
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.report_charts import ChartImage

PERIODS = ("this_week", "last_week", "this_month", "last_month", "custom")


@dataclass(frozen=True, slots=True)
class _Steps:
    """One choice of client and period, as its reads go (`asked` tells it from later choices)."""

    asked: int
    client_id: int | None
    period: Period
    language: str
    width: int
    """Of each chart, in pixels: two side by side on a wide window."""


IdRole = Qt.ItemDataRole.UserRole
CHART_SPACING = 12


class ReportsPane(QWidget):
    conversationsRequested = Signal(object, str)  # noqa: N815 - conversation ids, what they are (for the status bar)
    chartsShown = Signal()  # noqa: N815 - a period's charts are on screen (its conversations may still be read)

    def __init__(self, context: WindowDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: ReportData | None = None
        self.shown_period: Period | None = None
        self._asked = 0
        self.client = QComboBox(self)
        self.period = QComboBox(self)
        titles = {
            "this_week": self.tr("This week"),
            "last_week": self.tr("Last week"),
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "custom": self.tr("Custom…"),
        }
        for key in PERIODS:
            self.period.addItem(titles[key], key)
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-6), self)
        self.last = QDateEdit(today, self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setVisible(False)
            edit.dateChanged.connect(self._dates_changed)
        self.export = QPushButton(self.tr("Export"), self)
        menu = QMenu(self.export)
        menu.addAction(self.tr("PDF (printable, for management)…"), lambda: self.export_as("pdf"))
        menu.addAction(self.tr("CSV (one row per conversation)…"), lambda: self.export_as("csv"))
        menu.addAction(self.tr("HTML (one file to send)…"), lambda: self.export_as("html"))
        self.export.setMenu(menu)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Client:"), self))
        bar.addWidget(self.client, 1)
        bar.addWidget(QLabel(self.tr("Period:"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.first)
        bar.addWidget(self.last)
        bar.addStretch(1)
        bar.addWidget(self.export)

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setStyleSheet(theme.text_style("meta"))
        self.totals = QGridLayout()
        self.charts = [ChartImage(self) for _number in range(3)]
        for chart in self.charts:
            chart.clicked.connect(self.open_behind)
        self.terms = QLabel(self)
        self.contacts = QLabel(self)
        for label in (self.terms, self.contacts):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.lists: dict[str, QListWidget] = {}
        self.titles: dict[str, QLabel] = {}
        body = QWidget(self)
        self.body = body
        column = QVBoxLayout(body)
        column.addWidget(self.heading)
        column.addWidget(self.status)
        column.addLayout(self.totals)
        self._columns = 0
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(CHART_SPACING)
        self.chart_grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._place_charts(1)
        column.addLayout(self.chart_grid)
        words = QHBoxLayout()
        words.addWidget(self.terms, 1)
        words.addWidget(self.contacts, 1)
        column.addLayout(words)
        for key, title in (
            ("management", self.tr("For management")),
            ("team", self.tr("By teammate")),
            ("negative", self.tr("Most negative")),
            ("waiting", self.tr("Longest unanswered")),
            ("busiest", self.tr("Busiest")),
            ("posts", self.tr("Posts published")),
            ("alerts", self.tr("Bad-buzz alerts")),
        ):
            self.titles[key] = self._title(title)
            column.addWidget(self.titles[key])
            listing = QListWidget(body)
            listing.setMaximumHeight(130)
            listing.itemActivated.connect(self._open_item)
            listing.itemClicked.connect(self._open_item)
            self.lists[key] = listing
            column.addWidget(listing)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.client.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self._period_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_charts()

    def _fit_charts(self) -> None:
        """Side by side as many charts as the width holds (two on a wide window), one under the other when not."""
        chart = self.charts[0].width() if not self.charts[0].pixmap().isNull() else 0
        self._place_charts(max(1, (self._room() + CHART_SPACING) // (chart + CHART_SPACING)) if chart else 1)

    def _chart_width(self) -> int:
        """Pixels for each chart as the pane is now: two side by side from 1,240 pixels, else one up to 900."""
        room = self._room()
        return max(480, (room - CHART_SPACING) // 2) if room >= 1200 else min(900, max(480, room))

    def _room(self) -> int:
        """The body's width for charts: the pane's, less the scroll bar and the margins."""
        return self.width() - 64

    def _place_charts(self, columns: int) -> None:
        if self._columns == columns:
            return
        self._columns = columns
        for chart in self.charts:
            self.chart_grid.removeWidget(chart)
        for number, chart in enumerate(self.charts):
            self.chart_grid.addWidget(chart, number // columns, number % columns)

    def _title(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setStyleSheet("font-weight: bold; margin-top: 8px;")
        return label

    def fill_clients(self, preferred: int | None = None) -> None:
        """The client list ("All clients" first), keeping the one chosen; the first time, `preferred` (the client
        the sidebar shows) or the first client."""
        chosen = self.client.currentData() if self.client.count() else preferred
        self.client.blockSignals(True)
        self.client.clear()
        self.client.addItem(self.tr("All clients"), None)
        for client in self.context.reader.clients():
            self.client.addItem(client.name, client.id)
        index = self.client.findData(chosen) if chosen is not None else -1
        self.client.setCurrentIndex(index if index >= 0 else (1 if self.client.count() > 1 else 0))
        self.client.blockSignals(False)

    def chosen_period(self, now: datetime | None = None) -> Period:
        """The period chosen, in the client's time zone; a preset counts from the client's today at `now`."""
        client_id = self.client.currentData()
        zone = local_zone()
        if client_id is not None:
            hours = self.context.reader.client(client_id).hours
            zone = zone if hours.always_open else hours.zone
        key = self.period.currentData()
        if key == "custom":
            first, last = self.first.date().toPython(), self.last.date().toPython()
            return Period(min(first, last), max(first, last), zone)  # type: ignore[type-var]
        return Period.preset(str(key), today_in(zone, now or datetime.now(UTC)), zone)

    def _dates_changed(self) -> None:
        if self.period.currentData() == "custom":  # the dates count only for a custom period
            self.refresh()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.first.setVisible(custom)
        self.last.setVisible(custom)
        self.refresh()

    def refresh(self) -> None:
        """Read and draw the report for the chosen client and period, off the window's thread, in three steps each
        asked for when the one before is shown: its counts and first chart (milliseconds, from the counts per
        hour), its other charts, then the rest (a year's conversations take a second). What a choice made since
        asked for is dropped."""
        if self.client.count() == 0:
            self.fill_clients()
        self._asked += 1
        self.data = None
        self.export.setEnabled(False)  # until the report of this choice is read
        self.status.setText(self.tr("Reading…"))
        steps = _Steps(
            self._asked, self.client.currentData(), self.chosen_period(), interface_language(), self._chart_width()
        )

        def first_chart(reader: Any) -> tuple[ReportData, dict[int, RenderedChart]]:
            data = reader.report_overview(steps.client_id, steps.period)
            return data, dict(enumerate(chart_drawing.draw(data, steps.language, (0,), steps.width)))

        self.context.reads.submit("report", first_chart, lambda result: self._show_charts(steps, *result), self)

    def _show_charts(self, steps: _Steps, data: ReportData, charts: dict[int, RenderedChart]) -> None:
        if steps.asked != self._asked:
            return
        if 0 in charts:
            self._show_heading(data)
        for number, chart in charts.items():
            self.charts[number].show_chart(chart)
        self._fit_charts()  # now that a chart's width is known
        layout = self.body.layout()
        if layout is not None:
            layout.activate()  # the charts' sizes are known now: the page grows to hold them
        self.chartsShown.emit()
        if 0 in charts:
            others = range(1, len(self.charts))

            def other_charts(_reader: Any) -> tuple[ReportData, dict[int, RenderedChart]]:
                drawn = chart_drawing.draw(data, steps.language, others, steps.width)
                return data, dict(zip(others, drawn, strict=True))

            self.context.reads.submit("report", other_charts, lambda result: self._show_charts(steps, *result), self)
        else:
            self.context.reads.submit(
                "report",
                lambda reader: reader.report(steps.client_id, steps.period),
                lambda whole: self._show(steps.asked, whole),
                self,
            )

    def _show_heading(self, data: ReportData) -> None:
        self.shown_period = data.period
        locale = QLocale()
        name = data.client if data.client != "All clients" else self.tr("All clients")
        self.heading.setText(
            f"{name} — {locale.toString(data.period.first, QLocale.FormatType.ShortFormat)} – "
            f"{locale.toString(data.period.last, QLocale.FormatType.ShortFormat)}"
        )
        self.status.setText(self.tr("Reading the conversations…"))

    def _show(self, asked: int, data: ReportData) -> None:
        if asked != self._asked:
            return
        self.data = data
        self.status.setText(self.tr("Times in business hours ({zone})").format(zone=data.period.zone))
        self._show_totals(data)
        terms, contacts = self.tr("Top terms"), self.tr("Top contacts")
        self.terms.setText(f"<b>{terms}</b><br>" + ", ".join(f"{term} ({count})" for term, count in data.top_terms))
        self.contacts.setText(
            f"<b>{contacts}</b><br>" + ", ".join(f"{who} ({count})" for who, count in data.top_contacts)
        )
        self._fill(
            "management",
            [(f"{line.author}: {line.for_management or line.subject}", line.id) for line in data.flagged()],
        )
        self._show_teammates(data)
        self._fill("negative", [(self._line_text(line), line.id) for line in data.most_negative()])
        self._fill("waiting", [(self._line_text(line), line.id) for line in data.longest_unanswered()])
        self._fill("busiest", [(self._line_text(line), line.id) for line in data.busiest()])
        self._fill(
            "posts",
            [
                (f"{post.text[:80]} — ★ {post.favourites} · ⟲ {post.boosts} · ↩ {post.replies}", None)
                for post in data.posts
            ],
        )
        self._fill("alerts", [(alert_text(alert), None) for alert in data.alerts])
        self.export.setEnabled(True)

    def _show_teammates(self, data: ReportData) -> None:
        """The period split by teammate (team mode); not shown while no conversation of it is assigned."""
        split = data.by_teammate()
        self.titles["team"].setVisible(bool(split))
        self.lists["team"].setVisible(bool(split))
        self._fill(
            "team",
            [
                (
                    self.tr(
                        "{who} — {conversations} conversations, {answered} answered, {waiting} waiting, "
                        "median first response {median}"
                    ).format(
                        who=line.person or self.tr("Nobody"),
                        conversations=QLocale().toString(line.conversations),
                        answered=QLocale().toString(line.answered),
                        waiting=QLocale().toString(line.waiting),
                        median=_span(line.median_response),
                    ),
                    None,
                )
                for line in split
            ],
        )

    def _line_text(self, line: ConversationLine) -> str:
        return f"{line.author} — {line.subject or line.network} ({line.messages})"

    def _fill(self, key: str, entries: list[tuple[str, int | None]]) -> None:
        listing = self.lists[key]
        listing.clear()
        if not entries:
            item = QListWidgetItem(self.tr("Nothing in this period."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            listing.addItem(item)
        for text, conversation in entries:
            item = QListWidgetItem(text)
            item.setData(IdRole, conversation)
            listing.addItem(item)

    def _show_totals(self, data: ReportData) -> None:
        while self.totals.count():
            taken = self.totals.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()  # type: ignore[union-attr]
        share = data.within_target
        figures = (
            (self.tr("Messages received"), QLocale().toString(data.received)),
            (self.tr("Conversations"), QLocale().toString(len(data.lines))),
            (self.tr("Answered"), QLocale().toString(data.answered)),
            (self.tr("Unanswered"), QLocale().toString(data.unanswered)),
            (self.tr("Median first response"), _span(data.median_response)),
            (self.tr("90th percentile"), _span(data.p90_response)),
            (self.tr("Within target"), "—" if share is None else f"{round(share * 100)} %"),
        )
        for number, (title, value) in enumerate(figures):
            big = QLabel(value, self)
            big.setStyleSheet("font-size: 16pt; font-weight: bold;")
            small = QLabel(title, self)
            small.setStyleSheet(theme.text_style("meta"))
            self.totals.addWidget(big, 0, number)
            self.totals.addWidget(small, 1, number)

    def _open_item(self, item: QListWidgetItem) -> None:
        conversation = item.data(IdRole)
        if conversation is not None:
            self.conversationsRequested.emit((conversation,), item.text())

    def open_behind(self, key: tuple[Any, ...]) -> None:
        """A bar (days) or a cell (a weekday's hour) was clicked: the conversations behind it, in the inbox."""
        period = self.shown_period
        if period is None:
            return
        zone = ZoneInfo(period.zone)
        if key[0] == "days":
            first, last = key[1], key[2]
            ranges = [(_utc(first, 0, zone), _utc(last + timedelta(days=1), 0, zone))]
            what = self.tr("Conversations of {first} – {last}").format(first=first.isoformat(), last=last.isoformat())
        else:
            weekday, hour = key[1], key[2]
            days = [day for day in period.days() if day.weekday() == weekday]
            ranges = [(_utc(day, hour, zone), _utc(day, hour, zone) + timedelta(hours=1)) for day in days]
            what = self.tr("Conversations of {day} at {hour} h").format(day=QLocale().dayName(weekday + 1), hour=hour)
        client_id = self.client.currentData()
        self.context.reads.submit(
            "report-click",
            lambda reader: reader.report_conversations(client_id, ranges),
            lambda ids: self.conversationsRequested.emit(tuple(ids), what),
            self,
        )

    def export_as(self, kind: str) -> None:
        data = self.data
        if data is None:
            return
        suggested = f"{data.client} {data.period.first.isoformat()} {data.period.last.isoformat()}.{kind}"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the report"), suggested)
        if path:
            self.write(kind, Path(path))

    def write(self, kind: str, path: Path) -> None:
        """Write the shown report to `path` on the reading thread; the status line says when it is done."""
        data = self.data
        if data is None:
            return
        language = interface_language()

        def written(_reader: Any) -> str:
            from cmdesk.reports import csv_export, html_export, pdf_export

            if kind == "pdf":
                pdf_export.write_pdf(data, path, language)
            elif kind == "csv":
                with path.open("w", encoding="utf-8", newline="") as out:
                    csv_export.write_csv(data, out)
            else:
                path.write_text(html_export.render_html(data, language), encoding="utf-8")
            return str(path)

        self.status.setText(self.tr("Writing {path}…").format(path=path))
        self.context.reads.submit(
            f"report-{kind}",
            written,
            lambda done: self.status.setText(self.tr("Written: {path}").format(path=done)),
            self,
        )


def _span(seconds: float | None) -> str:
    return "—" if seconds is None else span_text(seconds)


def _utc(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour)).replace(tzinfo=zone).astimezone(UTC)


__all__ = ["ReportsPane"]
