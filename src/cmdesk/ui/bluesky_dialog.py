"""Adding a Bluesky account, or signing one in again: the handle and an app password the user makes for cmdesk in
Bluesky's settings (with direct messages allowed, for cmdesk to read and answer them); cmdesk finds the account's own
server, gives it the password once and keeps only the session it receives, in the system's keyring. Nothing blocks
the window; Cancel stops."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cmdesk.domain import Secret
from cmdesk.services import bluesky_signin
from cmdesk.services.bluesky_signin import Added
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, link, steps_html


class BlueskySignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        *,
        handle: str = "",
        client_name: str | None = None,
        service: str = "",
    ) -> None:
        """`handle`: the account signed in again; `service`: a PDS or entryway to sign in to instead of the
        handle's own (a self-hosted server, a test)."""
        super().__init__(parent)
        self._context = context
        self.added: Added | None = None
        again = bool(handle)
        self.setWindowTitle(self.tr("Sign in to Bluesky again") if again else self.tr("Add a Bluesky account"))
        self.setMinimumWidth(560)
        steps = [
            self.tr("In Bluesky, open {settings}: Settings → Privacy and security → App passwords.").format(
                settings=link(bluesky_signin.APP_PASSWORDS, self.tr("App passwords"))
            ),
            self.tr(
                "Add an app password named “cmdesk”. Tick “Allow access to your direct messages” for cmdesk to "
                "read and answer them."
            ),  # fmt: skip
            self.tr("Paste it below with your handle."),
        ]
        intro = QLabel(
            steps_html(steps)
            + self.tr(
                "Never your main password: an app password can be revoked alone. cmdesk gives it to your server "
                "once and keeps only the session it receives, in your system's keyring."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        self.handle = QLineEdit(handle, self)
        self.handle.setPlaceholderText(self.tr("you.bsky.social, or your own domain"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("xxxx-xxxx-xxxx-xxxx")
        self.service = QLineEdit(service, self)
        self.service.setPlaceholderText(self.tr("Optional: found from your handle"))
        self.client = ClientBox(context, self, client_name)
        form = QFormLayout()
        form.addRow(self.tr("Handle:"), self.handle)
        form.addRow(self.tr("App password:"), self.password)
        form.addRow(self.tr("Server:"), self.service)
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
        (self.password if again else self.handle).setFocus()

    def _busy(self, busy: bool) -> None:
        for widget in (self.handle, self.password, self.service, self.client, self.sign_in_button):
            widget.setEnabled(not busy)

    def _clicked(self) -> None:
        if not self.handle.text().strip() or not self.password.text().strip():
            self._say(self.tr("Type your handle and the app password first."))
            return
        self._run(self._sign_in())

    async def _sign_in(self) -> None:
        self._say(self.tr("Signing in…"), bad=False)
        password = Secret(self.password.text().strip())
        self.password.clear()
        save = await bluesky_signin.sign_in(
            self._context.credentials, self.handle.text(), password, self.client.chosen(),
            service=self.service.text().strip() or None,
        )  # fmt: skip
        self.added = await self._context.execute(save)
        self.accept()
