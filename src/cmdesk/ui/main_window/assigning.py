"""Working on a conversation with the team: the Edit menu's Assign… (A) lists the team's people, the choice is
written here at once and checked with the team (app/team_desk.py), a teammate who took it first is said in the
status bar and the list shows who has it; Add a note… (N) keeps an internal note on it, shown above the thread
(and replayed to the teammates). Part of MainWindow (window.py), as a mixin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMenu

from cmdesk.domain.reads import Conversation
from cmdesk.domain.team import PresenceState
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.services import notes as notes_service

if TYPE_CHECKING:
    from cmdesk.services.team import Assigned
    from cmdesk.ui.main_window.window import MainWindow


class Assigning:
    def assign_menu(self: MainWindow) -> None:
        current = self.list.currentIndex().data(ConversationRole)
        workspace = self.context.reader.workspace()
        if current is None or not workspace.person:
            return
        menu = QMenu(self)
        for person in workspace.teammates:
            shown = self.tr("Me ({name})").format(name=person) if person == workspace.person else person
            action = menu.addAction(shown)
            action.setCheckable(True)
            action.setChecked(current.assignee == person)
            action.triggered.connect(lambda _checked=False, who=person: self.assign_to(current.id, who))
        menu.addSeparator()
        nobody = menu.addAction(self.tr("Nobody"))
        nobody.setCheckable(True)
        nobody.setChecked(not current.assignee)
        nobody.triggered.connect(lambda _checked=False: self.assign_to(current.id, ""))
        menu.popup(self.list.mapToGlobal(self.list.visualRect(self.list.currentIndex()).center()))

    def assign_to(self: MainWindow, conversation_id: int, person: str) -> None:
        team = self.context.team
        if team is None:
            return

        def told(done: Assigned) -> None:
            if done.refused and done.holder:
                self.statusBar().showMessage(
                    self.tr("Not assigned: already taken by {name}").format(name=done.holder), 10000
                )
            elif done.refused:
                self.statusBar().showMessage(self.tr("Not assigned: a teammate unassigned it meanwhile"), 10000)
            elif not done.checked:
                self.statusBar().showMessage(
                    self.tr("Assigned here; the team database cannot be reached: it is checked when it can"), 10000
                )
            elif person:
                self.statusBar().showMessage(self.tr("Assigned to {name}").format(name=person), 6000)
            else:
                self.statusBar().showMessage(self.tr("No longer assigned"), 6000)

        team.assign(conversation_id, person, told)

    def note_dialog(self: MainWindow) -> None:
        current = self.thread.conversation
        if current is None:
            return
        body, accepted = QInputDialog.getMultiLineText(
            self,
            self.tr("Internal note"),
            self.tr("What the team should know about this conversation (never sent to anyone):"),
        )
        if accepted and body.strip():
            self.context.submit(
                notes_service.add_note(current.id, body),
                lambda _made: self.statusBar().showMessage(self.tr("Note kept"), 4000),
            )

    # presence ----------------------------------------------------------------------------------------------------

    def _uid_of(self: MainWindow, row: Conversation) -> str:
        return getattr(self, "_account_uids", {}).get(row.account_id, "")

    def viewing(self: MainWindow, row: Conversation) -> None:
        """The window shows this conversation: the teammates hear of it."""
        team = self.context.team
        if team is not None:
            team.show(self._uid_of(row), row.remote_id, PresenceState.VIEWING)

    def writing_here(self: MainWindow) -> None:
        row = self.thread.conversation
        team = self.context.team
        if row is not None and team is not None and self.thread.reply.toPlainText().strip():
            team.show(self._uid_of(row), row.remote_id, PresenceState.REPLYING)

    def present_in(self: MainWindow, row: Conversation) -> list[str]:
        """The list's chips for the teammates in this conversation now."""
        team = self.context.team
        if team is None:
            return []
        return [
            ("✍ " if state is PresenceState.REPLYING else "👀 ") + person
            for person, state in team.who(self._uid_of(row), row.remote_id)
        ]

    def presence_lines(self: MainWindow, row: Conversation) -> list[str]:
        """The thread's lines saying which teammates are in it now."""
        team = self.context.team
        if team is None:
            return []
        return [
            self.tr("✍ {name} is writing a reply here").format(name=person)
            if state is PresenceState.REPLYING
            else self.tr("👀 {name} is reading this conversation").format(name=person)
            for person, state in team.who(self._uid_of(row), row.remote_id)
        ]

    def presence_changed(self: MainWindow) -> None:
        self.list.viewport().update()
        row = self.thread.conversation
        if row is not None:
            self._show_thread(row)
