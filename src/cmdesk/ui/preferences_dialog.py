"""Preferences: the interface language (system, English, French). It applies at the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

LANGUAGES = (("", "System language"), ("en", "English"), ("fr", "Français"))


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.language = QComboBox(self)
        current = str(settings.value("language", ""))
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("System language") if not code else name, code)
            if code == current:
                self.language.setCurrentIndex(self.language.count() - 1)
        note = QLabel(self.tr("The language changes the next time cmdesk starts."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.accepted.connect(self._save)

    def _save(self) -> None:
        self._settings.setValue("language", self.language.currentData())
        self._settings.sync()
