"""Facebook in the window: a Messenger conversation's thread says how long Meta still lets the Page answer (24 hours,
then 7 days with the human agent tag, then no more, in red)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cmdesk.app.context import AppContext
from cmdesk.domain import Author, Direction, Item, Kind, Network, Page
from cmdesk.domain.reads import ConversationFilter
from cmdesk.storage import ingest, workspace
from cmdesk.ui.response_line import window_line
from cmdesk.ui.thread_view import thread_html


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
