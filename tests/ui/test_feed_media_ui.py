"""A Mastodon account followed by its RSS feed, in the window: each post reads as its own text, and its image as one
picture with the description the author gave it (its alt text), not the alt text in place of the post, nor the image
and its thumbnail as two links."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from cmdesk.app.context import AppContext
from cmdesk.domain import Attachment, Page
from cmdesk.domain.reads import ConversationFilter
from cmdesk.storage import ingest
from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.thread_view import media_kind, thread_html
from tests.conftest import sample
from tests.support.factories import item, make_account
from tests.support.feedserver import FeedServer, Route
from tests.support.images import png
from tests.support.thread_html import remote_images
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
    assert "🖼 Open the image — Trois miches de pain au levain, farinées, sur une grille en bois" in shown, shown
    assert "Show images (1)" in shown and remote_images(window.thread.browser.toHtml()) == [], "nothing loaded unasked"

    thumbnail = "/system/media_attachments/files/113/540/123/small/levain.jpg"
    feed_server.add(thumbnail, Route(png(), content_type="image/png"))
    window.thread.browser.actionRequested.emit("images", str(window.thread._messages[0].id))
    qtbot.waitUntil(lambda: len(window.thread.browser.images) == 1, timeout=5000)
    window.thread._render(keep_position=True)
    drawn = window.thread.browser.toHtml()
    assert remote_images(drawn) == [base + thumbnail], "the thumbnail is the picture"
    image = f"{base}/system/media_attachments/files/113/540/123/original/levain.jpg"
    assert f'href="{image}"' in drawn, "the picture opens the image"
    assert "📎" not in window.thread.browser.toPlainText(), "no second link for the thumbnail"


def test_a_thumbnail_of_its_own_is_a_picture_too(context: AppContext) -> None:
    """A video's thumbnail with no medium to go with (a Dailymotion video's, a feed's second one) is an image the user
    may ask to see, as a medium's preview is: not a file link."""
    account = make_account(context.database)
    thumbnail = "https://s1.dmcdn.net/v/x8abcde/360x240"
    video = replace(item(1), attachments=(Attachment(thumbnail, "image", "", None, role="thumbnail"),))
    ingest.commit_page(context.database, account.id, Page((video,), {}))
    conversation = context.reader.conversation_page(ConversationFilter(), limit=1)[0]
    messages = context.reader.thread(conversation.id, account.id).messages
    unasked = thread_html(conversation, messages)
    assert "🖼" in unasked and "Show images (1)" in unasked and "📎" not in unasked
    assert remote_images(unasked) == [], "nothing loaded unasked"
    assert remote_images(thread_html(conversation, messages, pictures={messages[0].id})) == [thumbnail]


def test_a_medium_is_named_in_words_not_by_its_type() -> None:
    """ "Open the video", not "Open the application/x-shockwave-flash" (the player address of a YouTube feed)."""
    named = {kind: media_kind(kind) for kind in ("image/jpeg", "image", "video/mp4", "gifv", "audio/mpeg", "")}
    assert named == {"image/jpeg": "image", "image": "image", "video/mp4": "video", "gifv": "video",
                     "audio/mpeg": "sound", "": "media"}  # fmt: skip
    assert media_kind("application/x-shockwave-flash") == "video"
    assert media_kind("application/pdf") == "application/pdf", "anything else keeps its type"
