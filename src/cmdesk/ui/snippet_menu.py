"""The Snippets button of the composer and of the reply box: a client's canned texts inserted at the cursor, and the
text being written (or its selection) saved as a new snippet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QPlainTextEdit, QPushButton, QWidget

from cmdesk.domain.reader import Reader
from cmdesk.services import clients as services_clients
from cmdesk.services.desk import Desk


class SnippetButton(QPushButton):
    """`clients()` says whose snippets to offer (the clients of the accounts being written to)."""

    def __init__(
        self,
        reader: Reader,
        desk: Desk,
        editor: Callable[[], QPlainTextEdit],
        clients: Callable[[], list[int]],
        parent: QWidget,
    ) -> None:
        super().__init__(self.tr("Snippets"), parent)
        self._reader = reader
        self._desk = desk
        self._editor = editor
        self._clients = clients
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.menu_.clear()
        clients = self._clients()
        with self._reader.consistent():
            found = self._reader.snippets(clients) if clients else []
            names = {client.id: client.name for client in self._reader.clients()}
        several = len({s.client_id for s in found}) > 1
        for snippet in found:
            label = f"{names.get(snippet.client_id, '')} · {snippet.title}" if several else snippet.title
            action = self.menu_.addAction(label)
            action.setToolTip(snippet.text)
            action.triggered.connect(lambda _c=False, text=snippet.text: self.insert(text))
        if not found:
            empty = self.menu_.addAction(
                self.tr("No snippets yet for this client") if clients else self.tr("Choose an account first")
            )
            empty.setEnabled(False)
        self.menu_.addSeparator()
        save = self.menu_.addAction(self.tr("Save the text as a snippet…"))
        save.setEnabled(bool(clients) and bool(self._editor().toPlainText().strip()))
        save.triggered.connect(self.save)

    def insert(self, text: str) -> None:
        editor = self._editor()
        editor.insertPlainText(text)
        editor.setFocus()

    def save(self) -> None:
        editor = self._editor()
        selected = editor.textCursor().selectedText().replace("\u2029", "\n")
        text = selected or editor.toPlainText()
        clients = self._clients()
        if not text.strip() or not clients:
            return
        title, ok = QInputDialog.getText(self, self.tr("New snippet"), self.tr("Title:"))
        if not ok or not title.strip():
            return
        self._desk.submit(
            services_clients.add_snippet(clients[0], title, text),
            failed=lambda reason: QMessageBox.warning(self, self.tr("New snippet"), reason),
        )
