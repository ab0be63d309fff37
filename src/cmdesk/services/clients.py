"""A client's own settings: its e-mail signature, weekly posting slots, what to do with a post whose time passed
while cmdesk was closed, and its snippets (saved answers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cmdesk.domain.acts import MISSED_POLICIES
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.services.commands import Changes, Command, Done, Refused
from cmdesk.storage.snippets import Snippet

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _client(client_id: int) -> Changes:
    return Changes(clients=frozenset([client_id]))


def parse_slots(texts: Sequence[str]) -> list[str]:
    """'mon 09:00' … checked and put in week order; Refused names the first that cannot be read."""
    from cmdesk.storage import schedule
    from cmdesk.storage.outbox import OutboxError

    try:
        chosen = sorted({schedule.parse_slot(t) for t in texts if t.strip()}, key=lambda s: (s.weekday, s.at))
    except OutboxError as error:
        raise Refused(str(error)) from None
    return [str(slot) for slot in chosen]


def save_settings(client_id: int, signature: str, missed_policy: str, slots: Sequence[str]) -> Command[None]:
    """The client settings dialog's three settings, saved together."""
    if missed_policy not in MISSED_POLICIES:
        raise Refused(f"unknown policy for a missed time: {missed_policy}")
    kept = parse_slots(slots)

    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import workspace

        workspace.set_client_signature(connection, client_id, signature)
        workspace.set_client_publishing(connection, client_id, missed_policy=missed_policy, slots=kept)
        return Done(None, _client(client_id))

    return command


def set_signature(client_id: int, signature: str) -> Command[None]:
    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import workspace

        workspace.set_client_signature(connection, client_id, signature)
        return Done(None, _client(client_id))

    return command


def set_publishing(
    client_id: int, *, missed_policy: str | None = None, slots: Sequence[str] | None = None
) -> Command[None]:
    kept = parse_slots(slots) if slots is not None else None

    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import workspace

        workspace.set_client_publishing(connection, client_id, missed_policy=missed_policy, slots=kept)
        return Done(None, _client(client_id))

    return command


def add_snippet(client_id: int, title: str, text: str, language: str | None = None) -> Command[Snippet]:
    """`language`: the text's language ("" for any); None finds it from the text. A title the client already has in
    another language adds this text as that snippet's version in this language."""

    def command(connection: Connection) -> Done[Snippet]:
        from cmdesk.analysis.language import language_of
        from cmdesk.storage import snippets

        written_in = language_of(text) if language is None else language
        return Done(snippets.add(connection, client_id, title, text, written_in), _client(client_id))

    return command


def remove_snippet(snippet_id: int) -> Command[None]:
    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import snippets

        snippets.remove(connection, snippet_id)
        return Done(None, Changes())

    return command


def set_hours(client_id: int, hours: BusinessHours) -> Command[int]:
    """The client's business hours and first-response target (domain/business_hours.py); its waiting conversations'
    due times follow at once. Returns how many conversations wait."""

    def command(connection: Connection) -> Done[int]:
        from cmdesk.storage import workspace

        waiting = workspace.set_client_hours(connection, client_id, hours)
        return Done(waiting, Changes(clients=frozenset([client_id]), views=True))

    return command


def set_monitors(client_id: int, queries: Sequence[str]) -> Command[list[str]]:
    """What the client listens for across all its sources; each query checked (domain/monitors.py), the same one
    kept once. Raises MonitorQueryError with the user's words when one cannot be read."""
    from cmdesk.domain.monitors import distinct

    kept = distinct(queries)

    def command(connection: Connection) -> Done[list[str]]:
        from cmdesk.storage import workspace

        workspace.set_client_monitors(connection, client_id, kept)
        return Done(kept, _client(client_id))

    return command
