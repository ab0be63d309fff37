"""Adding a WordPress site, or signing one in again: its address, the user's login there, and an application password
made for cmdesk — on WordPress's own authorization page, which the dialog opens in the browser (the user approves
cmdesk there and copies the password it shows), or in their profile. The password is checked against the site, then
kept in the system's keyring; when the client already reads the blog's feed, that source becomes the WordPress
account, its conversations kept. Nothing blocks the window; Cancel stops."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cmdesk.domain import Secret
from cmdesk.services import wordpress_signin
from cmdesk.services.wordpress_signin import Added
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, steps_html


class WordPressSignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        *,
        address: str = "",
        login: str = "",
        client_name: str | None = None,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        """`address` and `login`: a site signed in again (or the address typed in Add a source)."""
        super().__init__(parent)
        self._context = context
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.added: Added | None = None
        again = bool(login)
        self.setWindowTitle(self.tr("Sign in to WordPress again") if again else self.tr("Add a WordPress site"))
        self.setMinimumWidth(560)
        steps = [
            self.tr("Type your site's address and your login there."),
            self.tr(
                "Press “Make a password”: WordPress opens in your browser; approve cmdesk and copy the application "
                "password it shows (or make one in your profile → Application Passwords)."
            ),  # fmt: skip
            self.tr("Paste it below and sign in."),
        ]
        intro = QLabel(
            steps_html(steps)
            + self.tr(
                "Never your main password: an application password can be revoked alone. WordPress 5.6 or later, "
                "over https. If this client already reads the blog's feed, that source becomes the site's account."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.address = QLineEdit(address, self)
        self.address.setPlaceholderText("https://blog.example.com")
        self.login = QLineEdit(login, self)
        self.login.setPlaceholderText(self.tr("Your login or e-mail on the site"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("xxxx xxxx xxxx xxxx xxxx xxxx")
        self.make_button = QPushButton(self.tr("Make a password"), self)
        self.make_button.setAutoDefault(False)
        self.make_button.clicked.connect(self._make_clicked)
        self.client = ClientBox(context, self, client_name)
        form = QFormLayout()
        form.addRow(self.tr("Site:"), self.address)
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Application password:"), self.password)
        form.addRow("", self.make_button)
        form.addRow(self.tr("Client:"), self.client)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        (self.password if again else self.login if address else self.address).setFocus()

    def _busy(self, busy: bool) -> None:
        for widget in (self.address, self.login, self.password, self.make_button, self.client, self.sign_in_button):
            widget.setEnabled(not busy)

    def _make_clicked(self) -> None:
        if not self.address.text().strip():
            self._say(self.tr("Type your site's address first."))
            return
        self._run(self._open_authorization())

    async def _open_authorization(self) -> None:
        self._say(self.tr("Looking for the site…"), bad=False)
        site = await wordpress_signin.find_site(self.address.text())
        page = wordpress_signin.authorize_page(site)
        if not page:
            self._say(self.tr("{site} offers no authorization page: make the password in your profile there.")
                      .format(site=site.name))  # fmt: skip
            return
        self._open_url(page)
        self._say(
            self.tr("Approve cmdesk in the page that opened on “{site}”, then paste the password here.").format(
                site=site.name
            ),
            bad=False,
        )
        self.password.setFocus()

    def _clicked(self) -> None:
        if not all(field.text().strip() for field in (self.address, self.login, self.password)):
            self._say(self.tr("Type the site's address, your login and the application password first."))
            return
        self._run(self._sign_in())

    async def _sign_in(self) -> None:
        self._say(self.tr("Signing in…"), bad=False)
        password = Secret(self.password.text().strip())
        site = await wordpress_signin.find_site(self.address.text())
        user = await wordpress_signin.sign_in(site, self.login.text(), password)
        self.password.clear()
        save = wordpress_signin.wordpress_account(
            self._context.credentials, user, self.client.chosen(), create_client=True
        )
        self.added = await self._context.execute(save)
        self.accept()
