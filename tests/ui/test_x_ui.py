"""X in the window: the sign-in dialog walks through the user's own app and says what X charges; it signs in through
the browser (a loopback server speaking X's OAuth 2.0 with PKCE, tests/support/x_fake.py), remembers the app for the
client's next account, and Sources shows the month's estimated spending against the client's budget after a sync."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.storage import usage, workspace
from cmdesk.ui.sources_pane import account_notes
from cmdesk.ui.x_dialog import XSignInDialog
from tests.support.consenting_user import browser
from tests.support.x_fake import CLIENT_ID, ME, XFake


@pytest.fixture
def fake() -> Iterator[XFake]:
    server = XFake().start()
    server.person("1234567890", "Nathalie Roux", "nathalieroux")
    yield server
    server.stop()


def test_the_dialog_signs_in_with_the_users_app_and_sources_shows_the_months_spending(
    qtbot,  # type: ignore[no-untyped-def]
    fake: XFake,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
) -> None:
    context._credentials = MemoryCredentialStore()
    dialog = XSignInDialog(context, open_url=browser, origins=(fake.base, fake.base))
    qtbot.addWidget(dialog)
    dialog.show()
    assert QApplication.focusWidget() in (dialog.client_id, None), "the app's client id is asked first"
    assert "127.0.0.1:48762/callback" in dialog.steps.text() and "Native App" in dialog.steps.text()
    dialog.browser_button.click()
    assert dialog._task is None and "Client ID first" in dialog.status.text()
    dialog.client.setCurrentText("Boulangerie Le Fournil")
    dialog.client_id.setText(CLIENT_ID)
    dialog.cap.setValue(2.5)
    dialog.browser_button.click()
    loop.run_until_complete(asyncio.wait_for(dialog._task, 60))  # type: ignore[arg-type]
    assert dialog.added is not None, dialog.status.text()
    with context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
    assert [(a.network, a.settings["me"], a.settings["x_monthly_cap"]) for a in accounts] == [("x", ME, 2.5)]

    again = XSignInDialog(context, client_name="Boulangerie Le Fournil", again=True)
    qtbot.addWidget(again)
    assert again.client_id.text() == CLIENT_ID, "the client's app is remembered"

    fake.post("1234567890", "@lefournil bonjour, vous ouvrez à quelle heure ?")
    loop.run_until_complete(context.engine.sync_once(attempts=1))
    with context.database.read() as connection:
        spent = usage.recent(connection)
        account = workspace.list_accounts(connection)[0]
    note, tone, tip = account_notes(account, spent, datetime.now(UTC))
    assert "/ $2.50 this month" in note and "$0.0" in note, note
    assert "published prices" in tip and tone == ""
