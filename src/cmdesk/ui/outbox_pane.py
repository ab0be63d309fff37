"""The Outbox view: everything cmdesk sends or will send (replies, posts, favourites, boosts, deletions, reads), with
its state told plainly — queued, scheduled for a time, sending, sent, failed with the reason, or waiting for the
user's check — and what can be done about it: retry (or send anyway), edit the text, cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.reads import NOT_SENT, PROBLEMS, WAITING, OutboxEntry, OutboxState
from cmdesk.services import outbox_actions
from cmdesk.services.commands import Command
from cmdesk.ui.conversation_delegate import local_time, relative_time
from cmdesk.ui.desk import WindowDesk

EntryRole = Qt.ItemDataRole.UserRole + 50
FILTERS = ("all", "waiting", "problems", "sent")


def state_text(entry: OutboxEntry) -> str:
    """Where an outbox entry stands, in words (the Outbox view, the calendar's edit dialog)."""
    translate = QCoreApplication.translate
    if entry.state is OutboxState.SCHEDULED and entry.last_error:
        return translate("OutboxPane", "⟳ waiting to retry")
    return {
        OutboxState.DRAFT: translate("OutboxPane", "✎ draft"),
        OutboxState.SCHEDULED: translate("OutboxPane", "⏱ scheduled"),
        OutboxState.SENDING: translate("OutboxPane", "… sending"),
        OutboxState.SENT: translate("OutboxPane", "✓ sent"),
        OutboxState.FAILED: translate("OutboxPane", "✗ not sent"),
        OutboxState.NEEDS_CHECK: translate("OutboxPane", "? check it"),
        OutboxState.CANCELLED: translate("OutboxPane", "– cancelled"),
    }[entry.state]


class OutboxPane(QWidget):
    changed = Signal()  # noqa: N815 - entries were retried, edited or cancelled

    def __init__(self, context: WindowDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        title = QLabel(self.tr("Outbox"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        hint = QLabel(
            self.tr("Everything cmdesk sends goes through here first, so nothing is lost or sent twice."), self
        )
        hint.setStyleSheet("color: #555;")
        self.filter = QComboBox(self)
        for key, label in zip(
            FILTERS,
            (self.tr("Everything"), self.tr("Waiting to go"), self.tr("Needs you"), self.tr("Sent")),
            strict=True,
        ):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(
            [self.tr("State"), self.tr("When"), self.tr("Account"), self.tr("What"), self.tr("Text"), self.tr("Note")]
        )
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._enable)
        self.tree.itemActivated.connect(lambda *_: self.edit())
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.cancel_button = QPushButton(self.tr("Cancel it"), self)
        self.retry_button.clicked.connect(self.retry)
        self.edit_button.clicked.connect(self.edit)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.filter)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.edit_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self.refresh()

    @staticmethod
    def _when_text(entry: OutboxEntry, when: datetime | None) -> str:
        """Upcoming times in full (a week from now is not "Sun"); what is done, as the inbox says it."""
        if when is None:
            return ""
        if entry.state in WAITING:
            return local_time(when)
        return relative_time(when)

    def _action_text(self, action: str) -> str:
        return {
            "reply": self.tr("Reply"),
            "post": self.tr("Post"),
            "favourite": self.tr("Favourite"),
            "boost": self.tr("Boost"),
            "delete": self.tr("Delete"),
            "mark_read": self.tr("Mark read on the server"),
        }.get(action, action)

    def refresh(self) -> None:
        wanted = str(self.filter.currentData())
        chosen = self.selected()
        with self._context.reader.consistent():
            entries = self._context.reader.outbox()
            names = {account.id: account.name for account in self._context.reader.accounts()}
        self.tree.clear()
        for entry in entries:
            if wanted == "waiting" and entry.state not in WAITING:
                continue
            if wanted == "problems" and entry.state not in PROBLEMS:
                continue
            if wanted == "sent" and entry.state is not OutboxState.SENT:
                continue
            when = entry.scheduled_at if entry.state in WAITING else entry.updated_at
            text = (entry.text or entry.act_problem).replace("\n", " ")
            item = QTreeWidgetItem(
                [
                    state_text(entry),
                    self._when_text(entry, when),
                    names.get(entry.account_id, str(entry.account_id)),
                    self._action_text(entry.action),
                    text[:200],
                    entry.last_error,
                ]
            )
            item.setData(0, EntryRole, entry.id)
            item.setToolTip(4, text[:1000])
            item.setToolTip(5, entry.last_error)
            if entry.state in PROBLEMS:
                for column in (0, 5):
                    item.setForeground(column, Qt.GlobalColor.darkRed)
            self.tree.addTopLevelItem(item)
            if entry.id == chosen:
                self.tree.setCurrentItem(item)
        if not self.tree.topLevelItemCount():
            empty = QTreeWidgetItem([self.tr("Nothing here.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
        self._enable()

    def selected(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, EntryRole) if item is not None else None
        return int(value) if value is not None else None

    def _entry(self) -> OutboxEntry | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return self._context.reader.outbox_entry(chosen)

    def _enable(self) -> None:
        entry = self._entry()
        state = entry.state if entry else None
        self.retry_button.setEnabled(state in PROBLEMS)
        self.retry_button.setText(self.tr("Send anyway") if state is OutboxState.NEEDS_CHECK else self.tr("Retry"))
        editable = entry is not None and entry.act is not None and entry.action in ("reply", "post")
        self.edit_button.setEnabled(editable and state in NOT_SENT)
        self.cancel_button.setEnabled(state in NOT_SENT)

    def _change(self, command: Command[object], done: str, then: Callable[[], None] | None = None) -> None:
        def changed(_value: object) -> None:
            self.status.setText(done)
            self.refresh()
            self.changed.emit()
            if then is not None:
                then()

        self._context.submit(command, changed, self.status.setText)

    def retry(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._change(
                outbox_actions.retry(chosen), self.tr("Queued again: it goes out now."), self._context.send_soon
            )

    def edit(self) -> None:
        entry = self._entry()
        if entry is None or not self.edit_button.isEnabled():
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Edit"), self.tr("Text:"), entry.text
        )
        if ok:
            self._change(outbox_actions.edit_text([entry.id], text), self.tr("Saved."))

    def cancel(self) -> None:
        entry = self._entry()
        if entry is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Cancel it"), self.tr("Do not send this? It stays listed as cancelled.")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change(outbox_actions.cancel(entry.id), self.tr("Cancelled: it will not be sent."))
