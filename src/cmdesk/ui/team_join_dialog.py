"""Join a team from the window (what `cmdesk team join URL` does): the team database's address, its password (kept
in the system keyring, never shown again), this laptop's name and the person using it. The join itself runs off the
window's thread (app/context.join_team); cmdesk then starts again to work as part of the team."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Secret
from cmdesk.domain.team import JoinRequest, TeamUrlError, parse_team_url
from cmdesk.ui import theme


class TeamJoinDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Join a team"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "Share this inbox with teammates through a PostgreSQL database you all reach (a small hosted one, "
                "or one on the office computer). Each computer keeps its own copy and works offline; changes meet "
                "in the team database. The first computer to join brings its workspace; the others get the team's."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText("postgresql://anna@db.example.org:5432/team")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.laptop = QLineEdit(socket.gethostname().split(".")[0], self)
        self.person = QLineEdit(self)
        self.person.setPlaceholderText(self.tr("Your first name, as teammates will see it"))
        self.replace_local = QCheckBox(self.tr("This computer's sources may be replaced by the team's"), self)
        self.replace_local.setToolTip(
            self.tr("Needed when this computer has sources the team lacks. A copy of its workspace is kept.")
        )
        form = QFormLayout()
        form.addRow(self.tr("Team database:"), self.address)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("This computer:"), self.laptop)
        form.addRow(self.tr("Your name:"), self.person)
        form.addRow("", self.replace_local)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(theme.text_style("bad"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.join_button = self.buttons.addButton(self.tr("Join"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.join_button.setDefault(True)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.request: JoinRequest | None = None
        self.address.setFocus()

    def _check(self) -> None:
        """Accept only what can be joined: an address without a password, a password, two names."""
        try:
            address = parse_team_url(self.address.text())
        except TeamUrlError as error:
            self.say(str(error))
            self.address.setFocus()
            return
        for field, missing in (
            (self.password, self.tr("Type the team database's password.")),
            (self.laptop, self.tr("Give this computer a name (each computer of a team has its own).")),
            (self.person, self.tr("Say who uses this computer: teammates assign conversations by name.")),
        ):
            if not field.text().strip():
                self.say(missing)
                field.setFocus()
                return
        self.request = JoinRequest(
            address,
            Secret(self.password.text()),
            self.laptop.text().strip(),
            self.person.text().strip(),
            self.replace_local.isChecked(),
        )
        self.password.clear()
        self.accept()

    def say(self, problem: str) -> None:
        self.status.setText(problem)
