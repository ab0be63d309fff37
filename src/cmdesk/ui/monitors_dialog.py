"""The hashtags and keywords a Mastodon account listens for. Public posts that match land in the Monitoring view
at the next sync; what was found stays when a term is removed."""

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

from cmdesk.domain.reader import Reader
from cmdesk.services import accounts
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
        intro.setWordWrap(True)
        self.terms = QListWidget(self)
        self.terms.addItems(monitor_terms(account.settings))
        self.term = QLineEdit(self)
        self.term.setPlaceholderText(self.tr("#boulangerie, or: pain au levain"))
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

    def _save(self, terms: list[str], then: Callable[[], None] | None = None) -> None:
        def saved(kept: list[str]) -> None:
            self.terms.clear()
            self.terms.addItems(kept)
            self.status.clear()
            if then is not None:
                then()

        try:
            command = accounts.monitors(self._account_id, terms)
        except MonitorError as error:
            self.status.setText(str(error))
            return
        self._desk.submit(command, saved, self.status.setText)

    def add(self) -> None:
        try:
            term = normalise_monitor(self.term.text())
        except MonitorError as error:
            self.status.setText(str(error))
            return
        self._save([*self._current(), term], self.term.clear)

    def remove(self) -> None:
        item = self.terms.currentItem()
        if item is None:
            return
        self._save([term for term in self._current() if term != item.text()])
