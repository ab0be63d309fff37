"""The last triage changes the user made (status, snooze, read mark, labels), newest last, to take back with
Ctrl+Z as a mail client undoes a move: a stray `e` must not lose a conversation in the Done view."""

from __future__ import annotations

from cmdesk.storage.triage import TriageState

LIMIT = 20


class TriageUndo:
    def __init__(self) -> None:
        self._changes: list[tuple[str, TriageState]] = []

    def push(self, what: str, before: TriageState) -> None:
        """`what` the change was, in the user's words; `before`, the conversations as they were."""
        self._changes.append((what, before))
        del self._changes[:-LIMIT]

    def pop(self) -> tuple[str, TriageState] | None:
        return self._changes.pop() if self._changes else None

    @property
    def last(self) -> str | None:
        return self._changes[-1][0] if self._changes else None
