"""Adding a feed source: paste a site or feed address, cmdesk checks it (autodiscovery) and, when the site offers
several feeds, lets the user choose; a channel's address on a network read through its API (a Dailymotion channel)
adds that channel instead, with what it holds. The check runs on the app's event loop; the dialog never blocks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Account
from cmdesk.services import sources
from cmdesk.services.commands import Refused
from cmdesk.services.sources import FeedChoice
from cmdesk.ui import style
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.plain_words import details_tip, looks_like_a_name, plain
from cmdesk.ui.tasks import Tasks


class AddSourceDialog(QDialog):
    mastodonRequested = Signal()  # noqa: N815 - the user chose to add a Mastodon account instead
    emailRequested = Signal()  # noqa: N815 - …or an e-mail account
    youtubeRequested = Signal()  # noqa: N815 - …or their own YouTube channel, to answer its comments
    metaRequested = Signal()  # noqa: N815 - …or their Facebook Page or Instagram account
    blueskyRequested = Signal()  # noqa: N815 - …or their Bluesky account
    xRequested = Signal()  # noqa: N815 - …or their X account
    redditRequested = Signal()  # noqa: N815 - …or their Reddit account
    wordpressRequested = Signal(str)  # noqa: N815 - …or their WordPress site (the address typed, if any)
    discourseRequested = Signal(str)  # noqa: N815 - …or a Discourse forum they belong to (the address typed)
    listenRequested = Signal()  # noqa: N815 - …or to listen to the web for a name

    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        client_name: str | None = None,
        *,
        api_base: str | None = None,
    ) -> None:
        """`api_base`: a channel network's API origin instead of its own (tests)."""
        super().__init__(parent)
        self._api_base = api_base
        self.setWindowTitle(self.tr("Add a source"))
        self.setMinimumWidth(520)
        self._context = context
        self._choice: FeedChoice | None = None
        self.added_account_id: int | None = None
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("https://blog.example.com or a feed address"))
        self.client = ClientBox(context, self, client_name)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Optional: the feed's title is used"))
        self.candidates = QListWidget(self)
        self.candidates.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.check_button = self.buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button = self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setEnabled(False)
        self.add_button.setDefault(True)  # Return in any field adds (checking first when not checked yet)
        self.check_button.setAutoDefault(False)
        self._tasks = Tasks()
        self.check_button.clicked.connect(lambda: self._tasks.spawn(self.check()))
        self.add_button.clicked.connect(self._add_clicked)
        self.buttons.rejected.connect(self.reject)
        self.url.textChanged.connect(self._reset)
        self.candidates.currentItemChanged.connect(lambda *_: self.add_button.setEnabled(True))
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.url)
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("Name:"), self.name)
        other = QLabel(
            '<a href="mastodon">'
            + self.tr("Add a Mastodon account instead…")
            + '</a> · <a href="email">'
            + self.tr("Add an e-mail account instead…")
            + '</a><br><a href="youtube">'
            + self.tr("Your own YouTube channel, to answer its comments…")
            + '</a> · <a href="meta">'
            + self.tr("Your Facebook Page or Instagram…")
            + '</a><br><a href="bluesky">'
            + self.tr("Your Bluesky account…")
            + '</a> · <a href="x">'
            + self.tr("Your X account…")
            + '</a> · <a href="reddit">'
            + self.tr("Your Reddit account…")
            + '</a><br><a href="wordpress">'
            + self.tr("Your WordPress site, to answer its comments…")
            + '</a> · <a href="discourse">'
            + self.tr("A Discourse forum…")
            + '</a><br><a href="listen">'
            + self.tr("No address? Listen to the web for a name…")
            + "</a>",
            self,
        )
        other.setWordWrap(True)
        other.linkActivated.connect(self._other)
        hint = QLabel(
            self.tr("A blog, a forum, a YouTube or Dailymotion channel, Reddit, Google Alerts: paste its address."),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.candidates)
        layout.addWidget(self.status)
        layout.addWidget(other)
        layout.addWidget(self.buttons)
        self.url.setFocus()

    def _other(self, link: str) -> None:
        self.reject()
        if link in ("wordpress", "discourse"):
            (self.wordpressRequested if link == "wordpress" else self.discourseRequested).emit(self.url.text().strip())
            return
        others = {
            "email": self.emailRequested,
            "listen": self.listenRequested,
            "youtube": self.youtubeRequested,
            "meta": self.metaRequested,
            "bluesky": self.blueskyRequested,
            "x": self.xRequested,
            "reddit": self.redditRequested,
        }
        others.get(link, self.mastodonRequested).emit()

    def _reset(self) -> None:
        self._choice = None
        self.candidates.clear()
        self.candidates.hide()
        self.add_button.setEnabled(bool(self.url.text().strip()))
        self.status.clear()

    def _address(self) -> str | None:
        typed = self.url.text()
        if looks_like_a_name(typed):
            self.status.setText(
                self.tr(
                    "“{name}” looks like a name, not an address: paste the address of its site or feed "
                    "(https://…), or use “Add a Mastodon account” for a Mastodon handle."
                ).format(name=typed.strip())
            )
            return None
        try:
            return sources.web_address(typed)
        except Refused:
            self.status.setText(self.tr("This is not a web address."))
            return None

    async def check(self) -> None:
        address = self._address()
        if address is None:
            return
        self.status.setText(self.tr("Checking {url}…").format(url=address))
        self.check_button.setEnabled(False)
        self.add_button.setEnabled(False)
        try:
            choice = await self._context.check_feed(address, api_base=self._api_base)
        except Refused as error:
            self.status.setText(self.tr("Cannot use this address: {reason}").format(reason=plain(str(error))))
            self.status.setToolTip(details_tip(str(error)))
            return
        finally:
            self.check_button.setEnabled(True)
        if len(choice.candidates) == 1:  # one feed offered: that one, no choice to make
            url, title, _kind = choice.candidates[0]
            choice = FeedChoice(url, title)
        self._choice = choice
        if self._choice.candidates:
            self.candidates.clear()
            for url, title, kind in self._choice.candidates:
                item = QListWidgetItem(f"{title or url}  ({kind})")
                item.setData(Qt.ItemDataRole.UserRole, (url, title))
                item.setToolTip(url)
                self.candidates.addItem(item)
            self.candidates.show()
            self.candidates.setCurrentRow(0)
            self.status.setText(self.tr("This page offers several feeds: choose one."))
        elif self._choice.network:
            self.status.setText(self._channel_found(self._choice))
        else:
            self.status.setText(self.tr("Found the feed “{title}”.").format(title=self._choice.title or address))
        self.add_button.setEnabled(True)

    def _channel_found(self, choice: FeedChoice) -> str:
        network = style.network_name(choice.network)
        found = self.tr("Found the {network} channel “{title}”: %Ln video(s)", "", choice.videos).format(
            network=network, title=choice.title
        )
        followers = self.tr("%Ln follower(s)", "", choice.followers)
        return f"{found}, {followers}. " + self.tr("Its videos come in with their views and likes.")

    def _add_clicked(self) -> None:
        if self._choice is not None:
            self._add()
        else:
            self._tasks.spawn(self.add())

    async def add(self) -> None:
        """Add: check the address first if that was not done; with several feeds found, the user chooses, then
        Add again."""
        if self._choice is None:
            await self.check()
            if self._choice is None or self._choice.candidates:
                return
        self._add()

    def _add(self) -> None:
        if self._choice is None:
            return
        url, title = self._choice.url, self._choice.title
        if self._choice.candidates:
            item = self.candidates.currentItem()
            if item is None:
                return
            url, title = item.data(Qt.ItemDataRole.UserRole)
        name = self.name.text().strip() or title or url
        command = sources.add_feed(
            self.client.chosen(), url, name, choice=self._choice if self._choice.network else None
        )
        self._context.submit(command, self._added, self.status.setText)

    def _added(self, account: Account) -> None:
        self.added_account_id = account.id
        self.accept()
