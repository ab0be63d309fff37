"""What the sign-in dialogs of networks reached through the user's own public app share (X's Native App, Reddit's
installed app): the steps to make the app, its client id (filled in from the client's earlier accounts), the client
box, a browser button that checks the id is there, then the network's browser sign-in on the app's event loop."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, steps_html

if TYPE_CHECKING:
    from cmdesk.services.accounts import Added


class ClientIdSignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None,
        client_name: str | None,
        open_url: Callable[[str], object] | None,
        origins: tuple[str, str] | None,
    ) -> None:
        """`origins`: the API's and the sign-in page's origins instead of the network's (tests)."""
        super().__init__(parent)
        self._context = context
        self._origins = origins
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.added: Added | None = None
        self.setMinimumWidth(580)
        self.steps = QLabel(self)
        self.steps.setWordWrap(True)
        self.steps.setOpenExternalLinks(True)
        self.client_id = QLineEdit(self)
        self.client = ClientBox(context, self, client_name)
        self.client.currentTextChanged.connect(lambda _text: self._fill_known())
        self.form = QFormLayout()
        self.form.addRow(self.tr("Client:"), self.client)
        self.browser_button = QPushButton(self)
        self.browser_button.setDefault(True)
        self.browser_button.clicked.connect(self._start)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.browser_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _finish_layout(self, steps: list[str], missing: str) -> None:
        """The steps shown, what to say when the client id is missing; focus where the hand expects it."""
        self.steps.setText(steps_html(steps))
        self._missing = missing
        self._fill_known()
        (self.browser_button if self.client_id.text() else self.client_id).setFocus()

    def _known(self, accounts: Any, clients: Any, client_name: str | None) -> str:
        """The client id the named client's accounts were signed in with ("" for none)."""
        raise NotImplementedError

    def _sign_in(self) -> Coroutine[Any, Any, Any]:
        """The network's browser sign-in; the command that saves the account."""
        raise NotImplementedError

    def _fill_known(self) -> None:
        if not self.client_id.text().strip():
            reader = self._context.reader
            self.client_id.setText(self._known(reader.accounts(), reader.clients(), self.client.chosen()))

    def _busy(self, busy: bool) -> None:
        for widget in (self.client, self.client_id, self.browser_button, *self._extra_fields()):
            widget.setEnabled(not busy)

    def _extra_fields(self) -> tuple[QWidget, ...]:
        return ()

    def _start(self) -> None:
        if not self.client_id.text().strip():
            self._say(self._missing)
            self.client_id.setFocus()
            return
        self._run(self._browser())

    async def _browser(self) -> None:
        self._say(self.tr("Waiting for the browser… Allow the app there, then come back."), bad=False)
        save = await self._sign_in()
        self.added = await self._context.execute(save)
        self.accept()
