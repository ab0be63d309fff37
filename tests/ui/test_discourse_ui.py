"""Discourse in the window, against the loopback forum (tests/support/discourse_fake.py): the dialog's approval in
the browser brings the forum's key back to cmdesk (the keyring keeps it, the database does not); a sync brings the
reply to the user's post into its topic's conversation, and the answer typed in the thread goes out under that reply.
A forum that does not send cmdesk back: its text, pasted, signs in as well."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import Qt

from cmdesk.credentials import MemoryCredentialStore
from cmdesk.storage import workspace
from cmdesk.storage.outbox import OutboxState
from cmdesk.ui.discourse_dialog import DiscourseSignInDialog
from cmdesk.ui.main_window import MainWindow
from tests.support.consenting_user import browser
from tests.support.discourse_fake import ME, DiscourseFake


@pytest.fixture
def fake() -> Iterator[DiscourseFake]:
    server = DiscourseFake().start()
    yield server
    server.stop()


def test_approve_in_the_browser_then_answer_from_the_thread(
    qtbot,
    window: MainWindow,
    fake: DiscourseFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    window.context._credentials = credentials = MemoryCredentialStore()
    topic = fake.topic("Horaires du Fournil", ME, "Nous ouvrons à 7 h.")
    question = fake.post(topic, "karim", "Et le dimanche ?", reply_to=1)
    dialog = DiscourseSignInDialog(window.context, window, address=fake.base, open_url=browser)
    qtbot.addWidget(dialog)
    dialog.client.setEditText("Boulangerie Le Fournil")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert dialog.added is not None, dialog.status.text()
    with window.context.database.read() as connection:
        account = workspace.list_accounts(connection)[0]
    assert (account.network, account.settings["username"]) == ("discourse", ME)
    kept = credentials.get(account.uid)
    assert kept is not None and kept.reveal() == fake.key and fake.key not in str(account.settings)

    loop.run_until_complete(window.context.engine.sync_once(attempts=1))
    window.refresh_all()
    with window.context.database.read() as connection:
        conversation = connection.exec_driver_sql(
            "SELECT conversation_id FROM messages WHERE remote_id = ?", (f"{topic}/{question['post_number']}",)
        ).scalar()
    window.open_conversation(int(conversation))
    qtbot.waitUntil(lambda: "Et le dimanche" in window.thread.browser.toPlainText())
    assert "Nous ouvrons" in window.thread.browser.toPlainText(), "the user's post it answers, above it"
    window.thread.reply.setFocus()
    qtbot.keyClicks(window.thread.reply, "Oui, de 8 h a 12 h.")
    qtbot.keyClick(window.thread.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.thread.reply.toPlainText() == "")
    results = loop.run_until_complete(window.context.engine.outbox.send_due())
    assert [r.state for r in results] == [OutboxState.SENT]
    written = fake.topics[topic]["posts"][-1]
    assert (written["raw"], written["reply_to_post_number"]) == ("Oui, de 8 h a 12 h.", question["post_number"])


def test_a_forum_that_does_not_send_cmdesk_back_is_signed_in_with_the_pasted_text(
    qtbot,
    window: MainWindow,
    fake: DiscourseFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    window.context._credentials = MemoryCredentialStore()
    fake.allowed_redirects = ()
    opened: list[str] = []
    dialog = DiscourseSignInDialog(window.context, window, address=fake.base, open_url=opened.append)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert len(opened) == 1 and "auth_redirect" not in opened[0] and "/user-api-key/new?" in opened[0]
    assert httpx.get(opened[0]).status_code == 200, "the user approves; the forum shows the text"
    dialog.pasted.setPlainText(fake.shown_payload)
    qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert dialog.added is not None and dialog.added.account.name.endswith(f"(@{ME})"), dialog.status.text()
