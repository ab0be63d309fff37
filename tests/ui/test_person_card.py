"""Issue 16, defect 8 (its last point): the author card shows the person's history across all their conversations
and networks — first seen, how many messages, their other conversations (opened with a click) — and a note kept
about them; clicking a name in the thread opens it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel

from cmdesk.domain import Kind, Network
from cmdesk.storage import workspace
from cmdesk.storage.ingest import ingest_items
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.main_window import MainWindow
from tests.support.factories import T0, item, make_account


def _wait_card(qtbot, window: MainWindow, loop: asyncio.AbstractEventLoop):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: getattr(window, "person_card", None) is not None and window.person_card.isVisible())
    return window.person_card


def test_a_name_opens_their_history_across_networks_and_a_note_that_stays(qtbot, window: MainWindow, loop) -> None:  # type: ignore[no-untyped-def]
    blog = make_account(window.context.database, address="https://blog.lefournil.fr/feed")
    with window.context.database.write() as connection:
        client = workspace.find_client(connection, "Le Fournil")
        assert client is not None
        mastodon = workspace.add_account(
            connection, client.id, Network.MASTODON, "https://piaille.fr/@fournil", name="@fournil"
        )
        ingest_items(
            connection,
            blog.id,
            [item(1, thread="p1", kind=Kind.COMMENT, author="Jeanne Martin", text="Sans gluten ?", at=T0)],
            utcnow(),
        )
        ingest_items(
            connection,
            mastodon.id,
            [item(2, kind=Kind.MENTION, author="Jeanne Martin", text="Merci !", at=T0 + timedelta(days=3))],
            utcnow(),
        )
    window.refresh_all()
    window.sidebar.choose_view("open")
    assert window.thread.conversation is not None
    window.thread.browser.anchorClicked.emit(QUrl("cmdesk:person/Jeanne%20Martin"))
    card = _wait_card(qtbot, window, loop)
    assert card.windowTitle() == "Jeanne Martin"
    assert card.conversations.count() == 2, "both conversations, on two networks"
    text = " ".join(label.text() for label in card.findChildren(QLabel))
    assert "2 messages" in text and "Mastodon" in text and "Feed" in text
    card.note.setPlainText("Cliente fidèle, commande le vendredi")
    card.save()
    assert window.context.reader.person("jeanne martin").note == "Cliente fidèle, commande le vendredi"
    window.person_card = None
    window.show_person("Jeanne Martin")
    card = _wait_card(qtbot, window, loop)
    assert card.note.toPlainText() == "Cliente fidèle, commande le vendredi"
    first = card.conversations.item(1)
    card.conversations.itemActivated.emit(first)
    assert window.thread.conversation is not None and window.thread.conversation.id == first.data(256)
