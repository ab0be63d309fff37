"""OutboxTableModel: the Outbox view as a Qt model over the Reader's paged outbox read — what needs the user first,
then what goes out next, then what is done — a page at a time (`fetchMore`), never every entry at once.

Columns: state, when, account, what, text, note (the reason it failed or waits). The entry itself is under
`EntryRole`, its id under `EntryIdRole`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import PROBLEMS, WAITING, OutboxEntry, OutboxState
from cmdesk.models.time_text import local_time, relative_time

EntryIdRole = Qt.ItemDataRole.UserRole + 50
"""The entry's id (an int)."""
EntryRole = Qt.ItemDataRole.UserRole + 51
"""The OutboxEntry behind a row."""
PAGE = 200
FILTERS: dict[str, tuple[OutboxState, ...]] = {
    "all": (),
    "waiting": WAITING,
    "problems": PROBLEMS,
    "sent": (OutboxState.SENT,),
}
"""The Outbox view's filters, as the states each keeps (none: everything)."""
PROBLEM_COLOUR = QColor("#b71c1c")


def state_text(entry: OutboxEntry, host: str = "") -> str:
    """Where an outbox entry stands, in words (the Outbox view, the calendar's edit dialog); for a scheduled post,
    where it waits: on the network's own scheduler (`host`, e.g. piaille.fr: it goes out with cmdesk closed) or
    in cmdesk."""
    translate = QCoreApplication.translate
    if entry.state is OutboxState.SCHEDULED and entry.on_network_scheduler:
        if host:
            return translate("OutboxPane", "⏱ on {host}’s scheduler").format(host=host)
        return translate("OutboxPane", "⏱ on the network’s scheduler")
    if entry.state is OutboxState.SCHEDULED and entry.last_error and entry.attempts > 0:
        return translate("OutboxPane", "⟳ waiting to retry")
    if entry.state is OutboxState.SCHEDULED and entry.post is not None:
        return translate("OutboxPane", "⏱ scheduled in cmdesk")
    return {
        OutboxState.DRAFT: translate("OutboxPane", "✎ draft"),
        OutboxState.SCHEDULED: translate("OutboxPane", "⏱ scheduled"),
        OutboxState.SENDING: translate("OutboxPane", "… sending"),
        OutboxState.SENT: translate("OutboxPane", "✓ sent"),
        OutboxState.FAILED: translate("OutboxPane", "✗ not sent"),
        OutboxState.NEEDS_CHECK: translate("OutboxPane", "? check it"),
        OutboxState.CANCELLED: translate("OutboxPane", "– cancelled"),
    }[entry.state]


def host_of(address: str) -> str:
    """The server's name in an account's address: piaille.fr for https://piaille.fr/@fournil, lefournil.fr for
    contact@lefournil.fr; '' when it names none."""
    if "://" in address:
        return urlsplit(address).hostname or ""
    return address.rpartition("@")[2] if "@" in address else ""


def action_text(action: str) -> str:
    translate = QCoreApplication.translate
    return {
        "reply": translate("OutboxPane", "Reply"),
        "post": translate("OutboxPane", "Post"),
        "favourite": translate("OutboxPane", "Favourite"),
        "boost": translate("OutboxPane", "Boost"),
        "delete": translate("OutboxPane", "Delete"),
        "mark_read": translate("OutboxPane", "Mark read on the server"),
        "withdraw": translate("OutboxPane", "Take back from the network’s scheduler"),
    }.get(action, action)


def when_text(entry: OutboxEntry) -> str:
    """Upcoming times in full (a week from now is not "Sun"); what is done, as the inbox says it."""
    when: datetime | None = entry.scheduled_at if entry.state in WAITING else entry.updated_at
    if when is None:
        return ""
    return local_time(when) if entry.state in WAITING else relative_time(when)


class OutboxTableModel(QAbstractTableModel):
    def __init__(self, reader: Reader, parent: Any = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._states: Sequence[OutboxState] = ()
        self._entries: list[OutboxEntry] = []
        self._total = 0
        self._names: dict[int, str] = {}
        self._hosts: dict[int, str] = {}

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("OutboxPane", "State"),
            translate("OutboxPane", "When"),
            translate("OutboxPane", "Account"),
            translate("OutboxPane", "What"),
            translate("OutboxPane", "Text"),
            translate("OutboxPane", "Note"),
        ]

    def set_filter(self, key: str) -> None:
        self._states = FILTERS.get(key, ())
        self.reload()

    def reload(self) -> None:
        """Read the first page again (after a change): the entries, how many there are, the accounts' names."""
        self.beginResetModel()
        with self._reader.consistent():
            self._total = self._reader.outbox_count(self._states)
            self._entries = self._reader.outbox(PAGE, states=self._states)
            accounts = self._reader.accounts()
            self._names = {account.id: account.name for account in accounts}
            self._hosts = {account.id: host_of(account.address) for account in accounts}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._entries) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        more = self._reader.outbox(PAGE, offset=len(self._entries), states=self._states)
        if not more:
            self._total = len(self._entries)
            return
        self.beginInsertRows(QModelIndex(), len(self._entries), len(self._entries) + len(more) - 1)
        self._entries.extend(more)
        self.endInsertRows()

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def entry(self, row: int) -> OutboxEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, entry_id: int) -> int:
        return next((n for n, entry in enumerate(self._entries) if entry.id == entry_id), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == EntryIdRole:
            return entry.id
        if role == EntryRole:
            return entry
        text = (entry.text or entry.act_problem).replace("\n", " ")
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                state_text(entry, self._hosts.get(entry.account_id, "")),
                when_text(entry),
                self._names.get(entry.account_id, str(entry.account_id)),
                action_text(entry.action),
                text[:200],
                entry.last_error,
            ][column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (4, 5):
            return text[:1000] if column == 4 else entry.last_error
        if role == Qt.ItemDataRole.ForegroundRole and column in (0, 5) and entry.state in PROBLEMS:
            return PROBLEM_COLOUR
        return None
