"""DayPostsListModel: the posts planned on one day of the calendar, in time order, as a Qt model (the calendar reads
the month's posts once through the Reader and hands each day's to this model)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cmdesk.domain.reads import CalendarPost

EntryIdRole = Qt.ItemDataRole.UserRole + 60
"""The outbox entry's id of the post on a row."""


class DayPostsListModel(QAbstractListModel):
    def __init__(self, describe: Callable[[CalendarPost], str], parent: Any = None) -> None:
        """`describe` writes a post's line (its state mark, time, client, account and text)."""
        super().__init__(parent)
        self._describe = describe
        self._posts: list[CalendarPost] = []

    def show(self, posts: Sequence[CalendarPost], day: date) -> None:
        """The posts of `day` among `posts` (those read for the calendar's month or week)."""
        self.beginResetModel()
        self._posts = sorted((p for p in posts if p.when.astimezone().date() == day), key=lambda p: p.when)
        self.endResetModel()

    def post(self, row: int) -> CalendarPost | None:
        return self._posts[row] if 0 <= row < len(self._posts) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._posts)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        post = self.post(index.row()) if index.isValid() else None
        if post is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._describe(post)
        if role == Qt.ItemDataRole.ToolTipRole:
            return post.entry.last_error or None
        if role == EntryIdRole:
            return post.entry.id
        return None
