"""A network added through one registry entry shows in the window with its own name and badge, and the reply box
says why it cannot be answered — with no change to the window's code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cmdesk.app.context import AppContext
from cmdesk.domain import Page
from cmdesk.storage import ingest, workspace
from cmdesk.ui import style
from cmdesk.ui.sources_pane import SourcesPane
from cmdesk.ui.style import why_not_reply
from tests.support.factories import item
from tests.support.fake_network import registered


@pytest.fixture
def fake() -> Iterator[str]:
    yield from registered()


def test_the_sources_pane_shows_a_registered_network(qtbot, context: AppContext, fake: str) -> None:  # type: ignore[no-untyped-def]
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Boulangerie")
        account = workspace.add_account(connection, client.id, fake, "page/lefournil", name="Le Fournil")
    ingest.commit_page(context.database, account.id, Page((item(1),), {}))
    pane = SourcesPane(context.reader, context)
    qtbot.addWidget(pane)
    pane.refresh()
    client_row = pane.model.item(0, 0)
    assert client_row.text() == "Boulangerie"
    cells = [client_row.child(0, column).text() for column in range(5)]
    assert cells[0] == "Le Fournil" and cells[1] == "Fakebook" and cells[4] == "1"
    pane.select("account", account.id)
    assert pane.buttons["sync"].isEnabled()
    assert not pane.buttons["monitors"].isEnabled() and not pane.buttons["sign_in"].isEnabled()
    assert style.network_colour(fake).name() == "#123456" and style.network_letter(fake) == "f"
    assert why_not_reply(fake) == "Fakebook is read-only in tests."
