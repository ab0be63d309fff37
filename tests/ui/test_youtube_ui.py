"""YouTube in the window: the sign-in dialog walks through making a Google OAuth client (its links), refuses to start
without one, signs in through the browser against a loopback Google (tests/support/google_auth_fake.py) and adds the
channel to the chosen client; the client's OAuth client is then filled in for its next sign-in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.services.youtube_signin import Tokens
from cmdesk.storage import workspace
from cmdesk.ui.youtube_dialog import YouTubeSignInDialog
from tests.support.consenting_user import browser
from tests.support.google_auth_fake import CLIENT_ID, CLIENT_SECRET
from tests.support.window_steps import show_first_conversation
from tests.support.youtube_fake import ME, YouTubeFake


@pytest.fixture
def fake() -> Iterator[YouTubeFake]:
    server = YouTubeFake().start()
    yield server
    server.stop()


def test_the_dialog_signs_a_channel_in_and_remembers_the_clients_oauth_client(
    qtbot,  # type: ignore[no-untyped-def]
    fake: YouTubeFake,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
) -> None:
    credentials = context._credentials = MemoryCredentialStore()
    dialog = YouTubeSignInDialog(context, open_url=browser, origins=(fake.base, fake.base))
    qtbot.addWidget(dialog)
    dialog.show()
    assert QApplication.focusWidget() in (dialog.client_id, None), "nothing known yet: the client id is asked first"
    links = dialog.steps.text()
    assert "console.cloud.google.com/apis/credentials" in links and "Desktop app" in links
    dialog.client.setCurrentText("Vélos Martin")
    dialog.browser_button.click()
    assert dialog._task is None and "Copy the OAuth client" in dialog.status.text(), "no OAuth client: not started"

    dialog.client_id.setText(CLIENT_ID)
    dialog.client_secret.setText(CLIENT_SECRET)
    dialog.browser_button.click()
    assert dialog._task is not None and not dialog.browser_button.isEnabled(), "busy while the browser is out"
    loop.run_until_complete(asyncio.wait_for(dialog._task, 60))
    assert dialog.added is not None, dialog.status.text()
    with context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
        clients = {c.id: c.name for c in workspace.list_clients(connection)}
    assert [(a.network, a.settings["me"], clients[a.client_id]) for a in accounts] == [("youtube", ME, "Vélos Martin")]
    secret = credentials.get(accounts[0].uid)
    assert secret is not None and Tokens.from_secret(secret).refresh is not None, "the refresh token is in the keyring"
    assert accounts[0].settings["sign_in_ends"], "an app in Testing: when Google ends the sign-in is kept"

    again = YouTubeSignInDialog(context, client_name="Vélos Martin", again=True)
    qtbot.addWidget(again)
    again.show()
    assert (again.client_id.text(), again.client_secret.text()) == (CLIENT_ID, CLIENT_SECRET)
    assert again.windowTitle() == "Sign in to YouTube again"
    assert QApplication.focusWidget() in (again.browser_button, None), "all filled in: one key signs in"


def test_sources_shows_the_projects_quota_and_when_google_ends_the_sign_in(
    qtbot,  # type: ignore[no-untyped-def]
    context: AppContext,
) -> None:
    from datetime import UTC, datetime, timedelta

    from cmdesk.connectors.youtube.api import quota_day
    from cmdesk.domain import Network, Usage
    from cmdesk.storage import syncstate, usage
    from cmdesk.ui.sources_pane import SourcesPane

    now = datetime.now(UTC)
    settings = {"me": ME, "oauth_client_id": CLIENT_ID, "sign_in_ends": (now + timedelta(days=5)).isoformat()}
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        address = f"https://www.youtube.com/channel/{ME}"
        channel = workspace.add_account(
            connection, client.id, Network.YOUTUBE, address, name="Le Fournil", settings=settings
        )
        syncstate.record_health(connection, channel.id, syncstate.Health.OK)
        usage.add(connection, [Usage("youtube:123456789012", quota_day(now), 8_500)], now)
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    pane.refresh()
    row = pane.model.item(0).child(0, 2)
    assert "quota 8,500 / 10,000 today" in row.text() and "sign-in ends" in row.text(), row.text()
    assert "Google project 123456789012" in row.toolTip() and "publish the app" in row.toolTip()


def test_hiding_a_youtube_comment_can_also_ban_its_author(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QMessageBox

    from cmdesk.domain import Author, Direction, Item, Kind, Network, Page
    from cmdesk.storage import ingest, outbox

    now = datetime.now(UTC)
    with window.context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        channel = workspace.add_account(connection, client.id, Network.YOUTUBE, f"https://www.youtube.com/channel/{ME}",
                                        name="Le Fournil", settings={"me": ME})  # fmt: skip
    items = (
        Item("vid1", "vid1", Kind.COMMENT, "La galette", direction=Direction.OUTBOUND,
             created_at=now - timedelta(days=1)),
        Item("Ug1", "vid1", Kind.COMMENT, "Gagnez 1000 abonnés ici", author=Author("Promo Bot", "UCbot"),
             parent_remote_id="vid1", created_at=now - timedelta(hours=1)),
    )  # fmt: skip
    ingest.commit_page(window.context.database, channel.id, Page(items, {}))
    show_first_conversation(qtbot, window)
    offered: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        found = box.checkBox()
        assert found is not None, "YouTube can ban: the box offers it"
        offered.append(found.text())
        found.setChecked(True)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window._message_action("hide", "Ug1")
    qtbot.waitUntil(lambda: bool(offered))

    def queued() -> list[object]:
        with window.context.database.read() as connection:
            return list(outbox.listing(connection))

    qtbot.waitUntil(lambda: bool(queued()))
    assert [(e.action, e.act.target, e.act.ban_author) for e in queued()] == [("hide", "Ug1", True)]  # type: ignore[attr-defined]


def test_to_moderate_shows_only_once_an_account_can_moderate(window) -> None:  # type: ignore[no-untyped-def]
    from cmdesk.domain import Network

    window.refresh_all()
    assert "to_moderate" not in [view.key for view in window._views], "feeds and e-mail hold nothing for review"
    with window.context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        workspace.add_account(connection, client.id, Network.YOUTUBE, f"https://www.youtube.com/channel/{ME}",
                              name="Le Fournil", settings={"me": ME})  # fmt: skip
    window.refresh_all()
    assert "to_moderate" in [view.key for view in window._views]


def test_the_status_bar_warns_two_days_before_a_sign_in_ends(window) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from cmdesk.domain import Network

    ends = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    with window.context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        workspace.add_account(connection, client.id, Network.YOUTUBE, f"https://www.youtube.com/channel/{ME}",
                              name="Le Fournil", settings={"me": ME, "sign_in_ends": ends})  # fmt: skip
    window.refresh_all()
    assert "soon: Sources" in window.sync_label.text() and "Le Fournil" in window.sync_label.toolTip()


def test_a_refused_sign_in_is_said_in_one_line_and_the_dialog_stays_usable(
    qtbot,  # type: ignore[no-untyped-def]
    fake: YouTubeFake,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
) -> None:
    context._credentials = MemoryCredentialStore()
    dialog = YouTubeSignInDialog(context, open_url=browser, origins=(fake.base, fake.base))
    qtbot.addWidget(dialog)
    dialog.client_id.setText(CLIENT_ID)
    dialog.client_secret.setText("GOCSPX-wrong")
    dialog.browser_button.click()
    loop.run_until_complete(asyncio.wait_for(dialog._task, 60))
    assert dialog.status.text().startswith("Could not sign in: Google refused the OAuth client"), dialog.status.text()
    assert dialog.browser_button.isEnabled() and dialog.result() != dialog.DialogCode.Accepted
