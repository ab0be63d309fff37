"""The main window, driven like a user would: first run → demo → triage with the keyboard → remove the demo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QColorDialog, QMenu, QMessageBox
from sqlalchemy import text

from cmdesk.app.main import install_translations
from cmdesk.connectors.feeds.parse import parse_feed
from cmdesk.demo import load_demo
from cmdesk.domain import Kind, Status
from cmdesk.models.conversation_list_model import ConversationIdRole, ConversationListModel, ConversationRole
from cmdesk.storage import outbox, triage
from cmdesk.storage.database import Database
from cmdesk.storage.ingest import ingest_items
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.main_window import MainWindow
from tests.support.factories import item, make_account
from tests.support.thread_html import remote_images


def rows(window: MainWindow) -> list[str]:
    return [window.model.index(n).data(ConversationRole).last_author for n in range(window.model.rowCount())]


def status_of(window: MainWindow, author: str) -> str:
    with window.context.database.read() as connection:
        return str(
            connection.execute(text("SELECT status FROM conversations WHERE last_author = :a"), {"a": author}).scalar()
        )


def test_first_run_offers_demo_then_remove_returns_to_welcome(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.pages.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.splitter
    assert window.model.rowCount() >= 12
    assert window.thread.conversation is not None
    assert "demo" in window.thread.reason.text(), "the demo says replies stay in cmdesk"
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.remove_demo()
    assert window.pages.currentWidget() is window.welcome
    assert window.model.rowCount() == 0


def test_the_welcome_page_says_all_it_says_with_its_first_step_in_hand(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    intro = window.welcome.intro
    qtbot.waitUntil(lambda: intro.height() >= intro.heightForWidth(intro.width()) > intro.fontMetrics().height())
    assert QApplication.focusWidget() is window.welcome.add_button
    load_demo(window.context.database)
    window.refresh_all()
    assert window.pages.currentWidget() is window.splitter


def test_keyboard_triage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    window.list.setFocus()
    before = rows(window)
    assert window.list.currentIndex().row() == 0
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    qtbot.keyClick(window.list, Qt.Key.Key_K)
    assert window.list.currentIndex().row() == 1
    target = before[1]
    qtbot.keyClick(window.list, Qt.Key.Key_E)
    assert status_of(window, target) == "done"
    assert rows(window) == before[:1] + before[2:], "done leaves the open view, the next one is selected"
    assert window.list.currentIndex().row() == 1

    current = window.list.currentIndex().data(ConversationRole)
    assert not current.unread, "opening a conversation marks it read"
    qtbot.keyClick(window.list, Qt.Key.Key_U)
    assert window.list.currentIndex().data(ConversationRole).unread

    window.sidebar.choose_view("done")
    assert rows(window) == [target]
    window.sidebar.choose_view("open")
    qtbot.keyClick(window.list, Qt.Key.Key_Return)
    assert window.thread.browser.hasFocus(), "Enter opens the conversation"
    qtbot.keyClick(window.thread.browser, Qt.Key.Key_Escape)
    assert window.list.hasFocus(), "Esc comes back to the list"
    qtbot.keyClick(window.list, Qt.Key.Key_Slash)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "levain")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.list.hasFocus(), "the results take the keys: j/k, e… work on them at once"
    assert window.model.search_text == "levain" and window.model.rowCount() == 2
    qtbot.keyClick(window.list, Qt.Key.Key_Slash)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.list.hasFocus()
    assert window.model.search_text == "" and window.model.rowCount() == len(before) - 1


def test_bulk_done_and_snooze_wake_up(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("mentions")
    mentions = window.model.rowCount()
    assert mentions == 4
    window.list.selectAll()
    window.set_status(Status.SNOOZED, utcnow() + timedelta(hours=2))
    assert window.statusBar().currentMessage() == "4 conversations snoozed · Ctrl+Z to undo"
    assert window.model.rowCount() == 0
    window.sidebar.choose_view("snoozed")
    assert window.model.rowCount() == 4
    with window.context.database.write() as connection:
        connection.execute(
            text("UPDATE conversations SET snoozed_until = :t WHERE status='snoozed'"),
            {"t": (utcnow() - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S.%f")},
        )
    window.wake_snoozed()
    window.sidebar.choose_view("mentions")
    assert window.model.rowCount() == 4
    unread = [window.model.index(n).data(ConversationRole).unread for n in range(4)]
    assert unread == [False, True, True, True], "woken conversations are unread again (the first is open, so read)"


def test_search_and_labels(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.search.setText("intoxication")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert rows(window) == ["Quartier Oberkampf"]
    window.search.clear()
    assert window.model.rowCount() > 1

    window.list.setCurrentIndex(window.model.index(0))
    first = [window.model.index(0).data(ConversationRole).id]
    window._new_label(first)
    dialog = window.label_dialog
    assert not dialog.ok.isEnabled(), "no label without a name"
    dialog.name.setText("Oublié")
    dialog.reject()
    assert window.context.reader.labels() == [], "Issue 16, defect 14: cancelling creates nothing"
    window._new_label(first)
    dialog = window.label_dialog
    assert not any(isinstance(w, QColorDialog) for w in QApplication.topLevelWidgets()), "presets, not Qt's picker"
    dialog.name.setText("Bad buzz")
    next(b for b in dialog.swatches.buttons() if b.property("colour") == "#7b1fa2").click()
    dialog.accept()
    labelled = window.model.index(0).data(ConversationRole)
    assert labelled.labels == ("Bad buzz",) and labelled.label_colours == ("#7b1fa2",)
    label = next(view for view in window._views if view.key.startswith("label:"))
    window.sidebar.choose_view(label.key)
    assert window.model.rowCount() == 1


def test_models_pass_qtmodeltester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    model = ConversationListModel(window.context.reader)
    qtmodeltester.check(model)
    model.set_search("croissants")
    qtmodeltester.check(model)
    window.refresh_all()
    qtmodeltester.check(window.sidebar.model_)


def test_author_card_counts_the_author_s_messages(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    shown: dict[str, str] = {}
    for row in range(window.model.rowCount()):
        window.list.setCurrentIndex(window.model.index(row))
        shown[rows(window)[row]] = window.thread.browser.toPlainText()
    # The bad buzz thread: three messages, the last from "Quartier Oberkampf", its only one.
    assert (
        "Quartier Oberkampf · @oberkampf@mastodon.social\n1 message from them in this thread"
        in shown["Quartier Oberkampf"]
    )
    assert "2 messages from them in this thread" in shown["Marc Lefèvre"]
    # A one-message thread needs no count.
    assert "this thread" not in shown["Claire Morel"]


def test_images_in_a_post_are_links_never_loads(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A feed post's inline images: nothing is fetched, each is a link to it, a tracking pixel disappears."""
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Atelier Vélo</title><link>https://atelier.test/</link>'
        "<item><guid>hiver</guid><title>Horaires d'hiver</title><description>&lt;p&gt;Ouvert de 10 h à 18 h."
        '&lt;img src="https://atelier.test/vitrine.jpg" alt="La vitrine"&gt;'
        '&lt;img src="https://atelier.test/plan.png"&gt;'
        '&lt;img src="https://tracker.test/p.gif" width="1" height="1"&gt;&lt;/p&gt;</description></item>'
        "</channel></rss>"
    ).encode()
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, "https://atelier.test/feed")
    account = make_account(window.context.database, address="https://atelier.test/feed")
    with window.context.database.write() as connection:
        ingest_items(connection, account.id, parsed.items)
    loaded: list[str] = []
    window.thread.browser.loadResource = lambda kind, name: loaded.append(str(name))  # type: ignore[method-assign]
    window.refresh_all()
    window.sidebar.choose_view("open")
    window.list.setCurrentIndex(window.model.index(0))
    shown = window.thread.browser.toHtml()
    window.thread.browser.grab()  # painted: any image it held would have been asked for now
    drawn = [name for name in loaded if "avatar:" in name]
    assert remote_images(shown) == [] and loaded == drawn, "only the avatars, drawn, never fetched"
    assert 'href="https://atelier.test/vitrine.jpg"' in shown and "🖼 La vitrine" in shown
    assert 'href="https://atelier.test/plan.png"' in shown and "🖼 image" in shown
    assert "tracker.test" not in shown
    assert window.thread.browser.toPlainText().count("Atelier Vélo") >= 2, "the post is the site's (no author)"


