"""The thread's "Answer on the site" button: where cmdesk cannot answer (a forum or blog read through its feed, a
channel whose API has no comments), it opens the conversation's latest message — or the thread — in the browser,
so the user answers there in one click."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QWidget

from cmdesk.domain.reads import Conversation, Message


def answer_address(conversation: Conversation, messages: Sequence[Message]) -> str:
    """The page to answer on: the latest incoming message's own page, else the conversation's."""
    latest = next((m.url for m in reversed(messages) if m.direction == "in" and m.url), "")
    address = latest or conversation.url
    return address if address.startswith(("https://", "http://")) else ""


class AnswerThereButton(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Answer on the site ↗"), parent)
        self.setToolTip(self.tr("Open this thread in your browser to answer it there"))
        self.setAutoDefault(False)
        self.address = ""
        self.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.address)) if self.address else None)
        self.setVisible(False)

    def show_for(self, conversation: Conversation | None, messages: Sequence[Message], read_only: bool) -> None:
        """Shown on a conversation cmdesk cannot answer that has a page to answer on."""
        self.address = answer_address(conversation, messages) if conversation is not None and read_only else ""
        self.setVisible(bool(self.address))
