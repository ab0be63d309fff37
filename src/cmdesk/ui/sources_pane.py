"""The Sources pane: clients and their accounts with sync health (ok / syncing / needs attention and why /
rate-limited until), last sync and message counts; add, rename and remove clients and sources; sync now."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Account, Health, SignInKind
from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import SyncState
from cmdesk.domain.team import led_by
from cmdesk.services import networks, sources
from cmdesk.services.desk import Desk
from cmdesk.ui import style, theme
from cmdesk.ui.icons import icon
from cmdesk.ui.plain_words import details_tip, plain
from cmdesk.ui.rows import roomy
from cmdesk.ui.team_strip import TeamStrip

RowRole = Qt.ItemDataRole.UserRole + 20
"""("client", id) or ("account", id)"""
NetworkRole = Qt.ItemDataRole.UserRole + 21

SIGN_IN_AGAIN = (SignInKind.BROWSER_OAUTH, SignInKind.GOOGLE_OAUTH, SignInKind.META)
"""The sign-in kinds whose dialog can sign an existing account in again (MainWindow.sign_in_again)."""
HEALTH_TONES = {
    Health.OK: "good",
    Health.SYNCING: "info",
    Health.RETRYING: "caution",
    Health.RATE_LIMITED: "caution",
    Health.NEEDS_ATTENTION: "bad",
    Health.NEW: "meta",
}
"""The colour (a tone of theme.colours()) of each health's words."""


def health_text(state: SyncState | None) -> str:
    if state is None or state.health is Health.NEW:
        return QCoreApplication.translate("SourcesPane", "not synced yet")
    if state.health is Health.OK:
        holder = led_by(state.reason)
        if holder:
            return QCoreApplication.translate("SourcesPane", "led by {laptop}: through the team").format(laptop=holder)
        return QCoreApplication.translate("SourcesPane", "ok")
    if state.health is Health.SYNCING:
        return QCoreApplication.translate("SourcesPane", "syncing…")
    when = QLocale().toString(state.retry_at.astimezone(), QLocale.FormatType.ShortFormat) if state.retry_at else ""
    if state.health is Health.RATE_LIMITED:
        return QCoreApplication.translate("SourcesPane", "rate-limited until {time}").format(time=when)
    if state.health is Health.RETRYING:
        return QCoreApplication.translate("SourcesPane", "retrying at {time}: {reason}").format(
            time=when, reason=plain(state.reason)
        )
    return QCoreApplication.translate("SourcesPane", "needs attention: {reason}").format(reason=plain(state.reason))


SIGN_IN_WARNING = timedelta(days=7)
QUOTA_WARNING = 0.8


def _budget_note(used: int, limit: int, resets_at: datetime, tips: list[str]) -> str:
    """A pay-per-use budget (micro-dollars): "$1.25 / $5.00 this month", and what it means in the tooltip."""
    locale = QLocale()

    def dollars(micro: int) -> str:
        return locale.toCurrencyString(micro / 1_000_000, "$", 2)

    day = locale.toString(resets_at.astimezone().date(), QLocale.FormatType.ShortFormat)
    tips.append(
        QCoreApplication.translate(
            "SourcesPane",
            "Estimated from the network's published prices: {used} spent of this client's {limit} for the month. "
            "Pulls pause at the cap until {day}; replies still go out.",
        ).format(used=dollars(used), limit=dollars(limit), day=day)
    )
    return QCoreApplication.translate("SourcesPane", "{used} / {limit} this month").format(
        used=dollars(used), limit=dollars(limit)
    )


