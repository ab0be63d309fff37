"""Issue 17, part 3: the crisis view — the conversations behind a bad-buzz alert, who has been answered, and one
holding statement from the client's snippets to every conversation still waiting, each reply exactly once."""

from __future__ import annotations

from cmdesk.demo import load_demo
from cmdesk.domain.reads import OutboxState
from cmdesk.services import replies
from cmdesk.storage import outbox, snippets
from cmdesk.ui.main_window import MainWindow


def test_a_holding_statement_goes_once_to_each_waiting_conversation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    [alert] = window.context.reader.alerts(unacknowledged=True)
    with window.context.database.write() as connection:
        statement = "Bonjour {first_name}, nous vérifions et revenons vers vous."
        snippets.add(connection, alert.client_id, "Attente", statement, "fr")
    window.refresh_all()
    dialog = window.open_crisis(alert.id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    who = [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]
    assert "/u/croissant_lover" in who and len(who) >= 2
    titles = [dialog.snippet.itemText(n) for n in range(dialog.snippet.count())]
    dialog.snippet.setCurrentIndex(titles.index("Attente"))
    assert dialog.statement.toPlainText().startswith("Bonjour {first_name}")
    assert dialog.send.isEnabled() and str(len(dialog.waiting())) in dialog.send.text()
    assert "1 to answer on the site itself" in dialog.status.text(), "the Reddit post is answered on Reddit"
    assert "/u/croissant_lover" not in [row.name for row in dialog.waiting()]

    dialog.send.click()
    qtbot.waitUntil(lambda: "queued" in dialog.status.text(), timeout=3000)
    with window.context.database.read() as connection:
        queued = [e for e in outbox.listing(connection) if e.action == "reply" and e.state is OutboxState.SCHEDULED]
    texts = sorted(entry.act.text for entry in queued)  # type: ignore[union-attr]
    assert texts and all(text.startswith("Bonjour ") and "{" not in text for text in texts)
    assert any(text.startswith("Bonjour Inès,") or text.startswith("Bonjour Quartier,") for text in texts)

    again: list[replies.Answered] = []
    window.context.submit(replies.answer_many([row.id for row in dialog.rows], "Encore ?", {}), again.append)
    qtbot.waitUntil(lambda: bool(again), timeout=3000)
    assert again[0].queued == (), "pressing again sends nothing twice"
    assert set(again[0].already_answered) >= {row.id for row in dialog.rows if row.network == "mastodon"}


def test_the_crisis_view_says_how_far_each_author_reaches(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    [alert] = window.context.reader.alerts(unacknowledged=True)
    dialog = window.open_crisis(alert.id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    thread = dialog.tree.topLevelItem(0)
    reach = {thread.child(n).text(0): thread.child(n).text(2) for n in range(thread.childCount())}
    assert reach["Quartier Oberkampf"].replace("\u202f", "").replace("\xa0", "").replace(",", "") == "4800"
