"""The team line of the Sources pane: outside a team, what a team is for and a way to join one; in a team, who this
computer is, where the team database is, what waits to reach it and whether it can be reached now — with the ways
to sync with it now and to leave it."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cmdesk.domain.reader import TeamSummary
from cmdesk.ui import theme
from cmdesk.ui.icons import icon


class TeamStrip(QFrame):
    joinRequested = Signal()  # noqa: N815 - Qt naming
    syncRequested = Signal()  # noqa: N815
    leaveRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.badge = QLabel(self)
        self.badge.setPixmap(icon("view-mine").pixmap(22, 22))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.join_button = QPushButton(self.tr("Join a team…"), self)
        self.sync_button = QPushButton(self.tr("Sync with the team now"), self)
        self.leave_button = QPushButton(self.tr("Leave the team…"), self)
        self.join_button.clicked.connect(lambda _checked=False: self.joinRequested.emit())
        self.sync_button.clicked.connect(lambda _checked=False: self.syncRequested.emit())
        self.leave_button.clicked.connect(lambda _checked=False: self.leaveRequested.emit())
        layout = QHBoxLayout(self)
        layout.addWidget(self.badge)
        layout.addWidget(self.summary, 1)
        for button in (self.join_button, self.sync_button, self.leave_button):
            layout.addWidget(button)
        self.show_team(None, "")

    def show_team(self, team: TeamSummary | None, person: str, problem: str = "") -> None:
        """`team` None: this computer works alone; `problem`: why the team database is out of reach now."""
        in_team = team is not None
        self.join_button.setVisible(not in_team)
        self.sync_button.setVisible(in_team)
        self.leave_button.setVisible(in_team)
        if team is None:
            self.summary.setText(
                "<b>{}</b><br>{}".format(
                    html.escape(self.tr("This computer works alone.")),
                    html.escape(
                        self.tr(
                            "Join a team to share this inbox with teammates: assign conversations, leave notes, "
                            "see who is answering, never reply twice."
                        )
                    ),
                )
            )
            return
        waiting = (
            self.tr("every change has reached the team")
            if team.waiting == 0
            else self.tr("%Ln change(s) waiting to reach the team", "", team.waiting)
        )
        tone = "bad" if problem else "good"
        reach = self.tr("out of reach: {why}").format(why=problem) if problem else self.tr("team database reachable")
        self.summary.setText(
            "<b>{}</b><br>{} · {} · <span style='{}'>{}</span>".format(
                html.escape(self.tr("{person} on {laptop}, in a team").format(person=person, laptop=team.laptop)),
                html.escape(team.server),
                html.escape(waiting),
                theme.text_style(tone),
                html.escape(reach),
            )
        )
