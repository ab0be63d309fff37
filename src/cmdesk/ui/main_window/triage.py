"""Keyboard triage of the conversation list: status, snooze, read marks, labels, undo, moving and searching. Part of
MainWindow (window.py), as a mixin: it works on the window's own widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
)
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QVBoxLayout,
)

from cmdesk.domain import Status
from cmdesk.models import snooze_choices
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.models.time_text import local_time
from cmdesk.services import listening as listening_service
from cmdesk.services import triage as triage_service
from cmdesk.services.commands import Command
from cmdesk.ui import style
from cmdesk.ui.label_dialog import NewLabelDialog
from cmdesk.ui.management_dialog import ManagementDialog

if TYPE_CHECKING:
    from cmdesk.services.triage import TriageState

log = logging.getLogger(__name__)


class Triage:
    def _changed(self, ids: list[int], message: str) -> None:
        """After a change that moves conversations between views: reload the list keeping the position, say what
        happened (the counts follow from `_on_changed`)."""
        row = min((self.model.row_of(key) for key in ids if self.model.row_of(key) >= 0), default=0)
        self.model.reload()
        self._after_reload(row)
        self.statusBar().showMessage(message, 6000)

    def _triage(self, command: Command[TriageState], message: str, then: Callable[[str], None]) -> None:
        """Make a triage change the user can take back (the service captures the state before it inside the same
        write); `then` gets the message to show, which says how to undo it."""

        def made(before: TriageState) -> None:
            self._undo.push(message, before)
            self._show_undo()
            key = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            then(self.tr("{change} · {key} to undo").format(change=message, key=key))

        self.context.submit(command, made)

    def _calendar_undo(self) -> QUndoStack | None:
        """The calendar's moves, when the calendar is the page on show and has one to take back."""
        calendar = self.calendar
        if calendar is not None and self.pages.currentWidget() is calendar and calendar.undo.canUndo():
            return calendar.undo
        return None

    def _show_undo(self) -> None:
        moves = self._calendar_undo()
        last = moves.undoText() if moves is not None else self._undo.last
        self.undo_action.setEnabled(bool(last))
        self.undo_action.setText(self.tr("&Undo: {change}").format(change=last) if last else self.tr("&Undo"))

    def undo(self) -> None:
        """Take back the last change of the page on show: a calendar move there, else the last triage change (the
        conversations get their status, snooze time, read mark and labels back, and the first of them is selected
        again if the view shows it)."""
        moves = self._calendar_undo()
        if moves is not None:
            moves.undo()
            return
        last = self._undo.pop()
        if last is None:
            return
        what, before = last
        self._show_undo()

        def undone(back: list[int]) -> None:
            current = self.list.currentIndex().row()
            self.model.reload()
            rows = [row for row in (self.model.row_of(key) for key in back) if row >= 0]
            self._after_reload(min(rows) if rows else max(current, 0))
            self.statusBar().showMessage(self.tr("Undone: {change}").format(change=what), 6000)

        self.context.submit(triage_service.undo(before), undone)

    def set_status(self, status: Status, until: datetime | None = None) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        n = len(ids)
        names = {
            Status.DONE: self.tr("%Ln conversation(s) marked done", "", n),
            Status.OPEN: self.tr("%Ln conversation(s) reopened", "", n),
            Status.PENDING: self.tr("%Ln conversation(s) marked pending", "", n),
            Status.SNOOZED: self.tr("%Ln conversation(s) snoozed", "", n),
        }
        self._triage(
            triage_service.set_status(ids, status, until), names[status], lambda shown: self._changed(ids, shown)
        )

    def snooze_menu(self) -> None:
        if not self.selected_ids():
            return
        now = datetime.now(UTC)
        menu = QMenu(self)
        for title, when in (
            (self.tr("Later today"), snooze_choices.later_today(now)),
            (self.tr("Tomorrow morning"), snooze_choices.tomorrow_morning(now)),
            (self.tr("Next week"), snooze_choices.next_week(now)),
        ):
            label = f"{title}\t{local_time(when, 'ddd')}"
            menu.addAction(label).triggered.connect(lambda _c=False, w=when: self.set_status(Status.SNOOZED, w))
        menu.addSeparator()
        menu.addAction(self.tr("Pick a date and time…")).triggered.connect(self._pick_snooze)
        menu.popup(self.list.mapToGlobal(self.list.visualRect(self.list.currentIndex()).center()))

    def _pick_snooze(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Snooze until"))
        editor = QDateTimeEdit(snooze_choices.tomorrow_morning(datetime.now(UTC)), dialog)
        editor.setCalendarPopup(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(editor)
        layout.addWidget(buttons)
        dialog.accepted.connect(lambda: self.set_status(Status.SNOOZED, editor.dateTime().toPython().astimezone(UTC)))
        dialog.open()

    def wake_snoozed(self) -> None:
        def woke(woken: list[int]) -> None:
            if woken:
                self._changed(woken, self.tr("%Ln snoozed conversation(s) are back", "", len(woken)))

        self.context.submit(triage_service.wake_due(datetime.now(UTC)), woke)

    def toggle_unread(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        current = self.list.currentIndex().data(ConversationRole)
        make_unread = not (current.unread if current else False)
        message = (
            self.tr("%Ln conversation(s) marked unread", "", len(ids))
            if make_unread
            else self.tr("%Ln conversation(s) marked read", "", len(ids))
        )
        self._triage(triage_service.set_read(ids, not make_unread), message, self._say)

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def label_menu(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        labels = self.context.reader.labels()
        current = self.list.currentIndex().data(ConversationRole)
        menu = QMenu(self)
        for label in labels:
            action = menu.addAction(label.name)
            action.setCheckable(True)
            action.setChecked(bool(current and label.name in current.labels))
            action.triggered.connect(
                lambda checked, key=label.id, name=label.name: self._label(ids, key, checked, name)
            )
        if labels:
            menu.addSeparator()
        menu.addAction(self.tr("New label…")).triggered.connect(lambda: self._new_label(ids))
        menu.popup(self.list.mapToGlobal(self.list.visualRect(self.list.currentIndex()).center()))

    def sentiment_menu(self) -> None:
        """Correct what the selected conversations' waiting messages feel like: kept for good, and learnt from."""
        ids = self.selected_ids()
        if not ids:
            return
        current = self.list.currentIndex().data(ConversationRole)
        menu = QMenu(self)
        for label in listening_service.SENTIMENTS:
            action = menu.addAction(style.sentiment_name(label))
            action.setCheckable(True)
            action.setChecked(bool(current and current.sentiment == label))
            action.triggered.connect(lambda _c=False, chosen=label: self.correct_sentiment(ids, chosen))
        menu.popup(self.list.mapToGlobal(self.list.visualRect(self.list.currentIndex()).center()))

    def management_note(self) -> None:
        """Flag the selected conversations for the management report, with a short note (or take the flag off)."""
        ids = self.selected_ids()
        if not ids:
            return
        current = self.list.currentIndex().data(ConversationRole)
        dialog = ManagementDialog(current, len(ids), self)
        self.management_dialog = dialog

        def chosen() -> None:
            note = dialog.note()
            said = (
                self.tr("%Ln conversation(s) flagged for management", "", len(ids))
                if note is not None
                else self.tr("%Ln conversation(s) no longer flagged for management", "", len(ids))
            )
            self.context.submit(triage_service.for_management(ids, note), lambda _count: self._say(said))

        dialog.accepted.connect(chosen)
        dialog.open()

    def correct_sentiment(self, ids: list[int], label: str) -> None:
        said = self.tr("Sentiment set to “{sentiment}” on %Ln conversation(s); cmdesk learns from it", "", len(ids))
        self.context.submit(
            listening_service.correct_conversations(ids, label),
            lambda _count: self._say(said.format(sentiment=style.sentiment_name(label))),
        )

    def _label(self, ids: list[int], label_id: int, on: bool, name: str) -> None:
        message = (
            self.tr("Label “{name}” put on %Ln conversation(s)", "", len(ids))
            if on
            else self.tr("Label “{name}” taken off %Ln conversation(s)", "", len(ids))
        ).format(name=name)
        self._triage(triage_service.set_label(ids, label_id, on), message, self._say)

    def _new_label(self, ids: list[int]) -> None:
        """A name and a colour among the presets (ui/label_dialog.py); Cancel creates nothing."""
        proposed = triage_service.proposed_colour(len(self.context.reader.labels()))
        dialog = NewLabelDialog(triage_service.LABEL_COLOURS, proposed, self)
        self.label_dialog = dialog

        def create() -> None:
            self.context.submit(
                triage_service.create_label(dialog.name.text().strip(), dialog.colour or proposed),
                lambda label: self._label(ids, label.id, True, label.name),
                lambda reason: self.statusBar().showMessage(reason, 8000),
            )

        dialog.accepted.connect(create)
        dialog.open()

    def move(self, step: int) -> None:
        current = self.list.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_reply(self) -> None:
        """`r`: to the reply box; where no reply is possible, why (status bar and reply area), the focus stays, and
        what is typed next is not taken for commands (ui/typing_guard.py)."""
        if self.thread.reply.isEnabled():
            self.thread.reply.setFocus()
            return
        reason = self.thread.reason.text() or self.tr("Select a conversation to answer it.")
        self.statusBar().showMessage(self.tr("No reply here: {reason}").format(reason=reason), 8000)
        self.thread.reason.setVisible(True)
        self.typing_guard.arm(reason)

    def run_search(self) -> None:
        text = self.search.text().strip()
        if text:
            self.model.set_search(text)
            self._after_reload(0)
            if self.model.rowCount():
                self.list.setFocus()  # j/k, e, s… work on the results at once; / comes back to refine
        else:
            self._apply_view(self.sidebar.current_view)

    def leave_search(self) -> None:
        self.search.clear()
        self.list.setFocus()
