"""The window's pages (inbox, composer, calendar, outbox, sources), the add-a-source and sign-in dialogs, the demo
workspace. Part of MainWindow (window.py), as a mixin: it works on the window's own widgets."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QWidget,
)

from cmdesk.domain import SignInKind
from cmdesk.services import demo_workspace, networks
from cmdesk.ui.main_window.constants import (
    T,
)

if TYPE_CHECKING:
    from cmdesk.ui.sources_pane import SourcesPane
    from cmdesk.ui.welcome_page import WelcomePage

log = logging.getLogger(__name__)


class Pages:
    @property
    def welcome(self) -> WelcomePage:
        """The first-run page, built the first time it is shown: a workspace with sources never shows it (adding it
        took ~5 ms of the window's build, its large title's font loaded; the first screen is ~2 ms faster)."""
        if self._welcome is None:
            from cmdesk.ui.welcome_page import WelcomePage

            page = WelcomePage(self)
            page.addSourceRequested.connect(self.add_source)
            page.demoRequested.connect(self.load_demo)
            self.pages.addWidget(page)
            self._welcome = page
        return self._welcome

    @property
    def sources(self) -> SourcesPane:
        """The Sources pane, built the first time it is needed (it is not on the first screen)."""
        if self._sources is None:
            from cmdesk.ui.sources_pane import SourcesPane

            pane = SourcesPane(self.context.reader, self.context, self, team_problem=lambda: self.context.team_problem)
            pane.team_strip.joinRequested.connect(self.join_team)
            pane.team_strip.syncRequested.connect(self.sync_with_team)
            pane.team_strip.leaveRequested.connect(self.leave_team)
            pane.changed.connect(self._sources_changed)
            pane.syncRequested.connect(self.context.sync_now)
            pane.addSourceRequested.connect(self.add_source)
            pane.addMastodonRequested.connect(self.add_mastodon)
            pane.addYouTubeRequested.connect(self.add_youtube)
            pane.addMetaRequested.connect(self.add_meta)
            pane.addBlueskyRequested.connect(self.add_bluesky)
            pane.addXRequested.connect(self.add_x)
            pane.addRedditRequested.connect(self.add_reddit)
            pane.addWordPressRequested.connect(self.add_wordpress)
            pane.addDiscourseRequested.connect(self.add_discourse)
            pane.addEmailRequested.connect(self.add_email)
            pane.signInRequested.connect(self.sign_in_again)
            pane.accountsRemoved.connect(lambda uids: [self.context.forget_secret(uid) for uid in uids])
            self.pages.addWidget(pane)
            self._sources = pane
        return self._sources

    def _page_actions(self) -> tuple[QAction, ...]:
        return (
            self.inbox_action,
            self.compose_action,
            self.calendar_action,
            self.outbox_action,
            self.reports_action,
            self.sources_action,
        )

    def _check_page(self, action: QAction) -> None:
        for each in self._page_actions():
            each.setChecked(each is action)

    def show_inbox(self) -> None:
        self._check_page(self.inbox_action)
        self.pages.setCurrentWidget(self.splitter)  # then refresh_all shows the welcome page if there is no source
        self.refresh_all()
        self.list.setFocus()
        self._show_undo()

    def _add_page(self, page: T) -> T:
        """Composer, calendar and outbox are built the first time they are shown: none delays the first paint."""
        self.pages.addWidget(page)  # type: ignore[arg-type]
        return page

    def _show_page(self, page: QWidget, action: QAction, focus: QWidget) -> None:
        self._check_page(action)
        self.pages.setCurrentWidget(page)
        page.refresh()  # type: ignore[attr-defined]
        focus.setFocus()
        self._show_undo()  # Edit → Undo names what it would take back on this page

    def show_composer(self) -> None:
        if self.composer is None:
            from cmdesk.ui.composer_pane import ComposerPane

            self.composer = self._add_page(ComposerPane(self.context, self))
        self._show_page(self.composer, self.compose_action, self.composer.editor)

    def show_calendar(self) -> None:
        if self.calendar is None:
            from cmdesk.ui.calendar_pane import CalendarPane

            self.calendar = self._add_page(CalendarPane(self.context, self, own_undo_keys=False))
            self.calendar.undo.indexChanged.connect(self._calendar_undo_changed)
            self.calendar.composeRequested.connect(self.compose_at)
        self._show_page(self.calendar, self.calendar_action, self.calendar)

    def compose_at(self, at: datetime) -> None:
        """A day double-clicked in the calendar: the composer, planned for then."""
        self.show_composer()
        assert self.composer is not None
        self.composer.plan_at(at)

    def _calendar_undo_changed(self, _index: int) -> None:
        # The stack also says so while the window is being taken down (its pages already gone).
        if shiboken6.isValid(self.pages) and shiboken6.isValid(self.undo_action):
            self._show_undo()

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
        clients = self.context.reader.clients()
        return next((client.name for client in clients if client.id == client_id and not client.is_demo), None)

    def add_source(self) -> None:
        from cmdesk.ui.add_source_dialog import AddSourceDialog

        dialog = AddSourceDialog(self.context, self, self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added_account_id))
        dialog.mastodonRequested.connect(self.add_mastodon)
        dialog.youtubeRequested.connect(self.add_youtube)
        dialog.metaRequested.connect(self.add_meta)
        dialog.blueskyRequested.connect(self.add_bluesky)
        dialog.xRequested.connect(self.add_x)
        dialog.redditRequested.connect(self.add_reddit)
        dialog.wordpressRequested.connect(self.add_wordpress)
        dialog.discourseRequested.connect(self.add_discourse)
        dialog.emailRequested.connect(self.add_email)
        dialog.listenRequested.connect(self.listen_for_name)
        dialog.open()

    def listen_for_name(self) -> None:
        from cmdesk.ui.listen_dialog import ListenDialog

        working = self._working_client()
        dialog = ListenDialog(self.context, working or "", self)
        dialog.accepted.connect(lambda: [self._source_added(account_id) for account_id in dialog.added])
        dialog.open()

    def add_mastodon(self) -> None:
        from cmdesk.ui.mastodon_dialog import MastodonSignInDialog

        dialog = MastodonSignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_youtube(self) -> None:
        from cmdesk.ui.youtube_dialog import YouTubeSignInDialog

        dialog = YouTubeSignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_bluesky(self) -> None:
        from cmdesk.ui.bluesky_dialog import BlueskySignInDialog

        dialog = BlueskySignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_x(self) -> None:
        from cmdesk.ui.x_dialog import XSignInDialog

        dialog = XSignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_reddit(self) -> None:
        from cmdesk.ui.reddit_dialog import RedditSignInDialog

        dialog = RedditSignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_wordpress(self, address: str = "") -> None:
        from cmdesk.ui.wordpress_dialog import WordPressSignInDialog

        dialog = WordPressSignInDialog(self.context, self, address=address, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_discourse(self, address: str = "") -> None:
        from cmdesk.ui.discourse_dialog import DiscourseSignInDialog

        dialog = DiscourseSignInDialog(self.context, self, address=address, client_name=self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added.account.id if dialog.added else None))
        dialog.open()

    def add_meta(self) -> None:
        from cmdesk.ui.meta_dialog import MetaSignInDialog

        dialog = MetaSignInDialog(self.context, self, client_name=self._working_client())
        dialog.accepted.connect(lambda: [self._source_added(added.account.id) for added in dialog.added])
        dialog.open()

    def add_email(self) -> None:
        from cmdesk.ui.email_dialog import EmailAccountDialog

        dialog = EmailAccountDialog(self.context, self, self._working_client())
        dialog.accepted.connect(lambda: self._source_added(dialog.added_account_id))
        dialog.open()

    def sign_in_again(self, account_id: int) -> None:
        """The sign-in dialog of the account's sign-in kind (those that sign in through a browser)."""
        from cmdesk.ui.mastodon_dialog import MastodonSignInDialog
        from cmdesk.ui.youtube_dialog import YouTubeSignInDialog

        account = self.context.reader.account(account_id)
        client = next((c.name for c in self.context.reader.clients() if c.id == account.client_id), None)
        kind = networks.sign_in_kind(account.network)
        dialog: QDialog
        if kind is SignInKind.BROWSER_OAUTH:
            dialog = MastodonSignInDialog(self.context, self, instance=account.address, client_name=client)
        elif kind is SignInKind.GOOGLE_OAUTH:
            dialog = YouTubeSignInDialog(self.context, self, client_name=client, again=True)
        elif kind is SignInKind.REDDIT_OAUTH:
            from cmdesk.ui.reddit_dialog import RedditSignInDialog

            dialog = RedditSignInDialog(self.context, self, client_name=client, again=True)
        elif kind is SignInKind.X_OAUTH:
            from cmdesk.ui.x_dialog import XSignInDialog

            dialog = XSignInDialog(self.context, self, client_name=client, again=True)
        elif kind is SignInKind.APP_PASSWORD:
            from cmdesk.ui.bluesky_dialog import BlueskySignInDialog

            handle, pds = str(account.settings.get("handle") or ""), str(account.settings.get("pds") or "")
            dialog = BlueskySignInDialog(self.context, self, handle=handle, client_name=client, service=pds)
        elif kind is SignInKind.SITE_PASSWORD:
            from cmdesk.ui.wordpress_dialog import WordPressSignInDialog

            login = str(account.settings.get("login") or "")
            dialog = WordPressSignInDialog(self.context, self, address=account.address, login=login, client_name=client)
        elif kind is SignInKind.USER_API_KEY:
            from cmdesk.ui.discourse_dialog import DiscourseSignInDialog

            origin, client_id = (str(account.settings.get(k) or "") for k in ("origin", "client_id"))
            dialog = DiscourseSignInDialog(self.context, self, address=origin, client_name=client, client_id=client_id)
        elif kind is SignInKind.META:
            from cmdesk.ui.meta_dialog import MetaSignInDialog

            dialog = MetaSignInDialog(self.context, self, client_name=client, again=True)
        else:
            return
        dialog.accepted.connect(lambda: self._source_added(account_id))
        dialog.open()

    def _source_added(self, account_id: int | None) -> None:
        self.refresh_all()
        if account_id is not None:
            self.context.sync_now(account_id)

    def load_demo(self) -> None:
        def loaded(messages: int) -> None:
            self._apply_view(self.sidebar.current_view)
            self.statusBar().showMessage(self.tr("Demo workspace loaded: %Ln message(s)", "", messages), 5000)

        self.context.submit_job(demo_workspace.load(), loaded)

    def remove_demo(self) -> None:
        if not demo_workspace.loaded(self.context.reader):
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the demo workspace"),
            self.tr("Remove the two demo clients and all their conversations? Your own sources are not touched."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.context.submit_job(demo_workspace.remove(), lambda _messages: self._demo_removed())

    def _demo_removed(self) -> None:
        self.sidebar.set_scope(None, None)
        self.refresh_all()
        self._apply_view(self.sidebar.current_view)
