"""Typing is never taken for commands: the window's single-key shortcuts (e, s, u, l, c…) must not fire while the
user is typing or means to type. Inside a text field Qt already keeps the keys for the field; this guard covers the
rest — keys typed while the focus is elsewhere (after `r` on a conversation that cannot be answered, or a burst of
letters typed into the list). While it is armed, printable keys without Ctrl/Alt/Meta are eaten, not sent to a
shortcut, and `blocked` says why once per burst. Esc, a click, a pause or a navigation key ends it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

ARMED_FOR_S = 2.5
"""How long after the last eaten key the guard stays armed (someone pausing mid-sentence)."""
BURST_S = 0.15
"""Two letters this close together outside a text field are typing, not two commands (a typist's keys come 100 to
200 ms apart; a command is pressed after reading). Held keys (auto-repeat) and j/k, which move through the list, do
not count."""
MOVES = {Qt.Key.Key_J, Qt.Key.Key_K}
NAVIGATION = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Tab,
}
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


def _editing(widget: QObject | None) -> bool:
    if isinstance(widget, QLineEdit | QAbstractSpinBox | QComboBox):
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return bool(text) and text.isprintable() and not text.isspace() and not (event.modifiers() & COMMAND_MODIFIERS)


class TypingGuard(QObject):
    blocked = Signal(str)  # why the keys typed are not taken as commands

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._until = 0.0
        self._reason = ""
        self._told = False
        self._last_letter = 0.0
        self._overridden = ""
        self.burst_s = BURST_S

    @property
    def armed(self) -> bool:
        return time.monotonic() < self._until

    def arm(self, reason: str) -> None:
        """The user meant to type but there is nowhere to: what they type next is eaten, with `reason` said."""
        self._until = time.monotonic() + ARMED_FOR_S
        self._reason = reason
        self._told = False

    def disarm(self) -> None:
        self._until = 0.0

    def watch(self, app: QApplication, window: QWidget) -> None:
        """Listen to the keys of whichever widget has the focus (they go to it first), and to clicks that reach the
        window. Not an application-wide filter: Qt then called this Python method for every event of every widget
        (paints, timers, layouts), each call waiting for the interpreter's lock while a sync's writer thread held
        it, and the window's paints during a sync came late by that much more."""
        if self.parent() is None:
            self.setParent(window)  # it lives as long as the window it watches (a guard of no one's crashed PySide)
        window.installEventFilter(self)
        app.focusChanged.connect(self._focus_moved)
        self._focus_moved(None, app.focusWidget())

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and isValid(old):  # a widget being destroyed took its filters with it
            old.removeEventFilter(self)
        if new is not None and isValid(new):
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self.disarm()
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(event, QKeyEvent):
            return False
        if event.key() in NAVIGATION:
            if kind == QEvent.Type.KeyPress:
                self.disarm()
            return False
        focus = QApplication.focusWidget()
        if watched is not focus or not _printable(event) or _editing(focus):
            return False  # (a key goes on to the focus widget's parents too: it is judged once, at the focus)
        now = time.monotonic()
        if event.isAutoRepeat() or event.key() in MOVES:
            pass
        elif kind == QEvent.Type.KeyPress and self._overridden == event.text():
            self._overridden = ""  # the same key press, which came first as ShortcutOverride: counted then
        else:
            self._overridden = event.text() if kind == QEvent.Type.ShortcutOverride else ""
            if not self.armed and now - self._last_letter < self.burst_s:
                self.arm(self.tr("Typing here does nothing: click where you want to write."))
            self._last_letter = now
        if not self.armed:
            return False
        self._until = now + ARMED_FOR_S
        if not self._told:
            self._told = True
            self.blocked.emit(self._reason)
        event.accept()
        return True
