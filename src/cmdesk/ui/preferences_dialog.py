"""Preferences: the interface language (system, English, French; it applies at the next start), whether a light
background agent keeps syncing and sending with cmdesk closed (started with the session; services/agent_setup.py),
whether closing the window keeps cmdesk in the system tray instead, and which new conversations raise a desktop
notification."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
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

from cmdesk.services import agent_setup
from cmdesk.ui.tray import NOTIFIABLE, NOTIFIED_BY_DEFAULT

LANGUAGES = (("", "System language"), ("en", "English"), ("fr", "Français"))


class PreferencesDialog(QDialog):
    agentChanged = Signal(str)  # noqa: N815 - Qt naming; what installing or removing the agent did (or why not)

    def __init__(self, settings: QSettings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self._data_dir = data_dir
        self.language = QComboBox(self)
        current = str(settings.value("language", ""))
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("System language") if not code else name, code)
            if code == current:
                self.language.setCurrentIndex(self.language.count() - 1)
        self.appearance = QComboBox(self)
        chosen = str(settings.value("appearance", "system"))
        for code, name in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.appearance.addItem(name, code)
            if code == chosen:
                self.appearance.setCurrentIndex(self.appearance.count() - 1)
        note = QLabel(self.tr("The language and the appearance change the next time cmdesk starts."), self)
        note.setWordWrap(True)
        self.close_to_tray = QCheckBox(self.tr("Closing the window keeps cmdesk syncing in the system tray"), self)
        self.close_to_tray.setChecked(bool(settings.value("close_to_tray", False, bool)))
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.close_to_tray.setEnabled(False)
            self.close_to_tray.setToolTip(self.tr("This desktop shows no system tray."))
        self.agent = QCheckBox(self.tr("Keep syncing and sending when cmdesk is closed"), self)
        self.agent.setToolTip(
            self.tr(
                "A light background agent, started with your session, syncs every source and sends what is due "
                "while the window is closed. Quit from the menu or the tray stops it until the next session."
            )
        )
        self.agent.setChecked(agent_setup.installed() is not None)
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
        form.addRow(self.tr("Appearance:"), self.appearance)
        form.addRow("", note)
        form.addRow(self.tr("In the background:"), self.agent)
        form.addRow(self.tr("Window:"), self.close_to_tray)
        form.addRow(self.tr("Notify me of new:"), notify_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.accepted.connect(self._save)

    def _save(self) -> None:
        self._settings.setValue("language", self.language.currentData())
        self._settings.setValue("appearance", self.appearance.currentData())
        self._settings.setValue("close_to_tray", self.close_to_tray.isChecked())
        for kind, box in self.notify.items():
            self._settings.setValue(f"notify/{kind}", box.isChecked())
        self._settings.sync()
        wanted = self.agent.isChecked()
        if wanted == (agent_setup.installed() is not None):
            return
        try:
            if wanted:
                agent_setup.install(self._data_dir)
                self.agentChanged.emit(self.tr("The background agent now syncs and sends while cmdesk is closed."))
            else:
                agent_setup.uninstall(self._data_dir)
                self.agentChanged.emit(self.tr("The background agent is removed."))
        except agent_setup.AgentSetupError as error:
            self.agentChanged.emit(self.tr("Background agent: {reason}").format(reason=error))
