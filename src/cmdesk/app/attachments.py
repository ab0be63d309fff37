"""Saving an attachment the user asked for: fetched from its server through the sync engine, written whole or not
at all. Errors come back as one line fit for a dialog."""

from __future__ import annotations

import asyncio
from pathlib import Path

from cmdesk.app.context import AppContext
from cmdesk.connectors.base import ConnectorError


class AttachmentNotSaved(Exception):
    """`str(error)` says why, for the user."""


async def save_attachment(context: AppContext, message_id: int, part: int, destination: Path) -> Path:
    from cmdesk.sync.attachments import write_download

    try:
        download = await context.engine.fetch_attachment(message_id, part)
    except ConnectorError as error:
        raise AttachmentNotSaved(str(error)) from None
    try:
        return await asyncio.to_thread(write_download, download, destination)
    except OSError as error:
        raise AttachmentNotSaved(f"cannot write {destination}: {error.strerror or error}") from None
