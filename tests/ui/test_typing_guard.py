"""Issue 16, defect 1: typing is never taken for commands. After `r` on a conversation that cannot be answered, the
text typed for a reply used to mark a post done, toggle read marks and open Compose; a burst of letters typed into
the list did the same. Now `r` says why in the status bar and the reply area, keeps the focus, and the keys typed
next are eaten; single keys pressed one at a time still work as commands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import text

from cmdesk.demo import load_demo
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.typing_guard import BURST_S


def _state(window: MainWindow) -> list[tuple[str, int]]:
    with window.context.database.read() as connection:
        return [tuple(row) for row in connection.execute(text("SELECT status, unread FROM conversations ORDER BY id"))]


def _showing_demo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The demo's monitoring view: feed posts found by monitoring, which no one answers from cmdesk."""
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("monitoring")
    window.list.setFocus()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)


def test_r_where_no_reply_is_possible_says_why_and_what_is_typed_next_changes_nothing(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    _showing_demo(qtbot, window)
    assert not window.thread.reply.isEnabled()
    before = _state(window)
    page = window.pages.currentWidget()
    qtbot.keyClick(window.list, Qt.Key.Key_R)
    assert "No reply here:" in window.statusBar().currentMessage()
    assert window.thread.reason.isVisible() and window.thread.reason.text()
    assert window.list.hasFocus(), "the focus stays where it was"
    qtbot.keyClicks(window.list, "merci, je viens lundi")
    assert _state(window) == before, "no status, read mark or label changed"
    assert window.pages.currentWidget() is page, "Compose did not open"
    assert "Not taken as commands" in window.statusBar().currentMessage()


def test_a_burst_of_letters_in_the_list_is_typing_not_commands(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _showing_demo(qtbot, window)
    window.typing_guard.burst_s = BURST_S
    before = _state(window)
    qtbot.keyClicks(window.list, "Mercee")
    assert _state(window) == before
    window.typing_guard.disarm()
    qtbot.wait(300)
    first = window.list.currentIndex().data(ConversationRole)
    qtbot.keyClick(window.list, Qt.Key.Key_E)
    assert _state(window) != before, "a single e, on its own, still marks the conversation done"
    assert first is not None


def test_with_nothing_selected_the_reply_box_says_to_select_a_conversation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, defect 11 (its last point): it said "Replies are not possible here."."""
    window.thread.show_conversation(None, [], "")
    assert window.thread.reply.placeholderText() == "Select a conversation to answer it."


def test_the_guard_hears_the_focus_widget_and_the_window_not_every_widget(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

    from cmdesk.ui.typing_guard import TypingGuard

    class Counting(TypingGuard):
        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.heard: list[tuple[QObject, QEvent.Type]] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            self.heard.append((watched, event.type()))
            return super().eventFilter(watched, event)

    window = QWidget()
    layout = QVBoxLayout(window)
    listing, field, label = QListWidget(), QLineEdit(), QLabel("status")
    for widget in (listing, field, label):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    guard = Counting(None)  # watch() gives it the window as parent
    guard.watch(QApplication.instance(), window)  # type: ignore[arg-type]
    listing.setFocus()
    qtbot.waitUntil(listing.hasFocus)
    guard.heard.clear()
    label.repaint()
    field.repaint()
    assert not [watched for watched, _kind in guard.heard if watched in (label, field)], "no other widget's events"
    qtbot.keyClick(listing, Qt.Key.Key_E)
    assert (listing, QEvent.Type.KeyPress) in guard.heard, "the focus widget's keys are heard"
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    guard.heard.clear()
    listing.repaint()
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert (field, QEvent.Type.KeyPress) in guard.heard
    assert not [watched for watched, _kind in guard.heard if watched is listing], "the focus moved on, and the filter"
