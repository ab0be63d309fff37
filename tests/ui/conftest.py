"""Fixtures for the window tests: a real AppContext over a temp data dir, and a qasync loop on the test's
QApplication for the dialogs that await (the add-source check)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from cmdesk.app.context import AppContext
from cmdesk.app.event_loop import QtAsyncLoop
from cmdesk.app.main import install_translations
from cmdesk.storage.database import Database
from cmdesk.ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def _english(qapp: QApplication) -> Iterator[None]:
    """The window speaks English as a user sees it: with the English plural forms ("2 messages")."""
    translator = install_translations(qapp, "en_US")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The window in French for one test (then English again, as the others expect)."""
    translator = install_translations(qapp, "fr_FR")
    yield
    if translator is not None:
        qapp.removeTranslator(translator)
    install_translations(qapp, "en_US")


@pytest.fixture(scope="session")
def _session_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """One qasync loop for every window test, as the app has one for its whole life: closing a qasync loop while
    one of its timers is pending (an httpx pool, a sleep) left a Qt timer aimed at a deleted object, which crashed
    a later test (segfault in QTimerInfoList::activateTimers)."""
    event_loop = QtAsyncLoop(qapp, already_running=False)
    yield event_loop
    event_loop.close()


@pytest.fixture
def qtbot(qtbot, _session_loop: asyncio.AbstractEventLoop):  # type: ignore[no-untyped-def]
    """pytest-qt's bot whose waits (`wait`, and `waitUntil` which polls through it) turn Qt's event loop through
    the asyncio loop, as the app's always running qasync loop does: a Qt wait outside it stepped the window's own
    tasks (the sync engine a click started) with no running loop, and their HTTP calls failed with "no running
    event loop" half-way through a send."""
    qt_wait = qtbot.wait

    def wait(ms: int) -> None:
        if _session_loop.is_running() or _session_loop.is_closed():
            qt_wait(ms)
        else:
            _session_loop.run_until_complete(asyncio.sleep(ms / 1000))

    qtbot.wait = wait
    return qtbot


@pytest.fixture
def loop(_session_loop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    asyncio.set_event_loop(_session_loop)
    yield _session_loop
    asyncio.set_event_loop(None)


@pytest.fixture
def context(tmp_path: Path, loop: asyncio.AbstractEventLoop) -> Iterator[AppContext]:
    data = tmp_path / "data"
    app_context = AppContext(data, Database.open(data))
    yield app_context
    loop.run_until_complete(app_context.aclose())


@pytest.fixture
def window(qtbot, context: AppContext, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(context, settings)
    main.typing_guard.burst_s = 0  # the tests press command keys back to back, faster than anyone types
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main
