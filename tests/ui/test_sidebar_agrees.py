"""Issue 16, defect 11: "Done" stayed highlighted while the To answer list was shown; after a restart "All open" was
highlighted over To answer; snoozed conversations did not say until when."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings

from cmdesk.app.context import AppContext
from cmdesk.demo import load_demo
from cmdesk.models.time_text import local_time
from cmdesk.ui.conversation_delegate import status_text
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.sidebar import KeyRole


def _highlighted(window: MainWindow) -> object:
    return window.sidebar.currentIndex().siblingAtColumn(0).data(KeyRole)


def test_the_highlight_follows_the_view_however_it_is_chosen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("done")
    assert _highlighted(window) == ("view", "done")
    window.go_to_view("to_answer")
    assert _highlighted(window) == ("view", "to_answer")


def test_after_a_restart_the_last_view_is_shown_and_highlighted(qtbot, context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_demo(context.database)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_view", "to_answer")
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    assert window.sidebar.current_view is not None and window.sidebar.current_view.key == "to_answer"
    assert _highlighted(window) == ("view", "to_answer")


def test_a_snoozed_conversation_says_until_when(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    row = window.model.row(0)
    assert row is not None
    until = datetime.now(UTC) + timedelta(days=2)
    assert status_text(replace(row, status="snoozed", snoozed_until=until)) == f"Snoozed until {local_time(until)}"
