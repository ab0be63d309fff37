"""Issue 18, in the window: the Overdue view with its count and the “late” chip, the empty state that says how to
set a target, a client’s hours in Client settings…, and Shift+M to flag a conversation for management."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from cmdesk.demo import load_demo
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.ui.client_settings_dialog import ClientSettingsDialog
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.management_dialog import ManagementDialog


def _rows(window: MainWindow) -> list:  # type: ignore[type-arg]
    return [window.model.index(n).data(ConversationRole) for n in range(window.model.rowCount())]


def test_overdue_lists_what_waits_past_the_target_and_says_how_to_set_one(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    for client in window.context.reader.clients():
        run(window.context.database, clients.set_hours(client.id, BusinessHours()))
    window.refresh_all()
    window.sidebar.choose_view("overdue")
    assert window.model.rowCount() == 0 and "first-response target" in window.empty.text()

    fournil = window.context.reader.clients()[0]
    run(window.context.database, clients.set_hours(fournil.id, BusinessHours(target_minutes=30)))
    window.refresh_all()
    window.sidebar.choose_view("overdue")
    rows = _rows(window)
    assert rows and all(row.due_at is not None and not row.answered for row in rows)
    assert all(row.kind != "feed" for row in rows), "a news article waits for no answer"
    qtbot.waitUntil(lambda: window.sidebar.count_shown("overdue") == str(len(rows)), timeout=3000)


def test_client_settings_save_business_hours_and_a_target(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    fournil = window.context.reader.clients()[0]
    dialog = ClientSettingsDialog(window.context.reader, window.context, fournil.id, window)
    qtbot.addWidget(dialog)
    dialog.week.setText("lun-ven 9h-18h")
    dialog.zone.setCurrentText("Europe/Paris")
    dialog.holidays.setText("2026-12-25")
    dialog.target.setText("2h")
    dialog.save()
    qtbot.waitUntil(lambda: window.context.reader.client(fournil.id).hours.target_minutes == 120, timeout=3000)
    hours = window.context.reader.client(fournil.id).hours
    assert hours.zone == "Europe/Paris" and len(hours.week) == 5 and len(hours.holidays) == 1
    dialog = ClientSettingsDialog(window.context.reader, window.context, fournil.id, window)
    qtbot.addWidget(dialog)
    dialog.week.setText("someday 9-10")
    dialog.save()
    assert "days are mon" in dialog.status.text(), "told, not saved"


def test_shift_m_flags_for_management_and_the_dialog_takes_the_flag_off(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    window.list.setCurrentIndex(window.model.index(0))
    window.management_note()
    dialog = window.management_dialog
    assert isinstance(dialog, ManagementDialog)
    dialog.text.setText("Troisième plainte sur le pain du dimanche")
    dialog.accept()
    qtbot.waitUntil(lambda: _rows(window)[0].management_note is not None, timeout=3000)
    assert _rows(window)[0].management_note == "Troisième plainte sur le pain du dimanche"
    window.management_note()
    dialog = window.management_dialog
    remove = [b for b in dialog.findChildren(QDialogButtonBox)[0].buttons() if "flag" in b.text()]
    remove[0].click()
    qtbot.waitUntil(lambda: _rows(window)[0].management_note is None, timeout=3000)


def test_the_thread_says_how_long_the_answer_took_and_how_long_someone_waits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    for client in window.context.reader.clients():
        run(window.context.database, clients.set_hours(client.id, BusinessHours(target_minutes=240)))
    window.refresh_all()
    window.sidebar.choose_view("open")
    rows = _rows(window)
    answered = next(n for n, row in enumerate(rows) if row.title == "Pain trop cuit ce matin")
    window.list.setCurrentIndex(window.model.index(answered))
    qtbot.waitUntil(lambda: "First answer after 1 h" in window.thread.browser.toPlainText(), timeout=3000)
    assert "(target 4 h)" in window.thread.browser.toPlainText()
    waiting = next(n for n, row in enumerate(rows) if row.title.startswith("Commande de 40"))
    window.list.setCurrentIndex(window.model.index(waiting))
    qtbot.waitUntil(lambda: "Waiting for" in window.thread.browser.toPlainText(), timeout=3000)
