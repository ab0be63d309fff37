"""The calendar pane: posts as chips on their days (coloured by client, with their state), a scheduled chip dropped
on another day moves there at the same time of day and Ctrl+Z puts it back, past and sent posts cannot move, the
week view, and editing a post's text from its chip."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog

from cmdesk.app.context import AppContext
from cmdesk.domain import Network
from cmdesk.models.time_text import clock
from cmdesk.storage import outbox, workspace
from cmdesk.ui.calendar_pane import MIME, CalendarPane, Chip, EditPostDialog


def seed(context: AppContext) -> tuple[int, int]:
    """A post in three days at 09:30 on two accounts of one client, and one sent yesterday."""
    soon = datetime.combine(date.today() + timedelta(days=3), time(9, 30)).astimezone()
    with context.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        one = workspace.add_account(connection, client.id, Network.MASTODON, "http://127.0.0.1:9/@a", name="@fournil")
        two = workspace.add_account(connection, client.id, Network.MASTODON, "http://127.0.0.1:9/@b", name="@atelier")
        planned = outbox.enqueue_post(connection, [one.id, two.id], "Galettes des rois dès samedi", at=soon)
        past = datetime.combine(date.today() - timedelta(days=1), time(8, 0)).astimezone()
        sent = outbox.enqueue_post(connection, [one.id], "Pain d'épices", at=past, now=past - timedelta(hours=1))[0]
        outbox.claim(connection, sent.id)
        outbox.mark_sent(connection, sent.id, "1101")
    return planned[0].id, sent.id


def chips(pane: CalendarPane, day: date) -> list[Chip]:
    return pane.cells[day].findChildren(Chip)


def drop(pane: CalendarPane, ids: list[int], day: date) -> None:
    data = QMimeData()
    data.setData(MIME, ",".join(map(str, ids)).encode())
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    pane.cells[day].dropEvent(event)


def planned_days(context: AppContext) -> set[tuple[str, str]]:
    with context.database.read() as connection:
        return {
            (str(e.text), e.scheduled_at.astimezone().strftime("%Y-%m-%d %H:%M"))
            for e in outbox.listing(connection)
            if e.scheduled_at is not None
        }


def test_drag_a_post_to_another_day_then_undo(qtbot, qtmodeltester, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    planned_id, sent_id = seed(context)
    pane = CalendarPane(context)
    qtbot.addWidget(pane)
    pane.show()
    soon = date.today() + timedelta(days=3)
    if soon not in pane.cells:  # the post falls in next month's grid
        pane.step(1)
    (chip,) = chips(pane, soon)
    assert len(chip.posts) == 2 and chip.movable, "one chip for the publication on both accounts"
    half_past_nine = clock(datetime.combine(soon, time(9, 30)).astimezone())
    assert half_past_nine in chip.full_text and "Galettes" in chip.full_text and "⏱" in chip.full_text, "the clock"
    pane.show_day(soon)
    lines = [pane.day_posts.index(row).data() for row in range(pane.day_posts.rowCount())]
    assert len(lines) == 2 and all(half_past_nine in line and "Galettes" in line for line in lines), "the day list"
    assert not pane.day_empty.isVisibleTo(pane)
    qtmodeltester.check(pane.day_posts)
    pane.show_day(soon + timedelta(days=1))
    assert pane.day_posts.rowCount() == 0 and pane.day_empty.isVisibleTo(pane)

    target = soon + timedelta(days=2)
    if target not in pane.cells:
        pane.step(1)
    drop(pane, [p.entry.id for p in chip.posts], target)
    moved = target.strftime("%Y-%m-%d") + " 09:30"
    assert ("Galettes des rois dès samedi", moved) in planned_days(context)
    assert "Ctrl+Z" in pane.status.text()

    pane.activateWindow()
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = soon.strftime("%Y-%m-%d") + " 09:30"
    assert {when for text, when in planned_days(context) if text.startswith("Galettes")} == {back}
    pane.undo.redo()
    assert {when for text, when in planned_days(context) if text.startswith("Galettes")} == {moved}

    yesterday = date.today() - timedelta(days=1)
    pane.go_today()
    if yesterday in pane.cells:
        (sent_chip,) = chips(pane, yesterday)
        assert not sent_chip.movable and "✓" in sent_chip.text()
        drop(pane, [sent_id], date.today() + timedelta(days=1))
        assert ("Pain d'épices", datetime.combine(yesterday, time(8, 0)).astimezone().strftime("%Y-%m-%d %H:%M")) in (
            planned_days(context)
        ), "what went out stays where it was"
    drop(pane, [planned_id], yesterday)
    assert "cannot be moved into the past" in pane.status.text()


def test_week_view_and_editing_from_a_chip(qtbot, context: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seed(context)
    pane = CalendarPane(context)
    qtbot.addWidget(pane)
    pane.anchor = date.today() + timedelta(days=3)
    pane.set_week_mode(True)
    assert len(pane.cells) == 7 and "Week of" in pane.title.text()
    (chip,) = chips(pane, pane.anchor)
    edits: list[EditPostDialog] = []

    def open_dialog(dialog: EditPostDialog) -> None:
        edits.append(dialog)
        dialog.text.setPlainText("Galettes des rois dès vendredi !")
        dialog.done(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(EditPostDialog, "open", open_dialog)
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert edits, "a click opens the post"
    with context.database.read() as connection:
        texts = sorted(str(e.text) for e in outbox.listing(connection))
    assert texts == ["Galettes des rois dès vendredi !", "Galettes des rois dès vendredi !", "Pain d'épices"]


def test_ctrl_z_in_the_window_takes_back_a_calendar_move(qtbot, window, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, defect 4: Ctrl+Z after a drag did nothing ("QAction::event: Ambiguous shortcut overload: Ctrl+Z")
    and Edit → Undo named the last label change. One Undo now: the page on show's."""
    seed(context)
    window.refresh_all()
    window.show_calendar()
    pane = window.calendar
    soon = date.today() + timedelta(days=3)
    if soon not in pane.cells:
        pane.step(1)
    (chip,) = chips(pane, soon)
    target = soon + timedelta(days=2)
    if target not in pane.cells:
        pane.step(1)
    drop(pane, [p.entry.id for p in chip.posts], target)
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo: Move the post"
    window.activateWindow()
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = soon.strftime("%Y-%m-%d") + " 09:30"
    assert {when for text, when in planned_days(context) if text.startswith("Galettes")} == {back}
    assert window.undo_action.text() == "&Undo"


