"""The calendar: posts planned and published, by month or by week, as chips coloured by client with their
network's letter and state. Drag a scheduled chip to another day to move it (same time of day; Ctrl+Z undoes);
click a chip to edit its text or time; a day's list beside the grid; past days show what went out or failed."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QDropEvent, QKeySequence, QMouseEvent, QResizeEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.reads import CalendarPost, OutboxState
from cmdesk.models.day_posts_model import DayPostsListModel
from cmdesk.models.outbox_table_model import host_of, state_text
from cmdesk.models.time_text import clock, edit_format, week_start
from cmdesk.services import outbox_actions
from cmdesk.ui import style, theme
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.rows import roomy

MIME = "application/x-cmdesk-posts"
CLIENT_COLOURS = ("#6a1b9a", "#00838f", "#ef6c00", "#2e7d32", "#c62828", "#283593", "#6d4c41", "#ad1457")
STATE_MARKS = {
    OutboxState.SCHEDULED: "⏱",
    OutboxState.SENDING: "…",
    OutboxState.SENT: "✓",
    OutboxState.FAILED: "✗",
    OutboxState.NEEDS_CHECK: "?",
    OutboxState.DRAFT: "✎",
}
MAX_CHIPS = 4
WEEK_HOURS = range(6, 23)
"""The hours of the week's time grid (a post earlier or later sits in the first or the last)."""
SLOT_PX = 26


def dropped_ids(event: QDropEvent) -> list[int]:
    """The outbox entries a chip being dropped carries (MIME: their ids, comma-separated)."""
    return [int(value) for value in bytes(event.mimeData().data(MIME)).decode().split(",") if value]


def client_colour(client_id: int) -> str:
    return CLIENT_COLOURS[client_id % len(CLIENT_COLOURS)]


def group_key(post: CalendarPost) -> str:
    return (post.entry.post.group if post.entry.post else "") or f"entry-{post.entry.id}"


class Chip(QLabel):
    """One publication (all its accounts) on one day; drag it to move it, click it to edit it."""

    clicked = Signal(list)  # noqa: N815 - the posts of this publication

    def __init__(self, posts: list[CalendarPost], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.posts = posts
        first = posts[0]
        networks = "".join(sorted({style.network_letter(p.network) for p in posts}))
        state = STATE_MARKS.get(first.entry.state, "")
        text = first.entry.text.replace("\n", " ")
        self.full_text = f"{state} {clock(first.when)} {networks} {text}"
        self.setText(self.full_text)
        waits = ", ".join(dict.fromkeys(state_text(p.entry, host_of(p.account_address)) for p in posts))
        self.setToolTip(
            f"<b>{html.escape(first.client_name)}</b> · {html.escape(', '.join(p.account_name for p in posts))}"
            f"<br>{html.escape(text[:280])}"
            f"<br>{html.escape(waits)}"
            + (f"<br><i>{html.escape(first.entry.last_error)}</i>" if first.entry.last_error else "")
        )
        colour = QColor(client_colour(first.client_id))
        tint = f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {0.12 if first.movable else 0.28})"
        problem = first.entry.state in (OutboxState.FAILED, OutboxState.NEEDS_CHECK)
        border = theme.colours()["bad"] if problem else colour.name()
        self.setStyleSheet(
            f"QLabel {{ background: {tint}; border-left: 4px solid {border}; border-radius: 3px; padding: 1px 4px;"
            f" color: {theme.colours()['bad' if problem else 'text']}; }}"
        )
        # The grid's columns stay equal whatever the text: the chip is cut at the cell's edge (the tooltip has all).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(20)
        self._pressed: QPoint | None = None

    @property
    def movable(self) -> bool:
        return all(post.movable for post in self.posts)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Cut with an ellipsis at the cell's edge (the tooltip has the whole text)."""
        super().resizeEvent(event)
        room = max(0, self.contentsRect().width() - 2)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._pressed = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pressed is None or not self.movable:
            return
        if (event.position().toPoint() - self._pressed).manhattanLength() < 6:
            return
        self._pressed = None
        drag = QDrag(self)
        data = QMimeData()
        data.setData(MIME, ",".join(str(p.entry.id) for p in self.posts).encode())
        drag.setMimeData(data)
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pressed is not None:
            self.clicked.emit(self.posts)
        self._pressed = None


