"""The window and the command line write through the same service commands: each pair below does one thing both
ways and must reach the same command (seen where every command runs: services.commands.run_done) and leave the
same rows behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from cmdesk.app.context import AppContext
from cmdesk.cli.main import main
from cmdesk.domain import Kind, Network, Page
from cmdesk.services import commands
from cmdesk.storage import ingest, outbox, snippets, workspace
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.outbox_pane import OutboxPane
from cmdesk.ui.sources_pane import SourcesPane
from tests.support.factories import item
from tests.ui.test_outbox_pane import choose


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The qualified names of the service commands run, in order."""
    names: list[str] = []
    original = commands.run_done

    def spy(database: Any, command: Callable[..., Any]) -> Any:
        names.append(command.__qualname__.removesuffix(".<locals>.command"))
        return original(database, command)

    monkeypatch.setattr(commands, "run_done", spy)
    monkeypatch.setattr("cmdesk.app.context.run_done", spy)
    yield names


def _cli(context: AppContext, *args: str) -> None:
    assert main([*args, "--data-dir", str(context.data_dir)]) == 0


def _mention(context: AppContext) -> tuple[int, int]:
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.MASTODON, "piaille.fr", name="@fournil")
    ingest.commit_page(context.database, account.id, Page((item(1, kind=Kind.MENTION, text="Ouvert lundi ?"),), {}))
    with context.database.read() as connection:
        conversation = connection.exec_driver_sql("SELECT id FROM conversations").scalar_one()
    return account.id, int(conversation)


def test_adding_a_client(qtbot, context: AppContext, ran: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _cli(context, "client", "add", "Fleuriste Iris")
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Vélos Martin", True))
    pane.add_client()
    assert ran == ["add_client", "add_client"]
    with context.database.read() as connection:
        assert sorted(c.name for c in workspace.list_clients(connection)) == ["Fleuriste Iris", "Vélos Martin"]


def test_replying(qtbot, window: MainWindow, context: AppContext, ran: list[str]) -> None:  # type: ignore[no-untyped-def]
    _account, conversation = _mention(context)
    _cli(context, "reply", str(conversation), "Oui, de 7 h à 13 h.")
    window._reply(conversation, "Et le mardi aussi !")
    assert ran == ["queue_reply", "queue_reply"]
    with context.database.read() as connection:
        queued = [e for e in outbox.listing(connection) if e.conversation_id == conversation]
    assert sorted(e.text for e in queued) == ["Et le mardi aussi !", "Oui, de 7 h à 13 h."]
    assert {e.target_remote_id for e in queued} == {"item-1"}


def test_cancelling_what_is_on_its_way(qtbot, context: AppContext, ran: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _account, conversation = _mention(context)
    _cli(context, "reply", str(conversation), "un")
    _cli(context, "reply", str(conversation), "deux")
    with context.database.read() as connection:
        first, second = sorted(e.id for e in outbox.listing(connection))
    _cli(context, "outbox", "cancel", str(first))
    pane = OutboxPane(context)
    qtbot.addWidget(pane)
    pane.refresh()
    choose(pane, second)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    pane.cancel()
    assert ran == ["queue_reply", "queue_reply", "cancel", "cancel"]
    with context.database.read() as connection:
        assert {e.state.value for e in outbox.listing(connection)} == {"cancelled"}


def test_renaming_a_source(qtbot, context: AppContext, ran: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    account, _conversation = _mention(context)
    _cli(context, "account", "rename", str(account), "@fournil@piaille.fr")
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    pane.refresh()
    pane.select("account", account)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Le Fournil sur Mastodon", True))
    pane.rename()
    assert ran == ["rename_account", "rename_account"]
    with context.database.read() as connection:
        assert workspace.get_account(connection, account).name == "Le Fournil sur Mastodon"


def test_saving_a_snippet(qtbot, window: MainWindow, context: AppContext, ran: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _account, conversation = _mention(context)
    _cli(context, "snippet", "add", "Le Fournil", "Horaires", "Ouvert du mardi au samedi.")
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)
    assert window.thread.conversation is not None and window.thread.conversation.id == conversation
    window.thread.reply.setPlainText("Livraison gratuite dès 40 €.")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Livraison", True))
    window.reply_snippets.save()
    assert [name for name in ran if name != "opened"] == ["add_snippet", "add_snippet"]
    with context.database.read() as connection:
        assert sorted(s.title for s in snippets.listing(connection)) == ["Horaires", "Livraison"]
