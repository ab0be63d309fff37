"""cmdesk in the system tray: its icon with the number of unread conversations, quick actions (open, sync now,
quit), and desktop notifications for what the user asked to hear about (new direct messages and mentions by
default, per view in Preferences). Where the desktop has no tray, nothing of this shows and nothing breaks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from cmdesk.domain.reads import Conversation
from cmdesk.ui import style

NOTIFIABLE = ("message", "mention", "comment", "email", "feed")
NOTIFIED_BY_DEFAULT = ("message", "mention")


def badged(icon: QIcon, count: int, size: int = 64) -> QIcon:
    """The app icon with a red badge carrying the count (99+ above 99)."""
    picture = icon.pixmap(size, size)
    if count <= 0 or picture.isNull():
        return icon
    badge = QPixmap(picture)
    painter = QPainter(badge)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    diameter = size * 0.55
    area = QRect(int(size - diameter), 0, int(diameter), int(diameter))
    painter.setBrush(QColor("#d32f2f"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(area)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(diameter * (0.55 if count < 10 else 0.42)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "99+" if count > 99 else str(count))
    painter.end()
    return QIcon(badge)


class DeskTray(QObject):
    def __init__(
        self,
        icon: QIcon,
        window: QWidget,
        sync_now: Callable[[], None],
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._icon = icon
        self._window = window
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = QSystemTrayIcon(icon, self)
        self.menu = QMenu(window)
        self.menu.addAction(self.tr("Open cmdesk")).triggered.connect(self.show_window)
        self.menu.addAction(self.tr("Sync now")).triggered.connect(lambda _c=False: sync_now())
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Quit")).triggered.connect(lambda _c=False: quit_app())
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self.tray.messageClicked.connect(self.show_window)
        self.unread = 0
        self.set_unread(0)
        if self.available:
            self.tray.show()

    def set_unread(self, count: int) -> None:
        self.unread = count
        self.tray.setIcon(badged(self._icon, count))
        self.tray.setToolTip(
            self.tr("cmdesk — {n} unread").format(n="99+" if count > 99 else count)
            if count
            else self.tr("cmdesk — nothing unread")
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window()

    def show_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def notify_text(self, title: str, text: str) -> str:
        """A desktop notification (where the desktop shows them); returns what it said."""
        if self.available and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, self._icon, 10000)
        return f"{title}\n{text}"

    def notify_new(self, rows: Sequence[Conversation]) -> str:
        """One notification for what arrived; returns its text ('' when there was nothing to say)."""
        if not rows:
            return ""
        if len(rows) == 1:
            row = rows[0]
            title = f"{row.last_author or row.title} · {style.kind_name(row.kind)}"
            text = row.snippet[:200]
        else:
            title = self.tr("cmdesk: %Ln new conversation(s)", "", len(rows))
            text = "\n".join(f"{row.last_author or row.title}: {row.snippet[:60]}" for row in rows[:4])
        if self.available and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, self._icon, 8000)
        return f"{title}\n{text}"
