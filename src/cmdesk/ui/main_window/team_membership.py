"""Joining and leaving a team from the window (Sources' team line): the join dialog, the join off the window's
thread (app/context.join_team), a refusal said in the dialog opened again, and cmdesk starting again once this
computer's workspace is the team's (or its own again). Part of MainWindow (window.py), as a mixin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from cmdesk.ui.team_join_dialog import TeamJoinDialog

if TYPE_CHECKING:
    from cmdesk.domain.team import JoinRequest
    from cmdesk.services.team import Joined
    from cmdesk.ui.main_window.window import MainWindow


class TeamMembership:
    def join_team(self: MainWindow, problem: str = "", request: JoinRequest | None = None) -> TeamJoinDialog:
        """The join dialog (again, with what went wrong, after a refusal)."""
        dialog = TeamJoinDialog(self)
        if request is not None:
            dialog.address.setText(request.address.url)
            dialog.laptop.setText(request.laptop)
            dialog.person.setText(request.person)
            dialog.replace_local.setChecked(request.replace_local)
            dialog.password.setFocus()
        dialog.say(problem)
        dialog.accepted.connect(lambda: self._joining(dialog.request) if dialog.request is not None else None)
        dialog.open()
        return dialog

    def _joining(self: MainWindow, request: JoinRequest) -> None:
        self.statusBar().showMessage(self.tr("Joining the team at {server}…").format(server=request.address.url))

        def then(joined: Joined | None, error: BaseException | None) -> None:
            if joined is None:
                self.statusBar().clearMessage()
                self.join_team(str(error) if error is not None else self.tr("The team could not be joined."), request)
                return
            said = (
                self.tr("This computer's workspace is now the team's: teammates who join get it.")
                if joined.first
                else self.tr("This computer now has the team's workspace.")
            )
            self._start_again(self.tr("Joined the team"), said)

        self.context.join_team(request, then)

    def sync_with_team(self: MainWindow) -> None:
        if self.context.team is not None:
            self.context.team.soon()
            self.statusBar().showMessage(self.tr("Syncing with the team…"), 5000)

    def leave_team(self: MainWindow) -> None:
        asked = QMessageBox.question(
            self,
            self.tr("Leave the team"),
            self.tr(
                "This computer keeps its copy of the workspace and works alone again; changes not yet sent to the "
                "team are sent first when it can be reached. Leave the team?"
            ),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return

        def then(_dropped: int | None, error: BaseException | None) -> None:
            if error is not None:
                self.statusBar().showMessage(self.tr("Could not leave the team: {why}").format(why=error), 15000)
                return
            self._start_again(self.tr("Left the team"), self.tr("This computer works alone again."))

        self.context.leave_team(then)

    def _start_again(self: MainWindow, title: str, said: str) -> None:
        """Say what happened; cmdesk then starts again, to work with the team (or alone) from its first screen."""
        box = QMessageBox(
            QMessageBox.Icon.Information, title, said + "\n\n" + self.tr("cmdesk starts again now."), parent=self
        )
        box.finished.connect(lambda _result: self.restart_app())
        box.open()
        self.started_again_box = box

    def restart_app(self: MainWindow) -> None:
        self.context.restart_on_quit = True
        self.quit_app()
