"""Adding a Discourse forum, or signing one in again: the forum's address, then the user approves cmdesk on the
forum's own page in the browser (a User API Key: the forum's encrypted answer comes back to cmdesk by itself, or — on
a forum that does not allow cmdesk's return address — the user pastes the text the forum shows); a site
administrator may give an API key and the username it acts as instead. The key goes to the keyring. Nothing blocks
the window; Cancel stops."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Secret
from cmdesk.services import discourse_signin
from cmdesk.services.discourse_signin import Added
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog


class DiscourseSignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        *,
        address: str = "",
        client_name: str | None = None,
        client_id: str = "",
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        """`address` and `client_id`: a forum signed in again (its key is replaced, not added to)."""
        super().__init__(parent)
        self._context = context
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self._request = discourse_signin.handshake(client_id)
        self.added: Added | None = None
        self.setWindowTitle(self.tr("Sign in to the forum again") if client_id else self.tr("Add a Discourse forum"))
        self.setMinimumWidth(580)
        intro = QLabel(
            self.tr(
                "Type the forum's address, then approve cmdesk on the forum's page: it opens in your browser, where "
                "you are signed in. cmdesk receives a key for your account only, kept in your system's keyring; you "
                "can revoke it in your preferences on the forum."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.address = QLineEdit(address, self)
        self.address.setPlaceholderText("https://forum.example.com")
        self.client = ClientBox(context, self, client_name)
        self.approve_button = QPushButton(self.tr("Approve cmdesk on the forum"), self)
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(lambda: self._start(self._approve))
        form = QFormLayout()
        form.addRow(self.tr("Forum:"), self.address)
        form.addRow(self.tr("Client:"), self.client)
        form.addRow("", self.approve_button)
        self.pasted = QPlainTextEdit(self)
        self.pasted.setPlaceholderText(self.tr("The block of text the forum shows"))
        self.pasted.setMaximumHeight(70)
        self.show_button = QPushButton(self.tr("Open the page that shows it"), self)
        self.show_button.clicked.connect(lambda: self._start(self._show_text))
        self.paste_button = QPushButton(self.tr("Sign in with the text"), self)
        self.paste_button.clicked.connect(lambda: self._start(self._sign_in_pasted))
        fallback = QGroupBox(self.tr("The forum does not send cmdesk back? Paste what it shows"), self)
        pasting = QVBoxLayout(fallback)
        pasting.addWidget(self.pasted)
        row = QHBoxLayout()
        row.addWidget(self.show_button)
        row.addStretch(1)
        row.addWidget(self.paste_button)
        pasting.addLayout(row)
        self.username = QLineEdit(self)
        self.username.setPlaceholderText(self.tr("The username the key acts as"))
        self.api_key = QLineEdit(self)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_button = QPushButton(self.tr("Sign in with the key"), self)
        self.key_button.clicked.connect(lambda: self._start(self._sign_in_key))
        administrators = QGroupBox(self.tr("Site administrator: an API key instead (Admin → API)"), self)
        keys = QFormLayout(administrators)
        keys.addRow(self.tr("Username:"), self.username)
        keys.addRow(self.tr("API key:"), self.api_key)
        keys.addRow("", self.key_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(fallback)
        layout.addWidget(administrators)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        (self.approve_button if address else self.address).setFocus()

    def _busy(self, busy: bool) -> None:
        widgets = (self.address, self.client, self.approve_button, self.pasted, self.show_button, self.paste_button,
                   self.username, self.api_key, self.key_button)  # fmt: skip
        for widget in widgets:
            widget.setEnabled(not busy)

    def _start(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        if not self.address.text().strip():
            self._say(self.tr("Type the forum's address first."))
            return
        self._run(work())

    async def _approve(self) -> None:
        self._say(self.tr("Waiting for your approval in the browser…"), bad=False)
        forum = await discourse_signin.find_forum(self.address.text())
        user = await discourse_signin.with_browser(forum, self._request, self._open_url)
        await self._save(user)

    async def _show_text(self) -> None:
        forum = await discourse_signin.find_forum(self.address.text())
        self._open_url(self._request.url(forum.origin, redirect=False))
        self._say(self.tr("Approve cmdesk on the page that opened, then paste the text it shows here."), bad=False)
        self.pasted.setFocus()

    async def _sign_in_pasted(self) -> None:
        if not self.pasted.toPlainText().strip():
            self._say(self.tr("Paste the text the forum shows first."))
            return
        forum = await discourse_signin.find_forum(self.address.text())
        await self._save(await discourse_signin.with_pasted(forum, self._request, self.pasted.toPlainText()))

    async def _sign_in_key(self) -> None:
        if not self.username.text().strip() or not self.api_key.text().strip():
            self._say(self.tr("Type the username and the API key first."))
            return
        forum = await discourse_signin.find_forum(self.address.text())
        key = Secret(self.api_key.text().strip())
        self.api_key.clear()
        await self._save(await discourse_signin.with_api_key(forum, self.username.text(), key))

    async def _save(self, user: discourse_signin.ForumUser) -> None:
        save = discourse_signin.discourse_account(
            self._context.credentials, user, self.client.chosen(), create_client=True
        )
        self.added = await self._context.execute(save)
        self.accept()
