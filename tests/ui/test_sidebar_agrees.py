"""Issue 16, defect 11: "Done" stayed highlighted while the To answer list was shown; after a restart "All open" was
highlighted over To answer; snoozed conversations did not say until when."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from cmdesk.app.context import AppContext
from cmdesk.demo import load_demo
from cmdesk.models.time_text import local_time
from cmdesk.ui.conversation_delegate import status_text
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.rows import RoomyRows
from cmdesk.ui.sidebar import KeyRole


def _highlighted(window: MainWindow) -> object:
    return window.sidebar.currentIndex().siblingAtColumn(0).data(KeyRole)


def test_the_highlight_follows_the_view_however_it_is_chosen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("done")
    assert _highlighted(window) == ("view", "done")
    window.go_to_view("to_answer")
    assert _highlighted(window) == ("view", "to_answer")


def test_after_a_restart_the_last_view_is_shown_and_highlighted(qtbot, context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_demo(context.database)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_view", "to_answer")
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    assert window.sidebar.current_view is not None and window.sidebar.current_view.key == "to_answer"
    assert _highlighted(window) == ("view", "to_answer")


def test_restoring_the_last_view_does_not_rewrite_the_settings(qtbot, context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Saving settings.ini syncs it to the disk twice (its lock and the file): a start restoring what is already
    saved must not pay for it before its first paint."""
    load_demo(context.database)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_view", "to_answer")
    settings.sync()
    saved = (tmp_path / "settings.ini").stat()
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.go_to_view("to_answer")
    settings.sync()
    again = (tmp_path / "settings.ini").stat()
    assert (again.st_ino, again.st_mtime_ns) == (saved.st_ino, saved.st_mtime_ns)
    window.go_to_view("done")
    settings.sync()
    assert QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).value("last_view") == "done"


def test_a_snoozed_conversation_says_until_when(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.sidebar.choose_view("open")
    row = window.model.row(0)
    assert row is not None
    until = datetime.now(UTC) + timedelta(days=2)
    assert status_text(replace(row, status="snoozed", snoozed_until=until)) == f"Snoozed until {local_time(until)}"


def _account_items(window: MainWindow) -> dict[int, object]:
    clients = window.sidebar.model_.item(1, 0)
    assert clients is not None
    found = {}
    for row in range(clients.rowCount()):
        client = clients.child(row, 0)
        for number in range(client.rowCount()):
            child = client.child(number, 0)
            found[child.data(KeyRole)[2]] = child
    return found


def test_a_syncs_states_are_shown_in_place_and_a_new_account_rebuilds_the_sidebar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from cmdesk.domain import Health, Network
    from cmdesk.storage import syncstate, workspace

    load_demo(window.context.database)
    window.refresh_all()
    before = _account_items(window)
    account_id, item = next(iter(before.items()))
    name = item.text()
    with window.context.database.write() as connection:
        syncstate.record_health(connection, account_id, Health.NEEDS_ATTENTION, reason="sign-in needed: token revoked")
    window.refresh_all()
    after = _account_items(window)
    assert after[account_id] is item  # the same item, changed in place: the tree was not rebuilt
    assert item.text() == f"{name} ⚠" and "token revoked" in item.toolTip()
    assert item.foreground().color().name() != window.sidebar.palette().text().color().name()
    with window.context.database.write() as connection:
        syncstate.record_health(connection, account_id, Health.OK)
    window.refresh_all()
    assert _account_items(window)[account_id] is item
    assert item.text() == name and "token revoked" not in item.toolTip()
    assert item.data(Qt.ItemDataRole.ForegroundRole) is None
    with window.context.database.write() as connection:
        client = workspace.list_clients(connection)[0]
        workspace.add_account(connection, client.id, Network.FEED, "http://127.0.0.1:1/feed", name="Le blog voisin")
    window.refresh_all()
    rebuilt = _account_items(window)
    assert len(rebuilt) == len(before) + 1 and rebuilt[account_id] is not item


def test_the_counts_column_is_as_wide_as_its_widest_number_and_follows_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QHeaderView

    load_demo(window.context.database)
    window.refresh_all()
    sidebar = window.sidebar
    header = sidebar.header()
    narrow = header.sectionSize(1)
    counts = {"open": 1_234_567, "to_answer": 3}
    sidebar.set_counts(counts)
    assert sidebar.count_shown("open") == sidebar._count_text(1_234_567)
    wide = header.sectionSize(1)
    assert wide > narrow
    asked = []

    class Counting(RoomyRows):
        def sizeHint(self, option, index):  # type: ignore[no-untyped-def]  # noqa: N802
            asked.append(index.row())
            return super().sizeHint(option, index)

    sidebar.setItemDelegate(Counting(sidebar))
    sidebar.set_counts({**counts, "open": 7_654_321})
    sidebar.grab()  # laid out and painted
    assert len(asked) < 20, "each row's size asked of the delegate at every new count (Qt's ResizeToContents)"
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # what Qt itself would make it
    assert header.sectionSize(1) == wide
