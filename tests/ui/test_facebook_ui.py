"""Facebook in the window: a Messenger conversation's thread says how long Meta still lets the Page answer (24 hours,
then 7 days with the human agent tag, then no more, in red)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from cmdesk.app.context import AppContext
from cmdesk.domain import Author, Direction, Item, Kind, Network, Page, Secret
from cmdesk.domain.reads import ConversationFilter
from cmdesk.storage import ingest, workspace
from cmdesk.ui.response_line import window_line
from cmdesk.ui.thread_view import thread_html
from tests.support.window_steps import show_first_conversation


def test_a_messenger_thread_shows_how_long_the_page_may_still_answer(context: AppContext) -> None:
    now = datetime.now(UTC)
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        page = workspace.add_account(connection, client.id, Network.FACEBOOK, "https://www.facebook.com/fournil",
                                     name="Boulangerie Le Fournil", settings={"me": "104"})  # fmt: skip
    sophie = Author(name="Sophie Martin", handle="7234")
    items = (
        Item("m_1", "t_1", Kind.MESSAGE, "Bonjour, des galettes sans gluten ?", author=sophie,
             created_at=now - timedelta(hours=3)),
        Item("m_2", "t_1", Kind.MESSAGE, "Oui !", direction=Direction.OUTBOUND, created_at=now - timedelta(hours=2)),
    )  # fmt: skip
    ingest.commit_page(context.database, page.id, Page(items, {}))
    conversation = context.reader.conversation_page(ConversationFilter(), limit=1)[0]
    messages = context.reader.thread(conversation.id, page.id).messages
    said, closed = window_line(conversation, messages, now)
    assert said.startswith("21 h left to answer in Messenger") and "then 6 day" in said and not closed
    assert "21 h left to answer" in thread_html(conversation, messages)
    later, closed = window_line(conversation, messages, now + timedelta(days=3))
    assert "with the human agent tag" in later and later.startswith("4 day") and not closed
    gone, closed = window_line(conversation, messages, now + timedelta(days=8))
    assert closed and "no longer lets you answer" in gone


def test_the_meta_dialog_lists_the_pages_of_a_token_and_adds_those_ticked(
    qtbot,  # type: ignore[no-untyped-def]
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
) -> None:
    from cmdesk.credentials import MemoryCredentialStore
    from cmdesk.ui.meta_dialog import MetaSignInDialog
    from tests.support.instagram_fake import IG_USER_ID, InstagramFake

    fake = InstagramFake().start()
    try:
        credentials = context._credentials = MemoryCredentialStore()
        dialog = MetaSignInDialog(context, client_name="Le Fournil", api_base=fake.base)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "developers.facebook.com/tools/explorer" in dialog.steps.text() and not dialog.add_button.isEnabled()
        dialog.token.setText(fake.user_token)
        dialog.find_button.click()
        loop.run_until_complete(asyncio.wait_for(dialog._task, 30))
        texts = [dialog.choices.item(row).text() for row in range(dialog.choices.count())]
        assert texts == ["Boulangerie Le Fournil — Facebook Page",
                         "@boulangerielefournil — Instagram, linked to Boulangerie Le Fournil"], texts  # fmt: skip
        dialog.choices.item(1).setCheckState(Qt.CheckState.Unchecked)
        assert [c.network for c in dialog.chosen()] == ["facebook"] and dialog.add_button.isEnabled()
        dialog.choices.item(1).setCheckState(Qt.CheckState.Checked)
        dialog.add_button.click()
        loop.run_until_complete(asyncio.wait_for(dialog._task, 30))
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.status.text()
        with context.database.read() as connection:
            accounts = workspace.list_accounts(connection)
        assert sorted((a.network, a.settings["me"]) for a in accounts) == [("facebook", "104123456789012"),
                                                                           ("instagram", IG_USER_ID)]  # fmt: skip
        kept = {credentials.get(a.uid) for a in accounts}
        assert kept == {Secret(fake.page_token)}, "each keeps the Page's token, never the user's"
    finally:
        fake.stop()


def test_a_direct_message_offers_only_what_meta_does_there() -> None:
    from cmdesk.services import networks
    from cmdesk.ui.thread_acts import message_acts, shown_handle

    page = networks.capabilities(Network.FACEBOOK)
    assert message_acts(page, "comment") == {"favourite", "delete", "hide", "approve"}
    assert message_acts(page, "message") == frozenset(), "no like, delete nor hiding in Messenger"
    assert message_acts(networks.capabilities(Network.MASTODON), "message") >= {"favourite", "boost"}
    assert shown_handle("7234567890123456") == "" and shown_handle("@marie@piaille.fr") == "@marie@piaille.fr"


def test_a_comment_can_be_answered_in_private_from_the_thread(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from cmdesk.storage import outbox

    now = datetime.now(UTC)
    with window.context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        page = workspace.add_account(connection, client.id, Network.FACEBOOK, "https://www.facebook.com/fournil",
                                     name="Boulangerie Le Fournil", settings={"me": "104"})  # fmt: skip
    items = (
        Item("104_1", "104_1", Kind.COMMENT, "La galette est de retour", direction=Direction.OUTBOUND,
             created_at=now - timedelta(days=1)),
        Item("1_2", "104_1", Kind.COMMENT, "C'est combien pour 8 ?", author=Author("Karim Dali", "6234"),
             parent_remote_id="104_1", created_at=now - timedelta(hours=1)),
    )  # fmt: skip
    ingest.commit_page(window.context.database, page.id, Page(items, {}))
    show_first_conversation(qtbot, window)
    assert window.thread.private.isVisibleTo(window.thread) and not window.thread.private.isChecked()
    window.thread.private.setChecked(True)
    window.thread.reply.setPlainText("Je vous envoie le tarif en privé")
    window.thread.send.click()
    qtbot.waitUntil(lambda: window.thread.reply.toPlainText() == "")
    with window.context.database.read() as connection:
        queued = outbox.listing(connection)
    assert [(e.action, e.target_remote_id, e.act.private) for e in queued] == [("reply", "1_2", True)]


def test_the_meta_dialog_signs_in_with_facebook_login_and_remembers_the_app(
    qtbot,  # type: ignore[no-untyped-def]
    context: AppContext,
    loop: asyncio.AbstractEventLoop,
) -> None:

    from cmdesk.credentials import MemoryCredentialStore
    from cmdesk.ui.meta_dialog import MetaSignInDialog
    from tests.support.consenting_user import browser
    from tests.support.facebook_fake import APP_ID, APP_SECRET
    from tests.support.instagram_fake import InstagramFake

    fake = InstagramFake().start()
    try:
        context._credentials = MemoryCredentialStore()
        dialog = MetaSignInDialog(context, client_name="Le Fournil", api_base=fake.base, open_url=browser)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "localhost:48761/callback" in dialog.steps.text(), "the address to register in the app"
        dialog.app_id.setText(APP_ID)
        dialog.app_secret.setText(APP_SECRET)
        dialog.login_button.click()
        loop.run_until_complete(asyncio.wait_for(dialog._task, 30))
        assert dialog.choices.count() == 2 and dialog.add_button.isEnabled(), dialog.status.text()
        dialog.add_button.click()
        loop.run_until_complete(asyncio.wait_for(dialog._task, 30))
        with context.database.read() as connection:
            accounts = workspace.list_accounts(connection)
        assert {a.settings.get("meta_app_id") for a in accounts} == {APP_ID}
        again = MetaSignInDialog(context, client_name="Le Fournil", again=True)
        qtbot.addWidget(again)
        assert (again.app_id.text(), again.app_secret.text()) == (APP_ID, APP_SECRET), "remembered for the client"
    finally:
        fake.stop()


def test_the_composer_says_instagram_needs_an_image_before_anything_is_queued() -> None:
    from cmdesk.domain import Account
    from cmdesk.ui.publishing import Draft, problems

    instagram = Account(7, "ig", 1, Network.INSTAGRAM, "@boulangerielefournil", "https://www.instagram.com/x/")
    page = Account(8, "fb", 1, Network.FACEBOOK, "Boulangerie Le Fournil", "https://www.facebook.com/x")
    accounts = {7: instagram, 8: page}
    said = problems(accounts, Draft(text="Nouvelle fournée", targets=[7, 8]))
    assert said == ["@boulangerielefournil publishes only with an image: add one."], "the Page may post text alone"
    assert problems(accounts, Draft(text="Nouvelle fournée", targets=[8])) == []