def test_snooze_choices_speak_the_user_s_language(qtbot, window: MainWindow, qapp) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    window.list.setCurrentIndex(window.model.index(0))
    translator = install_translations(qapp, "fr_FR")
    try:
        window.snooze_menu()
        menu = window.findChildren(QMenu)[-1]
        labels = [action.text() for action in menu.actions() if action.text()]
        menu.close()
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)
        install_translations(qapp, "en_US")
    assert labels[2].startswith("La semaine prochaine\tlun. "), labels
    assert labels[3] == "Choisir une date et une heure…"


def test_ctrl_z_takes_back_triage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A stray key must not lose a conversation: done, unread and a label are taken back, newest first."""
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    window.list.setFocus()
    before = rows(window)
    assert not window.undo_action.isEnabled()
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    target = before[1]
    qtbot.keyClick(window.list, Qt.Key.Key_U)
    assert window.list.currentIndex().data(ConversationRole).unread
    with window.context.database.write() as connection:
        label = triage.create_label(connection, "Urgent", "#d32f2f")
    window._label([window.list.currentIndex().data(ConversationIdRole)], label.id, True, label.name)
    qtbot.keyClick(window.list, Qt.Key.Key_E)
    assert status_of(window, target) == "done" and target not in rows(window)
    assert window.undo_action.text() == "&Undo: 1 conversation marked done"

    qtbot.keyClick(window.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, target) == "open"
    assert rows(window) == before, "the conversation is back where it was"
    assert window.list.currentIndex().data(ConversationRole).last_author == target, "and selected again"
    assert window.statusBar().currentMessage() == "Undone: 1 conversation marked done"
    assert window.list.currentIndex().data(ConversationRole).labels == ("Urgent",)

    window.undo()  # the label
    assert window.list.currentIndex().data(ConversationRole).labels == ()
    window.undo()  # the unread mark
    assert not window.list.currentIndex().data(ConversationRole).unread
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"


def test_undo_survives_what_changed_meanwhile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Restoring brings back a conversation's state; a label deleted since and a removed conversation are left."""
    database = Database.open(tmp_path / "data")
    load_demo(database)
    with database.write() as connection:
        ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM conversations ORDER BY id LIMIT 2")]
        kept = triage.create_label(connection, "Devis", "#1976d2")
        gone = triage.create_label(connection, "Presse", "#388e3c")
        triage.assign_label(connection, ids, kept.id)
        triage.assign_label(connection, ids[:1], gone.id)
        before = triage.capture(connection, ids)
        triage.set_status(connection, ids, Status.SNOOZED, utcnow() + timedelta(days=1))
        triage.remove_label(connection, ids, kept.id)
        triage.delete_label(connection, gone.id)
        connection.exec_driver_sql("DELETE FROM conversation_labels WHERE conversation_id = ?", (ids[1],))
        connection.exec_driver_sql("DELETE FROM messages WHERE conversation_id = ?", (ids[1],))
        connection.exec_driver_sql("DELETE FROM conversations WHERE id = ?", (ids[1],))
        assert triage.restore(connection, before) == [ids[0]]
        restored = connection.exec_driver_sql(
            "SELECT status, snoozed_until FROM conversations WHERE id = ?", (ids[0],)
        ).one()
        labels = connection.exec_driver_sql(
            "SELECT label_id FROM conversation_labels WHERE conversation_id = ?", (ids[0],)
        ).all()
    database.close()
    assert tuple(restored) == (before.conversations[0][1], None)
    assert [row[0] for row in labels] == [kept.id]


