"""Saving an attachment the user asked for: fetched from its server through the sync engine, written whole or not
at all; refusals come back as one line fit for a dialog."""

from __future__ import annotations

import asyncio
from pathlib import Path

from cmdesk import paths
from cmdesk.connectors.base import ConnectorError
from cmdesk.services.commands import Refused
from cmdesk.sync.attachments import free_path, write_download
from cmdesk.sync.engine import SyncEngine


class AttachmentNotSaved(Refused):
    """`str(error)` says why, for the user."""


def suggested_path(name: str) -> Path:
    """Where the save dialog proposes to put it: the Downloads folder, under a name not yet taken."""
    return free_path(paths.downloads_dir(), name or "attachment")


async def save_attachment(engine: SyncEngine, message_id: int, part: int, destination: Path) -> Path:
    try:
        download = await engine.fetch_attachment(message_id, part)
    except ConnectorError as error:
        raise AttachmentNotSaved(str(error)) from None
    try:
        return await asyncio.to_thread(write_download, download, destination)
    except OSError as error:
        raise AttachmentNotSaved(f"cannot write {destination}: {error.strerror or error}") from None
