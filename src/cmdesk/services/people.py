"""What the user keeps about a person (the author card's note), across their conversations and networks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.services.commands import Changes, Command, Done

if TYPE_CHECKING:
    from sqlalchemy import Connection


def set_note(name: str, note: str) -> Command[None]:
    """Keep the note about `name` (an empty one forgets it)."""

    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import people

        people.set_note(connection, name, note)
        return Done(None, Changes())

    return command
