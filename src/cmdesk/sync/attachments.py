"""Attachments fetched from their server when the user asks (e-mail lists them at sync time without their
contents): the one place that turns a stored message's "part:N" into the file's bytes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import cast

from cmdesk.connectors.base import AttachmentConnector, Connector, Permanent
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Download, NetworkId
from cmdesk.storage import queries, workspace
from cmdesk.storage.database import Database
from cmdesk.sync.credentials import with_secret


def attachment_part(url: str) -> int | None:
    """N for an attachment listed as "part:N" (kept on the server), None for one with a web address."""
    prefix, _, number = url.partition(":")
    return int(number) if prefix == "part" and number.isdigit() else None


async def fetch_attachment(
    database: Database,
    connectors: Mapping[NetworkId, Connector],
    credentials: CredentialStore | None,
    message_id: int,
    part: int,
) -> Download:
    with database.read() as connection:
        message = queries.message(connection, message_id)
        if message is None:
            raise Permanent(f"no message with id {message_id}")
        account = workspace.get_account(connection, message.account_id)
    if not any(attachment_part(str(a.get("url", ""))) == part for a in message.attachments):
        raise Permanent(f"message {message_id} has no attachment {part}")
    if account.is_demo:
        raise Permanent("demo messages have no attachments on a server")
    connector = connectors.get(account.network)
    if connector is None or not hasattr(connector, "fetch_attachment"):
        raise Permanent(f"{account.network} attachments cannot be fetched")
    prepared = with_secret(account, connector, credentials)
    return await cast(AttachmentConnector, connector).fetch_attachment(prepared, message.remote_id, part)


def safe_filename(name: str) -> str:
    """A name fit for the local disk: no folders, no control characters, never empty or hidden."""
    cleaned = "".join(c for c in name.replace("\\", "/").rsplit("/", 1)[-1] if c.isprintable()).strip().lstrip(".")
    return cleaned[:200] or "attachment"


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)`… when a file of that name is already there."""
    candidate = folder / safe_filename(name)
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def write_download(download: Download, destination: Path) -> Path:
    """Write the file whole or not at all (a temporary file renamed into place)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    try:
        partial.write_bytes(download.data)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return destination
