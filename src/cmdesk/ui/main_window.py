"""The main window: sidebar (views, clients, accounts), the conversation list, the thread; menus, keyboard
triage, search, status bar. Reads the database through storage queries; never calls the network itself.

Its first screen is read with the plain-SQL reads (`Database.snapshot()`, storage/rawsql.py) and nothing it
imports at start imports SQLAlchemy; the modules that write through SQLAlchemy (the outbox, the demo) are
imported where they are used, and what the window would write while it starts (waking snoozed conversations,
marking the restored conversation read) waits for its first paint (`firstPainted`).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cmdesk import __version__, paths
from cmdesk.app.context import AppContext, why_not_reply
from cmdesk.domain import Health, SignInKind, Status
from cmdesk.models import snooze_choices
from cmdesk.models.conversation_list_model import ConversationIdRole, ConversationListModel, ConversationRole
from cmdesk.models.saved_views import SavedView, builtin_views, label_view, scoped
from cmdesk.services import networks, outbox_actions, replies
from cmdesk.services import triage as triage_service
from cmdesk.services.commands import Changes, Command
from cmdesk.services.triage import UndoStack
from cmdesk.storage import outbox_reads, queries, syncstate, triage, workspace_reads
from cmdesk.storage.queries import ConversationFilter, ConversationRow
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.conversation_delegate import ConversationDelegate, local_time
from cmdesk.ui.preferences_dialog import PreferencesDialog
from cmdesk.ui.reply_drafts import ReplyDrafts
from cmdesk.ui.sidebar import Sidebar
from cmdesk.ui.snippet_menu import SnippetButton
from cmdesk.ui.thread_view import ThreadView
from cmdesk.ui.tray import NOTIFIABLE, NOTIFIED_BY_DEFAULT, DeskTray
from cmdesk.ui.welcome_page import WelcomePage

if TYPE_CHECKING:
    from cmdesk.services.triage import TriageState
    from cmdesk.sync.engine import AccountResult
    from cmdesk.sync.outbox import SendResult
    from cmdesk.ui.calendar_pane import CalendarPane
    from cmdesk.ui.composer_pane import ComposerPane
    from cmdesk.ui.outbox_pane import OutboxPane
    from cmdesk.ui.sources_pane import SourcesPane

log = logging.getLogger(__name__)
T = TypeVar("T")
UNREAD_BADGE_CAP = 100
"""The tray badge says 99+ beyond: counting further would cost ~0.2 s on a million conversations."""
WAKE_CHECK_MS = 30_000
SYNC_REFRESH_MS = 700
"""While accounts finish syncing one after another, the list and counts refresh once things go quiet for this
long, not after every account (which stalled the window on large databases)…"""
SYNC_REFRESH_MAX_S = 3.0
"""…but at least this often during a long sync, so new conversations keep appearing."""
SYNC_REFRESH_SPREAD_MS = 15
"""The list, the sidebar and the notifications refresh in separate turns of the event loop, this far apart."""
START_WRITES_AFTER_PAINT_MS = 250
"""What the window asked to write while it was being built runs this long after its first paint, once the app's
event loop runs (the write then goes to the writer thread, which imports SQLAlchemy there)…"""
START_WRITES_LATEST_MS = 2000
"""…or this long after it was built, if it is never painted (started hidden)."""


class MainWindow(QMainWindow):
    firstPainted = Signal()  # noqa: N815 - Qt naming; the window's first screen is on the screen
    countsShown = Signal()  # noqa: N815 - the sidebar's counts, read on the reading thread, are on the screen

    def __init__(self, context: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.context = context
        self.settings = settings
        self._starting = True
        self._painted = False
        self._start_writes: list[Callable[[], None]] = []
        self.setWindowTitle(self.tr("cmdesk"))
        self.resize(1280, 800)
        self._views: list[SavedView] = []
        self._view_counts: dict[str, int] = {}
        self._sidebar_shows: object = None
        self.counts_shown = False
        self._undo = UndoStack()

        self.pages = QStackedWidget(self)
        self.composer: ComposerPane | None = None
        self.calendar: CalendarPane | None = None
        self.outbox_pane: OutboxPane | None = None
        self._sources: SourcesPane | None = None
        self.welcome = WelcomePage(self)
        self.welcome.addSourceRequested.connect(self.add_source)
        self.welcome.demoRequested.connect(self.load_demo)
        self.pages.addWidget(self.welcome)

        self.sidebar = Sidebar(self)
        self.sidebar.viewChosen.connect(self._apply_view)
        self.sidebar.scopeChosen.connect(self._scope_changed)
        self.model = ConversationListModel(context.database, parent=self, load=False)
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
        self.empty.setStyleSheet("color: #757575; padding: 24px;")
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.list)
        centre_layout.addWidget(self.empty)
        self.thread = ThreadView(self, ReplyDrafts(settings))
        delegate.has_draft = self.thread.drafts.has  # type: ignore[method-assign]
        self.thread.drafts.changed = lambda _conversation_id: self.list.viewport().update()
        self.thread.replyRequested.connect(self._reply)
        self.thread.messageActionRequested.connect(self._message_action)
        self.thread.outboxActionRequested.connect(self._outbox_action)
        self.thread.imagesRequested.connect(self._load_images)
        self.thread.attachmentRequested.connect(self._save_attachment)
        for reading in (self.thread.browser, self.thread.reply):
            # Esc from the thread or the reply box: back to the list (a reply being typed stays as a draft).
            back = QShortcut(QKeySequence(Qt.Key.Key_Escape), reading, self.list.setFocus)
            back.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.reply_snippets = SnippetButton(
            context.database, context, lambda: self.thread.reply, self._conversation_client, self.thread
        )
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
        self.setCentralWidget(self.pages)

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
        context.bridge.writeFailed.connect(
            lambda reason: self.statusBar().showMessage(self.tr("Not saved: {reason}").format(reason=reason), 10000)
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
        self.wake_timer.start()
        self._after_start(self.wake_snoozed)
        QTimer.singleShot(START_WRITES_LATEST_MS, self._run_start_writes)
        self._quitting = False
        self._told: set[tuple[int, datetime]] = set()
        self.tray = DeskTray(QApplication.windowIcon(), self, self.sync_all, self.quit_app)
        self.notify_new(quietly=True)  # what is unread at start was there before: no notification for it
        self.refresh_all()
        self._restore()

    # start-up ----------------------------------------------------------------------------------------------------

    def _after_start(self, write: Callable[[], None]) -> None:
        """Run a write now, or later if the window is still being built and painted: a write imports SQLAlchemy
        (~0.25 s) and would hold the first screen back."""
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

    @property
    def sources(self) -> SourcesPane:
        """The Sources pane, built the first time it is needed (it is not on the first screen)."""
        if self._sources is None:
            from cmdesk.ui.sources_pane import SourcesPane

            pane = SourcesPane(self.context.database, self.context, self)
            pane.changed.connect(self._sources_changed)
            pane.syncRequested.connect(self.context.sync_now)
            pane.addSourceRequested.connect(self.add_source)
            pane.addMastodonRequested.connect(self.add_mastodon)
            pane.addEmailRequested.connect(self.add_email)
            pane.signInRequested.connect(self.sign_in_again)
            pane.accountsRemoved.connect(lambda uids: [self.context.forget_secret(uid) for uid in uids])
            self.pages.addWidget(pane)
            self._sources = pane
        return self._sources

    def _showing(self, page: QWidget | None) -> bool:
        return page is not None and self.pages.currentWidget() is page

    # structure ---------------------------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str | QKeySequence | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.add_source_action = self._action(self.tr("&Add a source…"), self.add_source, "Ctrl+N")
        self.add_mastodon_action = self._action(self.tr("Add a &Mastodon account…"), self.add_mastodon)
        self.add_email_action = self._action(self.tr("Add an &e-mail account…"), self.add_email)
        self.sync_action = self._action(self.tr("&Sync all"), self.sync_all, QKeySequence.StandardKey.Refresh)
        self.demo_action = self._action(self.tr("Load the &demo workspace"), self.load_demo)
        self.remove_demo_action = self._action(self.tr("&Remove the demo workspace"), self.remove_demo)
        quit_action = self._action(self.tr("&Quit"), self.quit_app, QKeySequence.StandardKey.Quit)
        for action in (
            self.add_source_action,
            self.add_mastodon_action,
            self.add_email_action,
            self.sync_action,
            None,
            self.demo_action,
            self.remove_demo_action,
            None,
            quit_action,
        ):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        self.done_action = self._action(self.tr("Mark &done"), lambda: self.set_status(Status.DONE), "E")
        self.open_action = self._action(self.tr("Re&open"), lambda: self.set_status(Status.OPEN), "Shift+O")
        self.pending_action = self._action(self.tr("Mark &pending"), lambda: self.set_status(Status.PENDING), "P")
        self.snooze_action = self._action(self.tr("&Snooze…"), self.snooze_menu, "S")
        self.unread_action = self._action(self.tr("Toggle &unread"), self.toggle_unread, "U")
        self.label_action = self._action(self.tr("&Label…"), self.label_menu, "L")
        self.reply_action = self._action(self.tr("&Reply"), self.focus_reply, "R")
        select_all = self._action(self.tr("Select &all"), self.list.selectAll, QKeySequence.StandardKey.SelectAll)
        for action in (
            self.done_action,
            self.open_action,
            self.pending_action,
            self.snooze_action,
            self.unread_action,
            self.label_action,
            self.reply_action,
            select_all,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action(self.tr("&Preferences…"), self.show_preferences, QKeySequence.StandardKey.Preferences)
        )

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.inbox_action = self._action(self.tr("&Inbox"), self.show_inbox, "Ctrl+Shift+I")
        self.sources_action = self._action(self.tr("S&ources"), self.show_sources, "Ctrl+Shift+S")
        self.compose_action = self._action(self.tr("&Compose"), self.show_composer, "C")
        self.calendar_action = self._action(self.tr("C&alendar"), self.show_calendar, "Ctrl+Shift+C")
        self.outbox_action = self._action(self.tr("Out&box"), self.show_outbox, "Ctrl+Shift+O")
        for action in self._page_actions():
            action.setCheckable(True)
        self.inbox_action.setChecked(True)
        go_menu = bar.addMenu(self.tr("&Go"))
        go_menu.addAction(self._action(self.tr("&Next conversation"), lambda: self.move(1), "J"))
        go_menu.addAction(self._action(self.tr("&Previous conversation"), lambda: self.move(-1), "K"))
        go_menu.addAction(self._action(self.tr("&Search"), self.focus_search, "/"))
        go_menu.addAction(
            self._action(self.tr("Search (alternative)"), self.focus_search, QKeySequence.StandardKey.Find)
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, "?"))
        help_menu.addAction(self._action(self.tr("&About cmdesk"), self.show_about))

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.inbox_action)
        toolbar.addAction(self.compose_action)
        toolbar.addAction(self.calendar_action)
        toolbar.addAction(self.outbox_action)
        toolbar.addAction(self.sources_action)
        toolbar.addSeparator()
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.add_source_action)
        toolbar.addSeparator()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search everything synced  ( / )"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(420)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda text: self.run_search() if not text else None)
        # Esc in the search box: back to the view, hands back on the list (as a mail client's quick filter).
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.leave_search)
        leave.setContext(Qt.ShortcutContext.WidgetShortcut)
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.sync_label = QLabel(self)
        self.network_label = QLabel(self)
        self.outbox_label = QLabel(self)
        for label in (self.sync_label, self.network_label, self.outbox_label):
            self.statusBar().addPermanentWidget(label)

    # data --------------------------------------------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Re-read what the sidebar, the status bar and the page choice depend on; the counts follow from the
        reading thread (`_count_soon`), the sidebar keeps the last ones meanwhile."""
        with self.context.database.snapshot() as connection:
            clients = workspace_reads.list_clients(connection)
            accounts = workspace_reads.list_accounts(connection)
            states = syncstate.load_all(connection)
            labels = triage.list_labels(connection)
            waiting = outbox_reads.count_pending(connection)
        self._views = builtin_views() + [label_view(label.id, label.name) for label in labels]
        shown = (
            [(view.key, view.title) for view in self._views],
            clients,
            accounts,
            {key: (state.health, state.reason) for key, state in states.items()},
        )
        if shown != self._sidebar_shows:
            # Rebuilt only when something it shows changed, not after every synced account (~15 ms each time).
            self._sidebar_shows = shown
            self.sidebar.populate(self._views, self._view_counts, clients, accounts, states)
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
        else:
            self.pages.setCurrentWidget(self.splitter if accounts else self.welcome)
        has_demo = any(client.is_demo for client in clients)
        self.demo_action.setVisible(not has_demo)
        self.remove_demo_action.setVisible(has_demo)
        self._update_status(accounts, states, waiting)

    def _count_soon(self, label_ids: list[int]) -> None:
        """Count every view's conversations (and the unread ones, for the tray) on the reading thread: on a large
        database this takes ~100 ms, which the window does not wait for."""
        scope = self._scope_filter()
        label_views = {key: self._scope_filter(ConversationFilter(label_ids=(key,))) for key in label_ids}
        unread_view = ConversationFilter(statuses=(Status.OPEN.value,), unread_only=True)
        views = [view for view in self._views if not view.key.startswith("label:")]

        def count(connection: sqlite3.Connection) -> tuple[dict[str, int], int]:
            tallies = queries.tallies_by_status_and_kind(connection, scope)
            counts = {view.key: view.count(tallies) for view in views}
            counts.update({f"label:{key}": queries.count(connection, view) for key, view in label_views.items()})
            return counts, queries.count_up_to(connection, unread_view, UNREAD_BADGE_CAP)

        self.context.reads.submit("counts", count, self._show_counts, self)

    def _count_view_soon(self, view: ConversationFilter, then: Callable[[int], None]) -> None:
        self.context.reads.submit("view count", lambda connection: queries.count(connection, view), then, self)

    def _show_counts(self, result: tuple[dict[str, int], int]) -> None:
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
            action.triggered.connect(lambda _checked=False, key=view.key: self.sidebar.choose_view(key))
            self.view_menu.addAction(action)

    def _apply_view(self, view: SavedView | None) -> None:
        if view is None:
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        # While the window starts, the list shows its first rows without waiting for the view's count.
        self.model.set_view(self._scope_filter(view.view), count_soon=self._count_view_soon if self._starting else None)
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
        else:
            view = self.sidebar.current_view
            self.empty.setText(
                self.tr("Nothing here. Inbox zero in “{view}” — enjoy the calm.").format(
                    view=view.title if view else ""
                )
            )

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

    # triage ------------------------------------------------------------------------------------------------------

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

    def _changed(self, ids: list[int], message: str) -> None:
        """After a change that moves conversations between views: reload the list keeping the position, say what
        happened (the counts follow from `_on_changed`)."""
        row = min((self.model.row_of(key) for key in ids if self.model.row_of(key) >= 0), default=0)
        self.model.reload()
        self._after_reload(row)
        self.statusBar().showMessage(message, 6000)

    def _triage(self, command: Command[TriageState], message: str, then: Callable[[str], None]) -> None:
        """Make a triage change the user can take back (the service captures the state before it inside the same
        write); `then` gets the message to show, which says how to undo it."""

        def made(before: TriageState) -> None:
            self._undo.push(message, before)
            self._show_undo()
            key = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            then(self.tr("{change} · {key} to undo").format(change=message, key=key))

        self.context.submit(command, made)

    def _show_undo(self) -> None:
        last = self._undo.last
        self.undo_action.setEnabled(last is not None)
        self.undo_action.setText(self.tr("&Undo: {change}").format(change=last) if last else self.tr("&Undo"))

    def undo(self) -> None:
        """Take back the last triage change: the conversations get their status, snooze time, read mark and
        labels back, and the first of them is selected again if the view shows it."""
        last = self._undo.pop()
        if last is None:
            return
        what, before = last
        self._show_undo()

        def undone(back: list[int]) -> None:
            current = self.list.currentIndex().row()
            self.model.reload()
            rows = [row for row in (self.model.row_of(key) for key in back) if row >= 0]
            self._after_reload(min(rows) if rows else max(current, 0))
            self.statusBar().showMessage(self.tr("Undone: {change}").format(change=what), 6000)

        self.context.submit(triage_service.undo(before), undone)

    def set_status(self, status: Status, until: datetime | None = None) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        n = len(ids)
        names = {
            Status.DONE: self.tr("%Ln conversation(s) marked done", "", n),
            Status.OPEN: self.tr("%Ln conversation(s) reopened", "", n),
            Status.PENDING: self.tr("%Ln conversation(s) marked pending", "", n),
            Status.SNOOZED: self.tr("%Ln conversation(s) snoozed", "", n),
        }
        self._triage(
            triage_service.set_status(ids, status, until), names[status], lambda shown: self._changed(ids, shown)
        )

    def snooze_menu(self) -> None:
        if not self.selected_ids():
            return
        now = datetime.now(UTC)
        menu = QMenu(self)
        for title, when in (
            (self.tr("Later today"), snooze_choices.later_today(now)),
            (self.tr("Tomorrow morning"), snooze_choices.tomorrow_morning(now)),
            (self.tr("Next week"), snooze_choices.next_week(now)),
        ):
            label = f"{title}\t{local_time(when, 'ddd HH:mm')}"
            menu.addAction(label).triggered.connect(lambda _c=False, w=when: self.set_status(Status.SNOOZED, w))
        menu.addSeparator()
        menu.addAction(self.tr("Pick a date and time…")).triggered.connect(self._pick_snooze)
        menu.popup(self.list.mapToGlobal(self.list.visualRect(self.list.currentIndex()).center()))

    def _pick_snooze(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Snooze until"))
        editor = QDateTimeEdit(snooze_choices.tomorrow_morning(datetime.now(UTC)), dialog)
        editor.setCalendarPopup(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(editor)
        layout.addWidget(buttons)
        dialog.accepted.connect(lambda: self.set_status(Status.SNOOZED, editor.dateTime().toPython().astimezone(UTC)))
        dialog.open()

    def wake_snoozed(self) -> None:
        def woke(woken: list[int]) -> None:
            if woken:
                self._changed(woken, self.tr("%Ln snoozed conversation(s) are back", "", len(woken)))

        self.context.submit(triage_service.wake_due(utcnow()), woke)

    def toggle_unread(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        current = self.list.currentIndex().data(ConversationRole)
        make_unread = not (current.unread if current else False)
        message = (
            self.tr("%Ln conversation(s) marked unread", "", len(ids))
            if make_unread
            else self.tr("%Ln conversation(s) marked read", "", len(ids))
        )
        self._triage(triage_service.set_read(ids, not make_unread), message, self._say)

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def label_menu(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        with self.context.database.snapshot() as connection:
            labels = triage.list_labels(connection)
        current = self.list.currentIndex().data(ConversationRole)
        menu = QMenu(self)
        for label in labels:
            action = menu.addAction(label.name)
            action.setCheckable(True)
            action.setChecked(bool(current and label.name in current.labels))
            action.triggered.connect(
                lambda checked, key=label.id, name=label.name: self._label(ids, key, checked, name)
            )
        if labels:
            menu.addSeparator()
        menu.addAction(self.tr("New label…")).triggered.connect(lambda: self._new_label(ids))
        menu.popup(self.list.mapToGlobal(self.list.visualRect(self.list.currentIndex()).center()))

    def _label(self, ids: list[int], label_id: int, on: bool, name: str) -> None:
        message = (
            self.tr("Label “{name}” put on %Ln conversation(s)", "", len(ids))
            if on
            else self.tr("Label “{name}” taken off %Ln conversation(s)", "", len(ids))
        ).format(name=name)
        self._triage(triage_service.set_label(ids, label_id, on), message, self._say)

    def _new_label(self, ids: list[int]) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New label"), self.tr("Label name:"))
        if not ok or not name.strip():
            return
        with self.context.database.snapshot() as connection:
            proposed = triage.LABEL_COLOURS[len(triage.list_labels(connection)) % len(triage.LABEL_COLOURS)]
        colour = QColorDialog.getColor(QColor(proposed), self, self.tr("Label colour"))
        self.context.submit(
            triage_service.create_label(name, colour.name() if colour.isValid() else proposed),
            lambda label: self._label(ids, label.id, True, label.name),
            lambda reason: QMessageBox.warning(self, self.tr("New label"), reason),
        )

    def move(self, step: int) -> None:
        current = self.list.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_reply(self) -> None:
        if self.thread.reply.isEnabled():
            self.thread.reply.setFocus()

    def run_search(self) -> None:
        text = self.search.text().strip()
        if text:
            self.model.set_search(text)
            self._after_reload(0)
            if self.model.rowCount():
                self.list.setFocus()  # j/k, e, s… work on the results at once; / comes back to refine
        else:
            self._apply_view(self.sidebar.current_view)

    def leave_search(self) -> None:
        self.search.clear()
        self.list.setFocus()

    def _show_thread(self, row: ConversationRow) -> None:
        with self.context.database.snapshot() as connection:
            messages = queries.thread(connection, row.id)
            account = workspace_reads.get_account(connection, row.account_id)
            pending = outbox_reads.for_conversation(connection, row.id)
            activity = queries.activity_counts(connection, row.id)
        self.thread.show_conversation(
            row, messages, why_not_reply(row.network, account.is_demo), pending=pending, activity=activity
        )

    def _refresh_thread(self) -> None:
        current = self.thread.conversation
        if current is None:
            return
        with self.context.database.snapshot() as connection:
            found = queries.conversations_by_ids(connection, [current.id])
        if found:
            self._show_thread(found[0])
            self.model.refresh_rows([current.id])

    def _reply(self, conversation_id: int, text: str) -> None:
        """Queue the reply in the outbox (it survives a crash or a closed laptop) and show it as on its way."""

        def queued(_entry: object) -> None:
            self.thread.clear_reply(conversation_id)
            self.context.send_soon()

        self.context.submit(replies.queue_reply(conversation_id, text), queued)

    def _message_action(self, action: str, remote_id: str) -> None:
        row = self.thread.conversation
        if row is None:
            return
        if action == "delete":
            answer = QMessageBox.question(
                self,
                self.tr("Delete the post"),
                self.tr("Delete this post on the network? Replies to it stay; cmdesk keeps its text here."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        self.context.submit(
            replies.act_on_message(row.id, row.account_id, action, remote_id), lambda _entry: self.context.send_soon()
        )

    def _outbox_action(self, action: str, entry_id: int) -> None:
        def changed(_entry: object) -> None:
            if action == "retry":
                self.context.send_soon()

        command = outbox_actions.retry(entry_id) if action == "retry" else outbox_actions.cancel(entry_id)
        self.context.submit(command, changed, lambda reason: log.info("outbox %s %s: %s", action, entry_id, reason))

    def _load_images(self, urls: list[str]) -> None:
        import asyncio

        from cmdesk.app.media import fetch_images

        async def load() -> None:
            self.thread.add_images(await fetch_images(self.context, urls))

        if urls:
            asyncio.ensure_future(load())

    def _conversation_client(self) -> list[int]:
        """The client of the conversation being answered, whose snippets the reply box offers."""
        conversation = self.thread.conversation
        return [conversation.client_id] if conversation is not None else []

    def _save_attachment(self, message_id: int, part: int, name: str) -> None:
        import asyncio

        from cmdesk.app.attachments import AttachmentNotSaved, save_attachment
        from cmdesk.sync.attachments import free_path

        suggested = free_path(paths.downloads_dir(), name or "attachment")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the attachment"), str(suggested))
        if not chosen:
            return

        async def save() -> None:
            self.statusBar().showMessage(self.tr("Fetching {name} from the server…").format(name=name))
            try:
                saved = await save_attachment(self.context, message_id, part, Path(chosen))
            except AttachmentNotSaved as error:
                self.statusBar().clearMessage()
                QMessageBox.warning(
                    self,
                    self.tr("Save the attachment"),
                    self.tr("{name} was not saved: {reason}").format(name=name, reason=error),
                )
            else:
                self.statusBar().showMessage(self.tr("Saved {path}").format(path=saved), 6000)

        asyncio.ensure_future(save())

    def _outbox_changed(self, result: SendResult) -> None:
        self._refresh_thread()
        self.refresh_all()
        if result.state is outbox_reads.OutboxState.FAILED:
            self.statusBar().showMessage(self.tr("Not sent: {reason}").format(reason=result.reason), 8000)

    # sync and sources --------------------------------------------------------------------------------------------

    def sync_all(self) -> None:
        self.context.sync_now()
        self.statusBar().showMessage(self.tr("Syncing all sources…"), 3000)

    def _sync_started(self, account_id: int) -> None:
        self._syncing.add(account_id)
        self._show_sync_progress()
        if self._sources is not None and self._showing(self._sources):
            self._sources.refresh()

    def _show_sync_progress(self) -> None:
        done = len(self._synced)
        self.sync_label.setText(
            self.tr("⟳ syncing {done} of {total}…").format(done=done + 1, total=done + len(self._syncing))
        )

    def _sync_finished(self, result: AccountResult) -> None:
        self._syncing.discard(result.account_id)
        self._synced.add(result.account_id)
        if self._syncing:
            self._show_sync_progress()
        else:
            self._synced.clear()
        self._new_since_refresh = self._new_since_refresh or result.ingested.inserted > 0
        if time.monotonic() - self._last_refresh > SYNC_REFRESH_MAX_S:
            self._refresh_after_sync()
        else:
            self.sync_refresh.start()

    def _refresh_after_sync(self) -> None:
        """Show what the sync brought without moving the user: the selected conversation stays selected."""
        self.sync_refresh.stop()
        self._last_refresh = time.monotonic()
        if self._new_since_refresh:
            self._new_since_refresh = False
            current = self.thread.conversation
            self.model.reload()
            row = self.model.locate(current) if current is not None else -1
            if row >= 0:
                index = self.model.index(row)
                self.list.selectionModel().blockSignals(True)
                self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list.selectionModel().blockSignals(False)
                self.list.viewport().update()
            elif current is None:
                self._after_reload(0)
            self._show_empty_state(self.model.rowCount() == 0)
        # The rest in later turns of the event loop, a few ms apart so that input, painting and the sync's own
        # callbacks run in between: zero-delay timers all ran in one pass, 80–100 ms on a slow machine.
        QTimer.singleShot(SYNC_REFRESH_SPREAD_MS, self.refresh_all)
        QTimer.singleShot(2 * SYNC_REFRESH_SPREAD_MS, self.notify_new)

    def notify_new(self, *, quietly: bool = False) -> str:
        """A desktop notification for unread conversations that arrived (or got a new message) since the last look,
        of the kinds chosen in Preferences (direct messages and mentions by default). Each arrival is told once;
        what arrives in a kind the user does not follow is not told later either."""
        wanted = {
            kind for kind in NOTIFIABLE if self.settings.value(f"notify/{kind}", kind in NOTIFIED_BY_DEFAULT, bool)
        }
        with self.context.database.snapshot() as connection:
            rows = queries.conversation_page(
                connection, ConversationFilter(kinds=NOTIFIABLE, unread_only=True), limit=50
            )
        fresh = [row for row in rows if (row.id, row.last_activity_at) not in self._told and row.kind in wanted]
        self._told |= {(row.id, row.last_activity_at) for row in rows}
        return "" if quietly else self.tray.notify_new(fresh)

    def _update_status(self, accounts: list, states: dict, outbox: int) -> None:  # type: ignore[type-arg]
        if self._syncing:
            return
        real = [account for account in accounts if not account.is_demo]
        attention = [a for a in real if states.get(a.id) and states[a.id].health is Health.NEEDS_ATTENTION]
        retrying = [a for a in real if states.get(a.id) and states[a.id].health is Health.RETRYING]
        if not real:
            self.sync_label.setText(self.tr("No sources yet") if not accounts else self.tr("Demo workspace"))
        elif attention:
            self.sync_label.setText(self.tr("⚠ %Ln source(s) need attention", "", len(attention)))
            self.sync_label.setToolTip("\n".join(f"{a.name}: {states[a.id].reason}" for a in attention))
        else:
            self.sync_label.setText(self.tr("✓ %Ln source(s) up to date", "", len(real) - len(retrying)))
        offline = bool(real) and len(retrying) == len(real)
        self.network_label.setText(self.tr("● offline") if offline else self.tr("● online"))
        self.network_label.setStyleSheet("color: #c62828;" if offline else "color: #2e7d32;")
        self.outbox_label.setText(self.tr("Outbox: {n}").format(n=outbox))

    def _page_actions(self) -> tuple[QAction, ...]:
        return (self.inbox_action, self.compose_action, self.calendar_action, self.outbox_action, self.sources_action)

    def _check_page(self, action: QAction) -> None:
        for each in self._page_actions():
            each.setChecked(each is action)

    def show_inbox(self) -> None:
        self._check_page(self.inbox_action)
        self.pages.setCurrentWidget(self.welcome)
        self.refresh_all()
        self.list.setFocus()

    def _add_page(self, page: T) -> T:
        """Composer, calendar and outbox are built the first time they are shown: none delays the first paint."""
        self.pages.addWidget(page)  # type: ignore[arg-type]
        return page

    def _show_page(self, page: QWidget, action: QAction, focus: QWidget) -> None:
        self._check_page(action)
        self.pages.setCurrentWidget(page)
        page.refresh()  # type: ignore[attr-defined]
        focus.setFocus()

    def show_composer(self) -> None:
        if self.composer is None:
            from cmdesk.ui.composer_pane import ComposerPane

            self.composer = self._add_page(ComposerPane(self.context, self))
        self._show_page(self.composer, self.compose_action, self.composer.editor)

    def show_calendar(self) -> None:
        if self.calendar is None:
            from cmdesk.ui.calendar_pane import CalendarPane

            self.calendar = self._add_page(CalendarPane(self.context, self))
        self._show_page(self.calendar, self.calendar_action, self.calendar)

    def show_outbox(self) -> None:
        if self.outbox_pane is None:
            from cmdesk.ui.outbox_pane import OutboxPane

            self.outbox_pane = self._add_page(OutboxPane(self.context, self))
        self._show_page(self.outbox_pane, self.outbox_action, self.outbox_pane.tree)

    def show_sources(self) -> None:
        self._check_page(self.sources_action)
        self.pages.setCurrentWidget(self.sources)
        self.sources.refresh()
        self.sources.tree.setFocus()

    def _sources_changed(self) -> None:
        self.refresh_all()
        self.model.reload()
        self._after_reload(0)

    def _working_client(self) -> str | None:
        """The client the user is working on, for a new source: the one chosen in Sources, or in the sidebar."""
        client_id = (
            self._sources.chosen_client() if self._sources is not None and self._showing(self._sources) else None
        )
        client_id = client_id if client_id is not None else self.sidebar.scope[0]
        if client_id is None:
            return None
        with self.context.database.snapshot() as connection:
            clients = workspace_reads.list_clients(connection)
        return next((client.name for client in clients if client.id == client_id and not client.is_demo), None)

    def add_source(self) -> None:
        from cmdesk.ui.add_source_dialog import AddSourceDialog

        dialog = AddSourceDialog(self.context, self, self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added_account_id))
        dialog.mastodonRequested.connect(self.add_mastodon)
        dialog.emailRequested.connect(self.add_email)
        dialog.open()

    def add_mastodon(self) -> None:
        from cmdesk.ui.mastodon_dialog import MastodonSignInDialog

        dialog = MastodonSignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_email(self) -> None:
        from cmdesk.ui.email_dialog import EmailAccountDialog

        dialog = EmailAccountDialog(self.context, self, self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added_account_id))
        dialog.open()

    def sign_in_again(self, account_id: int) -> None:
        """The sign-in dialog of the account's sign-in kind (the browser's, today the only one that signs in again)."""
        from cmdesk.ui.mastodon_dialog import MastodonSignInDialog

        with self.context.database.snapshot() as connection:
            account = workspace_reads.get_account(connection, account_id)
            client = next((c.name for c in workspace_reads.list_clients(connection) if c.id == account.client_id), None)
        if networks.sign_in_kind(account.network) is not SignInKind.BROWSER_OAUTH:
            return
        dialog = MastodonSignInDialog(self.context, self, instance=account.address, client_name=client)
        dialog.accepted.connect(lambda: self._source_added(account_id))
        dialog.open()

    def _source_added(self, account_id: int | None) -> None:
        self.refresh_all()
        if account_id is not None:
            self.context.sync_now(account_id)

    def load_demo(self) -> None:
        from cmdesk.demo import load_demo

        loaded = load_demo(self.context.database)
        self.refresh_all()
        self._apply_view(self.sidebar.current_view)
        self.statusBar().showMessage(self.tr("Demo workspace loaded: %Ln message(s)", "", loaded), 5000)

    def remove_demo(self) -> None:
        from cmdesk.demo import demo_loaded, remove_demo

        if not demo_loaded(self.context.database):
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the demo workspace"),
            self.tr("Remove the two demo clients and all their conversations? Your own sources are not touched."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            remove_demo(self.context.database)
            self.sidebar.set_scope(None, None)
            self.refresh_all()
            self._apply_view(self.sidebar.current_view)

    # dialogs -----------------------------------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        def key(sequence: str | QKeySequence.StandardKey) -> str:
            """As the menus write it, in the user's language ("Maj+O" in French)."""
            return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)

        rows = [
            ("J / K", self.tr("Next / previous conversation")),
            (self.tr("Enter"), self.tr("Open the conversation (move to the thread)")),
            (self.tr("Esc"), self.tr("Back to the list (from the thread, the reply box or the search)")),
            ("E", self.tr("Mark done")),
            ("P", self.tr("Mark pending")),
            (key("Shift+O"), self.tr("Reopen")),
            ("S", self.tr("Snooze")),
            ("U", self.tr("Toggle unread")),
            ("L", self.tr("Label")),
            (key(QKeySequence.StandardKey.Undo), self.tr("Undo the last triage change")),
            ("R", self.tr("Reply")),
            ("/", self.tr("Search")),
            (f"{key('Ctrl+1')} … {key('Ctrl+9')}", self.tr("Saved views")),
            ("F5", self.tr("Sync all")),
            (key("Ctrl+N"), self.tr("Add a source")),
            ("?", self.tr("This list")),
        ]
        table = "".join(f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{what}</td></tr>" for keys, what in rows)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table>{table}</table>")
        box.open()

    def show_preferences(self) -> None:
        PreferencesDialog(self.settings, self).open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About cmdesk"),
            self.tr(
                "<h3>cmdesk {version}</h3><p>A community manager's desk: one calm, offline-first inbox for "
                "everything said to and about your organisation.</p><p>Data folder: {path}</p>"
            ).format(version=__version__, path=str(self.context.data_dir)),
        )

    # window state ------------------------------------------------------------------------------------------------

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
        self._quitting = True
        self.close()
        QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.thread.save_draft()
        keep = bool(self.settings.value("close_to_tray", False, bool))
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
