"""The crisis view of a bad-buzz alert: what spiked and the words it is about, the conversations behind it — the
most shared first, who has been answered — and a holding statement from the client's snippets sent to every
conversation still waiting, through the outbox (each reply exactly once; pressing again sends nothing twice)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import snippets
from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import Alert, Conversation
from cmdesk.services import replies
from cmdesk.services.desk import Desk
from cmdesk.ui import style, theme
from cmdesk.ui.alert_bar import alert_text
from cmdesk.ui.rows import roomy


class CrisisDialog(QDialog):
    def __init__(self, reader: Reader, desk: Desk, alert: Alert, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._alert = alert
        self.setWindowTitle(self.tr("Bad buzz: {client}").format(client=alert.client))
        self.resize(760, 600)
        summary = QLabel(alert_text(alert), self)
        summary.setWordWrap(True)
        font = summary.font()
        font.setBold(True)
        summary.setFont(font)
        ids = reader.alert_conversations(alert)
        self.rows = reader.conversations_by_ids(ids)
        shared = reader.shares(ids)
        self.rows.sort(key=lambda row: (-shared.get(row.id, 0), -row.last_activity_at.timestamp()))
        self.tree = QTreeWidget(self)
        roomy(self.tree)
        self.tree.setHeaderLabels(
            [
                self.tr("Who"),
                self.tr("Where"),
                self.tr("Followers"),
                self.tr("Shared"),
                self.tr("Answered"),
                self.tr("What they say"),
            ]
        )
        followers = reader.reach(alert.message_ids)
        for row in self.rows:
            item = QTreeWidgetItem(
                [
                    row.name,
                    style.network_name(row.network),
                    "",
                    QLocale().toString(shared.get(row.id, 0)),
                    "✓" if row.answered else "",
                    row.snippet,
                ]
            )
            item.setToolTip(5, row.snippet)
            self.tree.addTopLevelItem(item)
            # The spike's own messages under their conversation: who said what, in what mood.
            thread = reader.thread(row.id, row.account_id)
            for message in (m for m in thread.messages if m.id in set(alert.message_ids)):
                boosts = thread.activity.get(message.remote_id, {}).get("boost", 0)
                reached = followers.get(message.id)
                child = QTreeWidgetItem(
                    [
                        message.author_name or message.author_handle,
                        style.sentiment_name(message.sentiment),
                        QLocale().toString(reached) if reached is not None else "",
                        QLocale().toString(boosts) if boosts else "",
                        "",
                        " ".join(message.text.split()),
                    ]
                )
                child.setToolTip(5, message.text)
                item.addChild(child)
        self.tree.expandAll()
        for column in range(5):
            self.tree.resizeColumnToContents(column)
        client_snippets = snippets.grouped(reader.snippets([alert.client_id]))
        self.snippet = QComboBox(self)
        self.snippet.addItem(self.tr("Write a holding statement…"), "")
        for versions in client_snippets:
            chosen = snippets.version_for(versions, "", QLocale().name().split("_")[0])
            self.snippet.addItem(chosen.title, chosen.text)
        self.statement = QPlainTextEdit(self)
        self.statement.setPlaceholderText(
            self.tr("Hello {first_name}, we take your message very seriously and will come back to you shortly.")
        )
        self.statement.setFixedHeight(self.fontMetrics().height() * 5)
        self.snippet.currentIndexChanged.connect(
            lambda _n: self.statement.setPlainText(self.snippet.currentData() or "")
        )
        self.send = QPushButton(self)
        self.send.clicked.connect(self.answer_all)
        self.statement.textChanged.connect(self._update)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Holding statement:"), self))
        chooser.addWidget(self.snippet, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(chooser)
        layout.addWidget(self.statement)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.send)
        layout.addLayout(actions)
        layout.addWidget(close)
        self._update()

    def waiting(self) -> list[Conversation]:
        """Those the statement goes to: not answered yet, on a network cmdesk answers."""
        return [row for row in self.rows if not row.answered and not style.why_not_reply(row.network)]

    def _update(self) -> None:
        count = len(self.waiting())
        self.send.setText(self.tr("Answer the %Ln waiting conversation(s)", "", count))
        self.send.setEnabled(count > 0 and bool(self.statement.toPlainText().strip()))
        elsewhere = sum(1 for row in self.rows if style.why_not_reply(row.network))
        if elsewhere and not self.status.text():
            self.status.setStyleSheet(theme.text_style("meta"))
            self.status.setText(self.tr("%Ln to answer on the site itself", "", elsewhere))

    def answer_all(self) -> None:
        today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
        values = {"date": today, "client": self._alert.client}
        ids = [row.id for row in self.waiting()]
        self.send.setEnabled(False)
        self._desk.submit(replies.answer_many(ids, self.statement.toPlainText(), values), self._answered, self._failed)

    def _answered(self, done: replies.Answered) -> None:
        parts = [self.tr("%Ln reply(ies) queued in the Outbox", "", len(done.queued))]
        if done.already_answered:
            parts.append(self.tr("%Ln already answered", "", len(done.already_answered)))
        if done.cannot_answer:
            parts.append(self.tr("%Ln to answer on the site itself", "", len(done.cannot_answer)))
        self.status.setStyleSheet(theme.text_style("good"))
        self.status.setText(" · ".join(parts))
        answered = set(done.queued) | set(done.already_answered)
        self.rows = [replace(row, answered=True) if row.id in answered else row for row in self.rows]
        for index, row in enumerate(self.rows):
            self.tree.topLevelItem(index).setText(4, "✓" if row.answered else "")
        self._update()

    def _failed(self, reason: str) -> None:
        self.status.setStyleSheet(theme.text_style("bad"))
        self.status.setText(reason)
        self._update()
