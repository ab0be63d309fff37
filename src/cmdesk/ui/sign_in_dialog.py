"""What the dialogs that sign an account in over the network share (Mastodon, YouTube, Meta): one task at a time on
the app's event loop, never blocking the window, cancelled with the dialog; every failure said in the status line, in
one line, its details in the tooltip — never a crash."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from cmdesk.ui import theme
from cmdesk.ui.plain_words import details_tip, plain


def link(url: str, text: str) -> str:
    """A link the dialog's steps open in the system browser."""
    return f'<a href="{url}">{text}</a>'


def steps_html(steps: list[str]) -> str:
    """The numbered steps that walk the user through making their developer app."""
    items = "".join(f"<li>{step}</li>" for step in steps)
    return f'<ol style="margin-left: -20px">{items}</ol>'


class SignInDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Future[Any] | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)

    def _busy(self, busy: bool) -> None:
        """Enable or disable the dialog's fields and buttons while a task runs (each dialog says which)."""

    def _say(self, text: str, *, bad: bool = True) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(theme.text_style("bad") if bad else "")

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._busy(True)
        self._task = asyncio.ensure_future(self._guarded(work))

    async def _guarded(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except asyncio.CancelledError:
            self._say(QCoreApplication.translate("SignInDialog", "Stopped waiting for the browser."), bad=False)
        except TimeoutError:
            self._say(QCoreApplication.translate("SignInDialog", "Nobody signed in within 10 minutes; try again."))
        except Exception as error:  # noqa: BLE001 - every failure is shown, in one line, never a crash
            said = QCoreApplication.translate("SignInDialog", "Could not sign in: {reason}")
            self._say(said.format(reason=plain(str(error))))
            self.status.setToolTip(details_tip(str(error)))
        finally:
            self._busy(False)

    def reject(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()
