"""The "Client:" box of the dialogs that add a source (a feed, a Mastodon account, an e-mail account): the user's
own clients (never the demo's), the one they are working on chosen first, editable to create a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from cmdesk.app.context import AppContext
from cmdesk.storage import workspace_reads


class ClientBox(QComboBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None, preferred: str | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        with context.database.snapshot() as connection:
            names = [client.name for client in workspace_reads.list_clients(connection) if not client.is_demo]
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
        return self.currentText().strip() or workspace_reads.DEFAULT_CLIENT
