"""Preferences: the interface language (system, English, French; it applies at the next start), whether closing
the window keeps cmdesk syncing in the system tray, and which new conversations raise a desktop notification."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from cmdesk.ui.tray import NOTIFIABLE, NOTIFIED_BY_DEFAULT

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
        self.close_to_tray = QCheckBox(self.tr("Closing the window keeps cmdesk syncing in the system tray"), self)
        self.close_to_tray.setChecked(bool(settings.value("close_to_tray", False, bool)))
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.close_to_tray.setEnabled(False)
            self.close_to_tray.setToolTip(self.tr("This desktop shows no system tray."))
        names = {
            "message": self.tr("Direct messages"),
            "mention": self.tr("Mentions"),
            "comment": self.tr("Comments"),
            "email": self.tr("E-mail"),
            "feed": self.tr("Monitoring (feeds and keywords)"),
        }
        self.notify: dict[str, QCheckBox] = {}
        notify_box = QVBoxLayout()
        for kind in NOTIFIABLE:
            box = QCheckBox(names[kind], self)
            box.setChecked(bool(settings.value(f"notify/{kind}", kind in NOTIFIED_BY_DEFAULT, bool)))
            self.notify[kind] = box
            notify_box.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("Window:"), self.close_to_tray)
        form.addRow(self.tr("Notify me of new:"), notify_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.accepted.connect(self._save)

    def _save(self) -> None:
        self._settings.setValue("language", self.language.currentData())
        self._settings.setValue("close_to_tray", self.close_to_tray.isChecked())
        for kind, box in self.notify.items():
            self._settings.setValue(f"notify/{kind}", box.isChecked())
        self._settings.sync()
