"""The counts under a message in the thread: favourites and boosts cmdesk saw, and the network's own figures (a
video's views and likes), in the user's language and number format."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject


class MessageCounts(QObject):
    """Names the translation context of the counts ("MessageCounts")."""


def counts_line(counts: Mapping[str, int]) -> str:
    """ "★ 3 · ↻ 1 · 1,234 views · 56 likes" — only what is above zero; "" for nothing."""
    shown = []
    if counts.get("favourite"):
        shown.append(f"★ {counts['favourite']}")
    if counts.get("boost"):
        shown.append(f"↻ {counts['boost']}")
    if counts.get("view"):
        shown.append(MessageCounts.tr("%Ln view(s)", "", counts["view"]))
    if counts.get("like"):
        shown.append(MessageCounts.tr("%Ln like(s)", "", counts["like"]))
    if counts.get("comment"):
        shown.append(MessageCounts.tr("%Ln comment(s)", "", counts["comment"]))
    return " · ".join(shown)


__all__ = ["counts_line"]
