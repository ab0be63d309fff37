"""Issue 18, in the window: the Overdue view with its count and the “late” chip, the empty state that says how to
set a target, a client’s hours in Client settings…, and Shift+M to flag a conversation for management."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialogButtonBox

from cmdesk.app.context import AppContext
from cmdesk.demo import load_demo
from cmdesk.domain import Author, Item, Kind, Network, Page
from cmdesk.domain.business_hours import BusinessHours, parse_week
from cmdesk.domain.reads import ConversationFilter
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.models.time_text import relative_time
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.storage import ingest, workspace
from cmdesk.ui.client_settings_dialog import ClientSettingsDialog
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.management_dialog import ManagementDialog
from cmdesk.ui.response_line import response_line


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
    assert "(target 4 h" in window.thread.browser.toPlainText()
    waiting = next(n for n, row in enumerate(rows) if row.title.startswith("Commande de 40"))
    window.list.setCurrentIndex(window.model.index(waiting))
    qtbot.waitUntil(lambda: "Waiting for" in window.thread.browser.toPlainText(), timeout=3000)


def test_a_message_written_after_closing_time_says_when_its_answer_falls_due(context: AppContext) -> None:
    """Friday 23:09 UTC is past midnight in Paris, the shop closed until Monday 9:00: the wait counted in business
    hours is "0 min", so the thread says when the answer falls due (Monday 13:00 in Paris, the 4 h target), then
    since when it is overdue."""
    hours = BusinessHours(parse_week("mon-fri 9-18"), "Europe/Paris", target_minutes=240)
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.MASTODON, "https://piaille.fr/@lefournil")
    asked = datetime(2026, 12, 4, 23, 9, tzinfo=UTC)
    question = Item("1", "t1", Kind.MENTION, "@lefournil Intoxication après un éclair ?", created_at=asked,
                    author=Author(name="Inès B.", handle="ines"))  # fmt: skip
    ingest.commit_page(context.database, account.id, Page((question,), {}))
    conversation = context.reader.conversation_page(ConversationFilter(), limit=1)[0]
    messages = context.reader.thread(conversation.id, account.id).messages
    due = datetime(2026, 12, 7, 13, 0, tzinfo=ZoneInfo("Europe/Paris"))

    def line(now: datetime) -> str:
        return response_line(conversation, messages, hours, lambda _message, _conversation: False, now)

    friday_night = datetime(2026, 12, 4, 23, 40, tzinfo=UTC)
    said = line(friday_night)
    assert said.startswith("Waiting for 0 min") and f"answer by {relative_time(due, friday_night)}" in said, said
    monday = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
    assert f"overdue since {relative_time(due, monday)}" in line(monday)
