"""Publishing: one post to several accounts, now, at a time, or at the client's next free slot, weekly if asked —
queued in the outbox (one entry per account sharing a group) for the engine to send. The composer and
`cmdesk post` both queue through here; the images are copied into the data folder first, so a scheduled post still
has them when it goes out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cmdesk.services.commands import Changes, Command, Done, Refused
from cmdesk.storage.outbox_reads import OutboxEntry

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class Publication:
    """What the user asked to publish. `at` None and `next_slot` False: now."""

    account_ids: Sequence[int]
    text: str
    at: datetime | None = None
    next_slot: bool = False
    content_warning: str = ""
    missed: str | None = None
    """"send", "ask", "skip", or None for the client's choice."""
    repeat_weekly: bool = False
    variants: Mapping[int, str] = field(default_factory=dict)
    """An account's own text, where it must differ."""
    media: Sequence[Mapping[str, str]] = ()
    """Images {"path", "description"}, copied into the data folder by `keep_images` before queueing."""


def keep_images(data_dir: Path, publication: Publication) -> Publication:
    """The publication with its images copied into the data folder; Refused when one cannot be read or written."""
    from dataclasses import replace

    from cmdesk.storage.media_files import keep_media

    if not publication.media:
        return publication
    try:
        return replace(publication, media=keep_media(data_dir, publication.media))
    except OSError as error:
        raise Refused(f"an image could not be read or kept: {error.strerror or error}") from None


def queue_post(publication: Publication) -> Command[list[OutboxEntry]]:
    """One outbox entry per account; due now, at `at`, or at the first account's client's next free slot."""

    def command(connection: Connection) -> Done[list[OutboxEntry]]:
        from cmdesk.services import networks
        from cmdesk.storage import outbox, schedule, workspace

        if not publication.media:
            for account_id in publication.account_ids:
                account = workspace.get_account(connection, account_id)
                if networks.capabilities(account.network).needs_media:
                    raise Refused(f"{account.name} publishes only with an image: add one, or leave it out")
        at = publication.at
        if publication.next_slot:
            if not publication.account_ids:
                raise Refused("choose at least one account to publish to")
            at = schedule.next_free_slot(
                connection, workspace.get_account(connection, publication.account_ids[0]).client_id
            )
        entries = outbox.enqueue_post(
            connection,
            publication.account_ids,
            publication.text,
            at=at,
            content_warning=publication.content_warning,
            missed=publication.missed,
            repeat="weekly" if publication.repeat_weekly and at is not None else None,
            variants=publication.variants,
            media=publication.media,
        )
        return Done(entries, Changes.of_outbox([e.id for e in entries]))

    return command
