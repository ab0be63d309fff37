"""Adding a YouTube channel, or signing one in again, with the user's own Google OAuth client: the dialog walks through
making one (three steps in Google Cloud, with their links), takes its client id and secret (remembered per client:
the next channel of the same client needs only the browser), then opens the system browser on Google's consent page
and waits for it to come back (a one-shot listener on 127.0.0.1). Nothing blocks the window; Cancel stops waiting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Secret
from cmdesk.services import youtube_signin
from cmdesk.ui import theme
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, link, steps_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdesk.services.accounts import Added


class YouTubeSignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        *,
        client_name: str | None = None,
        again: bool = False,
        open_url: Callable[[str], object] | None = None,
        origins: tuple[str, str] | None = None,
    ) -> None:
        """`origins`: the API's and Google sign-in's origins instead of Google's (tests)."""
        super().__init__(parent)
        self._origins = origins
        self._context = context
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.added: Added | None = None
        self.setWindowTitle(self.tr("Sign in to YouTube again") if again else self.tr("Add a YouTube channel"))
        self.setMinimumWidth(600)
        intro = QLabel(
            self.tr(
                "cmdesk reads, answers and moderates your channel's comments through your own Google project: "
                "nobody stands between you and your audience, and the project's free quota (10,000 units a day) "
                "is yours alone. Once per client:"
            ),
            self,
        )
        intro.setWordWrap(True)
        self.steps = QLabel(self._steps_text(), self)
        self.steps.setWordWrap(True)
        self.steps.setOpenExternalLinks(True)
        self.client_id = QLineEdit(self)
        self.client_id.setPlaceholderText(self.tr("123456789012-….apps.googleusercontent.com"))
        self.client_secret = QLineEdit(self)
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_secret.setPlaceholderText(self.tr("GOCSPX-…"))
        self.published = QCheckBox(self.tr("My app is published (“In production”)"), self)
        self.published.setToolTip(
            self.tr(
                "Google signs cmdesk out after 7 days while the app is “In testing”; cmdesk warns you before. "
                "Publishing needs no review for your own use: Google then shows an “unverified app” page you can "
                "pass (Advanced → Go to …)."
            )
        )
        self.client = ClientBox(context, self, client_name)
        self.client.currentTextChanged.connect(lambda _text: self._fill_known())
        form = QFormLayout()
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("OAuth client ID:"), self.client_id)
        form.addRow(self.tr("Client secret:"), self.client_secret)
        form.addRow("", self.published)
        testing = QLabel(
            self.tr("Left “In testing”, Google signs cmdesk out after 7 days: cmdesk shows when, in Sources.")
        )
        testing.setWordWrap(True)
        testing.setStyleSheet(theme.text_style("meta"))
        form.addRow("", testing)
        self.browser_button = QPushButton(self.tr("Sign in with Google"), self)
        self.browser_button.setDefault(True)
        self.browser_button.clicked.connect(self._start)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.browser_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fill_known()
        (self.browser_button if self.client_id.text() else self.client_id).setFocus()

    def _steps_text(self) -> str:
        steps = [
            self.tr("In {console}, choose or create a project and enable “YouTube Data API v3”.").format(
                console=link(youtube_signin.CONSOLE_YOUTUBE_API, self.tr("Google Cloud"))
            ),
            self.tr("Set up its {consent} (“External”) and add your Google account as a test user.").format(
                consent=link(youtube_signin.CONSOLE_CONSENT, self.tr("consent screen"))
            ),
            self.tr(
                "In {credentials}: Create credentials → OAuth client ID → “Desktop app”. Copy its ID and secret below."
            ).format(credentials=link(youtube_signin.CONSOLE_CREDENTIALS, self.tr("Credentials"))),
        ]
        return steps_html(steps)

    def _fill_known(self) -> None:
        """The client's OAuth client, when one of its channels (or any channel) was signed in with one."""
        if self.client_id.text().strip():
            return
        reader = self._context.reader
        try:
            app = youtube_signin.known_app(
                reader.accounts(), reader.clients(), self._context.credentials, self.client.chosen()
            )
        except Exception:  # noqa: BLE001 - no keyring yet: the user types the client; signing in says what is wrong
            app = None
        if app is not None:
            self.client_id.setText(app.client_id)
            self.client_secret.setText(app.client_secret.reveal())

    # running the sign-in without blocking the window ----------------------------------------------------------

    def _start(self) -> None:
        client_id, secret = self.client_id.text().strip(), self.client_secret.text().strip()
        if not client_id.endswith(".apps.googleusercontent.com") or not secret:
            self._say(self.tr("Copy the OAuth client's ID (…apps.googleusercontent.com) and its secret first."))
            (self.client_secret if client_id.endswith(".apps.googleusercontent.com") else self.client_id).setFocus()
            return
        self._run(self._browser(youtube_signin.GoogleApp(client_id, Secret(secret))))

    def _busy(self, busy: bool) -> None:
        for widget in (self.client, self.client_id, self.client_secret, self.published, self.browser_button):
            widget.setEnabled(not busy)

    async def _browser(self, app: youtube_signin.GoogleApp) -> None:
        self._say(self.tr("Waiting for the browser… Choose your channel's Google account and allow cmdesk, then "
                          "come back."), bad=False)  # fmt: skip
        save = await youtube_signin.sign_in_with_browser(
            self._context.credentials,
            app,
            self.client.chosen(),
            self._open_url,
            datetime.now(UTC),
            testing=not self.published.isChecked(),
            base=self._origins[0] if self._origins else None,
            auth_base=self._origins[1] if self._origins else None,
            create_client=True,
        )
        self.added = await self._context.execute(save)
        self.accept()
