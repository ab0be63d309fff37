"""Adding an X account, or signing one in again, with the user's own X app: the dialog walks through making one
(a "Native App" with cmdesk's callback, in X's developer console), takes its client id (remembered per client), says
what X charges and the monthly budget that pauses pulls, then opens the system browser on X's consent page and waits
for it to come back (a one-shot listener on 127.0.0.1). Nothing blocks the window; Cancel stops waiting."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QWidget

from cmdesk.services import x_signin
from cmdesk.ui import theme
from cmdesk.ui.client_id_dialog import ClientIdSignInDialog
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import link


class XSignInDialog(ClientIdSignInDialog):
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
        super().__init__(context, parent, client_name, open_url, origins)
        self.setWindowTitle(self.tr("Sign in to X again") if again else self.tr("Add an X account"))
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
        self.form.addRow(self.tr("OAuth 2.0 Client ID:"), self.client_id)
        self.form.addRow(self.tr("Monthly budget:"), self.cap)
        self.form.addRow("", costs)
        self.browser_button.setText(self.tr("Sign in with X"))
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
        self._finish_layout(steps, self.tr("Copy the app's OAuth 2.0 Client ID first."))

    def _extra_fields(self) -> tuple[QWidget, ...]:
        return (self.cap,)

    def _known(self, accounts: Any, clients: Any, client_name: str | None) -> str:
        return x_signin.known_client_id(accounts, clients, client_name)

    def _sign_in(self) -> Coroutine[Any, Any, Any]:
        return x_signin.sign_in_with_browser(
            self._context.credentials, self.client_id.text(), self.client.chosen(), self._open_url,
            datetime.now(UTC), monthly_cap=self.cap.value(),
            base=self._origins[0] if self._origins else None, auth_base=self._origins[1] if self._origins else None,
        )  # fmt: skip
