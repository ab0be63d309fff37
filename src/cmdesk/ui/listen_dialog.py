"""Listen to the web for a name: the news and Reddit searches a community manager would otherwise assemble by hand,
each explained in plain words, added as the client's feed sources — and the name listened for across all its
other sources too (a client monitor)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain.web_listening import web_feeds
from cmdesk.services import sources
from cmdesk.services.desk import Desk
from cmdesk.ui import theme


class ListenDialog(QDialog):
    def __init__(self, desk: Desk, client: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.added: list[int] = []
        self.setWindowTitle(self.tr("Listen to the web for a name"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Type the name people use — your business, a product, a person. cmdesk adds the searches below as "
                "sources, newest first, and listens for the name in everything your other sources bring."
            ),
            self,
        )
        intro.setWordWrap(True)
        videos = QLabel(
            self.tr(
                "Videos: YouTube and Dailymotion offer no search feed. Add the channels that talk about you with "
                "Add a source (paste the channel's address: its feed is found). A Mastodon hashtag (#LeFournil) is "
                "followed through the client's monitors."
            ),
            self,
        )
        videos.setWordWrap(True)
        videos.setStyleSheet(theme.text_style("meta"))
        self.name = QLineEdit(client, self)
        self.name.setPlaceholderText(self.tr("Le Fournil"))
        self.client = QLineEdit(client, self)
        self.client.setPlaceholderText(self.tr("The client it is for (the name, if empty)"))
        self.language = QComboBox(self)
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        if not QLocale().name().startswith("fr"):
            self.language.setCurrentIndex(1)
        self.choices: dict[str, QCheckBox] = {}
        explained = {
            "news": self.tr("Google News: news articles that name it"),
            "bing": self.tr("Bing News: more news sites, blogs and local papers"),
            "reddit": self.tr("Reddit: posts that name it, newest first"),
        }
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Client:"), self.client)
        form.addRow(self.tr("Language:"), self.language)
        for key, text in explained.items():
            box = QCheckBox(text, self)
            box.setChecked(True)
            self.choices[key] = box
            form.addRow("", box)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.listen = self.buttons.addButton(self.tr("Listen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(videos)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(lambda text: self.listen.setEnabled(bool(text.strip())))
        self.listen.setEnabled(bool(client.strip()))
        self.name.setFocus()

    def submit(self) -> None:
        name = self.name.text().strip()
        keys = [key for key, box in self.choices.items() if box.isChecked()]
        try:
            web_feeds(name)
        except ValueError as error:
            self._say(str(error))
            return
        command = sources.listen_for(self.client.text().strip() or name, name, keys, str(self.language.currentData()))
        self._desk.submit(command, self._done, self._say)

    def _done(self, added: list) -> None:  # type: ignore[type-arg]
        self.added = [account.id for account in added]
        self.accept()

    def _say(self, reason: str) -> None:
        self.status.setStyleSheet(theme.text_style("bad"))
        self.status.setText(reason)
