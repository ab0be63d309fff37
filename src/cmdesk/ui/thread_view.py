"""The thread pane: a conversation's messages in order (sanitised HTML, no remote content loaded), a link to the
original, the author's card, and the reply box — disabled with a short reason where the source cannot be answered."""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any
from urllib.parse import quote, unquote

from PySide6.QtCore import QCoreApplication, QLocale, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPalette, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import DEMO_SENT_PREFIX
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.domain.reads import Conversation, Message, Note, OutboxEntry
from cmdesk.domain.text import plain_to_html
from cmdesk.models.time_text import relative_time
from cmdesk.services import networks
from cmdesk.ui import avatars, style, theme
from cmdesk.ui.answer_there import AnswerThereButton
from cmdesk.ui.message_counts import counts_line
from cmdesk.ui.reply_drafts import ReplyDrafts
from cmdesk.ui.response_line import response_line, window_line
from cmdesk.ui.thread_acts import message_acts, shown_handle
from cmdesk.ui.thread_links import action_link as _link
from cmdesk.ui.thread_links import note_html, pending_html

DRAFT_SAVE_MS = 800
AVATAR = 28
"""Logical pixels of an author's avatar in front of each message."""
"""A reply draft is saved this long after typing stops (and whenever the user moves to another conversation)."""


class SafeBrowser(QTextBrowser):
    """Shows message HTML without ever fetching remote resources; web links open in the system browser, and
    `cmdesk:` links (show a content warning, favourite, retry…) become `actionRequested(verb, argument)`."""

    actionRequested = Signal(str, str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)
        self.images: dict[str, QImage] = {}
        """Images the user asked to see, by URL; nothing else is ever loaded."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802
        key = name.toString() if isinstance(name, QUrl) else str(name)
        drawn = avatars.image(key, AVATAR, self.palette().color(QPalette.ColorRole.Base), self.font())
        return drawn if drawn is not None else self.images.get(key)

    def _open(self, url: QUrl) -> None:
        if url.scheme() == "cmdesk":
            verb, _, argument = url.path(QUrl.ComponentFormattingOption.FullyEncoded).partition("/")
            self.actionRequested.emit(verb, unquote(argument))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def _person_link(name: str) -> str:
    """A person's name that opens their author card."""
    return f'<a href="cmdesk:person/{quote(name, safe="")}">{html.escape(name)}</a>'


def _kept_on_server_html(message_id: int, part: int, attachment: Mapping[str, Any]) -> str:
    """An e-mail attachment: its name and size, and a link that fetches it from the server to save it."""
    name = str(attachment.get("title") or QCoreApplication.translate("ThreadView", "attachment"))
    length = attachment.get("length")
    traditional = QLocale.DataSizeFormat.DataSizeTraditionalFormat
    size = f" · {QLocale().formattedDataSize(int(length), 1, traditional)}" if isinstance(length, int) else ""
    save = _link("save", f"{message_id}.{part}", QCoreApplication.translate("ThreadView", "Save…"))
    return f'<div class="meta">📎 <b>{html.escape(name)}</b>{html.escape(size)} · {save}</div>'


PICTURED = ("media", "thumbnail")
"""Attachments drawn as a picture once the user asks for a message's images: a medium through its preview (a
Mastodon image, a feed's lone medium with its thumbnail), a thumbnail as itself (a Dailymotion video's, a feed's)."""


def _preview(attachment: Mapping[str, Any]) -> str:
    """The address of the picture that stands for an attachment: a medium's preview, else the attachment itself."""
    if attachment.get("role") == "media":
        return str(attachment.get("preview_url") or "")
    return str(attachment.get("url", ""))


def media_kind(media_type: str) -> str:
    """What a medium is, in the user's words: an image, a video or a sound, from its MIME type ("image/jpeg") or the
    network's own word (Mastodon's "gifv"); the type itself for anything else ("application/pdf")."""
    translate = QCoreApplication.translate
    major = media_type.partition("/")[0].lower()
    if major == "image":
        return translate("ThreadView", "image")
    if major in ("video", "gifv") or "flash" in media_type:  # a YouTube feed's player is a Flash address
        return translate("ThreadView", "video")
    if major == "audio":
        return translate("ThreadView", "sound")
    return media_type or translate("ThreadView", "media")


TITLE_WORDS = 80
"""How much of a first message names a conversation that has no subject."""


