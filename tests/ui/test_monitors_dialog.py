"""The Monitors dialog of a Mastodon account: add, refuse bad terms with a reason, remove."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cmdesk.app.context import AppContext
from cmdesk.domain import Network
from cmdesk.storage import workspace
from cmdesk.ui.monitors_dialog import MonitorsDialog


def test_add_refuse_and_remove_monitors(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.MASTODON, "https://b.social/@fournil")
    dialog = MonitorsDialog(context.reader, context, account.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.term, "#Galette")
    qtbot.keyClick(dialog.term, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.term, "pain   au levain")
    dialog.add_button.click()
    qtbot.keyClicks(dialog.term, "#pain bio")
    dialog.add_button.click()
    assert "not a hashtag" in dialog.status.text() and dialog.term.text() == "#pain bio"
    dialog.terms.setCurrentRow(0)
    dialog.remove_button.click()
    with context.database.read() as connection:
        saved = workspace.get_account(connection, account.id).settings["monitors"]
    assert saved == ["pain au levain"]
    assert [dialog.terms.item(n).text() for n in range(dialog.terms.count())] == saved


def test_a_clients_monitors_from_the_sources_pane(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, part 2: a client row's Monitors… lists what the client listens for across all its sources."""
    from cmdesk.ui.monitors_dialog import ClientMonitorsDialog
    from cmdesk.ui.sources_pane import SourcesPane

    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        workspace.add_account(connection, client.id, Network.FEED, "https://blog.example/feed")
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    pane.refresh()
    pane.select("client", client.id)
    assert pane.buttons["monitors"].isEnabled(), "a client listens even with no account that searches"
    dialog = ClientMonitorsDialog(context.reader, context, client.id)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.term, 'Fournil "pain au levain" -emploi')
    qtbot.keyClick(dialog.term, Qt.Key.Key_Return)
    dialog.term.setText('"pas fermé')
    dialog.add_button.click()
    assert "not closed" in dialog.status.text()
    with context.database.read() as connection:
        assert workspace.get_client(connection, client.id).monitors == ('Fournil "pain au levain" -emploi',)


def test_listening_to_the_web_for_a_name_from_add_a_source(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    from cmdesk.ui.add_source_dialog import AddSourceDialog
    from cmdesk.ui.listen_dialog import ListenDialog

    add = AddSourceDialog(context, None)
    qtbot.addWidget(add)
    with qtbot.waitSignal(add.listenRequested, timeout=1000):
        add._other("listen")
    dialog = ListenDialog(context, "")
    qtbot.addWidget(dialog)
    assert not dialog.listen.isEnabled(), "nothing to listen for yet"
    qtbot.keyClicks(dialog.name, "Northwind Bikes")
    dialog.choices["bing"].setChecked(False)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.listen.click()
    assert len(dialog.added) == 2
    with context.database.read() as connection:
        names = sorted(account.name for account in workspace.list_accounts(connection))
        client = workspace.find_client(connection, "Northwind Bikes")
    assert names[0].startswith("Google News") and names[1].startswith("Reddit")
    assert client is not None and '"Northwind Bikes"' in client.monitors
