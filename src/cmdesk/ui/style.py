"""Colours and small drawing helpers shared by widgets: network badges, status chips."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

NETWORK_COLOURS = {"feed": "#ef6c00", "mastodon": "#6364ff", "email": "#1e88e5"}
NETWORK_LETTERS = {"feed": "F", "mastodon": "M", "email": "@"}
STATUS_COLOURS = {"open": "#2e7d32", "pending": "#f9a825", "snoozed": "#6d4c41", "done": "#757575"}
UNREAD = QColor("#1565c0")


def network_name(network: str) -> str:
    names = {
        "feed": QCoreApplication.translate("Network", "Feed"),
        "mastodon": QCoreApplication.translate("Network", "Mastodon"),
        "email": QCoreApplication.translate("Network", "E-mail"),
    }
    return names.get(network, network)


def kind_name(kind: str) -> str:
    names = {
        "feed": QCoreApplication.translate("Kind", "Post"),
        "mention": QCoreApplication.translate("Kind", "Mention"),
        "message": QCoreApplication.translate("Kind", "Direct message"),
        "comment": QCoreApplication.translate("Kind", "Comments"),
        "email": QCoreApplication.translate("Kind", "E-mail"),
    }
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        "open": QCoreApplication.translate("Status", "Open"),
        "pending": QCoreApplication.translate("Status", "Pending"),
        "snoozed": QCoreApplication.translate("Status", "Snoozed"),
        "done": QCoreApplication.translate("Status", "Done"),
    }
    return names.get(status, status)
