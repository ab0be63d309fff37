"""The Outbox view: every entry with its state and reason; a failed one retried, a held one sent anyway, a
scheduled one edited and then cancelled; the filters."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QInputDialog, QMessageBox

from cmdesk.app.context import AppContext
from cmdesk.demo import load_demo
from cmdesk.domain import Network
from cmdesk.models.outbox_table_model import EntryIdRole
from cmdesk.storage import outbox, workspace
from cmdesk.storage.outbox import OutboxState
from cmdesk.ui.outbox_pane import OutboxPane


def rows(pane: OutboxPane) -> dict[int, list[str]]:
    model = pane.model
    return {
        int(model.index(row, 0).data(EntryIdRole)): [model.index(row, column).data() for column in range(6)]
        for row in range(model.rowCount())
    }


def choose(pane: OutboxPane, entry_id: int) -> None:
    pane.tree.setCurrentIndex(pane.model.index(pane.model.row_of(entry_id), 0))


def test_retry_send_anyway_edit_cancel_and_filters(qtbot, context: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    context.send_soon = lambda: None  # type: ignore[method-assign]
    later = datetime.now().astimezone() + timedelta(days=2)
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(
            connection, client.id, Network.MASTODON, "http://127.0.0.1:9/@f", name="@fournil"
        )
        failed, held, planned = (
            outbox.enqueue_post(connection, [account.id], text, at=at)[0]
            for text, at in (("Promo -20 %", None), ("Menu de Noël", None), ("Galettes des rois", later))
        )
        outbox.claim(connection, failed.id)
        outbox.mark_failed(connection, failed.id, "the server refused the post (422)")
        outbox.claim(connection, held.id)
        outbox.mark_needs_check(connection, held.id, "cmdesk stopped while sending")
    pane = OutboxPane(context)
    qtbot.addWidget(pane)
    shown = rows(pane)
    assert shown[failed.id][0] == "✗ not sent" and shown[failed.id][5] == "the server refused the post (422)"
    assert shown[held.id][0] == "? check it" and shown[planned.id][0] == "⏱ scheduled in cmdesk"

    pane.filter.setCurrentIndex(pane.filter.findData("problems"))
    assert set(rows(pane)) == {failed.id, held.id}
    choose(pane, held.id)
    assert pane.retry_button.text() == "Send anyway" and pane.retry_button.isEnabled()
    pane.retry_button.click()
    choose(pane, failed.id)
    assert pane.retry_button.text() == "Retry"
    pane.retry_button.click()
    assert rows(pane) == {}, "nothing needs the user any more"

    pane.filter.setCurrentIndex(pane.filter.findData("waiting"))
    choose(pane, planned.id)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Galettes des rois dès samedi !", True))
    pane.edit_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    choose(pane, planned.id)
    pane.cancel_button.click()
    with context.database.read() as connection:
        states = {e.id: (e.state, e.text, e.attempts) for e in outbox.listing(connection)}
    assert states[planned.id][:2] == (OutboxState.CANCELLED, "Galettes des rois dès samedi !")
    assert states[failed.id][0] is OutboxState.SCHEDULED and states[held.id][0] is OutboxState.SCHEDULED
    assert states[held.id][2] == 0, "sent anyway: not looked for again"


def test_what_needs_the_user_first_then_what_goes_out_next(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    load_demo(context.database)
    with context.database.write() as connection:
        waiting = [e for e in outbox.listing(connection) if e.state is OutboxState.SCHEDULED]
        last = max(waiting, key=lambda e: e.scheduled_at or datetime.min)
        connection.exec_driver_sql(
            "UPDATE outbox SET state = 'failed', last_error = 'the server refused it' WHERE id = ?", (last.id,)
        )
    pane = OutboxPane(context)
    qtbot.addWidget(pane)
    pane.refresh()
    with context.database.read() as connection:
        entries = {e.id: e for e in outbox.listing(connection)}
    shown = [entries[entry_id] for entry_id in rows(pane)]
    states = [e.state for e in shown]
    assert states[0] is OutboxState.FAILED and shown[0].id == last.id
    scheduled = [e for e in shown if e.state is OutboxState.SCHEDULED]
    sent = [e for e in shown if e.state is OutboxState.SENT]
    assert len(scheduled) >= 3 and len(sent) >= 2
    assert states == [OutboxState.FAILED] + [OutboxState.SCHEDULED] * len(scheduled) + [OutboxState.SENT] * len(sent)
    assert [e.scheduled_at for e in scheduled] == sorted(e.scheduled_at for e in scheduled if e.scheduled_at)
    assert [e.updated_at for e in sent] == sorted((e.updated_at for e in sent), reverse=True)


def test_each_planned_post_says_where_it_waits(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    later = datetime.now().astimezone() + timedelta(days=2)
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(
            connection, client.id, Network.MASTODON, "https://piaille.fr/@fournil", name="@fournil"
        )
        on_network, in_cmdesk = (
            outbox.enqueue_post(connection, [account.id], text, at=later)[0] for text in ("Bûche", "Galettes")
        )
        outbox.claim(connection, on_network.id)
        outbox.mark_handed_over(connection, on_network.id, "3221")
    pane = OutboxPane(context)
    qtbot.addWidget(pane)
    shown = rows(pane)
    assert shown[on_network.id][0] == "⏱ on piaille.fr’s scheduler"
    assert shown[in_cmdesk.id][0] == "⏱ scheduled in cmdesk"