class DayCell(QFrame):
    """A day of the grid: its number and its chips; scheduled chips can be dropped here."""

    dropped = Signal(list, object)  # noqa: N815 - entry ids, the day
    chosen = Signal(object)  # noqa: N815 - the day

    composeRequested = Signal(object)  # noqa: N815 - the day, double-clicked: write a post for it

    def __init__(self, day: date, in_month: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        today = day == date.today()
        tones = theme.colours()
        self._background = tones["today"] if today else tones["base"] if in_month else tones["other_month"]
        self.set_selected(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 2, 3, 2)
        layout.setSpacing(2)
        number = QLabel(f"<b>{day.day}</b>" if today else str(day.day), self)
        number.setStyleSheet(theme.text_style("meta") if not in_month else "")
        layout.addWidget(number)
        self.chips = layout
        layout.addStretch(1)

    def add_chip(self, chip: Chip) -> None:
        self.chips.insertWidget(self.chips.count() - 1, chip)

    def set_selected(self, selected: bool) -> None:
        """The day shown in the side panel stands out in the grid."""
        border = "2px solid palette(highlight)" if selected else "1px solid transparent"
        self.setStyleSheet(f"DayCell {{ background: {self._background}; border: {border}; }}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.chosen.emit(self.day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.composeRequested.emit(self.day)

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = dropped_ids(event)
        event.acceptProposedAction()
        self.dropped.emit(ids, self.day)


class SlotCell(DayCell):
    """An hour of a day in the week's time grid: a post dropped here moves to this hour (its minutes kept); a
    double click writes a post for this hour."""

    droppedAt = Signal(list, object)  # noqa: N815 - entry ids, the datetime (day and hour)
    composeAt = Signal(object)  # noqa: N815 - the datetime of the slot

    def __init__(self, day: date, hour: int, parent: QWidget | None = None) -> None:
        super().__init__(day, True, parent)
        self.hour = hour
        self.layout().setContentsMargins(2, 1, 2, 1)  # type: ignore[union-attr]
        self.findChild(QLabel).hide()  # the day's number is the column's, not each hour's
        self.setMinimumHeight(SLOT_PX)

    def moment(self) -> datetime:
        return datetime.combine(self.day, time(self.hour, 0)).astimezone()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = dropped_ids(event)
        event.acceptProposedAction()
        self.droppedAt.emit(ids, self.moment())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.composeAt.emit(self.moment())


class DayColumn(QFrame):
    """A day of the week's time grid: its hours from top to bottom. Behaves as a day cell for what is done to the
    whole day (selection, a drop that keeps the time)."""

    dropped = Signal(list, object)  # noqa: N815 - entry ids, the day
    chosen = Signal(object)  # noqa: N815 - the day

    def __init__(self, day: date, hours: range, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        self.slots = {hour: SlotCell(day, hour, self) for hour in hours}
        for slot in self.slots.values():
            slot.chosen.connect(self.chosen.emit)
            layout.addWidget(slot)

    def slot_for(self, when: datetime) -> SlotCell:
        hours = list(self.slots)
        return self.slots[min(max(when.astimezone().hour, hours[0]), hours[-1])]

    def set_selected(self, selected: bool) -> None:
        """The whole column is framed (each hour framed would be a ladder)."""
        border = "2px solid palette(highlight)" if selected else "2px solid transparent"
        self.setStyleSheet(f"DayColumn {{ border: {border}; }}")

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = dropped_ids(event)
        event.acceptProposedAction()
        self.dropped.emit(ids, self.day)


class Reschedule(QUndoCommand):
    """Moving posts to another time, undoable."""

    def __init__(self, pane: CalendarPane, moves: dict[int, tuple[datetime, datetime]], text: str) -> None:
        super().__init__(text)
        self._pane = pane
        self._moves = moves

    def redo(self) -> None:
        self._pane.apply_times({entry_id: new for entry_id, (_old, new) in self._moves.items()})

    def undo(self) -> None:
        self._pane.apply_times({entry_id: old for entry_id, (old, _new) in self._moves.items()})


class EditPostDialog(QDialog):
    def __init__(self, posts: list[CalendarPost], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        first = posts[0]
        self.setWindowTitle(self.tr("Edit the post"))
        self.setMinimumWidth(480)
        self.text = QPlainTextEdit(first.entry.text, self)
        self.when = QDateTimeEdit(first.when.astimezone().replace(tzinfo=None), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(edit_format())
        editable = first.movable or first.entry.state in (OutboxState.FAILED, OutboxState.NEEDS_CHECK)
        self.text.setReadOnly(not editable)
        self.when.setEnabled(first.movable)
        form = QFormLayout()
        form.addRow(self.tr("Accounts:"), QLabel(", ".join(p.account_name for p in posts), self))
        form.addRow(self.tr("When:"), self.when)
        where = state_text(first.entry, host_of(first.account_address))
        state = QLabel(where + (f" — {first.entry.last_error}" if first.entry.last_error else ""))
        state.setWordWrap(True)
        form.addRow(self.tr("State:"), state)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        if editable:
            buttons.addButton(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


class CalendarPane(QWidget):
    changed = Signal()  # noqa: N815 - posts were moved or edited
    composeRequested = Signal(object)  # noqa: N815 - a datetime: write a post planned then (a day double-clicked)

    def __init__(self, context: WindowDesk, parent: QWidget | None = None, *, own_undo_keys: bool = True) -> None:
        """`own_undo_keys`: Ctrl+Z/Ctrl+Shift+Z on the pane itself; False inside the main window, whose Edit → Undo
        takes back the calendar's moves while it is shown (two Ctrl+Z shortcuts were ambiguous: neither ran)."""
        super().__init__(parent)
        self._context = context
        self.undo = QUndoStack(self)
        self.anchor = date.today()
        self.week_mode = False
        self.cells: dict[date, DayCell] = {}
        self.posts: list[CalendarPost] = []

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        previous = QPushButton("◀", self)
        following = QPushButton("▶", self)
        today = QPushButton(self.tr("Today"), self)
        self.month_button = QPushButton(self.tr("Month"), self)
        self.week_button = QPushButton(self.tr("Week"), self)
        modes = QButtonGroup(self)
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
            modes.addButton(button)
        self.month_button.setChecked(True)
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        today.clicked.connect(self.go_today)
        self.month_button.clicked.connect(lambda: self.set_week_mode(False))
        self.week_button.clicked.connect(lambda: self.set_week_mode(True))
        undo_action = self.undo.createUndoAction(self, self.tr("Undo"))
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action = self.undo.createRedoAction(self, self.tr("Redo"))
        redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (undo_action, redo_action) if own_undo_keys else ():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        for button in (previous, today, following, self.month_button, self.week_button):
            head.addWidget(button)

        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(2)
        self.day_title = QLabel(self)
        self.day_title.setStyleSheet("font-weight: bold;")
        self.day_posts = DayPostsListModel(self._describe, self)
        self.day_list = QListView(self)
        roomy(self.day_list)
        self.day_list.setModel(self.day_posts)
        self.day_list.setWordWrap(True)
        self.day_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.day_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.day_list.setUniformItemSizes(False)
        self.day_list.activated.connect(self._edit_from_list)
        self.day_empty = QLabel(self.tr("Nothing planned this day."), self)
        self.day_empty.setStyleSheet(theme.text_style("meta"))
        self.status = QLabel(self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.day_title)
        side_layout.addWidget(self.day_empty)
        side_layout.addWidget(self.day_list, 1)
        side_layout.addStretch(0)  # takes the room when the list is hidden (an empty day)
        split = QSplitter(self)
        split.addWidget(self.grid_host)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.refresh()

    # navigation ----------------------------------------------------------------------------------------------------

    def days(self) -> list[date]:
        if self.week_mode:
            start = self.anchor - timedelta(days=(self.anchor.weekday() - week_start()) % 7)
            return [start + timedelta(days=n) for n in range(7)]
        first = self.anchor.replace(day=1)
        start = first - timedelta(days=(first.weekday() - week_start()) % 7)
        return [start + timedelta(days=n) for n in range(42)]

    def step(self, direction: int) -> None:
        if self.week_mode:
            self.anchor += timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = date.today()
        self.refresh()

    def set_week_mode(self, week: bool) -> None:
        self.week_mode = week
        self.week_button.setChecked(week)
        self.month_button.setChecked(not week)
        self.refresh()

    # drawing -------------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        days = self.days()
        start = datetime.combine(days[0], time()).astimezone()
        end = datetime.combine(days[-1] + timedelta(days=1), time()).astimezone()
        self.posts = self._context.reader.calendar(start, end)
        locale = QLocale()  # QDate.toString alone speaks English whatever the language
        locale_month = locale.toString(QDate(self.anchor.year, self.anchor.month, 1), "MMMM yyyy")
        self.title.setText(
            self.tr("Week of {day}").format(day=locale.toString(QDate(days[0]), "d MMMM yyyy"))
            if self.week_mode
            else locale_month[:1].upper() + locale_month[1:]
        )
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when the event loop comes round
                widget.deleteLater()
        for number in range(8):  # the month's six rows and the week's hour column do not stretch each other
            self.grid.setRowStretch(number, 0)
            self.grid.setColumnStretch(number, 0)
        first_column = 1 if self.week_mode else 0
        for column in range(7):
            label = "ddd d" if self.week_mode else "ddd"
            name = QLabel(locale.toString(QDate(days[column]), label), self.grid_host)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(name, 0, first_column + column)
        self.cells = {}
        by_day: dict[date, dict[str, list[CalendarPost]]] = {}
        for post in self.posts:
            by_day.setdefault(post.when.astimezone().date(), {}).setdefault(group_key(post), []).append(post)
        if self.week_mode:
            self._draw_week(days, by_day)
            return
        for index, day in enumerate(days):
            cell = DayCell(day, self.week_mode or day.month == self.anchor.month, self.grid_host)
            cell.dropped.connect(self.move_to_day)
            cell.chosen.connect(self.show_day)
            cell.composeRequested.connect(self._compose_on)
            groups = list(by_day.get(day, {}).values())
            limit = len(groups) if self.week_mode else MAX_CHIPS
            for posts in groups[:limit]:
                chip = Chip(posts, cell)
                chip.clicked.connect(self.edit)
                cell.add_chip(chip)
            if len(groups) > limit:
                more = QLabel(self.tr("+{n} more").format(n=len(groups) - limit), cell)
                more.setStyleSheet(theme.text_style("meta"))
                cell.chips.insertWidget(cell.chips.count() - 1, more)
            self.cells[day] = cell
            self.grid.addWidget(cell, 1 + index // 7, index % 7)
        for row in range(1, 1 + len(days) // 7):
            self.grid.setRowStretch(row, 1)
        for column in range(7):
            self.grid.setColumnStretch(column, 1)
        self.show_day(self.anchor if self.anchor in self.cells else days[0])

    def _draw_week(self, days: list[date], by_day: dict[date, dict[str, list[CalendarPost]]]) -> None:
        """The week as a time grid: the hours down the side, a post in its hour; drag it to another hour or day."""
        hours = QWidget(self.grid_host)
        hours_layout = QVBoxLayout(hours)
        hours_layout.setContentsMargins(0, 0, 4, 0)
        hours_layout.setSpacing(1)
        for hour in WEEK_HOURS:
            label = QLabel(clock(datetime.combine(days[0], time(hour, 0)).astimezone()), hours)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label.setMinimumHeight(SLOT_PX)
            label.setStyleSheet(f"color: {theme.colours()['meta']};")
            hours_layout.addWidget(label)
        self.grid.addWidget(hours, 1, 0)
        for index, day in enumerate(days):
            column = DayColumn(day, WEEK_HOURS, self.grid_host)
            column.dropped.connect(self.move_to_day)
            column.chosen.connect(self.show_day)
            for slot in column.slots.values():
                slot.droppedAt.connect(self.move_to)
                slot.composeAt.connect(self.composeRequested.emit)
            for posts in by_day.get(day, {}).values():
                slot = column.slot_for(posts[0].when)
                chip = Chip(posts, slot)
                chip.clicked.connect(self.edit)
                slot.add_chip(chip)
            self.cells[day] = column  # type: ignore[assignment]
            self.grid.addWidget(column, 1, 1 + index)
        self.grid.setRowStretch(1, 1)
        for column_number in range(1, 8):
            self.grid.setColumnStretch(column_number, 1)
        self.show_day(self.anchor if self.anchor in self.cells else days[0])

    def move_to(self, entry_ids: list[int], at: datetime) -> None:
        """Dropped on an hour of the week: that day and hour, the minutes kept."""
        found = [post for post in self.posts if post.entry.id in entry_ids and post.movable]
        moves = {
            post.entry.id: (post.when, at.replace(minute=post.when.astimezone().minute, second=0, microsecond=0))
            for post in found
        }
        self._push_moves(moves)

    @staticmethod
    def _describe(post: CalendarPost) -> str:
        mark = STATE_MARKS.get(post.entry.state, "")
        text = post.entry.text.replace("\n", " ")
        return f"{mark} {clock(post.when)} · {post.client_name} · {post.account_name}\n{text[:90]}"

    def _compose_on(self, day: date) -> None:
        """A post for that day, at the client's usual hour if it has none yet: 09:00, or the next hour today."""
        now = datetime.now().astimezone()
        at = datetime.combine(day, time(9, 0)).astimezone()
        if at <= now:
            at = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        self.composeRequested.emit(at)

    def show_day(self, day: date) -> None:
        for shown, cell in self.cells.items():
            cell.set_selected(shown == day)
        self.day_title.setText(QLocale().toString(QDate(day), "dddd d MMMM"))
        self.day_posts.show(self.posts, day)
        empty = self.day_posts.rowCount() == 0
        self.day_empty.setVisible(empty)
        self.day_list.setVisible(not empty)

    # moving and editing --------------------------------------------------------------------------------------------

    def move_to_day(self, entry_ids: list[int], day: date) -> None:
        found = [post for post in self.posts if post.entry.id in entry_ids and post.movable]
        if not found:
            return
        moves = {}
        for post in found:
            old = post.when
            new = datetime.combine(day, old.astimezone().time().replace(tzinfo=None)).astimezone()
            moves[post.entry.id] = (old, new)
        self._push_moves(moves)

    def _push_moves(self, moves: dict[int, tuple[datetime, datetime]]) -> None:
        if not moves or all(old == new for old, new in moves.values()):
            return
        if min(new for _old, new in moves.values()) < datetime.now().astimezone():
            self.status.setText(self.tr("A post cannot be moved into the past."))
            return
        self.undo.push(Reschedule(self, moves, self.tr("Move the post")))

    def apply_times(self, times: dict[int, datetime]) -> None:
        self._context.submit(outbox_actions.reschedule(times), lambda _moved: self._moved(), self.status.setText)

    def _moved(self) -> None:
        self.status.setText(self.tr("Moved. Ctrl+Z undoes it."))
        self.refresh()
        self.changed.emit()

    def _edit_from_list(self, index: QModelIndex) -> None:
        post = self.day_posts.post(index.row())
        if post is not None:
            self.edit([p for p in self.posts if group_key(p) == group_key(post)])

    def edit(self, posts: list[CalendarPost]) -> None:
        dialog = EditPostDialog(posts, self)
        dialog.accepted.connect(lambda: self._save_edit(posts, dialog))
        dialog.open()

    def _save_edit(self, posts: list[CalendarPost], dialog: EditPostDialog) -> None:
        text = dialog.text.toPlainText()
        moment = dialog.when.dateTime().toPython()
        assert isinstance(moment, datetime)
        new_time = moment.astimezone()

        def saved(_edited: object) -> None:
            if posts[0].movable and new_time != posts[0].when:
                moves = {p.entry.id: (p.when, new_time) for p in posts}
                self.undo.push(Reschedule(self, moves, self.tr("Move the post")))
            else:
                self.refresh()
                self.changed.emit()

        self._context.submit(outbox_actions.edit_text([p.entry.id for p in posts], text), saved, self.status.setText)
