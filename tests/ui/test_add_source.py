"""Adding a source from the window: paste a site address, choose among its feeds, the account appears."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog

from cmdesk.app.context import AppContext
from cmdesk.demo import load_demo
from cmdesk.domain import Network
from cmdesk.storage import workspace
from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.main_window import MainWindow
from tests.conftest import sample
from tests.support.feedserver import FeedServer, Route


def test_site_with_two_feeds_then_a_direct_feed(
    qtbot,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
    feed_server: FeedServer,  # type: ignore[no-untyped-def]
) -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" title="Articles" href="/feed.xml">'
        b'<link rel="alternate" type="application/atom+xml" title="Videos" href="/videos.atom"></head></html>'
    )
    feed_server.add("/", Route(page, "text/html"))
    feed_server.add("/feed.xml", Route(sample("rss10.rdf")))
    feed_server.add("/videos.atom", Route(sample("youtube.atom"), "application/atom+xml"))

    dialog = AddSourceDialog(context)
    qtbot.addWidget(dialog)
    dialog.url.setText(feed_server.url("/"))
    dialog.client.setEditText("Boulangerie Le Fournil")
    loop.run_until_complete(dialog.check())
    assert dialog.candidates.count() == 2 and dialog.add_button.isEnabled()
    dialog.candidates.setCurrentRow(1)
    dialog.add_button.click()
    assert dialog.added_account_id is not None

    second = AddSourceDialog(context)
    qtbot.addWidget(second)
    second.url.setText(feed_server.url("/feed.xml"))
    loop.run_until_complete(second.check())
    assert "Planet Boulange" in second.status.text()
    second.add_button.click()

    bad = AddSourceDialog(context)
    qtbot.addWidget(bad)
    bad.url.setText(feed_server.url("/missing"))
    loop.run_until_complete(bad.check())
    assert "Nothing at this address" in bad.status.text() and not bad.add_button.isEnabled()
    assert "HTTP 404" in bad.status.toolTip(), "the technical text stays as the details"

    with context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
        clients = workspace.list_clients(connection)
    assert [a.address for a in accounts] == [feed_server.url("/videos.atom"), feed_server.url("/feed.xml")]
    assert [a.name for a in accounts] == ["Videos", "Planet Boulange"]
    assert [c.name for c in clients] == ["Boulangerie Le Fournil"]


def test_a_new_source_goes_to_the_client_the_user_is_working_on(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with window.context.database.write() as connection:
        for name in ("Atelier Vélo", "Fleuriste Iris & Co"):
            client = workspace.add_client(connection, name)
            workspace.add_account(connection, client.id, Network.FEED, f"https://{client.id}.test/feed", name=name)
        iris = workspace.find_client(connection, "Fleuriste Iris & Co")
    assert iris is not None
    load_demo(window.context.database)
    window.refresh_all()
    opened: list[QDialog] = []
    monkeypatch.setattr(QDialog, "open", lambda dialog: opened.append(dialog))
    adders = (window.add_source, window.add_mastodon, window.add_email)
    for add in adders:
        add()
    window.sidebar.set_scope(iris.id, None)
    for add in adders:
        add()
    boxes = [dialog.client for dialog in opened]  # type: ignore[attr-defined]
    assert [box.currentText() for box in boxes] == ["Atelier Vélo"] * 3 + ["Fleuriste Iris & Co"] * 3
    names = [boxes[0].itemText(n) for n in range(boxes[0].count())]
    assert names == ["Atelier Vélo", "Fleuriste Iris & Co"], "never a demo client"


def test_add_works_without_check_return_adds_and_one_feed_is_not_a_choice(
    qtbot,
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
    feed_server: FeedServer,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 16, defect 12: Add stayed disabled until Check was pressed, Return in the last field ran Check, and a
    page offering one feed still said "This page offers several feeds: choose one"."""
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" title="Articles" href="/feed.xml"></head></html>'
    )
    feed_server.add("/", Route(page, "text/html"))
    feed_server.add("/feed.xml", Route(sample("rss10.rdf")))
    dialog = AddSourceDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled(), "nothing to add yet"
    dialog.url.setText(feed_server.url("/"))
    assert dialog.add_button.isEnabled() and dialog.add_button.isDefault(), "Add at once; Return adds"
    assert not dialog.check_button.isDefault()
    loop.run_until_complete(dialog.add())
    assert "several" not in dialog.status.text() and dialog.candidates.isHidden()

    async def added() -> None:
        while dialog.added_account_id is None:
            await asyncio.sleep(0.02)

    loop.run_until_complete(asyncio.wait_for(added(), 10))
    with context.database.read() as connection:
        assert [a.address for a in workspace.list_accounts(connection)] == [feed_server.url("/feed.xml")]
