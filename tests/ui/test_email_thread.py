"""E-mail in the thread pane against a real Dovecot: an attachment is listed with its name and size, and "Save…"
fetches it from the server into the file the user picked; a message gone from the server says so."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Network, Secret
from cmdesk.storage import workspace
from cmdesk.storage.database import Database
from cmdesk.ui.main_window import MainWindow
from tests.support.dovecot import DovecotServer

ADDRESS = "contact@fournil.test"
INVOICE = b"%PDF-1.4\n" + bytes(range(256)) * 40


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    server = DovecotServer().start()
    server.add_user(ADDRESS)
    message = EmailMessage()
    message["From"] = "Marie Dupont <marie@client.test>"
    message["To"] = ADDRESS
    message["Subject"] = "Facture de novembre"
    message["Message-ID"] = "<facture-11@client.test>"
    message.set_content("Bonjour, la facture est jointe.")
    message.add_attachment(INVOICE, maintype="application", subtype="pdf", filename="facture-novembre.pdf")
    server.append(ADDRESS, bytes(message))
    yield server
    server.stop()


@pytest.fixture
def desk(qtbot, tmp_path: Path, loop: asyncio.AbstractEventLoop, dovecot: DovecotServer) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    credentials = MemoryCredentialStore()
    data = tmp_path / "data"
    context = AppContext(data, Database.open(data), credentials)
    settings = {"imap_host": "127.0.0.1", "imap_port": dovecot.imap_port, "imap_security": "none"}
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        added = workspace.add_account(connection, client.id, Network.EMAIL, ADDRESS, name=ADDRESS, settings=settings)
    credentials.set(added.uid, Secret(dovecot.users[ADDRESS]))
    context.start_sync = lambda: None  # type: ignore[method-assign]
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    loop.run_until_complete(context.engine.sync_once(attempts=1))
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)
    yield window
    loop.run_until_complete(context.aclose())


def test_save_fetches_the_attachment_into_the_chosen_file(  # type: ignore[no-untyped-def]
    qtbot,
    desk: MainWindow,
    tmp_path: Path,
    dovecot: DovecotServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = desk.thread.browser.toPlainText()
    assert re.search(r"📎 facture-novembre\.pdf · 10[.,]0 [kK]B · Save…", shown), shown
    message = desk.thread._messages[0]
    target = tmp_path / "chosen" / "facture.pdf"
    offered: list[str] = []

    def choose(_parent: object, _title: str, suggested: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    desk.thread._action("save", f"{message.id}.0")
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes() == INVOICE
    assert Path(offered[0]).name == "facture-novembre.pdf"
    qtbot.waitUntil(lambda: "Saved" in desk.statusBar().currentMessage(), timeout=10_000)

    client = dovecot.imap(ADDRESS)
    client.select("INBOX")
    client.store("1", "+FLAGS", "(\\Deleted)")
    client.expunge()
    client.logout()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    target.unlink()
    desk.thread._action("save", f"{message.id}.0")
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "no longer on the server" in warnings[0] and not target.exists()
