"""Canned snippets per client: offered by the composer for the chosen accounts' clients and by the reply box for
the conversation's client, inserted at the cursor; the text written saved as a new snippet; titles unique per
client."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from cmdesk.app.context import AppContext
from cmdesk.domain import Kind, Network, Page
from cmdesk.storage import ingest, snippets, workspace
from cmdesk.ui.composer_pane import ComposerPane
from cmdesk.ui.main_window import MainWindow
from tests.support.factories import item


def setup(context: AppContext) -> dict[str, int]:
    with context.database.write() as connection:
        fournil = workspace.add_client(connection, "Le Fournil")
        iris = workspace.add_client(connection, "Iris Fleurs")
        a = workspace.add_account(connection, fournil.id, Network.MASTODON, "http://127.0.0.1:9/@f", name="@fournil")
        b = workspace.add_account(connection, iris.id, Network.MASTODON, "http://127.0.0.1:9/@i", name="@iris")
        snippets.add(connection, fournil.id, "Horaires", "Ouvert du mardi au samedi, 7 h – 19 h 30.")
        snippets.add(connection, iris.id, "Livraison", "Livraison gratuite dès 40 € à Lyon.")
        with pytest.raises(workspace.WorkspaceError, match="already has a snippet titled"):
            snippets.add(connection, iris.id, "Livraison", "doublon")
    return {"fournil": a.id, "iris": b.id, "fournil_client": fournil.id, "iris_client": iris.id}


def titles(button) -> list[str]:  # type: ignore[no-untyped-def]
    button.fill()
    return [a.text() for a in button.menu_.actions() if a.text() and not a.isSeparator()]


def test_the_composer_offers_the_chosen_clients_snippets_and_saves_new_ones(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, monkeypatch
) -> None:
    ids = setup(context)
    composer = ComposerPane(context)
    qtbot.addWidget(composer)
    assert titles(composer.snippets)[0] == "Choose an account first"
    composer.set_chosen([ids["fournil"]])
    assert titles(composer.snippets)[:1] == ["Horaires"]
    composer.set_chosen([ids["fournil"], ids["iris"]])
    assert titles(composer.snippets)[:2] == ["Le Fournil · Horaires", "Iris Fleurs · Livraison"]
    composer.editor.setPlainText("Galettes : ")
    composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
    composer.snippets.insert("Ouvert du mardi au samedi, 7 h – 19 h 30.")
    assert composer.editor.toPlainText() == "Galettes : Ouvert du mardi au samedi, 7 h – 19 h 30."

    composer.set_chosen([ids["iris"]])
    composer.editor.setPlainText("Merci pour votre commande, à bientôt !")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Merci", True))
    composer.snippets.save()
    with context.database.read() as connection:
        saved = [(s.title, s.text) for s in snippets.listing(connection, [ids["iris_client"]])]
    assert ("Merci", "Merci pour votre commande, à bientôt !") in saved


def test_the_reply_box_offers_the_conversations_client_snippets(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ids = setup(window.context)
    ingest.commit_page(
        window.context.database, ids["iris"], Page((item(1, kind=Kind.MENTION, text="Livrez-vous ?"),), {})
    )
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)
    assert window.thread.conversation is not None
    assert window.reply_snippets.isEnabled()
    assert titles(window.reply_snippets)[:1] == ["Livraison"]
    window.reply_snippets.insert("Livraison gratuite dès 40 € à Lyon.")
    assert window.thread.reply.toPlainText() == "Livraison gratuite dès 40 € à Lyon."


def test_a_snippet_fills_its_variables_keeps_the_spacing_and_expands_from_its_short_code(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    """Issue 16, defect 5: "#Paris" + "Merci…" became "#ParisMerci", and snippets had no variables or short codes."""
    ids = setup(window.context)
    with window.context.database.write() as connection:
        snippets.add(connection, ids["iris_client"], "Merci", "Merci {first_name} ! {client} vous souhaite {date}")
    ingest.commit_page(
        window.context.database,
        ids["iris"],
        Page((item(1, kind=Kind.MENTION, text="Livrez-vous ?", author="Jeanne Martin"),), {}),
    )
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)
    reply = window.thread.reply
    reply.setPlainText("#Paris")
    reply.moveCursor(reply.textCursor().MoveOperation.End)
    window.reply_snippets.insert("Merci pour votre message.")
    assert reply.toPlainText() == "#Paris Merci pour votre message."

    reply.setPlainText("")
    reply.setFocus()
    qtbot.keyClicks(reply, "/merci")
    qtbot.keyClick(reply, Qt.Key.Key_Tab)
    text = reply.toPlainText()
    assert text.startswith("Merci Jeanne ! Iris Fleurs vous souhaite "), text
    assert "{" not in text and "/merci" not in text


def test_the_composer_warns_when_accounts_of_two_clients_are_ticked_together(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, defect 13 (its first point): one text for two businesses went out without a word."""
    ids = setup(context)
    composer = ComposerPane(context)
    qtbot.addWidget(composer)
    composer.set_chosen([ids["fournil"]])
    composer.editor.setPlainText("Nouveautés de la semaine")
    assert "clients" not in composer.status.text()
    composer.set_chosen([ids["fournil"], ids["iris"]])
    composer.editor.setPlainText("Nouveautés de la semaine !")
    assert "belong to 2 clients (Iris Fleurs, Le Fournil)" in composer.status.text()
    assert composer.publish_button.isEnabled(), "a warning, not a refusal"


def test_a_snippet_is_inserted_in_the_language_of_the_conversation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, defect 5 (its last point): a snippet may have French and English texts; the one matching the
    conversation's language is used, by menu and by short code."""
    ids = setup(window.context)
    with window.context.database.write() as connection:
        snippets.add(connection, ids["iris_client"], "Merci", "Merci pour votre message !", "fr")
        snippets.add(connection, ids["iris_client"], "Merci", "Thank you for your message!", "en")
    question = "Hi! Do you deliver flowers to hotels in Lyon on Sundays?"
    ingest.commit_page(window.context.database, ids["iris"], Page((item(1, kind=Kind.MENTION, text=question),), {}))
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)
    assert "Merci  (EN · FR)" in titles(window.reply_snippets)
    [merci] = [a for a in window.reply_snippets.menu_.actions() if a.text().startswith("Merci")]
    merci.trigger()
    assert window.thread.reply.toPlainText() == "Thank you for your message!"

    window.thread.reply.setPlainText("")
    qtbot.keyClicks(window.thread.reply, "/merci")
    qtbot.keyClick(window.thread.reply, Qt.Key.Key_Tab)
    assert window.thread.reply.toPlainText() == "Thank you for your message!"
