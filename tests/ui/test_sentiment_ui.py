"""Issue 17, part 1, in the window: the Negative view and its count, the mark on each row and message, and the
user's correction (T, or a click on a message's mark) kept and learnt from."""

from __future__ import annotations

from cmdesk.demo import load_demo
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.ui.main_window import MainWindow


def _shown(window: MainWindow) -> list[str]:
    return [window.model.index(n).data(ConversationRole).last_author for n in range(window.model.rowCount())]


def test_the_demos_bad_buzz_is_in_the_negative_view_and_a_thank_you_is_not(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("negative")
    shown = _shown(window)
    assert {"Quartier Oberkampf", "/u/croissant_lover", "Sophie R."} <= set(shown)
    assert "Sophie" not in shown and "Marc Lefèvre" not in shown, "a thank-you, an answered complaint thanked"
    assert all(window.model.index(n).data(ConversationRole).sentiment == "negative" for n in range(len(shown)))


def test_t_corrects_what_waits_and_a_click_corrects_one_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    names = _shown(window)
    amel = names.index("Amel")
    window.list.setCurrentIndex(window.model.index(amel))
    assert window.model.index(amel).data(ConversationRole).sentiment != "negative"
    window.correct_sentiment(window.selected_ids(), "negative")
    qtbot.waitUntil(lambda: "learns" in window.statusBar().currentMessage(), timeout=3000)
    window.sidebar.choose_view("negative")
    assert "Amel" in _shown(window)

    window.sidebar.choose_view("open")
    window.list.setCurrentIndex(window.model.index(_shown(window).index("Amel")))
    qtbot.waitUntil(lambda: bool(window.thread.messages), timeout=3000)
    html = window.thread.browser.toHtml()
    assert "cmdesk:sentiment/" in html and "Negative ✓" in html, "the user's word, marked as theirs"
    message = window.thread.messages[-1]
    with qtbot.waitSignal(window.thread.sentimentRequested, timeout=1000) as clicked:
        window.thread.browser.actionRequested.emit("sentiment", str(message.id))
    assert clicked.args == [message.id]
