"""Adding a Reddit account, or signing one in again, with the user's own installed app: the dialog walks through
making one (Reddit's app preferences, with cmdesk's redirect uri), takes its client id (remembered per client), then
opens the system browser on Reddit's consent page and waits for it to come back (a one-shot listener on 127.0.0.1).
Nothing blocks the window; Cancel stops waiting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cmdesk.services import reddit_signin
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, link, steps_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdesk.services.accounts import Added


class RedditSignInDialog(SignInDialog):
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
        """`origins`: the API's and the sign-in page's origins instead of Reddit's (tests)."""
        super().__init__(parent)
        self._context = context
        self._origins = origins
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.added: Added | None = None
        self.setWindowTitle(self.tr("Sign in to Reddit again") if again else self.tr("Add a Reddit account"))
        self.setMinimumWidth(560)
        steps = [
            self.tr("In {apps}, “create another app…” of the type “installed app”.").format(
                apps=link(reddit_signin.APPS_PAGE, self.tr("Reddit's app preferences"))
            ),
            self.tr("Give it the redirect uri {uri}").format(uri=reddit_signin.REDIRECT_URI),
            self.tr("Copy its client id (under its name) below. It is free; cmdesk reads your inbox and answers it."),
        ]
        self.steps = QLabel(steps_html(steps), self)
        self.steps.setWordWrap(True)
        self.steps.setOpenExternalLinks(True)
        self.client_id = QLineEdit(self)
        self.client_id.setPlaceholderText(self.tr("The app's client id"))
        self.client = ClientBox(context, self, client_name)
        self.client.currentTextChanged.connect(lambda _text: self._fill_known())
        form = QFormLayout()
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("Client id:"), self.client_id)
        self.browser_button = QPushButton(self.tr("Sign in with Reddit"), self)
        self.browser_button.setDefault(True)
        self.browser_button.clicked.connect(self._start)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.browser_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fill_known()
        (self.browser_button if self.client_id.text() else self.client_id).setFocus()

    def _fill_known(self) -> None:
        if not self.client_id.text().strip():
            reader = self._context.reader
            self.client_id.setText(
                reddit_signin.known_client_id(reader.accounts(), reader.clients(), self.client.chosen())
            )

    def _busy(self, busy: bool) -> None:
        for widget in (self.client, self.client_id, self.browser_button):
            widget.setEnabled(not busy)

    def _start(self) -> None:
        if not self.client_id.text().strip():
            self._say(self.tr("Copy the app's client id first."))
            self.client_id.setFocus()
            return
        self._run(self._browser())

    async def _browser(self) -> None:
        self._say(self.tr("Waiting for the browser… Allow the app on Reddit, then come back."), bad=False)
        save = await reddit_signin.sign_in_with_browser(
            self._context.credentials, self.client_id.text(), self.client.chosen(), self._open_url,
            datetime.now(UTC), base=self._origins[0] if self._origins else None,
            auth_base=self._origins[1] if self._origins else None,
        )  # fmt: skip
        self.added = await self._context.execute(save)
        self.accept()
