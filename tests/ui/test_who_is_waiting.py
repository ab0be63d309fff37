"""Issue 16, defect 8: a comment thread was named after its latest commenter ("Paul (3)", then "Lucie (4)"), hiding
Jeanne's unanswered question; the thread header said "Mention" instead of what was commented on."""

from __future__ import annotations

from dataclasses import replace

from cmdesk.domain import Direction, Kind
from cmdesk.storage.ingest import ingest_items
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.main_window import MainWindow
from tests.support.factories import item, make_account


def test_a_thread_is_named_after_who_has_waited_longest_and_says_who_is_unanswered(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    account = make_account(window.context.database, address="https://blog.lefournil.fr/feed")
    thread = "post-1"
    messages = [
        item(
            1,
            thread=thread,
            kind=Kind.COMMENT,
            author="Le Fournil",
            direction=Direction.OUTBOUND,
            text="Notre bûche de Noël est arrivée !",
        ),
        item(2, thread=thread, kind=Kind.COMMENT, author="Jeanne", text="Vous en faites sans gluten ?"),
        item(3, thread=thread, kind=Kind.COMMENT, author="Paul", text="Superbe !"),
        item(4, thread=thread, kind=Kind.COMMENT, author="Lucie", text="Miam"),
    ]
    messages[0] = replace(messages[0], title="La bûche de Noël 2026")
    with window.context.database.write() as connection:
        ingest_items(connection, account.id, messages, utcnow())
    window.refresh_all()
    window.sidebar.choose_view("open")
    row = window.model.row(0)
    assert row is not None and row.last_author == "Lucie"
    assert row.name == "Jeanne", "named after who has waited longest, not the latest commenter"
    shown = window.thread.browser.toPlainText()
    assert "La bûche de Noël 2026" in shown.splitlines()[0], "the post commented on, not the generic kind"
    assert "Waiting for an answer: Jeanne, Paul, Lucie" in shown
