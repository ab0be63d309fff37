"""Colours and small drawing helpers shared by widgets: network badges (from the connector registry, through
services/networks.py), status chips."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from cmdesk.services import networks

STATUS_COLOURS = {"open": "#2e7d32", "pending": "#f9a825", "snoozed": "#6d4c41", "done": "#757575"}
UNREAD = QColor("#1565c0")


def network_name(network: str) -> str:
    """The network's name in the user's language (the registry's English name, translated)."""
    return QCoreApplication.translate("Network", networks.display_name(network))


def network_colour(network: str) -> QColor:
    return QColor(networks.badge(network)[0])


PERSON_COLOURS = ("#5c6bc0", "#26a69a", "#ef6c00", "#8e24aa", "#00897b", "#d81b60", "#6d4c41", "#3949ab", "#7cb342")
"""Avatar backgrounds: each person always gets the same one (white initials stay readable on all)."""


def person_colour(name: str) -> QColor:
    """The avatar colour of a person, derived from their name (stable across runs: not Python's salted hash)."""
    total = sum((index + 1) * ord(char) for index, char in enumerate(name.casefold()))
    return QColor(PERSON_COLOURS[total % len(PERSON_COLOURS)])


def initials(name: str) -> str:
    """One or two letters for an avatar: "Inès B." → "IB", "@croissant_lover" → "C", "" → "?"."""
    words = [word.strip("@#/_.-") for word in name.replace("/u/", " ").split()]
    words = [word for word in words if word and word[0].isalpha()] or [w for w in words if w and w[0].isalnum()]
    if not words:
        return "?"
    capitalised = [word for word in words[1:] if word[0].isupper()]
    last = (capitalised or words[1:] or [""])[-1][:1]
    return (words[0][0] + last).upper()


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


def sentiment_name(sentiment: str) -> str:
    """ "negative", "neutral", "positive" in the user's language."""
    names = {
        "negative": QT_TRANSLATE_NOOP("Sentiment", "Negative"),
        "neutral": QT_TRANSLATE_NOOP("Sentiment", "Neutral"),
        "positive": QT_TRANSLATE_NOOP("Sentiment", "Positive"),
    }
    return QCoreApplication.translate("Sentiment", names[sentiment]) if sentiment in names else ""


def sentiment_tone(sentiment: str) -> str:
    """The theme.colours() tone a sentiment is shown in ("" for neutral: no mark)."""
    return {"negative": "bad", "positive": "good"}.get(sentiment, "")
