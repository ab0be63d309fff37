"""Comfortable rows for the window's trees and lists (the sidebar, sources, outbox, the composer's accounts): Qt's
default is the font's height and no more, which reads as a 2008 utility next to Front or Chatwoot."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

SPACE = 10
"""Pixels added to the font's height: 5 above and 5 below the text."""


class RoomyRows(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        hint.setHeight(max(hint.height(), option.fontMetrics.height() + SPACE))
        return hint


def roomy(view: QAbstractItemView) -> None:
    """Give `view` comfortable rows (its own delegate: for views that paint with Qt's)."""
    view.setItemDelegate(RoomyRows(view))
