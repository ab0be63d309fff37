"""Steps a window test takes again and again: show what was just synced or stored, the first conversation open."""

from __future__ import annotations

import asyncio
from typing import Any

from cmdesk.ui.main_window import MainWindow


def show_first_conversation(qtbot: Any, window: MainWindow) -> None:
    """Read the database again, as after a sync, and wait until the first conversation's thread is open."""
    window.refresh_all()
    window.model.reload()
    window._after_reload(0)
    qtbot.waitUntil(lambda: window.thread.conversation is not None)


def sync_and_show_first(qtbot: Any, window: MainWindow, loop: asyncio.AbstractEventLoop) -> None:
    """One sync of every account, then the first conversation open."""
    loop.run_until_complete(window.context.engine.sync_once(attempts=1))
    show_first_conversation(qtbot, window)
