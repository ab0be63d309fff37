"""The author card: a person across all their conversations and networks — the names they go by, where they write,
since when, how much, their other conversations (opened with a click) and a note kept about them."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.reads import Conversation, Person
from cmdesk.services import networks
from cmdesk.services import people as people_service
from cmdesk.services.desk import Desk


class PersonCard(QDialog):
    conversationRequested = Signal(int)  # noqa: N815 - a conversation of theirs, to open

    def __init__(
        self, person: Person, conversations: list[Conversation], desk: Desk, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._person = person
        self._desk = desk
        self.setWindowTitle(person.name)
        self.setMinimumWidth(460)
        locale = QLocale()
        title = QLabel(f"<h2>{person.name}</h2>", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        where = ", ".join(networks.display_name(network) for network in person.networks)
        since = (
            locale.toString(person.first_seen.astimezone().date(), QLocale.FormatType.LongFormat)
            if (person.first_seen)
            else "—"
        )
        facts = QLabel(
            self.tr("%Ln message(s), since {since}", "", person.message_count).format(since=since)
            + (f"<br>{where}" if where else "")
            + (f"<br>{' · '.join(person.handles)}" if person.handles else ""),
            self,
        )
        facts.setWordWrap(True)
        self.conversations = QListWidget(self)
        for row in conversations:
            label = f"{row.title or row.snippet}  ·  {row.account_name}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(row.snippet)
            self.conversations.addItem(item)
        self.conversations.itemActivated.connect(self._open)
        self.note = QPlainTextEdit(person.note, self)
        self.note.setPlaceholderText(
            self.tr("A note about them, kept across networks (e.g. “regular, orders on Fridays”)")
        )
        self.note.setMaximumHeight(90)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(facts)
        layout.addWidget(QLabel(self.tr("Their conversations:"), self))
        layout.addWidget(self.conversations, 1)
        layout.addWidget(QLabel(self.tr("Note:"), self))
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def _open(self, item: QListWidgetItem) -> None:
        self.conversationRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()

    def save(self) -> None:
        self._desk.submit(people_service.set_note(self._person.name, self.note.toPlainText()))
        self.accept()
