"""The Snippets button of the composer and of the reply box: a client's canned texts inserted at the cursor — the
version in the conversation's language, its variables filled, with the spacing right (domain/snippets.py) — or by
short code (`/merci` then Tab in the editor), and the text being written (or its selection) saved as a new snippet
(or, under a title the client already has, as that snippet's version in the text's language)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QPlainTextEdit, QPushButton, QWidget

from cmdesk.domain import snippets
from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import Snippet
from cmdesk.services import clients as services_clients
from cmdesk.services.desk import Desk


def client_values(reader: Reader, client_id: int | None) -> dict[str, str]:
    """The variables any snippet can fill: today's date in the user's language, the client and its signature."""
    values = {"date": QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)}
    client = next((c for c in reader.clients() if c.id == client_id), None) if client_id is not None else None
    if client is not None:
        values.update(client=client.name, signature=client.signature)
    return values


class SnippetButton(QPushButton):
    """`clients()` says whose snippets to offer (the clients of the accounts being written to)."""

    def __init__(
        self,
        reader: Reader,
        desk: Desk,
        editor: Callable[[], QPlainTextEdit],
        clients: Callable[[], list[int]],
        parent: QWidget,
        values: Callable[[], Mapping[str, str]] = dict,
        language: Callable[[], str] = str,
    ) -> None:
        """`values()`: what the variables stand for where the text goes ({first_name}, {client}…); `language()`: the
        language of the conversation answered ("" when unknown or for a post), which chooses a snippet's version."""
        super().__init__(self.tr("Snippets"), parent)
        self._reader = reader
        self._desk = desk
        self._editor = editor
        self._clients = clients
        self._values = values
        self._language = language
        self._watched: set[int] = set()
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
        for versions in snippets.grouped(found):
            snippet = self.version(versions)
            label = f"{names.get(snippet.client_id, '')} · {snippet.title}" if several else snippet.title
            languages = sorted(v.language.upper() for v in versions if v.language)
            if len(versions) > 1:
                label += f"  ({' · '.join(languages)})"
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

    def version(self, versions: list[Snippet]) -> Snippet:
        """The version for the conversation's language, else the one for any language, else the user's own."""
        return snippets.version_for(versions, self._language(), QLocale().name().split("_")[0])

    def insert(self, text: str) -> None:
        """At the cursor, its variables filled and a space where words would run together."""
        editor = self._editor()
        cursor = editor.textCursor()
        whole = editor.toPlainText()
        before, after = whole[: cursor.selectionStart()], whole[cursor.selectionEnd() :]
        editor.insertPlainText(snippets.spaced(before, snippets.filled(text, self._values()), after))
        editor.setFocus()

    def watch(self, editor: QPlainTextEdit) -> None:
        """Short codes in this editor: `/merci` then Tab becomes the snippet titled "Merci"."""
        if id(editor) not in self._watched:
            self._watched.add(id(editor))
            editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            isinstance(watched, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
        ):
            return self.expand_code(watched)
        return False

    def expand_code(self, editor: QPlainTextEdit) -> bool:
        """The `/code` just before the cursor replaced by its snippet; False (Tab does what it does) when there is
        none or it names no snippet of these clients."""
        cursor = editor.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        word = line.split()[-1] if line.split() else ""
        if not word.startswith("/") or not line.endswith(word):
            return False
        clients = self._clients()
        found = snippets.grouped(self._reader.snippets(clients) if clients else [])
        chosen = snippets.matching(word, [versions[0].title for versions in found])
        if chosen is None:
            return False
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(word))
        editor.setTextCursor(cursor)
        self.insert(self.version(found[chosen]).text)
        return True

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
