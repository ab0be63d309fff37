"""Adding an e-mail account: the address pre-fills the servers of well-known providers; "Test connection" signs in
and opens the folders, saying precisely what failed (DNS, certificate, password, mailbox); the password goes to the
system keyring only."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Account
from cmdesk.services import email_signin
from cmdesk.services.commands import Refused
from cmdesk.services.email_signin import preset_for
from cmdesk.ui import theme
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.plain_words import details_tip, plain

SECURITY = ("tls", "starttls", "none")
PERIODS = (7, 30, 90, 365, 36500)
"""First-sync reach offered, in days (the last: everything)."""
UNCHECKED_ROLES = ("\\Trash", "\\Junk", "\\Drafts", "\\All", "\\Archive", "\\Flagged")
PORTS = {"tls": (993, 465), "starttls": (143, 587), "none": (143, 25)}


class EmailAccountDialog(QDialog):
    def __init__(self, context: WindowDesk, parent: QWidget | None = None, client_name: str | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._task: asyncio.Future[Any] | None = None
        self.added_account_id: int | None = None
        self.setWindowTitle(self.tr("Add an e-mail account"))
        self.setMinimumWidth(540)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(self.tr("contact@your-shop.fr"))
        self.address.editingFinished.connect(self._prefill)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("password or app password"))
        self.client = ClientBox(context, self, client_name)
        self.imap_host, self.smtp_host = QLineEdit(self), QLineEdit(self)
        self.imap_port, self.smtp_port = QSpinBox(self), QSpinBox(self)
        for port in (self.imap_port, self.smtp_port):
            port.setRange(1, 65535)
        self.imap_port.setValue(993)
        self.smtp_port.setValue(465)
        self.imap_security, self.smtp_security = QComboBox(self), QComboBox(self)
        labels = {"tls": self.tr("TLS"), "starttls": self.tr("STARTTLS"), "none": self.tr("none (this computer only)")}
        for box, index in ((self.imap_security, 0), (self.smtp_security, 1)):
            for key in SECURITY:
                box.addItem(labels[key], key)
            box.currentIndexChanged.connect(lambda _i, b=box, n=index: self._default_port(b, n))
        self.username = QLineEdit(self)
        self.username.setPlaceholderText(self.tr("only if it is not the address"))
        self.period = QComboBox(self)
        for days, label in zip(
            PERIODS,
            (
                self.tr("the last 7 days"),
                self.tr("the last 30 days"),
                self.tr("the last 90 days"),
                self.tr("the last year"),
                self.tr("everything"),
            ),
            strict=True,
        ):
            self.period.addItem(label, days)
        self.period.setCurrentIndex(PERIODS.index(90))
        self.period.setToolTip(self.tr("Older messages follow in the background, a page at a time."))
        self.folders = QListWidget(self)
        self.folders.setMaximumHeight(96)
        self.folders.setToolTip(self.tr("Test the connection to list every folder of the account."))
        self._show_folders(("INBOX",), {})
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("Incoming (IMAP):"), self.imap_host)
        form.addRow(self.tr("Port, security:"), self._pair(self.imap_port, self.imap_security))
        form.addRow(self.tr("Outgoing (SMTP):"), self.smtp_host)
        form.addRow(self.tr("Port, security:"), self._pair(self.smtp_port, self.smtp_security))
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("First sync reaches:"), self.period)
        form.addRow(self.tr("Folders:"), self.folders)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.test_button = self.buttons.addButton(self.tr("Test connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button = self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.test_button.clicked.connect(lambda _checked=False: self._run(self.test(), add=False))
        self.add_button.clicked.connect(lambda _checked=False: self._run(self.test(), add=True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.address.setFocus()

    def _show_folders(self, names: tuple[str, ...], roles: dict[str, str]) -> None:
        """The account's folders, checkable; INBOX and what was already chosen stay checked, the Sent folder and
        other folders start unchecked, Trash, Junk and Drafts are never suggested."""
        chosen = set(self.chosen_folders()) if self.folders.count() else {"INBOX"}
        self.folders.clear()
        for name in names:
            item = QListWidgetItem(name, self.folders)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = name in chosen and roles.get(name, "") not in UNCHECKED_ROLES
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_folders(self) -> list[str]:
        return [
            self.folders.item(row).text()
            for row in range(self.folders.count())
            if self.folders.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _pair(self, port: QSpinBox, security: QComboBox) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(port)
        row.addWidget(security, 1)
        return box

    def _default_port(self, box: QComboBox, index: int) -> None:
        ports = PORTS[str(box.currentData())]
        (self.imap_port if index == 0 else self.smtp_port).setValue(ports[index])

    def _prefill(self) -> None:
        preset = preset_for(self.address.text())
        if preset is None or self.imap_host.text():
            return
        self.imap_host.setText(preset.imap_host)
        self.smtp_host.setText(preset.smtp_host)
        self.imap_security.setCurrentIndex(SECURITY.index(preset.imap_security))
        self.smtp_security.setCurrentIndex(SECURITY.index(preset.smtp_security))
        self.imap_port.setValue(preset.imap_port)
        self.smtp_port.setValue(preset.smtp_port)
        self.note.setText(preset.note)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "imap_host": self.imap_host.text().strip(),
            "imap_port": self.imap_port.value(),
            "imap_security": self.imap_security.currentData(),
            "smtp_host": self.smtp_host.text().strip() or self.imap_host.text().strip(),
            "smtp_port": self.smtp_port.value(),
            "smtp_security": self.smtp_security.currentData(),
            "folders": self.chosen_folders() or ["INBOX"],
            "first_sync_days": int(self.period.currentData()),
        }
        if self.username.text().strip():
            values["username"] = self.username.text().strip()
        return values

    def _run(self, work: Any, *, add: bool) -> None:
        self.test_button.setEnabled(False)
        self.add_button.setEnabled(False)
        self._task = asyncio.ensure_future(self._guarded(work, add))

    async def _guarded(self, work: Any, add: bool) -> None:
        try:
            ok = await work
            if ok and add:
                command = email_signin.add_account(
                    self._context.credentials,
                    self.client.chosen(),
                    self.address.text().strip(),
                    self.values(),
                    self.password.text(),
                )
                self._added(await self._context.execute(command))
        except Exception as error:  # noqa: BLE001 - shown in one line, never a crash
            self._fail(str(error))
        finally:
            self.test_button.setEnabled(True)
            self.add_button.setEnabled(True)

    def _added(self, account: Account) -> None:
        self.added_account_id = account.id
        self.accept()

    def _fail(self, reason: str) -> None:
        """In plain words (ui/plain_words.py), the server's own in the tooltip."""
        self.status.setStyleSheet(theme.text_style("bad"))
        self.status.setText(plain(reason))
        self.status.setToolTip(details_tip(reason))

    async def test(self) -> bool:
        address = self.address.text().strip()
        if "@" not in address or not self.imap_host.text().strip():
            self._fail(self.tr("Type the address and the incoming server (IMAP)."))
            return False
        if not self.password.text():
            self._fail(self.tr("Type the password."))
            return False
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Connecting to {host}…").format(host=self.imap_host.text().strip()))
        try:
            checked = await email_signin.test_connection(address, self.values(), self.password.text())
        except Refused as error:
            self._fail(self.tr("Cannot use this account: {reason}").format(reason=error))
            return False
        self._show_folders(checked.folders, checked.special)
        self.status.setStyleSheet(theme.text_style("good"))
        self.status.setText(self.tr("Connected: {summary}").format(summary=checked.summary))
        return True
