"""Mastodon in the window: signing in from the dialog (real snac2), a reply typed in the thread that goes out
through the outbox and joins the thread, a failed reply with its reason and a retry, content warnings folded, and
favourites queued from a message."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Network, Secret
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.mastodon_dialog import MastodonSignInDialog
from tests.support.images import png
from tests.support.mastodon_fake import TOKEN, MastodonFake, account
from tests.support.snac import BASE, SnacServer
from tests.support.thread_html import remote_images

CUSTOMER = account("201", "marie", "Marie Dupont", "piaille.fr")


@pytest.fixture
def desk(qtbot, tmp_path: Path, loop: asyncio.AbstractEventLoop, fake: MastodonFake) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    credentials = MemoryCredentialStore()
    data = tmp_path / "data"
    context = AppContext(data, Database.open(data), credentials)
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        added = workspace.add_account(
            connection, client.id, Network.MASTODON, f"{fake.base}/@fournil", name="@fournil", settings={"me": "109"}
        )
    credentials.set(added.uid, Secret(TOKEN))
    # The tests send the outbox themselves, inside the loop; the background schedule is the engine's own tests'.
    context.start_sync = lambda: None  # type: ignore[method-assign]
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield window
    loop.run_until_complete(context.aclose())


def sync(window: MainWindow, loop: asyncio.AbstractEventLoop) -> None:
    loop.run_until_complete(window.context.engine.sync_once(attempts=1))
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)


def test_a_reply_typed_in_the_thread_goes_out_and_joins_it(
    qtbot,
    desk: MainWindow,
    fake: MastodonFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    question = fake.status(CUSTOMER, "<p>@fournil Vous faites des baguettes tradition ?</p>", mentions=[fake.me])
    fake.notify("mention", CUSTOMER, question)
    sync(desk, loop)
    assert desk.thread.conversation is not None
    assert desk.thread.reply.isEnabled() and not desk.thread.reason.isVisible()

    desk.thread.reply.setFocus()
    qtbot.keyClicks(desk.thread.reply, "Oui, tous les jours !")
    qtbot.keyClick(desk.thread.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.thread.reply.toPlainText() == "")
    with desk.context.database.read() as connection:
        queued = outbox.listing(connection)
    assert [(e.action, e.target_remote_id) for e in queued] == [("reply", question["id"])]

    results = loop.run_until_complete(desk.context.engine.outbox.send_due())
    assert results[0].state is OutboxState.SENT
    qtbot.waitUntil(lambda: "tous les jours" in desk.thread.browser.toPlainText())
    shown = desk.thread.browser.toPlainText()
    assert "Your reply" not in shown, "sent: shown as a message, no longer as on its way"
    assert fake.statuses[results[0].remote_id]["in_reply_to_id"] == question["id"]
    assert desk.outbox_label.text().endswith("0")


def test_a_reply_that_fails_says_why_and_can_be_retried(
    qtbot,
    desk: MainWindow,
    fake: MastodonFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    fake.notify("mention", CUSTOMER, fake.status(CUSTOMER, "<p>@fournil horaires ?</p>"))
    sync(desk, loop)
    fake.revoked = True
    desk.thread.reply.setPlainText("7 h – 19 h")
    desk.thread.send.click()
    qtbot.waitUntil(lambda: "Your reply" in desk.thread.browser.toPlainText())
    loop.run_until_complete(desk.context.engine.outbox.send_due())
    qtbot.waitUntil(lambda: "not sent" in desk.thread.browser.toPlainText())
    assert "sign-in needed" in desk.thread.browser.toPlainText()
    assert "Not sent" in desk.statusBar().currentMessage()

    fake.revoked = False
    entry_id = desk.thread._pending[0].id
    desk.thread.browser.actionRequested.emit("retry", str(entry_id))
    qtbot.waitUntil(lambda: "queued" in desk.thread.browser.toPlainText())
    assert loop.run_until_complete(desk.context.engine.outbox.send_due())[0].state is OutboxState.SENT


def test_content_warnings_stay_folded_until_opened_and_favourites_are_queued(
    qtbot,
    desk: MainWindow,
    fake: MastodonFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    status = fake.status(CUSTOMER, "<p>@fournil la recette secrète</p>", spoiler_text="spoiler gâteau")
    fake.notify("mention", CUSTOMER, status)
    sync(desk, loop)
    shown = desk.thread.browser.toPlainText()
    assert "spoiler gâteau" in shown and "recette secrète" not in shown
    message_id = desk.thread._messages[0].id
    desk.thread.browser.actionRequested.emit("show", str(message_id))
    assert "recette secrète" in desk.thread.browser.toPlainText()

    desk.thread.browser.actionRequested.emit("favourite", status["id"])
    qtbot.waitUntil(lambda: "Favourite" in desk.thread.browser.toPlainText() and bool(desk.thread._pending))
    loop.run_until_complete(desk.context.engine.outbox.send_due())
    assert any(r.method == "POST" and r.path.endswith(f"{status['id']}/favourite") for r in fake.requests)


def test_signing_in_from_the_dialog_adds_the_account(
    qtbot,
    snac: SnacServer,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    context._credentials = MemoryCredentialStore()
    user, password = snac.add_user("boutique")

    def browser(url: str) -> object:
        return asyncio.ensure_future(asyncio.to_thread(snac.approve_as_browser, url, user, password))

    dialog = MastodonSignInDialog(context, open_url=browser)
    qtbot.addWidget(dialog)
    dialog.show()
    assert QApplication.focusWidget() in (dialog.instance, None)
    dialog.instance.setText(BASE)
    dialog.client.setCurrentText("Vélos Martin")
    dialog.browser_button.click()
    assert dialog._task is not None and not dialog.browser_button.isEnabled(), "busy while the browser is out"
    loop.run_until_complete(asyncio.wait_for(dialog._task, 60))
    assert dialog.added is not None, dialog.status.text()
    assert dialog.result() == dialog.DialogCode.Accepted
    with context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
        clients = {c.id: c.name for c in workspace.list_clients(connection)}
    assert [(a.name, clients[a.client_id]) for a in accounts] == [(f"@{user}@localhost", "Vélos Martin")]


def test_media_and_custom_emoji_load_only_when_asked(
    qtbot,
    desk: MainWindow,
    fake: MastodonFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    for name in ("full", "small", "galette"):
        fake.files[f"/media/{name}.png"] = ("image/png", png())
    status = fake.status(CUSTOMER, "<p>@fournil Miam :galette: merci !</p>")
    status["media_attachments"] = [
        {
            "id": "1",
            "type": "image",
            "url": f"{fake.base}/media/full.png",
            "preview_url": f"{fake.base}/media/small.png",
            "description": "La galette entamée",
        }
    ]
    status["emojis"] = [{"shortcode": "galette", "url": "", "static_url": f"{fake.base}/media/galette.png"}]
    fake.notify("mention", CUSTOMER, status)
    sync(desk, loop)
    assert "Show images (2)" in desk.thread.browser.toPlainText()
    assert remote_images(desk.thread.browser.toHtml()) == []
    assert not [r for r in fake.requests if r.path.startswith("/media/")], "nothing loaded by itself"

    desk.thread.browser.actionRequested.emit("images", str(desk.thread._messages[0].id))
    loop.run_until_complete(asyncio.sleep(0.5))
    qtbot.waitUntil(lambda: len(desk.thread.browser.images) == 2)
    shown = desk.thread.browser.toHtml()
    assert len(remote_images(shown)) == 2 and "small.png" in shown and "galette.png" in shown
    assert sorted(r.path for r in fake.requests if r.path.startswith("/media/")) == [
        "/media/galette.png",
        "/media/small.png",
    ], "the preview, not the full image; and the emoji"


def test_deleting_an_own_reply_asks_then_marks_it_deleted(
    qtbot,
    desk: MainWindow,
    fake: MastodonFake,
    loop: asyncio.AbstractEventLoop,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    question = fake.status(CUSTOMER, "<p>@fournil ouvert le 1er mai ?</p>")
    fake.notify("mention", CUSTOMER, question)
    ours = fake.status(fake.me, "<p>Oui, de 8 h à 13 h</p>", in_reply_to=question["id"])
    fake.notify("mention", CUSTOMER, fake.status(CUSTOMER, "<p>@fournil merci !</p>", in_reply_to=ours["id"]))
    sync(desk, loop)
    assert "Delete" in desk.thread.browser.toPlainText()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    desk.thread.browser.actionRequested.emit("delete", ours["id"])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    desk.thread.browser.actionRequested.emit("delete", ours["id"])
    qtbot.waitUntil(lambda: bool(desk.thread._pending))
    assert [e.action for e in desk.thread._pending] == ["delete"], "asked once, queued once"
    loop.run_until_complete(desk.context.engine.outbox.send_due())
    qtbot.waitUntil(lambda: "Deleted on the network" in desk.thread.browser.toPlainText())
    assert ours["id"] not in fake.statuses
