"""The "Client:" box of the dialogs that add a source (a feed, a Mastodon account, an e-mail account): the user's
own clients (never the demo's), the one they are working on chosen first, editable to create a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from cmdesk.domain.reads import DEFAULT_CLIENT
from cmdesk.services.desk import Desk


class ClientBox(QComboBox):
    def __init__(self, context: Desk, parent: QWidget | None = None, preferred: str | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        names = [client.name for client in context.reader.clients() if not client.is_demo]
        self.addItems(names)
        line = self.lineEdit()
        if line is not None:
            # The first source: the box asks for the business's name rather than proposing "Default".
            line.setPlaceholderText(self.tr("Your business, or your client's name"))
        if preferred:
            self.setCurrentText(preferred)
        self.setToolTip(self.tr("The client this source belongs to; type a new name to create one"))

    def chosen(self) -> str:
        """The name typed or picked; with none, the default client's."""
        return self.currentText().strip() or DEFAULT_CLIENT
