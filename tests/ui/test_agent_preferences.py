"""Issue 15, finding 14, in the window: Preferences installs the background agent (it starts with the session and
runs now, waiting while the window runs) and removes it; with the agent installed, closing the window leaves the
syncing to it instead of keeping cmdesk in the tray."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent

from cmdesk.services import agent_setup
from cmdesk.storage import presence
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.preferences_dialog import PreferencesDialog


def _until(check, what: str, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def test_preferences_install_and_remove_the_agent(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data = tmp_path / "data"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    said: list[str] = []
    dialog = PreferencesDialog(settings, data)
    qtbot.addWidget(dialog)
    dialog.agentChanged.connect(said.append)
    assert not dialog.agent.isChecked()
    dialog.agent.setChecked(True)
    dialog.accept()
    assert agent_setup.installed() is not None
    assert said == ["The background agent now syncs and sends while cmdesk is closed."]
    _until(lambda: presence.holder(data, presence.AGENT) is not None, "the agent to run")
    again = PreferencesDialog(settings, data)
    qtbot.addWidget(again)
    assert again.agent.isChecked()
    again.agentChanged.connect(said.append)
    again.agent.setChecked(False)
    again.accept()
    assert agent_setup.installed() is None and said[-1] == "The background agent is removed."
    _until(lambda: presence.holder(data, presence.AGENT) is None, "the agent to stop")


def test_with_the_agent_installed_closing_the_window_does_not_keep_it_in_the_tray(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window.settings.setValue("close_to_tray", True)
    window.settings.setValue("told_about_tray", True)
    monkeypatch.setattr(window.tray, "available", True)
    kept = QCloseEvent()
    window.closeEvent(kept)
    assert not kept.isAccepted(), "without the agent, the tray keeps cmdesk syncing"
    window.show()
    agent_setup.desktop_path().parent.mkdir(parents=True)
    agent_setup.desktop_path().write_text("[Desktop Entry]\n")
    closed = QCloseEvent()
    window.closeEvent(closed)
    assert closed.isAccepted(), "with the agent installed, the window really closes and the agent syncs"
    assert not window.quit_requested, "closed, not quit: the agent is not stopped"
