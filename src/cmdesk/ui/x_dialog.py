"""Adding an X account, or signing one in again, with the user's own X app: the dialog walks through making one
(a "Native App" with cmdesk's callback, in X's developer console), takes its client id (remembered per client), says
what X charges and the monthly budget that pauses pulls, then opens the system browser on X's consent page and waits
for it to come back (a one-shot listener on 127.0.0.1). Nothing blocks the window; Cancel stops waiting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmdesk.services import x_signin
from cmdesk.ui import theme
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, link, steps_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdesk.services.accounts import Added


class XSignInDialog(SignInDialog):
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
        """`origins`: the API's and the sign-in page's origins instead of X's (tests)."""
        super().__init__(parent)
        self._context = context
        self._origins = origins
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.added: Added | None = None
        self.setWindowTitle(self.tr("Sign in to X again") if again else self.tr("Add an X account"))
        self.setMinimumWidth(600)
        steps = [
            self.tr("In {console}, create an app and buy a few credits (X charges each call).").format(
                console=link(x_signin.CONSOLE, self.tr("X's developer console"))
            ),
            self.tr(
                "In its “User authentication settings”: OAuth 2.0, type “Native App”, permissions “Read and write "
                "and Direct message”, callback URL {callback}"
            ).format(callback=x_signin.CALLBACK),  # fmt: skip
            self.tr("Copy its OAuth 2.0 Client ID below."),
        ]
        self.steps = QLabel(steps_html(steps), self)
        self.steps.setWordWrap(True)
        self.steps.setOpenExternalLinks(True)
        self.client_id = QLineEdit(self)
        self.client_id.setPlaceholderText(self.tr("The app's OAuth 2.0 Client ID"))
        self.cap = QDoubleSpinBox(self)
        self.cap.setRange(0, 10_000)
        self.cap.setDecimals(2)
        self.cap.setPrefix("$ ")
        self.cap.setValue(x_signin.DEFAULT_MONTHLY_CAP)
        prices = x_signin.PRICES
        costs = QLabel(
            self.tr(
                "X bills your app per call: {mention} a mention read, {message} a direct message read, {reply} a "
                "reply ({link} with a link). Thirty mentions and ten messages a day cost about {month} a month. "
                "cmdesk counts it in Sources and pauses reading at this budget."
            ).format(
                mention=f"${prices['post_read']:.3f}",
                message=f"${prices['dm_read']:.3f}",
                reply=f"${prices['post_create']:.3f}",
                link=f"${prices['post_create_url']:.2f}",
                month=f"${30 * 30 * prices['post_read'] + 30 * 10 * prices['dm_read']:.2f}",
            ),
            self,
        )
        costs.setWordWrap(True)
        costs.setStyleSheet(theme.text_style("meta"))
        self.client = ClientBox(context, self, client_name)
        self.client.currentTextChanged.connect(lambda _text: self._fill_known())
        form = QFormLayout()
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("OAuth 2.0 Client ID:"), self.client_id)
        form.addRow(self.tr("Monthly budget:"), self.cap)
        form.addRow("", costs)
        self.browser_button = QPushButton(self.tr("Sign in with X"), self)
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
        if self.client_id.text().strip():
            return
        reader = self._context.reader
        self.client_id.setText(x_signin.known_client_id(reader.accounts(), reader.clients(), self.client.chosen()))

    def _busy(self, busy: bool) -> None:
        for widget in (self.client, self.client_id, self.cap, self.browser_button):
            widget.setEnabled(not busy)

    def _start(self) -> None:
        if not self.client_id.text().strip():
            self._say(self.tr("Copy the app's OAuth 2.0 Client ID first."))
            self.client_id.setFocus()
            return
        self._run(self._browser())

    async def _browser(self) -> None:
        self._say(self.tr("Waiting for the browser… Authorise the app on X, then come back."), bad=False)
        save = await x_signin.sign_in_with_browser(
            self._context.credentials, self.client_id.text(), self.client.chosen(), self._open_url,
            datetime.now(UTC), monthly_cap=self.cap.value(),
            base=self._origins[0] if self._origins else None, auth_base=self._origins[1] if self._origins else None,
        )  # fmt: skip
        self.added = await self._context.execute(save)
        self.accept()
