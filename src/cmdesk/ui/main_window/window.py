"""The main window: sidebar (views, clients, accounts), the conversation list, the thread; menus, keyboard
triage, search, status bar. Reads the database through storage queries; never calls the network itself.

Its first screen is read with the plain-SQL reads (`Database.snapshot()`, storage/rawsql.py) and nothing it
imports at start imports SQLAlchemy; the modules that write through SQLAlchemy (the outbox, the demo) are
imported where they are used, and what the window would write while it starts (waking snoozed conversations,
marking the restored conversation read) waits for its first paint (`firstPainted`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Status, snippets
from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import Conversation, ConversationFilter, Person
from cmdesk.models.conversation_list_model import ConversationIdRole, ConversationListModel, ConversationRole
from cmdesk.models.saved_views import SavedView, builtin_views, label_view, scoped
from cmdesk.services import networks
from cmdesk.services import triage as triage_service
from cmdesk.services.commands import Changes
from cmdesk.services.networks import reply_networks
from cmdesk.services.triage import UndoStack
from cmdesk.ui.alert_bar import AlertBar
from cmdesk.ui.conversation_delegate import ConversationDelegate
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.main_window.constants import (
    START_WRITES_AFTER_PAINT_MS,
    START_WRITES_LATEST_MS,
    SYNC_REFRESH_MS,
    UNREAD_BADGE_CAP,
    WAKE_CHECK_MS,
)
from cmdesk.ui.plain_words import plain
from cmdesk.ui.repair_widgets import DamageBar
from cmdesk.ui.reply_drafts import ReplyDrafts
from cmdesk.ui.sidebar import Sidebar
from cmdesk.ui.snippet_menu import SnippetButton, client_values
from cmdesk.ui.tasks import Tasks
from cmdesk.ui.thread_view import ThreadView
from cmdesk.ui.tray import DeskTray
from cmdesk.ui.typing_guard import TypingGuard

if TYPE_CHECKING:
    from cmdesk.ui.calendar_pane import CalendarPane
    from cmdesk.ui.composer_pane import ComposerPane
    from cmdesk.ui.outbox_pane import OutboxPane
    from cmdesk.ui.reports_pane import ReportsPane
    from cmdesk.ui.sources_pane import SourcesPane
    from cmdesk.ui.welcome_page import WelcomePage
from cmdesk.ui import theme
from cmdesk.ui.main_window.actions import WindowActions
from cmdesk.ui.main_window.assigning import Assigning
from cmdesk.ui.main_window.buzz import BuzzAlerts
from cmdesk.ui.main_window.pages import Pages
from cmdesk.ui.main_window.reporting import Reporting
from cmdesk.ui.main_window.sync_status import SyncStatus
from cmdesk.ui.main_window.team_membership import TeamMembership
from cmdesk.ui.main_window.thread import ThreadActions
from cmdesk.ui.main_window.triage import Triage

log = logging.getLogger(__name__)


NO_CONTEXT = "cmdesk: no such context"
"""Where no translation is: what a text looks like untranslated (with its count written in)."""


class MainWindow(
    WindowActions,
    Triage,
    Assigning,
    TeamMembership,
    ThreadActions,
    SyncStatus,
    Pages,
    BuzzAlerts,
    Reporting,
    QMainWindow,
):
    firstPainted = Signal()  # noqa: N815 - Qt naming; the window's first screen is on the screen
    countsShown = Signal()  # noqa: N815 - the sidebar's counts, read on the reading thread, are on the screen

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:  # type: ignore[override]
        """A text in the user's language, from the context of the part of the window that says it: lupdate files
        each part's strings under its class (Triage, Pages…). PySide6's own lookup walks the classes too, but stops
        at the first for a counted text ("%Ln conversation(s)…"), whose untranslated form differs from its source."""
        untranslated = QCoreApplication.translate(NO_CONTEXT, text, disambiguation, n)
        for part in type(self).__mro__:
            if part is QMainWindow:
                break
            found = QCoreApplication.translate(part.__name__, text, disambiguation, n)
            if found != untranslated:
                return found
        return untranslated

    def __init__(self, context: WindowDesk, settings: QSettings) -> None:
        super().__init__()
        self.context = context
        self._tasks = Tasks()
        """The window's own coroutines (image loads, attachment saves), kept until they end."""
        self.settings = settings
        self._starting = True
        self._painted = False
        self._start_writes: list[Callable[[], None]] = []
        self.setWindowTitle(self.tr("cmdesk"))
        self.resize(1280, 800)
        self._views: list[SavedView] = []
        self._view_counts: dict[str, int] = {}
        self.counts_shown = False
        self._undo = UndoStack()

        self.pages = QStackedWidget(self)
        self.composer: ComposerPane | None = None
        self.calendar: CalendarPane | None = None
        self.outbox_pane: OutboxPane | None = None
        self.reports_pane: ReportsPane | None = None
        self._sources: SourcesPane | None = None
        self._welcome: WelcomePage | None = None

        self.sidebar = Sidebar(self)
        self.sidebar.viewChosen.connect(self._apply_view)
        self.sidebar.scopeChosen.connect(self._scope_changed)
        self.model = ConversationListModel(context.reader, parent=self, load=False)
        # A one-column QTableView with fixed row heights: QListView laid out all 285,000 rows of a large inbox on
        # start (0.9 s in bench/ui.py) and QTreeView still visited each row through the Python model (0.24 s).
        self.list = QTableView(self)
        self.list.setModel(self.model)
        self.list.horizontalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.verticalHeader().hide()
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        delegate = ConversationDelegate(self.list)
        self.list.setItemDelegate(delegate)
        rows = self.list.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(delegate.row_height(self.list.font()))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(lambda _index: self.thread.browser.setFocus())
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(theme.text_style("meta") + " padding: 24px;")
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.list)
        centre_layout.addWidget(self.empty)
        self.thread = ThreadView(self, ReplyDrafts(settings))
        delegate.has_draft = self.thread.drafts.has  # type: ignore[method-assign]
        delegate.present = self.present_in  # type: ignore[method-assign]
        self.thread.reply.textChanged.connect(self.writing_here)
        self.thread.drafts.changed = lambda _conversation_id: self.list.viewport().update()
        self.thread.replyRequested.connect(self._reply)
        self.thread.messageActionRequested.connect(self._message_action)
        self.thread.outboxActionRequested.connect(self._outbox_action)
        self.thread.imagesRequested.connect(self._load_images)
        self.thread.attachmentRequested.connect(self._save_attachment)
        self.thread.personRequested.connect(self.show_person)
        self.thread.sentimentRequested.connect(self.correct_message_sentiment)
        for reading in (self.thread.browser, self.thread.reply):
            # Esc from the thread or the reply box: back to the list (a reply being typed stays as a draft).
            back = QShortcut(QKeySequence(Qt.Key.Key_Escape), reading, self.list.setFocus)
            back.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.reply_snippets = SnippetButton(
            context.reader,
            context,
            lambda: self.thread.reply,
            self._conversation_client,
            self.thread,
            self._snippet_values,
            lambda: snippets.conversation_language(self.thread.messages),
        )
        self.reply_snippets.watch(self.thread.reply)
        self.thread.reply_tools.addWidget(self.reply_snippets)
        self.reply_snippets.setEnabled(self.thread.reply.isEnabled())
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.thread)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([250, 430, 600])
        self.pages.addWidget(self.splitter)
        self.damage_bar = DamageBar(self)
        self.damage_bar.chosen.connect(self._repair)
        self.alert_bar = AlertBar(self)
        self.alert_bar.seeRequested.connect(self.see_alert)
        self.alert_bar.crisisRequested.connect(self.open_crisis)
        self.alert_bar.acknowledged.connect(self.acknowledge_alert)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.damage_bar)
        central_layout.addWidget(self.alert_bar)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.model.readFailed.connect(self.read_failed)

        self.typing_guard = TypingGuard(self)
        self.typing_guard.watch(QApplication.instance(), self)
        self.typing_guard.blocked.connect(
            lambda reason: self.statusBar().showMessage(
                self.tr("Not taken as commands: {reason}").format(reason=reason), 8000
            )
        )
        self._build_actions()
        self._build_toolbar()
        self._build_status_bar()
        context.bridge.accountStarted.connect(self._sync_started)
        context.bridge.accountFinished.connect(self._sync_finished)
        context.bridge.outboxChanged.connect(self._outbox_changed)
        context.bridge.clockJumped.connect(
            lambda _seconds: self.statusBar().showMessage(self.tr("Back from sleep: syncing everything…"), 5000)
        )
        context.bridge.changed.connect(self._on_changed)
        context.bridge.presenceChanged.connect(self.presence_changed)
        context.bridge.teamArrived.connect(self._team_arrived)
        context.bridge.damageFound.connect(self.damage_bar.show_damage)
        context.bridge.alertsRaised.connect(self.alerts_raised)
        context.bridge.repaired.connect(self._repaired)
        context.bridge.writeFailed.connect(
            lambda reason: self.statusBar().showMessage(
                self.tr("Not saved: {reason}").format(reason=plain(reason)), 10000
            )
        )
        self._new_since_refresh = False
        self._last_refresh = time.monotonic()
        self._syncing: set[int] = set()
        self._synced: set[int] = set()
        self.sync_refresh = QTimer(self)
        self.sync_refresh.setSingleShot(True)
        self.sync_refresh.setInterval(SYNC_REFRESH_MS)
        self.sync_refresh.timeout.connect(self._refresh_after_sync)
        self.wake_timer = QTimer(self)
        self.wake_timer.setInterval(WAKE_CHECK_MS)
        self.wake_timer.timeout.connect(self.wake_snoozed)
        self.wake_timer.timeout.connect(self._count_again)
        self.wake_timer.timeout.connect(self.write_due_reports)
        self._reports_failed: dict[tuple[int, date], float] = {}
        self.wake_timer.start()
        self._after_start(self.wake_snoozed)
        QTimer.singleShot(START_WRITES_LATEST_MS, self.write_due_reports)  # what came due while cmdesk was closed
        QTimer.singleShot(0, self.refresh_alerts)  # a read: after the first paint, not held back with the writes
        QTimer.singleShot(START_WRITES_LATEST_MS, self._run_start_writes)
        self._quitting = False
        self._told: set[tuple[int, datetime]] = set()
        self.tray = DeskTray(QApplication.windowIcon(), self, self.sync_all, self.quit_app)
        QTimer.singleShot(0, lambda: self.notify_new(quietly=True))  # unread at start: told of never; after the paint
        self.refresh_all()
        self._restore()

    def _after_start(self, write: Callable[[], None]) -> None:
        """Run a write now, or once the first screen is painted (a write imports SQLAlchemy, ~0.25 s)."""
        if self._starting:
            self._start_writes.append(write)
        else:
            write()

    def _run_start_writes(self) -> None:
        self._starting = False
        writes, self._start_writes = self._start_writes, []
        for write in writes:
            write()

    @property
    def painted(self) -> bool:
        """Whether the first screen has been painted (`firstPainted` was or is about to be emitted)."""
        return self._painted

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            # The whole window is painted in this pass; what waited for it runs in the next turn of the loop.
            self._painted = True
            self._starting = False
            QTimer.singleShot(0, self.firstPainted.emit)
            QTimer.singleShot(START_WRITES_AFTER_PAINT_MS, self._run_start_writes)

    def _showing(self, page: QWidget | None) -> bool:
        return page is not None and self.pages.currentWidget() is page

    def refresh_all(self) -> None:
        """Re-read what the sidebar, the status bar and the page choice depend on; the counts follow from the
        reading thread (`_count_soon`), the sidebar keeps the last ones meanwhile."""
        workspace = self.context.reader.workspace()
        clients, accounts, states, labels = workspace.clients, workspace.accounts, workspace.states, workspace.labels
        waiting = workspace.waiting
        moderating = any(networks.capabilities(account.network).can_moderate for account in accounts)
        views = builtin_views(reply_networks(), moderating=moderating, person=workspace.person)
        self._account_uids = {account.id: account.uid for account in accounts}
        self.assign_action.setVisible(bool(workspace.person))
        self._views = views + [label_view(label.id, label.name) for label in labels]
        if self.sidebar.show_workspace(self._views, self._view_counts, clients, accounts, states):
            self._rebuild_view_menu()
        self._count_soon([label.id for label in labels])
        if self._sources is not None and self._showing(self._sources):
            self._sources.refresh()
        elif self.composer is not None and self._showing(self.composer):
            self.composer.refresh()
        elif self.calendar is not None and self._showing(self.calendar):
            self.calendar.refresh()
        elif self.outbox_pane is not None and self._showing(self.outbox_pane):
            self.outbox_pane.refresh()
        elif accounts:
            self.pages.setCurrentWidget(self.splitter)
        elif not self._showing(self.welcome):
            self.pages.setCurrentWidget(self.welcome)
            self.welcome.add_button.setFocus()  # the first thing to do, Enter away (not the search of nothing)
        has_demo = any(client.is_demo for client in clients)
        self.demo_action.setVisible(not has_demo)
        self.remove_demo_action.setVisible(has_demo)
        self._update_status(accounts, states, waiting)

    def _count_soon(self, label_ids: list[int]) -> None:
        """Count every view's conversations (and the unread ones, for the tray) on the reading thread."""
        scope = self._scope_filter()
        label_views = {key: self._scope_filter(ConversationFilter(label_ids=(key,))) for key in label_ids}
        unread_view = ConversationFilter(statuses=(Status.OPEN.value,), unread_only=True)
        builtin = [view for view in self._views if not view.key.startswith("label:")]
        views = [view for view in builtin if view.counted_from_tallies]
        apart = {view.key: self._scope_filter(view.view) for view in builtin if not view.counted_from_tallies}

        def count(reader: Reader) -> tuple[dict[str, int], int]:
            tallies = reader.tallies(scope)
            counts = {view.key: view.count(tallies) for view in views}
            counts.update({key: reader.count(view) for key, view in apart.items()})
            counts.update({f"label:{key}": reader.count(view) for key, view in label_views.items()})
            return counts, reader.count_up_to(unread_view, UNREAD_BADGE_CAP)

        self.context.reads.submit("counts", count, self._show_counts, self)

    def _count_again(self) -> None:
        """Overdue grows with the clock alone: every wake check reads the counts again."""
        self._count_soon([int(view.key[6:]) for view in self._views if view.key.startswith("label:")])

    def _count_view_soon(self, view: ConversationFilter, then: Callable[[int], None]) -> None:
        self.context.reads.submit("view count", lambda reader: reader.count(view), then, self)

    def _show_counts(self, result: tuple[dict[str, int], int]) -> None:
        if not self._painted:  # the first screen first: counts (now ~5 ms on 1M) set before it delayed it ~150 ms
            self.firstPainted.connect(lambda: self._show_counts(result), Qt.ConnectionType.SingleShotConnection)
            return
        self._view_counts, unread = result
        self.sidebar.set_counts(self._view_counts)
        self.tray.set_unread(unread)
        self.counts_shown = True
        self.countsShown.emit()

    def _scope_filter(self, view: ConversationFilter | None = None) -> ConversationFilter:
        client_id, account_id = self.sidebar.scope
        return scoped(view or ConversationFilter(), client_id, account_id)

    def _rebuild_view_menu(self) -> None:
        self.view_menu.clear()
        for action in self._page_actions():
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for number, view in enumerate(self._views):
            action = QAction(view.title, self.view_menu)
            if number < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, key=view.key: self.go_to_view(key))
            self.view_menu.addAction(action)

    def _snippet_values(self) -> dict[str, str]:
        """A snippet's variables in this conversation: who waits (the latest in), the client, its signature, today."""
        row = self.thread.conversation
        values = client_values(self.context.reader, row.client_id if row is not None else None)
        if row is None:
            return values
        waiting = [m for m in self.thread.messages if m.direction == "in"]
        name = (waiting[-1].author_name if waiting else "") or row.last_author
        return values | snippets.person_values(name)

    def show_person(self, name: str) -> None:
        """The author card of `name`: read on the reading thread (it looks through every message), then shown."""

        def read(reader: Reader) -> tuple[Person, list[Conversation]]:
            found = reader.person(name)
            return found, reader.conversations_by_ids(list(found.conversation_ids))

        self.context.reads.submit("person", read, self._show_person_card, self)

    def _show_person_card(self, found: tuple[Person, list[Conversation]]) -> None:
        from cmdesk.ui.person_card import PersonCard

        card = PersonCard(found[0], found[1], self.context, self)
        card.conversationRequested.connect(self.open_conversation)
        self.person_card = card
        card.open()

    def open_conversation(self, conversation_id: int) -> None:
        """Show one conversation, whatever the view: from All open, or by itself when no view lists it."""
        self.show_inbox()
        self.sidebar.choose_view("open")
        found = self.context.reader.conversations_by_ids([conversation_id])
        if not found:
            return
        row = self.model.locate(found[0])
        if row >= 0:
            self._after_reload(row)
        else:
            self._show_thread(found[0])

    def go_to_view(self, key: str) -> None:
        """A saved view from the menu, Ctrl+1…9 or the palette: the inbox comes forward with it, whatever page was
        shown."""
        self.show_inbox()
        self.sidebar.choose_view(key)

    def _apply_view(self, view: SavedView | None) -> None:
        if view is None:
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        # While the window starts, the list shows its first rows without waiting for the view's count.
        self.model.set_view(self._scope_filter(view.view), count_soon=self._count_view_soon if self._starting else None)
        if self.settings.value("last_view") != view.key:  # a start restoring it writes nothing (nor syncs the disk)
            self.settings.setValue("last_view", view.key)
        self._after_reload(0)

    def _scope_changed(self, _client_id: int | None, _account_id: int | None) -> None:
        self._apply_view(self.sidebar.current_view)
        self.refresh_all()

    def _after_reload(self, row: int) -> None:
        count = self.model.rowCount()
        if count:
            row = max(0, min(row, count - 1))
            index = self.model.index(row)
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)
        else:
            self.thread.show_conversation(None, [], "")
        self._show_empty_state(count == 0)

    def _show_empty_state(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.list.setVisible(not empty)
        if not empty:
            return
        if self.model.search_text:
            self.empty.setText(self.tr("No message matches “{text}”.").format(text=self.model.search_text))
        elif self._no_target_yet():
            self.empty.setText(
                self.tr(
                    "Nothing is overdue until a client has a first-response target: Sources → a client → "
                    "Client settings… → “First answer within”."
                )
            )
        elif (current := self.sidebar.current_view) is not None and current.view.held:
            self.empty.setText(
                self.tr(
                    "Nothing waits for moderation. Comments a network holds for review (YouTube's “Held for "
                    "review”) come here, to approve or hide."
                )
            )
        else:
            view = self.sidebar.current_view
            self.empty.setText(
                self.tr("Nothing here. Inbox zero in “{view}” — enjoy the calm.").format(
                    view=view.title if view else ""
                )
            )

    def _no_target_yet(self) -> bool:
        view = self.sidebar.current_view
        if view is None or not view.view.overdue:
            return False
        return all(client.hours.target_minutes is None for client in self.context.reader.workspace().clients)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ConversationRole) if current.isValid() else None
        if row is None:
            self.thread.show_conversation(None, [], "")
            return
        self._show_thread(row)
        if row.unread:
            self._after_start(lambda: self.context.submit(triage_service.opened(row.id)))

    def selected_ids(self) -> list[int]:
        rows = sorted(self.list.selectionModel().selectedIndexes(), key=lambda index: index.row())
        ids = [index.data(ConversationIdRole) for index in rows]
        if not ids and self.list.currentIndex().isValid():
            ids = [self.list.currentIndex().data(ConversationIdRole)]
        return ids

    def _on_changed(self, changes: Changes) -> None:
        """The one reaction to what a command changed (services/commands.py), whoever asked for it: the rows and
        the thread it touched, the sidebar and its counts, the page on show, the list when sources went away."""
        if changes.conversations and not changes.views:
            self.model.refresh_rows(sorted(changes.conversations))
        shown = self.thread.conversation
        if shown is not None and shown.id in changes.conversations:
            self._refresh_thread()
        self.refresh_all()
        if changes.workspace and changes.views:
            self.model.reload()
            self._after_reload(0)

    def read_failed(self, reason: str) -> None:
        """A read the database could not answer: said in the status bar, and the database checked (the damage bar
        then offers what can be done)."""
        self.statusBar().showMessage(self.tr("Could not read: {reason}").format(reason=reason), 15000)
        self.context.check_health()

    def _repair(self, kind: str) -> None:
        self.damage_bar.busy(self.tr("Repairing…"))
        self.context.repair(kind)

    def _repaired(self, what: str) -> None:
        self.damage_bar.clear()
        self.statusBar().showMessage(what, 15000)
        self.model.reload()
        self._after_reload(0)

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = self.settings.value("last_view", "open")
        self.sidebar.choose_view(str(last) if any(v.key == last for v in self._views) else "open")

    def quit_app(self) -> None:
        """Quit (the menu, the tray): cmdesk stops, the background agent too (app/main.py)."""
        self._quitting = True
        self.close()
        QApplication.quit()

    @property
    def quit_requested(self) -> bool:
        """The user quit (rather than closed the window): nothing keeps syncing until cmdesk starts again."""
        return self._quitting

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.fit_toolbar(event.size().width())
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.thread.save_draft()
        from cmdesk.services import agent_setup

        keep = bool(self.settings.value("close_to_tray", False, bool)) and agent_setup.installed() is None
        if keep and self.tray.available and not self._quitting:
            event.ignore()
            self.hide()
            if not self.settings.value("told_about_tray", False, bool):
                self.settings.setValue("told_about_tray", True)
                self.tray.tray.showMessage(
                    "cmdesk", self.tr("cmdesk keeps syncing here. Quit from this icon's menu."), self.tray.tray.icon()
                )
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
