"""Issue 16, defect 14: the `?` list left out `c` and the Ctrl+Shift views; every action and view is now reached by
name from a command palette (Ctrl+K)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cmdesk.demo import load_demo
from cmdesk.ui.main_window import MainWindow


def test_the_shortcuts_list_names_every_menu_shortcut(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_shortcuts()
    text = window.shortcuts_box.text()
    for action in (window.compose_action, window.calendar_action, window.outbox_action, window.sources_action):
        assert action.text().replace("&", "") in text
    assert "<b>C</b>" in text and "Ctrl+Shift+C" in text and "Ctrl+K" in text
    window.shortcuts_box.close()


def test_ctrl_k_finds_an_action_or_a_view_by_name_and_runs_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.show_palette()
    palette = window.palette_dialog
    qtbot.keyClicks(palette.query, "calend")
    assert palette.results.count() == 1 and "Calendar" in palette.results.item(0).text()
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert window.calendar is not None and window.pages.currentWidget() is window.calendar

    window.show_palette()
    palette = window.palette_dialog
    qtbot.keyClicks(palette.query, "to answer")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.splitter
    assert window.sidebar.current_view is not None and window.sidebar.current_view.key == "to_answer"
