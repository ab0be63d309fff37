"""The thread on the right: showing a conversation, replying, acting on a message or an unsent reply, images and
attachments asked for. Part of MainWindow (window.py), as a mixin: it works on the window's own widgets."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QMenu,
    QMessageBox,
)

from cmdesk.domain.reads import Conversation
from cmdesk.services import listening, networks, outbox_actions, replies
from cmdesk.services.commands import Refused
from cmdesk.ui import style
from cmdesk.ui.style import demo_note, why_not_reply

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


class ThreadActions:
    def _show_thread(self, row: Conversation) -> None:
        found = self.context.reader.thread(row.id, row.account_id)
        self.viewing(row)
        self.thread.show_conversation(
            row,
            found.messages,
            why_not_reply(row.network),
            pending=found.pending,
            activity=found.activity,
            note=demo_note() if found.account.is_demo else "",
            hours=self.context.reader.client(row.client_id).hours,
            notes=found.notes,
            present=self.presence_lines(row),
        )

    def _refresh_thread(self) -> None:
        current = self.thread.conversation
        if current is None:
            return
        found = self.context.reader.conversations_by_ids([current.id])
        if found:
            self._show_thread(found[0])
            self.model.refresh_rows([current.id])

    def _reply(self, conversation_id: int, text: str, private: bool = False) -> None:
        """Queue the reply in the outbox (it survives a crash or a closed laptop) and show it as on its way;
        `private`: to the latest comment's author in a private message."""

        def queued(_entry: object) -> None:
            self.thread.clear_reply(conversation_id)
            self.context.send_soon()

        self.context.submit(replies.queue_reply(conversation_id, text, private=private), queued)

    def _message_action(self, action: str, remote_id: str) -> None:
        row = self.thread.conversation
        if row is None:
            return
        if action == "delete":
            answer = QMessageBox.question(
                self,
                self.tr("Delete the post"),
                self.tr("Delete this post on the network? Replies to it stay; cmdesk keeps its text here."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if action in ("trash", "spam"):
            question = (
                self.tr("Mark this comment as spam on the site? It leaves the site's comments; cmdesk keeps it here.")
                if action == "spam"
                else self.tr("Send this comment to the site's trash? cmdesk keeps it here.")
            )
            title = self.tr("Spam") if action == "spam" else self.tr("Trash")
            if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
                return
        ban = False
        if action == "hide":
            asked = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Hide the comment"),
                self.tr("Hide this comment from the public on the network? cmdesk keeps it here."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            if networks.capabilities(row.network).can_ban_authors:
                asked.setCheckBox(QCheckBox(self.tr("Also keep its author from commenting again"), asked))
            if asked.exec() != QMessageBox.StandardButton.Yes:
                return
            ban = asked.checkBox() is not None and asked.checkBox().isChecked()

        # A message may come from another of the client's sources than the conversation's (storage/stories.py).
        account_id = next((m.account_id for m in self.thread.messages if m.remote_id == remote_id), row.account_id)
        self.context.submit(
            replies.act_on_message(row.id, account_id, action, remote_id, ban_author=ban),
            lambda _entry: self.context.send_soon(),
        )

    def correct_message_sentiment(self, message_id: int) -> None:
        """The sentiment mark of a message was clicked: the three choices, the current one ticked."""
        message = next((m for m in self.thread.messages if m.id == message_id), None)
        if message is None:
            return
        menu = QMenu(self)
        for label in listening.SENTIMENTS:
            action = menu.addAction(style.sentiment_name(label))
            action.setCheckable(True)
            action.setChecked(message.sentiment == label)
            action.triggered.connect(
                lambda _c=False, chosen=label: self.context.submit(listening.correct_messages([message_id], chosen))
            )
        menu.popup(QCursor.pos())

    def _outbox_action(self, action: str, entry_id: int) -> None:
        def changed(_entry: object) -> None:
            if action == "retry":
                self.context.send_soon()

        command = outbox_actions.retry(entry_id) if action == "retry" else outbox_actions.cancel(entry_id)
        self.context.submit(command, changed, lambda reason: log.info("outbox %s %s: %s", action, entry_id, reason))

    def _load_images(self, urls: list[str]) -> None:
        async def load() -> None:
            self.thread.add_images(await self.context.fetch_images(urls))

        if urls:
            self._tasks.spawn(load())

    def _conversation_client(self) -> list[int]:
        """The client of the conversation being answered, whose snippets the reply box offers."""
        conversation = self.thread.conversation
        return [conversation.client_id] if conversation is not None else []

    def _save_attachment(self, message_id: int, part: int, name: str) -> None:
        from cmdesk.services.attachments import suggested_path

        suggested = suggested_path(name)
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the attachment"), str(suggested))
        if not chosen:
            return

        async def save() -> None:
            self.statusBar().showMessage(self.tr("Fetching {name} from the server…").format(name=name))
            try:
                saved = await self.context.save_attachment(message_id, part, Path(chosen))
            except Refused as error:
                self.statusBar().clearMessage()
                QMessageBox.warning(
                    self,
                    self.tr("Save the attachment"),
                    self.tr("{name} was not saved: {reason}").format(name=name, reason=error),
                )
            else:
                self.statusBar().showMessage(self.tr("Saved {path}").format(path=saved), 6000)

        self._tasks.spawn(save())
