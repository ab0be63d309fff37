"""The Sources pane: health per account, add/rename/remove a client, remove a source with its data, sync now."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QInputDialog, QMessageBox

from cmdesk.app.context import AppContext
from cmdesk.domain import Health, Page
from cmdesk.storage import ingest, syncstate, workspace
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.client_settings_dialog import ClientSettingsDialog
from cmdesk.ui.sources_pane import SourcesPane
from tests.support.factories import item, make_account


def cells(pane: SourcesPane) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in range(pane.model.rowCount()):
        client = pane.model.item(row, 0)
        found[client.text()] = []
        for child in range(client.rowCount()):
            found[client.text()].append(" | ".join(client.child(child, c).text() for c in range(5)))
    return found


def test_health_add_rename_remove_and_sync(qtbot, context: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    good = make_account(context.database, client="Boulangerie", address="https://blog.example/feed")
    broken = make_account(context.database, client="Boulangerie", address="https://forum.example/rss")
    ingest.commit_page(context.database, good.id, Page((item(1), item(2)), {}))
    with context.database.write() as connection:
        syncstate.record_health(connection, good.id, Health.OK, succeeded_at=utcnow())
        syncstate.record_health(connection, broken.id, Health.NEEDS_ATTENTION, reason="not found (HTTP 404)")
        limited = workspace.add_account(connection, good.client_id, good.network, "https://x.example/feed", name="X")
        syncstate.record_health(connection, limited.id, Health.RATE_LIMITED, retry_at=utcnow() + timedelta(hours=1))
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    pane.refresh()
    rows = cells(pane)["Boulangerie"]
    assert rows[0].startswith("https://blog.example/feed | Feed | ok |") and rows[0].endswith("| 2")
    assert "needs attention: Nothing at this address on the server" in rows[1], "in plain words (issue 16, defect 6)"
    assert "rate-limited until" in rows[2]

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Fleuriste Iris", True))
    pane.add_client()
    assert "Fleuriste Iris" in cells(pane)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Fleuriste Iris & Co", True))
    pane.rename()
    assert "Fleuriste Iris & Co" in cells(pane)

    requested: list[object] = []
    pane.syncRequested.connect(requested.append)
    pane.select("account", good.id)
    assert pane.buttons["sync"].isEnabled()
    pane.buttons["sync"].click()
    assert requested == [good.id]

    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    pane.remove()
    assert "with 2 messages?" in asked[0]
    with context.database.read() as connection:
        assert [a.id for a in workspace.list_accounts(connection)] == [broken.id, limited.id]
        assert connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 0


def test_client_settings_signature_slots_and_missed_posts(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, monkeypatch
) -> None:
    account = make_account(context.database, client="Le Fournil", address="https://blog.example/feed")
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    pane.refresh()
    assert not pane.buttons["client_settings"].isEnabled()
    pane.select("account", account.id)
    assert pane.buttons["client_settings"].isEnabled(), "an account's row leads to its client"
    opened: list[ClientSettingsDialog] = []
    monkeypatch.setattr(ClientSettingsDialog, "open", lambda dialog: opened.append(dialog))
    pane.buttons["client_settings"].click()
    (dialog,) = opened
    assert "Le Fournil" in dialog.windowTitle() and dialog.missed.currentData() == "ask"
    dialog.signature.setPlainText("Le Fournil\n12 rue du Four, Lyon")
    dialog.slots.setText("lundi 9h, thu 18:30")
    dialog.save()
    assert "not a posting slot" in dialog.status.text(), "a slot needs minutes"
    dialog.slots.setText("thu 18:30, lundi 9h00")
    dialog.missed.setCurrentIndex(dialog.missed.findData("skip"))
    dialog.save()
    with context.database.read() as connection:
        client = workspace.list_clients(connection)[0]
    assert client.signature == "Le Fournil\n12 rue du Four, Lyon"
    assert client.slots == ("mon 09:00", "thu 18:30") and client.missed_policy == "skip"
