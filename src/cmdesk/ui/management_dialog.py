"""Flagging conversations "for management": a short note that the client's reports list in their field-information
section (the report a manager actually reads). Flagged ones can have their note changed or the flag taken off."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from cmdesk.domain.reads import Conversation


class ManagementDialog(QDialog):
    """`note()` after exec: the note to keep, or None when the user took the flag off."""

    def __init__(self, conversation: Conversation | None, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("For management"))
        self.setMinimumWidth(480)
        self._removed = False
        explanation = QLabel(
            self.tr(
                "What should management know about this? The note goes in the client's reports, under “For "
                "management”. It may stay empty."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.text = QLineEdit(conversation.management_note or "" if conversation else "", self)
        self.text.setPlaceholderText(self.tr("e.g. Third complaint about Sunday opening hours"))
        self.text.setMaxLength(500)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        flagged = conversation is not None and conversation.management_note is not None
        if flagged:
            remove = buttons.addButton(self.tr("Take the flag off"), QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(self._remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if count > 1:
            layout.addWidget(QLabel(self.tr("%Ln conversation(s) selected", "", count), self))
        layout.addWidget(explanation)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.text.setFocus()

    def _remove(self) -> None:
        self._removed = True
        self.accept()

    def note(self) -> str | None:
        return None if self._removed else self.text.text().strip()
