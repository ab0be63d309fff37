"""Paints one inbox row: network badge, author (bold when unread), time, subject or snippet (matches in bold in
search results), account, status, answered (the newest message is the user's), a reply draft and labels."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from cmdesk.domain.reads import Conversation
from cmdesk.models.conversation_list_model import MARK, ConversationRole, SnippetRole
from cmdesk.models.time_text import late_text, local_time, relative_time
from cmdesk.ui import avatars, style, theme
from cmdesk.ui.kept_pictures import KeptPictures, drawn

PADDING = 8
BADGE = 36
MIN_KEPT_ROWS = 24
AHEAD_SLICE_S = 0.006
"""Painting ahead yields to the event loop after this long (a row or a few)."""
KEPT_CHIPS = 256
"""Footer chips kept as pictures (status, labels, "Answered"…: the same few on most rows)."""


DRAFT_COLOUR = "#c62828"
NEGATIVE_COLOUR = "#b71c1c"
MONITOR_COLOUR = "#5e35b1"
OVERDUE_COLOUR = "#e65100"
MANAGEMENT_COLOUR = "#1b4f72"
ASSIGNED_COLOUR = "#00695c"
PRESENT_COLOUR = "#6a1b9a"
"""A teammate has this conversation open, or is writing in it, now."""
"""A conversation a teammate (or you) took: who has it, before anything else but its status."""
HELD_COLOUR = "#8e44ad"
ANSWERED_COLOUR = "#00796b"


def status_text(row: Conversation) -> str:
    """The status chip's words; a snoozed conversation says until when."""
    if row.status == "snoozed" and row.snoozed_until is not None:
        until = local_time(row.snoozed_until)
        return QCoreApplication.translate("ConversationDelegate", "Snoozed until {when}").format(when=until)
    return style.status_name(row.status)


@dataclass(frozen=True, slots=True)
class RowNow:
    """What a row shows besides its conversation, as of now: its relative time, how late an answer is, whether a
    draft waits, which teammates are in it."""

    when: str
    late: str | None
    draft: bool
    present: tuple[str, ...]


