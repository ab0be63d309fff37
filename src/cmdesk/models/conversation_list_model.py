"""ConversationListModel: the inbox list as a Qt model over a view's conversations, read in blocks on demand.

The model knows the view's row count up front and loads only the blocks the list actually shows, so scrolling to
the bottom of 400,000 conversations reads one block from the oldest end instead of fetching every row on the way
(bench/ui.py). Neighbouring blocks are read by keyset from an already loaded neighbour; far jumps use an offset
from the nearer end. In search mode the rows are the conversations of the best full-text hits.

A view can also be shown before it is counted (`set_view(view, count_soon=…)`, what the window does while it
starts): the first block is read at once and the rows beyond it are added when the count, made elsewhere (the
window's reading thread), comes back — counting "All open" on a million messages takes 20–60 ms the first screen
does not wait for.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from cmdesk.domain.reader import Reader, ReadError
from cmdesk.domain.reads import Conversation, ConversationFilter

ConversationRole = Qt.ItemDataRole.UserRole
"""The Conversation behind a row."""
SnippetRole = Qt.ItemDataRole.UserRole + 1
"""In search mode, the matching text with matches wrapped in MARK; else None."""
ConversationIdRole = Qt.ItemDataRole.UserRole + 2

BLOCK = 100
CACHED_BLOCKS = 64
SEARCH_LIMIT = 200
LOCATE_WITHIN = 1000
MARK = ("\x02", "\x03")
"""Match markers used internally; the delegate turns them into bold runs."""

CountSoon = Callable[[ConversationFilter, Callable[[int], None]], None]
"""Counts a view somewhere else and calls back with the number (on the model's thread)."""


class ConversationListModel(QAbstractListModel):
    readFailed = Signal(str)  # noqa: N815 - Qt naming; the view or search could not be read (the list is empty)

    def __init__(
        self,
        reader: Reader,
        view: ConversationFilter | None = None,
        parent: Any = None,
        *,
        load: bool = True,
    ) -> None:
        """`load=False` leaves the model empty until `set_view` (the window chooses its view right after)."""
        super().__init__(parent)
        self._reader = reader
        self._view = view or ConversationFilter()
        self._count = 0
        self._blocks: OrderedDict[int, list[Conversation]] = OrderedDict()
        self._search_rows: list[Conversation] | None = None
        self._snippets: dict[int, str] = {}
        self._search = ""
        self._generation = 0
        if load:
            self.reload()

    @property
    def view(self) -> ConversationFilter:
        return self._view

    @property
    def search_text(self) -> str:
        return self._search

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def row(self, number: int) -> Conversation | None:
        if not 0 <= number < self._count:
            return None
        if self._search_rows is not None:
            return self._search_rows[number]
        block = self._block(number // BLOCK)
        offset = number % BLOCK
        return block[offset] if offset < len(block) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
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

    def _block(self, number: int) -> list[Conversation]:
        cached = self._blocks.get(number)
        if cached is not None:
            self._blocks.move_to_end(number)
            return cached
        rows = self._read_block(number)
        self._blocks[number] = rows
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return rows

    def _read_block(self, number: int) -> list[Conversation]:
        start = number * BLOCK
        size = min(BLOCK, self._count - start)
        previous, following = self._blocks.get(number - 1), self._blocks.get(number + 1)
        if previous and len(previous) == BLOCK:
            return self._reader.conversation_page(self._view, after=previous[-1].key, limit=size)
        if following:
            return self._reader.conversation_page(self._view, before=following[0].key, limit=size)
        from_end = self._count - (start + size)
        if from_end < start:
            return self._reader.conversation_page(self._view, offset=from_end, from_end=True, limit=size)
        return self._reader.conversation_page(self._view, offset=start, limit=size)

    def set_view(self, view: ConversationFilter, *, count_soon: CountSoon | None = None) -> None:
        """Show `view`; with `count_soon`, its first block now and the rest of its rows once counted."""
        self._view = view
        self._search = ""
        self.reload(count_soon=count_soon)

    def set_search(self, text: str) -> None:
        """Show the conversations whose messages match `text`, best match first ('' returns to the view)."""
        self._search = text.strip()
        self.reload()

    def reload(self, *, count_soon: CountSoon | None = None) -> None:
        self.beginResetModel()
        self._forget()
        try:
            first_block = self._read_first(count_soon)
        except ReadError as error:
            # A damaged page or a locked file: an empty list and the reason, not a model left half reset.
            self._blocks.clear()
            self._snippets = {}
            self._search_rows = None
            self._count = 0
            self.endResetModel()
            self.readFailed.emit(str(error))
            return
        self.endResetModel()
        if count_soon is not None and len(first_block) == BLOCK:
            generation = self._generation
            count_soon(self._view, lambda total: self._counted(generation, total))

    def show_read(self, view: ConversationFilter, first_block: list[Conversation], count: int) -> bool:
        """Show the view's first block and count as read elsewhere, in one state of the database (the window's
        reading thread, after a sync), instead of reading them again: the rows painted ahead are then exactly the
        rows shown, though the sync has written more since. False, and nothing changed, when the model shows
        something else by now (another view, a search)."""
        if view != self._view or self._search:
            return False
        self.beginResetModel()
        self._forget()
        self._blocks[0] = first_block
        self._count = max(count, len(first_block))
        self.endResetModel()
        return True

    def _forget(self) -> None:
        """Every row read so far, dropped (a later answer of an earlier reading is then ignored)."""
        self._generation += 1
        self._blocks.clear()
        self._snippets = {}
        self._search_rows = None

    def _read_first(self, count_soon: CountSoon | None) -> list[Conversation]:
        """The search hits, or the view's first block (and count), into the model's state; the first block."""
        first_block: list[Conversation] = []
        with self._reader.consistent():
            if self._search:
                hits = self._reader.search(self._search, limit=SEARCH_LIMIT, mark=MARK)
                order: list[int] = []
                for hit in hits:
                    if hit.conversation_id not in self._snippets:
                        order.append(hit.conversation_id)
                        self._snippets[hit.conversation_id] = hit.snippet
                found = {row.id: row for row in self._reader.conversations_by_ids(order)}
                self._search_rows = [found[key] for key in order if key in found]
                self._count = len(self._search_rows)
            elif count_soon is not None:
                first_block = self._reader.conversation_page(self._view, limit=BLOCK)
                self._blocks[0] = first_block
                self._count = len(first_block)
            else:
                self._count = self._reader.count(self._view)
        return first_block

    def _counted(self, generation: int, total: int) -> None:
        """The view's count came back: the rows beyond the first block appear (unless the view changed since)."""
        if generation != self._generation or total <= self._count:
            return
        self.beginInsertRows(QModelIndex(), self._count, total - 1)
        self._count = total
        self.endInsertRows()

    def row_of(self, conversation_id: int) -> int:
        """The row of a conversation among those loaded so far, or -1."""
        if self._search_rows is not None:
            return next((n for n, row in enumerate(self._search_rows) if row.id == conversation_id), -1)
        for number, block in self._blocks.items():
            for offset, row in enumerate(block):
                if row.id == conversation_id:
                    return number * BLOCK + offset
        return -1

    def locate(self, row: Conversation, within: int = LOCATE_WITHIN) -> int:
        """The row number of a conversation that may not be loaded yet, if it is among the first `within` rows
        (one count query, one block read), else -1: reading a block deep in a large view costs tens of ms."""
        known = self.row_of(row.id)
        if known >= 0 or self._search_rows is not None:
            return known
        number = self._reader.position(self._view, row.key, up_to=within)
        if number >= min(self._count, within):
            return -1
        self.row(number)
        return self.row_of(row.id)

    def refresh_rows(self, ids: list[int]) -> None:
        """Re-read some rows after triage (read state, labels) without moving anything."""
        fresh = {row.id: row for row in self._reader.conversations_by_ids(ids)}
        if self._search_rows is not None:
            self._search_rows = [fresh.get(row.id, row) for row in self._search_rows]
        for block in self._blocks.values():
            for offset, row in enumerate(block):
                if row.id in fresh:
                    block[offset] = fresh[row.id]
        for key in fresh:
            number = self.row_of(key)
            if number >= 0:
                self.dataChanged.emit(self.index(number), self.index(number))
