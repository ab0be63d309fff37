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
