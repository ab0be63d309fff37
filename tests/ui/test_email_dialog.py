"""The Add an e-mail account dialog against a real Dovecot: presets fill the servers, a wrong password is shown
with the server's reason and saves nothing, the right one adds the account with the password in the keyring."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.storage import workspace
from cmdesk.ui.email_dialog import EmailAccountDialog
from tests.support.dovecot import DovecotServer

ADDRESS = "contact@fournil.test"


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    server = DovecotServer().start()
    server.add_user(ADDRESS, "Pain-au-levain-42")
    client = server.imap(ADDRESS)
    client.create("Commandes")
    client.create("Trash")
    client.logout()
    yield server
    server.stop()


def test_presets_then_wrong_then_right_password(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, loop: asyncio.AbstractEventLoop, dovecot: DovecotServer
) -> None:
    context._credentials = MemoryCredentialStore()
    dialog = EmailAccountDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address.setText("boulangerie@gmail.com")
    dialog.address.editingFinished.emit()
    assert (dialog.imap_host.text(), dialog.imap_port.value()) == ("imap.gmail.com", 993)
    assert "app password" in dialog.note.text()

    dialog.address.setText(ADDRESS)
    dialog.imap_host.setText("127.0.0.1")
    dialog.smtp_host.setText("127.0.0.1")
    dialog.imap_security.setCurrentIndex(2)
    dialog.imap_port.setValue(dovecot.imap_port)
    dialog.password.setText("wrong")
    dialog.add_button.click()
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert "refused this address and password" in dialog.status.text() and "wrong" not in dialog.status.text()
    assert "refused the user name or password" in dialog.status.toolTip(), "the server's own words as the details"
    with context.database.read() as connection:
        assert workspace.list_accounts(connection) == []

    dialog.password.setText("Pain-au-levain-42")
    dialog.test_button.click()
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert "INBOX: 0 message(s)" in dialog.status.text()
    listed = {dialog.folders.item(n).text(): dialog.folders.item(n).checkState() for n in range(dialog.folders.count())}
    assert list(listed)[0] == "INBOX" and set(listed) == {"INBOX", "Commandes", "Sent", "Trash"}
    assert dialog.chosen_folders() == ["INBOX"], "only the inbox is chosen until the user picks more"
    dialog.folders.findItems("Commandes", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    dialog.period.setCurrentIndex(dialog.period.findData(30))
    dialog.add_button.click()
    loop.run_until_complete(asyncio.wait_for(dialog._task, 30))  # type: ignore[arg-type]
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.status.text()
    with context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
    assert [(a.address, a.settings["imap_port"]) for a in accounts] == [(ADDRESS, dovecot.imap_port)]
    assert (accounts[0].settings["folders"], accounts[0].settings["first_sync_days"]) == (["INBOX", "Commandes"], 30)
    secret = context.credentials.get(accounts[0].uid)
    assert secret is not None and secret.reveal() == "Pain-au-levain-42"
