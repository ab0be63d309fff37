"""Inbox rows are painted once and kept as pictures (ui/conversation_delegate.py), their avatars and chips too: what
the list shows is exactly what painting each row anew shows, a row that changed is painted again, and only a couple
of screens are kept."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from sqlalchemy import text

from cmdesk.demo import load_demo
from cmdesk.domain import Kind
from cmdesk.models.conversation_list_model import ConversationRole, SnippetRole
from cmdesk.ui import avatars
from cmdesk.ui.conversation_delegate import ConversationDelegate
from cmdesk.ui.main_window import MainWindow


class PaintedAnew(ConversationDelegate):
    """Each row painted straight onto the list, as before rows were kept, its avatar and chips drawn anew too (a
    kept avatar or chip under a key that misses something it shows would show someone else's)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # type: ignore[no-untyped-def, override]
        avatars._kept.clear()
        self._chips.clear()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        row = index.data(ConversationRole)
        self._paint_row(painter, option, row, index.data(SnippetRole), selected, self.now_shown(row))


def _inbox(qtbot, window: MainWindow) -> QImage:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    qtbot.waitUntil(lambda: window.model.rowCount() > 5)
    return window.list.viewport().grab().toImage()


def test_the_rows_kept_look_exactly_as_rows_painted_anew(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    kept = _inbox(qtbot, window)
    assert window.list.viewport().grab().toImage() == kept, "painted again from the kept pictures"
    window.list.setItemDelegate(PaintedAnew(window.list))
    assert window.list.viewport().grab().toImage() == kept


def test_a_row_that_changed_is_painted_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _inbox(qtbot, window)
    third = window.model.index(2)
    area = window.list.visualRect(third)

    def third_row() -> QImage:
        return window.list.viewport().grab(area).toImage()

    before = third_row()
    with window.context.database.write() as connection:
        connection.execute(
            text("UPDATE conversations SET unread = NOT unread WHERE id = :id"), {"id": third.data(ConversationRole).id}
        )
    window.model.reload()
    window.list.selectionModel().clearSelection()
    after = third_row()
    assert after != before, "the same conversation, read now: painted again, not the picture kept"
    window.list.setItemDelegate(PaintedAnew(window.list))
    assert third_row() == after


def test_only_a_couple_of_screens_of_rows_are_kept(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _inbox(qtbot, window)
    delegate = window.list.itemDelegate()
    assert isinstance(delegate, ConversationDelegate)
    window.list.scrollToBottom()
    window.list.viewport().grab()
    window.list.scrollToTop()
    window.list.viewport().grab()
    visible = window.list.viewport().height() // window.list.verticalHeader().defaultSectionSize() + 1
    assert 0 < len(delegate._painted) <= max(24, 2 * visible + 2)


def _mentions_arrive(window: MainWindow, first: int = 9000) -> None:
    """Three new mentions written as a sync writes them."""
    from datetime import UTC, datetime

    from cmdesk.domain import Page
    from cmdesk.storage import ingest, workspace_reads
    from tests.support.factories import item

    with window.context.database.read() as connection:
        account = next(a for a in workspace_reads.list_accounts(connection) if a.network == "mastodon")
    arrived = tuple(
        item(first + n, kind=Kind.MENTION, at=datetime.now(UTC), text=f"nouveau {first + n}") for n in range(3)
    )
    ingest.commit_page(window.context.database, account.id, Page(arrived, {}))


def _newest_arrived(window: MainWindow) -> bool:
    row = window.model.row(0)
    return row is not None and row.snippet.startswith("nouveau")


def _counting_paints(qtbot, window: MainWindow) -> tuple[ConversationDelegate, list[int]]:  # type: ignore[no-untyped-def]
    """The inbox shown and painted, three mentions written as a sync writes them; the list's delegate, counting
    each row it paints from now on (one entry a row)."""
    _inbox(qtbot, window)
    window.list.viewport().grab()
    delegate = window.list.itemDelegate()
    assert isinstance(delegate, ConversationDelegate)
    _mentions_arrive(window)
    painted: list[int] = []
    paint_row = delegate._paint_row

    def counted(*args, **options):  # type: ignore[no-untyped-def]
        painted.append(1)
        return paint_row(*args, **options)

    delegate._paint_row = counted  # type: ignore[method-assign]
    return delegate, painted


def test_a_syncs_new_rows_are_painted_ahead_and_drawn_from_their_pictures(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    delegate, painted = _counting_paints(qtbot, window)
    before_reload: list[int] = []
    reload = window._reload_after_sync

    def reloaded(*read) -> None:  # type: ignore[no-untyped-def]
        before_reload.append(len(painted))
        reload(*read)

    window._reload_after_sync = reloaded  # type: ignore[method-assign]
    window._new_since_refresh = True
    window._refresh_after_sync()
    assert not _newest_arrived(window)  # not yet: read and painted first, in later turns of the event loop
    qtbot.waitUntil(lambda: _newest_arrived(window))
    window.list.viewport().grab()
    assert before_reload and before_reload[0] >= 3, "the new rows were painted before the list showed them"
    assert len(painted) == before_reload[0], "the list drew every row from a picture painted ahead"


def test_a_list_scrolled_down_shows_a_syncs_rows_at_once_not_painted_ahead(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _inbox(qtbot, window)
    window.resize(window.width(), 420)
    qtbot.waitUntil(lambda: window.list.verticalScrollBar().maximum() > 0)
    window.list.verticalScrollBar().setValue(window.list.verticalScrollBar().maximum())
    _mentions_arrive(window)
    window._new_since_refresh = True
    window._refresh_after_sync()
    assert _newest_arrived(window)


def test_the_rows_shown_after_a_sync_are_the_rows_painted_ahead_though_more_came_since(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    """The reload shows the first rows as they were read for painting ahead, not read again: rows the sync wrote in
    between would be painted in the reload's own turn (the stall painting ahead avoids). They come at the next
    refresh."""
    delegate, painted = _counting_paints(qtbot, window)
    ahead = delegate.paint_ahead

    def more_arrive_while_painting(*args, **options):  # type: ignore[no-untyped-def]
        _mentions_arrive(window, first=9100)
        return ahead(*args, **options)

    delegate.paint_ahead = more_arrive_while_painting  # type: ignore[method-assign]
    window._new_since_refresh = True
    window._refresh_after_sync()
    qtbot.waitUntil(lambda: _newest_arrived(window))
    before = len(painted)
    window.list.viewport().grab()
    first = window.model.row(0)
    assert first is not None and first.snippet.startswith("nouveau 900"), first
    assert len(painted) == before, "the reload drew only rows painted ahead"
    delegate.paint_ahead = ahead  # type: ignore[method-assign]
    window._new_since_refresh = True
    window._refresh_after_sync()
    qtbot.waitUntil(lambda: (row := window.model.row(0)) is not None and row.snippet.startswith("nouveau 910"))


def test_painting_ahead_for_a_list_closed_meanwhile_calls_nothing_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The reload after painting ahead is due in a later turn of the event loop: a window closed by then (a test's
    end, the user quitting) is not reloaded (it was, and failed: "Internal C++ object already deleted")."""
    _inbox(qtbot, window)
    delegate = window.list.itemDelegate()
    assert isinstance(delegate, ConversationDelegate)
    rows = [window.model.row(n) for n in range(3)]
    called: list[int] = []
    delegate.paint_ahead(window.list, [row for row in rows if row is not None], None, lambda: called.append(1))
    shiboken6.delete(window.list)  # closed now, before the call back is due
    qtbot.wait(100)
    assert called == []