def test_a_day_is_selected_chips_end_with_an_ellipsis_and_a_double_click_writes_a_post_for_it(  # type: ignore[no-untyped-def]
    qtbot, window, context: AppContext
) -> None:
    """Issue 16, defect 4: no way to create a post from a day; chips cut without an ellipsis; no selected day; the
    day panel needed a horizontal scrollbar."""
    seed(context)
    window.resize(1024, 700)
    window.show_calendar()
    pane = window.calendar
    soon = date.today() + timedelta(days=3)
    if soon not in pane.cells:
        pane.step(1)
    pane.show_day(soon)
    assert "palette(highlight)" in pane.cells[soon].styleSheet()
    assert all("palette(highlight)" not in cell.styleSheet() for day, cell in pane.cells.items() if day != soon)
    (chip,) = chips(pane, soon)
    qtbot.waitUntil(chip.isVisible)
    chip.setFixedWidth(60)
    qtbot.waitUntil(lambda: chip.text().endswith("…"))
    assert "Galettes des rois dès samedi" in chip.full_text
    assert pane.day_list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    later = date.today() + timedelta(days=10)
    if later not in pane.cells:
        pane.step(1)
    qtbot.mouseDClick(pane.cells[later], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.composer
    assert window.composer.at.isChecked()
    assert window.composer.at_time.dateTime().toPython() == datetime.combine(later, time(9, 0))


def test_the_week_is_a_time_grid_and_a_drop_on_an_hour_changes_the_time(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, defect 4: the week view had no hours; dragging changed only the day."""
    seed(context)
    pane = CalendarPane(context)
    qtbot.addWidget(pane)
    soon = date.today() + timedelta(days=3)
    pane.anchor = soon
    pane.set_week_mode(True)
    column = pane.cells[soon]
    (chip,) = column.findChildren(Chip)
    assert chip.parent() is column.slots[9], "the 09:30 post sits in the 9 o'clock row"
    target = soon + timedelta(days=1) if soon + timedelta(days=1) in pane.cells else soon
    data = QMimeData()
    data.setData(MIME, ",".join(str(p.entry.id) for p in chip.posts).encode())
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    pane.cells[target].slots[15].dropEvent(event)
    moved = target.strftime("%Y-%m-%d") + " 15:30"
    assert ("Galettes des rois dès samedi", moved) in planned_days(context), "the hour changes, the minutes stay"
    composed: list[datetime] = []
    pane.composeRequested.connect(composed.append)
    qtbot.mouseDClick(pane.cells[target].slots[11], Qt.MouseButton.LeftButton)
    assert composed == [datetime.combine(target, time(11, 0)).astimezone()]
