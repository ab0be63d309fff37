"""ConversationListModel: the inbox list as a Qt model over keyset-paged queries, fetched lazily with fetchMore."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cmdesk.storage import queries
from cmdesk.storage.database import Database

ConversationRole = Qt.ItemDataRole.UserRole
"""The ConversationRow behind a row."""

PAGE_SIZE = 200


class ConversationListModel(QAbstractListModel):
    def __init__(self, database: Database, view: queries.ConversationFilter | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._view = view or queries.ConversationFilter()
        self._rows: list[queries.ConversationRow] = []
        self._exhausted = False

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = row.last_activity_at.astimezone().strftime("%d/%m %H:%M")
            return f"{when}  {row.account_name} — {row.title or row.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.snippet
        if role == ConversationRole:
            return row
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted:
            return
        after = self._rows[-1].key if self._rows else None
        with self._database.read() as connection:
            page = queries.conversation_page(connection, self._view, after=after, limit=PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
