"""A client's settings: the signature of its e-mail replies, its weekly posting slots ("next free slot" in the
composer), what happens to its scheduled posts whose time passes while cmdesk is not running, and its business
hours with the first-response target that the Overdue view and the reports count against."""

from __future__ import annotations

from datetime import date
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.business_hours import (
    DAYS,
    BusinessHours,
    BusinessHoursError,
    known_zone,
    local_zone,
    parse_target,
    parse_week,
    target_text,
    week_text,
)
from cmdesk.domain.reader import Reader
from cmdesk.domain.reporting import ReportSchedule
from cmdesk.services import clients, networks, scheduled_reports
from cmdesk.services.commands import Refused
from cmdesk.services.desk import Desk
from cmdesk.ui import theme


class ClientSettingsDialog(QDialog):
    def __init__(self, reader: Reader, desk: Desk, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._client_id = client_id
        client = reader.client(client_id)
        self.setWindowTitle(self.tr("Settings of {client}").format(client=client.name))
        self.setMinimumWidth(520)
        self.signature = QPlainTextEdit(client.signature, self)
        self.signature.setPlaceholderText(self.tr("Added under “-- ” to e-mail replies (an account's own one wins)"))
        self.signature.setMaximumHeight(90)
        self.slots = QLineEdit(", ".join(client.slots), self)
        self.slots.setPlaceholderText(self.tr("e.g. mon 09:00, thu 18:30"))
        self.missed = QComboBox(self)
        for key, label in (
            ("ask", self.tr("hold it and ask me")),
            ("send", self.tr("send it when cmdesk runs again")),
            ("skip", self.tr("skip it")),
        ):
            self.missed.addItem(label, key)
        self.missed.setCurrentIndex(max(0, self.missed.findData(client.missed_policy)))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long (French) labels go above their field
        form.addRow(self.tr("E-mail signature:"), self.signature)
        form.addRow(self.tr("Posting slots:"), self.slots)
        form.addRow(self.tr("A post whose time passed while cmdesk was closed:"), self.missed)
        hours = client.hours
        # The day names the user reads and types (parse_week reads both languages'): "mon,tue,…" translated.
        names = self.tr("mon,tue,wed,thu,fri,sat,sun").split(",")
        self.week = QLineEdit(week_text(hours.week, names if len(names) == len(DAYS) else DAYS), self)
        self.week.setPlaceholderText(self.tr("Around the clock — or e.g. mon-fri 9:00-18:00, sat 9:00-12:00"))
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems(sorted(available_timezones()))
        self.zone.setCurrentText(local_zone() if hours.always_open else hours.zone)
        self.holidays = QLineEdit(", ".join(sorted(day.isoformat() for day in hours.holidays)), self)
        self.holidays.setPlaceholderText(self.tr("Closed days, e.g. 2026-12-25, 2027-01-01"))
        self.target = QLineEdit("" if hours.target_minutes is None else target_text(hours.target_minutes), self)
        self.target.setPlaceholderText(self.tr("No target — or e.g. 4h, 90m, 1d (a business day: 8 h)"))
        form.addRow(self.tr("Business hours:"), self.week)
        form.addRow(self.tr("Time zone:"), self.zone)
        form.addRow(self.tr("Holidays:"), self.holidays)
        form.addRow(self.tr("First answer within (business time):"), self.target)
        schedule = ReportSchedule.from_json(client.report_schedule)
        self._schedule = schedule
        self.every = QComboBox(self)
        for key, label in (
            ("", self.tr("no report written on its own")),
            ("weekly", self.tr("every week (Monday to Sunday)")),
            ("monthly", self.tr("every month")),
        ):
            self.every.addItem(label, key)
        self.every.setCurrentIndex(max(0, self.every.findData(schedule.every if schedule else "")))
        self.folder = QLineEdit(schedule.folder if schedule else "", self)
        self.folder.setPlaceholderText(self.tr("The folder the PDF goes to, e.g. ~/Documents/Rapports"))
        self.email_to = QLineEdit(schedule.email_to if schedule else "", self)
        self.email_to.setPlaceholderText(self.tr("Also e-mail it to (optional), e.g. direction@example.fr"))
        self.email_account = QComboBox(self)
        for account in reader.accounts():
            if account.client_id == client_id and networks.capabilities(account.network).can_mail:
                self.email_account.addItem(account.name, account.id)
        if schedule is not None and schedule.email_account is not None:
            self.email_account.setCurrentIndex(max(0, self.email_account.findData(schedule.email_account)))
        form.addRow(self.tr("Report for management:"), self.every)
        form.addRow(self.tr("Into the folder:"), self.folder)
        form.addRow(self.tr("E-mail it to:"), self.email_to)
        if self.email_account.count():
            form.addRow(self.tr("From the account:"), self.email_account)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(theme.text_style("bad"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def business_hours(self) -> BusinessHours:
        """What the response-time fields say; BusinessHoursError names what cannot be read."""
        week = parse_week(self.week.text())
        holidays: set[date] = set()
        for text in filter(None, (part.strip() for part in self.holidays.text().split(","))):
            try:
                holidays.add(date.fromisoformat(text))
            except ValueError as error:
                raise BusinessHoursError(self.tr("“{text}” is not a date like 2026-12-25").format(text=text)) from error
        zone = known_zone(self.zone.currentText()) if week else "UTC"
        return BusinessHours(week, zone, frozenset(holidays), parse_target(self.target.text()))

    def save(self) -> None:
        try:
            command = clients.save_settings(
                self._client_id,
                self.signature.toPlainText(),
                str(self.missed.currentData()),
                self.slots.text().split(","),
            )
            hours = clients.set_hours(self._client_id, self.business_hours())
            schedule = scheduled_reports.set_schedule(self._client_id, self.report_schedule())
        except (Refused, BusinessHoursError) as error:
            self.status.setText(str(error))
            return

        def then_schedule(_waiting: int) -> None:
            self._desk.submit(schedule, lambda _none: self.accept(), self.status.setText)

        self._desk.submit(
            command, lambda _none: self._desk.submit(hours, then_schedule, self.status.setText), self.status.setText
        )

    def report_schedule(self) -> ReportSchedule | None:
        """What the report fields say (the last report written kept while the schedule stays the same)."""
        every = str(self.every.currentData())
        if not every:
            return None
        folder = self.folder.text().strip()
        if not folder:
            raise BusinessHoursError(self.tr("Choose the folder the reports go to."))
        kept = self._schedule
        same = kept is not None and kept.every == every and kept.folder == folder
        email_to = self.email_to.text().strip()
        account = self.email_account.currentData() if email_to else None
        if email_to and account is None:
            raise BusinessHoursError(self.tr("The client has no e-mail account to send the report from."))
        return ReportSchedule(
            every, folder, kept.formats if kept else ("pdf",), kept.last_written if same else None, email_to, account
        )