def waiting_for_answer(messages: Sequence[Message], conversation: Conversation | None = None) -> list[str]:
    """Who wrote in since the user's last message, first come first: in a comment thread, who is still unanswered
    (not the author of the post they comment on, nor a comment held for moderation: it is moderated, not answered)."""
    last_out = max((n for n, m in enumerate(messages) if m.direction == "out"), default=-1)
    names = [
        _who(m)
        for m in messages[last_out + 1 :]
        if m.direction == "in" and not m.held and not _is_commented_post(m, conversation)
    ]
    return list(dict.fromkeys(names))


def _is_commented_post(message: Message, conversation: Conversation | None) -> bool:
    return (
        conversation is not None
        and conversation.kind == "comment"
        and message.remote_id == conversation.remote_id
        and message.account_id == conversation.account_id
    )


def thread_html(
    conversation: Conversation,
    messages: list[Message],
    *,
    pending: Sequence[OutboxEntry] = (),
    activity: Mapping[str, Mapping[str, int]] | None = None,
    revealed: Collection[int] = (),
    acts: Collection[str] = (),
    pictures: Collection[int] = (),
    hours: BusinessHours | None = None,
    notes: Sequence[Note] = (),
    present: Sequence[str] = (),
) -> str:
    """The whole thread as one HTML document (message HTML is already sanitised by ingest). Messages behind a
    content warning stay folded until revealed; media are links, loaded only if the user opens them. With the
    client's `hours`, how long the first answer took and how long someone has waited, in business hours."""
    activity = activity or {}
    parts = [
        "<style>.meta{{color:{meta};}} .out{{background:{out};}} td.msg{{padding:8px 10px;}} h2{{margin:0 0 4px 0;}}"
        " .card{{background:{card};padding:6px 8px;}} .cw{{background:{warning};padding:4px 6px;}}"
        " .msg{{background:{card};}} .out{{background:{out};}}</style>".format(**theme.colours())
    ]
    title = conversation.title or next((m.title for m in messages if m.title), "")
    if not title and messages:  # a mention or a message has no subject: its first words say what it is about
        # (never the words behind a content warning: then the warning itself)
        first = " ".join((messages[0].content_warning or messages[0].text).split())
        title = first if len(first) <= TITLE_WORDS else first[:TITLE_WORDS].rsplit(" ", 1)[0] + "…"
    title = title or style.kind_name(conversation.kind)
    parts.append(f"<h2>{html.escape(title)}</h2>")
    origin = f"{html.escape(style.kind_name(conversation.kind))} · {html.escape(conversation.account_name)}"
    if conversation.url:
        link = QCoreApplication.translate("ThreadView", "Open the original")
        origin += f' · <a href="{html.escape(conversation.url, quote=True)}">{html.escape(link)}</a>'
    parts.append(f'<p class="meta">{origin}</p>')
    if hours is not None:
        told = response_line(conversation, messages, hours, _is_commented_post)
        if told:
            parts.append(f'<p class="meta">⏱ {html.escape(told)}</p>')
    window, closed = window_line(conversation, messages)
    if window:
        tone = theme.colours()["bad" if closed else "caution"]
        parts.append(f'<p style="color:{tone}">⌛ {html.escape(window)}</p>')
    if conversation.management_note is not None:
        flagged = QCoreApplication.translate("ThreadView", "For management")
        note = f": {html.escape(conversation.management_note)}" if conversation.management_note else ""
        parts.append(f'<p class="card">📋 <b>{html.escape(flagged)}</b>{note}</p>')
    if conversation.assignee:
        taken = QCoreApplication.translate("ThreadView", "Assigned to {name}").format(name=conversation.assignee)
        parts.append(f'<p class="meta">👤 {html.escape(taken)}</p>')
    parts.extend(f'<p style="color:{theme.colours()["info"]}">{html.escape(line)}</p>' for line in present)
    parts.extend(note_html(note) for note in notes)
    waiting = waiting_for_answer(messages, conversation)
    if len(waiting) > 1 or (waiting and len({m.author_name for m in messages if m.direction == "in"}) > 1):
        said = QCoreApplication.translate("ThreadView", "Waiting for an answer: {names}").format(
            names=", ".join(waiting)
        )
        parts.append(f'<p><b style="color:{theme.colours()["bad"]}">{html.escape(said)}</b></p>')
    inbound = [m for m in messages if m.direction == "in"]
    if inbound:
        author = inbound[-1]
        count = sum(1 for m in messages if m.author_name == author.author_name)
        handle = f" · {html.escape(shown_handle(author.author_handle))}" if shown_handle(author.author_handle) else ""
        # ThreadView.tr: pyside6-lupdate sees plural forms in `tr` calls only, not in `translate`.
        card = (
            ""
            if len(messages) == 1
            else ThreadView.tr("%Ln message(s) from them in this thread", "", count)
            if count < len(messages)
            else ThreadView.tr("Every message in this thread is theirs")
        )
        parts.append(
            f'<table width="100%" class="card"><tr><td><b>{_person_link(_who(author))}</b>{handle}'
            + (f'<br><span class="meta">{html.escape(card)}</span>' if card else "")
            + "</td></tr></table><br>"
        )
    for message in messages:
        parts.append(
            _message_html(
                conversation, message, activity.get(message.remote_id, {}), revealed, acts, message.id in pictures
            )
        )
    parts.extend(pending_html(entry) for entry in pending)
    return "".join(parts)


