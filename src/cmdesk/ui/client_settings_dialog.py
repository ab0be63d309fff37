"""A client's settings: the signature of its e-mail replies, its weekly posting slots ("next free slot" in the
composer), and what happens to its scheduled posts whose time passes while cmdesk is not running."""

from __future__ import annotations

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

from cmdesk.domain.reader import Reader
from cmdesk.services import clients
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

    def save(self) -> None:
        try:
            command = clients.save_settings(
                self._client_id,
                self.signature.toPlainText(),
                str(self.missed.currentData()),
                self.slots.text().split(","),
            )
        except Refused as error:
            self.status.setText(str(error))
            return
        self._desk.submit(command, lambda _none: self.accept(), self.status.setText)
