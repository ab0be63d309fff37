"""Bluesky in the window, against the real local network (tests/conftest.py's `atproto`): the sign-in dialog with
an app password adds the account (a wrong password said plainly), a mention comes in through a sync, and a reply typed
in the thread goes out once as a reply record in the account's repository, under the post it answers."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from cmdesk.connectors.bluesky import session as sessions
from cmdesk.connectors.bluesky import xrpc
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Secret
from cmdesk.storage import workspace
from cmdesk.storage.outbox import OutboxState
from cmdesk.ui.bluesky_dialog import BlueskySignInDialog
from cmdesk.ui.main_window import MainWindow
from tests.support.atproto_network import Network

pytestmark = pytest.mark.slow


def write_post(loop: asyncio.AbstractEventLoop, network: Network, handle: str, text: str, mentioned: str) -> str:
    async def write() -> Any:
        async with httpx.AsyncClient() as client:
            who = await sessions.create(client, network.pds, handle, Secret(network.accounts[handle]["password"]))
            end = len(f"@{mentioned}".encode())
            facet = {"index": {"byteStart": 0, "byteEnd": end}, "features": [
                {"$type": "app.bsky.richtext.facet#mention", "did": network.accounts[mentioned]["did"]}]}  # fmt: skip
            record = {"$type": "app.bsky.feed.post", "text": text, "facets": [facet],
                      "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z")}  # fmt: skip
            body = {"repo": who.did, "collection": "app.bsky.feed.post", "record": record}
            return await xrpc.call(client, who.pds, "com.atproto.repo.createRecord", token=who.access, body=body)

    return str(loop.run_until_complete(write())["uri"])


def test_sign_in_then_a_mention_is_answered_from_the_thread(
    qtbot,
    window: MainWindow,
    atproto: Network,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    window.context._credentials = credentials = MemoryCredentialStore()
    dialog = BlueskySignInDialog(window.context, window, service=atproto.pds)
    qtbot.addWidget(dialog)
    dialog.handle.setText("erin.test")
    dialog.password.setText("not-the-password")
    dialog.client.setEditText("Boulangerie Le Fournil")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert "Could not sign in" in dialog.status.text() and dialog.added is None
    assert dialog.password.text() == "", "the refused password is not left in the field"
    dialog.password.setText(atproto.accounts["erin.test"]["password"])
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert dialog.added is not None, dialog.status.text()
    with window.context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
    assert [(a.network, a.name) for a in accounts] == [("bluesky", "@erin.test")]
    kept = credentials.get(accounts[0].uid)
    assert kept is not None and atproto.accounts["erin.test"]["password"] not in kept.reveal(), "a session, no password"

    question = write_post(loop, atproto, "bob.test", "@erin.test il reste des chouquettes ?", "erin.test")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        loop.run_until_complete(window.context.engine.sync_once(attempts=1))
        if _stored(window, question):
            break
        time.sleep(0.5)
    window.refresh_all()
    conversation_id = _stored(window, question)
    assert conversation_id
    window.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: "chouquettes" in window.thread.browser.toPlainText())
    window.thread.reply.setFocus()
    qtbot.keyClicks(window.thread.reply, "Oui, une douzaine !")
    qtbot.keyClick(window.thread.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.thread.reply.toPlainText() == "")
    results = loop.run_until_complete(window.context.engine.outbox.send_due())
    assert [r.state for r in results] == [OutboxState.SENT]
    again = loop.run_until_complete(window.context.engine.outbox.send_due())
    assert again == [], "sent once"

    async def replies() -> list[Any]:
        async with httpx.AsyncClient() as client:
            did = atproto.accounts["erin.test"]["did"]
            params = [("repo", did), ("collection", "app.bsky.feed.post")]
            found = await xrpc.call(client, atproto.pds, "com.atproto.repo.listRecords", params=params)
            return [r["value"] for r in found["records"]]

    written = loop.run_until_complete(replies())
    replies_written = [(r["text"], r["reply"]["parent"]["uri"]) for r in written if "reply" in r]
    assert replies_written == [("Oui, une douzaine !", question)]


def _stored(window: MainWindow, remote_id: str) -> int | None:
    with window.context.database.read() as connection:
        found = connection.exec_driver_sql(
            "SELECT conversation_id FROM messages WHERE remote_id = ?", (remote_id,)
        ).scalar()
    return int(found) if found else None
