"""Issue 17, part 3, in the window: a bad-buzz alert across the top, a desktop notification when a pass raises one,
its conversations in the list, and "Seen to" remembered."""

from __future__ import annotations

from cmdesk.demo import load_demo
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.ui.main_window import MainWindow


def test_the_demos_bad_buzz_alert_is_shown_leads_to_its_messages_and_is_remembered_once_seen_to(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, monkeypatch
) -> None:
    load_demo(window.context.database)
    window.refresh_all()
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(window.tray, "notify_text", lambda title, text: said.append((title, text)) or text)
    [alert] = window.context.reader.alerts(unacknowledged=True)
    window.alerts_raised((alert.id,))
    assert window.alert_bar.isVisibleTo(window)
    shown = window.alert_bar.text.text()
    assert "Boulangerie Le Fournil" in shown and "negative messages in 2 hours" in shown and "intoxication" in shown
    assert said and said[0][0] == "Bad buzz?" and "Boulangerie Le Fournil" in said[0][1]

    window.alert_bar.see.click()
    authors = {window.model.index(n).data(ConversationRole).last_author for n in range(window.model.rowCount())}
    assert "Quartier Oberkampf" in authors and "/u/croissant_lover" in authors
    assert "Claire Morel" not in authors, "only the conversations behind the alert"

    window.alert_bar.done.click()
    qtbot.waitUntil(lambda: not window.alert_bar.isVisibleTo(window), timeout=3000)
    assert window.context.reader.alerts(unacknowledged=True) == []
    assert window.context.reader.alerts()[0].acknowledged_at is not None
