"""Adding a Mastodon account, or signing one in again: the user types a server or a handle; cmdesk opens the
system browser on that server's authorisation page and waits for it to come back (a one-shot listener on
127.0.0.1). Where the browser cannot come back (another machine, a strict firewall), the user can ask for a code
to paste instead. Nothing blocks the window; Cancel stops waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmdesk.services import mastodon_signin
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdesk.services.mastodon_signin import Added, PendingSignIn


class MastodonSignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        *,
        instance: str = "",
        client_name: str | None = None,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self._pending: PendingSignIn | None = None
        self.added: Added | None = None
        again = bool(instance)
        self.setWindowTitle(self.tr("Sign in to Mastodon again") if again else self.tr("Add a Mastodon account"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "cmdesk opens your browser on your server's sign-in page. Allow cmdesk there and come back: "
                "the account is added by itself. Your password never passes through cmdesk, and the access it "
                "receives is kept in your system's keyring."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.instance = QLineEdit(instance, self)
        self.instance.setPlaceholderText(self.tr("mastodon.social, or your handle @you@your.server"))
        self.client = ClientBox(context, self, client_name)
        form = QFormLayout()
        form.addRow(self.tr("Server or handle:"), self.instance)
        form.addRow(self.tr("Client:"), self.client)
        self.browser_button = QPushButton(self.tr("Sign in with the browser"), self)
        self.browser_button.setDefault(True)
        self.browser_button.clicked.connect(lambda: self._run(self._browser()))
        self.code_button = QPushButton(self.tr("Use a code instead…"), self)
        self.code_button.clicked.connect(lambda: self._run(self._start_code()))
        self.code_box = QGroupBox(self.tr("Sign in with a code"), self)
        self.code_url = QLineEdit(self.code_box)
        self.code_url.setReadOnly(True)
        open_button = QPushButton(self.tr("Open"), self.code_box)
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.code_url.text())))
        copy_button = QPushButton(self.tr("Copy"), self.code_box)
        copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code_url.text()))
        self.code = QLineEdit(self.code_box)
        self.code.setPlaceholderText(self.tr("Paste the code the server shows"))
        self.finish_button = QPushButton(self.tr("Finish"), self.code_box)
        self.finish_button.clicked.connect(lambda: self._run(self._finish_code()))
        url_row = QHBoxLayout()
        url_row.addWidget(self.code_url, 1)
        url_row.addWidget(open_button)
        url_row.addWidget(copy_button)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.finish_button)
        code_layout = QVBoxLayout(self.code_box)
        code_layout.addWidget(QLabel(self.tr("1. Open this address in any browser and allow cmdesk:"), self.code_box))
        code_layout.addLayout(url_row)
        code_layout.addWidget(QLabel(self.tr("2. Paste the code it shows:"), self.code_box))
        code_layout.addLayout(code_row)
        self.code_box.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.code_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.browser_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.code_box)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        (self.browser_button if again else self.instance).setFocus()

    # running the sign-in without blocking the window ----------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.instance.setEnabled(not busy)
        self.client.setEnabled(not busy)
        self.browser_button.setEnabled(not busy)
        self.finish_button.setEnabled(not busy)

    def _client_name(self) -> str:
        return self.client.chosen()

    async def _browser(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Waiting for the browser… Allow cmdesk on your server's page, then come back."))
        save = await mastodon_signin.sign_in_with_browser(
            self._context.credentials, self.instance.text(), self._client_name(), self._open_url
        )
        self.added = await self._context.execute(save)
        self.accept()

    async def _start_code(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Asking the server for a sign-in address…"))
        self._pending = await mastodon_signin.start_code_sign_in(self._context.credentials, self.instance.text())
        self.code_url.setText(self._pending.url)
        self.code_box.show()
        self.status.setText("")
        self.code.setFocus()

    async def _finish_code(self) -> None:
        if self._pending is None or not self.code.text().strip():
            self.status.setText(self.tr("Paste the code first."))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Checking the code…"))
        save = await mastodon_signin.finish_code_sign_in(
            self._context.credentials, self._pending, self.code.text(), self._client_name()
        )
        self.added = await self._context.execute(save)
        self.accept()
