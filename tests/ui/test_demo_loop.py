"""Issue 16, defect 2: the demo could not show the core loop (`r` did nothing, publishing was refused). Now a demo
reply joins its thread marked as demo and a demo post is sent — played out inside cmdesk: nothing reaches a
network (no connector is even given to the engine here)."""

from __future__ import annotations

import asyncio

from cmdesk.demo import load_demo
from cmdesk.domain.reads import OutboxState
from cmdesk.services.publishing import Publication, queue_post
from cmdesk.ui.main_window import MainWindow


def test_a_demo_reply_joins_its_thread_marked_demo_and_a_demo_post_goes_out(
    qtbot, window: MainWindow, loop: asyncio.AbstractEventLoop
) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("to_answer")
    conversation = window.thread.conversation
    assert conversation is not None and window.thread.reply.isEnabled(), "a demo conversation can be answered"
    assert "nothing is sent anywhere" in window.thread.reason.text()
    window._reply(conversation.id, "Bonjour Marc, oui, livraison samedi matin !")
    engine = window.context.engine
    engine._connectors = {}  # type: ignore[attr-defined]  # the demo must not need one
    sent = loop.run_until_complete(engine.outbox.send_due())
    assert [s.state for s in sent] == [OutboxState.SENT]
    window._refresh_thread()
    shown = window.thread.browser.toPlainText()
    assert "Bonjour Marc, oui, livraison samedi matin !" in shown and "demo: not sent anywhere" in shown

    accounts = [a for a in window.context.reader.accounts() if a.network == "mastodon"]
    window.context.submit(queue_post(Publication(account_ids=[accounts[0].id], text="La galette du jour 🥮")))
    (posted,) = loop.run_until_complete(engine.outbox.send_due())
    assert posted.state is OutboxState.SENT and posted.remote_id.startswith("demo-sent-")
