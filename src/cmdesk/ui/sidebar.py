"""The left pane: saved views and labels with their counts, then clients (workspaces) with their accounts.

A view and a scope (all clients, one client, or one account) are chosen independently; both show in bold.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView, QWidget

from cmdesk.domain import Account, Health
from cmdesk.domain.reads import Client, SyncState
from cmdesk.models.saved_views import SavedView
from cmdesk.ui import style, theme
from cmdesk.ui.icons import icon
from cmdesk.ui.plain_words import details_tip
from cmdesk.ui.rows import roomy

KeyRole = Qt.ItemDataRole.UserRole + 10
"""("view", key) | ("scope", client_id, account_id) | ("section",)"""

HEALTH_MARKS = {
    Health.OK: "",
    Health.NEW: "",
    Health.SYNCING: " ⟳",
    Health.RETRYING: " ⚠",
    Health.RATE_LIMITED: " ⏸",
    Health.NEEDS_ATTENTION: " ⚠",
}


class Sidebar(QTreeView):
    viewChosen = Signal(object)  # noqa: N815 - SavedView
    scopeChosen = Signal(object, object)  # noqa: N815 - client id or None, account id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        roomy(self)
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)
        self._views: dict[str, SavedView] = {}
        self._shown: tuple[tuple[object, ...], dict[int, tuple[Health, str]]] | None = None
        """What `show_workspace` last showed: the views, clients and accounts, and the accounts' states."""
        self._current_view = "open"
        self._scope: tuple[int | None, int | None] = (None, None)

    def show_workspace(
        self,
        views: list[SavedView],
        counts: dict[str, int],
        clients: list[Client],
        accounts: list[Account],
        health: dict[int, SyncState],
    ) -> bool:
        """Show these, rebuilding the tree only when the views, clients or accounts changed (not after every synced
        account: ~15 ms, then its layout and paint); a change of the accounts' states alone is shown in place.
        Whether it was rebuilt."""
        listed, states = (
            (views, clients, accounts),
            {key: (state.health, state.reason) for key, state in health.items()},
        )
        if self._shown is not None and self._shown[0] == listed:
            if self._shown[1] != states:
                self.set_health(accounts, health)
            self._shown = (listed, states)
            return False
        self._shown = (listed, states)
        self.model_.clear()
        self.model_.setColumnCount(2)
        self._views = {view.key: view for view in views}
        views_section = self._section(self.tr("Views"))
        for number, view in enumerate(views):
            name = QStandardItem(view.title)
            name.setIcon(icon("view-label" if view.key.startswith("label:") else f"view-{view.key}"))
            name.setData(("view", view.key), KeyRole)
            if number < 9:
                name.setToolTip(self.tr("Ctrl+{n}").format(n=number + 1))
            count = QStandardItem(self._count_text(counts.get(view.key, 0)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setData(("view", view.key), KeyRole)
            views_section.appendRow([name, count])
        clients_section = self._section(self.tr("Clients"))
        everyone = QStandardItem(self.tr("All clients"))
        everyone.setData(("scope", None, None), KeyRole)
        clients_section.appendRow([everyone, QStandardItem()])
        for client in clients:
            label = client.name + (self.tr(" (demo)") if client.is_demo else "")
            item = QStandardItem(label)
            item.setIcon(icon("client"))
            item.setData(("scope", client.id, None), KeyRole)
            for account in (a for a in accounts if a.client_id == client.id):
                child = QStandardItem()
                child.setIcon(icon(f"network-{account.network}"))
                child.setData(("scope", client.id, account.id), KeyRole)
                self._show_health(child, account, health.get(account.id))
                item.appendRow([child, QStandardItem()])
            clients_section.appendRow([item, QStandardItem()])
        self.expandAll()
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self._fit_counts()
        self._emphasise()
        self._select_current_view()
        return True

    def set_health(self, accounts: list[Account], health: dict[int, SyncState]) -> None:
        """Each account's sync state, in place: during a sync every account's state changes, and rebuilding the
        whole tree for it (~10 ms, and its layout and paint after) held the window up each time."""
        by_id = {account.id: account for account in accounts}
        clients = self.model_.item(1, 0)
        if clients is None:
            return
        for row in range(clients.rowCount()):
            client = clients.child(row, 0)
            for number in range(client.rowCount()):
                child = client.child(number, 0)
                account_id = child.data(KeyRole)[2]  # ("scope", client id, account id)
                if account_id in by_id:
                    self._show_health(child, by_id[account_id], health.get(account_id))

    @staticmethod
    def _show_health(child: QStandardItem, account: Account, state: SyncState | None) -> None:
        """An account's name with its state's mark, why in its tooltip, in the "bad" colour when something is
        wrong."""
        mark = HEALTH_MARKS.get(state.health, "") if state else ""
        tip = style.network_name(account.network) + " · " + account.address
        if state and state.reason:
            tip += "\n" + details_tip(state.reason)
            child.setForeground(QBrush(QColor(theme.colours()["bad"])))
        else:
            child.setData(None, Qt.ItemDataRole.ForegroundRole)
        if child.text() != f"{account.name}{mark}":
            child.setText(f"{account.name}{mark}")
        if child.toolTip() != tip:
            child.setToolTip(tip)

    def set_counts(self, counts: dict[str, int]) -> None:
        """Each view's number of conversations, in place (the reading thread brings them after `show_workspace`)."""
        for number in self._counts():
            key = number.data(KeyRole)
            if key and key[0] == "view":
                number.setText(self._count_text(counts.get(key[1], 0)))
        self._fit_counts()

    def _counts(self) -> list[QStandardItem]:
        """The views' counts (the second column of the views' section)."""
        views = self.model_.item(0, 0)
        numbers = [views.child(row, 1) for row in range(views.rowCount())] if views is not None else []
        return [number for number in numbers if number is not None]

    def _fit_counts(self) -> None:
        """The counts' column as wide as its widest number, as Qt's ResizeToContents makes it (the text and the
        style's margin each side), without asking the size of every row of the tree at each layout: it did, 1,089
        times through the delegate before the first screen with a hundred accounts, and again at each new count."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(number.text()) for number in self._counts()), default=0)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        self.header().resizeSection(1, widest + 2 * margin)

    def count_shown(self, view_key: str) -> str:
        """The number the sidebar shows beside a view ("" for none)."""
        return next((number.text() for number in self._counts() if number.data(KeyRole) == ("view", view_key)), "")

    @staticmethod
    def _count_text(number: int) -> str:
        return QLocale().toString(number) if number else ""

    def _section(self, title: str) -> QStandardItem:
        section = QStandardItem(title.upper())
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        section.setFont(font)
        section.setForeground(QBrush(QColor(theme.colours()["meta"])))
        section.setSelectable(False)
        section.setData(("section",), KeyRole)
        filler = QStandardItem()
        filler.setSelectable(False)
        self.model_.appendRow([section, filler])
        return section

    def _chosen(self, index: QModelIndex) -> None:
        key = index.siblingAtColumn(0).data(KeyRole)
        if not key or key[0] == "section":
            return
        if key[0] == "view":
            self.choose_view(key[1])
        else:
            self._scope = (key[1], key[2])
            self._emphasise()
            self.scopeChosen.emit(key[1], key[2])

    def choose_view(self, key: str) -> None:
        if key not in self._views:
            return
        self._current_view = key
        self._emphasise()
        self._select_current_view()  # the highlight follows, however the view was chosen (keys, menu, palette)
        self.viewChosen.emit(self._views[key])

    @property
    def current_view(self) -> SavedView | None:
        return self._views.get(self._current_view)

    @property
    def scope(self) -> tuple[int | None, int | None]:
        return self._scope

    def set_scope(self, client_id: int | None, account_id: int | None) -> None:
        self._scope = (client_id, account_id)
        self._emphasise()

    def _select_current_view(self) -> None:
        """Put the keyboard cursor on the current view, not on a section title."""
        views = self.model_.item(0, 0)
        if views is None:
            return
        for row in range(views.rowCount()):
            child = views.child(row, 0)
            if child.data(KeyRole) == ("view", self._current_view):
                self.setCurrentIndex(child.index())
                return

    def _emphasise(self) -> None:
        """Bold the current view and the current scope (the selection can only show one of them)."""
        for section in range(self.model_.rowCount()):
            parent = self.model_.item(section, 0)
            stack = [parent.child(row, 0) for row in range(parent.rowCount())]
            while stack:
                item = stack.pop()
                key = item.data(KeyRole)
                active = (key[0] == "view" and key[1] == self._current_view) or (
                    key[0] == "scope" and (key[1], key[2]) == self._scope
                )
                font = item.font()
                font.setBold(active)
                item.setFont(font)
                stack.extend(item.child(row, 0) for row in range(item.rowCount()))
