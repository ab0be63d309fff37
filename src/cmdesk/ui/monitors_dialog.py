"""What to listen for: a client's monitors, matched against everything all its sources bring (and searched by the
networks that search), or the hashtags and keywords one Mastodon account searches. What matches lands in the
Monitoring view from the next sync on; what was found stays when a term is removed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.monitors import MonitorQueryError, parse
from cmdesk.domain.reader import Reader
from cmdesk.services import accounts, clients
from cmdesk.services.accounts import MonitorError, monitor_terms, normalise_monitor
from cmdesk.services.desk import Desk
from cmdesk.ui import theme


class MonitorsDialog(QDialog):
    def __init__(self, reader: Reader, desk: Desk, account_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._account_id = account_id
        account = reader.account(account_id)
        self.setWindowTitle(self.tr("Monitors of {name}").format(name=account.name))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr(
                "Listen for a #hashtag or a few words: public posts that match arrive in the Monitoring view, "
                "even when nobody mentions you. Keyword search depends on what your server allows."
            ),
            self,
        )
        self._build(intro, monitor_terms(account.settings), self.tr("#boulangerie, or: pain au levain"))

    def _build(self, intro: QLabel, terms: list[str], example: str) -> None:
        intro.setWordWrap(True)
        self.terms = QListWidget(self)
        self.terms.addItems(terms)
        self.term = QLineEdit(self)
        self.term.setPlaceholderText(example)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(lambda _checked=False: self.add())
        self.term.returnPressed.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(lambda _checked=False: self.remove())
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(theme.text_style("bad"))
        row = QHBoxLayout()
        row.addWidget(self.term, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.terms)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.term.setFocus()

    def _current(self) -> list[str]:
        return [self.terms.item(n).text() for n in range(self.terms.count())]

    def _saved(self, kept: list[str], then: Callable[[], None] | None) -> None:
        self.terms.clear()
        self.terms.addItems(kept)
        self.status.clear()
        if then is not None:
            then()

    def _save(self, terms: list[str], then: Callable[[], None] | None = None) -> None:
        try:
            command = accounts.monitors(self._account_id, terms)
        except MonitorError as error:
            self.status.setText(str(error))
            return
        self._desk.submit(command, lambda kept: self._saved(kept, then), self.status.setText)

    def add(self) -> None:
        try:
            term = self._normalised(self.term.text())
        except (MonitorError, MonitorQueryError) as error:
            self.status.setText(str(error))
            return
        self._save([*self._current(), term], self.term.clear)

    def _normalised(self, text: str) -> str:
        return normalise_monitor(text)

    def remove(self) -> None:
        item = self.terms.currentItem()
        if item is None:
            return
        self._save([term for term in self._current() if term != item.text()])


class ClientMonitorsDialog(MonitorsDialog):
    """The same list for a client: each line a query matched against all its sources."""

    def __init__(self, reader: Reader, desk: Desk, client_id: int, parent: QWidget | None = None) -> None:
        QDialog.__init__(self, parent)
        self._desk = desk
        self._client_id = client_id
        client = next(c for c in reader.clients() if c.id == client_id)
        self.setWindowTitle(self.tr("What {name} listens for").format(name=client.name))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Everything {name}'s sources bring — feed entries, mentions, messages, e-mail — is listened to: what "
                "matches a line below arrives in the Monitoring view, and networks that can search look for it too. "
                'Words must all appear; "quotes" for an exact phrase; -word rules a message out; lang:fr keeps one '
                "language."
            ).format(name=client.name),
            self,
        )
        self._build(intro, list(client.monitors), self.tr('Le Fournil, or: "pain au levain" -emploi lang:fr'))

    def _normalised(self, text: str) -> str:
        return parse(text).text

    def _save(self, terms: list[str], then: Callable[[], None] | None = None) -> None:
        try:
            command = clients.set_monitors(self._client_id, terms)
        except MonitorQueryError as error:
            self.status.setText(str(error))
            return
        self._desk.submit(command, lambda kept: self._saved(kept, then), self.status.setText)
