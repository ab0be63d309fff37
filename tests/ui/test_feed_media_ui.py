"""A Mastodon account followed by its RSS feed, in the window: each post reads as its own text, and its image as a
link with the description the author gave it (its alt text), not the alt text in place of the post."""

from __future__ import annotations

import asyncio

from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.main_window import MainWindow
from tests.conftest import sample
from tests.support.feedserver import FeedServer, Route
from tests.support.window_steps import sync_and_show_first


def test_a_mastodon_rss_post_shows_its_text_and_its_image_with_the_alt_text(
    qtbot,
    window: MainWindow,
    feed_server: FeedServer,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    base = feed_server.url("").rstrip("/")
    feed_server.add("/@fournil.rss", Route(sample("mastodon.rss").replace(b"{base}", base.encode())))
    dialog = AddSourceDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.url.setText(feed_server.url("/@fournil.rss"))
    dialog.client.setEditText("Boulangerie Le Fournil")
    loop.run_until_complete(dialog.check())
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.added_account_id is not None)

    sync_and_show_first(qtbot, window, loop)
    shown = window.thread.browser.toPlainText()
    assert "Le pain au levain sort du four à 7 h" in shown, shown
    assert "📎 image/jpeg — Trois miches de pain au levain, farinées, sur une grille en bois" in shown, shown