_IMAGE = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def _images_as_links(body: str) -> str:
    """An image inside a message is never fetched: it becomes a link to it (its description, or "image"), which
    opens in the browser if the user wants it, instead of Qt's broken-picture glyph; a tracking pixel (1×1) goes.
    The HTML is nh3's output (sanitised at ingest), which always quotes attributes with double quotes."""

    def link(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        source = html.unescape(attributes.get("src", ""))
        pixel = attributes.get("width") in ("0", "1") or attributes.get("height") in ("0", "1")
        if pixel or not source.startswith(("http://", "https://")):
            return ""
        label = html.unescape(attributes.get("alt", "")).strip() or QCoreApplication.translate("ThreadView", "image")
        return f'<a href="{html.escape(source, quote=True)}">🖼 {html.escape(label)}</a>'

    return _IMAGE.sub(link, body) if "<img" in body.lower() else body


def _who(message: Message) -> str:
    return message.author_name or message.author_handle or QCoreApplication.translate("ThreadView", "Anonymous")


def _sentiment_mark(message: Message) -> str:
    """A message's sentiment, in its colour, as a link that corrects it ("✓" once the user has)."""
    if not message.sentiment:
        return ""
    tone = style.sentiment_tone(message.sentiment)
    colour = theme.colours()[tone] if tone else theme.colours()["meta"]
    name = style.sentiment_name(message.sentiment) + (" ✓" if message.sentiment_by else "")
    tip = html.escape(QCoreApplication.translate("ThreadView", "Not right? Click to correct it: cmdesk learns"))
    return (
        f' · <a href="cmdesk:sentiment/{message.id}" title="{tip}" style="color:{colour}; text-decoration:none">'
        f"● {html.escape(name)}</a>"
    )


def _message_html(
    conversation: Conversation,
    message: Message,
    counts: Mapping[str, int],
    revealed: Collection[int],
    acts: Collection[str],
    pictures: bool = False,
) -> str:
    parts = []
    when = relative_time(message.created_at)
    css = "msg out" if message.direction == "out" else "msg"
    who = (
        _person_link(_who(message)) if message.direction == "in" and message.author_name else html.escape(_who(message))
    )
    marks = ""
    if message.updated_at is not None:
        marks += " · " + QCoreApplication.translate("ThreadView", "edited {when}").format(
            when=relative_time(message.updated_at)
        )
    if message.source:  # the same story from several of the client's sources: which brought this one
        marks += " · " + QCoreApplication.translate("ThreadView", "via {source}").format(source=message.source)
    if message.remote_id.startswith(DEMO_SENT_PREFIX):
        marks += " · " + QCoreApplication.translate("ThreadView", "demo: not sent anywhere")
    feeling = _sentiment_mark(message) if message.direction == "in" else ""
    avatar = avatars.url(_who(message), conversation.network)
    parts.append(
        f'<table width="100%" cellspacing="0"><tr><td class="{css}">'
        f'<img src="{html.escape(avatar, quote=True)}" width="{AVATAR}" height="{AVATAR}" '
        'style="vertical-align: middle">&nbsp; '
        f'<b>{who}</b> <span class="meta">{html.escape(when + marks)}</span>{feeling}'
    )
    if message.deleted_at is not None:
        gone = QCoreApplication.translate(
            "ThreadView", "Deleted on the network {when}, or no longer visible to you; kept here as it was."
        ).format(when=relative_time(message.deleted_at))
        parts.append(f'<div style="color:{theme.colours()["bad"]}">🗑 {html.escape(gone)}</div>')
    if message.title and message.title != conversation.title:
        parts.append(f"<br><i>{html.escape(message.title)}</i>")
    folded = bool(message.content_warning) and message.id not in revealed
    if message.content_warning:
        toggle = (
            _link("show", message.id, QCoreApplication.translate("ThreadView", "Show"))
            if folded
            else _link("hide", message.id, QCoreApplication.translate("ThreadView", "Hide"))
        )
        parts.append(f'<div class="cw">⚠ {html.escape(message.content_warning)} · {toggle}</div>')
    images = [a for a in message.attachments if a.get("role") in ("emoji", *PICTURED)]
    if not folded:
        body = _images_as_links(message.html) if message.html else plain_to_html(message.text)
        if pictures:
            for emoji in (a for a in images if a.get("role") == "emoji"):
                code = html.escape(f":{emoji.get('title', '')}:")
                picture = f'<img src="{html.escape(str(emoji.get("url", "")), quote=True)}" height="18" alt="{code}">'
                body = body.replace(code, picture)
        parts.append(f"<div>{body}</div>")
        for attachment in message.attachments:
            url = str(attachment.get("url", ""))
            if url.startswith("part:") and url[5:].isdigit():
                parts.append(_kept_on_server_html(message.id, int(url[5:]), attachment))
                continue
            if not url.startswith(("http://", "https://")) or attachment.get("role") == "emoji":
                continue
            preview = _preview(attachment)
            # What the source says the attachment shows: an image's alt text (a Mastodon post's, in its API or RSS).
            described = str(attachment.get("title") or "")
            extra = f" — {html.escape(described)}" if described else ""
            pictured = attachment.get("role") in PICTURED
            if pictured and pictures and preview:
                description = html.escape(described, quote=True)
                parts.append(
                    f'<div><a href="{html.escape(url, quote=True)}"><img src="{html.escape(preview, quote=True)}"'
                    f' width="240" alt="{description}" title="{description}"></a></div>'
                )
            elif pictured:
                label = QCoreApplication.translate("ThreadView", "Open the {kind}").format(
                    kind=media_kind(str(attachment.get("type") or ""))
                )
                anchor = f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'
                parts.append(f'<div class="meta">🖼 {anchor}{extra}</div>')
            else:
                label = html.escape(str(attachment.get("type") or attachment.get("role") or "file"))
                parts.append(f'<div class="meta">📎 <a href="{html.escape(url, quote=True)}">{label}</a>{extra}</div>')
    footer = []
    if counts and (said := counts_line(counts)):
        footer.append(html.escape(said))
    if images and not pictures and not folded:
        count = len(images)
        footer.append(
            _link(
                "images",
                message.id,
                "🖼 " + QCoreApplication.translate("ThreadView", "Show images ({count})").format(count=count),
            )
        )
    translate = QCoreApplication.translate
    own_post = message.remote_id == conversation.remote_id  # the video or post the thread is under
    if message.held and message.deleted_at is None:
        footer.append("⏳ " + html.escape(translate("ThreadView", "Held for review: not public yet")))
        if "approve" in acts:
            footer.append(_link("approve", message.remote_id, "✔ " + translate("ThreadView", "Approve")))
    if "delete" in acts and message.direction == "out" and message.deleted_at is None and not own_post:
        footer.append(_link("delete", message.remote_id, "🗑 " + translate("ThreadView", "Delete")))
    if message.direction == "in" and message.deleted_at is None:
        if "favourite" in acts:
            footer.append(_link("favourite", message.remote_id, "☆ " + translate("ThreadView", "Favourite")))
        if "boost" in acts:
            footer.append(_link("boost", message.remote_id, "↻ " + translate("ThreadView", "Boost")))
        if "hide" in acts:
            footer.append(_link("hide", message.remote_id, "🚫 " + translate("ThreadView", "Hide from the public")))
        if "spam" in acts:
            footer.append(_link("spam", message.remote_id, "⚠ " + translate("ThreadView", "Spam")))
        if "trash" in acts:
            footer.append(_link("trash", message.remote_id, "🗑 " + translate("ThreadView", "Trash")))
    if message.url and message.url != conversation.url:
        footer.append(f'<a href="{html.escape(message.url, quote=True)}">↗</a>')
    if footer:
        parts.append(f'<div class="meta">{" · ".join(footer)}</div>')
    parts.append("</td></tr></table><br>")
    return "".join(parts)


class ThreadView(QWidget):
    replyRequested = Signal(int, str, bool)  # noqa: N815 - conversation id, text, in private (a private reply)
    messageActionRequested = Signal(str, str)  # noqa: N815 - favourite|boost|delete|hide|approve|trash|spam, a remote id
    outboxActionRequested = Signal(str, int)  # noqa: N815 - "retry" | "cancel", the outbox entry id
    personRequested = Signal(str)  # noqa: N815 - a person's name was clicked: their author card
    sentimentRequested = Signal(int)  # noqa: N815 - a message's sentiment mark was clicked: correct it
    imagesRequested = Signal(list)  # noqa: N815 - image URLs the user asked to see (the app fetches them)
    attachmentRequested = Signal(int, int, str)  # noqa: N815 - message id, attachment part, its name

    def __init__(self, parent: QWidget | None = None, drafts: ReplyDrafts | None = None) -> None:
        super().__init__(parent)
        self.drafts = drafts or ReplyDrafts()
        self._conversation: Conversation | None = None
        self._messages: list[Message] = []
        self._pending: list[OutboxEntry] = []
        self._activity: Mapping[str, Mapping[str, int]] = {}
        self._revealed: set[int] = set()
        self._pictures: set[int] = set()
        self._acts: frozenset[str] = frozenset()
        self.browser = SafeBrowser(self)
        self.browser.actionRequested.connect(self._action)
        self.browser.setPlaceholderText(self.tr("Select a conversation to read it here."))
        self.reply = QPlainTextEdit(self)
        self.reply.setPlaceholderText(self.tr("Write a reply…"))
        self.reply.setMaximumHeight(110)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.reply.textChanged.connect(self._draft_timer.start)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(mid);")
        self.send = QPushButton(self.tr("Send"), self)
        self.send.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.send.clicked.connect(self._send)
        QShortcut(QKeySequence("Ctrl+Return"), self.reply, self._send)
        QShortcut(QKeySequence("Ctrl+Enter"), self.reply, self._send)
        self.private = QCheckBox(self.tr("In private"), self)
        self.private.setToolTip(self.tr("Answer the latest comment in a private message to its author"))
        self.reply_tools = QHBoxLayout()
        bottom = QHBoxLayout()
        bottom.addLayout(self.reply_tools)
        bottom.addStretch(1)
        self.answer_there = AnswerThereButton(self)
        bottom.addWidget(self.answer_there)
        bottom.addWidget(self.private)
        bottom.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.reply)
        layout.addLayout(bottom)
        self.show_conversation(None, [], "")

    def _enable_tools(self, enabled: bool) -> None:
        """The reply box's tools (snippets) work when the reply box does."""
        for index in range(self.reply_tools.count()):
            widget = self.reply_tools.itemAt(index).widget()
            if widget is not None:
                widget.setEnabled(enabled)

    @property
    def conversation(self) -> Conversation | None:
        return self._conversation

    @property
    def messages(self) -> list[Message]:
        """The messages of the conversation shown, oldest first."""
        return self._messages

    def show_conversation(
        self,
        conversation: Conversation | None,
        messages: list[Message],
        why_not: str,
        *,
        pending: Sequence[OutboxEntry] = (),
        activity: Mapping[str, Mapping[str, int]] | None = None,
        note: str = "",
        hours: BusinessHours | None = None,
        notes: Sequence[Note] = (),
        present: Sequence[str] = (),
    ) -> None:
        """`why_not`: why no reply is possible ('' when it is); `note`: what to know before replying (a demo);
        `hours`: the client's business hours, to say how long answers take."""
        same = conversation is not None and self._conversation is not None and conversation.id == self._conversation.id
        if not same:
            self.save_draft()
        self._conversation = conversation
        self._messages = messages
        self._pending = list(pending)
        self._activity = activity or {}
        self._hours = hours
        self._notes = notes
        self._present = present
        if not same:
            self._revealed = set()
            self._pictures = set()
            self.private.setChecked(False)
            self._show_draft(self.drafts.get(conversation.id) if conversation is not None else "")
        if conversation is None:
            self.browser.clear()
            self.reply.setEnabled(False)
            self.send.setEnabled(False)
            self.private.setVisible(False)
            self._enable_tools(False)
            self.reason.setText("")
            self.answer_there.show_for(None, [], False)
            self.reply.setPlaceholderText(self.tr("Select a conversation to answer it."))
            return
        can_reply = not why_not
        found = networks.capabilities(conversation.network)
        self._acts = message_acts(found, conversation.kind) if can_reply else frozenset()
        self.private.setVisible(can_reply and conversation.kind == "comment" and found.can_reply_privately)
        self._render(keep_position=same)
        self.reply.setEnabled(can_reply)
        self.send.setEnabled(can_reply)
        self._enable_tools(can_reply)
        self.reason.setText(why_not or note)
        self.reason.setVisible(bool(why_not or note))
        self.answer_there.show_for(conversation, messages, read_only=not can_reply)
        self.reply.setPlaceholderText(
            self.tr("Write a reply…") if can_reply else self.tr("Replies are not possible here.")
        )

    def _render(self, *, keep_position: bool) -> None:
        if self._conversation is None:
            return
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(
            thread_html(
                self._conversation,
                self._messages,
                pending=self._pending,
                activity=self._activity,
                revealed=self._revealed,
                acts=self._acts,
                pictures=self._pictures,
                hours=self._hours,
                notes=self._notes,
                present=self._present,
            )
        )
        if keep_position:
            bar.setValue(position)

    def _action(self, verb: str, argument: str) -> None:
        if verb in ("show", "hide") and argument.isdigit():
            (self._revealed.add if verb == "show" else self._revealed.discard)(int(argument))
            self._render(keep_position=True)
        elif verb == "images" and argument.isdigit():
            message = next((m for m in self._messages if m.id == int(argument)), None)
            if message is not None:
                self._pictures.add(message.id)
                urls = [_preview(a) for a in message.attachments if a.get("role") in ("emoji", *PICTURED)]
                self.imagesRequested.emit([url for url in urls if url and url not in self.browser.images])
                self._render(keep_position=True)
        elif verb == "save" and argument.replace(".", "", 1).isdigit() and "." in argument:
            message_id, part = (int(value) for value in argument.split("."))
            message = next((m for m in self._messages if m.id == message_id), None)
            if message is not None:
                names = [str(a.get("title") or "") for a in message.attachments if a.get("url") == f"part:{part}"]
                self.attachmentRequested.emit(message_id, part, names[0] if names else "")
        elif verb in ("favourite", "boost", "delete", "hide", "approve", "trash", "spam"):
            self.messageActionRequested.emit(verb, argument)
        elif verb in ("retry", "cancel") and argument.isdigit():
            self.outboxActionRequested.emit(verb, int(argument))
        elif verb == "person":
            self.personRequested.emit(argument)
        elif verb == "sentiment" and argument.isdigit():
            self.sentimentRequested.emit(int(argument))

    def add_images(self, images: Mapping[str, bytes]) -> None:
        """Images fetched at the user's request: shown where the messages refer to them."""
        for url, data in images.items():
            picture = QImage.fromData(data)
            if not picture.isNull():
                self.browser.images[url] = picture
        self._render(keep_position=True)

    def _show_draft(self, text: str) -> None:
        self.reply.blockSignals(True)
        self.reply.setPlainText(text)
        self.reply.blockSignals(False)
        self.reply.moveCursor(QTextCursor.MoveOperation.End)

    def save_draft(self) -> None:
        """Keep what is in the reply box as the shown conversation's draft (also a moment after typing stops)."""
        self._draft_timer.stop()
        if self._conversation is not None and self.reply.isEnabled():
            self.drafts.put(self._conversation.id, self.reply.toPlainText())

    def clear_reply(self, conversation_id: int) -> None:
        """The reply to `conversation_id` is queued: its draft goes, and the box empties if it still shows it."""
        self.drafts.put(conversation_id, "")
        if self._conversation is not None and self._conversation.id == conversation_id:
            self._show_draft("")

    def _send(self) -> None:
        text = self.reply.toPlainText().strip()
        if self._conversation is not None and text:
            self.replyRequested.emit(self._conversation.id, text, self.private.isVisible() and self.private.isChecked())
