"""The tray: unread count on its icon, notifications for new direct messages and mentions (per view, from
Preferences) and only once, closing the window into the tray when asked, and Quit that really quits."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QColor, QIcon

from cmdesk.domain import Direction, Kind, Page
from cmdesk.storage import ingest
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.preferences_dialog import PreferencesDialog
from cmdesk.ui.tray import badged
from tests.support.factories import item, make_account


def arrive(window: MainWindow, n: int, kind: Kind, text: str, author: str) -> None:
    account = make_account(window.context.database, address=f"http://127.0.0.1:1/{kind.value}/{n}")
    later = utcnow() + timedelta(seconds=n)
    entry = item(n, kind=kind, text=text, at=later, author=author, direction=Direction.INBOUND)
    ingest.commit_page(window.context.database, account.id, Page((entry,), {}))


def test_unread_badge_and_notifications_once_per_arrival(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.tray.unread == 0 and "nothing unread" in window.tray.tray.toolTip()
    arrive(window, 1, Kind.MENTION, "@fournil Vos galettes sont-elles sans gluten ?", "Marie")
    arrive(window, 2, Kind.COMMENT, "Super vidéo !", "Paul")
    window.refresh_all()
    assert window.tray.unread == 0, "counted on the reading thread: the window did not wait"
    qtbot.waitUntil(lambda: window.tray.unread == 2, timeout=5000)
    assert "2 unread" in window.tray.tray.toolTip()

    told = window.notify_new()
    assert "Marie" in told and "sans gluten" in told and "Paul" not in told, "mentions by default, not comments"
    assert window.notify_new() == "", "each arrival is told once"

    window.settings.setValue("notify/comment", True)
    arrive(window, 3, Kind.COMMENT, "Et en vélo électrique ?", "Zoé")
    told = window.notify_new()
    assert "Zoé" in told and "Paul" not in told, "only what arrived since the last notification"


def test_the_badge_is_drawn_on_the_icon(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cmdesk.app.main import app_icon

    plain = app_icon()
    marked = badged(plain, 7).pixmap(64, 64).toImage()
    assert marked.pixelColor(52, 8) == QColor("#d32f2f") or marked.pixelColor(50, 12).red() > 180
    assert badged(QIcon(), 3).isNull(), "no icon, no badge"


def test_closing_keeps_running_in_the_tray_when_asked_and_quit_quits(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    preferences = PreferencesDialog(window.settings, window)
    qtbot.addWidget(preferences)
    assert preferences.notify["message"].isChecked() and not preferences.notify["email"].isChecked()
    preferences.close_to_tray.setChecked(True)
    preferences.accept()
    window.tray.available = True  # the offscreen platform has no tray; a desktop does
    window.close()
    assert not window.isVisible(), "hidden in the tray"
    assert window.settings.value("told_about_tray", False, bool)
    window.tray.show_window()
    assert window.isVisible()
    quits: list[bool] = []
    monkeypatch.setattr("cmdesk.ui.main_window.window.QApplication.quit", lambda: quits.append(True))
    window.quit_app()
    assert quits == [True] and not window.isVisible()
