"""Uncaught exceptions: logged, then shown in a dialog with a "Copy details" button. Details never include
secrets (Secret values print as `Secret(***)`)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("cmdesk.crash")
_shown: set[QMessageBox] = set()
"""Open crash dialogs: referenced here so Python does not delete them while they are on screen."""


def install_excepthook() -> None:
    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.error("uncaught exception\n%s", details)
        show_error(error, details)

    sys.excepthook = hook


def show_error(error: BaseException, details: str) -> None:
    if QApplication.instance() is None:
        return
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