def account_notes(account: Account, spent: Mapping[tuple[str, str], int], now: datetime) -> tuple[str, str, str]:
    """What to add to an account's health: its metered quota spent today and when the network ends its sign-in,
    with the tone to show them in and a tooltip ("", "", "" when there is nothing to say)."""
    notes: list[str] = []
    tips: list[str] = []
    tone = ""
    locale = QLocale()
    reading = networks.quota_reading(account, spent, now)
    if reading is not None and reading.quota.money:
        notes.append(_budget_note(reading.used, reading.quota.limit, reading.quota.resets_at, tips))
        tone = "caution" if reading.share >= QUOTA_WARNING else ""
    elif reading is not None:
        resets = locale.toString(reading.quota.resets_at.astimezone().time(), QLocale.FormatType.ShortFormat)
        notes.append(
            QCoreApplication.translate("SourcesPane", "quota {used} / {limit} today").format(
                used=locale.toString(reading.used), limit=locale.toString(reading.quota.limit)
            )
        )
        tips.append(
            QCoreApplication.translate(
                "SourcesPane", "{shared}: {used} of {limit} units spent today; the count starts again at {time}."
            ).format(
                shared=reading.quota.shared_by or QCoreApplication.translate("SourcesPane", "This account's quota"),
                used=locale.toString(reading.used),
                limit=locale.toString(reading.quota.limit),
                time=resets,
            )
        )
        tone = "caution" if reading.share >= QUOTA_WARNING else ""
    missing = networks.missing_permissions(account)
    if missing:
        notes.append(QCoreApplication.translate("SourcesPane", "missing: {names}").format(names=", ".join(missing)))
        tips.append(
            QCoreApplication.translate(
                "SourcesPane",
                "The sign-in lacks these permissions: what needs them is refused. Use “Sign in again…” granting them.",
            )
        )
        tone = "caution"
    ends = networks.sign_in_ends(account)
    if ends is not None and ends - now <= SIGN_IN_WARNING:
        day = locale.toString(ends.astimezone().date(), QLocale.FormatType.ShortFormat)
        notes.append(QCoreApplication.translate("SourcesPane", "sign-in ends {day}").format(day=day))
        tips.append(
            QCoreApplication.translate(
                "SourcesPane",
                "The network ends this sign-in on {day} (a Google app left “In testing” lasts 7 days): publish the "
                "app, or use “Sign in again…” then. Nothing stored is lost.",
            ).format(day=day)
        )
        tone = "caution"
    return " · ".join(notes), tone, "\n".join(tips)


