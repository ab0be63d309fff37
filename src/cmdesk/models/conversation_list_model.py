"""ConversationListModel: the inbox list as a Qt model over keyset-paged queries, fetched lazily with fetchMore,
or over full-text search hits (search mode). Each row's data is a ConversationRow."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cmdesk.storage import fts, queries
from cmdesk.storage.database import Database

ConversationRole = Qt.ItemDataRole.UserRole
"""The ConversationRow behind a row."""
SnippetRole = Qt.ItemDataRole.UserRole + 1
"""In search mode, the matching text with matches wrapped in <b>…</b> (HTML-escaped otherwise); else None."""
ConversationIdRole = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
SEARCH_LIMIT = 200
MARK = ("\x02", "\x03")
"""Match markers used internally; the delegate turns them into bold runs."""


class ConversationListModel(QAbstractListModel):
    def __init__(self, database: Database, view: queries.ConversationFilter | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._view = view or queries.ConversationFilter()
        self._rows: list[queries.ConversationRow] = []
        self._snippets: dict[int, str] = {}
        self._exhausted = False
        self._search = ""

    @property
    def view(self) -> queries.ConversationFilter:
        return self._view

    @property
    def search_text(self) -> str:
        return self._search

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title or row.snippet
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.snippet
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.last_author}: {row.title or row.snippet}"
        if role == ConversationRole:
            return row
        if role == ConversationIdRole:
            return row.id
        if role == SnippetRole:
            return self._snippets.get(row.id)
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted:
            return
        if self._search:
            self._exhausted = True
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

    def set_view(self, view: queries.ConversationFilter) -> None:
        self._view = view
        self._search = ""
        self.reload()

    def set_search(self, text: str) -> None:
        """Show the conversations whose messages match `text`, best match first ('' returns to the view)."""
        self._search = text.strip()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._snippets = {}
        self._exhausted = False
        if self._search:
            with self._database.read() as connection:
                hits = fts.search(connection, self._search, limit=SEARCH_LIMIT, mark=MARK)
                order: list[int] = []
                for hit in hits:
                    if hit.conversation_id not in self._snippets:
                        order.append(hit.conversation_id)
                        self._snippets[hit.conversation_id] = hit.snippet
                rows = {row.id: row for row in queries.conversations_by_ids(connection, order)}
            self._rows = [rows[key] for key in order if key in rows]
            self._exhausted = True
        self.endResetModel()
        if not self._search:
            self.fetchMore()

    def row_of(self, conversation_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.id == conversation_id:
                return number
        return -1

    def refresh_rows(self, ids: list[int]) -> None:
        """Re-read some rows after triage (status, read, labels changed) without losing the scroll position."""
        with self._database.read() as connection:
            fresh = {row.id: row for row in queries.conversations_by_ids(connection, ids)}
        for number, row in enumerate(self._rows):
            if row.id in fresh:
                self._rows[number] = fresh[row.id]
                self.dataChanged.emit(self.index(number), self.index(number))
