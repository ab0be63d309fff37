"""Adding a Reddit account, or signing one in again, with the user's own installed app: the dialog walks through
making one (Reddit's app preferences, with cmdesk's redirect uri), takes its client id (remembered per client), then
opens the system browser on Reddit's consent page and waits for it to come back (a one-shot listener on 127.0.0.1).
Nothing blocks the window; Cancel stops waiting."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from cmdesk.services import reddit_signin
from cmdesk.ui.client_id_dialog import ClientIdSignInDialog
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import link


class RedditSignInDialog(ClientIdSignInDialog):
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
        self.setWindowTitle(self.tr("Sign in to Reddit again") if again else self.tr("Add a Reddit account"))
        self.client_id.setPlaceholderText(self.tr("The app's client id"))
        self.form.addRow(self.tr("Client id:"), self.client_id)
        self.browser_button.setText(self.tr("Sign in with Reddit"))
        steps = [
            self.tr("In {apps}, “create another app…” of the type “installed app”.").format(
                apps=link(reddit_signin.APPS_PAGE, self.tr("Reddit's app preferences"))
            ),
            self.tr("Give it the redirect uri {uri}").format(uri=reddit_signin.REDIRECT_URI),
            self.tr("Copy its client id (under its name) below. It is free; cmdesk reads your inbox and answers it."),
        ]
        self._finish_layout(steps, self.tr("Copy the app's client id first."))

    def _known(self, accounts: Any, clients: Any, client_name: str | None) -> str:
        return reddit_signin.known_client_id(accounts, clients, client_name)

    def _sign_in(self) -> Coroutine[Any, Any, Any]:
        return reddit_signin.sign_in_with_browser(
            self._context.credentials, self.client_id.text(), self.client.chosen(), self._open_url,
            datetime.now(UTC), base=self._origins[0] if self._origins else None,
            auth_base=self._origins[1] if self._origins else None,
        )  # fmt: skip
