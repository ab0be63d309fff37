"""WordPress in the window, against a real WordPress (tests/conftest.py's `wordpress`): a blog read through its feed
cannot be answered and says so, with a button that opens the comment on the site, and stays out of "To answer";
the sign-in dialog opens WordPress's authorization page and, with the password pasted, turns that feed source into
the site's account in place; then a comment held for moderation shows Approve, Spam and Trash, each carried to the
site, and the thread answers the question under it."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from cmdesk.credentials import MemoryCredentialStore
from cmdesk.storage import workspace
from cmdesk.storage.outbox import OutboxState
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.wordpress_dialog import WordPressSignInDialog
from tests.support.wordpress_site import WordPressSite

pytestmark = pytest.mark.slow


def _conversation_of(window: MainWindow, remote_id: str) -> int:
    with window.context.database.read() as connection:
        found = connection.exec_driver_sql("SELECT conversation_id FROM messages WHERE remote_id = ?", (remote_id,))
        return int(found.scalar() or 0)


def _states(window: MainWindow) -> list[str]:
    with window.context.database.read() as connection:
        return [str(row[0]) for row in connection.exec_driver_sql("SELECT state FROM outbox ORDER BY id")]


def _send_everything(window: MainWindow, loop: asyncio.AbstractEventLoop) -> None:
    """What is due goes out (the window's own sending may have taken some already: it is let run)."""
    deadline = time.monotonic() + 30
    while set(_states(window)) != {OutboxState.SENT.value} and time.monotonic() < deadline:
        loop.run_until_complete(window.context.engine.outbox.send_due())
        loop.run_until_complete(asyncio.sleep(0.1))
    assert set(_states(window)) == {OutboxState.SENT.value}, _states(window)


def _in_view(window: MainWindow, key: str) -> set[int]:
    window.sidebar.choose_view(key)
    rows = (window.model.row(n) for n in range(window.model.rowCount()))
    return {row.id for row in rows if row is not None}


def _click(window: MainWindow, verb: str, remote_id: str) -> None:
    href = f"cmdesk:{verb}/{quote(remote_id, safe='')}"
    assert href in window.thread.browser.toHtml(), f"no {verb} link on {remote_id}"
    window.thread.browser.anchorClicked.emit(QUrl(href))


def test_a_blogs_feed_becomes_its_wordpress_account_and_moderates_from_the_thread(
    qtbot,
    window: MainWindow,
    wordpress: WordPressSite,
    loop: asyncio.AbstractEventLoop,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.context._credentials = MemoryCredentialStore()  # before the engine, which reads secrets from it
    post = wordpress.add_post("Chouquettes du dimanche", "Nos chouquettes sortent du four à 8 h.")
    question = wordpress.rest_comment(post["id"], "Vous en gardez pour 11 h ?", author="Nadia B")
    guid = post["guid"]["rendered"]
    with window.context.database.write() as connection:
        client = workspace.add_client(connection, "Boulangerie Le Fournil")
        workspace.add_account(connection, client.id, "feed", wordpress.url + "/feed/")
    loop.run_until_complete(window.context.engine.sync_once(attempts=1))
    window.refresh_all()
    conversation = _conversation_of(window, f"{guid}#comment-{question['id']}")
    window.open_conversation(conversation)
    qtbot.waitUntil(lambda: "11 h" in window.thread.browser.toPlainText())
    assert not window.thread.reply.isEnabled() and "Answer on the site" in window.thread.reason.text() + (
        window.thread.answer_there.text()
    )
    assert window.thread.answer_there.isVisible() and window.thread.answer_there.address == question["link"]
    assert conversation not in _in_view(window, "to_answer"), "read-only: not the user's to answer here"

    opened: list[str] = []
    dialog = WordPressSignInDialog(window.context, window, address=wordpress.url, open_url=opened.append)
    qtbot.addWidget(dialog)
    dialog.login.setText(wordpress.username)
    dialog.client.setEditText("Boulangerie Le Fournil")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert len(opened) == 1 and "/wp-admin/authorize-application.php?app_name=cmdesk" in opened[0], dialog.status.text()
    dialog.password.setText(wordpress.app_password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert dialog.added is not None and dialog.added.upgraded, dialog.status.text()

    held = wordpress.rest_comment(post["id"], "Super blog, visitez mon site", author="Promo", status="hold")
    waiting = wordpress.rest_comment(post["id"], "Première fois ici, bravo !", author="Jules", status="hold")
    synced = loop.run_until_complete(window.context.engine.sync_once(attempts=1))
    window.refresh_all()
    assert _conversation_of(window, f"{guid}#comment-{held['id']}") == conversation, synced
    assert conversation in _in_view(window, "to_answer") and conversation in _in_view(window, "to_moderate")
    window.open_conversation(conversation)
    qtbot.waitUntil(lambda: "visitez mon site" in window.thread.browser.toPlainText())
    assert window.thread.reply.isEnabled() and not window.thread.answer_there.isVisible()
    assert "Held for review" in window.thread.browser.toPlainText()
    _click(window, "spam", f"{guid}#comment-{held['id']}")
    _click(window, "approve", f"{guid}#comment-{waiting['id']}")
    qtbot.waitUntil(lambda: len(_states(window)) == 2)
    _send_everything(window, loop)
    states = [wordpress.comment(c["id"])["status"] for c in (held, waiting)]
    assert states == ["spam", "approved"]

    window.thread.reply.setFocus()
    qtbot.keyClicks(window.thread.reply, "Oui, gardees a votre nom !")
    qtbot.keyClick(window.thread.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.thread.reply.toPlainText() == "")
    _send_everything(window, loop)
    assert _states(window) == ["sent"] * 3
    children = wordpress.rest("GET", "/wp/v2/comments", params={"parent": waiting["id"], "context": "edit"})
    assert [c["content"]["raw"] for c in children] == ["Oui, gardees a votre nom !"], "under the latest public one"
