"""What the window can do about a damaged database (storage/health.py, storage/backups.py), worded for the user:
put the newest copy back, salvage what is readable, or remake the search index. A restore or a salvage replaces
the file, so it runs while nothing has the database open: before the window starts, or after it quit (then cmdesk
starts again by itself, `restart`)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from cmdesk.storage import backups, health
from cmdesk.storage.errors import newest_copy
from cmdesk.ui.repair_widgets import REBUILD_SEARCH, RESTORE, Damage


def damage(path: Path, summary: str, found: health.Health | None = None) -> Damage:
    """What to offer for this file: the newest copy (with when it was made), a salvage when the file has
    anything in it, the search index alone when only it is damaged."""
    copy = newest_copy(path)
    made = ""
    if copy is not None:
        made = QLocale().toString(datetime.fromtimestamp(copy.stat().st_mtime), QLocale.FormatType.ShortFormat)
    can_salvage = path.is_file() and path.stat().st_size > 0
    return Damage(summary, made, can_salvage, found is not None and found.only_the_search_index)


def repair(path: Path, kind: str) -> str:
    """Do it; returns what was done, in the user's words. RuntimeError or OSError (FileNotFoundError: no copy)
    with the reason when it could not be done; the damaged file is then untouched."""
    if kind == REBUILD_SEARCH:
        health.rebuild_search_index(path)
        return QCoreApplication.translate("Repair", "The search index was rebuilt from the messages; nothing was lost.")
    if kind == RESTORE:
        used, aside = backups.restore(path)
        restored = QCoreApplication.translate(
            "Repair", "Restored the copy {copy}; the damaged file is kept as {aside}."
        )
        return restored.format(copy=used, aside=aside)
    done = health.salvage(path)
    salvaged = QCoreApplication.translate("Repair", "Salvaged {count} messages; the damaged file is kept as {aside}.")
    return salvaged.format(count=QLocale().toString(done.messages_after), aside=done.aside)


def restart() -> None:
    """Start cmdesk again the way it was started (`python -m cmdesk …` or the bundle), in place of this process."""
    arguments = list(getattr(sys, "orig_argv", []) or [sys.executable, *sys.argv])
    os.execv(sys.executable, arguments)
