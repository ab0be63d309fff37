"""Reddit in the window: the sign-in dialog walks through the user's own installed app and signs in through the
browser (a loopback server speaking Reddit's OAuth, tests/support/reddit_fake.py); the client's app is remembered;
a sync brings the inbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.storage import workspace
from cmdesk.ui.reddit_dialog import RedditSignInDialog
from tests.support.consenting_user import browser
from tests.support.reddit_fake import CLIENT_ID, ME, RedditFake


@pytest.fixture
def fake() -> Iterator[RedditFake]:
    server = RedditFake().start()
    yield server
    server.stop()


def test_the_dialog_signs_in_with_the_users_app_and_a_sync_brings_the_inbox(
    qtbot,  # type: ignore[no-untyped-def]
    fake: RedditFake,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
) -> None:
    context._credentials = MemoryCredentialStore()
    dialog = RedditSignInDialog(context, open_url=browser, origins=(fake.base, fake.base))
    qtbot.addWidget(dialog)
    assert "127.0.0.1:48763/callback" in dialog.steps.text() and "installed app" in dialog.steps.text()
    dialog.browser_button.click()
    assert dialog._task is None and "client id first" in dialog.status.text()
    dialog.client.setCurrentText("Boulangerie Le Fournil")
    dialog.client_id.setText(CLIENT_ID)
    dialog.browser_button.click()
    loop.run_until_complete(asyncio.wait_for(dialog._task, 60))  # type: ignore[arg-type]
    assert dialog.added is not None, dialog.status.text()
    again = RedditSignInDialog(context, client_name="Boulangerie Le Fournil", again=True)
    qtbot.addWidget(again)
    assert again.client_id.text() == CLIENT_ID, "the client's app is remembered"

    question = fake.message("karim_d", "Bonjour, 40 croissants pour samedi ?")
    loop.run_until_complete(context.engine.sync_once(attempts=1))
    with context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
        stored = connection.exec_driver_sql("SELECT remote_id FROM messages").scalars().all()
    assert [(a.network, a.settings["me"]) for a in accounts] == [("reddit", ME)]
    assert stored == [question["name"]]
