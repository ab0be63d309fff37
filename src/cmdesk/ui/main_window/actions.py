"""The window's menus, toolbar and status bar, built from the action table (actions_table.py), and its Help dialogs.
Part of MainWindow (window.py), as a mixin: it works on the window's own widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolBar,
    QToolButton,
)

from cmdesk import __version__
from cmdesk.domain import Status
from cmdesk.ui.icons import icon

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


MENUS = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "&File")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "&View")),
    ("go", QT_TRANSLATE_NOOP("MainWindow", "&Go")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)


@dataclass(frozen=True, slots=True)
class WindowAction:
    """One entry of the window's action registry (as Picard's @add_action): the menu it is in, its text (context
    "MainWindow"), the window method it runs (with `argument`, if any), its shortcut, and the attribute the window
    keeps it under."""

    menu: str
    text: str
    run: str
    shortcut: str | QKeySequence.StandardKey | None = None
    attribute: str = ""
    argument: object = None
    separator_before: bool = False


ACTIONS = (
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "&Add a source…"), "add_source", "Ctrl+N", "add_source_action"
    ),
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "Add a &Mastodon account…"), "add_mastodon", None, "add_mastodon_action"
    ),
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "Add a &YouTube channel…"), "add_youtube", None, "add_youtube_action"
    ),
    WindowAction(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Add a &Facebook Page or Instagram…"),
        "add_meta",
        None,
        "add_meta_action",
    ),
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "Add a &Bluesky account…"), "add_bluesky", None, "add_bluesky_action"
    ),
    WindowAction("file", QT_TRANSLATE_NOOP("MainWindow", "Add an &X account…"), "add_x", None, "add_x_action"),
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "Add a &Reddit account…"), "add_reddit", None, "add_reddit_action"
    ),
    WindowAction(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Add a &WordPress site…"),
        "add_wordpress",
        None,
        "add_wordpress_action",
    ),
    WindowAction(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Add a D&iscourse forum…"),
        "add_discourse",
        None,
        "add_discourse_action",
    ),
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "Add an &e-mail account…"), "add_email", None, "add_email_action"
    ),
    WindowAction(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&Sync all"),
        "sync_all",
        QKeySequence.StandardKey.Refresh,
        "sync_action",
    ),
    WindowAction(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "Load the &demo workspace"),
        "load_demo",
        None,
        "demo_action",
        separator_before=True,
    ),
    WindowAction(
        "file", QT_TRANSLATE_NOOP("MainWindow", "&Remove the demo workspace"), "remove_demo", None, "remove_demo_action"
    ),
    WindowAction(
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
        "quit_app",
        QKeySequence.StandardKey.Quit,
        separator_before=True,
    ),
    WindowAction(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "&Undo"), "undo", QKeySequence.StandardKey.Undo, "undo_action"
    ),
    WindowAction(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "Mark &done"), "set_status", "E", "done_action", Status.DONE, True
    ),
    WindowAction(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "Re&open"), "set_status", "Shift+O", "open_action", Status.OPEN
    ),
    WindowAction(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "Mark &pending"), "set_status", "P", "pending_action", Status.PENDING
    ),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "&Snooze…"), "snooze_menu", "S", "snooze_action"),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "Toggle &unread"), "toggle_unread", "U", "unread_action"),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "&Label…"), "label_menu", "L", "label_action"),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "Sen&timent…"), "sentiment_menu", "T", "sentiment_action"),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "Ass&ign…"), "assign_menu", "A", "assign_action"),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "Add a &note…"), "note_dialog", "N", "note_action"),
    WindowAction(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "For &management…"), "management_note", "Shift+M", "management_action"
    ),
    WindowAction("edit", QT_TRANSLATE_NOOP("MainWindow", "&Reply"), "focus_reply", "R", "reply_action"),
    WindowAction(
        "edit", QT_TRANSLATE_NOOP("MainWindow", "Select &all"), "select_all", QKeySequence.StandardKey.SelectAll
    ),
    WindowAction(
        "edit",
        QT_TRANSLATE_NOOP("MainWindow", "&Preferences…"),
        "show_preferences",
        QKeySequence.StandardKey.Preferences,
        separator_before=True,
    ),
    WindowAction("view", QT_TRANSLATE_NOOP("MainWindow", "&Inbox"), "show_inbox", "Ctrl+Shift+I", "inbox_action"),
    WindowAction("view", QT_TRANSLATE_NOOP("MainWindow", "S&ources"), "show_sources", "Ctrl+Shift+S", "sources_action"),
    WindowAction("view", QT_TRANSLATE_NOOP("MainWindow", "&Compose"), "show_composer", "C", "compose_action"),
    WindowAction(
        "view", QT_TRANSLATE_NOOP("MainWindow", "C&alendar"), "show_calendar", "Ctrl+Shift+C", "calendar_action"
    ),
    WindowAction("view", QT_TRANSLATE_NOOP("MainWindow", "Out&box"), "show_outbox", "Ctrl+Shift+O", "outbox_action"),
    WindowAction("view", QT_TRANSLATE_NOOP("MainWindow", "&Reports"), "show_reports", "Ctrl+Shift+R", "reports_action"),
    WindowAction("go", QT_TRANSLATE_NOOP("MainWindow", "&Next conversation"), "move", "J", argument=1),
    WindowAction("go", QT_TRANSLATE_NOOP("MainWindow", "&Previous conversation"), "move", "K", argument=-1),
    WindowAction("go", QT_TRANSLATE_NOOP("MainWindow", "&Search"), "focus_search", "/"),
    WindowAction(
        "go", QT_TRANSLATE_NOOP("MainWindow", "Search (alternative)"), "focus_search", QKeySequence.StandardKey.Find
    ),
    WindowAction("go", QT_TRANSLATE_NOOP("MainWindow", "&Go to or do…"), "show_palette", "Ctrl+K", "palette_action"),
    WindowAction("help", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"), "show_shortcuts", "?"),
    WindowAction("help", QT_TRANSLATE_NOOP("MainWindow", "&About cmdesk"), "show_about"),
)
"""Every action of the window's menus, in menu order (the View menu's page actions are listed there by
Pages._rebuild_view_menu)."""


class WindowActions:
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
        """The menus and their actions, from the registry (ACTIONS): each action kept on the window under its
        attribute name where other code needs it (the toolbar, enabling, the shortcuts list)."""
        menus = {key: self.menuBar().addMenu(self.tr(title)) for key, title in MENUS}
        self.view_menu = menus["view"]
        for spec in ACTIONS:
            method = getattr(self, spec.run)
            slot = (lambda m=method, a=spec.argument: m(a)) if spec.argument is not None else method
            action = self._action(self.tr(spec.text), slot, spec.shortcut)
            if spec.separator_before:
                menus[spec.menu].addSeparator()
            if spec.menu != "view":
                menus[spec.menu].addAction(action)
            if spec.attribute:
                setattr(self, spec.attribute, action)
        self.undo_action.setEnabled(False)
        for action in self._page_actions():
            action.setCheckable(True)
        self.inbox_action.setChecked(True)

    def select_all(self) -> None:
        self.list.selectAll()

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action, key in (
            (self.inbox_action, "inbox"),
            (self.compose_action, "compose"),
            (self.calendar_action, "calendar"),
            (self.outbox_action, "outbox"),
            (self.reports_action, "reports"),
            (self.sources_action, "sources"),
            (self.sync_action, "sync"),
            (self.add_source_action, "add-source"),
        ):
            action.setIcon(icon(key))
        toolbar.addAction(self.inbox_action)
        toolbar.addAction(self.compose_action)
        toolbar.addAction(self.calendar_action)
        toolbar.addAction(self.outbox_action)
        toolbar.addAction(self.reports_action)
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
        self.toolbar = toolbar

    COMPACT_BELOW = 1280
    """Window width under which Sync all and Add a source show their icons only (their names stay in the tooltip
    and the menus), so the search box keeps room to say what it does, in French too."""

    def fit_toolbar(self, width: int) -> None:
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if width < self.COMPACT_BELOW
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        for action in (self.sync_action, self.add_source_action):
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(style)

    def _build_status_bar(self) -> None:
        self.sync_label = QLabel(self)
        self.network_label = QLabel(self)
        self.outbox_label = QLabel(self)
        for label in (self.sync_label, self.network_label, self.outbox_label):
            self.statusBar().addPermanentWidget(label)

    def _menu_actions(self) -> list[QAction]:
        """Every action of the menu bar, in menu order (the View menu's saved views included)."""
        found: list[QAction] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None:
                found += [action for action in menu.actions() if not action.isSeparator() and action.isVisible()]
        return found

    def show_shortcuts(self) -> None:
        """Every shortcut of the menus (so none is forgotten), then the keys that are not menu actions."""

        def key(sequence: str | QKeySequence.StandardKey) -> str:
            """As the menus write it, in the user's language ("Maj+O" in French)."""
            return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)

        rows = [
            (action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), action.text().replace("&", ""))
            for action in self._menu_actions()
            if not action.shortcut().isEmpty()
        ]
        rows += [
            (self.tr("Enter"), self.tr("Open the conversation (move to the thread)")),
            (self.tr("Esc"), self.tr("Back to the list (from the thread, the reply box or the search)")),
            (key("Ctrl+Z"), self.tr("Undo the last triage change")),
        ]
        table = "".join(f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{what}</td></tr>" for keys, what in rows)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table>{table}</table>")
        self.shortcuts_box = box
        box.open()

    def show_palette(self) -> None:
        """Ctrl+K: every menu action and every view, by name (ui/command_palette.py)."""
        from cmdesk.ui.command_palette import Command, CommandPalette

        commands = [
            Command(action.text(), action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), action.trigger)
            for action in self._menu_actions()
            if action.isEnabled() and action is not self.palette_action
        ]
        self.palette_dialog = CommandPalette(commands, self)
        self.palette_dialog.open()

    def show_preferences(self) -> None:
        from cmdesk.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.context.data_dir, self)
        dialog.agentChanged.connect(lambda text: self.statusBar().showMessage(text, 10000))
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About cmdesk"),
            self.tr(
                "<h3>cmdesk {version}</h3><p>A community manager's desk: one calm, offline-first inbox for "
                "everything said to and about your organisation.</p><p>Data folder: {path}</p>"
            ).format(version=__version__, path=str(self.context.data_dir)),
        )
