"""Colours and small drawing helpers shared by widgets: network badges (from the connector registry, through
services/networks.py), status chips."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from cmdesk.services import networks

STATUS_COLOURS = {"open": "#2e7d32", "pending": "#f9a825", "snoozed": "#6d4c41", "done": "#757575"}
UNREAD = QColor("#1565c0")


def network_name(network: str) -> str:
    """The network's name in the user's language (the registry's English name, translated)."""
    return QCoreApplication.translate("Network", networks.display_name(network))


def network_colour(network: str) -> QColor:
    return QColor(networks.badge(network)[0])


def network_letter(network: str) -> str:
    return networks.badge(network)[1]


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


def why_not_reply(network: str) -> str:
    """Why the reply box is disabled for a conversation of this network ('' when replying works), translated."""
    reason = networks.why_not_reply(network)
    return QCoreApplication.translate("Reply", reason) if reason else ""


def demo_note() -> str:
    """What the thread says above a demo conversation's reply box, translated."""
    return QCoreApplication.translate("Reply", networks.DEMO_NOTE)
