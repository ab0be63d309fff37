"""Adding Facebook Pages and Instagram professional accounts, or signing them in again, with a token of the user's
own Meta app: the dialog walks through making one (the app, the permissions in the Graph API Explorer, a token that
lasts 60 days), lists the Pages and linked Instagram accounts the token can act for, and adds those the user ticks.
Only each Page's own token is kept, in the keyring. Nothing blocks the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmdesk.services import meta_signin
from cmdesk.ui.client_box import ClientBox
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.sign_in_dialog import SignInDialog, link, steps_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdesk.services.accounts import Added

ChoiceRole = Qt.ItemDataRole.UserRole + 30


class MetaSignInDialog(SignInDialog):
    def __init__(
        self,
        context: WindowDesk,
        parent: QWidget | None = None,
        *,
        client_name: str | None = None,
        again: bool = False,
        api_base: str | None = None,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        """`api_base`: the Graph API's and Facebook Login's origin instead of Meta's (tests)."""
        super().__init__(parent)
        self._context = context
        self._base = api_base
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self._app_id = ""
        self.added: list[Added] = []
        self.setWindowTitle(self.tr("Sign in to Meta again") if again else self.tr("Add a Facebook Page or Instagram"))
        self.setMinimumWidth(640)
        intro = QLabel(
            self.tr(
                "cmdesk reads and answers your Page's Messenger and comments, and your Instagram account's comments "
                "and messages, through your own Meta app. Its Standard Access needs no App Review for the people "
                "who have a role on the app — you. Once per client:"
            ),
            self,
        )
        intro.setWordWrap(True)
        self.steps = QLabel(self._steps_text(), self)
        self.steps.setWordWrap(True)
        self.steps.setOpenExternalLinks(True)
        self.app_id = QLineEdit(self)
        self.app_id.setPlaceholderText(self.tr("1384839195809…"))
        self.app_secret = QLineEdit(self)
        self.app_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton(self.tr("Sign in with Facebook"), self)
        self.login_button.clicked.connect(self._start_login)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("EAAG… (the user access token)"))
        self.find_button = QPushButton(self.tr("Find my Pages"), self)
        self.find_button.clicked.connect(lambda: self._run(self._find()))
        self.token.returnPressed.connect(self.find_button.click)
        self.choices = QListWidget(self)
        self.choices.setMinimumHeight(90)
        self.choices.setMaximumHeight(140)
        self.choices.itemChanged.connect(lambda _item: self._enable())
        self.client = ClientBox(context, self, client_name)
        self.client.currentTextChanged.connect(lambda _text: self._fill_known())
        form = QFormLayout()
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("App ID:"), self.app_id)
        form.addRow(self.tr("App secret:"), self.app_secret)
        form.addRow("", self.login_button)
        form.addRow(self.tr("Or a token:"), self.token)
        form.addRow("", self.find_button)
        form.addRow(self.tr("Accounts:"), self.choices)
        self.status.setText(self.tr("Sign in with Facebook, or paste a token and “Find my Pages”."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(lambda: self._run(self._add()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fill_known()
        (self.login_button if self.app_id.text() else self.app_id).setFocus()

    def _steps_text(self) -> str:
        steps = [
            self.tr("In {apps}: Create app → “Other” → “Business”; add “Facebook Login for Business”, “Messenger” "
                    "and, for Instagram, “Instagram”.").format(apps=link(meta_signin.APPS, self.tr("Meta for "
                                                                                               "Developers"))),
            self.tr("In Facebook Login → Settings, add {uri} to “Valid OAuth Redirect URIs”; copy the app's ID and "
                    "secret (App settings → Basic) below, then “Sign in with Facebook”.").format(
                uri=f"<code>{meta_signin.REDIRECT_URI}</code>"),
            self.tr("Or, in the {explorer}, “Get User Access Token” with {permissions}; extend it to 60 days in the "
                    "{debugger}, and paste it below.").format(
                explorer=link(meta_signin.EXPLORER, self.tr("Graph API Explorer")),
                permissions=meta_signin.PERMISSIONS,
                debugger=link(meta_signin.DEBUGGER, self.tr("Access Token Debugger"))),
        ]  # fmt: skip
        return steps_html(steps)

    def _fill_known(self) -> None:
        """The client's Meta app, when one of its Pages (or any Page) was signed in with one through the browser."""
        if self.app_id.text().strip():
            return
        reader = self._context.reader
        try:
            app = meta_signin.known_app(reader.accounts(), reader.clients(), self._context.credentials,
                                        self.client.chosen())  # fmt: skip
        except Exception:  # noqa: BLE001 - no keyring yet: the user types it; signing in says what is wrong
            app = None
        if app is not None:
            self.app_id.setText(app[0])
            self.app_secret.setText(app[1])

    def _start_login(self) -> None:
        if not self.app_id.text().strip().isdigit() or not self.app_secret.text().strip():
            self._say(self.tr("Copy the app's ID (a number) and its secret first (App settings → Basic)."))
            return
        self._run(self._login())

    async def _login(self) -> None:
        self._say(self.tr("Waiting for the browser… Sign in to Facebook and allow your app, then come back."),
                  bad=False)  # fmt: skip
        token = await meta_signin.browser_token(
            self._context.credentials, self.app_id.text(), self.app_secret.text(), self._open_url,
            base=self._base, login_base=self._base,
        )  # fmt: skip
        self._app_id = self.app_id.text().strip()
        self.token.setText(token)
        await self._find()

    # running without blocking the window -----------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for widget in (self.token, self.find_button, self.client, self.choices, self.app_id, self.app_secret,
                       self.login_button):  # fmt: skip
            widget.setEnabled(not busy)
        self.add_button.setEnabled(not busy and bool(self.chosen()))

    def _enable(self) -> None:
        self.add_button.setEnabled(bool(self.chosen()))

    def chosen(self) -> list[meta_signin.MetaChoice]:
        items = (self.choices.item(row) for row in range(self.choices.count()))
        return [item.data(ChoiceRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    async def _find(self) -> None:
        if not self.token.text().strip():
            self._say(self.tr("Paste the access token first."))
            return
        self._say(self.tr("Asking Meta which Pages this token can act for…"), bad=False)
        found = await meta_signin.find_accounts(self.token.text(), self._base)
        self.choices.clear()
        for choice in found:
            if choice.network == "facebook":
                text = self.tr("{name} — Facebook Page").format(name=choice.name)
            else:
                text = self.tr("{name} — Instagram, linked to {page}").format(name=choice.name, page=choice.page_name)
            item = QListWidgetItem(text, self.choices)
            item.setData(ChoiceRole, choice)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        if found:
            self._say(self.tr("Untick what this client should not follow, then “Add”."), bad=False)
        else:
            self._say(self.tr("This token can act for no Page: did you tick pages_show_list, and do you have a role "
                              "on the Page?"))  # fmt: skip
        self._enable()

    async def _add(self) -> None:
        self._say(self.tr("Signing in…"), bad=False)
        save = await meta_signin.sign_in(
            self._context.credentials, self.token.text(), self.chosen(), self.client.chosen(), self._base, self._app_id
        )
        self.added = await self._context.execute(save)
        self.accept()
