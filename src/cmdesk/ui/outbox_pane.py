"""The Outbox view: everything cmdesk sends or will send (replies, posts, favourites, boosts, deletions, reads), with
its state told plainly — queued, scheduled for a time, sending, sent, failed with the reason, or waiting for the
user's check — and what can be done about it: retry (or send anyway), edit the text, cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.reads import NOT_SENT, PROBLEMS, OutboxEntry, OutboxState
from cmdesk.models.outbox_table_model import FILTERS, EntryIdRole, OutboxTableModel
from cmdesk.services import outbox_actions
from cmdesk.services.commands import Command
from cmdesk.ui import theme
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.rows import roomy


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
        hint.setStyleSheet(theme.text_style("meta"))
        self.filter = QComboBox(self)
        for key, label in zip(
            FILTERS,
            (self.tr("Everything"), self.tr("Waiting to go"), self.tr("Needs you"), self.tr("Sent")),
            strict=True,
        ):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = OutboxTableModel(context.reader, self)
        self.tree = QTreeView(self)
        roomy(self.tree)
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.tree.selectionModel().currentRowChanged.connect(self._select_current)
        self.tree.activated.connect(lambda _index: self.edit())
        self.empty = QLabel(self.tr("Nothing here."), self)
        self.empty.setStyleSheet(theme.text_style("meta") + " padding: 12px;")
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
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        """Read the outbox again under the chosen filter, keeping the chosen entry chosen."""
        chosen = self.selected()
        self.model.set_filter(str(self.filter.currentData()))
        row = self.model.row_of(chosen) if chosen is not None else -1
        if row >= 0:
            self.tree.setCurrentIndex(self.model.index(row, 0))
        self.empty.setVisible(self.model.rowCount() == 0)
        self._enable()

    def _select_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The row the keyboard is on is the one the buttons act on: shown selected, not just outlined."""
        if current.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.tree.selectionModel().select(current, flags)

    def selected(self) -> int | None:
        index: QModelIndex = self.tree.currentIndex()
        value = index.siblingAtColumn(0).data(EntryIdRole) if index.isValid() else None
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
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Edit"), self.tr("Text:"), entry.text)
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
