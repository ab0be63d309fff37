"""Uncaught exceptions: logged, then shown in a dialog with a "Copy details" button. Details never include
secrets (Secret values print as `Secret(***)`)."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from cmdesk.domain.reader import ReadError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("cmdesk.crash")
_shown: set[QWidget] = set()
"""Open crash dialogs: referenced here so Python does not delete them while they are on screen."""


def install_excepthook(read_failed: Callable[[ReadError], None] | None = None) -> None:
    """Uncaught exceptions logged and shown; a read the database could not answer goes to `read_failed` (the
    window checks the database and offers a repair) rather than to a "cmdesk hit a problem" box."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if read_failed is not None and isinstance(error, ReadError):
            log.warning("a read failed: %s", error)
            read_failed(error)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.error("uncaught exception\n%s", details)
        show_error(error, details)

    sys.excepthook = hook


def show_error(error: BaseException, details: str) -> None:
    if QApplication.instance() is None:
        return
    from PySide6.QtWidgets import QMessageBox  # here: making Qt's message box type costs the first screen ~4 ms

    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("Crash", "cmdesk hit a problem"))
    box.setText(
        QApplication.translate(
            "Crash", "Something went wrong: {error}\nYour data is safe; the details are in the log."
        ).format(error=error)
    )
    box.setDetailedText(details)
    copy = box.addButton(QApplication.translate("Crash", "Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    _shown.add(box)
    box.finished.connect(lambda _result: _shown.discard(box))
    box.open()