def test_a_reply_draft_stays_with_its_conversation(qtbot, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Typed text never follows the user to another conversation (where Send would post it to the wrong
    person); it is there again when they come back, after a restart too, and goes once the reply is queued."""
    account = make_account(window.context.database, address="https://piaille.test/@fournil")
    with window.context.database.write() as connection:
        connection.exec_driver_sql("UPDATE accounts SET network = 'mastodon' WHERE id = ?", (account.id,))
        ingest_items(connection, account.id, [item(1, kind=Kind.MENTION), item(2, kind=Kind.MENTION)])
    window.refresh_all()
    window.sidebar.choose_view("open")
    first, second = (window.model.index(n).data(ConversationIdRole) for n in (0, 1))
    window.list.setCurrentIndex(window.model.index(0))
    assert window.thread.reply.isEnabled()
    qtbot.keyClicks(window.thread.reply, "Merci, on regarde")
    window.list.setCurrentIndex(window.model.index(1))
    assert window.thread.reply.toPlainText() == ""
    window.thread.reply.setPlainText("Bonjour !")
    window.list.setCurrentIndex(window.model.index(0))
    assert window.thread.reply.toPlainText() == "Merci, on regarde"
    has_draft = window.list.itemDelegate().has_draft  # type: ignore[attr-defined]
    assert has_draft(first) and has_draft(second), "both rows say ✎ Draft"

    window.close()  # saves the draft being typed, as a crash would lose at most the last moment
    again = MainWindow(window.context, window.settings)
    qtbot.addWidget(again)
    again.sidebar.choose_view("open")
    again.list.setCurrentIndex(again.model.index(1))
    assert again.thread.reply.toPlainText() == "Bonjour !"
    again.list.setCurrentIndex(again.model.index(0))
    assert again.thread.reply.toPlainText() == "Merci, on regarde"
    again.thread.send.click()
    again.list.setCurrentIndex(again.model.index(1))  # moving on before the queued reply is confirmed
    qtbot.waitUntil(lambda: again.thread.drafts.get(first) == "", timeout=5000)
    assert again.thread.reply.toPlainText() == "Bonjour !", "the other conversation's draft is untouched"
    assert not again.list.itemDelegate().has_draft(first)  # type: ignore[attr-defined]
    with again.context.database.read() as connection:
        texts = [e.text for e in outbox.listing(connection) if e.conversation_id == first]
    assert texts == ["Merci, on regarde"]
    assert second != first


def test_to_answer_lists_who_is_waiting(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The view of people waiting for an answer: not the answered thanks, not the feed posts monitoring found."""
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    everyone = {row.last_author: row for row in (window.model.row(n) for n in range(window.model.rowCount())) if row}
    window.sidebar.choose_view("to_answer")
    waiting = rows(window)
    assert "Priya" not in waiting and "Sophie" not in waiting, "answered"
    assert "Le Petit Journal du 11e" not in waiting, "a feed post is not waiting for an answer"
    expected = {
        name for name, row in everyone.items() if not row.answered and row.kind != "feed" and row.network != "feed"
    }
    assert set(waiting) == expected and len(waiting) == len(expected) >= 6
    qtbot.waitUntil(lambda: window._view_counts.get("to_answer") == len(waiting))


def test_to_answer_keeps_to_what_cmdesk_can_answer(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, defect 3: comments read through a blog's feed (and YouTube's, Reddit's) were listed in To answer,
    though cmdesk cannot answer them; the baker could not tell what was hers to answer."""
    load_demo(window.context.database)
    blog = make_account(window.context.database, "Le Fournil", address="https://blog.lefournil.fr/feed")
    with window.context.database.write() as connection:
        comment = item(900, thread="post-900", kind=Kind.COMMENT, text="Vous faites des bûches sans gluten ?")
        ingest_items(connection, blog.id, [comment], utcnow())
    window.refresh_all()
    window.sidebar.choose_view("comments")
    assert "Zoé" in rows(window), "the blog's comment is in Comments"
    window.sidebar.choose_view("to_answer")
    waiting = rows(window)
    assert "Zoé" not in waiting, "it is answered on the blog, not here"
    assert len(waiting) >= 6 and {"Sophie R.", "Mia K."}.isdisjoint(waiting), "nor the demo blog's comments"
    qtbot.waitUntil(lambda: window._view_counts.get("to_answer") == len(waiting))
