"""Issue 15, finding 11, in the window: a search over a damaged search index leaves an empty list and a reason
(no exception, no model left half reset), the check that follows puts the damage bar up with what can be done,
and "Rebuild the search index" repairs it in place, losing nothing; a database that cannot be opened gets the
repair window, whose "Restore" brings the newest copy back and opens it."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QPushButton

from cmdesk.app.context import AppContext
from cmdesk.app.main import open_or_repair
from cmdesk.storage import backups, workspace
from cmdesk.storage.database import DB_FILENAME, Database
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.repair_widgets import RepairWindow
from tests.support.damage import damage_search_index, workspace_of


@pytest.fixture
def damaged_window(qtbot, tmp_path: Path, loop: asyncio.AbstractEventLoop):  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    damage_search_index(workspace_of(data, messages=600))
    context = AppContext(data, Database.open(data))
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    loop.run_until_complete(context.aclose())


def _buttons(widget) -> dict[str, QPushButton]:  # type: ignore[no-untyped-def]
    return {button.text(): button for button in widget.findChildren(QPushButton) if button.isVisible()}


def test_a_search_over_a_damaged_index_offers_a_rebuild_that_loses_nothing(  # type: ignore[no-untyped-def]
    qtbot, damaged_window: MainWindow
) -> None:
    window = damaged_window
    assert window.model.rowCount() > 0, "the list itself reads the messages table, which is whole"
    assert not window.damage_bar.isVisible()
    window.search.setText("éclair")
    window.run_search()
    assert window.model.rowCount() == 0
    assert "Could not read" in window.statusBar().currentMessage()
    qtbot.waitUntil(window.damage_bar.isVisible, timeout=20_000)
    assert "search index is damaged" in window.damage_bar.text.text()
    assert "search index is damaged" in window.damage_bar.text.toolTip(), "the check's own words, for a helper"
    buttons = _buttons(window.damage_bar)
    assert set(buttons) == {"Rebuild the search index"}, "only the choice that fits: nothing to restore or salvage"
    buttons["Rebuild the search index"].click()
    qtbot.waitUntil(lambda: not window.damage_bar.isVisible(), timeout=20_000)
    assert "nothing was lost" in window.statusBar().currentMessage()
    window.run_search()
    assert window.model.rowCount() == 200, "every search hit again (the list shows the best 200)"


def test_the_repair_window_restores_the_newest_copy_and_opens_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    database = Database.open(data)
    with database.write() as connection:
        workspace.add_client(connection, "Le Fournil")
    database.close()
    path = data / DB_FILENAME
    backups.make(path)
    path.write_bytes(b"not a database" * 300)
    shutil.rmtree(data / "backups" / "missing", ignore_errors=True)

    def choose_restore() -> None:
        shown = [w for w in qtbot_widgets() if isinstance(w, RepairWindow) and w.isVisible()]
        assert shown, "the repair window is up"
        restore = next(text for text in _buttons(shown[0]) if text.startswith("Restore the copy of"))
        _buttons(shown[0])[restore].click()

    def qtbot_widgets():  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QApplication

        return QApplication.topLevelWidgets()

    QTimer.singleShot(200, choose_restore)
    opened = open_or_repair(data, None)
    assert opened is not None
    with opened.read() as connection:
        assert [client.name for client in workspace.list_clients(connection)] == ["Le Fournil"]
    opened.close()
    assert list(data.glob(f"{DB_FILENAME}.damaged-*")), "the damaged file is kept aside"
