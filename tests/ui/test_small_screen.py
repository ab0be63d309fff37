"""Issue 16, defect 10: nothing the user needs may be cut at 1024×700, in either language. The French composer's
one-line "When" row made the window wider than a 1024-px screen (the pages' stack is as wide as its widest page)."""

from __future__ import annotations

from cmdesk.demo import load_demo
from cmdesk.ui.main_window import MainWindow


def test_every_page_fits_a_1024_by_700_screen_in_french(qtbot, french: None, context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    load_demo(context.database)
    window = MainWindow(context, QSettings())
    qtbot.addWidget(window)
    window.show()
    for show in (window.show_composer, window.show_calendar, window.show_outbox, window.show_sources):
        show()
    window.show_inbox()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, f"the window needs {hint.width()}×{hint.height()}"
    window.resize(1024, 700)
    qtbot.wait(10)
    search = window.search
    room = search.width() - search.textMargins().left() - search.textMargins().right() - 24
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert needed <= room, f"the search box says {search.placeholderText()!r} in {room} px, it needs {needed}"
    window.resize(1440, 900)
    qtbot.wait(10)
    sync = window.toolbar.widgetForAction(window.sync_action)
    assert sync.toolButtonStyle().name == "ToolButtonTextBesideIcon", "with room, the names are back"
