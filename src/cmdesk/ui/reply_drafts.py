"""Reply drafts, one per conversation: what the user typed in the reply box stays with its conversation when they
move to another one (and never goes out to the wrong one), and survives closing cmdesk or a crash. Kept in the
window's settings file, in the data folder, written a moment after typing stops."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings

GROUP = "reply-drafts"


class ReplyDrafts:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings
        self._memory: dict[int, str] = {}
        self.changed: Callable[[int], None] | None = None
        """Told the conversation id when its draft starts, changes or goes."""

    def get(self, conversation_id: int) -> str:
        if conversation_id in self._memory:
            return self._memory[conversation_id]
        if self._settings is None:
            return ""
        return str(self._settings.value(f"{GROUP}/{conversation_id}", "") or "")

    def has(self, conversation_id: int) -> bool:
        return bool(self.get(conversation_id))

    def put(self, conversation_id: int, text: str) -> None:
        """Keep `text` as the conversation's draft; an empty or blank text removes it."""
        text = text if text.strip() else ""
        if self.get(conversation_id) == text:
            return
        self._memory[conversation_id] = text
        if self.changed is not None:
            self.changed(conversation_id)
        if self._settings is None:
            return
        key = f"{GROUP}/{conversation_id}"
        if text:
            self._settings.setValue(key, text)
        else:
            self._settings.remove(key)
        self._settings.sync()
