"""The command palette (Ctrl+K): every action of the window's menus and every view, found by typing part of its name
(accents and case ignored), run with Enter — for people who keep their hands on the keyboard."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cmdesk.ui.rows import roomy


@dataclass(frozen=True)
class Command:
    name: str
    keys: str
    run: Callable[[], object]


def folded(text: str) -> str:
    """Lower case without accents or menu ampersands: "Réouvrir" and "&Reopen" match "reo"."""
    plain = unicodedata.normalize("NFKD", text.replace("&", "").casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


class CommandPalette(QDialog):
    def __init__(self, commands: Sequence[Command], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Go to or do…"))
        self.setMinimumWidth(480)
        self._commands = list(commands)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Type an action or a view: done, snooze, calendar, to answer…"))
        self.results = QListWidget(self)
        roomy(self.results)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.query.textChanged.connect(self._filter)
        self.query.returnPressed.connect(self._run_current)
        self.results.itemActivated.connect(lambda _item: self._run_current())
        self.query.installEventFilter(self)
        self._filter("")
        self.query.setFocus()

    def _filter(self, text: str) -> None:
        words = folded(text).split()
        self.results.clear()
        for command in self._commands:
            name = folded(command.name)
            if all(word in name for word in words):
                label = command.name.replace("&", "") + (f"    {command.keys}" if command.keys else "")
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, command)
                self.results.addItem(item)
        self.results.setCurrentRow(0)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt's name
        """Up and Down in the query move through the results."""
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                self.results.setCurrentRow((self.results.currentRow() + step) % self.results.count())
                return True
        return False

    def _run_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        command: Command = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        command.run()
