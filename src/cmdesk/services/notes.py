"""Internal notes on a conversation: what a teammate (or the user, later) should know, never sent anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.services.commands import Changes, Command, Done, Refused
from cmdesk.storage import notes
from cmdesk.storage.rawsql import scalar
from cmdesk.storage.team import link
from cmdesk.storage.timeutil import utcnow

if TYPE_CHECKING:
    from sqlalchemy import Connection


def author(connection: Connection) -> str:
    """Who writes: the person of this laptop in its team, else the computer's login name."""
    import getpass  # here: the window imports this module before its first paint

    current = link.read(connection)
    return current.person if current is not None else getpass.getuser()


def add_note(conversation_id: int, body: str) -> Command[int]:
    def command(connection: Connection) -> Done[int]:
        if not scalar(connection, "SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)):
            raise Refused(f"no conversation {conversation_id} (see `cmdesk inbox`)")
        try:
            made = notes.add(connection, conversation_id, author(connection), body, utcnow())
        except notes.NoteError as error:
            raise Refused(str(error)) from None
        return Done(made, Changes.of_conversations([conversation_id], views=False))

    return command