class SourcesPane(QWidget):
    changed = Signal()  # noqa: N815 - clients or accounts were added, renamed or removed
    syncRequested = Signal(object)  # noqa: N815 - account id, or None for all
    addSourceRequested = Signal()  # noqa: N815
    addMastodonRequested = Signal()  # noqa: N815
    addYouTubeRequested = Signal()  # noqa: N815
    addMetaRequested = Signal()  # noqa: N815
    addBlueskyRequested = Signal()  # noqa: N815
    addXRequested = Signal()  # noqa: N815
    addRedditRequested = Signal()  # noqa: N815
    addWordPressRequested = Signal()  # noqa: N815
    addDiscourseRequested = Signal()  # noqa: N815
    addEmailRequested = Signal()  # noqa: N815
    signInRequested = Signal(int)  # noqa: N815 - account id
    accountsRemoved = Signal(list)  # noqa: N815 - the removed accounts' uids (their secrets leave the keyring)

    def __init__(
        self,
        reader: Reader,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        team_problem: Callable[[], str] = lambda: "",
    ) -> None:
        """`team_problem`: why the team database is out of reach now ("" when it is not, or outside a team)."""
        super().__init__(parent)
        self._reader = reader
        self._desk = desk
        self._team_problem = team_problem
        self.team_strip = TeamStrip(self)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        roomy(self.tree)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        title = QLabel(self.tr("Sources"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("Each client (workspace) groups its sources. Select a row to act on it."), self)
        hint.setStyleSheet(theme.text_style("meta"))
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        # The ways to add something share one menu button: in French, one button each made the row (and so the
        # window) wider than a 1366-pixel laptop screen.
        self.add_menu = QMenu(self)
        self.add_actions: dict[str, QAction] = {}
        for key, text, slot in (
            ("add_source", self.tr("Add a source (site, feed)…"), self.addSourceRequested.emit),
            ("add_mastodon", self.tr("Add a Mastodon account…"), self.addMastodonRequested.emit),
            ("add_youtube", self.tr("Add a YouTube channel…"), self.addYouTubeRequested.emit),
            ("add_meta", self.tr("Add a Facebook Page or Instagram…"), self.addMetaRequested.emit),
            ("add_bluesky", self.tr("Add a Bluesky account…"), self.addBlueskyRequested.emit),
            ("add_x", self.tr("Add an X account…"), self.addXRequested.emit),
            ("add_reddit", self.tr("Add a Reddit account…"), self.addRedditRequested.emit),
            ("add_wordpress", self.tr("Add a WordPress site…"), self.addWordPressRequested.emit),
            ("add_discourse", self.tr("Add a Discourse forum…"), self.addDiscourseRequested.emit),
            ("add_email", self.tr("Add an e-mail account…"), self.addEmailRequested.emit),
            ("add_client", self.tr("Add a client…"), self.add_client),
        ):
            self.add_actions[key] = self.add_menu.addAction(text)
            self.add_actions[key].triggered.connect(self._call(slot))
        add = QPushButton(self.tr("Add"), self)
        add.setMenu(self.add_menu)
        buttons.addWidget(add)
        self.buttons["add"] = add
        for key, text, slot in (
            ("sign_in", self.tr("Sign in again…"), self.sign_in_selected),
            ("monitors", self.tr("Monitors…"), self.edit_monitors),
            ("rename", self.tr("Rename…"), self.rename),
            ("client_settings", self.tr("Client settings…"), self.edit_client_settings),
            ("remove", self.tr("Remove…"), self.remove),
            ("sync", self.tr("Sync now"), self.sync_selected),
            ("sync_all", self.tr("Sync all"), lambda: self.syncRequested.emit(None)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(self._call(slot))
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.team_strip)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    @staticmethod
    def _call(slot: Callable[[], object]) -> Callable[[bool], None]:
        return lambda _checked=False: (slot(), None)[1]

    def refresh(self) -> None:
        selected = self.selected()
        with self._reader.consistent():
            workspace = self._reader.workspace()
            clients, accounts, states = workspace.clients, workspace.accounts, workspace.states
            counts = self._reader.account_counts()
            spent = self._reader.usage()
        now = datetime.now(UTC)
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Network"), self.tr("Health"), self.tr("Last sync"), self.tr("Messages")]
        )
        locale = QLocale()
        for client in clients:
            head = QStandardItem(client.name + (self.tr(" (demo)") if client.is_demo else ""))
            head.setData(("client", client.id), RowRole)
            head.setIcon(icon("client"))
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            row = [head] + [QStandardItem() for _ in range(4)]
            for account in (a for a in accounts if a.client_id == client.id):
                state = states.get(account.id)
                name = QStandardItem(account.name)
                name.setToolTip(account.address)
                name.setData(("account", account.id), RowRole)
                name.setData(account.network, NetworkRole)
                name.setIcon(icon(f"network-{account.network}"))
                health = QStandardItem(self.tr("demo") if account.is_demo else health_text(state))
                if state is not None and not account.is_demo:
                    tone = HEALTH_TONES.get(state.health, "meta")
                    health.setForeground(QBrush(QColor(theme.colours()[tone])))
                    health.setToolTip(details_tip(state.reason))
                notes, note_tone, note_tip = ("", "", "") if account.is_demo else account_notes(account, spent, now)
                if notes:
                    health.setText(f"{health.text()} · {notes}")
                    health.setToolTip("\n".join(t for t in (health.toolTip(), note_tip) if t))
                    if note_tone and (state is None or state.health is Health.OK):
                        health.setForeground(QBrush(QColor(theme.colours()[note_tone])))
                last = state.last_success_at if state else None
                when = QStandardItem(
                    locale.toString(last.astimezone(), QLocale.FormatType.ShortFormat) if last else "—"
                )
                number = QStandardItem(locale.toString(counts.get(account.id, (0, 0))[1]))
                number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                head.appendRow([name, QStandardItem(style.network_name(account.network)), health, when, number])
            self.model.appendRow(row)
        self.team_strip.show_team(workspace.team, workspace.person, self._team_problem())
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == 2 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        if selected:
            self.select(*selected)
        self._enable()

    def selected(self) -> tuple[str, int] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(RowRole)
        return (value[0], value[1]) if value else None

    def select(self, kind: str, key: int) -> None:
        for row in range(self.model.rowCount()):
            client = self.model.item(row, 0)
            candidates = [client] + [client.child(n, 0) for n in range(client.rowCount())]
            for item in candidates:
                if item.data(RowRole) == (kind, key):
                    self.tree.setCurrentIndex(item.index())
                    return

    def _enable(self) -> None:
        chosen = self.selected()
        self.buttons["rename"].setEnabled(chosen is not None)
        self.buttons["client_settings"].setEnabled(self.chosen_client() is not None)
        self.buttons["remove"].setEnabled(chosen is not None)
        self.buttons["sync"].setEnabled(bool(chosen and chosen[0] == "account"))
        network = self._selected_network()
        self.buttons["sign_in"].setEnabled(bool(network) and networks.sign_in_kind(network) in SIGN_IN_AGAIN)
        searches = bool(network) and networks.capabilities(network).can_monitor
        self.buttons["monitors"].setEnabled(bool(chosen and chosen[0] == "client") or searches)

    def _selected_network(self) -> str:
        index = self.tree.currentIndex()
        return str(index.siblingAtColumn(0).data(NetworkRole) or "") if index.isValid() else ""

    def edit_monitors(self) -> None:
        from cmdesk.ui.monitors_dialog import ClientMonitorsDialog, MonitorsDialog

        chosen = self.selected()
        if chosen and chosen[0] == "account":
            dialog = MonitorsDialog(self._reader, self._desk, chosen[1], self)
            dialog.finished.connect(lambda _result: self.syncRequested.emit(chosen[1]))
            dialog.open()
        elif chosen and chosen[0] == "client":
            ClientMonitorsDialog(self._reader, self._desk, chosen[1], self).open()

    def sign_in_selected(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "account":
            self.signInRequested.emit(chosen[1])

    def add_client(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add a client"), self.tr("Client name:"))
        if not ok or not name.strip():
            return
        self._desk.submit(
            sources.add_client(name),
            lambda client: self._after("client", client.id),
            lambda reason: QMessageBox.warning(self, self.tr("Add a client"), reason),
        )

    def _after(self, kind: str, key: int) -> None:
        self.refresh()
        self.select(kind, key)
        self.changed.emit()

    def chosen_client(self) -> int | None:
        """The chosen client, or the client of the chosen account."""
        index = self.tree.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            return None
        if index.parent().isValid():
            index = index.parent()
        row = index.data(RowRole)
        return int(row[1]) if row and row[0] == "client" else None

    def edit_client_settings(self) -> None:
        """The chosen client's (or the chosen account's client's) signature, posting slots and missed-post policy."""
        from cmdesk.ui.client_settings_dialog import ClientSettingsDialog

        client_id = self.chosen_client()
        if client_id is None:
            return
        dialog = ClientSettingsDialog(self._reader, self._desk, client_id, self)
        dialog.accepted.connect(self.changed.emit)
        dialog.open()

    def rename(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, key = chosen
        current = self.tree.currentIndex().siblingAtColumn(0).data(Qt.ItemDataRole.DisplayRole)
        name, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("New name:"), text=current)
        if not ok or not name.strip():
            return
        self._desk.submit(
            sources.rename_client(key, name) if kind == "client" else sources.rename_account(key, name),
            lambda _none: self._after(kind, key),
            lambda reason: QMessageBox.warning(self, self.tr("Rename"), reason),
        )

    def remove(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, key = chosen
        name = self.tree.currentIndex().siblingAtColumn(0).data(Qt.ItemDataRole.DisplayRole)
        with self._reader.consistent():
            counts = self._reader.account_counts()
            removed = [a for a in self._reader.accounts() if (a.client_id if kind == "client" else a.id) == key]
            ids = [a.id for a in removed]
        messages = sum(counts.get(account_id, (0, 0))[1] for account_id in ids)
        question = (
            self.tr("Remove the client “{name}” with {sources} and {messages}?")
            if kind == "client"
            else self.tr("Remove the source “{name}” with {messages}?")
        ).format(
            name=name,
            sources=self.tr("%Ln source(s)", "", len(ids)),
            messages=self.tr("%Ln message(s)", "", messages),
        )
        answer = QMessageBox.question(self, self.tr("Remove"), question + "\n" + self.tr("This cannot be undone."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._desk.submit(
            sources.remove_client(key) if kind == "client" else sources.remove_account(key), self._removed
        )

    def _removed(self, removed: list[Account]) -> None:
        self.refresh()
        self.accountsRemoved.emit([a.uid for a in sources.holding_secrets(removed)])
        self.changed.emit()

    def sync_selected(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "account":
            self.syncRequested.emit(chosen[1])
