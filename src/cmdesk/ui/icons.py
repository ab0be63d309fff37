"""The window's icons: actions, views and networks, drawn from maintained icon fonts (Material Design Icons, Font
Awesome — the registry names each network's) and rendered to PNG by scripts/render-ui-icons, in a light-palette
and a dark-palette colour. Loading a few small PNGs costs the first screen nothing measurable; the icon fonts
themselves would have cost 150 ms of start-up."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from cmdesk import paths

ICONS = {
    "inbox": "mdi6.inbox",
    "compose": "mdi6.pencil",
    "calendar": "mdi6.calendar-month",
    "outbox": "mdi6.tray-arrow-up",
    "reports": "mdi6.chart-bar",
    "sources": "mdi6.rss-box",
    "sync": "mdi6.sync",
    "add-source": "mdi6.plus-circle-outline",
    "view-open": "mdi6.inbox-multiple",
    "view-to_answer": "mdi6.reply",
    "view-mine": "mdi6.account-check-outline",
    "view-unassigned": "mdi6.account-question-outline",
    "view-mentions": "mdi6.at",
    "view-messages": "mdi6.message-text",
    "view-comments": "mdi6.comment-text-multiple",
    "view-email": "mdi6.email",
    "view-monitoring": "mdi6.radar",
    "view-negative": "mdi6.emoticon-sad-outline",
    "view-overdue": "mdi6.clock-alert-outline",
    "view-to_moderate": "mdi6.shield-check-outline",
    "view-snoozed": "mdi6.alarm-snooze",
    "view-done": "mdi6.check-circle-outline",
    "view-label": "mdi6.label",
    "client": "mdi6.storefront-outline",
}
"""What each key is drawn with (qtawesome's names); network icons come from the registry."""
COLOURS = {"light": "#455a64", "dark": "#cfd8dc"}
"""The glyphs' colour on a light and on a dark palette."""
SIZES = (24, 48)


def dark_palette() -> bool:
    """Whether the application's palette is a dark one (its window colour is dark)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


@cache
def _icon(key: str, theme: str) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = paths.resource_path("ui-icons", f"{key}-{theme}-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def icon(key: str) -> QIcon:
    """The icon for `key` ("inbox", "view-to_answer", "network-mastodon"…) in the palette's colour; an empty icon
    for a key that has none (a network added later)."""
    return _icon(key, "dark" if dark_palette() else "light")
