"""The thread pane: a conversation's messages in order (sanitised HTML, no remote content loaded), a link to the
original, the author's card, and the reply box — disabled with a short reason where the source cannot be answered."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cmdesk.connectors.htmltext import plain_to_html
from cmdesk.storage.queries import ConversationRow, MessageRow
from cmdesk.ui import style
from cmdesk.ui.conversation_delegate import relative_time


class SafeBrowser(QTextBrowser):
    """Shows message HTML without ever fetching remote resources; links open in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802
        return None

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def thread_html(conversation: ConversationRow, messages: list[MessageRow]) -> str:
    """The whole thread as one HTML document (message HTML is already sanitised by ingest)."""
    parts = [
        "<style>.meta{color:#666;} .out{background:#eef6ff;} td.msg{padding:8px 10px;} h2{margin:0 0 4px 0;}"
        " .card{background:#f5f5f5;padding:6px 8px;}</style>"
    ]
    title = conversation.title or style.kind_name(conversation.kind)
    parts.append(f"<h2>{html.escape(title)}</h2>")
    origin = f"{html.escape(style.kind_name(conversation.kind))} · {html.escape(conversation.account_name)}"
    if conversation.url:
        link = QCoreApplication.translate("ThreadView", "Open the original")
        origin += f' · <a href="{html.escape(conversation.url, quote=True)}">{html.escape(link)}</a>'
    parts.append(f'<p class="meta">{origin}</p>')
    inbound = [m for m in messages if m.direction == "in"]
    if inbound:
        author = inbound[-1]
        count = sum(1 for m in messages if m.author_name == author.author_name)
        handle = f" · {html.escape(author.author_handle)}" if author.author_handle else ""
        card = QCoreApplication.translate("ThreadView", "{count} message(s) in this thread").format(count=count)
        parts.append(
            f'<table width="100%" class="card"><tr><td><b>{html.escape(author.author_name or "?")}</b>{handle}'
            f'<br><span class="meta">{html.escape(card)}</span></td></tr></table><br>'
        )
    for message in messages:
        body = message.html or plain_to_html(message.text)
        when = relative_time(message.created_at)
        css = "msg out" if message.direction == "out" else "msg"
        who = html.escape(message.author_name or message.author_handle or "?")
        parts.append(
            f'<table width="100%" cellspacing="0"><tr><td class="{css}">'
            f'<b>{who}</b> <span class="meta">{html.escape(when)}</span>'
        )
        if message.title and message.title != conversation.title:
            parts.append(f"<br><i>{html.escape(message.title)}</i>")
        parts.append(f"<div>{body}</div>")
        for attachment in message.attachments:
            url = str(attachment.get("url", ""))
            if url.startswith(("http://", "https://")):
                label = html.escape(str(attachment.get("type") or attachment.get("role") or "file"))
                parts.append(f'<div class="meta">📎 <a href="{html.escape(url, quote=True)}">{label}</a></div>')
        if message.url and message.url != conversation.url:
            parts.append(f'<div class="meta"><a href="{html.escape(message.url, quote=True)}">↗</a></div>')
        parts.append("</td></tr></table><hr>")
    return "".join(parts)


class ThreadView(QWidget):
    replyRequested = Signal(int, str)  # noqa: N815 - conversation id, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conversation: ConversationRow | None = None
        self.browser = SafeBrowser(self)
        self.browser.setPlaceholderText(self.tr("Select a conversation to read it here."))
        self.reply = QPlainTextEdit(self)
        self.reply.setPlaceholderText(self.tr("Write a reply…"))
        self.reply.setMaximumHeight(110)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(mid);")
        self.send = QPushButton(self.tr("Send"), self)
        self.send.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.send.clicked.connect(self._send)
        QShortcut(QKeySequence("Ctrl+Return"), self.reply, self._send)
        QShortcut(QKeySequence("Ctrl+Enter"), self.reply, self._send)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.reply)
        layout.addLayout(bottom)
        self.show_conversation(None, [], "")

    @property
    def conversation(self) -> ConversationRow | None:
        return self._conversation

    def show_conversation(self, conversation: ConversationRow | None, messages: list[MessageRow], why_not: str) -> None:
        self._conversation = conversation
        if conversation is None:
            self.browser.clear()
            self.reply.setEnabled(False)
            self.send.setEnabled(False)
            self.reason.setText("")
            return
        self.browser.setHtml(thread_html(conversation, messages))
        can_reply = not why_not
        self.reply.setEnabled(can_reply)
        self.send.setEnabled(can_reply)
        self.reason.setText(why_not)
        self.reason.setVisible(bool(why_not))
        self.reply.setPlaceholderText(
            self.tr("Write a reply…") if can_reply else self.tr("Replies are not possible here.")
        )

    def _send(self) -> None:
        text = self.reply.toPlainText().strip()
        if self._conversation is not None and text:
            self.replyRequested.emit(self._conversation.id, text)
