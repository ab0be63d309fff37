"""`cmdesk attachment list MESSAGE` and `cmdesk attachment save MESSAGE PART [--to DIR]`: attachments are listed at
sync time and fetched from their server only when asked."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from cmdesk import paths
from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, connectors, credential_store, open_database
from cmdesk.cli.output import table
from cmdesk.connectors.base import ConnectorError
from cmdesk.storage import queries
from cmdesk.sync.attachments import attachment_part, fetch_attachment, free_path, write_download


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    attachment = commands.add_parser("attachment", parents=[common], help="a message's attachments")
    actions = attachment.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="the attachments of a message")
    listing.add_argument("message", type=arguments.identifier, help="the message's id (see `cmdesk export`)")
    listing.set_defaults(handler=list_attachments)
    save = actions.add_parser("save", parents=[common], help="fetch an attachment from its server into a folder")
    save.add_argument("message", type=arguments.identifier)
    save.add_argument("part", type=arguments.number, help="the attachment's number in `cmdesk attachment list`")
    save.add_argument("--to", type=Path, default=None, metavar="DIR", help="folder (default: your Downloads)")
    save.set_defaults(handler=save_attachment)


def list_attachments(args: argparse.Namespace) -> int:
    with open_database(args).read() as connection:
        message = queries.message(connection, args.message)
    if message is None:
        raise CommandError(f"no message {args.message}")
    rows = []
    for attachment in message.attachments:
        if attachment.get("role") == "emoji":
            continue
        url = str(attachment.get("url", ""))
        part = attachment_part(url)
        rows.append(
            (
                "-" if part is None else part,
                attachment.get("title") or "",
                attachment.get("type") or "",
                attachment.get("length") or "",
                url if part is None else "",
            )
        )
    if not rows:
        print(f"message {args.message} has no attachments")
        return 0
    table(("PART", "NAME", "TYPE", "BYTES", "ADDRESS"), rows)
    return 0


def save_attachment(args: argparse.Namespace) -> int:
    database = open_database(args)
    try:
        download = asyncio.run(
            fetch_attachment(database, connectors(database), credential_store(), args.message, args.part)
        )
    except ConnectorError as error:
        raise CommandError(f"attachment not saved: {error}") from None
    folder = (args.to or paths.downloads_dir()).expanduser()
    try:
        saved = write_download(download, free_path(folder, download.filename))
    except OSError as error:
        raise CommandError(f"attachment not saved in {folder}: {error.strerror or error}") from None
    print(f"saved {saved} ({len(download.data):,} bytes, {download.media_type})")
    return 0