class ConversationDelegate(QStyledItemDelegate):
    has_draft: Callable[[int], bool] = staticmethod(lambda _conversation_id: False)
    present: Callable[[Conversation], list[str]] = staticmethod(lambda _row: [])
    """Chips for the teammates whose window shows this conversation now (team mode)."""
    """Whether a conversation has an unsent reply draft (the window sets it): its row says "✎ Draft"."""

    @staticmethod
    def row_height(font: QFont) -> int:
        return PADDING * 2 + QFontMetrics(font).height() * 3 + 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(200, self.row_height(option.font))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._painted = KeptPictures(MIN_KEPT_ROWS)
        self._chips = KeptPictures(KEPT_CHIPS)
        self._ahead = 0
        """The latest `paint_ahead`: an earlier one still under way stops."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The row as painted last time it looked the same (a picture kept per row), else painted now and kept.
        While a sync writes, the list is painted again after each reload with mostly the same rows: each row's
        dozens of calls between Python and Qt, every one waiting for the interpreter's lock behind the sync's
        writer thread, made the list's paint the window's longest wait (bench/ui.py, stalls of 50–120 ms)."""
        row: Conversation | None = index.data(ConversationRole)
        if row is None:
            return super().paint(painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ratio = painter.device().devicePixelRatioF()
        picture = self._picture(option, row, index.data(SnippetRole), selected, ratio)
        painter.drawPixmap(option.rect.topLeft(), picture)

    def _picture(
        self, option: QStyleOptionViewItem, row: Conversation, snippet: str | None, selected: bool, ratio: float
    ) -> QPixmap:
        """The row's picture at `option`'s size, kept or painted now (and kept)."""
        now = self.now_shown(row)
        size = option.rect.size()
        key = (
            row,
            snippet,
            selected,
            now,
            size.width(),
            size.height(),
            ratio,
            option.palette.cacheKey(),
            option.palette.currentColorGroup(),  # not part of the palette's cache key
            option.font.key(),
        )
        picture = self._painted.get(key)
        if picture is not None:
            return picture

        def draw(painter: QPainter) -> None:
            here = QStyleOptionViewItem(option)
            here.rect = QRect(0, 0, size.width(), size.height())
            self._paint_row(painter, here, row, snippet, selected, now)

        base = option.palette.color(QPalette.ColorRole.Base)
        return self._painted.keep(key, drawn(size.width(), size.height(), ratio, base, draw), self._kept_rows(option))

    def paint_ahead(
        self, view: QTableView, rows: list[Conversation], selected_id: int | None, then: Callable[[], None]
    ) -> None:
        """Paint `rows` (the list's first rows after a reload that has not happened yet) into their pictures a few
        at a time, a turn of the event loop each, then call `then` (the reload): the list then draws them from
        their pictures. A sync's reload brought a screen of new rows at once, ~25 ms of painting in one turn on a
        busy laptop. A later call replaces an unfinished one (its `then` is the later one's)."""
        self._ahead += 1
        generation = self._ahead
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)  # as QTableView paints an enabled cell
        option.rect = QRect(0, 0, view.columnWidth(0), view.verticalHeader().defaultSectionSize())
        ratio = view.viewport().devicePixelRatioF()
        waiting = list(rows)

        def some() -> None:
            if generation != self._ahead:
                return
            started = time.monotonic()
            while waiting and time.monotonic() - started < AHEAD_SLICE_S:
                row = waiting.pop(0)
                self._picture(option, row, None, row.id == selected_id, ratio)
            # The view as context: nothing runs once the list (and the window with it) is gone.
            QTimer.singleShot(0, view, some if waiting else then)  # the reload in a turn of its own too

        some()

    def _chip(self, text: str, colour: str, height: int, font: QFont, ratio: float) -> QPixmap:
        """A footer chip's picture: white words on a rounded colour, kept (the same few chips recur on every row)."""
        key = (text, colour, height, font.key(), ratio)
        picture = self._chips.get(key)
        if picture is not None:
            return picture
        chip = QRect(0, 0, QFontMetrics(font).horizontalAdvance(text) + 12, height)

        def draw(painter: QPainter) -> None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)

        return self._chips.keep(key, drawn(chip.width(), height, ratio, Qt.GlobalColor.transparent, draw))

    def _kept_rows(self, option: QStyleOptionViewItem) -> int:
        """Two screens of rows: what a reload shifts down stays painted, and a few MB at most."""
        height = option.widget.height() if option.widget is not None else 0
        return max(MIN_KEPT_ROWS, 2 * (height // max(1, option.rect.height()) + 1))

    def now_shown(self, row: Conversation) -> RowNow:
        """What a row shows that is not in its conversation: worked out once, for the picture's key and its paint."""
        late = row.late_by(datetime.now(UTC))
        return RowNow(
            relative_time(row.last_activity_at),
            late_text(late) if late is not None else None,
            self.has_draft(row.id),
            tuple(self.present(row)),
        )

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        row: Conversation,
        snippet: str | None,
        selected: bool,
        now: RowNow,
    ) -> None:
        painter.save()
        palette = option.palette
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        elif row.unread:
            painter.fillRect(option.rect, QColor(21, 101, 192, 14))
        tone = style.sentiment_tone(row.sentiment)
        if tone:
            # What waits in it, as a stripe down the row's left edge: red for a complaint, green for praise.
            painter.fillRect(option.rect.adjusted(0, 0, -(option.rect.width() - 4), 0), QColor(theme.colours()[tone]))
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim_colour = QColor(text_colour)
        dim_colour.setAlpha(160)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.height()

        badge = QRect(rect.left(), rect.top() + 2, BADGE, BADGE)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        avatars.paint_kept(painter, badge, row.name or row.account_name, row.network, ring, option.font)
        if row.unread:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.UNREAD)
            painter.drawEllipse(QRect(badge.left() - 3, badge.top() - 3, 10, 10))

        left = badge.right() + PADDING
        width = rect.right() - left
        when = now.when
        time_width = metrics.horizontalAdvance(when) + 4
        author_font = QFont(option.font)
        author_font.setBold(row.unread)
        painter.setFont(author_font)
        painter.setPen(text_colour)
        author = row.name or style.kind_name(row.kind)
        if row.message_count > 1:
            author += f"  ({row.message_count})"
        author_metrics = QFontMetrics(author_font)
        painter.drawText(
            QRect(left, rect.top(), width - time_width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            author_metrics.elidedText(author, Qt.TextElideMode.ElideRight, width - time_width),
        )
        painter.setFont(option.font)
        painter.setPen(dim_colour)
        painter.drawText(
            QRect(rect.right() - time_width, rect.top(), time_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            when,
        )

        painter.setPen(text_colour)
        subject_rect = QRect(left, rect.top() + line + 2, width, line)
        if snippet:
            self._draw_marked(painter, subject_rect, snippet, option.font)
        else:
            subject = row.title or row.snippet
            if row.title and row.snippet and row.snippet != row.title:
                subject = f"{row.title} — {row.snippet}"
            painter.drawText(
                subject_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(subject, Qt.TextElideMode.ElideRight, width),
            )

        footer = QRect(left, rect.top() + 2 * line + 4, width, line)
        self._draw_footer(painter, footer, row, option.font, dim_colour, now)
        painter.restore()

    def _draw_marked(self, painter: QPainter, rect: QRect, snippet: str, font: QFont) -> None:
        """Draw a snippet whose matches are wrapped in MARK, the matches bold, eliding at the right edge."""
        bold = QFont(font)
        bold.setBold(True)
        x = rect.left()
        parts = snippet.replace(MARK[1], MARK[0]).split(MARK[0])
        for number, part in enumerate(parts):
            current = bold if number % 2 else font
            metrics = QFontMetrics(current)
            room = rect.right() - x
            if room <= metrics.horizontalAdvance("…"):
                break
            shown = metrics.elidedText(part, Qt.TextElideMode.ElideRight, room)
            painter.setFont(current)
            painter.drawText(QRect(x, rect.top(), room, rect.height()), Qt.AlignmentFlag.AlignVCenter, shown)
            x += metrics.horizontalAdvance(shown)
        painter.setFont(font)

    def _draw_footer(
        self, painter: QPainter, rect: QRect, row: Conversation, font: QFont, dim: QColor, now: RowNow
    ) -> None:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        painter.setFont(small)
        metrics = QFontMetrics(small)
        x = rect.left()
        chips = [(status_text(row), style.STATUS_COLOURS.get(row.status, "#757575"))]
        if row.answered:
            chips.append(("↩ " + QCoreApplication.translate("ConversationDelegate", "Answered"), ANSWERED_COLOUR))
        if now.draft:
            chips.append(("✎ " + QCoreApplication.translate("ConversationDelegate", "Draft"), DRAFT_COLOUR))
        if row.sentiment == "negative":
            chips.insert(1, ("☹ " + style.sentiment_name("negative"), NEGATIVE_COLOUR))
        if row.monitor:
            chips.append(("🔎 " + row.monitor, MONITOR_COLOUR))
        if row.held:
            waiting = QCoreApplication.translate("ConversationDelegate", "To moderate")
            chips.insert(1, (f"⏳ {waiting} ({row.held})", HELD_COLOUR))
        if row.management_note is not None:
            chips.append(("📋 " + QCoreApplication.translate("ConversationDelegate", "Management"), MANAGEMENT_COLOUR))
        if row.assignee:
            chips.insert(1, ("👤 " + row.assignee, ASSIGNED_COLOUR))
        chips[1:1] = [(text, PRESENT_COLOUR) for text in now.present]
        if now.late is not None:
            chips.insert(1, ("⏱ " + now.late, OVERDUE_COLOUR))
        chips += list(zip(row.labels, row.label_colours or ("#455a64",) * len(row.labels), strict=True))
        for text, colour in chips:
            picture = self._chip(text, colour, rect.height() - 2, small, painter.device().devicePixelRatioF())
            chip_width = round(picture.width() / picture.devicePixelRatio())
            if x + chip_width > rect.right():
                break
            painter.drawPixmap(x, rect.top() + 1, picture)
            x += chip_width + 6
        painter.setPen(dim)
        source = f"{style.kind_name(row.kind)} · {row.account_name}"
        painter.drawText(
            QRect(x, rect.top(), rect.right() - x, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(source, Qt.TextElideMode.ElideRight, max(0, rect.right() - x)),
        )
